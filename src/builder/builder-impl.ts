/**
 * The one runtime class behind every builder interface. Its state is a frozen MeshDefinition plus,
 * after `.node()` / `.router()` / `.gateway()`, which resource the in-context methods act on.
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
import { freezeData, plain } from '../options/plain-data.js';
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
  newGateway,
  newNode,
  newRouter,
  newService,
  providerOf,
  withItem,
  withTags,
  withUpdatedItem,
} from './definition-updates.js';
import type { VirtualServiceOptions } from './mesh-builder.js';
import type { BackendOptions } from './node-builder.js';

type ContextKind = 'node' | 'router' | 'gateway';
interface Context {
  readonly kind: ContextKind;
  /** Index in the definition's list (the last declaration when a name is declared twice). */
  readonly index: number;
}

type Configure = (builder: MeshBuilderImpl) => unknown;

export class MeshBuilderImpl {
  readonly #definition: MeshDefinition;
  readonly #context: Context | undefined;

  constructor(definition: MeshDefinition, context?: Context) {
    this.#definition = freezeData(definition);
    this.#context = context;
  }

  // ------------------------------------------------------------------ mesh level

  namespace(name: string, options?: NamespaceOptions): MeshBuilderImpl {
    return this.#mesh({ ...this.#definition, namespace: cloudMapNamespace(name, options) });
  }

  cloudMapService(name: string, options?: CloudMapServiceOptions): MeshBuilderImpl {
    return this.#mesh(withItem(this.#definition, 'cloudMapServices', cloudMapService(name, options)));
  }

  externalDns(name: string): MeshBuilderImpl {
    return this.#mesh(withItem(this.#definition, 'externalDns', name));
  }

  service(
    name: string,
    options: VirtualServiceOptions & { node?: string; router?: string } = {},
  ): MeshBuilderImpl {
    const service = newService(name, providerOf(options), options.tags);
    return this.#mesh(withItem(this.#definition, 'services', service));
  }

  node(name: string, configure?: Configure): MeshBuilderImpl {
    return this.#enter('node', withItem(this.#definition, 'nodes', newNode(name)), configure);
  }

  router(name: string, configure?: Configure): MeshBuilderImpl {
    return this.#enter('router', withItem(this.#definition, 'routers', newRouter(name)), configure);
  }

  gateway(name: string, configure?: Configure): MeshBuilderImpl {
    return this.#enter('gateway', withItem(this.#definition, 'gateways', newGateway(name)), configure);
  }

  ecs(options: EcsOptions): MeshBuilderImpl {
    return this.#mesh({ ...this.#definition, ecs: ecsEnvironment(this.#definition.name, options) });
  }

  build(): MeshDefinition {
    return this.#definition;
  }

