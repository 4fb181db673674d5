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
import { paths } from '../definition/paths.js';

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
  /**
   * Issue paths of the nodes, routers and gateways, in definition order: most rules check every
   * node, and building its path in each of them would make one string per rule and node.
   */
  readonly nodePaths: readonly string[];
  readonly routerPaths: readonly string[];
  readonly gatewayPaths: readonly string[];
}

// Indexed loops here and in the rules: over the definition's frozen lists, for-of and forEach
// measured several times slower on Node 20 (bench/plan.ts, validate column).

function firstByName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  // One set() per item: names rarely repeat, and a repeat keeps its key where it first was.
  const map = new Map<string, T>();
  for (let i = 0; i < items.length; i++) map.set((items[i] as T).name, items[i] as T);
  if (map.size === items.length) return map;
  // A name is repeated, and set() kept its last declaration: index the first ones instead.
  map.clear();
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    if (!map.has(item.name)) map.set(item.name, item);
  }
  return map;
}

function namesOf(items: readonly { readonly name: string }[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < items.length; i++) names.add((items[i] as { readonly name: string }).name);
  return names;
}

function pathsOf(
  items: readonly { readonly name: string }[],
  pathOf: (mesh: string, name: string) => string,
  mesh: string,
): string[] {
  const list = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) list[i] = pathOf(mesh, (items[i] as { readonly name: string }).name);
  return list;
}

/** The Cloud Map service a node's tasks register in: `task.registerIn`, else its Cloud Map discovery. */
export function registrationOf(node: VirtualNodeDefinition): string | undefined {
  if (!node.task) return undefined;
  if (node.task.registerIn !== undefined) return node.task.registerIn;
  return node.serviceDiscovery?.kind === 'cloudMap' ? node.serviceDiscovery.service : undefined;
}

export function buildContext(definition: MeshDefinition): ValidationContext {
  const { services, nodes, gateways, name: mesh } = definition;
  const servicesByNode = new Map<string, string[]>();
  for (let i = 0; i < services.length; i++) {
    const service = services[i] as (typeof services)[number];
    if (service.provider.kind !== 'virtualNode') continue;
    const list = servicesByNode.get(service.provider.name);
    if (list) list.push(service.name);
    else servicesByNode.set(service.provider.name, [service.name]);
  }
  const registered = new Set<string>();
  for (let i = 0; i < nodes.length; i++) {
    const service = registrationOf(nodes[i] as VirtualNodeDefinition);
    if (service !== undefined) registered.add(service);
  }
  const securityGroups = new Set<string>();
  if (definition.ecs) securityGroups.add(definition.ecs.meshSecurityGroup);
  for (const gateway of gateways) {
    if (gateway.task) securityGroups.add(gateway.task.securityGroupName);
  }
  return {
    definition,
    mesh,
    nodes: firstByName(nodes),
    routers: firstByName(definition.routers),
    gateways: firstByName(gateways),
    serviceNames: namesOf(services),
    servicesByNode,
    namespaceName: definition.namespace?.name,
    cloudMapServices: namesOf(definition.cloudMapServices),
    registeredCloudMapServices: registered,
    securityGroups,
    nodePaths: pathsOf(nodes, paths.virtualNode, mesh),
    routerPaths: pathsOf(definition.routers, paths.virtualRouter, mesh),
    gatewayPaths: pathsOf(gateways, paths.virtualGateway, mesh),
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
  const name = resolvedServiceName(context, ref);
  if (name !== undefined) return { kind: 'service', name };
  const fronting = context.servicesByNode.get(ref);
  if (!fronting) return { kind: 'unknown' };
  return { kind: 'ambiguous', services: fronting };
}

/** resolveServiceRef's service name, else undefined; without a result object, for per-backend checks. */
export function resolvedServiceName(context: ValidationContext, ref: string): string | undefined {
  if (context.serviceNames.has(ref)) return ref;
  const fronting = context.servicesByNode.get(ref);
  return fronting?.length === 1 ? fronting[0] : undefined;
}
