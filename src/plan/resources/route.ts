import type { CreateRouteCommandInput, RouteSpec } from '@aws-sdk/client-app-mesh';
import type { RouteDefinition, VirtualRouterDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { declaredId, meshResourceTags, type PlanContext } from '../context.js';
import { frozenCopy } from '../freeze.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

/** A route depends on its router and on every node it targets (a node cannot go while targeted). */
export function routeResource(
  context: PlanContext,
  router: VirtualRouterDefinition,
  route: RouteDefinition,
): PlannedResource<'route'> {
  const id = paths.route(context.meshName, router.name, route.name);
  const targetIds = routeTargetNodes(route.spec).map((node) => context.nodeIds.get(node));
  return planned(
    'route',
    id,
    route.name,
    [context.meshId, declaredId(context.routerIds, router.name), ...targetIds],
    {
      routeName: route.name,
      virtualRouterName: router.name,
      meshName: context.meshName,
      meshOwner: context.definition.meshOwner,
      spec: frozenCopy(route.spec),
      tags: lowerCaseTags(meshResourceTags(context, route.tags)),
    } satisfies CreateRouteCommandInput,
  );
}

/** Node names in a route's weighted targets, whatever its protocol. */
export function routeTargetNodes(spec: RouteSpec): string[] {
  const nodes: string[] = [];
  for (const route of [spec.httpRoute, spec.http2Route, spec.grpcRoute, spec.tcpRoute]) {
    for (const target of route?.action?.weightedTargets ?? []) {
      if (target.virtualNode !== undefined) nodes.push(target.virtualNode);
    }
  }
  return nodes;
}
