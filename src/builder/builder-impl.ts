/**
 * The one runtime class behind every builder interface. Its state is its last change, which points
 * back to the ones before it (see change-log.ts: branched builders share their common past), plus,
 * after `.node()` / `.router()` / `.gateway()`, which resource the in-context methods act on.
 * `build()` replays the changes once into a fresh draft, each change writing in place, and freezes
 * the result: a builder call is O(1), so long chains stay linear. Arguments are copied and frozen
 * when a method is called (users may change their objects afterwards), so replays can share them.
 * The public interfaces decide which methods a user sees; this class only normalises arguments and
 * picks the change (definition-updates.ts) a step applies.
 */
import type {
  BackendDefaults,
  Listener,
  Logging,
  VirtualGatewayListener,
  VirtualRouterListener,
} from '@aws-sdk/client-app-mesh';
import type { MeshDefinition, ServiceDiscoveryDefinition, Tags } from '../definition/mesh-definition.js';
import {
  type CloudMapServiceOptions,
  cloudMapNamespace,
  cloudMapService,
  type NamespaceOptions,
} from '../options/cloud-map.js';
import { type GatewayRouteOptions, gatewayRouteSpec } from '../options/gateway-route.js';
import { routerListener } from '../options/listener.js';
import { freezeData, NO_TAGS } from '../options/plain-data.js';
import { type RouteOptions, routeSpec } from '../options/route.js';
import {
  type CloudMapDiscoveryOptions,
  cloudMap,
  type DnsDiscoveryOptions,
  dns,
} from '../options/service-discovery.js';
import {
  type EcsOptions,
  ecsEnvironment,
  type GatewayTaskOptions,
  gatewayLoadBalancer,
  gatewayTask,
  type LoadBalancerOptions,
  type NodeTaskOptions,
  nodeTask,
} from '../options/task.js';
import { plan } from '../plan/build-plan.js';
import { deepFreeze } from '../plan/freeze.js';
import type { Plan } from '../plan/plan.js';
import type { PlanOptions } from '../plan/plan-options.js';
import { type Change, replay, type Step } from './change-log.js';
import {
  addBackend,
  addCloudMapService,
  addExternalDns,
  addGateway,
  addGatewayListener,
  addGatewayRoute,
  addNode,
  addNodeListener,
  addRoute,
  addRouter,
  addRouterListener,
  addService,
  addTags,
  type GatewayDraft,
  type MeshDraft,
  type NodeDraft,
  newService,
  providerOf,
  type RouterDraft,
  setEcs,
  setGatewayBackendDefaults,
  setGatewayLoadBalancer,
  setGatewayLogging,
  setGatewayTask,
  setNamespace,
  setNodeBackendDefaults,
  setNodeLogging,
  setNodeTask,
  setServiceDiscovery,
  startFrom,
} from './definition-updates.js';
import type { VirtualServiceOptions } from './mesh-builder.js';
import type { BackendOptions } from './node-builder.js';

type ContextKind = 'node' | 'router' | 'gateway';
interface Context {
  readonly kind: ContextKind;
  /** Index in the definition's list (the last declaration when a name is declared twice). */
  readonly index: number;
  readonly name: string;
}

const LIST_OF = { node: 'nodes', router: 'routers', gateway: 'gateways' } as const;

// Where each in-context method is allowed (constants: an array literal per call adds up in long chains).
const NODE: readonly ContextKind[] = ['node'];
const GATEWAY: readonly ContextKind[] = ['gateway'];
const NODE_OR_GATEWAY: readonly ContextKind[] = ['node', 'gateway'];
const ROUTER_OR_GATEWAY: readonly ContextKind[] = ['router', 'gateway'];
const ANY_RESOURCE: readonly ContextKind[] = ['node', 'router', 'gateway'];

/** Nodes, routers and gateways declared so far, so a context knows its index without a replay. */
type Counts = Readonly<Record<ContextKind, number>>;

const NO_RESOURCES: Counts = Object.freeze({ node: 0, router: 0, gateway: 0 });

/** The counts with one more `kind` (written out: a spread with a computed key is many times slower). */
function countOne({ node, router, gateway }: Counts, kind: ContextKind): Counts {
  if (kind === 'node') return { node: node + 1, router, gateway };
  if (kind === 'router') return { node, router: router + 1, gateway };
  return { node, router, gateway: gateway + 1 };
}

type Configure = (builder: MeshBuilderImpl) => unknown;

/** The first builder of every chain: the empty mesh. */
export function startBuilder(definition: MeshDefinition): MeshBuilderImpl {
  const first: Step = { previous: undefined, change: startFrom, value: definition, resource: undefined };
  return new MeshBuilderImpl(definition.name, first, NO_RESOURCES, undefined);
}

