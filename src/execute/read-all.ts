/**
 * Reads every resource of a plan as AWS has it now, in dependency order (a reference can only be
 * resolved once what it names was read). No writes: diff and destroy start here.
 */
import { MeshError } from '../errors/mesh-error.js';
import type { Plan } from '../plan/plan.js';
import type { PlannedResource, ResourceInputs } from '../plan/resource.js';
import { asExecuteError } from './execute-error.js';
import type { Observed, ResourceAttributes } from './handlers/types.js';
import type { ResolvedOptions } from './options.js';
import { resolveInput, UnresolvedReferenceError } from './resolve-input.js';
import { readerFor, runStep, stepContext } from './step.js';
import { walk } from './walk.js';

export interface ReadResource {
  readonly resource: PlannedResource;
  /** The input with references resolved; undefined when something it refers to does not exist. */
  readonly input: ResourceInputs[PlannedResource['kind']] | undefined;
  readonly observed: Observed | undefined;
}

/** Every resource read, or the first failure as an error naming its resource. */
export type ReadAllResult =
  | { readonly ok: true; readonly resources: ReadonlyMap<string, ReadResource> }
  | { readonly ok: false; readonly error: MeshError };

export async function readAll(plan: Plan, options: ResolvedOptions): Promise<ReadAllResult> {
  const context = stepContext(options);
  const attributes = new Map<string, ResourceAttributes>();
  const read = new Map<string, ReadResource>();
  const outcomes = await walk(
    plan.resources,
    async (resource) => {
      let input: ReadResource['input'];
      try {
        input = resolveInput(resource, attributes);
      } catch (error) {
        if (!(error instanceof UnresolvedReferenceError)) throw error;
        read.set(resource.id, { resource, input: undefined, observed: undefined });
        return;
      }
      const reader = readerFor(resource.kind);
      const observed = await runStep(options, resource, 'read', () => reader(input as never, context));
      if (observed !== undefined) attributes.set(resource.id, observed.attributes);
      read.set(resource.id, { resource, input, observed });
    },
    { concurrency: options.concurrency, waitsFor: (r) => r.dependsOn, signal: options.signal },
  );
  for (const [id, outcome] of outcomes) {
    if (outcome.status === 'failed') return { ok: false, error: asExecuteError({ id }, outcome.error) };
  }
  for (const [id, outcome] of outcomes) {
    if (outcome.status === 'skipped')
      return {
        ok: false,
        error: new MeshError('APPLY_FAILED', `Reading ${id} was aborted.`, { resourcePath: id }),
      };
  }
  return { ok: true, resources: read };
}
