/**
 * What every resource function may look up, computed once per plan (Maps, so planning stays
 * linear in the size of the definition).
 */
import type {
  CloudMapNamespaceDefinition,
  EcsEnvironmentDefinition,
  MeshDefinition,
  ServiceDiscoveryDefinition,
  Tags,
  VirtualServiceDefinition,
} from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import { type ArnScope, planNameOf } from './names.js';
import { ref } from './resource.js';
import { mergeTags, ownershipTags, withOwnTags } from './tags.js';

export interface PlanContext {
  readonly definition: MeshDefinition;
  readonly meshName: string;
  /** Set when the plan creates the mesh; a mesh shared from another account is not created here. */
  readonly meshId: string | undefined;
  readonly namespace: CloudMapNamespaceDefinition | undefined;
  readonly ecs: EcsEnvironmentDefinition | undefined;
  /** Account and region of the mesh's ARNs: the mesh owner's account for a shared mesh. */
  readonly meshArnScope: ArnScope | undefined;
  /**
   * Plan ids of the declared App Mesh and Cloud Map resources, by name. Resources take their own id
   * and the ids they depend on from here, so each id is one string that the graph hashes once.
   */
  readonly nodeIds: ReadonlyMap<string, string>;
  readonly routerIds: ReadonlyMap<string, string>;
  readonly serviceIds: ReadonlyMap<string, string>;
  readonly gatewayIds: ReadonlyMap<string, string>;
  readonly namespaceId: string | undefined;
  /** The namespace's id as a reference token: one string that every Cloud Map service's input shares. */
  readonly namespaceIdRef: string | undefined;
  /** Cloud Map service name (in the mesh's namespace) -> plan id. */
  readonly cloudMapServiceIds: ReadonlyMap<string, string>;
  /** The virtual service a node is the provider of (the smallest name if several). */
  readonly serviceFrontingNode: (node: string) => string | undefined;
  /** Its mesh and plan, as tags: last on every resource's tags. */
  readonly ownershipTags: Tags;
  /** The mesh's tags with the ownership tags: the base of every App Mesh and Cloud Map resource's tags. */
  readonly meshTags: Tags;
  /** Plus the ECS environment's tags: the base of every resource on the AWS side. */
  readonly awsTags: Tags;
}

export function planContext(definition: MeshDefinition): PlanContext {
  const { ecs, namespace, meshOwner } = definition;
  const sharedFromElsewhere = meshOwner !== undefined && meshOwner !== ecs?.accountId;

  const meshName = definition.name;
  const ownership = ownershipTags(meshName, planNameOf(definition));
  const namespaceName = namespace?.name;
  const namespaceId = namespaceName === undefined ? undefined : paths.cloudMapNamespace(namespaceName);

  return {
    definition,
    meshName: definition.name,
    meshId: sharedFromElsewhere ? undefined : paths.mesh(definition.name),
    namespace,
    ecs,
    meshArnScope: ecs ? { region: ecs.region, accountId: meshOwner ?? ecs.accountId } : undefined,
    nodeIds: idsByName(definition.nodes, (name) => paths.virtualNode(meshName, name)),
    routerIds: idsByName(definition.routers, (name) => paths.virtualRouter(meshName, name)),
    serviceIds: idsByName(definition.services, (name) => paths.virtualService(meshName, name)),
    gatewayIds: idsByName(definition.gateways, (name) => paths.virtualGateway(meshName, name)),
    namespaceId,
    namespaceIdRef: namespaceId === undefined ? undefined : ref(namespaceId, 'id'),
    cloudMapServiceIds:
      namespaceName === undefined
        ? new Map()
        : idsByName(definition.cloudMapServices, (name) => paths.cloudMapService(namespaceName, name)),
    serviceFrontingNode: frontingServices(definition.services),
    ownershipTags: ownership,
    meshTags: mergeTags(ownership, definition.tags),
    awsTags: mergeTags(ownership, definition.tags, ecs?.tags),
  };
}

/**
 * Looks up the service fronting a node, indexing them all on the first call: only a backend or a
 * gateway route target that names a node needs one, and most name their service.
 */
function frontingServices(
  services: readonly VirtualServiceDefinition[],
): (node: string) => string | undefined {
  let byNode: Map<string, string> | undefined;
  return (node) => {
    if (byNode === undefined) {
      byNode = new Map();
      // Indexed: the definition's lists are frozen (see build-plan.ts).
      for (let i = 0; i < services.length; i++) {
        const service = services[i] as VirtualServiceDefinition;
        if (service.provider.kind !== 'virtualNode') continue;
        const current = byNode.get(service.provider.name);
        if (current === undefined || service.name < current) byNode.set(service.provider.name, service.name);
      }
    }
    return byNode.get(node);
  };
}

function idsByName(
  resources: readonly { readonly name: string }[],
  idOf: (name: string) => string,
): Map<string, string> {
  const ids = new Map<string, string>();
  for (let i = 0; i < resources.length; i++) {
    const { name } = resources[i] as { readonly name: string };
    ids.set(name, idOf(name)); // a repeated name has the same id
  }
  return ids;
}

/** The id of a resource the definition declares (each is in its context map). */
export function declaredId(ids: ReadonlyMap<string, string>, name: string): string {
  return ids.get(name) as string;
}

/** An App Mesh or Cloud Map resource's tags: the mesh's, then its own. */
export function meshResourceTags(context: PlanContext, own: Tags | undefined): Tags {
  return withOwnTags(context.ownershipTags, context.meshTags, own);
}

/** A backend or gateway-route target: a virtual service name, or a node that a service fronts. */
export function resolveServiceName(context: PlanContext, name: string): string {
  if (context.serviceIds.has(name)) return name;
  return context.serviceFrontingNode(name) ?? name;
}

/** The plan id of the Cloud Map service a discovery points at, when this plan creates it. */
export function discoveredCloudMapServiceId(
  context: PlanContext,
  discovery: ServiceDiscoveryDefinition | undefined,
): string | undefined {
  if (discovery?.kind !== 'cloudMap') return undefined;
  if (discovery.namespace !== undefined && discovery.namespace !== context.namespace?.name) return undefined;
  return context.cloudMapServiceIds.get(discovery.service);
}
