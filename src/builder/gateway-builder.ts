import type {
  VirtualGatewayBackendDefaults,
  VirtualGatewayListener,
  VirtualGatewayLogging,
} from '@aws-sdk/client-app-mesh';
import type { Tags } from '../definition/mesh-definition.js';
import type { GatewayRouteOptions } from '../options/gateway-route.js';
import type { GatewayTaskOptions, LoadBalancerOptions } from '../options/task.js';
import type { MeshBuilder } from './mesh-builder.js';
import type { Ref } from './names.js';
import type { BuilderMode } from './node-builder.js';

type Self<T extends string, N extends string, M extends BuilderMode> = M extends 'context'
  ? GatewayContext<T, N>
  : GatewayScope<T, N>;

/** Methods that act on the gateway `N`. */
export interface GatewayMethods<T extends string, N extends string, M extends BuilderMode> {
  /** Adds a listener, from `gatewayListener.http(80, {...})`. */
  listener(listener: VirtualGatewayListener): Self<T, N, M>;
  /** Adds a gateway route to a virtual service (or a node a virtual service fronts). */
  route<const S extends string>(
    name: string,
    options: GatewayRouteOptions<S>,
  ): Self<T | Ref<'gateway-target', S>, N, M>;
  /** Same as `route`. */
  gatewayRoute<const S extends string>(
    name: string,
    options: GatewayRouteOptions<S>,
  ): Self<T | Ref<'gateway-target', S>, N, M>;
  /** Envoy access logs, from `logging.*`. */
  logging(logging: VirtualGatewayLogging): Self<T, N, M>;
  /** Client policy for every backend, from `{ clientPolicy: tls.client(...) }`. */
  backendDefaults(defaults: VirtualGatewayBackendDefaults): Self<T, N, M>;
  /** The ECS task (Envoy alone) and service that run the gateway. Keeps an earlier `loadBalancer()`. */
  task(options: GatewayTaskOptions): Self<T, N, M>;
  /** Puts an NLB in front of the gateway tasks (creates a default task if none was set). */
  loadBalancer(options: LoadBalancerOptions): Self<T, N, M>;
  /** Adds tags to this gateway. */
  tags(tags: Tags): Self<T, N, M>;
}

/** The gateway builder given to `.gateway(name, g => ...)`. */
export interface GatewayScope<T extends string, N extends string> extends GatewayMethods<T, N, 'scope'> {}

/** The builder after `.gateway(name)`: every mesh method plus gateway methods acting on `N`. */
export interface GatewayContext<T extends string, N extends string>
  extends MeshBuilder<T>,
    GatewayMethods<T, N, 'context'> {}
