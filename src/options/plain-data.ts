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

/** Values this module froze: already clean, reused as they are. */
const frozenHere = new WeakSet<object>();

/**
 * Copies and freezes data, dropping `undefined` keys on the way. Values this function froze before
 * are reused as they are, so each builder step only copies what the user just passed in (a value the
 * user froze is still copied: it may hold mutable or undefined parts).
 */
export function freezeData<T>(value: T): T {
  if (value === null || typeof value !== 'object' || frozenHere.has(value)) return value;
  let out: object;
  if (Array.isArray(value)) {
    out = value.map((entry) => freezeData(entry));
  } else {
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry !== undefined) copy[key] = freezeData(entry);
    }
    out = copy;
  }
  Object.freeze(out);
  frozenHere.add(out);
  return out as T;
}