/** Replays a builder's changes into one draft; the result is frozen once, at the end. */
function build(last: Step): MeshDefinition {
  const draft = {} as MeshDraft;
  replay(last, (resource) => {
    if (resource === undefined) return draft;
    const { kind, index } = resource as Context;
    return draft[LIST_OF[kind]][index];
  });
  return deepFreeze(draft as MeshDefinition);
}

/** A builder: its mesh's name, its last change, what its changes declared, and the resource it acts on. */
export class MeshBuilderImpl {
  readonly #meshName: string;
  readonly #last: Step;
  readonly #counts: Counts;
  readonly #context: Context | undefined;
  #built: MeshDefinition | undefined;

  constructor(meshName: string, last: Step, counts: Counts, context: Context | undefined) {
    this.#meshName = meshName;
    this.#last = last;
    this.#counts = counts;
    this.#context = context;
  }

  // ------------------------------------------------------------------ mesh level

  namespace(name: string, options?: NamespaceOptions): MeshBuilderImpl {
    return this.#mesh(setNamespace, freezeData(cloudMapNamespace(name, options)));
  }

  cloudMapService(name: string, options?: CloudMapServiceOptions): MeshBuilderImpl {
    return this.#mesh(addCloudMapService, freezeData(cloudMapService(name, options)));
  }

  externalDns(name: string): MeshBuilderImpl {
    return this.#mesh(addExternalDns, freezeData(name));
  }

  service(
    name: string,
    options: VirtualServiceOptions & { node?: string; router?: string } = {},
  ): MeshBuilderImpl {
    return this.#mesh(addService, newService(name, providerOf(options), options.tags));
  }

  // Names are copied like any other argument: one given as an object must not reach build() unfrozen.
  node(name: string, configure?: Configure): MeshBuilderImpl {
    return this.#enter('node', freezeData(name), addNode, configure);
  }

  router(name: string, configure?: Configure): MeshBuilderImpl {
    return this.#enter('router', freezeData(name), addRouter, configure);
  }

  gateway(name: string, configure?: Configure): MeshBuilderImpl {
    return this.#enter('gateway', freezeData(name), addGateway, configure);
  }

  ecs(options: EcsOptions): MeshBuilderImpl {
    return this.#mesh(setEcs, freezeData(ecsEnvironment(this.#meshName, options)));
  }

  build(): MeshDefinition {
    this.#built ??= build(this.#last);
    return this.#built;
  }

  plan(options?: PlanOptions): Plan {
    return plan(this.build(), options);
  }

  // ------------------------------------------------------------------ shared by contexts

  listener(input: Listener | VirtualGatewayListener | VirtualRouterListener): MeshBuilderImpl {
    const kind = this.#require('listener', ANY_RESOURCE);
    if (kind === 'router') return this.#router(addRouterListener, freezeData(routerListener(input)));
    const listener = freezeData(input);
    if (kind === 'node') return this.#node(addNodeListener, listener as Listener);
    return this.#gateway(addGatewayListener, listener as VirtualGatewayListener);
  }

  route(name: string, options: RouteOptions | GatewayRouteOptions): MeshBuilderImpl {
    const kind = this.#require('route', ROUTER_OR_GATEWAY);
    if (kind === 'gateway') return this.gatewayRoute(name, options as GatewayRouteOptions);
    const route = freezeData({
      kind: 'route',
      name,
      spec: routeSpec(options as RouteOptions),
      tags: options.tags ?? NO_TAGS,
    } as const);
    return this.#router(addRoute, route);
  }

  gatewayRoute(name: string, options: GatewayRouteOptions): MeshBuilderImpl {
    this.#require('gatewayRoute', GATEWAY);
    const route = freezeData({
      kind: 'gatewayRoute',
      name,
      spec: gatewayRouteSpec(options),
      tags: options.tags ?? NO_TAGS,
    } as const);
    return this.#gateway(addGatewayRoute, route);
  }

  logging(input: Logging): MeshBuilderImpl {
    const logging = freezeData(input);
    const kind = this.#require('logging', NODE_OR_GATEWAY);
    if (kind === 'node') return this.#node(setNodeLogging, logging);
    return this.#gateway(setGatewayLogging, logging);
  }

  backendDefaults(input: BackendDefaults): MeshBuilderImpl {
    const backendDefaults = freezeData(input);
    const kind = this.#require('backendDefaults', NODE_OR_GATEWAY);
    if (kind === 'node') return this.#node(setNodeBackendDefaults, backendDefaults);
    return this.#gateway(setGatewayBackendDefaults, backendDefaults);
  }

