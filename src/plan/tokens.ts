/**
 * Idempotency tokens. AWS SDK v3 fills a random clientToken when none is given, so a retried
 * create would not be recognised; creates carry stable ones instead (aws-facts 3.2, 4, 5.4).
 * A plan holds desired state only: the token is derived from the planned resource when its create
 * is sent (the executor, which also salts it per run) or written out (the CLI files). Deriving one
 * serialises the whole input, which was half of what plan() cost.
 */
import { sha256Hex } from '../sha256.js';
import type { PlannedResource, ResourceKind } from './resource.js';

/** The idempotency token each kind's create takes; the other kinds take none. */
const TOKEN_FIELDS: Partial<Record<ResourceKind, 'clientToken' | 'CreatorRequestId'>> = {
  cloudMapNamespace: 'CreatorRequestId',
  cloudMapHttpNamespace: 'CreatorRequestId',
  cloudMapService: 'CreatorRequestId',
  mesh: 'clientToken',
  virtualNode: 'clientToken',
  virtualRouter: 'clientToken',
  route: 'clientToken',
  virtualService: 'clientToken',
  virtualGateway: 'clientToken',
  gatewayRoute: 'clientToken',
  ecsService: 'clientToken',
  latticeServiceNetwork: 'clientToken',
  latticeVpcAssociation: 'clientToken',
  latticeService: 'clientToken',
  latticeServiceAssociation: 'clientToken',
  latticeTargetGroup: 'clientToken',
  latticeListener: 'clientToken',
  latticeRule: 'clientToken',
};

/**
 * App Mesh, ECS and VPC Lattice `clientToken`: 32 hex characters (within 36 of `[A-Za-z0-9_-]`; VPC
 * Lattice takes up to 64 printable characters) from the
 * resource id and its desired input. The same spec retries safely; a changed spec gets a new
 * token instead of a ConflictException for reusing the old one. Plain JSON.stringify (key order
 * as built, which is fixed for a given definition): sorting keys cost more than the whole plan.
 */
export function clientToken(resourceId: string, desiredInput: unknown): string {
  return sha256Hex(`${resourceId}\n${JSON.stringify(desiredInput)}`).slice(0, 32);
}

/** Cloud Map `CreatorRequestId` (at most 64 characters): from the resource id alone. */
export function creatorRequestId(resourceId: string): string {
  return sha256Hex(resourceId);
}

/**
 * `input` (the resource's planned input, or what it resolved to) with the idempotency token of the
 * resource's create added last; `input` itself for kinds whose create takes none. With a `runId`
 * (the executor's), the token is salted by it, at the same length: a retried or resumed create of
 * one run repeats its token, while a later run's create is a new request.
 */
export function withIdempotencyToken<T extends object>(
  resource: PlannedResource,
  input: T,
  runId?: string,
): T {
  const field = TOKEN_FIELDS[resource.kind];
  if (field === undefined) return input;
  const token =
    field === 'clientToken' ? clientToken(resource.id, resource.input) : creatorRequestId(resource.id);
  const sent = runId === undefined ? token : sha256Hex(`${token}/${runId}`).slice(0, token.length);
  return { ...input, [field]: sent };
}
