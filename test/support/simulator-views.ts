/** MeshViews of the color tutorial for simulator tests: from the builder's plan, and hand edits of them. */
import type { GatewayRouteSpec, RouteSpec } from '@aws-sdk/client-app-mesh';
import { type ColorMeshStage, colorMesh, exampleParams } from '../../examples/color-mesh.js';
import type { MeshView } from '../../src/local/simulator/mesh-view.js';
import { meshViewFromPlan } from '../../src/local/simulator/mesh-view-from-plan.js';

/** The tutorial's mesh at one stage of its live edits, as running tasks would see it. */
export function colorView(stage: ColorMeshStage = {}): MeshView {
  return meshViewFromPlan(colorMesh(exampleParams, stage).plan());
}

/** color-router's routes replaced by these. */
export function withRouterRoutes(view: MeshView, routes: Record<string, RouteSpec>): MeshView {
  return {
    ...view,
    routes: Object.entries(routes).map(([routeName, spec]) => ({
      meshName: view.mesh.meshName,
      virtualRouterName: 'color-router',
      routeName,
      spec,
      metadata: undefined,
      status: { status: 'ACTIVE' },
    })),
  };
}

/** color-gateway's gateway routes replaced by these, in this listing order. */
export function withGatewayRoutes(view: MeshView, routes: Record<string, GatewayRouteSpec>): MeshView {
  return {
    ...view,
    gatewayRoutes: Object.entries(routes).map(([gatewayRouteName, spec]) => ({
      meshName: view.mesh.meshName,
      virtualGatewayName: 'color-gateway',
      gatewayRouteName,
      spec,
      metadata: undefined,
      status: { status: 'ACTIVE' },
    })),
  };
}

/** As if the node's ECS service were scaled to 0: no task, no Cloud Map instance. */
export function withoutTasksOf(view: MeshView, node: string): MeshView {
  const gone = new Set(view.tasks.filter((t) => t.appMeshResource?.name === node).map((t) => t.ip));
  return {
    ...view,
    tasks: view.tasks.filter((t) => !gone.has(t.ip)),
    cloudMap: view.cloudMap.map((s) => ({
      ...s,
      instances: s.instances.filter((i) => i.ipv4 === undefined || !gone.has(i.ipv4)),
    })),
  };
}

/** A Cloud Map service renamed (its DNS name follows); nodes that discovered it by the old name follow too. */
export function withCloudMapServiceRenamed(view: MeshView, from: string, to: string): MeshView {
  return {
    ...view,
    cloudMap: view.cloudMap.map((s) =>
      s.serviceName === from ? { ...s, serviceName: to, hostname: `${to}.${s.namespaceName}` } : s,
    ),
    virtualNodes: view.virtualNodes.map((n) => {
      const discovery = n.spec?.serviceDiscovery?.awsCloudMap;
      if (discovery?.serviceName !== from) return n;
      return {
        ...n,
        spec: { ...n.spec, serviceDiscovery: { awsCloudMap: { ...discovery, serviceName: to } } },
      };
    }),
  };
}
