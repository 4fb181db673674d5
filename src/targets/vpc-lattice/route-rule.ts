/**
 * One App Mesh route as one VPC Lattice rule: its priority, its match (path exact or prefix,
 * method, up to five exact or prefix header matches) and its weighted targets, weights scaled from
 * App Mesh's 0-100 to Lattice's 0-999 by 9 so every ratio stays exact. What Lattice cannot express
 * is listed by name, for a warning: never dropped silently.
 */
import type { HttpRouteHeader, WeightedTarget } from '@aws-sdk/client-app-mesh';
import type { HeaderMatch, HttpMatch } from '@aws-sdk/client-vpc-lattice';
import type { RouteDefinition } from '../../definition/mesh-definition.js';

/** App Mesh weights are 0-100, Lattice's 0-999: 9 is the largest factor keeping every ratio. */
export const WEIGHT_SCALE = 9;

export interface LatticeRouteRule {
  readonly priority: number;
  readonly match: HttpMatch;
  /** `port`: which of the node's listeners (its target group), when the route names one. */
  readonly targets: readonly { readonly node: string; readonly port?: number; readonly weight: number }[];
  /** The route's settings Lattice has no field for, each named as the definition names it. */
  readonly notExpressible: readonly string[];
}

interface RouteMatchLike {
  prefix?: string;
  path?: { exact?: string; regex?: string };
  method?: string;
  headers?: HttpRouteHeader[];
  queryParameters?: unknown[];
  scheme?: string;
  port?: number;
  serviceName?: string;
  methodName?: string;
  metadata?: HttpRouteHeader[];
}

interface RouteMemberLike {
  match?: RouteMatchLike;
  action?: { weightedTargets?: WeightedTarget[] };
  retryPolicy?: unknown;
  timeout?: unknown;
}

/** `order`: the route's position in its router, for routes without a priority. */
export function latticeRouteRule(route: RouteDefinition, order: number): LatticeRouteRule {
  const { spec } = route;
  const grpc = spec.grpcRoute !== undefined;
  const member = (spec.httpRoute ??
    spec.http2Route ??
    spec.grpcRoute ??
    spec.tcpRoute ??
    {}) as RouteMemberLike;
  const match = member.match ?? {};
  const notExpressible: string[] = [];
  const http: HttpMatch = {};

  if (grpc) {
    // gRPC calls are POST /<package.Service>/<Method>: the service and method are the path.
    if (match.serviceName !== undefined)
      http.pathMatch = {
        match:
          match.methodName === undefined
            ? { prefix: `/${match.serviceName}/` }
            : { exact: `/${match.serviceName}/${match.methodName}` },
        caseSensitive: true,
      };
  } else if (match.path?.exact !== undefined) {
    http.pathMatch = { match: { exact: match.path.exact }, caseSensitive: true };
  } else if (match.prefix !== undefined) {
    http.pathMatch = { match: { prefix: match.prefix }, caseSensitive: true };
  }
  if (match.path?.regex !== undefined) notExpressible.push('match.path.regex');
  // A rule needs a condition: every path, as App Mesh's route without one.
  http.pathMatch ??= { match: { prefix: '/' }, caseSensitive: true };
  if (match.method !== undefined) http.method = match.method;

  const headers: HeaderMatch[] = [];
  const headerField = grpc ? 'match.metadata' : 'match.headers';
  (grpc ? match.metadata : match.headers)?.forEach((header, index) => {
    const at = `${headerField}[${index}]`;
    const value = header.match;
    if (header.invert === true) notExpressible.push(`${at}.invert`);
    else if (value?.exact !== undefined)
      headers.push({ name: header.name, match: { exact: value.exact }, caseSensitive: true });
    else if (value?.prefix !== undefined)
      headers.push({ name: header.name, match: { prefix: value.prefix }, caseSensitive: true });
    else if (value?.suffix !== undefined) notExpressible.push(`${at}.match.suffix`);
    else if (value?.regex !== undefined) notExpressible.push(`${at}.match.regex`);
    else if (value?.range !== undefined) notExpressible.push(`${at}.match.range`);
    else notExpressible.push(`${at} (present, any value)`); // Lattice needs a value of 1+ characters
  });
  if (headers.length > 0) http.headerMatches = headers;
  if (match.queryParameters !== undefined && match.queryParameters.length > 0)
    notExpressible.push('match.queryParameters');
  if (match.scheme !== undefined) notExpressible.push('match.scheme');
  if (match.port !== undefined) notExpressible.push('match.port');
  if (member.retryPolicy !== undefined) notExpressible.push('retryPolicy');
  if (member.timeout !== undefined) notExpressible.push('timeout');

  const weighted = member.action?.weightedTargets ?? [];
  return {
    priority: (spec.priority ?? order) + 1,
    match: http,
    targets: weighted.map((target) => ({
      node: target.virtualNode ?? '',
      ...(target.port === undefined ? {} : { port: target.port }),
      weight: (target.weight ?? 0) * WEIGHT_SCALE,
    })),
    notExpressible,
  };
}
