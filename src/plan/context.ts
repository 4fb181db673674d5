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
} from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import type { ArnScope } from './names.js';
import { mergeTags, withOwnTags } from './tags.js';

export interface PlanContext {
  readonly definition: MeshDefinition;
  readonly meshName: string;
  /** Set when the plan creates the mesh; a mesh shared from another account is not created here. */
  readonly meshId: string | undefined;
  readonly namespace: CloudMapNamespaceDefinition | undefined;
  readonly ecs: EcsEnvironmentDefinition | undefined;
  /** Account and region of the mesh's ARNs: the mesh owner's account for a shared mesh. */
  readonly meshArnScope: ArnScope | undefined;
  readonly nodeNames: ReadonlySet<string>;
  readonly routerNames: ReadonlySet<string>;
  readonly serviceNames: ReadonlySet<string>;
  /** Node name -> the virtual service whose provider it is (the smallest name if several). */
  readonly serviceFrontingNode: ReadonlyMap<string, string>;
  /** Cloud Map service name (in the mesh's namespace) -> plan id. */
  readonly cloudMapServiceIds: ReadonlyMap<string, string>;
  /** The mesh's tags with the ownership tag: the base of every App Mesh and Cloud Map resource's tags. */
  readonly meshTags: Tags;
  /** Plus the ECS environment's tags: the base of every resource on the AWS side. */
  readonly awsTags: Tags;
}

export function planContext(definition: MeshDefinition): PlanContext {
  const { ecs, namespace, meshOwner } = definition;
  const sharedFromElsewhere = meshOwner !== undefined && meshOwner !== ecs?.accountId;

  const serviceFrontingNode = new Map<string, string>();
  for (const service of definition.services) {
    if (service.provider.kind !== 'virtualNode') continue;
    const current = serviceFrontingNode.get(service.provider.name);
    if (current === undefined || service.name < current)
      serviceFrontingNode.set(service.provider.name, service.name);
  }

  const cloudMapServiceIds = new Map<string, string>();
  if (namespace) {
    for (const service of definition.cloudMapServices) {
      cloudMapServiceIds.set(service.name, paths.cloudMapService(namespace.name, service.name));
    }
  }

  return {
    definition,
    meshName: definition.name,
    meshId: sharedFromElsewhere ? undefined : paths.mesh(definition.name),
    namespace,
    ecs,
    meshArnScope: ecs ? { region: ecs.region, accountId: meshOwner ?? ecs.accountId } : undefined,
    nodeNames: new Set(definition.nodes.map((node) => node.name)),
    routerNames: new Set(definition.routers.map((router) => router.name)),
    serviceNames: new Set(definition.services.map((service) => service.name)),
    serviceFrontingNode,
    cloudMapServiceIds,
    meshTags: mergeTags(definition.name, definition.tags),
    awsTags: mergeTags(definition.name, definition.tags, ecs?.tags),
  };
}

/** An App Mesh or Cloud Map resource's tags: the mesh's, then its own. */
export function meshResourceTags(context: PlanContext, own: Tags | undefined): Tags {
  return withOwnTags(context.meshName, context.meshTags, own);
}

/** A backend or gateway-route target: a virtual service name, or a node that a service fronts. */
export function resolveServiceName(context: PlanContext, name: string): string {
  if (context.serviceNames.has(name)) return name;
  return context.serviceFrontingNode.get(name) ?? name;
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
