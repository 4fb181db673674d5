import type { Plan } from '../../src/plan/plan.js';
import type { PlannedResource, ResourceInputs, ResourceKind } from '../../src/plan/resource.js';

/** The resource with this id, typed by the kind the test expects it to be. */
export function resource<K extends ResourceKind>(plan: Plan, kind: K, id: string): PlannedResource<K> {
  const found = plan.resources.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`No resource ${id} in the plan`);
  if (found.kind !== kind) throw new Error(`${id} is a ${found.kind}, not a ${kind}`);
  return found as PlannedResource<K>;
}

export function input<K extends ResourceKind>(plan: Plan, kind: K, id: string): ResourceInputs[K] {
  return resource(plan, kind, id).input;
}

/** A deep, mutable copy of a fixture to vary it. */
export function copy<T>(value: T): T {
  return structuredClone(value) as T;
}
