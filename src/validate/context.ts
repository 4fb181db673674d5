/**
 * Lookups every rule needs, built once per validation so each rule stays linear in the size
 * of the definition (Maps and Sets, never a scan inside a loop).
 */
import type {
  MeshDefinition,
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
} from '../definition/mesh-definition.js';

export interface ValidationContext {
  readonly definition: MeshDefinition;
  readonly mesh: string;
  /** First declaration of each name (duplicates are reported by the duplicates rule). */
  readonly nodes: ReadonlyMap<string, VirtualNodeDefinition>;
  readonly routers: ReadonlyMap<string, VirtualRouterDefinition>;
  readonly gateways: ReadonlyMap<string, VirtualGatewayDefinition>;
  readonly serviceNames: ReadonlySet<string>;
  /** Node name -> names of the virtual services it provides, in definition order. */
  readonly servicesByNode: ReadonlyMap<string, readonly string[]>;
  readonly namespaceName: string | undefined;
  readonly cloudMapServices: ReadonlySet<string>;
  /** Cloud Map services at least one task registers in (its instances answer DNS). */
  readonly registeredCloudMapServices: ReadonlySet<string>;
  /** Security groups this plan creates: the mesh group and every gateway's group. */
  readonly securityGroups: ReadonlySet<string>;
}

function firstByName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.name)) map.set(item.name, item);
  return map;
}

/** The Cloud Map service a node's tasks register in: `task.registerIn`, else its Cloud Map discovery. */
export function registrationOf(node: VirtualNodeDefinition): string | undefined {
  if (!node.task) return undefined;
  if (node.task.registerIn !== undefined) return node.task.registerIn;
  return node.serviceDiscovery?.kind === 'cloudMap' ? node.serviceDiscovery.service : undefined;
}

export function buildContext(definition: MeshDefinition): ValidationContext {
  const servicesByNode = new Map<string, string[]>();
  for (const service of definition.services) {
    if (service.provider.kind !== 'virtualNode') continue;
    const list = servicesByNode.get(service.provider.name);
    if (list) list.push(service.name);
    else servicesByNode.set(service.provider.name, [service.name]);
  }
  const registered = new Set<string>();
  for (const node of definition.nodes) {
    const service = registrationOf(node);
    if (service !== undefined) registered.add(service);
  }
  const securityGroups = new Set<string>();
  if (definition.ecs) securityGroups.add(definition.ecs.meshSecurityGroup);
  for (const gateway of definition.gateways) {
    if (gateway.task) securityGroups.add(gateway.task.securityGroupName);
  }
  return {
    definition,
    mesh: definition.name,
    nodes: firstByName(definition.nodes),
    routers: firstByName(definition.routers),
    gateways: firstByName(definition.gateways),
    serviceNames: new Set(definition.services.map((service) => service.name)),
    servicesByNode,
    namespaceName: definition.namespace?.name,
    cloudMapServices: new Set(definition.cloudMapServices.map((service) => service.name)),
    registeredCloudMapServices: registered,
    securityGroups,
  };
}

export type ServiceRef =
  | { readonly kind: 'service'; readonly name: string }
  | { readonly kind: 'ambiguous'; readonly services: readonly string[] }
  | { readonly kind: 'unknown' };

/**
 * Resolves a backend or gateway-route target: a virtual service name, or the name of a node
 * that exactly one virtual service fronts. A service name wins over a node of the same name.
 */
export function resolveServiceRef(context: ValidationContext, ref: string): ServiceRef {
  if (context.serviceNames.has(ref)) return { kind: 'service', name: ref };
  const fronting = context.servicesByNode.get(ref);
  if (!fronting) return { kind: 'unknown' };
  const [only] = fronting;
  if (fronting.length === 1 && only !== undefined) return { kind: 'service', name: only };
  return { kind: 'ambiguous', services: fronting };
}
