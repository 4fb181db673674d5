import type { Duration } from '@aws-sdk/client-app-mesh';

/** A duration: `'15s'`, `'500ms'`, or the SDK's `{ value, unit }`. */
export type DurationInput = `${number}s` | `${number}ms` | Duration;

const DURATION_TEXT = /^(-?\d+(?:\.\d+)?)(ms|s)$/;

/**
 * The SDK Duration for `'15s'`, `'500ms'` or `{ value, unit }` (passed through).
 * Values are not range-checked here: `plan()` reports bad durations with every other issue.
 */
export function duration(input: DurationInput): Duration {
  if (typeof input === 'object' && input !== null) return { value: input.value, unit: input.unit };
  const match = typeof input === 'string' ? DURATION_TEXT.exec(input) : null;
  if (!match) {
    throw new TypeError(`Expected a duration like \`15s\` or \`500ms\`, received \`${String(input)}\``);
  }
  return { value: Number(match[1]), unit: match[2] as 'ms' | 's' };
}

/** Milliseconds for a duration input; a bare number is already milliseconds. */
export function durationMillis(input: DurationInput | number): number {
  if (typeof input === 'number') return input;
  const { value, unit } = duration(input);
  return unit === 's' ? (value ?? 0) * 1000 : (value ?? 0);
}
