/** The last step of every target's plan: sort, check ids, order by dependencies, freeze. */
import type { MeshDefinition } from '../definition/mesh-definition.js';
import { PlanValidationError } from '../errors/mesh-error.js';
import { issue, type PlanIssue } from '../validate/issue.js';
import { formatCycle, topologicalOrder } from './graph.js';
import { planNameOf } from './names.js';
import type { Plan } from './plan.js';
import type { Target } from './plan-options.js';
import { type PlannedResource, RESOURCE_KINDS, type ResourceKind } from './resource.js';

const KIND_RANK = Object.fromEntries(RESOURCE_KINDS.map((kind, index) => [kind, index])) as Record<
  ResourceKind,
  number
>;

/** Between resources of one dependency layer: App Mesh's safe create order by kind, then id. */
function compareResources(a: PlannedResource, b: PlannedResource): number {
  return KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function assemblePlan(
  definition: MeshDefinition,
  target: Target,
  resources: PlannedResource[],
  warnings: readonly PlanIssue[],
): Plan {
  // Sorted first: the graph keeps this order between resources that become ready together.
  resources.sort(compareResources);
  assertUniqueIds(resources);
  const ordered = topologicalOrder(resources);
  if (!ordered.ok) {
    const [first] = ordered.cycle;
    throw new PlanValidationError([
      issue(
        'CYCLE',
        first as string,
        'resources that do not depend on each other in a loop',
        formatCycle(ordered.cycle),
      ),
    ]);
  }
  const { ecs } = definition;
  return Object.freeze({
    kind: 'plan',
    target,
    meshName: definition.name,
    planName: planNameOf(definition),
    resources: Object.freeze(ordered.order), // each resource was frozen when planned
    warnings: Object.freeze([...warnings]),
    ...(ecs === undefined ? {} : { aws: Object.freeze({ region: ecs.region, accountId: ecs.accountId }) }),
  });
}

/**
 * Validation reports duplicate names; this guards the plan's own invariant all the same.
 * Resources are sorted by kind and id here, and an id belongs to one kind, so duplicates are adjacent.
 */
function assertUniqueIds(sorted: readonly PlannedResource[]): void {
  const duplicates: PlanIssue[] = [];
  for (let index = 1; index < sorted.length; index++) {
    const resource = sorted[index] as PlannedResource;
    if (resource.id === sorted[index - 1]?.id) {
      duplicates.push(
        issue('DUPLICATE_NAME', resource.id, 'one resource per id', `a second ${resource.kind}`),
      );
    }
  }
  if (duplicates.length > 0) throw new PlanValidationError(duplicates as [PlanIssue, ...PlanIssue[]]);
}
