/**
 * The executor against moto (the open-source AWS emulator) on loopback: apply, apply again, diff and
 * destroy of the color mesh, over the real wire protocol (HTTP, each service's real serialization),
 * with what happened read back through the plain SDK.
 *
 * Only the part of the color mesh that moto implements faithfully enough is applied (moto.md):
 * | left out | why |
 * |---|---|
 * | virtualService (router, red, blue .colors.local) | moto 5.2.1 answers every virtual service call with an HTML 404 |
 * | virtualGateway (color-gateway) | not implemented by moto |
 * | gatewayRoute (color-gateway-route-1, -2) | not implemented by moto (and they need the gateway and virtual services) |
 * | ecsService (red, blue, green, yellow, color-gateway) | moto never starts tasks, so the wait for a stable service never ends |
 * Nothing else depends on these, so the rest of the mesh (37 resources) is applied.
 *
 * Adapted to moto's other infidelities (moto.md), in the test, never in the executor:
 * - App Mesh timestamps as strings: `startMoto`'s clients rewrite them (test/support/moto.ts).
 * - App Mesh errors under moto's own names (MeshNotFound, VirtualNodeNameAlreadyTaken, HTTP 400):
 *   renamed to AWS's NotFoundException / ConflictException (support/moto-clients.ts), else the
 *   executor's read would not see "absent" and the first apply fails at mesh/color-mesh.
 * - moto checks no references (a mesh with children can be deleted), so destroy's order is not
 *   tested by moto: the local cloud's tests do that (apply.test.ts).
 */
