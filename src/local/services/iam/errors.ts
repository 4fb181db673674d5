/** IAM's errors: modeled exceptions with AWS's status codes, and the unmodeled ValidationError/Throttling. */
import {
  DeleteConflictException,
  EntityAlreadyExistsException,
  IAMServiceException,
  InvalidInputException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { awsError, unmodeledError } from '../../aws-error.js';

export const noSuchEntity = (message: string) => awsError(NoSuchEntityException, message, 404);
export const alreadyExists = (message: string) => awsError(EntityAlreadyExistsException, message, 409);
export const deleteConflict = (message: string) => awsError(DeleteConflictException, message, 409);
export const malformed = (message: string) => awsError(MalformedPolicyDocumentException, message, 400);
export const invalidInput = (message: string) => awsError(InvalidInputException, message, 400);
export const limitExceeded = (message: string) => awsError(LimitExceededException, message, 409);

export function validationError(message: string): IAMServiceException {
  return unmodeledError(IAMServiceException, 'ValidationError', message, 400);
}

export const roleNotFound = (roleName: string) =>
  noSuchEntity(`The role with name ${roleName} cannot be found.`);
