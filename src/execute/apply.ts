/**
 * apply: makes AWS match the plan. Each resource is read first: absent means create, present
 * and equal means nothing to write, present and different means update (only when its tags say
 * it is this plan's; anything else is adopted as it is, and so are the untaggable parts of an
 * adopted role or security group). Creates carry deterministic idempotency tokens and the run's
 * tag, and are journaled before they are sent, so a crash or a retry can never make a second copy
 * nor lose track of one. On failure, what this run created is deleted again (unless
 * `rollback: false`); nothing else ever is. One run at a time per journal: it is locked.
 */
import { randomUUID } from 'node:crypto';
import { MeshError } from '../errors/mesh-error.js';
import type { Plan } from '../plan/plan.js';
import type { PlannedResource } from '../plan/resource.js';
import { withIdempotencyToken } from '../plan/tokens.js';
import { deleteOrphans, readUntil } from './delete-owned.js';
import type { ResourceOutcome, ResourceResult } from './events.js';
import { asExecuteError } from './execute-error.js';
import type { ResourceAttributes } from './handlers/types.js';
import type { Journal, JournalEntry, JournalRecord } from './journal.js';
import { withJournal } from './journal-session.js';
import { type ExecuteOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { carriesOwnershipTag, ownerOf } from './ownership.js';
import { planHash } from './plan-hash.js';
import { readReferenced, referencedResult } from './read-referenced.js';
import { resolveInput } from './resolve-input.js';
import { undoRun } from './rollback.js';
import { madeByRun, withRunTag } from './run-tag.js';
import { handlerFor, runStep, stepContext } from './step.js';
import { walk } from './walk.js';

export { planHash };

import { failedResult, resultsOf } from './walk-results.js';

export interface ApplyResult {
  readonly ok: boolean;
  readonly meshName: string;
  /** One per plan resource, in plan order. */
  readonly results: readonly ResourceResult[];
  /**
   * Resources an earlier apply of this mesh created (journal) that the plan no longer has: deleted
   * after the plan's own resources are done, newest first.
   */
  readonly removed: readonly ResourceResult[];
  /** True when the run failed and what it changed was undone. */
  readonly rolledBack: boolean;
  /** True when `stop` ended the run early: nothing was undone; resume or roll it back. */
  readonly interrupted?: boolean;
  /** The first failure, with the resource path and AWS's message. */
  readonly error?: MeshError;
}

/** Kinds whose create waits for asynchronous work (an operation, provisioning, tasks): chains through them go first. */
const SLOW_KINDS = new Set<PlannedResource['kind']>(['cloudMapNamespace', 'loadBalancer', 'ecsService']);

export async function apply(plan: Plan, options: ExecuteOptions = {}): Promise<ApplyResult> {
  const resolved = resolveOptions(options);
  const failed = (error: MeshError): ApplyResult => ({
    ok: false,
    meshName: plan.meshName,
    results: [],
    removed: [],
    rolledBack: false,
    error,
  });
  return withJournal(resolved, { command: `apply ${plan.meshName}`, owner: plan, failed }, (journal) =>
    applyWith(plan, resolved, journal),
  );
}

async function applyWith(plan: Plan, resolved: ResolvedOptions, journal: Journal): Promise<ApplyResult> {
  // What the plan references is looked up first: if one is missing, nothing is written, not even the journal.
  const referenced = await readReferenced(plan, resolved);
  if (!referenced.ok) {
    const failed = new Map(referenced.failed.map((r) => [r.id, r]));
    const results = plan.resources.map(
      (r): ResourceResult => failed.get(r.id) ?? { id: r.id, kind: r.kind, name: r.name, outcome: 'skipped' },
    );
    return {
      ok: false,
      meshName: plan.meshName,
      results,
      removed: [],
      rolledBack: false,
      error: referenced.error,
    };
  }
  const hash = planHash(plan);
  const interrupted = journal.interrupted();
  // Resuming: what the interrupted run created counts as created by this one (and is rolled back with it).
  const resuming = interrupted?.header.planHash === hash;
  const resumed = resuming ? journal.entries(interrupted.records) : new Map<string, JournalEntry>();
  // Idempotency tokens and the run tag derive from the run id: a retried or resumed create repeats
  // its token (no second copy), while a new apply after a destroy or a rollback is a new request.
  const runId = (resuming ? runOf(interrupted.records) : undefined) ?? randomUUID();
  // A rollback cut short (killed) may have deregistered a task definition revision without deleting
  // it: what is left of the run it was undoing is deleted before this run makes the resource again.
  const undoing = journal.rollbackInterrupted() ? journal.runToUndo() : undefined;
  const halfUndoneRun = undoing === undefined ? undefined : runOf(undoing.records);
  journal.append({ type: 'apply', meshName: plan.meshName, planHash: hash, runId });

  const context = stepContext(resolved);
  const byId = new Map(plan.resources.map((r) => [r.id, r]));
  const attributes = new Map<string, ResourceAttributes>();
  /** Plan resources that are this plan's (tags, or the owner's for untaggable kinds). */
  const owned = new Set<string>();

  const waitUntilUsable = async (resource: PlannedResource, result: ResourceAttributes) => {
    const wait = handlerFor(resource.kind).wait;
    if (wait !== undefined) await runStep(resolved, resource, 'wait', () => wait(result, context));
  };

  const create = async (resource: PlannedResource, input: object): Promise<ResourceAttributes> => {
    const handler = handlerFor(resource.kind);
    journal.append({
      type: 'intent',
      id: resource.id,
      kind: resource.kind,
      input,
      dependsOn: resource.dependsOn,
      at: Date.now(),
    });
    // A failed create step leaves its intent pending: a create makes several calls, and a refusal of
    // a later one (a retention policy, a wait) comes after the resource was made.
    const result = await runStep(resolved, resource, 'create', () => handler.create(input as never, context));
    await waitUntilUsable(resource, result);
    return result;
  };

  const applyOne = async (resource: PlannedResource): Promise<ResourceResult> => {
    const lookedUp = referenced.found.get(resource.id);
    if (lookedUp !== undefined) {
      // Read (and reported) already, and never written: nothing to journal, nothing to undo.
      attributes.set(resource.id, lookedUp.attributes);
      return referencedResult(resource, lookedUp);
    }
    const handler = handlerFor(resource.kind);
    const planned = withIdempotencyToken(resource, resolveInput(resource, attributes), runId);
    const input = withRunTag(planned, runId);
    const read = () => runStep(resolved, resource, 'read', () => handler.read(input, context));
    let observed = await read();
    const owner = ownerOf(resource, byId);
    // The untaggable parts of a role or security group that is not ours are left as they are.
    const ownerOurs = owner === undefined || owned.has(owner.id) || resolved.writeAdoptedChildren;
    let outcome: ResourceOutcome;
    let result: ResourceAttributes | undefined;
    let changes: readonly string[] | undefined;
    let previous: unknown;
    if (observed === undefined && !ownerOurs) {
      changes = [ABSENT];
    } else if (observed === undefined) {
      const leftovers = handler.deleteLeftovers;
      if (halfUndoneRun !== undefined && leftovers !== undefined) {
        const ofThatRun = (tags: Readonly<Record<string, string>>) => madeByRun(tags, halfUndoneRun);
        await runStep(resolved, resource, 'delete', () => leftovers(input as never, ofThatRun, context));
      }
      result = await create(resource, input);
      // A create that found the resource already there answers as if it made it: the run tag says.
      const found = ADOPTS_ON_CREATE.has(resource.kind)
        ? await readUntil(read, Date.now() + resolved.consistencyWindowMs, resolved)
        : undefined;
      if (found !== undefined && !madeByRun(found.tags, runId)) {
        journal.append({ type: 'refused', id: resource.id });
        observed = found;
      }
    }
    if (observed === undefined) {
      if (result === undefined) {
        outcome = 'adopted';
      } else {
        outcome = 'created';
        owned.add(resource.id);
      }
    } else {
      const seen = observed;
      const ours = owner === undefined ? carriesOwnershipTag(seen.tags, plan) : ownerOurs;
      if (ours) owned.add(resource.id);
      changes = handler.changes(input, seen);
      result = seen.attributes;
      // Not this tool's: adopted as it is, never written to; its differences are reported.
      if (changes.length > 0 && ours) {
        previous = restoringInput(input, seen.current);
        const update = handler.update;
        if (update === undefined) {
          throw new MeshError(
            'APPLY_FAILED',
            `${resource.id}: AWS cannot update a ${resource.kind} in place (changed: ${changes.join(', ')}); destroy and apply to replace it.`,
            { resourcePath: resource.id },
          );
        }
        journal.append({
          type: 'updating',
          id: resource.id,
          kind: resource.kind,
          input,
          previous,
          dependsOn: resource.dependsOn,
        });
        result = await runStep(resolved, resource, 'update', () => update(input, seen, context));
        await waitUntilUsable(resource, result);
      } else if (resumed.get(resource.id)?.pending === true) {
        // Created by the interrupted run, which may have died before its wait finished.
        await waitUntilUsable(resource, result);
      }
      // Made by the run this one resumes: it counts as created here (and is undone with it).
      const resumedCreate =
        ours &&
        resumed.get(resource.id)?.created === true &&
        (owner !== undefined || madeByRun(seen.tags, runId));
      outcome = resumedCreate ? 'created' : !ours ? 'adopted' : changes.length > 0 ? 'updated' : 'unchanged';
    }
    if (result !== undefined) {
      journal.append({
        type: 'done',
        id: resource.id,
        kind: resource.kind,
        outcome: outcome as 'created' | 'updated' | 'unchanged' | 'adopted',
        attributes: result,
        input,
        dependsOn: resource.dependsOn,
        ...(previous === undefined ? {} : { previous }),
        ...(outcome === 'created' ? { at: Date.now() } : {}),
      });
      attributes.set(resource.id, result);
    }
    const finished: ResourceResult = {
      id: resource.id,
      kind: resource.kind,
      name: resource.name,
      outcome,
      ...(result === undefined ? {} : { attributes: result }),
      ...(changes !== undefined && changes.length > 0 ? { changes } : {}),
    };
    resolved.emit({ type: 'finish', result: finished });
    return finished;
  };

  // A failure is reported when it happens, before the rollback starts.
  const applyOrReport = (resource: PlannedResource) =>
    applyOne(resource).catch((error: unknown) => {
      resolved.emit({ type: 'finish', result: failedResult(resource, error) });
      throw error;
    });
  const outcomes = await walk(plan.resources, applyOrReport, {
    concurrency: resolved.concurrency,
    waitsFor: (r) => r.dependsOn,
    signal: resolved.signal,
    stop: resolved.stop,
    cost: (r) => (SLOW_KINDS.has(r.kind) ? 5 : 1),
  });

  const { results, firstError: walkError } = resultsOf(plan.resources, outcomes);
  let firstError = walkError;
  if (firstError === undefined && resolved.signal?.aborted) {
    firstError = new MeshError('APPLY_FAILED', `Apply of ${plan.meshName} was aborted.`, {
      cause: resolved.signal.reason,
    });
  }
  const base = { meshName: plan.meshName, results, rolledBack: false };
  if (firstError === undefined && results.some((r) => r.outcome === 'skipped')) {
    // Stopped: the journal ends with this run unfinished, so that resume and rollback find it.
    return { ...base, ok: false, removed: [], interrupted: true, error: stopped(plan) };
  }

  // What earlier applies created that the plan no longer has goes, once the plan's own resources are done.
  const removed: ResourceResult[] = [];
  if (firstError === undefined) {
    const orphans = journal.orphans(new Set(byId.keys()));
    const ourTags = (tags: Readonly<Record<string, string>>) => carriesOwnershipTag(tags, plan);
    const done = await deleteOrphans(orphans, journal.entries(), ourTags, resolved, journal);
    for (const orphan of orphans) {
      const base = { id: orphan.id, kind: orphan.kind, name: orphan.attributes?.name ?? orphan.id };
      const outcome = done.get(orphan.id);
      if (outcome === undefined) removed.push({ ...base, outcome: 'skipped' });
      else if (typeof outcome === 'object') {
        const error = asExecuteError(orphan, outcome.error);
        firstError ??= error;
        removed.push({ ...base, outcome: 'failed', error });
      } else
        removed.push({
          ...base,
          outcome: outcome === 'notOurs' ? 'kept' : outcome === 'gone' ? 'absent' : 'deleted',
        });
    }
    if (firstError === undefined && removed.some((r) => r.outcome === 'skipped')) {
      return { ...base, ok: false, removed, interrupted: true, error: stopped(plan) };
    }
  }

  if (firstError === undefined) {
    journal.append({ type: 'finished', ok: true });
    return { ...base, ok: true, removed };
  }
  if (!resolved.rollback) {
    journal.append({ type: 'finished', ok: false });
    return { ...base, ok: false, removed, error: firstError };
  }
  const thisRun = journal.interrupted();
  // The undo must run even when the failure was an abort: it does not listen to the signal.
  const { undone, failed } = await undoRun(
    journal,
    { runId, meshName: plan.meshName, records: thisRun?.records ?? [] },
    { ...resolved, signal: undefined, stop: undefined },
  );
  const undoneIds = new Set(undone);
  const afterUndo = (r: ResourceResult): ResourceResult => {
    const error = failed.get(r.id);
    if (error !== undefined) return { ...r, outcome: 'rollbackFailed', error: asExecuteError(r, error) };
    return undoneIds.has(r.id) && r.outcome !== 'failed' ? { ...r, outcome: 'rolledBack' } : r;
  };
  return {
    ...base,
    ok: false,
    results: results.map(afterUndo),
    removed,
    rolledBack: true,
    error: firstError,
  };
}

/**
 * Kinds whose create answers with the existing resource when one of that name is already there
 * (an "already exists" error adopted, or an API that is idempotent by name): a read after the
 * create tells whether this run made it.
 */
const ADOPTS_ON_CREATE = new Set<PlannedResource['kind']>([
  'cloudMapNamespace',
  'cloudMapHttpNamespace',
  'cloudMapService',
  'iamRole',
  'securityGroup',
  'logGroup',
  'ecsCluster',
  'loadBalancer',
  'targetGroup',
  'loadBalancerListener',
  'loadBalancerRule',
  'latticeServiceNetwork',
  'latticeVpcAssociation',
  'latticeService',
  'latticeServiceAssociation',
  'latticeTargetGroup',
  'latticeListener',
  'latticeRule',
]);

function stopped(plan: Plan): MeshError {
  return new MeshError(
    'INTERRUPTED',
    `Apply of ${plan.meshName} was stopped: what was in flight finished and is journaled; nothing was undone. Resume it, or roll it back.`,
  );
}

/** The value of `changes` for a part of an adopted resource that is missing and is left so. */
const ABSENT = '(absent)';

/** The run id of a chain of interrupted runs: its first header's. */
function runOf(records: readonly JournalRecord[]): string | undefined {
  const first = records.find((r) => r.type === 'apply');
  return first?.type === 'apply' ? first.runId : undefined;
}

/**
 * The input that puts back what AWS has now: the desired input with every field AWS reports taken
 * from the observed state (handlers report `current` in the create input's shape), also those the
 * desired input leaves out but `changes` compares (a description it wants empty).
 */
function restoringInput(desired: object, current: unknown): unknown {
  const now = (current ?? {}) as Record<string, unknown>;
  const restored: Record<string, unknown> = { ...desired };
  for (const key of Object.keys(now)) {
    if (key !== 'clientToken' && key !== 'tags') restored[key] = now[key];
  }
  return restored;
}

/** The throwing variant, for scripts. */
export async function applyOrThrow(plan: Plan, options: ExecuteOptions = {}): Promise<ApplyResult> {
  const result = await apply(plan, options);
  if (result.error !== undefined) throw result.error;
  return result;
}
