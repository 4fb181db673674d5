import {
  CreateGatewayRouteCommand,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
} from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';
import { colorMeshIn } from '../support/local-color-mesh.js';

describe('local cloud: App Mesh accepts what the planner asks for', () => {
  it("creates every App Mesh resource of the color tutorial's plan, in plan order", async () => {
    const cloud = createLocalCloud({ clock: new ManualClock() });
    const { appMesh } = cloud.clients({ maxAttempts: 1 });
    const plan = colorMeshIn(cloud).plan();
    const kinds = new Set<string>();
    for (const resource of plan.resources) {
      kinds.add(resource.kind);
      if (resource.kind === 'mesh') await appMesh.send(new CreateMeshCommand(resource.input));
      if (resource.kind === 'virtualNode') await appMesh.send(new CreateVirtualNodeCommand(resource.input));
      if (resource.kind === 'virtualRouter')
        await appMesh.send(new CreateVirtualRouterCommand(resource.input));
      if (resource.kind === 'route') await appMesh.send(new CreateRouteCommand(resource.input));
      if (resource.kind === 'virtualService')
        await appMesh.send(new CreateVirtualServiceCommand(resource.input));
      if (resource.kind === 'virtualGateway')
        await appMesh.send(new CreateVirtualGatewayCommand(resource.input));
      if (resource.kind === 'gatewayRoute') await appMesh.send(new CreateGatewayRouteCommand(resource.input));
    }
    const snapshot = cloud.snapshot().appMesh as Record<string, unknown[]>;
    expect(snapshot.meshes).toHaveLength(1);
    expect(snapshot.virtualNodes).toHaveLength(4);
    expect(snapshot.gatewayRoutes).toHaveLength(2);
    expect(kinds.has('gatewayRoute')).toBe(true);
  });
});
