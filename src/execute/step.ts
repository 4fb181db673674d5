/** One step of the executor on one resource (read, create, update, wait, delete), with its events and retries. */
import { isReferenced, type ReferencedKind } from '../plan/referenced.js';
import type { ResourceInputs, ResourceKind } from '../plan/resource.js';
import type { ExecutePhase } from './events.js';
import { HANDLERS } from './handlers/index.js';
import type {
  HandlerContext,
  Observed,
  ReferenceHandler,
  ResourceAttributes,
  ResourceHandler,
} from './handlers/types.js';
import type { ResolvedOptions } from './options.js';
import { withRetries } from './retry.js';
import { describeError, reportingCallRetries, retryingClients } from './retrying-clients.js';

/**
 * The handler of a kind the executor writes, typed loosely: the plan's inputs and the handler's
 * agree by construction. A referenced kind has none: nothing may ever write it.
 */
export function handlerFor(kind: ResourceKind): ResourceHandler<ResourceKind> {
  if (isReferenced(kind)) throw new Error(`A ${kind} is referenced: it is only read, never written.`);
  return HANDLERS[kind] as unknown as ResourceHandler<ResourceKind>;
}

/** The handler of a referenced kind: it reads, and says what it is. */
export function referenceHandlerFor(kind: ReferencedKind): ReferenceHandler<ReferencedKind> {
  return HANDLERS[kind] as ReferenceHandler<ReferencedKind>;
}

/** How any kind is read: its handler's `read`, for written and referenced kinds alike. */
export function readerFor(
  kind: ResourceKind,
): (input: ResourceInputs[ResourceKind], ctx: HandlerContext) => Promise<Observed | undefined> {
  const handler = HANDLERS[kind] as unknown as Pick<ResourceHandler<ResourceKind>, 'read'>;
  return (input, ctx) => handler.read(input, ctx);
}

export function stepContext(options: ResolvedOptions): HandlerContext {
  return {
    clients: retryingClients(options.clients, options.retry, options.signal),
    signal: options.signal,
    sleep: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
    pollIntervalMs: options.pollIntervalMs,
    consistencyWindowMs: options.consistencyWindowMs,
    waitForStableServices: options.waitForStableServices,
  };
}

/**
 * Runs one step, retrying it as a whole on transient errors. Each SDK call inside it is already
 * retried on its own (`stepContext`'s clients): an error they gave up on is not retried again here,
 * so what the step retries is mostly eventual consistency and the writes' 5xx and network errors.
 */
export function runStep<T>(
  options: ResolvedOptions,
  resource: { readonly id: string; readonly kind: ResourceKind },
  phase: ExecutePhase,
  attempt: () => Promise<T>,
): Promise<T> {
  options.emit({ type: 'start', id: resource.id, kind: resource.kind, phase });
  const report = (what: string, attemptNumber: number) =>
    options.emit({ type: 'retry', id: resource.id, attempt: attemptNumber, error: what });
  return withRetries(() => reportingCallRetries(report, attempt), options.retry, {
    signal: options.signal,
    onRetry: (error, attemptNumber) => report(describeError(error), attemptNumber),
  });
}

/** Deletes a resource AWS has, then waits until it is gone where AWS needs that (an ECS service INACTIVE). */
export async function deleteAndWait(
  options: ResolvedOptions,
  resource: { readonly id: string; readonly kind: ResourceKind },
  attributes: ResourceAttributes,
  input: never,
  context: HandlerContext,
  isOurs?: (tags: Readonly<Record<string, string>>) => boolean,
): Promise<void> {
  const handler = handlerFor(resource.kind);
  await runStep(options, resource, 'delete', () => handler.delete(attributes, input, context, isOurs));
  const waitDeleted = handler.waitDeleted;
  if (waitDeleted !== undefined)
    await runStep(options, resource, 'wait', () => waitDeleted(attributes, context));
}
