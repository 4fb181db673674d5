/** Hand edits of a plan, for tests that apply one version of a mesh after another. */
import type { Plan } from '../../../src/plan/plan.js';

/**
 * The plan without these resources, and without them in anyone's dependencies: the version of the
 * mesh from before they were added.
 */
export function withoutResources(plan: Plan, ids: readonly string[]): Plan {
  const drop = new Set(ids);
  return {
    ...plan,
    resources: plan.resources
      .filter((r) => !drop.has(r.id))
      .map((r) => ({ ...r, dependsOn: r.dependsOn.filter((d) => !drop.has(d)) })),
  } as Plan;
}

/** These resources and everything that depends on them, directly or not: what goes with them. */
export function withDependents(plan: Plan, ids: readonly string[]): string[] {
  const found = new Set(ids);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of plan.resources) {
      if (!found.has(r.id) && r.dependsOn.some((d) => found.has(d))) {
        found.add(r.id);
        grew = true;
      }
    }
  }
  return [...found];
}

/** The plan with one resource's input changed by `change` (merged over it). */
export function withInputOf(plan: Plan, id: string, change: Readonly<Record<string, unknown>>): Plan {
  if (!plan.resources.some((r) => r.id === id)) throw new Error(`The plan has no ${id}.`);
  return {
    ...plan,
    resources: plan.resources.map((r) => (r.id === id ? { ...r, input: { ...r.input, ...change } } : r)),
  } as Plan;
}