  plan(): Plan {
    return plan(this.#definition);
  }

  // ------------------------------------------------------------------ shared by contexts

  listener(listener: Listener | VirtualGatewayListener | VirtualRouterListener): MeshBuilderImpl {
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
    const route = {
      kind: 'route',
      name,
      spec: routeSpec(options as RouteOptions),
      tags: { ...options.tags },
    } as const;
    return this.#router((router) => ({ ...router, routes: [...router.routes, route] }));
  }

  gatewayRoute(name: string, options: GatewayRouteOptions): MeshBuilderImpl {
    this.#require('gatewayRoute', ['gateway']);
    const route = {
      kind: 'gatewayRoute',
      name,
      spec: gatewayRouteSpec(options),
      tags: { ...options.tags },
    } as const;
    return this.#gateway((gateway) => ({ ...gateway, routes: [...gateway.routes, route] }));
  }

  logging(logging: Logging): MeshBuilderImpl {
    const kind = this.#require('logging', ['node', 'gateway']);
    if (kind === 'node') return this.#node((node) => ({ ...node, logging }));
    return this.#gateway((gateway) => ({ ...gateway, spec: { ...gateway.spec, logging } }));
  }

  backendDefaults(backendDefaults: BackendDefaults): MeshBuilderImpl {
    const kind = this.#require('backendDefaults', ['node', 'gateway']);
    if (kind === 'node') return this.#node((node) => ({ ...node, backendDefaults }));
    return this.#gateway((gateway) => ({ ...gateway, spec: { ...gateway.spec, backendDefaults } }));
  }

  task(options: NodeTaskOptions | GatewayTaskOptions): MeshBuilderImpl {
    const kind = this.#require('task', ['node', 'gateway']);
    const mesh = this.#definition.name;
    if (kind === 'node') return this.#node((node) => ({ ...node, task: nodeTask(mesh, node.name, options) }));
    return this.#gateway((gateway) => {
      const task = gatewayTask(mesh, gateway.name, options);
      const loadBalancer = task.loadBalancer ?? gateway.task?.loadBalancer;
      return { ...gateway, task: plain({ ...task, loadBalancer }) };
    });
  }

  tags(tags: Tags): MeshBuilderImpl {
    const kind = this.#require('tags', ['node', 'router', 'gateway']);
    if (kind === 'node') return this.#node((node) => withTags(node, tags));
    if (kind === 'router') return this.#router((router) => withTags(router, tags));
    return this.#gateway((gateway) => withTags(gateway, tags));
  }

  // ------------------------------------------------------------------ node only

  serviceDiscovery(serviceDiscovery: ServiceDiscoveryDefinition): MeshBuilderImpl {
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
    const backend = plain({ ref, clientPolicy: options.clientPolicy });
    return this.#node((node) => ({ ...node, backends: [...node.backends, backend] }));
  }

  virtualService(name: string, options: VirtualServiceOptions = {}): MeshBuilderImpl {
    this.#require('virtualService', ['node']);
    const node = this.#definition.nodes[this.#context?.index ?? -1] as VirtualNodeDefinition;
    const service = newService(name, { kind: 'virtualNode', name: node.name }, options.tags);
    return new MeshBuilderImpl(withItem(this.#definition, 'services', service), this.#context);
  }

  // ------------------------------------------------------------------ gateway only

  loadBalancer(options: LoadBalancerOptions): MeshBuilderImpl {
    this.#require('loadBalancer', ['gateway']);
    const loadBalancer = gatewayLoadBalancer(options);
    const mesh = this.#definition.name;
    return this.#gateway((gateway) => ({
      ...gateway,
      task: { ...(gateway.task ?? gatewayTask(mesh, gateway.name, {})), loadBalancer },
    }));
  }

  // ------------------------------------------------------------------ internals

  #mesh(definition: MeshDefinition): MeshBuilderImpl {
    return new MeshBuilderImpl(definition);
  }

  #enter(kind: ContextKind, definition: MeshDefinition, configure: Configure | undefined): MeshBuilderImpl {
    const list =
      kind === 'node' ? definition.nodes : kind === 'router' ? definition.routers : definition.gateways;
    const entered = new MeshBuilderImpl(definition, { kind, index: list.length - 1 });
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
    return new MeshBuilderImpl(result.#definition);
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
    return this.#inContext(withUpdatedItem(this.#definition, 'nodes', this.#index(), update));
  }

  #router(update: (router: VirtualRouterDefinition) => VirtualRouterDefinition): MeshBuilderImpl {
    return this.#inContext(withUpdatedItem(this.#definition, 'routers', this.#index(), update));
  }

  #gateway(update: (gateway: VirtualGatewayDefinition) => VirtualGatewayDefinition): MeshBuilderImpl {
    return this.#inContext(withUpdatedItem(this.#definition, 'gateways', this.#index(), update));
  }

  #index(): number {
    return this.#context?.index ?? -1;
  }

  #inContext(definition: MeshDefinition): MeshBuilderImpl {
    return new MeshBuilderImpl(definition, this.#context);
  }
}
