/** A virtual router's routes, compiled once: which requests each matches, and its weighted targets. */
import type { GrpcRouteMatch, HttpRouteMatch, RouteData, WeightedTarget } from '@aws-sdk/client-app-mesh';
import type { SimRequest } from './request.js';
import {
  allOf,
  headerPredicate,
  pathPredicate,
  queryPredicate,
  type RequestPredicate,
} from './request-matchers.js';
import { compareRouteOrder } from './route-order.js';

export type ListenerProtocol = 'http' | 'http2' | 'grpc' | 'tcp';

export interface CompiledTarget {
  readonly node: string;
  readonly weight: number;
  /** The target node's listener port; when unset, the node's (only) listener. */
  readonly port: number | undefined;
}

export interface CompiledRoute {
  readonly name: string;
  /** The listener protocol this route serves (its spec's httpRoute, http2Route, grpcRoute or tcpRoute). */
  readonly protocol: ListenerProtocol;
  readonly matches: RequestPredicate;
  readonly targets: readonly CompiledTarget[];
  readonly weights: readonly number[];
}

/** The routes of one router, in the order Envoy tries them. */
export function compileRoutes(routes: readonly RouteData[]): CompiledRoute[] {
  return routes
    .flatMap((route) => {
      const spec = route.spec ?? {};
      const name = route.routeName ?? '';
      const priority = spec.priority;
      if (spec.httpRoute !== undefined) {
        const match = spec.httpRoute.match ?? {};
        return [
          {
            key: { name, priority, prefix: match.prefix, path: match.path },
            route: http(name, 'http', match, spec.httpRoute.action?.weightedTargets),
          },
        ];
      }
      if (spec.http2Route !== undefined) {
        const match = spec.http2Route.match ?? {};
        return [
          {
            key: { name, priority, prefix: match.prefix, path: match.path },
            route: http(name, 'http2', match, spec.http2Route.action?.weightedTargets),
          },
        ];
      }
      if (spec.grpcRoute !== undefined) {
        const match = spec.grpcRoute.match ?? {};
        return [
          { key: { name, priority }, route: grpc(name, match, spec.grpcRoute.action?.weightedTargets) },
        ];
      }
      if (spec.tcpRoute !== undefined) {
        const port = spec.tcpRoute.match?.port;
        const matches: RequestPredicate =
          port === undefined ? () => true : (request) => request.port === port;
        return [
          {
            key: { name, priority },
            route: compiled(name, 'tcp', matches, spec.tcpRoute.action?.weightedTargets),
          },
        ];
      }
      return [];
    })
    .sort((a, b) => compareRouteOrder(a.key, b.key))
    .map((entry) => entry.route);
}

function http(
  name: string,
  protocol: 'http' | 'http2',
  match: HttpRouteMatch,
  targets: readonly WeightedTarget[] | undefined,
): CompiledRoute {
  const predicates: RequestPredicate[] = [pathPredicate(match.prefix, match.path)];
  if (match.method !== undefined) {
    const method = match.method.toUpperCase();
    predicates.push((request) => request.method === method);
  }
  if (match.scheme !== undefined) {
    const scheme = match.scheme;
    predicates.push((request) => request.scheme === scheme);
  }
  if (match.port !== undefined) {
    const port = match.port;
    predicates.push((request) => request.port === port);
  }
  for (const header of match.headers ?? []) predicates.push(headerPredicate(header));
  for (const parameter of match.queryParameters ?? []) predicates.push(queryPredicate(parameter));
  return compiled(name, protocol, allOf(predicates), targets);
}

/** gRPC calls are POSTs to `/<service>/<method>`; metadata are headers. */
function grpc(
  name: string,
  match: GrpcRouteMatch,
  targets: readonly WeightedTarget[] | undefined,
): CompiledRoute {
  const predicates: RequestPredicate[] = [];
  if (match.serviceName !== undefined) {
    const service = match.serviceName;
    predicates.push((request) => grpcPart(request, 1) === service);
  }
  if (match.methodName !== undefined) {
    const method = match.methodName;
    predicates.push((request) => grpcPart(request, 2) === method);
  }
  if (match.port !== undefined) {
    const port = match.port;
    predicates.push((request) => request.port === port);
  }
  for (const metadata of match.metadata ?? []) predicates.push(headerPredicate(metadata));
  return compiled(name, 'grpc', allOf(predicates), targets);
}

export function grpcPart(request: SimRequest, index: 1 | 2): string | undefined {
  return request.path.split('/')[index];
}

function compiled(
  name: string,
  protocol: ListenerProtocol,
  matches: RequestPredicate,
  weightedTargets: readonly WeightedTarget[] | undefined,
): CompiledRoute {
  const targets = (weightedTargets ?? []).map((t) => ({
    node: t.virtualNode ?? '',
    weight: Math.max(0, t.weight ?? 0),
    port: t.port,
  }));
  return { name, protocol, matches, targets, weights: targets.map((t) => t.weight) };
}
