/**
 * Helpers that keep definition data plain: no `undefined` keys (so a definition survives a JSON
 * round trip unchanged) and frozen all the way down (so builders can share it safely).
 */

import { describeObject, isPlainObject, MAX_NESTING, notData } from '../definition/not-data.js';

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
