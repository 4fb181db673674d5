/**
 * The "received" text of an issue. JSON for plain data, and what JSON cannot say written out as
 * JavaScript would: NaN, Infinity, 10n, undefined, Symbol(x), a function, a Map. Safe on any value:
 * an object inside itself shows as [circular], and nesting past a few levels as {...}.
 */
import { describeObject, isPlainObject, notDataOf } from '../definition/not-data.js';

/** Levels shown of a nested value: enough for a listener or a match, short for a 100,000-deep one. */
const SHOWN_LEVELS = 8;

export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return shown(value, []);
}

function shown(value: unknown, enclosing: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return value.toString();
    case 'function':
      return value.name === '' ? 'a function' : `function ${value.name}`;
  }
  if (value === null) return 'null';
  const object = value as object;
  const standIn = notDataOf(object);
  if (standIn !== undefined) return standIn.received;
  if (enclosing.includes(object)) return '[circular]';
  const isArray = Array.isArray(object);
  if (!isArray && !isPlainObject(object)) return describeObject(object);
  if (enclosing.length >= SHOWN_LEVELS) return isArray ? '[...]' : '{...}';
  enclosing.push(object);
  try {
    if (isArray) {
      const items: string[] = [];
      for (let i = 0; i < object.length; i++) items.push(shown(object[i], enclosing));
      return `[${items.join(',')}]`;
    }
    const entries: string[] = [];
    for (const key of Object.keys(object)) {
      const entry = (object as Record<string, unknown>)[key];
      // As JSON: an absent optional field is not shown.
      if (entry !== undefined) entries.push(`${JSON.stringify(key)}:${shown(entry, enclosing)}`);
    }
    return `{${entries.join(',')}}`;
  } finally {
    enclosing.pop();
  }
}
