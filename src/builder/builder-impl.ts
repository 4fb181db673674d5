/**
 * The one runtime class behind every builder interface. Its state is its place in an append-only log
 * of changes, which the builders of a chain share (so branched builders share their common past),
 * plus, after `.node()` / `.router()` / `.gateway()`, which resource the in-context methods act on.
 * `build()` replays the log once into a fresh draft, each change writing in place, and freezes the
 * result: a builder call is O(1) (a branch copies its part of the log once), so long chains stay
 * linear. Arguments are copied and frozen when a method is called (users may change their objects
 * afterwards), so replays can share them. The public interfaces decide which methods a user sees;
 * this class only normalises arguments and picks the change (definition-updates.ts) a step applies.
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
import { freezeData, freezeOwned, freezeShared, NO_TAGS } from '../options/plain-data.js';
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
import type { Plan } from '../plan/plan.js';
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

/** A change of definition-updates.ts: applied to the draft, or to the draft of one resource. */
type Change<Target, Value> = (target: Target, value: Value) => void;

/**
 * The changes of a chain of builders, in order, as three parallel lists: no object per step (a
 * 5,000-node chain has about 45,000 steps, all alive until `build()`). The builders of a chain
 * share one log, and each knows how many of its entries are its own (see `appended`).
 */
interface Log {
  readonly changes: Change<never, never>[];
  readonly values: unknown[];
  /** The node, router or gateway each change applies to; the whole draft when undefined. */
  readonly resources: (Context | undefined)[];
}

/** Where a builder stands: the first `length` changes of the log, and what they have declared. */
interface Step {
  readonly log: Log;
  readonly length: number;
  readonly meshName: string;
  /** Nodes, routers and gateways declared so far, so a context knows its index without a replay. */
  readonly counts: Readonly<Record<ContextKind, number>>;
}

type Configure = (builder: MeshBuilderImpl) => unknown;

/** The first step of every builder: the empty mesh. */
export function firstStep(definition: MeshDefinition): Step {
  const log: Log = { changes: [startFrom], values: [definition], resources: [undefined] };
  return { log, length: 1, meshName: definition.name, counts: { node: 0, router: 0, gateway: 0 } };
}

/**
 * The step after `step`, with one more change. Appending at the end of the shared log costs O(1).
 * When the log has grown past `step` (another builder branched from the same one and appended
 * first), `step`'s own changes are copied into a new log, so the other branch keeps what it sees.
 */
function appended<Target, Value>(
  step: Step,
  change: Change<Target, Value>,
  value: Value,
  resource: Context | undefined,
  counts = step.counts,
): Step {
  const { length } = step;
  const shared = step.log;
  const log =
    shared.changes.length === length
      ? shared
      : {
          changes: shared.changes.slice(0, length),
          values: shared.values.slice(0, length),
          resources: shared.resources.slice(0, length),
        };
  log.changes.push(change);
  log.values.push(value);
  log.resources.push(resource);
  return { log, length: length + 1, meshName: step.meshName, counts };
}

/** Replays a builder's changes into one draft; the result is frozen once, at the end. */
function replay({ log, length }: Step): MeshDefinition {
  const draft = {} as MeshDraft;
  for (let i = 0; i < length; i++) {
    const resource = log.resources[i];
    const target = resource === undefined ? draft : draft[LIST_OF[resource.kind]][resource.index];
    (log.changes[i] as Change<unknown, unknown>)(target, log.values[i]);
  }
  return freezeOwned(draft as MeshDefinition);
}

export class MeshBuilderImpl {
  readonly #step: Step;
  readonly #context: Context | undefined;
  #built: MeshDefinition | undefined;

  constructor(step: Step, context?: Context) {
    this.#step = step;
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
    return this.#mesh(addExternalDns, name);
  }

  service(
    name: string,
    options: VirtualServiceOptions & { node?: string; router?: string } = {},
  ): MeshBuilderImpl {
    return this.#mesh(addService, newService(name, providerOf(options), options.tags));
  }

  node(name: string, configure?: Configure): MeshBuilderImpl {
    return this.#enter('node', name, addNode, configure);
  }

