import type { PortProtocol } from '@aws-sdk/client-app-mesh';
import { type DurationInput, durationMillis } from './duration.js';
import { plain } from './plain-data.js';

export interface HealthCheckOptions {
  /** Consecutive successes before the target is healthy. @default 2 */
  readonly healthyThreshold?: number;
  /** Consecutive failures before the target is unhealthy. @default 2 */
  readonly unhealthyThreshold?: number;
  /** Time between checks: milliseconds, `'5s'` or `{ value, unit }`. @default 5000 ms */
  readonly interval?: DurationInput | number;
  /** How long to wait for an answer. @default 2000 ms */
  readonly timeout?: DurationInput | number;
  /** Port to check. @default the listener's port (the listener factory fills it in) */
  readonly port?: number;
}

/** The SDK HealthCheckPolicy with a known protocol (assignable to the gateway variant for http/http2/grpc). */
export interface HealthCheck<P extends PortProtocol = PortProtocol> {
  protocol: P;
  path?: string;
  port?: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  intervalMillis: number;
  timeoutMillis: number;
}

function policy<P extends PortProtocol>(protocol: P, path: string | undefined, options: HealthCheckOptions) {
  return plain<HealthCheck<P>>({
    protocol,
    path,
    port: options.port,
    healthyThreshold: options.healthyThreshold ?? 2,
    unhealthyThreshold: options.unhealthyThreshold ?? 2,
    intervalMillis: durationMillis(options.interval ?? 5000),
    timeoutMillis: durationMillis(options.timeout ?? 2000),
  });
}

/** Active health checks Envoy runs against the node's (or gateway's) own port. */
export const healthCheck = Object.freeze({
  /** HTTP GET on `path`. @default path '/' */
  http: (path = '/', options: HealthCheckOptions = {}) => policy('http', path, options),
  /** HTTP/2 GET on `path`. @default path '/' */
  http2: (path = '/', options: HealthCheckOptions = {}) => policy('http2', path, options),
  /** gRPC health checking protocol. */
  grpc: (options: HealthCheckOptions = {}) => policy('grpc', undefined, options),
  /** A TCP connect. */
  tcp: (options: HealthCheckOptions = {}) => policy('tcp', undefined, options),
});
