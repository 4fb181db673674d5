/**
 * Deletion order (aws-facts 3.4): what blocks each delete with ResourceInUseException, in AWS's
 * words where they are known. Checked against every record, visible or not: AWS knows them all.
 */
import type {
  GatewayRouteSpec,
  MeshSpec,
  RouteSpec,
  VirtualGatewaySpec,
  VirtualNodeSpec,
  VirtualRouterSpec,
  VirtualServiceSpec,
} from '@aws-sdk/client-app-mesh';
import type { World } from '../../world.js';
import { inUse } from './errors.js';
import { countOf, type ResourceRecord, recordsOf } from './records.js';

function routesOf(world: World, meshName: string): ResourceRecord<RouteSpec>[] {
  return recordsOf(world.state.appMesh.routes, { meshName });
}

function servicesOf(world: World, meshName: string): ResourceRecord<VirtualServiceSpec>[] {
  return recordsOf(world.state.appMesh.virtualServices, { meshName });
}

export function meshInUse(world: World, mesh: ResourceRecord<MeshSpec>): void {
  const state = world.state.appMesh;
  const meshName = mesh.name;
  const children = [
    ['virtual services', countOf(state.virtualServices, { meshName })],
    ['virtual routers', countOf(state.virtualRouters, { meshName })],
    ['virtual nodes', countOf(state.virtualNodes, { meshName })],
    ['virtual gateways', countOf(state.virtualGateways, { meshName })],
  ].filter(([, n]) => (n as number) > 0);
  if (children.length > 0) {
    throw inUse(
      `Mesh ${meshName} cannot be deleted because it has active ${children.map(([what, n]) => `${what} (${n})`).join(', ')}. You must delete all resources in the service mesh before you can delete the mesh itself.`,
    );
  }
}

export function virtualNodeInUse(world: World, node: ResourceRecord<VirtualNodeSpec>): void {
  const targeted = routesOf(world, node.meshName).some((route) => {
    const spec = route.spec;
    const action = (spec.httpRoute ?? spec.http2Route ?? spec.grpcRoute ?? spec.tcpRoute)?.action;
    return (action?.weightedTargets ?? []).some((t) => t.virtualNode === node.name);
  });
  if (targeted) {
    throw inUse(
      `VirtualNode with name ${node.name} cannot be deleted because it is the target of one or more routes.`,
    );
  }
  if (
    servicesOf(world, node.meshName).some((s) => s.spec.provider?.virtualNode?.virtualNodeName === node.name)
  ) {
    throw inUse(
      `VirtualNode with name ${node.name} cannot be deleted because it is a VirtualService provider`,
    );
  }
}

export function virtualRouterInUse(world: World, router: ResourceRecord<VirtualRouterSpec>): void {
  if (
    servicesOf(world, router.meshName).some(
      (s) => s.spec.provider?.virtualRouter?.virtualRouterName === router.name,
    )
  ) {
    throw inUse(
      `VirtualRouter with name ${router.name} cannot be deleted because it is a VirtualService provider`,
    );
  }
  if (routesOf(world, router.meshName).some((r) => r.parentName === router.name)) {
    throw inUse(`VirtualRouter you're trying to delete ${router.name} has active routes`);
  }
}

export function virtualGatewayInUse(world: World, gateway: ResourceRecord<VirtualGatewaySpec>): void {
  const hasRoutes = Object.values(world.state.appMesh.gatewayRoutes).some(
    (r) => r.meshName === gateway.meshName && r.parentName === gateway.name,
  );
  if (hasRoutes) {
    throw inUse(`VirtualGateway you're trying to delete ${gateway.name} has active gateway routes`);
  }
}

export function virtualServiceInUse(world: World, service: ResourceRecord<VirtualServiceSpec>): void {
  const referencing = recordsOf(world.state.appMesh.gatewayRoutes, { meshName: service.meshName }).filter(
    (r: ResourceRecord<GatewayRouteSpec>) => {
      const route = r.spec.httpRoute ?? r.spec.http2Route ?? r.spec.grpcRoute;
      return route?.action?.target?.virtualService?.virtualServiceName === service.name;
    },
  );
  if (referencing.length > 0) {
    throw inUse(
      `VirtualService ${service.name} is being referenced in the following: GATEWAY_ROUTE: [${referencing.map((r) => r.uid).join(', ')}]`,
    );
  }
}
