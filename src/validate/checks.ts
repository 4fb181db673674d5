/**
 * Small field checks shared by the rule modules. Each appends at most one issue to `out`
 * and returns whether the value was acceptable, so callers can skip dependent checks.
 */
import type { Tags } from '../definition/mesh-definition.js';
import { type IssueCode, issue, type PlanIssue, show } from './issue.js';

export interface CheckOptions {
  /** Report a missing value (undefined) instead of accepting it. */
  readonly required?: boolean;
  readonly explanation?: string;
  readonly severity?: 'error' | 'warning';
}

// The common options as shared constants: a new object per check adds up over thousands of resources.
const OPTIONAL: CheckOptions = Object.freeze({});
export const REQUIRED: CheckOptions = Object.freeze({ required: true });

/** `field('listeners', 0)` -> `listeners[0]`; `field('a', 'b')` -> `a.b`; an empty base gives the key alone. */
export function field(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

function push(
  out: PlanIssue[],
  code: IssueCode,
  path: string,
  fieldName: string,
  expected: string,
  received: string,
  options: CheckOptions,
): false {
  out.push(
    issue(code, path, expected, received, {
      field: fieldName,
      ...(options.severity ? { severity: options.severity } : {}),
      ...(options.explanation ? { explanation: options.explanation } : {}),
    }),
  );
  return false;
}

/** A received string, shortened so a 10,000-character value does not flood the message. */
export function showString(value: unknown): string {
  if (typeof value !== 'string') return show(value);
  if (value.length <= 80) return `${show(value)} (${value.length} characters)`;
  return `${show(`${value.slice(0, 60)}...`)} (${value.length} characters)`;
}

function missing(value: unknown, options: CheckOptions): boolean {
  return value === undefined && !options.required;
}

export function checkInteger(
  out: PlanIssue[],
  code: IssueCode,
  path: string,
  fieldName: string,
  value: unknown,
  min: number,
  max?: number,
  options: CheckOptions = OPTIONAL,
): boolean {
  if (missing(value, options)) return true;
  const ok =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= min &&
    (max === undefined || value <= max);
  if (ok) return true;
  const expected = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  return push(out, code, path, fieldName, expected, show(value), options);
}

const MIN_PORT = 1;
const MAX_PORT = 65535;

export function checkPort(
  out: PlanIssue[],
  path: string,
  fieldName: string,
  value: unknown,
  options: CheckOptions = OPTIONAL,
): boolean {
  return checkInteger(out, 'INVALID_PORT', path, fieldName, value, MIN_PORT, MAX_PORT, options);
}

/** Whether a value is a port number (what checkPort accepts), for checks that build on one. */
export function isPort(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_PORT && (value as number) <= MAX_PORT;
}

export function checkLength(
  out: PlanIssue[],
  code: IssueCode,
  path: string,
  fieldName: string,
  value: unknown,
  min: number,
  max: number,
  options: CheckOptions = OPTIONAL,
): boolean {
  if (missing(value, options)) return true;
  if (typeof value === 'string' && value.length >= min && value.length <= max) return true;
  const expected =
    max === Number.POSITIVE_INFINITY
      ? `a string of at least ${min} characters`
      : `a string of ${min} to ${max} characters`;
  return push(out, code, path, fieldName, expected, showString(value), options);
}

/** A string matching `pattern` (which should carry its own length bounds). */
export function checkPattern(
  out: PlanIssue[],
  code: IssueCode,
  path: string,
  fieldName: string,
  value: unknown,
  pattern: RegExp,
  expected: string,
  options: CheckOptions = OPTIONAL,
): boolean {
  if (missing(value, options)) return true;
  if (typeof value === 'string' && pattern.test(value)) return true;
  return push(out, code, path, fieldName, expected, showString(value), options);
}

export function checkOneOf(
  out: PlanIssue[],
  code: IssueCode,
  path: string,
  fieldName: string,
  value: unknown,
  allowed: readonly string[],
  options: CheckOptions = OPTIONAL,
): boolean {
  if (missing(value, options)) return true;
  if (typeof value === 'string' && allowed.includes(value)) return true;
  return push(out, code, path, fieldName, `one of ${allowed.join(', ')}`, show(value), options);
}

export function checkListSize(
  out: PlanIssue[],
  code: IssueCode,
  path: string,
  fieldName: string,
  list: readonly unknown[] | undefined,
  min: number,
  max: number,
  options: CheckOptions = OPTIONAL,
): boolean {
  if (missing(list, options)) return true;
  const size = list?.length ?? 0;
  if (size >= min && size <= max) return true;
  const expected =
    min === max
      ? `exactly ${entries(min)}`
      : max === Number.POSITIVE_INFINITY
        ? `at least ${entries(min)}`
        : `${min} to ${max} entries`;
  return push(out, code, path, fieldName, expected, entries(size), options);
}

const entries = (count: number) => (count === 1 ? '1 entry' : `${count} entries`);

/** App Mesh `Duration`: a whole value >= 0 and a unit of `s` or `ms`. */
export function checkDuration(
  out: PlanIssue[],
  path: string,
  fieldName: string,
  duration: { readonly value?: number | undefined; readonly unit?: string | undefined } | undefined,
  options: CheckOptions = OPTIONAL,
): boolean {
  if (duration === undefined) {
    if (!options.required) return true;
    return push(out, 'INVALID_DURATION', path, fieldName, 'a duration { value, unit }', 'nothing', options);
  }
  const valueOk = checkInteger(
    out,
    'INVALID_DURATION',
    path,
    field(fieldName, 'value'),
    duration.value,
    0,
    undefined,
    REQUIRED,
  );
  const unitOk = checkOneOf(
    out,
    'INVALID_DURATION',
    path,
    field(fieldName, 'unit'),
    duration.unit,
    ['s', 'ms'],
    REQUIRED,
  );
  return valueOk && unitOk;
}

/** AWS tag limits shared by App Mesh, Cloud Map, ECS, IAM and EC2: 50 tags, key 1-128, value 0-256. */
export function checkTags(out: PlanIssue[], path: string, tags: Tags | undefined, fieldName = 'tags'): void {
  if (tags === undefined) return;
  const keys = Object.keys(tags);
  checkListSize(out, 'INVALID_VALUE', path, fieldName, keys, 0, 50, {
    explanation: 'AWS rejects the whole request with TooManyTagsException; no tag is applied.',
  });
  for (const key of keys) {
    checkLength(out, 'INVALID_VALUE', path, `${fieldName}[${JSON.stringify(key)}]`, key, 1, 128);
    checkLength(out, 'INVALID_VALUE', path, `${fieldName}[${JSON.stringify(key)}].value`, tags[key], 0, 256);
  }
}

/**
 * Exactly one member of an SDK union (`{ http } | { tcp } | ...`) is set.
 * Returns the member name, or undefined after reporting.
 */
export function checkUnion<K extends string>(
  out: PlanIssue[],
  path: string,
  fieldName: string,
  value: object | undefined,
  members: readonly K[],
  options: CheckOptions = OPTIONAL,
): K | undefined {
  if (value === undefined) {
    if (options.required) {
      push(out, 'INVALID_VALUE', path, fieldName, `exactly one of ${members.join(', ')}`, 'nothing', options);
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const set = Object.keys(record).filter((key) => record[key] !== undefined);
  const only = set[0] as K;
  if (set.length === 1 && members.includes(only)) return only;
  push(
    out,
    'INVALID_VALUE',
    path,
    fieldName,
    `exactly one of ${members.join(', ')}`,
    set.length === 0 ? 'none' : set.join(', '),
    options,
  );
  return undefined;
}

/** The value of one member of an SDK union (after `checkUnion` picked the member). */
export function memberOf<T>(union: object | undefined, member: string): T | undefined {
  return union === undefined ? undefined : ((union as Record<string, unknown>)[member] as T | undefined);
}
