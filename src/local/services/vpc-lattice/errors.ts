/**
 * VPC Lattice's errors, as the SDK raises them (its modeled exceptions with their extra members).
 * Input constraints use AWS's common wording ("1 validation error detected: ..."); the wording of
 * the not-found and conflict messages is not documented and is ours [U], except where a comment
 * says where AWS's own wording comes from.
 */
import {
  ConflictException,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-vpc-lattice';
import { awsError } from '../../aws-error.js';

/** The SDK's own classes take their required members in the constructor. */
const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

/** A model constraint of one field: `reason` fieldValidationFailed, the field in `fieldList`. */
export function invalidField(field: string, value: unknown, constraint: string): ValidationException {
  return new ValidationException({
    message: `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
    reason: 'fieldValidationFailed',
    fieldList: [{ name: field, message: constraint }],
    ...meta(400),
  });
}

/** A rule of the service beyond the model's constraints. */
export function invalidRequest(message: string): ValidationException {
  return new ValidationException({ message, reason: 'other', ...meta(400) });
}

/** What a resource type is called in error messages and in `resourceType`. */
export type ResourceType =
  | 'SERVICE_NETWORK'
  | 'SERVICE_NETWORK_VPC_ASSOCIATION'
  | 'SERVICE_NETWORK_SERVICE_ASSOCIATION'
  | 'SERVICE'
  | 'TARGET_GROUP'
  | 'LISTENER'
  | 'RULE'
  | 'AUTH_POLICY';

const LABELS: Record<ResourceType, string> = {
  SERVICE_NETWORK: 'Service network',
  SERVICE_NETWORK_VPC_ASSOCIATION: 'Service network VPC association',
  SERVICE_NETWORK_SERVICE_ASSOCIATION: 'Service network service association',
  SERVICE: 'Service',
  TARGET_GROUP: 'Target group',
  LISTENER: 'Listener',
  RULE: 'Rule',
  AUTH_POLICY: 'Auth policy',
};

export function notFound(resourceType: ResourceType, resourceId: string): ResourceNotFoundException {
  return new ResourceNotFoundException({
    message: `${LABELS[resourceType]} ${resourceId} was not found.`,
    resourceId,
    resourceType,
    ...meta(404),
  });
}

export function conflict(message: string, resourceType: ResourceType, resourceId: string): ConflictException {
  return new ConflictException({ message, resourceId, resourceType, ...meta(409) });
}

export function nameTaken(resourceType: ResourceType, name: string): ConflictException {
  return conflict(`${LABELS[resourceType]} with name ${name} already exists.`, resourceType, name);
}

/** The ConflictException's documented meaning for a client token reused with other parameters. */
export function tokenReused(resourceType: ResourceType, token: string): ConflictException {
  return conflict(
    'The client token was used before with different parameters: if the parameters are not identical, the retry fails.',
    resourceType,
    token,
  );
}

export const throttled = (message: string) => awsError(ThrottlingException, message, 429);
export const internalFailure = (message: string) => awsError(InternalServerException, message, 500);
