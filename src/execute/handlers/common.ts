/** What every handler shares: "not found" errors, the SDK's waiters, polling where the SDK has none, tag lists. */
import { sha256Hex } from '../../sha256.js';
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

/**
 * Options of every `client.send`: the run's abort signal. None without one, so that a client
 * with `cacheMiddleware` reuses its resolved middleware stack (the SDK only does for sends
 * without options).
 */
export function sendOptions(ctx: HandlerContext): { abortSignal: AbortSignal } | undefined {
  return ctx.signal === undefined ? undefined : { abortSignal: ctx.signal as never };
}

export class WaitTimeoutError extends Error {
  constructor(what: string, waitedMs: number, options?: ErrorOptions) {
    super(`Gave up waiting after ${waitedMs} ms: ${what}`, options);
    this.name = 'WaitTimeoutError';
  }
}

/** An SDK waiter reached one of its failure states: what it waited for cannot happen any more. */
export class WaitFailedError extends Error {
  constructor(what: string, why: string, options?: ErrorOptions) {
    super(`Stopped waiting for ${what}: ${why}`, options);
    this.name = 'WaitFailedError';
  }
}

const DEFAULT_MAX_WAIT_MS = 15 * 60_000;

/**
 * What every SDK waiter takes besides its client, in its unit (seconds): a fixed delay of
 * `pollIntervalMs` (minDelay = maxDelay: no backoff), `maxWaitMs` as the limit, the run's signal.
 * Fractions are fine: @smithy/util-waiter only requires delays > 0 and maxWaitTime > minDelay,
 * and sleeps `seconds * 1000` ms.
 */
export function waiterSettings(ctx: HandlerContext): {
  maxWaitTime: number;
  minDelay: number;
  maxDelay: number;
  abortSignal?: AbortSignal;
} {
  const delayMs = Math.max(1, ctx.pollIntervalMs);
  const maxWaitMs = Math.max(ctx.maxWaitMs ?? DEFAULT_MAX_WAIT_MS, delayMs + 1);
  return {
    maxWaitTime: maxWaitMs / 1000,
    minDelay: delayMs / 1000,
    maxDelay: delayMs / 1000,
    ...(ctx.signal === undefined ? {} : { abortSignal: ctx.signal }),
  };
}

/**
 * Runs one of the SDK's waiters (a `waitUntil...`) with `waiterSettings`, and turns its errors
 * into ones that name the resource: aborted -> the signal's reason, timed out -> WaitTimeoutError,
 * a failure state -> WaitFailedError (`failure` says what the waiter's failure states mean).
 */
export async function untilWaited<R>(
  ctx: HandlerContext,
  what: string,
  waiter: (settings: ReturnType<typeof waiterSettings>) => Promise<R>,
  failure = 'it reached a state the waiter treats as failure',
): Promise<R> {
  try {
    return await waiter(waiterSettings(ctx));
  } catch (error) {
    ctx.signal?.throwIfAborted();
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new WaitTimeoutError(what, waiterSettings(ctx).maxWaitTime * 1000, { cause: error });
    }
    throw new WaitFailedError(what, failure, { cause: error });
  }
}

/**
 * Polls `check` until it returns a value (not undefined), sleeping `pollIntervalMs` between tries.
 * Only for waits the SDK has no waiter for (Cloud Map operations, reads catching up with a write).
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
  return sha256Hex(`update\n${desiredToken ?? ''}\n${String(observedVersion)}`).slice(0, 32);
}
