/** What every handler shares: "not found" errors, polling with the context's sleep, tag lists. */
import { createHash } from 'node:crypto';
import type { HandlerContext } from './types.js';

/** True when the error is one of these AWS error names (the SDK's class name or AWS's code). */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { Code?: unknown; code?: unknown }).Code ?? (error as { code?: unknown }).code;
  return names.includes(error.name) || (typeof code === 'string' && names.includes(code));
}

/** Runs `call`, turning the listed "not found" errors into undefined. */
export async function unlessNotFound<T>(call: () => Promise<T>, ...names: string[]): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isAwsError(error, ...names)) return undefined;
    throw error;
  }
}

/** Options of every `client.send`: the run's abort signal. */
export function sendOptions(ctx: HandlerContext): { abortSignal?: AbortSignal } {
  return ctx.signal === undefined ? {} : { abortSignal: ctx.signal as never };
}

export class WaitTimeoutError extends Error {
  constructor(what: string, waitedMs: number) {
    super(`Gave up waiting after ${waitedMs} ms: ${what}`);
    this.name = 'WaitTimeoutError';
  }
}

const DEFAULT_MAX_WAIT_MS = 15 * 60_000;

/**
 * Polls `check` until it returns a value (not undefined), sleeping `pollIntervalMs` between tries.
 * The SDK's own waiters sleep on real timers in whole seconds and cannot use `ctx.sleep`, so a
 * cloud driven by a manual clock would never move; these loops use the same acceptors instead.
 */
export async function pollUntil<T>(
  ctx: HandlerContext,
  what: string,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const maxWaitMs = ctx.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const interval = Math.max(1, ctx.pollIntervalMs);
  for (let waited = 0; ; waited += interval) {
    ctx.signal?.throwIfAborted();
    const result = await check();
    if (result !== undefined) return result;
    if (waited >= maxWaitMs) throw new WaitTimeoutError(what, waited);
    await ctx.sleep(interval);
  }
}

/** `[{Key, Value}]` (or `{key, value}`) lists as a record. */
export function tagRecord(
  tags: readonly { Key?: string; Value?: string; key?: string; value?: string }[] | undefined,
): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) {
    const key = tag.Key ?? tag.key;
    if (key !== undefined) record[key] = tag.Value ?? tag.value ?? '';
  }
  return record;
}

/**
 * A token for an update: stable across retries of the same update (same desired token, same
 * observed version) but new for the next one, so AWS never replays an older update.
 */
export function updateToken(desiredToken: string | undefined, observedVersion: unknown): string {
  return createHash('sha256')
    .update(`update\n${desiredToken ?? ''}\n${String(observedVersion)}`)
    .digest('hex')
    .slice(0, 32);
}
