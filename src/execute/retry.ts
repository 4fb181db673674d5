/**
 * Retries with p-retry (exponential backoff with jitter, bounded by attempts and total time) for
 * the errors that go away by themselves; anything else fails at once with AWS's message.
 */
import pRetry, { AbortError } from 'p-retry';

export interface RetrySettings {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts after this long in total. */
  readonly maxTotalMs: number;
}

export const DEFAULT_RETRY: RetrySettings = Object.freeze({
  retries: 10,
  minDelayMs: 200,
  maxDelayMs: 10_000,
  maxTotalMs: 5 * 60_000,
});

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'ServiceUnavailableException',
  'InternalServerErrorException',
]);

interface AwsErrorShape {
  name?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
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
 * Throttling, 5xx, and the known transient cases: a just-created dependency not found yet
 * (eventual consistency: App Mesh NotFoundException, Cloud Map NamespaceNotFound, IAM
 * NoSuchEntity, ...), and a role, registry or security group that ECS or ELBv2 cannot see yet.
 */
export function isTransient(error: unknown): boolean {
  const e = (error ?? {}) as AwsErrorShape;
  const name = e.name ?? '';
  if (THROTTLING.has(name)) return true;
  if (e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (/NotFound|NoSuchEntity/.test(name)) return true;
  return BAD_PARAMETER.has(name) && NOT_YET_VISIBLE.test(e.message ?? '');
}

/** Runs `attempt` until it succeeds, a non-transient error occurs, or the settings run out. */
export function withRetries<T>(
  attempt: () => Promise<T>,
  settings: RetrySettings,
  options: {
    signal?: AbortSignal | undefined;
    onRetry?: (error: unknown, attemptNumber: number) => void;
  } = {},
): Promise<T> {
  return pRetry(
    async () => {
      try {
        return await attempt();
      } catch (error) {
        if (!isTransient(error))
          throw new AbortError(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
    {
      retries: settings.retries,
      minTimeout: settings.minDelayMs,
      maxTimeout: settings.maxDelayMs,
      maxRetryTime: settings.maxTotalMs,
      randomize: true,
      signal: options.signal,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0) options.onRetry?.(error, attemptNumber);
      },
    },
  );
}
