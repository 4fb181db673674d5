/**
 * A virtual gateway's routes, compiled once: which requests each matches, how it rewrites the
 * path and host, and which virtual service (and port) it forwards to.
 */
import type {
  GatewayRouteData,
  GatewayRouteTarget,
  GrpcGatewayRoute,
  HttpGatewayRoute,
} from '@aws-sdk/client-app-mesh';
import type { SimRequest } from './request.js';
import {
  allOf,
  headerPredicate,
  hostnamePredicate,
  pathPredicate,
  queryPredicate,
  type RequestPredicate,
} from './request-matchers.js';
import { compareRouteOrder } from './route-order.js';
import { grpcPart } from './route-table.js';

export interface CompiledGatewayRoute {
  readonly name: string;
  readonly protocol: 'http' | 'http2' | 'grpc';
  readonly matches: RequestPredicate;
  /** The request as the target virtual service receives it. */
  readonly rewrite: (request: SimRequest) => SimRequest;
  readonly service: string;
  /** The target's listener port; when unset, the provider's (only) listener. */
  readonly port: number | undefined;
  /** A path this route is meant for, to try it from the reachability matrix. */
  readonly samplePath: string;
}

export function compileGatewayRoutes(routes: readonly GatewayRouteData[]): CompiledGatewayRoute[] {
  return routes
    .flatMap((route) => {
      const spec = route.spec ?? {};
      const name = route.gatewayRouteName ?? '';
      const priority = spec.priority;
      if (spec.httpRoute !== undefined || spec.http2Route !== undefined) {
        const protocol = spec.httpRoute !== undefined ? 'http' : 'http2';
        const httpRoute = (spec.httpRoute ?? spec.http2Route) as HttpGatewayRoute;
        const match = httpRoute.match ?? {};
        return [
          {
            key: { name, priority, prefix: match.prefix, path: match.path },
            route: http(name, protocol, httpRoute),
          },
        ];
      }
      if (spec.grpcRoute !== undefined)
        return [{ key: { name, priority }, route: grpc(name, spec.grpcRoute) }];
      return [];
    })
    .sort((a, b) => compareRouteOrder(a.key, b.key))
    .map((entry) => entry.route);
}

function http(name: string, protocol: 'http' | 'http2', route: HttpGatewayRoute): CompiledGatewayRoute {
  const match = route.match ?? {};
  const predicates: RequestPredicate[] = [pathPredicate(match.prefix, match.path)];
  if (match.method !== undefined) {
    const method = match.method.toUpperCase();
    predicates.push((request) => request.method === method);
  }
  if (match.port !== undefined) {
    const port = match.port;
    predicates.push((request) => request.port === port);
  }
  if (match.hostname !== undefined) predicates.push(hostnamePredicate(match.hostname));
  for (const header of match.headers ?? []) predicates.push(headerPredicate(header));
  for (const parameter of match.queryParameters ?? []) predicates.push(queryPredicate(parameter));

  const rewrite = route.action?.rewrite;
  const rewritePath = pathRewrite(match.prefix, match.path?.exact ?? match.path?.regex, rewrite);
  const target = route.action?.target;
  const rewriteHost = hostRewrite(target, rewrite?.hostname?.defaultTargetHostname);
  return {
    name,
    protocol,
    matches: allOf(predicates),
    rewrite: (request) => rewriteHost({ ...request, path: rewritePath(request.path) }),
    service: target?.virtualService?.virtualServiceName ?? '',
    port: target?.port,
    samplePath: match.path?.exact ?? (match.path?.regex === undefined ? (match.prefix ?? '/') : '/'),
  };
}

/**
 * A prefix match rewrites the matched prefix: to `/` by default, to `rewrite.prefix.value` when
 * given, not at all with `defaultPrefix: DISABLED`. An exact or regex path match keeps the path
 * unless `rewrite.path.exact` replaces it.
 */
function pathRewrite(
  prefix: string | undefined,
  pathMatch: string | undefined,
  rewrite: NonNullable<HttpGatewayRoute['action']>['rewrite'],
): (path: string) => string {
  if (pathMatch !== undefined) {
    const exact = rewrite?.path?.exact;
    return exact === undefined ? (path) => path : () => exact;
  }
  const matched = prefix ?? '/';
  if (rewrite?.prefix?.value !== undefined) {
    const value = rewrite.prefix.value;
    return (path) => value + path.slice(matched.length);
  }
  if (rewrite?.prefix?.defaultPrefix === 'DISABLED') return (path) => path;
  return (path) => `/${path.slice(matched.length)}`;
}

/** By default the gateway sets the Host header to the target virtual service's name. */
function hostRewrite(
  target: GatewayRouteTarget | undefined,
  defaultTargetHostname: string | undefined,
): (request: SimRequest) => SimRequest {
  const service = target?.virtualService?.virtualServiceName;
  if (defaultTargetHostname === 'DISABLED' || service === undefined) return (request) => request;
  const host = service.toLowerCase();
  return (request) => ({ ...request, authority: host, headers: { ...request.headers, host } });
}

function grpc(name: string, route: GrpcGatewayRoute): CompiledGatewayRoute {
  const match = route.match ?? {};
  const predicates: RequestPredicate[] = [];
  if (match.serviceName !== undefined) {
    const service = match.serviceName;
    predicates.push((request) => grpcPart(request, 1) === service);
  }
  if (match.port !== undefined) {
    const port = match.port;
    predicates.push((request) => request.port === port);
  }
  if (match.hostname !== undefined) predicates.push(hostnamePredicate(match.hostname));
  for (const metadata of match.metadata ?? []) predicates.push(headerPredicate(metadata));
  const target = route.action?.target;
  return {
    name,
    protocol: 'grpc',
    matches: allOf(predicates),
    rewrite: hostRewrite(target, route.action?.rewrite?.hostname?.defaultTargetHostname),
    service: target?.virtualService?.virtualServiceName ?? '',
    port: target?.port,
    samplePath: match.serviceName === undefined ? '/' : `/${match.serviceName}/`,
  };
}
