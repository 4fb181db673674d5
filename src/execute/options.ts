/** What apply, diff, destroy, resume and rollback take, and their defaults. */
import { setMaxListeners } from 'node:events';
import { type AwsClients, newClients } from '../clients.js';
import { DEFAULT_CONCURRENCY } from './default-concurrency.js';
import type { ExecuteEvent } from './events.js';
import { DEFAULT_RETRY, type RetrySettings } from './retry.js';

/** Passed to every SDK client the executor creates; credentials come from the default chain unless given. */
export interface ClientConfig {
  readonly region?: string;
  readonly endpoint?: string;
  readonly profile?: string;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

export interface ExecuteOptions {
  /** The SDK clients to use (e.g. a LocalCloud's `clients()`); otherwise made from `clientConfig`. */
  readonly clients?: AwsClients;
  readonly clientConfig?: ClientConfig;
  /** Resources in flight at once. Default 8. */
  readonly concurrency?: number;
  /** Aborts: calls in flight are cancelled, and an apply undoes what it did (unless `rollback: false`). */
  readonly signal?: AbortSignal;
  /**
   * Stops gently (the CLI's first Ctrl-C): nothing new starts, what is in flight finishes and is
   * journaled, nothing is undone. The apply ends interrupted: `resume` or `rollback` it later.
   */
  readonly stop?: AbortSignal;
  readonly onEvent?: (event: ExecuteEvent) => void;
  /** Where the journal lives (JSON lines). Without it the journal is kept in memory only. */
  readonly journalPath?: string;
  readonly retry?: Partial<RetrySettings>;
  /** Between two polls of an asynchronous operation (Cloud Map operations, ECS services). Default 2 s. */
  readonly pollIntervalMs?: number;
  /** Wait for each ECS service created or updated to be stable (the SDK's waitUntilServicesStable). Default true. */
  readonly waitForStableServices?: boolean;
  /** Undo what this apply created when it fails. Default true. */
  readonly rollback?: boolean;
  /**
   * How long after its create a resource may still read as absent (AWS's eventual consistency).
   * Undo and cleanup wait this long for a resource they know was created before believing it gone.
   * Default 15 s.
   */
  readonly consistencyWindowMs?: number;
  /**
   * Write inline policies, policy attachments and ingress rules into roles and security groups that
   * exist but are not this tool's (adopted). Default false: they are left as they are, and the
   * differences are reported.
   */
  readonly writeAdoptedChildren?: boolean;
}

// In a module of its own, so that the CLI's help does not load the SDK with this one.
export { DEFAULT_CONCURRENCY };

export interface ResolvedOptions {
  readonly clients: AwsClients;
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  readonly stop: AbortSignal | undefined;
  readonly emit: (event: ExecuteEvent) => void;
  readonly journalPath: string | undefined;
  readonly retry: RetrySettings;
  readonly pollIntervalMs: number;
  readonly waitForStableServices: boolean;
  readonly rollback: boolean;
  readonly consistencyWindowMs: number;
  readonly writeAdoptedChildren: boolean;
}

export function resolveOptions(options: ExecuteOptions): ResolvedOptions {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new RangeError(`concurrency: expected an integer >= 1, received ${concurrency}`);
  }
  return {
    clients: options.clients ?? createClients(options.clientConfig ?? {}),
    concurrency,
    signal: runSignal(options.signal),
    stop: options.stop,
    emit: options.onEvent ?? (() => {}),
    journalPath: options.journalPath,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    pollIntervalMs: options.pollIntervalMs ?? 2000,
    waitForStableServices: options.waitForStableServices ?? true,
    rollback: options.rollback ?? true,
    consistencyWindowMs: options.consistencyWindowMs ?? 15_000,
    writeAdoptedChildren: options.writeAdoptedChildren ?? false,
  };
}

/**
 * Real clients. The SDK's own retries are off (maxAttempts 1): the executor retries with p-retry,
 * and two retry layers would multiply attempts and hide where time goes. `cacheMiddleware`: the
 * SDK resolves each command's middleware stack once instead of on every call (a large mesh makes
 * thousands of calls; nothing changes the stacks after creation).
 */
export function createClients(config: ClientConfig): AwsClients {
  return newClients({ ...config, maxAttempts: 1, cacheMiddleware: true });
}

/**
 * The run's own signal, aborted with the caller's. Every call waiting out a retry listens to it, so
 * a run with many calls in flight has more listeners than the 10 after which Node warns of a leak
 * (each is removed when its wait ends). Raising that limit on our signal leaves the caller's alone.
 */
function runSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  // AbortSignal.any arrived in Node 20.3; before it, the caller's signal gets the higher limit.
  const own = typeof AbortSignal.any === 'function' ? AbortSignal.any([signal]) : signal;
  setMaxListeners(0, own);
  return own;
}
