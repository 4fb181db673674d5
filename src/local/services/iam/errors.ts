/** IAM's errors: modeled exceptions with AWS's status codes, and the unmodeled ValidationError/Throttling. */
import type { IAMServiceException } from '@aws-sdk/client-iam';
import { iamSdk } from '../../../sdk.js';
import { awsError, unmodeledError } from '../../aws-error.js';

export const noSuchEntity = (message: string) => awsError(iamSdk().NoSuchEntityException, message, 404);
export const alreadyExists = (message: string) =>
  awsError(iamSdk().EntityAlreadyExistsException, message, 409);
export const deleteConflict = (message: string) => awsError(iamSdk().DeleteConflictException, message, 409);
export const malformed = (message: string) =>
  awsError(iamSdk().MalformedPolicyDocumentException, message, 400);
export const invalidInput = (message: string) => awsError(iamSdk().InvalidInputException, message, 400);
export const limitExceeded = (message: string) => awsError(iamSdk().LimitExceededException, message, 409);

export function validationError(message: string): IAMServiceException {
  return unmodeledError(iamSdk().IAMServiceException, 'ValidationError', message, 400);
}

export const roleNotFound = (roleName: string) =>
  noSuchEntity(`The role with name ${roleName} cannot be found.`);
