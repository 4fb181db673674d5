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
import { canonicalJson, type TokenStore } from '../../idempotency.js';
import { invalidInput } from './state.js';

/** What the token remembered, or undefined for a new token. */
export function replayCreatorRequest<T>(
  store: TokenStore,
  operation: string,
  token: string | undefined,
  request: object,
): T | undefined {
  if (token === undefined) return undefined;
  const record = store[`${operation}:${token}`];
  if (record === undefined || record.fingerprint !== canonicalJson(withoutToken(request))) return undefined;
  return record.remembered as T;
}

/** Throws InvalidInput when the token was used before with another request (after the other checks). */
export function refuseReusedToken(store: TokenStore, operation: string, token: string | undefined): void {
  if (token !== undefined && store[`${operation}:${token}`] !== undefined) {
    throw invalidInput(`CreatorRequestId ${token} was already used with a different ${operation} request.`);
  }
}

export function rememberCreatorRequest(
  store: TokenStore,
  operation: string,
  token: string | undefined,
  request: object,
  remembered: unknown,
): void {
  if (token === undefined) return;
  store[`${operation}:${token}`] = { fingerprint: canonicalJson(withoutToken(request)), remembered };
}

function withoutToken(request: object): object {
  const { CreatorRequestId: _token, ...rest } = request as { CreatorRequestId?: string };
  return rest;
}
