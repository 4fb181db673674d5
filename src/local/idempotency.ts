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
  if (token === undefined) return undefined;
  const record = store[`${operation}:${token}`];
  if (record === undefined) return undefined;
  if (record.fingerprint !== canonicalJson(request)) throw conflict();
  return record.remembered as T;
}

export function rememberToken(
  store: TokenStore,
  operation: string,
  token: string | undefined,
  request: unknown,
  remembered: unknown,
): void {
  if (token === undefined) return;
  store[`${operation}:${token}`] = { fingerprint: canonicalJson(request), remembered };
}

/** JSON with object keys sorted, so that two equal requests compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
