/**
 * Helpers that keep definition data plain: no `undefined` keys (so a definition survives a JSON
 * round trip unchanged) and frozen all the way down (so builders can share it safely).
 */

/**
 * The tags of a resource that has none: one frozen object that every such resource shares (freezeData
 * keeps frozen values as they are), rather than an empty object each.
 */
export const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

/** Drops keys whose value is `undefined` (one level), so optional fields are absent, not undefined. */
export function plain<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const entry = value[key];
    if (entry !== undefined && Object.hasOwn(value, key)) out[key] = entry;
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

const lastCopies = new WeakMap<object, unknown>();

/**
 * freezeData for an argument users tend to pass again and again (a listener declared once and given
 * to every node): while the object still holds the data of its last copy, that copy is returned, so
 * the definition stores it once. Keys are held weakly, and nothing of the user's is frozen.
 */
export function freezeShared<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const previous = lastCopies.get(value);
  if (previous !== undefined && sameData(value, previous)) return previous as T;
  const copy = freezeData(value);
  lastCopies.set(value, copy);
  return copy;
}

/** Whether `copy` (a freezeData result) holds the same data as `value` does now. */
function sameData(value: unknown, copy: unknown): boolean {
  if (value === copy) return true;
  if (value === null || typeof value !== 'object' || copy === null || typeof copy !== 'object') return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(copy) || copy.length !== value.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameData(value[i], copy[i])) return false;
    return true;
  }
  let count = 0;
  for (const key in value) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry === undefined || !Object.hasOwn(value, key)) continue;
    if (!sameData(entry, (copy as Record<string, unknown>)[key])) return false;
    count++;
  }
  return count === Object.keys(copy).length;
}

/**
 * Freezes, in place and all the way down, data that only the builder holds (the replayed draft).
 * Frozen parts are skipped: everything the builder stores was frozen deeply by freezeData already.
 * Children first: V8 iterates a frozen array several times slower than a plain one.
 */
export function freezeOwned<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) for (const item of value) freezeOwned(item);
  else for (const key in value) freezeOwned(value[key]);
  return Object.freeze(value);
}
