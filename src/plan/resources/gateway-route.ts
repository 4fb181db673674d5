import type { CreateGatewayRouteCommandInput, GatewayRouteSpec } from '@aws-sdk/client-app-mesh';
import type { GatewayRouteDefinition, VirtualGatewayDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { declaredId, meshResourceTags, type PlanContext, resolveServiceName } from '../context.js';
import { frozenCopy } from '../freeze.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

type GatewayRouteKind = 'httpRoute' | 'http2Route' | 'grpcRoute';
const GATEWAY_ROUTE_KINDS: readonly GatewayRouteKind[] = ['httpRoute', 'http2Route', 'grpcRoute'];

/**
 * A gateway route depends on its gateway and on the virtual service it targets (that service
 * cannot be deleted while referenced). A target naming a node is resolved to the service fronting it.
 */
export function gatewayRouteResource(
  context: PlanContext,
  gateway: VirtualGatewayDefinition,
  route: GatewayRouteDefinition,
): PlannedResource<'gatewayRoute'> {
  const id = paths.gatewayRoute(context.meshName, gateway.name, route.name);
  const spec = frozenCopy(resolveTargets(context, route.spec));
  const targetIds = gatewayRouteTargets(spec).map((service) => context.serviceIds.get(service));
  return planned(
    'gatewayRoute',
    id,
    route.name,
    [context.meshId, declaredId(context.gatewayIds, gateway.name), ...targetIds],
    {
      gatewayRouteName: route.name,
      virtualGatewayName: gateway.name,
      meshName: context.meshName,
      meshOwner: context.definition.meshOwner,
      spec,
      tags: lowerCaseTags(meshResourceTags(context, route.tags)),
    } satisfies CreateGatewayRouteCommandInput,
  );
}

/** Virtual service names a gateway route sends traffic to. */
export function gatewayRouteTargets(spec: GatewayRouteSpec): string[] {
  return GATEWAY_ROUTE_KINDS.flatMap((kind) => {
    const name = spec[kind]?.action?.target?.virtualService?.virtualServiceName;
    return name === undefined ? [] : [name];
  });
}

function resolveTargets(context: PlanContext, spec: GatewayRouteSpec): GatewayRouteSpec {
  let resolved = spec;
  for (const kind of GATEWAY_ROUTE_KINDS) {
    const route = spec[kind];
    const virtualService = route?.action?.target?.virtualService;
    if (route?.action?.target === undefined || virtualService?.virtualServiceName === undefined) continue;
    const virtualServiceName = resolveServiceName(context, virtualService.virtualServiceName);
    if (virtualServiceName === virtualService.virtualServiceName) continue;
    const target = { ...route.action.target, virtualService: { ...virtualService, virtualServiceName } };
    resolved = { ...resolved, [kind]: { ...route, action: { ...route.action, target } } };
  }
  return resolved;
}
