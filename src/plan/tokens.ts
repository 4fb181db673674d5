/**
 * Idempotency tokens. AWS SDK v3 fills a random clientToken when none is given, so a retried
 * create would not be recognised; the plan derives stable ones instead (aws-facts 3.2, 4, 5.4).
 */
import { sha256Hex } from '../sha256.js';

/**
 * App Mesh and ECS `clientToken`: 32 hex characters (within 36 of `[A-Za-z0-9_-]`) from the
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

/** Adds a `clientToken` derived from everything else in the input (a fresh object the caller built). */
export function withClientToken<T extends object>(resourceId: string, input: T): T & { clientToken: string } {
  const withToken = input as T & { clientToken: string };
  withToken.clientToken = clientToken(resourceId, input);
  return withToken;
}
