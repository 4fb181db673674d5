/**
 * The one runtime class behind every builder interface. Its state is an append-only log of changes
 * (each step points at the step before, so branched builders share their common past) plus, after
 * `.node()` / `.router()` / `.gateway()`, which resource the in-context methods act on. `build()`
 * replays the log once and freezes the result: each builder call is O(1), so long chains stay linear.
 * The public interfaces decide which methods a user sees; this class only normalises arguments and
 * calls the pure functions of definition-updates.ts and options/.
 */
import type {
  BackendDefaults,
  Listener,
  Logging,
  VirtualGatewayListener,
  VirtualRouterListener,
} from '@aws-sdk/client-app-mesh';
import type {
  MeshDefinition,
  ServiceDiscoveryDefinition,
  Tags,
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
} from '../definition/mesh-definition.js';
import {
  type CloudMapServiceOptions,
  cloudMapNamespace,
  cloudMapService,
  type NamespaceOptions,
} from '../options/cloud-map.js';
import { type GatewayRouteOptions, gatewayRouteSpec } from '../options/gateway-route.js';
import { routerListener } from '../options/listener.js';
import { freezeData, freezeOwned, plain } from '../options/plain-data.js';
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
  addItem,
  type Draft,
  draftOf,
  newGateway,
  newNode,
  newRouter,
  newService,
  providerOf,
  updateItem,
  withTags,
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

type Change = (draft: Draft) => void;

/** One change on top of the steps before it. */
interface Step {
  readonly previous: Step | undefined;
  readonly change: Change;
  readonly meshName: string;
  /** Nodes, routers and gateways declared so far, so a context knows its index without a replay. */
  readonly counts: Readonly<Record<ContextKind, number>>;
}

type Configure = (builder: MeshBuilderImpl) => unknown;

/** The first step of every builder: the empty mesh. */
export function firstStep(definition: MeshDefinition): Step {
  return {
    previous: undefined,
    change: (draft) => Object.assign(draft, draftOf(definition)),
    meshName: definition.name,
    counts: { node: 0, router: 0, gateway: 0 },
  };
}

