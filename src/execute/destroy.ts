/**
 * destroy: deletes the plan's resources that are this tool's (journal, ownership tag, or the
 * owner of an untaggable part), dependents first. Anything else is reported `kept`.
 */
import type { MeshError } from '../errors/mesh-error.js';
import type { Plan } from '../plan/plan.js';
import type { ResourceResult } from './events.js';
import { Journal } from './journal.js';
import { type ExecuteOptions, resolveOptions } from './options.js';
import { carriesOwnershipTag, ownerOf } from './ownership.js';
import { readAll } from './read-all.js';
import { deleteJournaled } from './rollback.js';
import { deleteAndWait, stepContext } from './step.js';
import { dependentsOf, walk } from './walk.js';
import { resultsOf } from './walk-results.js';

export interface DestroyResult {
  readonly ok: boolean;
  readonly meshName: string;
  readonly results: readonly ResourceResult[];
  readonly error?: MeshError;
}

export async function destroy(plan: Plan, options: ExecuteOptions = {}): Promise<DestroyResult> {
  const resolved = resolveOptions(options);
  const journal = new Journal(resolved.journalPath);
  const created = journal.entries();
  const read = await readAll(plan, resolved);
  const byId = new Map(plan.resources.map((r) => [r.id, r]));

  // In plan order, so that an owner's verdict is known before its untaggable parts'.
  const owned = new Set<string>();
  for (const resource of plan.resources) {
    const observed = read.get(resource.id)?.observed;
    if (observed === undefined) continue;
    const owner = ownerOf(resource, byId);
    const ours =
      (created.get(resource.id)?.created ?? false) ||
      carriesOwnershipTag(observed.tags, plan) ||
      (owner !== undefined && owned.has(owner.id));
    if (ours) owned.add(resource.id);
  }

  const dependents = dependentsOf(plan.resources);
  const context = stepContext(resolved);
  journal.append({ type: 'destroy', meshName: plan.meshName });
  // What earlier applies created and the plan no longer has goes first: it may depend on the plan's resources.
  for (const orphan of journal.orphans(new Set(byId.keys())))
    await deleteJournaled(orphan, resolved, journal);
  const outcomes = await walk(
    plan.resources,
    async (resource): Promise<ResourceResult> => {
      const base = { id: resource.id, kind: resource.kind, name: resource.name };
      const { input, observed } = read.get(resource.id) ?? {};
      if (input === undefined || observed === undefined) return { ...base, outcome: 'absent' };
      if (!owned.has(resource.id)) return { ...base, outcome: 'kept', attributes: observed.attributes };
      await deleteAndWait(resolved, resource, observed.attributes, input as never, context);
      journal.append({ type: 'deleted', id: resource.id });
      const result: ResourceResult = { ...base, outcome: 'deleted' };
      resolved.emit({ type: 'finish', result });
      return result;
    },
    {
      concurrency: resolved.concurrency,
      waitsFor: (r) => dependents.get(r.id) ?? [],
      signal: resolved.signal,
    },
  );

  const { results, firstError: error } = resultsOf(plan.resources, outcomes);
  journal.append({ type: 'finished', ok: error === undefined });
  return {
    ok: error === undefined,
    meshName: plan.meshName,
    results,
    ...(error === undefined ? {} : { error }),
  };
}