import { DescribeRouteCommand, DescribeVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { colorMesh, exampleParams } from '../../examples/color-mesh.js';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { diff } from '../../src/execute/diff.js';
import type { ExecuteOptions } from '../../src/execute/options.js';
import type { Plan } from '../../src/plan/plan.js';
import type { ResourceKind } from '../../src/plan/resource.js';
import { MOTO_ACCOUNT_ID, type MotoServer, startMoto } from '../support/moto.js';
import { describeWithTool } from '../support/tools.js';
import { isWrite, recordCalls, type SentCall, withAwsAppMeshErrors } from './support/moto-clients.js';
import { COLOR_MESH_ROLES, observeColorMesh } from './support/moto-observe.js';

/** Kinds moto cannot carry through apply and destroy (see the table above). */
const NOT_ON_MOTO: ReadonlySet<ResourceKind> = new Set([
  'virtualService',
  'virtualGateway',
  'gatewayRoute',
  'ecsService',
]);

/** The plan without those kinds and without anything that depends on them, directly or not. */
function motoSubPlan(plan: Plan): { plan: Plan; left: string[] } {
  const left = new Set<string>();
  // Plan order is a create order: a resource's dependencies come before it.
  for (const r of plan.resources) {
    if (NOT_ON_MOTO.has(r.kind) || r.dependsOn.some((id) => left.has(id))) left.add(r.id);
  }
  return {
    plan: { ...plan, resources: plan.resources.filter((r) => !left.has(r.id)) },
    left: [...left].sort(),
  };
}

const MOTO_START_TIMEOUT_MS = 30_000;

describeWithTool('moto', 'executor end to end against moto (loopback, real wire protocol)', (tool) => {
  let moto: MotoServer | undefined;
  beforeAll(async () => {
    moto = await startMoto(tool.command);
  }, MOTO_START_TIMEOUT_MS);
  afterAll(async () => {
    await moto?.stop();
  });

  it('applies the color mesh, applies it again without a write, diffs clean, and destroys it all', async () => {
    if (moto === undefined) throw new Error('moto did not start');
    const clients = withAwsAppMeshErrors(moto.clients({ maxAttempts: 1 }));
    const calls: SentCall[] = recordCalls(clients);
    const writesSince = (mark: number) => calls.slice(mark).filter(isWrite);

    // moto's default network, found as a user would find theirs.
    const vpcs = await clients.ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
    );
    const vpcId = vpcs.Vpcs?.[0]?.VpcId;
    if (vpcId === undefined) throw new Error('moto has no default VPC');
    const subnets = await clients.ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'default-for-az', Values: ['true'] },
        ],
      }),
    );
    const subnetIds = (subnets.Subnets ?? [])
      .sort((a, b) => (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? ''))
      .map((s) => s.SubnetId ?? '');
    expect(subnetIds.length).toBeGreaterThanOrEqual(4);

    const full = colorMesh({
      ...exampleParams,
      region: 'us-east-1',
      accountId: MOTO_ACCOUNT_ID,
      vpcId,
      privateSubnets: subnetIds.slice(0, 2),
      publicSubnets: subnetIds.slice(2, 4),
    }).plan();
    const { plan, left } = motoSubPlan(full);
    expect(left).toEqual([
      'ecs/cluster/color-cluster/service/blue',
      'ecs/cluster/color-cluster/service/color-gateway',
      'ecs/cluster/color-cluster/service/green',
      'ecs/cluster/color-cluster/service/red',
      'ecs/cluster/color-cluster/service/yellow',
      'mesh/color-mesh/virtualGateway/color-gateway',
      'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/color-gateway-route-1',
      'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/color-gateway-route-2',
      'mesh/color-mesh/virtualService/blue.colors.local',
      'mesh/color-mesh/virtualService/red.colors.local',
      'mesh/color-mesh/virtualService/router.colors.local',
    ]);
    const options: ExecuteOptions = {
      clients,
      pollIntervalMs: 20,
      retry: { retries: 3, minDelayMs: 5, maxDelayMs: 50, maxTotalMs: 3000 },
    };
    const before = await observeColorMesh(clients, vpcId);
    expect(before.ec2.securityGroups).toEqual([]);

    // 1. apply creates everything.
    const first = await apply(plan, options);
    expect(first.error).toBeUndefined();
    expect(first.results.filter((r) => r.outcome !== 'created').map((r) => [r.id, r.outcome])).toEqual([]);

    expect(await observeColorMesh(clients, vpcId)).toEqual({
      cloudMap: { namespaces: ['colors.local'], services: ['blue', 'red', 'router', 'yellow'] },
      appMesh: {
        meshes: ['color-mesh'],
        virtualNodes: ['blue', 'green', 'red', 'yellow'],
        virtualRouters: ['color-router'],
        routes: ['color-router/color-route'],
      },
      iam: {
        roles: [...COLOR_MESH_ROLES],
        inlinePolicies: [
          'color-mesh-blue-task-role/appmesh-envoy-access',
          'color-mesh-blue-task-role/ecs-exec',
          'color-mesh-color-gateway-task-role/appmesh-envoy-access',
          'color-mesh-execution-role/create-log-group',
          'color-mesh-green-task-role/appmesh-envoy-access',
          'color-mesh-green-task-role/ecs-exec',
          'color-mesh-red-task-role/appmesh-envoy-access',
          'color-mesh-red-task-role/ecs-exec',
          'color-mesh-yellow-task-role/appmesh-envoy-access',
          'color-mesh-yellow-task-role/ecs-exec',
        ],
        attachedPolicies: ['color-mesh-execution-role/AmazonECSTaskExecutionRolePolicy'],
      },
      ec2: {
        securityGroups: ['colorapp-sg', 'gateway-sg'],
        ingress: ['colorapp-sg -1 - from itself', 'gateway-sg tcp 80-80 from 0.0.0.0/0'],
      },
      logs: { logGroups: ['/ecs/color-mesh'] },
      ecs: {
        activeClusters: ['color-cluster'],
        activeTaskDefinitions: ['blue:1', 'color-gateway:1', 'green:1', 'red:1', 'yellow:1'],
      },
      elbv2: {
        loadBalancers: ['color-gateway-nlb network internet-facing'],
        listeners: ['color-gateway-nlb:TCP:80'],
        targetGroups: ['gateway-tg TCP:80 ip'],
      },
    });
    // A few contents, to see that the inputs crossed the wire intact (references resolved).
    const route = await clients.appMesh.send(
      new DescribeRouteCommand({
        meshName: 'color-mesh',
        virtualRouterName: 'color-router',
        routeName: 'color-route',
      }),
    );
    expect(route.route?.spec?.httpRoute?.action?.weightedTargets).toEqual([
      { virtualNode: 'green', weight: 4 },
      { virtualNode: 'yellow', weight: 1 },
    ]);
    const red = await clients.appMesh.send(
      new DescribeVirtualNodeCommand({ meshName: 'color-mesh', virtualNodeName: 'red' }),
    );
    expect(red.virtualNode?.spec?.serviceDiscovery?.awsCloudMap).toMatchObject({
      namespaceName: 'colors.local',
      serviceName: 'red',
    });
    const redTask = await clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'red' }));
    expect(redTask.taskDefinition?.proxyConfiguration?.type).toBe('APPMESH');
    expect(redTask.taskDefinition?.taskRoleArn).toBe(
      `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/color-mesh-red-task-role`,
    );

    // 2. apply again: everything unchanged, nothing written.
    let mark = calls.length;
    const second = await apply(plan, options);
    expect(second.error).toBeUndefined();
    expect(
      second.results.filter((r) => r.outcome !== 'unchanged').map((r) => [r.id, r.outcome, r.changes]),
    ).toEqual([]);
    expect(writesSince(mark)).toEqual([]);
    // The reads did go over the wire, to every service of the sub-plan.
    expect(new Set(calls.slice(mark).map((c) => c.service)).size).toBe(7);

    // 3. diff: nothing to do, again without a write.
    mark = calls.length;
    const { entries } = await diff(plan, options);
    expect(entries.filter((e) => e.action !== 'unchanged')).toEqual([]);
    expect(writesSince(mark)).toEqual([]);

    // 4. destroy deletes all of it. Its journal is new (in memory), so what says "ours" is the
    //    ownership tag read back from moto, or the owning role / security group for untaggable parts.
    const destroyed = await destroy(plan, options);
    expect(destroyed.error).toBeUndefined();
    expect(destroyed.results.filter((r) => r.outcome !== 'deleted').map((r) => [r.id, r.outcome])).toEqual(
      [],
    );
    expect(await observeColorMesh(clients, vpcId)).toEqual(before);
    // A guard against a hung server, not a speed target: moto answers slowly on a busy machine.
  }, 120_000);
});
