/**
 * Retries with p-retry (exponential backoff with jitter, bounded by attempts and total time) for
 * the errors that go away by themselves; anything else fails at once with AWS's message.
 * Throttling, server errors and network errors are recognised as the SDK's own retry strategy
 * does (@smithy/core/retry), so that the lists follow the SDK's.
 */
import { createRequire } from 'node:module';
import type * as SmithyRetry from '@smithy/core/retry';
import pRetry, { AbortError } from 'p-retry';

/**
 * Required on first use: `isTransient` is synchronous and part of what importing the library loads,
 * and importing @smithy/core from an ES module costs more than the rest of that import. Its
 * functions are pure, so this copy and the one the SDK's clients use need not be the same.
 */
let loadedSmithyRetry: typeof SmithyRetry | undefined;
// Kept once loaded: every failed call asks, and resolving the module anew each time is not free.
const smithyRetry = (): typeof SmithyRetry =>
  (loadedSmithyRetry ??= createRequire(import.meta.url)('@smithy/core/retry') as typeof SmithyRetry);

export interface RetrySettings {
  /** Retries after the first attempt. */
  readonly retries: number;
  /**
   * Retries when AWS throttles: a throttled call did nothing and will pass once the rate drops,
   * so it gets more patience than other errors. The larger of the two counts bounds a mix of both.
   */
  readonly throttlingRetries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts after this long in total. */
  readonly maxTotalMs: number;
}

export const DEFAULT_RETRY: RetrySettings = Object.freeze({
  retries: 10,
  throttlingRetries: 30,
  minDelayMs: 200,
  maxDelayMs: 10_000,
  maxTotalMs: 5 * 60_000,
});

interface AwsErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
  $retryable?: { throttling?: boolean };
}

function shapeOf(error: unknown): AwsErrorShape {
  return error !== null && typeof error === 'object' ? (error as AwsErrorShape) : {};
}

/**
 * App Mesh, ECS, IAM and CloudWatch Logs raise LimitExceededException for a quota, which waiting
 * does not lift; the SDK's throttling list has it for other services.
 */
const QUOTA = 'LimitExceededException';

/** AWS refused the call for its rate, before doing anything: sending it again is always safe. */
export function isThrottled(error: unknown): boolean {
  const e = shapeOf(error);
  return e.name !== QUOTA && smithyRetry().isThrottlingError(e as never);
}

/** A 5xx: AWS failed, and may or may not have done what was asked. */
export function isServerError(error: unknown): boolean {
  const e = shapeOf(error);
  return e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * The connection failed or timed out (TimeoutError, ECONNRESET, EPIPE, ETIMEDOUT, ECONNREFUSED,
 * EAI_AGAIN, ...: what the SDK's node-http-handler raises), or AWS marked the error retryable.
 * The call may or may not have taken effect. Judged on the error alone, not on its `cause`: an
 * error of ours that wraps a timeout (a waiter that gave up) is not a network error.
 */
export function isConnectionError(error: unknown): boolean {
  const e = shapeOf(error);
  return smithyRetry().isTransientError({
    name: e.name,
    message: e.message,
    code: e.code,
    $metadata: e.$metadata ?? {},
    $retryable: e.$retryable,
  } as never);
}

/** ECS and ELBv2 report a just-created role, registry or security group they cannot see yet as a bad parameter. */
const NOT_YET_VISIBLE =
  /unable to assume the role|service registry .* does not exist|security group .* does not exist/i;
const BAD_PARAMETER = new Set([
  'InvalidParameterException',
  'ClientException',
  'InvalidSecurityGroupException',
]);

/**
 * Throttling, 5xx, network errors and timeouts, and the known transient cases: a just-created
 * dependency not found yet (eventual consistency: App Mesh NotFoundException, Cloud Map
 * NamespaceNotFound, IAM NoSuchEntity, ...), and a role, registry or security group that ECS or
 * ELBv2 cannot see yet. A write retried after a 5xx or a network error may be a replay of one
 * that took effect: every handler's create, update and delete is safe to replay.
 */
export function isTransient(error: unknown): boolean {
  if (isThrottled(error) || isServerError(error) || isConnectionError(error)) return true;
  const e = shapeOf(error);
  const name = e.name ?? '';
  if (/NotFound|NoSuchEntity/.test(name)) return true;
  return BAD_PARAMETER.has(name) && NOT_YET_VISIBLE.test(e.message ?? '');
}

/**
 * Errors a `withRetries` gave up on after retrying them: an enclosing `withRetries` does not
 * retry them again, so that nested retries (a call inside a step) never multiply.
 */
const retriedToTheEnd = new WeakSet<object>();

/** Runs `attempt` until it succeeds, a non-transient error occurs, or the settings run out. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  settings: RetrySettings,
  options: {
    signal?: AbortSignal | undefined;
    onRetry?: (error: unknown, attemptNumber: number) => void;
    /** Which errors to retry; `isTransient` by default. */
    retriable?: (error: unknown) => boolean;
  } = {},
): Promise<T> {
  const retriable = options.retriable ?? isTransient;
  try {
    return await pRetry(
      async () => {
        try {
          return await attempt();
        } catch (error) {
          if (!retriable(error) || retriedToTheEnd.has(error as object))
            throw new AbortError(error instanceof Error ? error : new Error(String(error)));
          throw error;
        }
      },
      {
        retries: Math.max(settings.retries, settings.throttlingRetries),
        minTimeout: settings.minDelayMs,
        maxTimeout: settings.maxDelayMs,
        maxRetryTime: settings.maxTotalMs,
        randomize: true,
        signal: options.signal,
        // Called only when a retry is still allowed by the larger count and the total time.
        shouldRetry: ({ error, attemptNumber, retriesConsumed }) => {
          const allowed = isThrottled(error) || retriesConsumed < settings.retries;
          if (allowed) options.onRetry?.(error, attemptNumber);
          return allowed;
        },
      },
    );
  } catch (error) {
    if (error !== null && typeof error === 'object' && retriable(error)) retriedToTheEnd.add(error);
    throw error;
  }
}
