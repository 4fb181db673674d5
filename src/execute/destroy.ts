/**
 * destroy: deletes the plan's resources that are this plan's by their tags (or, for the kinds AWS
 * cannot tag, by their owner's), dependents first. Anything else is reported `kept`: the journal
 * alone never makes a resource this tool's to delete.
 */
import { MeshError } from '../errors/mesh-error.js';
import type { Plan } from '../plan/plan.js';
import { isReferenced } from '../plan/referenced.js';
import { deleteOrphans, readSettled } from './delete-owned.js';
import type { ResourceResult } from './events.js';
import { asExecuteError } from './execute-error.js';
import type { Journal } from './journal.js';
import { withJournal } from './journal-session.js';
import { type ExecuteOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { carriesOwnershipTag, ownerOf } from './ownership.js';
import { readAll } from './read-all.js';
import { referencedResult } from './read-referenced.js';
import { deleteAndWait, handlerFor, runStep, stepContext } from './step.js';
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
  const failed = (error: MeshError): DestroyResult => ({
    ok: false,
    meshName: plan.meshName,
    results: [],
    error,
  });
  return withJournal(resolved, { command: `destroy ${plan.meshName}`, owner: plan, failed }, (journal) =>
    destroyWith(plan, resolved, journal),
  );
}

async function destroyWith(plan: Plan, resolved: ResolvedOptions, journal: Journal): Promise<DestroyResult> {
  const read = await readAll(plan, resolved);
  if (!read.ok) return { ok: false, meshName: plan.meshName, results: [], error: read.error };
  // Right after its create, a resource may still read as absent: what the journal says was made
  // moments ago is read again until it shows or the consistency window has passed.
  const resources = new Map(read.resources);
  const entries = journal.entries();
  try {
    await Promise.all(
      plan.resources.map(async (resource) => {
        const entry = entries.get(resource.id);
        if (resources.get(resource.id)?.observed !== undefined || entry?.created !== true || entry.deleted)
          return;
        const observed = await readSettled(entry, resolved);
        if (observed !== undefined)
          resources.set(resource.id, { resource, input: entry.input as never, observed });
      }),
    );
  } catch (error) {
    return {
      ok: false,
      meshName: plan.meshName,
      results: [],
      error: asExecuteError({ id: plan.meshName }, error),
    };
  }
  const byId = new Map(plan.resources.map((r) => [r.id, r]));
  const ourTags = (tags: Readonly<Record<string, string>>) => carriesOwnershipTag(tags, plan);

  // In plan order, so that an owner's verdict is known before its untaggable parts'.
  const owned = new Set<string>();
  for (const resource of plan.resources) {
    const observed = resources.get(resource.id)?.observed;
    if (observed === undefined) continue;
    const owner = ownerOf(resource, byId);
    if (owner === undefined ? ourTags(observed.tags) : owned.has(owner.id)) owned.add(resource.id);
  }

  const dependents = dependentsOf(plan.resources);
  const context = stepContext(resolved);
  journal.append({ type: 'destroy', meshName: plan.meshName });
  // What earlier applies created and the plan no longer has goes first: it may depend on the plan's resources.
  const orphans = journal.orphans(new Set(byId.keys()));
  // `entries` still holds: the destroy record just appended names no resource.
  const removed = await deleteOrphans(orphans, entries, ourTags, resolved, journal);
  const failedOrphan = orphans.find((o) => typeof removed.get(o.id) === 'object');
  if (failedOrphan !== undefined) {
    journal.append({ type: 'finished', ok: false });
    const error = asExecuteError(failedOrphan, (removed.get(failedOrphan.id) as { error: unknown }).error);
    return { ok: false, meshName: plan.meshName, results: [], error };
  }
  const outcomes = await walk(
    plan.resources,
    async (resource): Promise<ResourceResult> => {
      const base = { id: resource.id, kind: resource.kind, name: resource.name };
      const { input, observed } = resources.get(resource.id) ?? {};
      // Used by the plan, never its own: left as it is.
      if (isReferenced(resource.kind))
        return observed === undefined ? { ...base, outcome: 'absent' } : referencedResult(resource, observed);
      if (input === undefined || observed === undefined) {
        // What a delete cut short left (deregistered task definition revisions) goes too.
        const leftovers = handlerFor(resource.kind).deleteLeftovers;
        if (leftovers !== undefined)
          await runStep(resolved, resource, 'delete', () =>
            leftovers(resource.input as never, ourTags, context),
          );
        return { ...base, outcome: 'absent' };
      }
      if (!owned.has(resource.id)) return { ...base, outcome: 'kept', attributes: observed.attributes };
      await deleteAndWait(resolved, resource, observed.attributes, input as never, context, ourTags);
      journal.append({ type: 'deleted', id: resource.id });
      const result: ResourceResult = { ...base, outcome: 'deleted' };
      resolved.emit({ type: 'finish', result });
      return result;
    },
    {
      concurrency: resolved.concurrency,
      waitsFor: (r) => dependents.get(r.id) ?? [],
      signal: resolved.signal,
      stop: resolved.stop,
    },
  );

  const { results, firstError } = resultsOf(plan.resources, outcomes);
  const error =
    firstError ??
    (results.some((r) => r.outcome === 'skipped')
      ? new MeshError(
          'INTERRUPTED',
          `Destroy of ${plan.meshName} was stopped before it finished; run it again.`,
        )
      : undefined);
  journal.append({ type: 'finished', ok: error === undefined });
  return {
    ok: error === undefined,
    meshName: plan.meshName,
    results,
    ...(error === undefined ? {} : { error }),
  };
}
