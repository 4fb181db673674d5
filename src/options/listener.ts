import type {
  Listener,
  ListenerTls,
  VirtualGatewayListener,
  VirtualGatewayListenerTls,
  VirtualRouterListener,
} from '@aws-sdk/client-app-mesh';
import {
  type ConnectionPoolOptionsByProtocol,
  gatewayConnectionPool,
  nodeConnectionPool,
} from './connection-pool.js';
import type { HealthCheck } from './health-check.js';
import { plain } from './plain-data.js';
import { requestTimeout, type TimeoutOptions, tcpTimeout } from './timeout.js';

type Protocol = 'http' | 'http2' | 'grpc' | 'tcp';
type GatewayProtocol = 'http' | 'http2' | 'grpc';

export interface ListenerOptions<P extends Protocol> {
  /** From `healthCheck.http(...)` etc. Its port defaults to this listener's port. @default undefined (none) */
  readonly healthCheck?: HealthCheck;
  /** Idle and per-request timeouts (tcp: idle only). @default undefined (Envoy defaults) */
  readonly timeout?: P extends 'tcp' ? Pick<TimeoutOptions, 'idle'> : TimeoutOptions;
  /** From `outlierDetection(...)`. @default undefined (no ejection) */
  readonly outlierDetection?: Listener['outlierDetection'];
  /** Connection limits for this protocol. @default undefined (App Mesh defaults) */
  readonly connectionPool?: ConnectionPoolOptionsByProtocol[P];
  /** From `tls.listener(...)`. @default undefined (plain text) */
  readonly tls?: ListenerTls;
}

export interface GatewayListenerOptions<P extends GatewayProtocol> {
  /** From `healthCheck.http(...)` etc. Its port defaults to this listener's port. @default undefined */
  readonly healthCheck?: HealthCheck<GatewayProtocol>;
  /** Connection limits for this protocol. @default undefined (App Mesh defaults) */
  readonly connectionPool?: ConnectionPoolOptionsByProtocol[P];
  /** From `tls.listener(...)`. @default undefined (plain text) */
  readonly tls?: VirtualGatewayListenerTls;
}

function withPort<H extends HealthCheck>(check: H | undefined, port: number): H | undefined {
  return check === undefined ? undefined : { ...check, port: check.port ?? port };
}

function nodeListener<P extends Protocol>(protocol: P, port: number, options: ListenerOptions<P>): Listener {
  const timeout =
    options.timeout === undefined
      ? undefined
      : { [protocol]: protocol === 'tcp' ? tcpTimeout(options.timeout) : requestTimeout(options.timeout) };
  return plain({
    portMapping: { port, protocol },
    healthCheck: withPort(options.healthCheck, port),
    timeout: timeout as Listener['timeout'],
    outlierDetection: options.outlierDetection,
    connectionPool:
      options.connectionPool === undefined ? undefined : nodeConnectionPool(protocol, options.connectionPool),
    tls: options.tls,
  });
}

function gatewayListenerOf<P extends GatewayProtocol>(
  protocol: P,
  port: number,
  options: GatewayListenerOptions<P>,
): VirtualGatewayListener {
  return plain({
    portMapping: { port, protocol },
    healthCheck: withPort(options.healthCheck, port),
    connectionPool:
      options.connectionPool === undefined
        ? undefined
        : gatewayConnectionPool(protocol, options.connectionPool),
    tls: options.tls,
  });
}

/** Virtual node listeners (SDK Listener). A router takes the same factories and keeps the port mapping. */
export const listener = Object.freeze({
  http: (port: number, options: ListenerOptions<'http'> = {}) => nodeListener('http', port, options),
  http2: (port: number, options: ListenerOptions<'http2'> = {}) => nodeListener('http2', port, options),
  grpc: (port: number, options: ListenerOptions<'grpc'> = {}) => nodeListener('grpc', port, options),
  tcp: (port: number, options: ListenerOptions<'tcp'> = {}) => nodeListener('tcp', port, options),
});

/** Virtual gateway listeners (SDK VirtualGatewayListener). */
export const gatewayListener = Object.freeze({
  http: (port: number, options: GatewayListenerOptions<'http'> = {}) =>
    gatewayListenerOf('http', port, options),
  http2: (port: number, options: GatewayListenerOptions<'http2'> = {}) =>
    gatewayListenerOf('http2', port, options),
  grpc: (port: number, options: GatewayListenerOptions<'grpc'> = {}) =>
    gatewayListenerOf('grpc', port, options),
});

/** A router listener is only a port mapping; node listener factories work too (extra fields are dropped). */
export function routerListener(source: VirtualRouterListener): VirtualRouterListener {
  const { port, protocol } = source.portMapping ?? {};
  return { portMapping: { port, protocol } };
}
