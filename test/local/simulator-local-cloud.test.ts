/**
 * readMeshView against the local cloud: a small color mesh made with plain SDK commands (as the
 * tutorial does with the CLI), read back through List/Describe calls, then simulated; a live
 * UpdateVirtualNode changes the answer once the view is read again.
 */
import {
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  UpdateVirtualNodeCommand,
  type VirtualNodeSpec,
} from '@aws-sdk/client-app-mesh';
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateServiceCommand as CreateCloudMapServiceCommand,
  CreatePrivateDnsNamespaceCommand,
  ListNamespacesCommand,
} from '@aws-sdk/client-servicediscovery';
import { describe, expect, it } from 'vitest';
import type { AwsClients } from '../../src/clients.js';
import { apply } from '../../src/execute/apply.js';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud, type LocalCloud } from '../../src/local/local-cloud.js';
import { meshViewFromPlan } from '../../src/local/simulator/mesh-view-from-plan.js';
import { formatReachability } from '../../src/local/simulator/reachability.js';
import { readMeshView } from '../../src/local/simulator/read-mesh-view.js';
import { createSimulator } from '../../src/local/simulator/simulator.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

const MESH = 'color-mesh';
const COLORS = ['red', 'blue', 'green', 'yellow'] as const;
type Color = (typeof COLORS)[number];
/** green registers as `router`: router.colors.local must resolve before Envoy sees the request. */
const CLOUD_MAP_NAME: Record<Color, string> = { red: 'red', blue: 'blue', green: 'router', yellow: 'yellow' };

function nodeSpec(color: Color, backends: readonly string[] = []): VirtualNodeSpec {
  return {
    listeners: [{ portMapping: { port: 80, protocol: 'http' } }],
    serviceDiscovery: { awsCloudMap: { namespaceName: 'colors.local', serviceName: CLOUD_MAP_NAME[color] } },
    backends: backends.map((virtualServiceName) => ({ virtualService: { virtualServiceName } })),
  };
}

async function buildColorMesh(cloud: LocalCloud, clients: AwsClients): Promise<void> {
  const { vpcId, subnetIds } = cloud.defaultNetwork();
  await clients.cloudMap.send(new CreatePrivateDnsNamespaceCommand({ Name: 'colors.local', Vpc: vpcId }));
  await cloud.settle();
  const namespaces = await clients.cloudMap.send(new ListNamespacesCommand({}));
  const namespaceId = namespaces.Namespaces?.find((n) => n.Name === 'colors.local')?.Id;
  const registryArns = {} as Record<Color, string>;
  for (const color of COLORS) {
    const created = await clients.cloudMap.send(
      new CreateCloudMapServiceCommand({
        Name: CLOUD_MAP_NAME[color],
        NamespaceId: namespaceId,
        DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 300 }] },
      }),
    );
    registryArns[color] = created.Service?.Arn ?? '';
  }

  await clients.appMesh.send(
    new CreateMeshCommand({ meshName: MESH, spec: { egressFilter: { type: 'DROP_ALL' } } }),
  );
  const backends: Partial<Record<Color, string[]>> = {
    red: ['router.colors.local'],
    blue: ['red.colors.local'],
  };
  for (const color of COLORS) {
    await clients.appMesh.send(
      new CreateVirtualNodeCommand({
        meshName: MESH,
        virtualNodeName: color,
        spec: nodeSpec(color, backends[color]),
      }),
    );
  }
  await clients.appMesh.send(
    new CreateVirtualRouterCommand({
      meshName: MESH,
      virtualRouterName: 'color-router',
      spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] },
    }),
  );
  await clients.appMesh.send(
    new CreateRouteCommand({
      meshName: MESH,
      virtualRouterName: 'color-router',
      routeName: 'color-route',
      spec: {
        httpRoute: {
          match: { prefix: '/', method: 'GET' },
          action: {
            weightedTargets: [
              { virtualNode: 'green', weight: 4 },
              { virtualNode: 'yellow', weight: 1 },
            ],
          },
        },
      },
    }),
  );
  for (const color of ['red', 'blue'] as const) {
    await clients.appMesh.send(
      new CreateVirtualServiceCommand({
        meshName: MESH,
        virtualServiceName: `${color}.colors.local`,
        spec: { provider: { virtualNode: { virtualNodeName: color } } },
      }),
    );
  }
  await clients.appMesh.send(
    new CreateVirtualServiceCommand({
      meshName: MESH,
      virtualServiceName: 'router.colors.local',
      spec: { provider: { virtualRouter: { virtualRouterName: 'color-router' } } },
    }),
  );

  const group = await clients.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'colorapp-sg', Description: 'color tasks', VpcId: vpcId }),
  );
  await clients.ecs.send(new CreateClusterCommand({ clusterName: 'color-cluster' }));
  for (const color of COLORS) {
    const definition = await clients.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: color,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: `${color}-app`,
            image: 'forsakenidol/colorapp',
            essential: true,
            portMappings: [{ containerPort: 80, protocol: 'tcp' }],
            environment: [{ name: 'COLOR', value: color }],
          },
          {
            name: 'envoy',
            image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod',
            essential: true,
            user: '1337',
            environment: [
              {
                name: 'APPMESH_RESOURCE_ARN',
                value: `arn:aws:appmesh:${cloud.region}:${cloud.accountId}:mesh/${MESH}/virtualNode/${color}`,
              },
            ],
          },
        ],
      }),
    );
    await clients.ecs.send(
      new CreateServiceCommand({
        cluster: 'color-cluster',
        serviceName: color,
        taskDefinition: definition.taskDefinition?.taskDefinitionArn,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: subnetIds.slice(0, 2), securityGroups: [group.GroupId ?? ''] },
        },
        serviceRegistries: [{ registryArn: registryArns[color] }],
      }),
    );
  }
  await cloud.settle();
}