  task(options: NodeTaskOptions | GatewayTaskOptions): MeshBuilderImpl {
    const kind = this.#require('task', NODE_OR_GATEWAY);
    const mesh = this.#meshName;
    if (kind === 'node') {
      return this.#node(
        setNodeTask,
        freezeData(nodeTask(mesh, this.#contextName(), options as NodeTaskOptions)),
      );
    }
    return this.#gateway(
      setGatewayTask,
      freezeData(gatewayTask(mesh, this.#contextName(), options as GatewayTaskOptions)),
    );
  }

  tags(input: Tags): MeshBuilderImpl {
    const tags = freezeData(input);
    const kind = this.#require('tags', ANY_RESOURCE);
    if (kind === 'node') return this.#node(addTags, tags);
    if (kind === 'router') return this.#router(addTags, tags);
    return this.#gateway(addTags, tags);
  }

  // ------------------------------------------------------------------ node only

  serviceDiscovery(input: ServiceDiscoveryDefinition): MeshBuilderImpl {
    return this.#serviceDiscovery(freezeData(input));
  }

  cloudMap(service: string, options?: CloudMapDiscoveryOptions): MeshBuilderImpl {
    return this.#serviceDiscovery(freezeData(cloudMap(service, options)));
  }

  dns(hostname: string, options?: DnsDiscoveryOptions): MeshBuilderImpl {
    return this.#serviceDiscovery(freezeData(dns(hostname, options)));
  }

  backend(ref: string, options?: BackendOptions): MeshBuilderImpl {
    this.#require('backend', NODE);
    return this.#node(addBackend, freezeData({ ref, clientPolicy: options?.clientPolicy }));
  }

  /** A mesh-level change that keeps the node context. */
  virtualService(name: string, options?: VirtualServiceOptions): MeshBuilderImpl {
    this.#require('virtualService', NODE);
    const provider = { kind: 'virtualNode', name: this.#contextName() } as const;
    return this.#then(addService, newService(name, provider, options?.tags), undefined, this.#context);
  }

  // ------------------------------------------------------------------ gateway only

  loadBalancer(options: LoadBalancerOptions): MeshBuilderImpl {
    this.#require('loadBalancer', GATEWAY);
    const loadBalancer = freezeData(gatewayLoadBalancer(options));
    return this.#gateway(setGatewayLoadBalancer, { meshName: this.#meshName, loadBalancer });
  }

  // ------------------------------------------------------------------ internals

  /** The builder after this one, with one more change: for `resource` (undefined: the whole draft), then in `context`. */
  #then<Target, Value>(
    change: Change<Target, Value>,
    value: Value,
    resource: Context | undefined,
    context: Context | undefined,
    counts = this.#counts,
  ): MeshBuilderImpl {
    const step: Step = { previous: this.#last, change: change as Change<never, never>, value, resource };
    return new MeshBuilderImpl(this.#meshName, step, counts, context);
  }

  /** A change to the whole draft; the new builder leaves any node, router or gateway context. */
  #mesh<Value>(change: Change<MeshDraft, Value>, value: Value): MeshBuilderImpl {
    return this.#then(change, value, undefined, undefined);
  }

  #enter(
    kind: ContextKind,
    name: string,
    change: Change<MeshDraft, string>,
    configure: Configure | undefined,
  ): MeshBuilderImpl {
    const index = this.#counts[kind];
    const context: Context = { kind, index, name };
    const entered = this.#then(change, name, undefined, context, countOne(this.#counts, kind));
    if (configure === undefined) return entered;
    if (typeof configure !== 'function') {
      throw new TypeError(`Expected the ${kind} callback to be a function, received \`${typeof configure}\``);
    }
    const result = configure(entered);
    if (!(result instanceof MeshBuilderImpl)) {
      throw new TypeError(
        `Expected the ${kind} callback to return the builder it was given, received \`${typeof result}\``,
      );
    }
    return new MeshBuilderImpl(result.#meshName, result.#last, result.#counts, undefined);
  }

  #require(method: string, kinds: readonly ContextKind[]): ContextKind {
    const kind = this.#context?.kind;
    if (kind === undefined || !kinds.includes(kind)) {
      const after = kinds.map((k) => `.${k}(name)`).join(' or ');
      throw new TypeError(`Expected \`${method}()\` after ${after}, received it on ${kind ?? 'the mesh'}`);
    }
    return kind;
  }

  // A change to the context's resource; the new builder keeps the context. Call after #require.
  #node<Value>(change: Change<NodeDraft, Value>, value: Value): MeshBuilderImpl {
    return this.#inContext(change, value);
  }

  #router<Value>(change: Change<RouterDraft, Value>, value: Value): MeshBuilderImpl {
    return this.#inContext(change, value);
  }

  #gateway<Value>(change: Change<GatewayDraft, Value>, value: Value): MeshBuilderImpl {
    return this.#inContext(change, value);
  }

  #inContext<Target, Value>(change: Change<Target, Value>, value: Value): MeshBuilderImpl {
    return this.#then(change, value, this.#context, this.#context);
  }

  #serviceDiscovery(serviceDiscovery: ServiceDiscoveryDefinition): MeshBuilderImpl {
    this.#require('serviceDiscovery', NODE);
    return this.#node(setServiceDiscovery, serviceDiscovery);
  }

  #contextName(): string {
    return this.#context?.name ?? '';
  }
}
