/**
 * Helpers that keep definition data plain: no `undefined` keys (so a definition survives a JSON
 * round trip unchanged) and frozen all the way down (so builders can share it safely).
 */

import { describeObject, isPlainObject, MAX_NESTING, notData, notDataOf } from '../definition/not-data.js';

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
 *
 * Untyped callers can pass what is not data; it never crashes here, and validation reports it: an
 * object inside itself, nesting past MAX_NESTING and objects that are not plain records (a Map, a
 * class instance, a literal with `__proto__: {...}`) are stored as stand-ins (see not-data.ts), and
 * an own `__proto__` key (JSON.parse makes one) is kept as a key.
 */
export function freezeData<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  copying.length = 0; // a copy that threw (a getter) may have left its objects here
  return copyData(value, 0);
}

/** The objects being copied, outermost first: an object inside itself is one of them. */
const copying: object[] = [];

function copyData<T>(value: T, depth: number): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const standIn = notDataStandIn(value, depth);
  if (standIn !== undefined) return standIn as T;
  copying.push(value);
  let out: object;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyData(value[i], depth + 1);
    out = copy;
  } else {
    const copy: Record<string, unknown> = {};
    for (const key in value) {
      const entry = value[key];
      if (entry === undefined || !Object.hasOwn(value, key)) continue;
      const copied = copyData(entry, depth + 1);
      // An assignment to `__proto__` would set the copy's prototype (or do nothing) instead.
      if (key === '__proto__') Object.defineProperty(copy, key, { value: copied, enumerable: true });
      else copy[key] = copied;
    }
    out = copy;
  }
  copying.pop();
  return Object.freeze(out) as T;
}

/** The stand-in for an object that is not data (see freezeData), or undefined for data. */
function notDataStandIn(value: object, depth: number): object | undefined {
  if (depth >= MAX_NESTING) return notData('TOO_DEEP', `more than ${MAX_NESTING} levels`);
  if (copying.includes(value)) return notData('CIRCULAR_DATA', 'a reference back to an enclosing object');
  if (!Array.isArray(value) && !isPlainObject(value)) return notData('NOT_PLAIN_DATA', describeObject(value));
  return undefined;
}

/**
 * freezeData for a new object that only the caller holds (a factory's result, a literal): frozen in
 * place rather than copied, with the same result. Its fields may hold the user's objects, and go
 * through freezeData.
 */
export function freezeFresh<T extends object>(value: T): T {
  if (Object.isFrozen(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (child === undefined) {
      delete record[key]; // as freezeData drops it
      continue;
    }
    const frozen = freezeData(child);
    if (frozen !== child) record[key] = frozen;
  }
  return Object.freeze(value);
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

/**
 * freezeShared that also reuses the last copy it made while the values passed hold the same data:
 * factories make a new object per call, so `logging.file('/dev/stdout')` written out for every node
 * would otherwise be stored once per node. One per call site: the values of one kind repeat.
 */
export function sharedCopies<T>(): (value: T) => T {
  let last: T | undefined;
  return (value) => {
    if (last === undefined || !sameData(value, last)) last = freezeShared(value);
    return last;
  };
}

/**
 * Whether `copy` (a freezeData result) holds the same data as `value` does now. A stand-in never
 * does (a new copy describes the value as it is now), and the depth is bounded as the copy's is.
 */
function sameData(value: unknown, copy: unknown, depth = 0): boolean {
  if (value === copy) return true;
  if (value === null || typeof value !== 'object' || copy === null || typeof copy !== 'object') return false;
  if (depth >= MAX_NESTING || notDataOf(copy) !== undefined) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(copy) || copy.length !== value.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameData(value[i], copy[i], depth + 1)) return false;
    return true;
  }
  let count = 0;
  for (const key in value) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry === undefined || !Object.hasOwn(value, key)) continue;
    if (!sameData(entry, (copy as Record<string, unknown>)[key], depth + 1)) return false;
    count++;
  }
  // Counted rather than Object.keys(copy).length: no array per object, on every call with a shared listener.
  for (const _ in copy) count--;
  return count === 0;
}

/**
 * Freezes data that only the builder holds (the replayed draft, a factory's new result), all the way
 * down: objects in place, lists as copies of exactly their length (a list filled by push keeps up to
 * 16 spare slots, and freezing keeps them for the life of the definition). Frozen parts are skipped:
 * everything the builder stores was frozen deeply by freezeData already. Children first: V8 iterates
 * a frozen array several times slower than a plain one.
 */
export function freezeOwned<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    const copy = value.slice();
    for (let i = 0; i < copy.length; i++) copy[i] = freezeOwned(copy[i]);
    return Object.freeze(copy) as T;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    const frozen = freezeOwned(child);
    if (frozen !== child) record[key] = frozen;
  }
  return Object.freeze(value);
}
