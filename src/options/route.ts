import type {
  GrpcRouteMatch,
  HttpRouteMatch,
  RouteSpec,
  TcpRouteMatch,
  WeightedTarget,
} from '@aws-sdk/client-app-mesh';
import type { Tags } from '../definition/mesh-definition.js';
import { plain } from './plain-data.js';
import { type RetryPolicyOptions, retryPolicy } from './retry-policy.js';
import { requestTimeout, type TimeoutOptions, tcpTimeout } from './timeout.js';

/** One weighted target, for when a port is needed. */
export interface RouteTarget {
  /** Virtual node name. */
  readonly node: string;
  /** Relative weight 0-100. */
  readonly weight: number;
  /** Target port, for nodes with several listeners. @default undefined */
  readonly port?: number;
}

/** `{ green: 4, yellow: 1 }` keyed by node name, or a list of `{ node, weight, port }`. */
export type WeightedTargets = Readonly<Record<string, number>> | readonly RouteTarget[];

interface RouteOptionsBase<W extends WeightedTargets> {
  /** Where the traffic goes: `{ green: 4, yellow: 1 }` or `[{ node: 'green', weight: 4, port: 8080 }]`. */
  readonly targets: W;
  /** Lower numbers match first (0-1000). @default undefined (most specific match first) */
  readonly priority?: number;
  /** @default {} */
  readonly tags?: Tags;
}

export interface HttpRouteOptions<W extends WeightedTargets> extends RouteOptionsBase<W> {
  /** @default 'http' */
  readonly protocol?: 'http' | 'http2';
  /** SDK HttpRouteMatch; use headerMatch, queryParameterMatch, pathMatch for parts. @default { prefix: '/' } */
  readonly match?: HttpRouteMatch;
  /** @default undefined (the account's default Envoy retry policy) */
  readonly retryPolicy?: Omit<RetryPolicyOptions, 'grpcEvents'>;
  /** @default undefined (Envoy defaults) */
  readonly timeout?: TimeoutOptions;
}

export interface GrpcRouteOptions<W extends WeightedTargets> extends RouteOptionsBase<W> {
  readonly protocol: 'grpc';
  /** SDK GrpcRouteMatch (serviceName, methodName, metadata, port). @default {} (every call) */
  readonly match?: GrpcRouteMatch;
  /** @default undefined */
  readonly retryPolicy?: RetryPolicyOptions;
  /** @default undefined */
  readonly timeout?: TimeoutOptions;
}

export interface TcpRouteOptions<W extends WeightedTargets> extends RouteOptionsBase<W> {
  readonly protocol: 'tcp';
  /** @default undefined (every connection) */
  readonly match?: TcpRouteMatch;
  /** @default undefined */
  readonly timeout?: Pick<TimeoutOptions, 'idle'>;
}

export type RouteOptions<W extends WeightedTargets = WeightedTargets> =
  | HttpRouteOptions<W>
  | GrpcRouteOptions<W>
  | TcpRouteOptions<W>;

/** SDK WeightedTarget list from either targets form, in the order given. */
export function weightedTargets(targets: WeightedTargets): WeightedTarget[] {
  if (Array.isArray(targets)) {
    return (targets as readonly RouteTarget[]).map((target) =>
      plain({ virtualNode: target.node, weight: target.weight, port: target.port }),
    );
  }
  return Object.entries(targets as Readonly<Record<string, number>>).map(([virtualNode, weight]) => ({
    virtualNode,
    weight,
  }));
}

function httpMatch(match: HttpRouteMatch | undefined): HttpRouteMatch {
  if (match === undefined) return { prefix: '/' };
  return match.prefix === undefined && match.path === undefined ? { prefix: '/', ...match } : match;
}

/** The SDK RouteSpec for a route's options. */
export function routeSpec(options: RouteOptions): RouteSpec {
  const action = { weightedTargets: weightedTargets(options.targets) };
  const timeout = options.timeout;
  if (options.protocol === 'tcp') {
    return plain({
      priority: options.priority,
      tcpRoute: plain({
        match: options.match,
        action,
        timeout: timeout === undefined ? undefined : tcpTimeout(timeout),
      }),
    });
  }
  const retry = options.retryPolicy === undefined ? undefined : retryPolicy(options.retryPolicy);
  const requestTimeouts = timeout === undefined ? undefined : requestTimeout(timeout);
  if (options.protocol === 'grpc') {
    return plain({
      priority: options.priority,
      grpcRoute: plain({ match: options.match ?? {}, action, retryPolicy: retry, timeout: requestTimeouts }),
    });
  }
  const route = plain({
    match: httpMatch(options.match),
    action,
    retryPolicy: retry,
    timeout: requestTimeouts,
  });
  return plain({
    priority: options.priority,
    [options.protocol === 'http2' ? 'http2Route' : 'httpRoute']: route,
  });
}
