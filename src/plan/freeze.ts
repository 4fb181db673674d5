/**
 * Plans are frozen data, and freezing must never reach into the caller's objects. So shapes taken
 * from the definition (listeners, specs, health checks) go through `frozenCopy` when a resource is
 * built, and the finished resource is frozen in place with `deepFreeze`. Both treat an already
 * frozen object as deeply frozen (the builder's definitions are), so shared parts cost nothing.
 */
export function frozenCopy<T>(value: readonly T[]): T[];
export function frozenCopy<T>(value: T): T;
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map((item) => frozenCopy(item))) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) copy[key] = frozenCopy(child);
  }
  return Object.freeze(copy) as T;
}

/** Freezes a value the plan built itself, in place. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) deepFreeze(record[key]);
  }
  return Object.freeze(value);
}
