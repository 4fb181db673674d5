/**
 * The definition as the builder assembles it: the defaults of a new mesh and of new resources, the
 * draft that `build()` replays the builder's steps into, and every change a step can make to it.
 * Changes are named functions of (target, value) rather than closures, so a builder step allocates
 * no function of its own (a 5,000-node chain has about 45,000 steps).
 */
import type {
  BackendDefaults,
  Listener,
  Logging,
  VirtualGatewayListener,
  VirtualGatewaySpec,
  VirtualRouterListener,
} from '@aws-sdk/client-app-mesh';
import type {
  BackendDefinition,
  CloudMapNamespaceDefinition,
  CloudMapServiceDefinition,
  EcsEnvironmentDefinition,
  GatewayLoadBalancerDefinition,
  GatewayRouteDefinition,
  GatewayTaskDefinition,
  MeshDefinition,
  NodeTaskDefinition,
  RouteDefinition,
  ServiceDiscoveryDefinition,
  Tags,
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
  VirtualServiceDefinition,
  VirtualServiceProviderDefinition,
} from '../definition/mesh-definition.js';
import { notDataOf } from '../definition/not-data.js';
import { freezeData, NO_TAGS, plain } from '../options/plain-data.js';
import { gatewayTask } from '../options/task.js';
import type { MeshOptions } from './mesh-builder.js';

/** An empty mesh with the mesh-level defaults filled. */
export function emptyMesh(name: string, options: MeshOptions = {}): MeshDefinition {
  // Frozen with copies of the user's values, as every builder step stores them.
  return freezeData({
    kind: 'mesh',
    name,
    egressFilter: options.egressFilter ?? 'DROP_ALL',
    ...(options.ipPreference === undefined ? {} : { ipPreference: options.ipPreference }),
    ...(options.meshOwner === undefined ? {} : { meshOwner: options.meshOwner }),
    ...(options.plan === undefined ? {} : { plan: options.plan }),
    tags: options.tags ?? NO_TAGS,
    cloudMapServices: [],
    nodes: [],
    services: [],
    routers: [],
    gateways: [],
    externalDns: [],
  });
}

/** A resource being assembled by `build()`: its fields writable and its own lists growable. */
export type Draft<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
export type NodeDraft = Draft<VirtualNodeDefinition>;
export type RouterDraft = Draft<VirtualRouterDefinition>;
export type GatewayDraft = Omit<Draft<VirtualGatewayDefinition>, 'spec'> & {
  spec: VirtualGatewaySpec & { listeners: VirtualGatewayListener[] };
};

/**
 * A definition being assembled by `build()`, which replays the builder's steps into it: each step
 * writes in place, so a long chain costs linear time. Only the replay in builder-impl.ts holds one,
 * and it is frozen before anyone else can see it.
 */
export interface MeshDraft extends Omit<Draft<MeshDefinition>, 'nodes' | 'routers' | 'gateways'> {
  nodes: NodeDraft[];
  routers: RouterDraft[];
  gateways: GatewayDraft[];
}

/** A fresh draft of a definition: every list, and every resource that steps write into, its own copy. */
export function draftOf(definition: MeshDefinition): MeshDraft {
  return {
    ...definition,
    cloudMapServices: [...definition.cloudMapServices],
    nodes: definition.nodes.map((node) => ({
      ...node,
      listeners: [...node.listeners],
      backends: [...node.backends],
    })),
    services: [...definition.services],
    routers: definition.routers.map((router) => ({
      ...router,
      listeners: [...router.listeners],
      routes: [...router.routes],
    })),
    gateways: definition.gateways.map((gateway) => ({
      ...gateway,
      spec: { ...gateway.spec, listeners: [...(gateway.spec.listeners ?? [])] },
      routes: [...gateway.routes],
    })),
    externalDns: [...definition.externalDns],
  };
}

export function newNode(name: string): NodeDraft {
  return { kind: 'virtualNode', name, listeners: [], backends: [], tags: NO_TAGS };
}

export function newRouter(name: string): RouterDraft {
  return { kind: 'virtualRouter', name, listeners: [], routes: [], tags: NO_TAGS };
}

export function newGateway(name: string): GatewayDraft {
  return { kind: 'virtualGateway', name, spec: { listeners: [] }, routes: [], tags: NO_TAGS };
}

/** A virtual service, frozen: its provider is new (frozen in place), its tags the user's (copied). */
export function newService(
  name: string,
  provider: VirtualServiceProviderDefinition,
  tags: Tags = NO_TAGS,
): VirtualServiceDefinition {
  return Object.freeze({
    kind: 'virtualService',
    name,
    provider: Object.freeze(provider),
    tags: freezeData(tags),
  });
}

