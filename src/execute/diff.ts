/** diff: what apply would do, from reads only. */
import type { Plan } from '../plan/plan.js';
import type { ResourceKind } from '../plan/resource.js';
import { type ExecuteOptions, resolveOptions } from './options.js';
import { readAll } from './read-all.js';
import { handlerFor } from './step.js';

export type DiffAction = 'create' | 'update' | 'unchanged';

export interface DiffEntry {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly action: DiffAction;
  /** For updates: the fields that differ. */
  readonly changes: readonly string[];
}

export async function diff(plan: Plan, options: ExecuteOptions = {}): Promise<DiffEntry[]> {
  const read = await readAll(plan, resolveOptions(options));
  return plan.resources.map((resource) => {
    const { input, observed } = read.get(resource.id) ?? {};
    const base = { id: resource.id, kind: resource.kind, name: resource.name };
    if (input === undefined || observed === undefined) return { ...base, action: 'create', changes: [] };
    const changes = handlerFor(resource.kind).changes(input as never, observed);
    return { ...base, action: changes.length > 0 ? 'update' : 'unchanged', changes };
  });
}
