/** diff: what apply would do, from reads only. */
import type { Plan } from '../plan/plan.js';
import type { ResourceKind } from '../plan/resource.js';
import { Journal } from './journal.js';
import { type ExecuteOptions, resolveOptions } from './options.js';
import { readAll } from './read-all.js';
import { handlerFor } from './step.js';

/** `delete`: an earlier apply of this mesh created it (journal) and the plan no longer has it. */
export type DiffAction = 'create' | 'update' | 'unchanged' | 'delete';

export interface DiffEntry {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly action: DiffAction;
  /** For updates: the fields that differ. */
  readonly changes: readonly string[];
}

export async function diff(plan: Plan, options: ExecuteOptions = {}): Promise<DiffEntry[]> {
  const resolved = resolveOptions(options);
  const read = await readAll(plan, resolved);
  const planIds = new Set(plan.resources.map((r) => r.id));
  const removed: DiffEntry[] = new Journal(resolved.journalPath).orphans(planIds).map((e) => ({
    id: e.id,
    kind: e.kind,
    name: e.attributes?.name ?? e.id,
    action: 'delete',
    changes: [],
  }));
  const planned = plan.resources.map((resource): DiffEntry => {
    const { input, observed } = read.get(resource.id) ?? {};
    const base = { id: resource.id, kind: resource.kind, name: resource.name };
    if (input === undefined || observed === undefined) return { ...base, action: 'create', changes: [] };
    const changes = handlerFor(resource.kind).changes(input as never, observed);
    return { ...base, action: changes.length > 0 ? 'update' : 'unchanged', changes };
  });
  return [...planned, ...removed];
}