  router(name: string, configure?: Configure): MeshBuilderImpl {
    return this.#enter('router', name, addRouter, configure);
  }

  gateway(name: string, configure?: Configure): MeshBuilderImpl {
    return this.#enter('gateway', name, addGateway, configure);
  }

  ecs(options: EcsOptions): MeshBuilderImpl {
    return this.#mesh(setEcs, freezeData(ecsEnvironment(this.#step.meshName, options)));
  }

  build(): MeshDefinition {
    this.#built ??= replay(this.#step);
    return this.#built;
  }

  plan(): Plan {
    return plan(this.build());
  }

  // ------------------------------------------------------------------ shared by contexts

  listener(input: Listener | VirtualGatewayListener | VirtualRouterListener): MeshBuilderImpl {
    const kind = this.#require('listener', ANY_RESOURCE);
    // routerListener copies the port mapping into a fresh object, which build() freezes.
    if (kind === 'router') return this.#router(addRouterListener, routerListener(input));
    // One listener is often declared once and given to every node: stored once while it is unchanged.
    const listener = freezeShared(input);
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
    const mesh = this.#step.meshName;
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

  // The factories' results are new and only the builder holds them: frozen in place, not copied.
  cloudMap(service: string, options?: CloudMapDiscoveryOptions): MeshBuilderImpl {
    return this.#serviceDiscovery(freezeOwned(cloudMap(service, options)));
  }

  dns(hostname: string, options?: DnsDiscoveryOptions): MeshBuilderImpl {
    return this.#serviceDiscovery(freezeOwned(dns(hostname, options)));
  }

  backend(ref: string, options?: BackendOptions): MeshBuilderImpl {
    this.#require('backend', NODE);
    // Made with exactly its fields and frozen in place: backends are a mesh's most numerous objects.
    const clientPolicy = options?.clientPolicy;
    const backend = clientPolicy === undefined ? { ref } : { ref, clientPolicy: freezeData(clientPolicy) };
    return this.#node(addBackend, Object.freeze(backend));
  }

  /** A mesh-level change that keeps the node context. */
  virtualService(name: string, options?: VirtualServiceOptions): MeshBuilderImpl {
    this.#require('virtualService', NODE);
    const provider = { kind: 'virtualNode', name: this.#contextName() } as const;
    const service = newService(name, provider, options?.tags);
    return new MeshBuilderImpl(this.#then(addService, service, undefined), this.#context);
  }

  // ------------------------------------------------------------------ gateway only

  loadBalancer(options: LoadBalancerOptions): MeshBuilderImpl {
    this.#require('loadBalancer', GATEWAY);
    const loadBalancer = freezeData(gatewayLoadBalancer(options));
    return this.#gateway(setGatewayLoadBalancer, { meshName: this.#step.meshName, loadBalancer });
  }

  // ------------------------------------------------------------------ internals

  #then<Target, Value>(
    change: Change<Target, Value>,
    value: Value,
    resource: Context | undefined,
    counts = this.#step.counts,
  ): Step {
    return appended(this.#step, change, value, resource, counts);
  }

  /** A change to the whole draft; the new builder leaves any node, router or gateway context. */
  #mesh<Value>(change: Change<MeshDraft, Value>, value: Value): MeshBuilderImpl {
    return new MeshBuilderImpl(this.#then(change, value, undefined));
  }

  #enter(
    kind: ContextKind,
    name: string,
    change: Change<MeshDraft, string>,
    configure: Configure | undefined,
  ): MeshBuilderImpl {
    const index = this.#step.counts[kind];
    const step = this.#then(change, name, undefined, { ...this.#step.counts, [kind]: index + 1 });
    const entered = new MeshBuilderImpl(step, { kind, index, name });
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
    return new MeshBuilderImpl(result.#step);
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
    return new MeshBuilderImpl(this.#then(change, value, this.#context), this.#context);
  }

  #serviceDiscovery(serviceDiscovery: ServiceDiscoveryDefinition): MeshBuilderImpl {
    this.#require('serviceDiscovery', NODE);
    return this.#node(setServiceDiscovery, serviceDiscovery);
  }

  #contextName(): string {
    return this.#context?.name ?? '';
  }
}
