/**
 * Helpers that keep definition data plain: no `undefined` keys (so a definition survives a JSON
 * round trip unchanged) and frozen all the way down (so builders can share it safely).
 */

/** Drops keys whose value is `undefined` (one level), so optional fields are absent, not undefined. */
export function plain<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) out[key] = entry;
  }
  return out as T;
}

/**
 * Copies and freezes data, dropping `undefined` keys on the way. Frozen values are taken as they
 * are: everything this function returns is frozen all the way down, so each builder step copies only
 * what the user just passed in. (A value the user froze is trusted the same way; freeze deeply or not
 * at all.)
 */
export function freezeData<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  let out: object;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = freezeData(value[i]);
    out = copy;
  } else {
    const copy: Record<string, unknown> = {};
    for (const key in value) {
      const entry = value[key];
      if (entry !== undefined && Object.hasOwn(value, key)) copy[key] = freezeData(entry);
    }
    out = copy;
  }
  return Object.freeze(out) as T;
}

/**
 * Freezes, in place and all the way down, data that only the builder holds (the replayed draft).
 * Frozen parts are skipped: everything the builder stores was frozen deeply by freezeData already.
 */
export function freezeOwned<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const entry of Object.values(value)) freezeOwned(entry);
  return value;
}