describe('readMeshView on the local cloud', () => {
  it('reads the mesh, DNS and tasks, and sees a live backend change after a new read', async () => {
    const cloud = createLocalCloud({ clock: new ManualClock() });
    const clients = cloud.clients({ maxAttempts: 1 });
    await buildColorMesh(cloud, clients);

    const view = await readMeshView(clients, MESH);
    expect(view.virtualNodes.map((n) => n.virtualNodeName).sort()).toEqual([
      'blue',
      'green',
      'red',
      'yellow',
    ]);
    expect(view.routes.map((r) => r.routeName)).toEqual(['color-route']);
    expect(view.cloudMap.find((s) => s.serviceName === 'router')?.hostname).toBe('router.colors.local');
    const green = view.tasks.find((t) => t.appMeshResource?.name === 'green');
    expect(green).toMatchObject({ color: 'green', appMeshResource: { meshName: MESH, kind: 'virtualNode' } });
    expect(view.cloudMap.find((s) => s.serviceName === 'router')?.instances.map((i) => i.ipv4)).toEqual([
      green?.ip,
    ]);

    const sim = createSimulator(view, { seed: 11 });
    expect(sim.from('blue').get('http://red.colors.local/')).toMatchObject({ ok: true, body: 'red' });
    expect(sim.from('red').get('http://blue.colors.local/')).toMatchObject({
      ok: false,
      reason: 'EGRESS_DENIED',
    });
    const sample = sim.from('red').sample('http://router.colors.local/', 5_000);
    expect(Object.keys(sample.answers).sort()).toEqual(['green', 'yellow']);
    expect(Math.abs((sample.answers.green ?? 0) / 5_000 - 0.8)).toBeLessThan(0.03);

    // The tutorial's console edit: red gains blue.colors.local as a backend.
    await clients.appMesh.send(
      new UpdateVirtualNodeCommand({
        meshName: MESH,
        virtualNodeName: 'red',
        spec: nodeSpec('red', ['router.colors.local', 'blue.colors.local']),
      }),
    );
    // The old view is a snapshot; a new read sees the change.
    expect(sim.from('red').get('http://blue.colors.local/').ok).toBe(false);
    const after = createSimulator(await readMeshView(clients, MESH));
    expect(after.from('red').get('http://blue.colors.local/')).toMatchObject({ ok: true, body: 'blue' });

    // And removed again: back to the empty reply.
    await clients.appMesh.send(
      new UpdateVirtualNodeCommand({
        meshName: MESH,
        virtualNodeName: 'red',
        spec: nodeSpec('red', ['router.colors.local']),
      }),
    );
    const removed = createSimulator(await readMeshView(clients, MESH));
    expect(removed.from('red').get('http://blue.colors.local/')).toMatchObject({
      ok: false,
      reason: 'EGRESS_DENIED',
    });
  });

  it('a plan applied to the local cloud reads back as the view the plan predicts', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const result = await apply(plan, fastExecution(cloud));
    expect(result.error).toBeUndefined();
    await cloud.settle();
    const fromCloud = createSimulator(await readMeshView(cloud.clients({ maxAttempts: 1 }), MESH));
    const fromPlan = createSimulator(meshViewFromPlan(plan));
    expect(formatReachability(fromCloud.reachability())).toBe(formatReachability(fromPlan.reachability()));
    expect(fromCloud.gateway('color-gateway').get('/')).toMatchObject({ ok: true, body: 'blue' });
  });
});
