/**
 * References from one resource to another, checked on create and update like AWS does: providers,
 * route targets, gateway route targets must exist (and be visible); a route must fit a listener
 * of its router or gateway. Backends need not exist (aws-facts 3.4), only stay within quota.
 */
import type {
  GatewayRouteSpec,
  RouteSpec,
  VirtualGatewaySpec,
  VirtualNodeSpec,
  VirtualRouterSpec,
  VirtualServiceSpec,
} from '@aws-sdk/client-app-mesh';
import { ROUTE_PROTOCOL, type RouteMember } from '../../../validate/route-kinds.js';
import type { World } from '../../world.js';
import { badRequest, limitExceeded } from './errors.js';
import { VIRTUAL_GATEWAY, VIRTUAL_NODE, VIRTUAL_ROUTER, VIRTUAL_SERVICE } from './kinds.js';
import { requireVisible } from './lifecycle.js';
import type { Address } from './records.js';
import { routeTypeOf } from './validation.js';

export function checkBackends(world: World, address: Address, spec: VirtualNodeSpec): void {
  const backends = spec.backends ?? [];
  const limit = world.quotas.backendsPerNode;
  if (backends.length > limit) {
    throw limitExceeded(
      `VirtualNode ${address.name} in mesh ${address.meshName} has ${backends.length} backends; the limit is ${limit}.`,
    );
  }
}

export function checkProvider(world: World, meshName: string, spec: VirtualServiceSpec): void {
  const node = spec.provider?.virtualNode?.virtualNodeName;
  if (node !== undefined) requireVisible(world, VIRTUAL_NODE, { meshName, name: node });
  const router = spec.provider?.virtualRouter?.virtualRouterName;
  if (router !== undefined) requireVisible(world, VIRTUAL_ROUTER, { meshName, name: router });
}

export function checkRouteReferences(world: World, address: Address, spec: RouteSpec): void {
  const { meshName } = address;
  const routerName = address.parentName as string;
  const router = requireVisible<VirtualRouterSpec>(world, VIRTUAL_ROUTER, { meshName, name: routerName });
  const type = routeTypeOf(spec);
  const route = spec.httpRoute ?? spec.http2Route ?? spec.grpcRoute ?? spec.tcpRoute;
  checkListenerFit(
    `VirtualRouter ${routerName}`,
    type,
    route?.match?.port,
    (router.spec.listeners ?? []).map((l) => ({
      port: l.portMapping?.port,
      protocol: l.portMapping?.protocol,
    })),
  );
  for (const target of route?.action?.weightedTargets ?? []) {
    requireVisible(world, VIRTUAL_NODE, { meshName, name: target.virtualNode as string });
  }
}

export function checkGatewayRouteReferences(world: World, address: Address, spec: GatewayRouteSpec): void {
  const { meshName } = address;
  const gatewayName = address.parentName as string;
  const gateway = requireVisible<VirtualGatewaySpec>(world, VIRTUAL_GATEWAY, { meshName, name: gatewayName });
  const type = routeTypeOf(spec);
  const route = spec.httpRoute ?? spec.http2Route ?? spec.grpcRoute;
  checkListenerFit(
    `VirtualGateway ${gatewayName}`,
    type,
    route?.match?.port,
    (gateway.spec.listeners ?? []).map((l) => ({
      port: l.portMapping?.port,
      protocol: l.portMapping?.protocol,
    })),
  );
  const service = route?.action?.target?.virtualService?.virtualServiceName as string;
  requireVisible(world, VIRTUAL_SERVICE, { meshName, name: service });
}

/** A route must match a listener of its protocol (and of its match port, when it gives one). */
function checkListenerFit(
  owner: string,
  routeType: string,
  matchPort: number | undefined,
  listeners: readonly { port?: number; protocol?: string }[],
): void {
  const protocol = ROUTE_PROTOCOL[routeType as RouteMember];
  const fits = listeners.some(
    (l) => l.protocol === protocol && (matchPort === undefined || l.port === matchPort),
  );
  if (!fits) {
    const have = listeners.map((l) => `${l.protocol}:${l.port}`).join(', ') || 'none';
    throw badRequest(
      `${routeType} requires a ${protocol} listener${matchPort === undefined ? '' : ` on port ${matchPort}`} on ${owner}; its listeners are: ${have}.`,
    );
  }
}
