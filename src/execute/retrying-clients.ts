/**
 * The SDK clients handlers get from the executor: each call is retried on its own. A read that
 * makes several calls then never starts over because one of them was throttled (starting over
 * multiplies the odds of being throttled again by the number of calls). Paginators and waiters
 * use these clients' `send` too. Wrapping `send` rather than adding middleware works for clients
 * that already resolved their middleware (`cacheMiddleware`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AwsClients } from '../clients.js';
import { isConnectionError, isServerError, isThrottled, type RetrySettings, withRetries } from './retry.js';

/**
 * Commands that only read, by the SDK's naming: sending one again is safe whatever became of the
 * first. A class name that does not say (renamed by a minifier) counts as a write.
 */
const READ = /^(Describe|Get|List|Discover)[A-Z]/;

/**
 * Reads are retried on throttling, 5xx and network errors; writes only on throttling (AWS did
 * nothing): after a 5xx or a lost connection a write may have taken effect, and the executor
 * retries the whole step, whose create, update or delete knows how to replay it.
 */
export function callRetriable(commandName: string, error: unknown): boolean {
  if (isThrottled(error)) return true;
  return READ.test(commandName) && (isServerError(error) || isConnectionError(error));
}

/** Tells of a retry: what failed (`GetRole: ThrottlingException: Rate exceeded`) and which attempt it was. */
type RetryReporter = (what: string, attemptNumber: number) => void;

/** Whom a call's retries are reported to: the step it is part of (its resource). */
const currentStep = new AsyncLocalStorage<RetryReporter>();

/** Runs `attempt` with its calls' retries reported to `onRetry`. */
export function reportingCallRetries<T>(onRetry: RetryReporter, attempt: () => Promise<T>): Promise<T> {
  return currentStep.run(onRetry, attempt);
}

interface SendingClient {
  send(command: object, ...rest: unknown[]): Promise<unknown>;
}

/** The clients, each with a `send` that retries as `callRetriable` says, within `settings`. */
export function retryingClients(
  clients: AwsClients,
  settings: RetrySettings,
  signal: AbortSignal | undefined,
): AwsClients {
  const wrapped: Record<string, unknown> = {};
  for (const [key, client] of Object.entries(clients)) wrapped[key] = retrying(client, settings, signal);
  return wrapped as unknown as AwsClients;
}

/** The same client (instanceof, config, middleware) whose `send` retries. */
function retrying<C extends SendingClient>(
  client: C,
  settings: RetrySettings,
  signal: AbortSignal | undefined,
): C {
  const send = (command: object, ...rest: unknown[]) => {
    // The SDK's generated command classes are named after their operation (GetRoleCommand).
    const name = command.constructor.name;
    return withRetries(() => client.send(command, ...rest), settings, {
      signal,
      retriable: (error) => callRetriable(name, error),
      onRetry: (error, attemptNumber) =>
        currentStep.getStore()?.(`${name.replace(/Command$/, '')}: ${describeError(error)}`, attemptNumber),
    });
  };
  return new Proxy(client, {
    get: (target, property) => (property === 'send' ? send : Reflect.get(target, property, target)),
  });
}

/** An error as a retry event shows it. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
