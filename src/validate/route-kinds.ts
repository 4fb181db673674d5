/** Which protocol member of a RouteSpec / GatewayRouteSpec is set, with its listener protocol. */
import type { GatewayRouteSpec, HttpRoute, RouteSpec } from '@aws-sdk/client-app-mesh';

export const ROUTE_MEMBERS = ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const;
export const GATEWAY_ROUTE_MEMBERS = ['httpRoute', 'http2Route', 'grpcRoute'] as const;

export type RouteMember = (typeof ROUTE_MEMBERS)[number];

/** The listener protocol a route member serves. */
export const ROUTE_PROTOCOL: Record<RouteMember, 'http' | 'http2' | 'grpc' | 'tcp'> = {
  httpRoute: 'http',
  http2Route: 'http2',
  grpcRoute: 'grpc',
  tcpRoute: 'tcp',
};

/** The weighted targets of whichever route member is set (the first, if several are). */
export function weightedTargetsOf(
  spec: RouteSpec,
): { member: RouteMember; targets: RouteTargets } | undefined {
  for (const member of ROUTE_MEMBERS) {
    const route = spec[member];
    if (route) return { member, targets: route.action?.weightedTargets ?? [] };
  }
  return undefined;
}

export type RouteTargets = NonNullable<NonNullable<HttpRoute['action']>['weightedTargets']>;

/** The gateway route target of whichever member is set (the first, if several are). */
export function gatewayTargetOf(
  spec: GatewayRouteSpec,
):
  | { member: (typeof GATEWAY_ROUTE_MEMBERS)[number]; service: string | undefined; port: number | undefined }
  | undefined {
  for (const member of GATEWAY_ROUTE_MEMBERS) {
    const route = spec[member];
    if (route) {
      const target = route.action?.target;
      return { member, service: target?.virtualService?.virtualServiceName, port: target?.port };
    }
  }
  return undefined;
}
