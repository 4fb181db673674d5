/**
 * CreatorRequestId, Cloud Map's idempotency token. The SDK fills it with a fresh uuid when the
 * caller omits it, so only a caller that passes a stable one gets a replay.
 *
 * - same token, same request, operation finished: the first call's result again (same OperationId,
 *   same service);
 * - same token, same request, operation still running: DuplicateRequest with DuplicateOperationId
 *   (AWS's DuplicateRequest is "The operation is already in progress");
 * - same token, different request: InvalidInput. DuplicateRequest would claim the operation is in
 *   progress, which it is not (a different one was asked for), and CreateService's model does not
 *   even declare DuplicateRequest; InvalidInput is the one error every one of these operations declares.
 */
import type { TokenLookup } from '../../idempotency.js';
import type { World } from '../../world.js';
import { duplicateRequest, isRunning } from './operations.js';
import { invalidInput } from './state.js';

/** What a create that starts an operation remembers for its token. */
export interface RememberedOperation {
  readonly operationId: string;
}

/**
 * For the same request again: the first call's OperationId, or DuplicateRequest while that
 * operation still runs. Undefined for a new token or another request.
 */
export function replayOperation(
  world: World,
  lookup: TokenLookup<RememberedOperation>,
): { OperationId: string } | undefined {
  if (lookup.kind !== 'same') return undefined;
  const { operationId } = lookup.remembered;
  const previous = world.state.cloudMap.operations[operationId];
  if (previous !== undefined && isRunning(previous)) throw duplicateRequest(previous.id);
  return { OperationId: operationId };
}

/** Throws InvalidInput when the token was used before with another request (after the other checks). */
export function refuseReusedToken(
  lookup: TokenLookup<unknown>,
  operation: string,
  token: string | undefined,
): void {
  if (lookup.kind === 'different') {
    throw invalidInput(`CreatorRequestId ${token} was already used with a different ${operation} request.`);
  }
}
