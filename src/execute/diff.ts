/** diff: what apply would do, from reads only. */
import type { MeshError } from '../errors/mesh-error.js';
import type { Plan } from '../plan/plan.js';
import { isReferenced } from '../plan/referenced.js';
import type { ResourceKind } from '../plan/resource.js';
import { decidingTags, readEntry } from './delete-owned.js';
import { asExecuteError } from './execute-error.js';
import type { Journal, JournalEntry } from './journal.js';
import { withJournal } from './journal-session.js';
import { type ExecuteOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { carriesOwnershipTag } from './ownership.js';
import { readAll } from './read-all.js';
import { referenceNotFound } from './read-referenced.js';
import { handlerFor } from './step.js';

/**
 * `delete`: an earlier apply of this plan created it (journal and tags agree) and the plan no longer has it.
 * `referenced`: the plan uses it as AWS has it and never writes it (an AWS-managed prefix list).
 */
export type DiffAction = 'create' | 'update' | 'unchanged' | 'delete' | 'referenced';

export interface DiffEntry {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly action: DiffAction;
  /** For updates: the fields that differ. */
  readonly changes: readonly string[];
}

export interface DiffResult {
  /** False when a read failed: `entries` is then empty and `error` names the resource. */
  readonly ok: boolean;
  readonly entries: readonly DiffEntry[];
  readonly error?: MeshError;
}

export async function diff(plan: Plan, options: ExecuteOptions = {}): Promise<DiffResult> {
  const resolved = resolveOptions(options);
  const failed = (error: MeshError): DiffResult => ({ ok: false, entries: [], error });
  return withJournal(resolved, { command: `diff ${plan.meshName}`, owner: plan, failed }, (journal) =>
    diffWith(plan, resolved, journal),
  );
}

async function diffWith(plan: Plan, resolved: ResolvedOptions, journal: Journal): Promise<DiffResult> {
  const read = await readAll(plan, resolved);
  if (!read.ok) return { ok: false, entries: [], error: read.error };
  const missing = plan.resources.find(
    (resource) => isReferenced(resource.kind) && read.resources.get(resource.id)?.observed === undefined,
  );
  // Apply would stop on it before writing anything: so does diff.
  if (missing !== undefined) return { ok: false, entries: [], error: referenceNotFound(missing) };
  const planned = plan.resources.map((resource): DiffEntry => {
    const { input, observed } = read.resources.get(resource.id) ?? {};
    const base = { id: resource.id, kind: resource.kind, name: resource.name };
    if (isReferenced(resource.kind)) return { ...base, action: 'referenced', changes: [] };
    if (input === undefined || observed === undefined) return { ...base, action: 'create', changes: [] };
    const changes = handlerFor(resource.kind).changes(input as never, observed);
    return { ...base, action: changes.length > 0 ? 'update' : 'unchanged', changes };
  });
  const removed: DiffEntry[] = [];
  const entries = journal.entries();
  for (const orphan of journal.orphans(new Set(plan.resources.map((r) => r.id)))) {
    try {
      if (await deletable(orphan, entries, plan, resolved)) {
        const name = orphan.attributes?.name ?? orphan.id;
        removed.push({ id: orphan.id, kind: orphan.kind, name, action: 'delete', changes: [] });
      }
    } catch (error) {
      return { ok: false, entries: [], error: asExecuteError(orphan, error) };
    }
  }
  return { ok: true, entries: [...planned, ...removed] };
}

/** What apply would delete of a dropped resource: it is still there, and its tags say it is this plan's. */
async function deletable(
  orphan: JournalEntry,
  entries: ReadonlyMap<string, JournalEntry>,
  plan: Plan,
  options: ResolvedOptions,
): Promise<boolean> {
  const observed = await readEntry(orphan, options);
  if (observed === undefined) return false;
  const tags = await decidingTags(orphan, observed, entries, options);
  return tags !== undefined && carriesOwnershipTag(tags, plan);
}
