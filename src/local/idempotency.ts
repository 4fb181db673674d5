/**
 * Idempotency tokens (App Mesh clientToken, Cloud Map CreatorRequestId, ECS clientToken):
 * the same token with the same request gives the first call's result again; the same token with
 * a different request is the service's conflict error.
 */

export interface TokenRecord {
  readonly fingerprint: string;
  /** What the service needs to answer the repeat (a resource name, an operation id): plain data. */
  readonly remembered: unknown;
}

/** Kept in the service's state, by `<operation>:<token>`. */
export type TokenStore = Record<string, TokenRecord>;

/** What a token says about a request: never seen, seen with this same request, or with another one. */
export type TokenLookup<T> =
  | { readonly kind: 'new' }
  | { readonly kind: 'same'; readonly remembered: T }
  | { readonly kind: 'different' };

const NEW: TokenLookup<never> = { kind: 'new' };
const DIFFERENT: TokenLookup<never> = { kind: 'different' };

function keyOf(operation: string, token: string): string {
  return `${operation}:${token}`;
}

/** Whether this token (absent: new) was used before for this operation, and with the same request. */
export function lookupToken<T>(
  store: TokenStore,
  operation: string,
  token: string | undefined,
  request: unknown,
): TokenLookup<T> {
  if (token === undefined) return NEW;
  const record = store[keyOf(operation, token)];
  if (record === undefined) return NEW;
  if (record.fingerprint !== canonicalJson(request)) return DIFFERENT;
  return { kind: 'same', remembered: record.remembered as T };
}

/**
 * What was remembered for this token, when it was used before with the same request;
 * undefined when the token is new (or absent). Throws `conflict()` when it was used with another request.
 */
export function replayToken<T>(
  store: TokenStore,
  operation: string,
  token: string | undefined,
  request: unknown,
  conflict: () => Error,
): T | undefined {
  const found = lookupToken<T>(store, operation, token, request);
  if (found.kind === 'different') throw conflict();
  return found.kind === 'same' ? found.remembered : undefined;
}

export function rememberToken(
  store: TokenStore,
  operation: string,
  token: string | undefined,
  request: unknown,
  remembered: unknown,
): void {
  if (token === undefined) return;
  store[keyOf(operation, token)] = { fingerprint: canonicalJson(request), remembered };
}

/** JSON with object keys sorted, so that two equal requests compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