/** The provider for `.service(name, { node } | { router } | {})`. */
export function providerOf(options: {
  readonly node?: string;
  readonly router?: string;
}): VirtualServiceProviderDefinition {
  if (options.node !== undefined) return { kind: 'virtualNode', name: options.node };
  if (options.router !== undefined) return { kind: 'virtualRouter', name: options.router };
  return { kind: 'none' };
}

// ------------------------------------------------------------------ changes to the mesh

/** The first change of every chain: the starting definition, with lists of the draft's own. */
export function startFrom(draft: MeshDraft, definition: MeshDefinition): void {
  Object.assign(draft, draftOf(definition));
}

export function setNamespace(draft: MeshDraft, namespace: CloudMapNamespaceDefinition): void {
  draft.namespace = namespace;
}

export function setEcs(draft: MeshDraft, ecs: EcsEnvironmentDefinition): void {
  draft.ecs = ecs;
}

export function addCloudMapService(draft: MeshDraft, service: CloudMapServiceDefinition): void {
  draft.cloudMapServices.push(service);
}

export function addExternalDns(draft: MeshDraft, name: string): void {
  draft.externalDns.push(name);
}

// Duplicates are kept everywhere: validation reports them.
export function addService(draft: MeshDraft, service: VirtualServiceDefinition): void {
  draft.services.push(service);
}

// A new resource is created in each replay, so later steps can write into it.
export function addNode(draft: MeshDraft, name: string): void {
  draft.nodes.push(newNode(name));
}

export function addRouter(draft: MeshDraft, name: string): void {
  draft.routers.push(newRouter(name));
}

export function addGateway(draft: MeshDraft, name: string): void {
  draft.gateways.push(newGateway(name));
}

// ------------------------------------------------------------------ changes to one resource

/**
 * Tags merged over existing ones (later values win). A stand-in for tags that were not data (a Map,
 * an object inside itself) has no keys to merge: it is kept, so that validation reports it.
 */
export function addTags(resource: { tags: Tags }, tags: Tags): void {
  if (notDataOf(resource.tags) !== undefined) return;
  resource.tags = notDataOf(tags) === undefined ? { ...resource.tags, ...tags } : tags;
}

export function addNodeListener(node: NodeDraft, listener: Listener): void {
  node.listeners.push(listener);
}

export function setServiceDiscovery(node: NodeDraft, serviceDiscovery: ServiceDiscoveryDefinition): void {
  node.serviceDiscovery = serviceDiscovery;
}

export function addBackend(node: NodeDraft, backend: BackendDefinition): void {
  node.backends.push(backend);
}

export function setNodeBackendDefaults(node: NodeDraft, backendDefaults: BackendDefaults): void {
  node.backendDefaults = backendDefaults;
}

export function setNodeLogging(node: NodeDraft, logging: Logging): void {
  node.logging = logging;
}

export function setNodeTask(node: NodeDraft, task: NodeTaskDefinition): void {
  node.task = task;
}

export function addRouterListener(router: RouterDraft, listener: VirtualRouterListener): void {
  router.listeners.push(listener);
}

export function addRoute(router: RouterDraft, route: RouteDefinition): void {
  router.routes.push(route);
}

export function addGatewayListener(gateway: GatewayDraft, listener: VirtualGatewayListener): void {
  gateway.spec.listeners.push(listener);
}

export function addGatewayRoute(gateway: GatewayDraft, route: GatewayRouteDefinition): void {
  gateway.routes.push(route);
}

export function setGatewayBackendDefaults(gateway: GatewayDraft, backendDefaults: BackendDefaults): void {
  gateway.spec.backendDefaults = backendDefaults;
}

export function setGatewayLogging(gateway: GatewayDraft, logging: Logging): void {
  gateway.spec.logging = logging;
}

/** The task replaces an earlier one, but keeps an earlier `.loadBalancer()` unless it has its own. */
export function setGatewayTask(gateway: GatewayDraft, task: GatewayTaskDefinition): void {
  const loadBalancer = task.loadBalancer ?? gateway.task?.loadBalancer;
  gateway.task = plain({ ...task, loadBalancer });
}

/** Before `.task()`, the load balancer goes on a default task. */
export function setGatewayLoadBalancer(
  gateway: GatewayDraft,
  { meshName, loadBalancer }: { meshName: string; loadBalancer: GatewayLoadBalancerDefinition },
): void {
  gateway.task = { ...(gateway.task ?? gatewayTask(meshName, gateway.name, {})), loadBalancer };
}