/** Replays every step from the first; the result is frozen once, at the end. */
function replay(last: Step): MeshDefinition {
  const steps: Step[] = [];
  for (let step: Step | undefined = last; step !== undefined; step = step.previous) steps.push(step);
  const draft = {} as Draft;
  for (let i = steps.length - 1; i >= 0; i--) (steps[i] as Step).change(draft);
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
    const namespace = freezeData(cloudMapNamespace(name, options));
    return this.#mesh((draft) => {
      draft.namespace = namespace;
    });
  }

  cloudMapService(name: string, options?: CloudMapServiceOptions): MeshBuilderImpl {
    const service = freezeData(cloudMapService(name, options));
    return this.#mesh((draft) => addItem(draft, 'cloudMapServices', service));
  }

  externalDns(name: string): MeshBuilderImpl {
    return this.#mesh((draft) => addItem(draft, 'externalDns', name));
  }

  service(
    name: string,
    options: VirtualServiceOptions & { node?: string; router?: string } = {},
  ): MeshBuilderImpl {
    const service = freezeData(newService(name, providerOf(options), options.tags));
    return this.#mesh((draft) => addItem(draft, 'services', service));
  }

  node(name: string, configure?: Configure): MeshBuilderImpl {
    const node = newNode(name);
    return this.#enter('node', name, (draft) => addItem(draft, 'nodes', node), configure);
  }

  router(name: string, configure?: Configure): MeshBuilderImpl {
    const router = newRouter(name);
    return this.#enter('router', name, (draft) => addItem(draft, 'routers', router), configure);
  }

  gateway(name: string, configure?: Configure): MeshBuilderImpl {
    const gateway = newGateway(name);
    return this.#enter('gateway', name, (draft) => addItem(draft, 'gateways', gateway), configure);
  }

  ecs(options: EcsOptions): MeshBuilderImpl {
    const ecs = freezeData(ecsEnvironment(this.#step.meshName, options));
    return this.#mesh((draft) => {
      draft.ecs = ecs;
    });
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
    const listener = freezeData(input);
    const kind = this.#require('listener', ['node', 'router', 'gateway']);
    if (kind === 'node')
      return this.#node((node) => ({ ...node, listeners: [...node.listeners, listener as Listener] }));
    if (kind === 'router') {
      return this.#router((router) => ({
        ...router,
        listeners: [...router.listeners, routerListener(listener)],
      }));
    }
    return this.#gateway((gateway) => ({
      ...gateway,
      spec: {
        ...gateway.spec,
        listeners: [...(gateway.spec.listeners ?? []), listener as VirtualGatewayListener],
      },
    }));
  }

  route(name: string, options: RouteOptions | GatewayRouteOptions): MeshBuilderImpl {
    const kind = this.#require('route', ['router', 'gateway']);
    if (kind === 'gateway') return this.gatewayRoute(name, options as GatewayRouteOptions);
    const route = freezeData({
      kind: 'route',
      name,
      spec: routeSpec(options as RouteOptions),
      tags: { ...options.tags },
    } as const);
    return this.#router((router) => ({ ...router, routes: [...router.routes, route] }));
  }

  gatewayRoute(name: string, options: GatewayRouteOptions): MeshBuilderImpl {
    this.#require('gatewayRoute', ['gateway']);
    const route = freezeData({
      kind: 'gatewayRoute',
      name,
      spec: gatewayRouteSpec(options),
      tags: { ...options.tags },
    } as const);
    return this.#gateway((gateway) => ({ ...gateway, routes: [...gateway.routes, route] }));
  }

  logging(input: Logging): MeshBuilderImpl {
    const logging = freezeData(input);
    const kind = this.#require('logging', ['node', 'gateway']);
    if (kind === 'node') return this.#node((node) => ({ ...node, logging }));
    return this.#gateway((gateway) => ({ ...gateway, spec: { ...gateway.spec, logging } }));
  }

  backendDefaults(input: BackendDefaults): MeshBuilderImpl {
    const backendDefaults = freezeData(input);
    const kind = this.#require('backendDefaults', ['node', 'gateway']);
    if (kind === 'node') return this.#node((node) => ({ ...node, backendDefaults }));
    return this.#gateway((gateway) => ({ ...gateway, spec: { ...gateway.spec, backendDefaults } }));
  }

  task(options: NodeTaskOptions | GatewayTaskOptions): MeshBuilderImpl {
    const kind = this.#require('task', ['node', 'gateway']);
    const mesh = this.#step.meshName;
    if (kind === 'node') {
      const task = freezeData(nodeTask(mesh, this.#contextName(), options as NodeTaskOptions));
      return this.#node((node) => ({ ...node, task }));
    }
    const task = freezeData(gatewayTask(mesh, this.#contextName(), options as GatewayTaskOptions));
    return this.#gateway((gateway) => {
      const loadBalancer = task.loadBalancer ?? gateway.task?.loadBalancer;
      return { ...gateway, task: plain({ ...task, loadBalancer }) };
    });
  }

  tags(input: Tags): MeshBuilderImpl {
    const tags = freezeData(input);
    const kind = this.#require('tags', ['node', 'router', 'gateway']);
    if (kind === 'node') return this.#node((node) => withTags(node, tags));
    if (kind === 'router') return this.#router((router) => withTags(router, tags));
    return this.#gateway((gateway) => withTags(gateway, tags));
  }

  // ------------------------------------------------------------------ node only

  serviceDiscovery(input: ServiceDiscoveryDefinition): MeshBuilderImpl {
    const serviceDiscovery = freezeData(input);
    this.#require('serviceDiscovery', ['node']);
    return this.#node((node) => ({ ...node, serviceDiscovery }));
  }

  cloudMap(service: string, options?: CloudMapDiscoveryOptions): MeshBuilderImpl {
    return this.serviceDiscovery(cloudMap(service, options));
  }

  dns(hostname: string, options?: DnsDiscoveryOptions): MeshBuilderImpl {
    return this.serviceDiscovery(dns(hostname, options));
  }

  backend(ref: string, options: BackendOptions = {}): MeshBuilderImpl {
    this.#require('backend', ['node']);
    const backend = freezeData(plain({ ref, clientPolicy: options.clientPolicy }));
    return this.#node((node) => ({ ...node, backends: [...node.backends, backend] }));
  }

  virtualService(name: string, options: VirtualServiceOptions = {}): MeshBuilderImpl {
    this.#require('virtualService', ['node']);
    const service = freezeData(
      newService(name, { kind: 'virtualNode', name: this.#contextName() }, options.tags),
    );
    return this.#inContext((draft) => addItem(draft, 'services', service));
  }

  // ------------------------------------------------------------------ gateway only

  loadBalancer(options: LoadBalancerOptions): MeshBuilderImpl {
    this.#require('loadBalancer', ['gateway']);
    const loadBalancer = freezeData(gatewayLoadBalancer(options));
    const mesh = this.#step.meshName;
    return this.#gateway((gateway) => ({
      ...gateway,
      task: { ...(gateway.task ?? gatewayTask(mesh, gateway.name, {})), loadBalancer },
    }));
  }

  // ------------------------------------------------------------------ internals

  #then(change: Change, counts = this.#step.counts): Step {
    return { previous: this.#step, change, meshName: this.#step.meshName, counts };
  }

  #mesh(change: Change): MeshBuilderImpl {
    return new MeshBuilderImpl(this.#then(change));
  }

  #enter(kind: ContextKind, name: string, change: Change, configure: Configure | undefined): MeshBuilderImpl {
    const index = this.#step.counts[kind];
    const step = this.#then(change, { ...this.#step.counts, [kind]: index + 1 });
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

  #node(update: (node: VirtualNodeDefinition) => VirtualNodeDefinition): MeshBuilderImpl {
    const index = this.#index();
    return this.#inContext((draft) => updateItem(draft, 'nodes', index, update));
  }

  #router(update: (router: VirtualRouterDefinition) => VirtualRouterDefinition): MeshBuilderImpl {
    const index = this.#index();
    return this.#inContext((draft) => updateItem(draft, 'routers', index, update));
  }

  #gateway(update: (gateway: VirtualGatewayDefinition) => VirtualGatewayDefinition): MeshBuilderImpl {
    const index = this.#index();
    return this.#inContext((draft) => updateItem(draft, 'gateways', index, update));
  }

  #index(): number {
    return this.#context?.index ?? -1;
  }

  #contextName(): string {
    return this.#context?.name ?? '';
  }

  #inContext(change: Change): MeshBuilderImpl {
    return new MeshBuilderImpl(this.#then(change), this.#context);
  }
}
