/**
 * `plan()`: validate a MeshDefinition, derive every AWS resource it implies, and order them.
 * Pure and deterministic: the same definition gives byte-identical JSON, whatever the order in
 * which its nodes, routers or services were declared.
 */
import type {
  CloudMapServiceDefinition,
  MeshDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
  VirtualServiceDefinition,
} from '../definition/mesh-definition.js';
import { PlanValidationError } from '../errors/mesh-error.js';
import { issue, type PlanIssue } from '../validate/issue.js';
import { validateDefinition } from '../validate/validate-definition.js';
import { type PlanContext, planContext } from './context.js';
import { formatCycle, topologicalOrder } from './graph.js';
import { planNameOf } from './names.js';
import type { Plan } from './plan.js';
import { type PlannedResource, RESOURCE_KINDS, type ResourceKind } from './resource.js';
import { cloudMapNamespaceResource } from './resources/cloud-map-namespace.js';
import { cloudMapServiceResource } from './resources/cloud-map-service.js';
import { gatewayRouteResource } from './resources/gateway-route.js';
import { meshResource } from './resources/mesh.js';
import { routeResource } from './resources/route.js';
import { virtualGatewayResource } from './resources/virtual-gateway.js';
import { virtualNodeResource } from './resources/virtual-node.js';
import { virtualRouterResource } from './resources/virtual-router.js';
import { virtualServiceResource } from './resources/virtual-service.js';
import { taskResources } from './task-resources.js';

const KIND_RANK = Object.fromEntries(RESOURCE_KINDS.map((kind, index) => [kind, index])) as Record<
  ResourceKind,
  number
>;

/** Between resources of one dependency layer: App Mesh's safe create order by kind, then id. */
function compareResources(a: PlannedResource, b: PlannedResource): number {
  return KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Turns a definition into an ordered, frozen plan. Throws PlanValidationError listing every
 * error-level issue (nothing is derived from an invalid definition); warnings go to `plan.warnings`.
 */
export function plan(definition: MeshDefinition): Plan {
  const issues = validateDefinition(definition);
  const errors = issues.filter((found: PlanIssue) => found.severity === 'error');
  if (errors.length > 0) throw new PlanValidationError(errors as [PlanIssue, ...PlanIssue[]]);

  // Sorted first: the graph keeps this order between resources that become ready together.
  const resources = deriveResources(planContext(definition)).sort(compareResources);
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
    meshName: definition.name,
    planName: planNameOf(definition),
    resources: Object.freeze(ordered.order), // each resource was frozen when planned
    warnings: Object.freeze(issues.filter((found: PlanIssue) => found.severity === 'warning')),
    ...(ecs === undefined ? {} : { aws: Object.freeze({ region: ecs.region, accountId: ecs.accountId }) }),
  });
}

// Indexed loops over the definition's lists: over frozen lists, for-of and forEach measured
// several times slower on Node 20 (bench/plan.ts).
function deriveResources(context: PlanContext): PlannedResource[] {
  const { definition, namespace } = context;
  const { cloudMapServices, nodes, routers, services } = definition;
  const resources: PlannedResource[] = [];
  if (namespace) {
    resources.push(cloudMapNamespaceResource(context, namespace));
    for (let i = 0; i < cloudMapServices.length; i++) {
      resources.push(cloudMapServiceResource(context, cloudMapServices[i] as CloudMapServiceDefinition));
    }
  }
  if (context.meshId) resources.push(meshResource(context, context.meshId));
  for (let i = 0; i < nodes.length; i++) {
    resources.push(virtualNodeResource(context, nodes[i] as VirtualNodeDefinition));
  }
  for (let i = 0; i < routers.length; i++) {
    const router = routers[i] as VirtualRouterDefinition;
    resources.push(virtualRouterResource(context, router));
    for (const route of router.routes) resources.push(routeResource(context, router, route));
  }
  for (let i = 0; i < services.length; i++) {
    resources.push(virtualServiceResource(context, services[i] as VirtualServiceDefinition));
  }
  for (const gateway of definition.gateways) {
    resources.push(virtualGatewayResource(context, gateway));
    for (const route of gateway.routes) resources.push(gatewayRouteResource(context, gateway, route));
  }
  resources.push(...taskResources(context));
  return resources;
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
