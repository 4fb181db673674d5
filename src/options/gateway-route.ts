import type {
  GatewayRouteSpec,
  GrpcGatewayRouteMatch,
  GrpcGatewayRouteRewrite,
  HttpGatewayRouteMatch,
  HttpGatewayRouteRewrite,
} from '@aws-sdk/client-app-mesh';
import type { Tags } from '../definition/mesh-definition.js';
import { plain } from './plain-data.js';

interface GatewayRouteOptionsBase<S extends string> {
  /** A virtual service name, or a node that a virtual service fronts (plan() resolves it). */
  readonly target: S;
  /** Target port, for services with several listeners. @default undefined */
  readonly port?: number;
  /** Lower numbers match first (0-1000). @default undefined */
  readonly priority?: number;
  /** @default {} */
  readonly tags?: Tags;
}

export interface HttpGatewayRouteOptions<S extends string> extends GatewayRouteOptionsBase<S> {
  /** @default 'http' */
  readonly protocol?: 'http' | 'http2';
  /** SDK HttpGatewayRouteMatch (prefix, path, hostname, headers, queryParameters, method, port). @default { prefix: '/' } */
  readonly match?: HttpGatewayRouteMatch;
  /** From `rewrite.*` (prefix, path, hostname). @default undefined (App Mesh default: prefix and hostname rewritten) */
  readonly rewrite?: HttpGatewayRouteRewrite;
}

export interface GrpcGatewayRouteOptions<S extends string> extends GatewayRouteOptionsBase<S> {
  readonly protocol: 'grpc';
  /** SDK GrpcGatewayRouteMatch (serviceName, hostname, metadata, port). @default {} */
  readonly match?: GrpcGatewayRouteMatch;
  /** Hostname rewrite only. @default undefined */
  readonly rewrite?: GrpcGatewayRouteRewrite;
}

export type GatewayRouteOptions<S extends string = string> =
  | HttpGatewayRouteOptions<S>
  | GrpcGatewayRouteOptions<S>;

/** Gateway route rewrites; spread several together: `{ ...rewrite.prefix('/'), ...rewrite.hostname(false) }`. */
export const rewrite = Object.freeze({
  /** Replace the matched prefix with `value`. */
  prefix: (value: string): HttpGatewayRouteRewrite => ({ prefix: { value } }),
  /** Turn App Mesh's default prefix rewrite (matched prefix -> '/') on or off. */
  defaultPrefix: (enabled: boolean): HttpGatewayRouteRewrite => ({
    prefix: { defaultPrefix: enabled ? 'ENABLED' : 'DISABLED' },
  }),
  /** Replace the whole path (for `path.exact` matches). */
  path: (exact: string): HttpGatewayRouteRewrite => ({ path: { exact } }),
  /** Turn the default hostname rewrite (to the target service name) on or off. */
  hostname: (enabled: boolean): HttpGatewayRouteRewrite & GrpcGatewayRouteRewrite => ({
    hostname: { defaultTargetHostname: enabled ? 'ENABLED' : 'DISABLED' },
  }),
});

function httpMatch(match: HttpGatewayRouteMatch | undefined): HttpGatewayRouteMatch {
  if (match === undefined) return { prefix: '/' };
  return match.prefix === undefined && match.path === undefined ? { prefix: '/', ...match } : match;
}

/** The SDK GatewayRouteSpec for a gateway route's options. */
export function gatewayRouteSpec(options: GatewayRouteOptions): GatewayRouteSpec {
  const target = plain({ virtualService: { virtualServiceName: options.target }, port: options.port });
  if (options.protocol === 'grpc') {
    return plain({
      priority: options.priority,
      grpcRoute: { match: options.match ?? {}, action: plain({ target, rewrite: options.rewrite }) },
    });
  }
  return plain({
    priority: options.priority,
    [options.protocol === 'http2' ? 'http2Route' : 'httpRoute']: {
      match: httpMatch(options.match),
      action: plain({ target, rewrite: options.rewrite }),
    },
  });
}
