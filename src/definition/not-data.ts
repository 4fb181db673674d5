/**
 * What counts as data in a definition, and the stand-ins the builder stores for a value that is not.
 * A definition is JSON-shaped: objects, arrays, strings, finite numbers, booleans and null. Untyped
 * callers (plain JavaScript, JSON from a file, `as any`) can pass anything else; the builder never
 * crashes on it, and validation reports it.
 */

/**
 * How deep a definition may nest, counted from the MeshDefinition itself. The deepest real one is
 * about 12 levels (a gateway route's header range match); the bound keeps every recursive walk of
 * a definition (copying, validation, planning, hashing, rendering) far inside the call stack.
 */
export const MAX_NESTING = 64;

export type NotDataCode = 'CIRCULAR_DATA' | 'TOO_DEEP' | 'NOT_PLAIN_DATA';

export interface NotData {
  readonly code: NotDataCode;
  /** The "received" text. */
  readonly received: string;
}

/**
 * The stand-ins' prototype: not Object's, so walks that take Object's prototype as "plain" look closer
 * at them, and with a toString, so a stand-in used as a name in a template string does not throw.
 */
const STAND_IN: object = Object.freeze(
  Object.create(null, { toString: { value: () => '[not data]' } }) as object,
);

/** The stand-ins the builder made, and why: a WeakMap, so a stand-in is an empty object in JSON. */
const standIns = new WeakMap<object, NotData>();

/**
 * An empty frozen object that takes the place of a value the builder could not copy as data (an
 * object inside itself, nesting past MAX_NESTING, a Map or class instance). Validation reports it.
 */
export function notData(code: NotDataCode, received: string): object {
  const standIn = Object.freeze(Object.create(STAND_IN) as object);
  standIns.set(standIn, Object.freeze({ code, received }));
  return standIn;
}

/** Why `value` is a stand-in, or undefined for any other value. */
export function notDataOf(value: object): NotData | undefined {
  return standIns.get(value);
}

/**
 * Whether an object (not an array) is a plain record: its prototype is Object's or null. An object
 * literal with `__proto__: {...}` is not one (its own keys hide the prototype's, which copies lose),
 * nor is a Map, a Date or a class instance. A null-prototype object of another realm counts too.
 */
export function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return true;
  return (
    Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(value) === '[object Object]'
  );
}

/** What a non-plain object is, for a message: `a Map`, `an instance of Color`, ... */
export function describeObject(value: object): string {
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (tag !== 'Object') return `${/^[AEIOU]/.test(tag) ? 'an' : 'a'} ${tag}`;
  const prototype = Object.getPrototypeOf(value) as object | null;
  const maker =
    prototype !== null && Object.hasOwn(prototype, 'constructor') ? prototype.constructor : undefined;
  if (typeof maker === 'function' && maker.name !== '') return `an instance of ${maker.name}`;
  return 'an object with a prototype of its own (as `__proto__: {...}` in an object literal makes)';
}
