import type { BackendDefaults, ClientPolicy, Listener, Logging } from '@aws-sdk/client-app-mesh';
import type { ServiceDiscoveryDefinition, Tags } from '../definition/mesh-definition.js';
import type { CloudMapDiscoveryOptions, DnsDiscoveryOptions } from '../options/service-discovery.js';
import type { NodeTaskOptions } from '../options/task.js';
import type { MeshBuilder, VirtualServiceOptions } from './mesh-builder.js';
import type { Declare, Declared, Ref } from './names.js';

export interface BackendOptions {
  /** TLS to this backend, from `tls.client(...)`. @default undefined (backendDefaults) */
  readonly clientPolicy?: ClientPolicy;
}

/** 'context': chained after `.node(name)` (mesh methods too); 'scope': inside `.node(name, n => ...)`. */
export type BuilderMode = 'context' | 'scope';

type Self<T extends string, N extends string, M extends BuilderMode> = M extends 'context'
  ? NodeContext<T, N>
  : NodeScope<T, N>;

/** Methods that act on the node `N`. */
export interface NodeMethods<T extends string, N extends string, M extends BuilderMode> {
  /** Adds a listener, from `listener.http(80, {...})` etc. */
  listener(listener: Listener): Self<T, N, M>;
  /** Sets service discovery, from `cloudMap(...)` or `dns(...)`. */
  serviceDiscovery(discovery: ServiceDiscoveryDefinition): Self<T, N, M>;
  /** Shortcut for `serviceDiscovery(cloudMap(service, options))`. */
  cloudMap(
    service: Declared<T, 'cloud-map'> | (string & {}),
    options?: CloudMapDiscoveryOptions,
  ): Self<T, N, M>;
  /** Shortcut for `serviceDiscovery(dns(hostname, options))`. */
  dns(hostname: string, options?: DnsDiscoveryOptions): Self<T, N, M>;
  /** Allows calls to a virtual service (or a node a virtual service fronts). */
  backend<const B extends string>(name: B, options?: BackendOptions): Self<T | Ref<'backend', B>, N, M>;
  /** Client policy for every backend, from `{ clientPolicy: tls.client(...) }`. */
  backendDefaults(defaults: BackendDefaults): Self<T, N, M>;
  /** Envoy access logs, from `logging.text(...)`, `logging.json(...)`, `logging.file(...)`. */
  logging(logging: Logging): Self<T, N, M>;
  /** The ECS task and service that run the node (app containers + Envoy sidecar). */
  task(options: NodeTaskOptions): Self<T, N, M>;
  /** Declares a virtual service whose provider is this node. */
  virtualService<const S extends string>(
    name: S,
    options?: VirtualServiceOptions,
  ): Self<T | Declare<'service', S> | Declare<'fronted', N>, N, M>;
  /** Adds tags to this node. */
  tags(tags: Tags): Self<T, N, M>;
}

/** The node builder given to `.node(name, n => ...)`. */
export interface NodeScope<T extends string, N extends string> extends NodeMethods<T, N, 'scope'> {}

/** The builder after `.node(name)`: every mesh method plus node methods acting on `N`. */
export interface NodeContext<T extends string, N extends string>
  extends MeshBuilder<T>,
    NodeMethods<T, N, 'context'> {}
