/**
 * The first step of an apply: every resource the plan references (src/plan/referenced.ts) is
 * looked up before anything is written, so that one that does not exist (a prefix list AWS has not
 * in this region) stops the run with nothing to undo.
 */
import { MeshError } from '../errors/mesh-error.js';
import type { Plan } from '../plan/plan.js';
import { isReferenced, type ReferencedKind } from '../plan/referenced.js';
import type { PlannedResource } from '../plan/resource.js';
import type { ResourceResult } from './events.js';
import { asExecuteError } from './execute-error.js';
import type { Observed } from './handlers/types.js';
import type { ResolvedOptions } from './options.js';
import { resolveInput } from './resolve-input.js';
import { referenceHandlerFor, runStep, stepContext } from './step.js';

export type ReferencedReads =
  | { readonly ok: true; readonly found: ReadonlyMap<string, Observed> }
  | { readonly ok: false; readonly error: MeshError; readonly failed: readonly ResourceResult[] };

export async function readReferenced(plan: Plan, options: ResolvedOptions): Promise<ReferencedReads> {
  const context = stepContext(options);
  const found = new Map<string, Observed>();
  const failed: ResourceResult[] = [];
  await Promise.all(
    plan.resources.filter(referenced).map(async (resource) => {
      const base = { id: resource.id, kind: resource.kind, name: resource.name };
      try {
        // Found by what the plan names (no reference to another resource: none exists yet).
        const input = resolveInput(resource, new Map());
        const handler = referenceHandlerFor(resource.kind);
        const observed = await runStep(options, resource, 'read', () => handler.read(input, context));
        if (observed === undefined) throw referenceNotFound(resource);
        found.set(resource.id, observed);
        // Done here, where its read is: the walk only hands its attributes on.
        options.emit({ type: 'finish', result: referencedResult(resource, observed) });
      } catch (error) {
        const result = { ...base, outcome: 'failed' as const, error: asExecuteError(resource, error) };
        failed.push(result);
        options.emit({ type: 'finish', result });
      }
    }),
  );
  const first = plan.resources.map((r) => failed.find((f) => f.id === r.id)).find((f) => f !== undefined);
  if (first?.error !== undefined) return { ok: false, error: first.error as MeshError, failed };
  return { ok: true, found };
}

/** The result of a referenced resource that was found: used as it is. */
export function referencedResult(resource: PlannedResource, observed: Observed): ResourceResult {
  return {
    id: resource.id,
    kind: resource.kind,
    name: resource.name,
    outcome: 'referenced',
    attributes: observed.attributes,
  };
}

function referenced(resource: PlannedResource): resource is PlannedResource<ReferencedKind> {
  return isReferenced(resource.kind);
}

/** The error of a referenced resource AWS does not have. */
export function referenceNotFound(resource: PlannedResource): MeshError {
  const what = referenced(resource)
    ? referenceHandlerFor(resource.kind).describe(resource.input)
    : resource.id;
  return new MeshError(
    'REFERENCE_NOT_FOUND',
    `${resource.id}: the plan references ${what}, which this account and region do not have. It is looked up, never created: nothing was written.`,
    { resourcePath: resource.id },
  );
}
