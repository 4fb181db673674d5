/**
 * App Mesh's errors with AWS's wording where it is known (aws-facts 3.3-3.4, quoted from real
 * responses); otherwise a message that names the resource and its mesh.
 */
import {
  BadRequestException,
  ConflictException,
  LimitExceededException,
  NotFoundException,
  ResourceInUseException,
  TooManyTagsException,
} from '@aws-sdk/client-app-mesh';
import { awsError } from '../../aws-error.js';
import type { World } from '../../world.js';
import type { Kind } from './kinds.js';
import type { Address } from './records.js';

export function badRequest(message: string): BadRequestException {
  return awsError(BadRequestException, message, 400);
}

/** The wording AWS uses for a modeled constraint of a field. */
export function invalidField(path: string, value: unknown, constraint: string): BadRequestException {
  return badRequest(
    `1 validation error detected: Value '${String(value)}' at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

function where(kind: Kind, address: Address): string {
  if (kind.label === 'Mesh') return '';
  const parent = kind.parent === undefined ? '' : ` in ${kind.parent.label} ${address.parentName}`;
  return `${parent} under mesh ${address.meshName}`;
}

/** As AWS words it: `VirtualNode with name red is not present under mesh color-mesh for account ...`. */
export function notFound(world: World, kind: Kind, address: Address): NotFoundException {
  return awsError(
    NotFoundException,
    `${kind.label} with name ${address.name} is not present${where(kind, address)} for account ${world.accountId}`,
    404,
  );
}

export function nameTaken(kind: Kind, address: Address): ConflictException {
  return awsError(
    ConflictException,
    `${kind.label} with name ${address.name} already exists${where(kind, address)}`,
    409,
  );
}

/** The ConflictException's own documentation. */
export function tokenReused(): ConflictException {
  return awsError(
    ConflictException,
    'The request contains a client token that was used for a previous update resource call with different specifications. Try the request again with a new client token.',
    409,
  );
}

export function limitExceeded(message: string): LimitExceededException {
  return awsError(LimitExceededException, message, 400);
}

export function inUse(message: string): ResourceInUseException {
  return awsError(ResourceInUseException, message, 409);
}

export function tooManyTags(): TooManyTagsException {
  return awsError(
    TooManyTagsException,
    'The request exceeds the maximum allowed number of tags allowed per resource. The current limit is 50.',
    400,
  );
}
