/**
 * A failed apply puts back what it updated, for every kind AWS can update in place: the color
 * mesh is applied, one of its resources is changed behind the tool's back (keeping its tags, so
 * it stays this tool's), the next apply updates it and then fails; the rollback must leave that
 * resource exactly as it was changed, and report no rollbackFailed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeVirtualGatewayCommand,
  DescribeVirtualNodeCommand,
  UpdateGatewayRouteCommand,
  UpdateMeshCommand,
  UpdateRouteCommand,
  UpdateVirtualGatewayCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualRouterCommand,
  UpdateVirtualServiceCommand,
} from '@aws-sdk/client-app-mesh';
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand as UpdateEcsServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateTargetGroupCommand,
  ModifyListenerCommand,
  ModifyRuleCommand,
  ModifyTargetGroupCommand,
  SetRulePrioritiesCommand,
  SetSecurityGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { PutRolePolicyCommand, UpdateAssumeRolePolicyCommand, UpdateRoleCommand } from '@aws-sdk/client-iam';
import {
  UpdateHttpNamespaceCommand,
  UpdatePrivateDnsNamespaceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-servicediscovery';
import {
  PutAuthPolicyCommand,
  UpdateServiceCommand as UpdateLatticeServiceCommand,
  UpdateListenerCommand,
  UpdateRuleCommand,
  UpdateServiceNetworkCommand,
  UpdateServiceNetworkVpcAssociationCommand,
  UpdateTargetGroupCommand,
} from '@aws-sdk/client-vpc-lattice';
import { afterAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../src/clients.js';
import { apply } from '../../src/execute/apply.js';
import { HANDLERS } from '../../src/execute/handlers/index.js';
import type { CloudSnapshot, LocalCloud } from '../../src/local/local-cloud.js';
import { DEFAULT_VPC_ID } from '../../src/local/services/ec2/state.js';
import type { Plan } from '../../src/plan/plan.js';
import type { ResourceKind } from '../../src/plan/resource.js';
import { LATTICE_MESH, latticePlan } from '../fixtures/lattice-plan.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

const dir = mkdtempSync(join(tmpdir(), 'appmesh-rollback-update-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Entries = Record<string, Record<string, unknown>[]>;

/** One updatable kind: which resource, how to change it in the cloud, and how it reads in a snapshot. */
interface DriftCase {
  readonly kind: ResourceKind;
  /** The plan resource that is changed. */
  readonly id: string;
  readonly drift: (clients: AwsClients, cloud: LocalCloud) => Promise<unknown>;
  readonly view: (snapshot: CloudSnapshot) => unknown;
  /** The color mesh compiled to Service Connect instead of App Mesh. */
  readonly serviceConnect?: boolean;
  /** Another plan than the color mesh's. */
  readonly plan?: (cloud: LocalCloud) => Plan;
}

const MESH = 'color-mesh';
const TRUST_EC2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** The snapshot entries of one service's list with this field value, minus AWS's version counter. */
function pick(service: keyof CloudSnapshot, list: string, field: string, value: unknown) {
  return (snapshot: CloudSnapshot) =>
    ((snapshot[service] as Entries)[list] ?? [])
      .filter((entry) => entry[field] === value)
      .map(({ version: _version, ...entry }) => entry);
}

function latticePlanIn(cloud: LocalCloud): Plan {
  return latticePlan({
    vpcId: cloud.defaultNetwork().vpcId,
    region: cloud.region,
    accountId: cloud.accountId,
  });
}

/** The id of the VPC Lattice resource of this list with this field value. */
function latticeIdOf(cloud: LocalCloud, list: string, field: string, value: unknown): string {
  const found = pick('vpcLattice', list, field, value)(cloud.snapshot())[0] as { id: string } | undefined;
  if (found === undefined) throw new Error(`no ${list} entry with ${field} ${String(value)}`);
  return found.id;
}

const LATTICE_CASES: readonly DriftCase[] = (
  [
    {
      kind: 'latticeServiceNetwork',
      id: `vpcLattice/serviceNetwork/${LATTICE_MESH}`,
      drift: (c, cloud) =>
        c.vpcLattice.send(
          new UpdateServiceNetworkCommand({
            serviceNetworkIdentifier: latticeIdOf(cloud, 'serviceNetworks', 'name', LATTICE_MESH),
            authType: 'NONE',
          }),
        ),
      view: pick('vpcLattice', 'serviceNetworks', 'name', LATTICE_MESH),
    },
    {
      kind: 'latticeVpcAssociation',
      id: `vpcLattice/serviceNetwork/${LATTICE_MESH}/vpcAssociation/${DEFAULT_VPC_ID}`,
      drift: async (c, cloud) => {
        const { vpcId } = cloud.defaultNetwork();
        const { GroupId } = await c.ec2.send(
          new CreateSecurityGroupCommand({ GroupName: 'by-hand', Description: 'by hand', VpcId: vpcId }),
        );
        await c.vpcLattice.send(
          new UpdateServiceNetworkVpcAssociationCommand({
            serviceNetworkVpcAssociationIdentifier: latticeIdOf(cloud, 'vpcAssociations', 'vpcId', vpcId),
            securityGroupIds: [GroupId ?? ''],
          }),
        );
      },
      view: (snapshot) => (snapshot.vpcLattice as Entries).vpcAssociations,
    },
    {
      kind: 'latticeService',
      id: 'vpcLattice/service/color-router',
      drift: (c, cloud) =>
        c.vpcLattice.send(
          new UpdateLatticeServiceCommand({
            serviceIdentifier: latticeIdOf(cloud, 'services', 'name', 'color-router'),
            authType: 'NONE',
          }),
        ),
      view: pick('vpcLattice', 'services', 'name', 'color-router'),
    },
    {
      kind: 'latticeTargetGroup',
      id: `vpcLattice/targetGroup/${LATTICE_MESH}-green`,
      drift: (c, cloud) =>
        c.vpcLattice.send(
          new UpdateTargetGroupCommand({
            targetGroupIdentifier: latticeIdOf(cloud, 'targetGroups', 'name', `${LATTICE_MESH}-green`),
            healthCheck: { path: '/by-hand', healthyThresholdCount: 4 },
          }),
        ),
      view: pick('vpcLattice', 'targetGroups', 'name', `${LATTICE_MESH}-green`),
    },
    {
      kind: 'latticeListener',
      id: 'vpcLattice/service/color-router/listener/http-80',
      drift: (c, cloud) =>
        c.vpcLattice.send(
          new UpdateListenerCommand({
            serviceIdentifier: latticeIdOf(cloud, 'services', 'name', 'color-router'),
            listenerIdentifier: latticeIdOf(cloud, 'listeners', 'name', 'http-80'),
            defaultAction: { fixedResponse: { statusCode: 503 } },
          }),
        ),
      view: pick('vpcLattice', 'listeners', 'name', 'http-80'),
    },
    {
      kind: 'latticeRule',
      id: 'vpcLattice/service/color-router/listener/http-80/rule/color-route',
      drift: (c, cloud) =>
        c.vpcLattice.send(
          new UpdateRuleCommand({
            serviceIdentifier: latticeIdOf(cloud, 'services', 'name', 'color-router'),
            listenerIdentifier: latticeIdOf(cloud, 'listeners', 'name', 'http-80'),
            ruleIdentifier: latticeIdOf(cloud, 'rules', 'name', 'color-route'),
            priority: 7,
            match: { httpMatch: { method: 'GET', pathMatch: { match: { exact: '/by-hand' } } } },
          }),
        ),
      view: pick('vpcLattice', 'rules', 'name', 'color-route'),
    },
    {
      kind: 'latticeAuthPolicy',
      id: 'vpcLattice/service/color-router/authPolicy',
      drift: (c, cloud) =>
        c.vpcLattice.send(
          new PutAuthPolicyCommand({
            resourceIdentifier: latticeIdOf(cloud, 'services', 'name', 'color-router'),
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
            }),
          }),
        ),
      view: (snapshot) => (snapshot.vpcLattice as Entries).authPolicies,
    },
  ] satisfies Omit<DriftCase, 'plan'>[]
).map((c) => ({ ...c, plan: latticePlanIn }));

const CASES: readonly DriftCase[] = [
  ...LATTICE_CASES,
  {
    kind: 'mesh',
    id: `mesh/${MESH}`,
    drift: (c) =>
      c.appMesh.send(
        new UpdateMeshCommand({ meshName: MESH, spec: { egressFilter: { type: 'ALLOW_ALL' } } }),
      ),
    view: pick('appMesh', 'meshes', 'meshName', MESH),
  },
  {
    kind: 'virtualNode',
    id: `mesh/${MESH}/virtualNode/red`,
    drift: async (c) => {
      const { virtualNode } = await c.appMesh.send(
        new DescribeVirtualNodeCommand({ meshName: MESH, virtualNodeName: 'red' }),
      );
      return c.appMesh.send(
        new UpdateVirtualNodeCommand({
          meshName: MESH,
          virtualNodeName: 'red',
          spec: { ...virtualNode?.spec, backends: [] },
        }),
      );
    },
    view: pick('appMesh', 'virtualNodes', 'virtualNodeName', 'red'),
  },
  {
    kind: 'virtualRouter',
    id: `mesh/${MESH}/virtualRouter/color-router`,
    drift: (c) =>
      c.appMesh.send(
        new UpdateVirtualRouterCommand({
          meshName: MESH,
          virtualRouterName: 'color-router',
          spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] },
        }),
      ),
    view: pick('appMesh', 'virtualRouters', 'virtualRouterName', 'color-router'),
  },
  {
    kind: 'route',
    id: `mesh/${MESH}/virtualRouter/color-router/route/color-route`,
    drift: (c) =>
      c.appMesh.send(
        new UpdateRouteCommand({
          meshName: MESH,
          virtualRouterName: 'color-router',
          routeName: 'color-route',
          spec: {
            httpRoute: {
              match: { prefix: '/', method: 'GET' },
              action: { weightedTargets: [{ virtualNode: 'blue', weight: 1 }] },
            },
          },
        }),
      ),
    view: pick('appMesh', 'routes', 'routeName', 'color-route'),
  },
  {
    kind: 'virtualService',
    id: `mesh/${MESH}/virtualService/blue.colors.local`,
    drift: (c) =>
      c.appMesh.send(
        new UpdateVirtualServiceCommand({
          meshName: MESH,
          virtualServiceName: 'blue.colors.local',
          spec: { provider: { virtualNode: { virtualNodeName: 'red' } } },
        }),
      ),
    view: pick('appMesh', 'virtualServices', 'virtualServiceName', 'blue.colors.local'),
  },
  {
    kind: 'virtualGateway',
    id: `mesh/${MESH}/virtualGateway/color-gateway`,
    drift: async (c) => {
      const { virtualGateway } = await c.appMesh.send(
        new DescribeVirtualGatewayCommand({ meshName: MESH, virtualGatewayName: 'color-gateway' }),
      );
      return c.appMesh.send(
        new UpdateVirtualGatewayCommand({
          meshName: MESH,
          virtualGatewayName: 'color-gateway',
          spec: { ...virtualGateway?.spec, listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] },
        }),
      );
    },
    view: pick('appMesh', 'virtualGateways', 'virtualGatewayName', 'color-gateway'),
  },
  {
    kind: 'gatewayRoute',
    id: `mesh/${MESH}/virtualGateway/color-gateway/gatewayRoute/color-gateway-route-2`,
    drift: (c) =>
      c.appMesh.send(
        new UpdateGatewayRouteCommand({
          meshName: MESH,
          virtualGatewayName: 'color-gateway',
          gatewayRouteName: 'color-gateway-route-2',
          spec: {
            httpRoute: {
              match: { prefix: '/blue' },
              action: { target: { virtualService: { virtualServiceName: 'blue.colors.local' } } },
            },
          },
        }),
      ),
    view: pick('appMesh', 'gatewayRoutes', 'gatewayRouteName', 'color-gateway-route-2'),
  },
  {
    kind: 'cloudMapNamespace',
    id: 'cloudMap/namespace/colors.local',
    drift: (c, cloud) =>
      c.cloudMap.send(
        new UpdatePrivateDnsNamespaceCommand({
          Id: namespaceId(cloud),
          UpdaterRequestId: 'drift',
          Namespace: { Description: 'changed by hand' },
        }),
      ),
    view: pick('cloudMap', 'namespaces', 'name', 'colors.local'),
  },
  {
    kind: 'cloudMapHttpNamespace',
    id: 'cloudMap/httpNamespace/color-mesh',
    serviceConnect: true,
    drift: (c, cloud) =>
      c.cloudMap.send(
        new UpdateHttpNamespaceCommand({
          Id: (pick('cloudMap', 'namespaces', 'name', 'color-mesh')(cloud.snapshot())[0] as { id: string })
            .id,
          UpdaterRequestId: 'drift',
          Namespace: { Description: 'changed by hand' },
        }),
      ),
    view: pick('cloudMap', 'namespaces', 'name', 'color-mesh'),
  },
  {
    kind: 'ecsService',
    id: 'ecs/cluster/color-cluster-sc/service/red-sc',
    serviceConnect: true,
    // Its Service Connect endpoint loses its client alias and gets a timeout.
    drift: (c) =>
      c.ecs.send(
        new UpdateEcsServiceCommand({
          cluster: 'color-cluster-sc',
          service: 'red-sc',
          serviceConnectConfiguration: {
            enabled: true,
            namespace: 'color-mesh',
            services: [
              { portName: 'http-80', discoveryName: 'red', timeout: { perRequestTimeoutSeconds: 3 } },
            ],
          },
        }),
      ),
    view: pick('ecs', 'services', 'serviceName', 'red-sc'),
  },
  {
    kind: 'cloudMapService',
    id: 'cloudMap/namespace/colors.local/service/red',
    drift: (c, cloud) =>
      c.cloudMap.send(
        new UpdateServiceCommand({
          Id: (pick('cloudMap', 'services', 'name', 'red')(cloud.snapshot())[0] as { id: string }).id,
          Service: { Description: 'changed by hand', DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }] } },
        }),
      ),
    view: pick('cloudMap', 'services', 'name', 'red'),
  },
  {
    kind: 'ecsService',
    id: 'ecs/cluster/color-cluster/service/red',
    drift: (c) =>
      c.ecs.send(new UpdateEcsServiceCommand({ cluster: 'color-cluster', service: 'red', desiredCount: 2 })),
    view: pick('ecs', 'services', 'serviceName', 'red'),
  },
  {
    kind: 'taskDefinition',
    id: 'ecs/taskDefinition/red',
    // A new revision by hand, tags copied (as the console's "create new revision" does).
    drift: async (c) => {
      const { taskDefinition, tags } = await c.ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: 'red', include: ['TAGS'] }),
      );
      const [app, ...others] = taskDefinition?.containerDefinitions ?? [];
      return c.ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'red',
          networkMode: taskDefinition?.networkMode,
          requiresCompatibilities: taskDefinition?.requiresCompatibilities,
          cpu: taskDefinition?.cpu,
          memory: taskDefinition?.memory,
          taskRoleArn: taskDefinition?.taskRoleArn,
          executionRoleArn: taskDefinition?.executionRoleArn,
          proxyConfiguration: taskDefinition?.proxyConfiguration,
          containerDefinitions: [{ ...app, name: app?.name, image: 'example/other:2' }, ...others],
          tags,
        }),
      );
    },
    view: pick('ecs', 'taskDefinitions', 'family', 'red'),
  },
  {
    kind: 'iamRole',
    id: 'iam/role/color-mesh-red-task-role',
    drift: async (c) => {
      await c.iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: 'color-mesh-red-task-role',
          PolicyDocument: TRUST_EC2,
        }),
      );
      return c.iam.send(
        new UpdateRoleCommand({ RoleName: 'color-mesh-red-task-role', Description: 'changed by hand' }),
      );
    },
    view: pick('iam', 'roles', 'roleName', 'color-mesh-red-task-role'),
  },
  {
    kind: 'iamRolePolicy',
    id: 'iam/role/color-mesh-red-task-role/policy/ecs-exec',
    drift: (c) =>
      c.iam.send(
        new PutRolePolicyCommand({
          RoleName: 'color-mesh-red-task-role',
          PolicyName: 'ecs-exec',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'ssmmessages:OpenDataChannel', Resource: '*' }],
          }),
        }),
      ),
    view: pick('iam', 'roles', 'roleName', 'color-mesh-red-task-role'),
  },
  {
    kind: 'loadBalancer',
    id: 'elbv2/loadBalancer/color-gateway-nlb',
    drift: (c, cloud) => {
      const [balancer] = pick('elbv2', 'loadBalancers', 'name', 'color-gateway-nlb')(cloud.snapshot()) as {
        arn: string;
        securityGroups: string[];
      }[];
      return c.elbv2.send(
        new SetSecurityGroupsCommand({
          LoadBalancerArn: balancer?.arn,
          SecurityGroups: balancer?.securityGroups.slice(0, 1),
        }),
      );
    },
    view: pick('elbv2', 'loadBalancers', 'name', 'color-gateway-nlb'),
  },
  {
    kind: 'targetGroup',
    id: 'elbv2/targetGroup/gateway-tg',
    drift: (c, cloud) =>
      c.elbv2.send(
        new ModifyTargetGroupCommand({
          TargetGroupArn: (
            pick('elbv2', 'targetGroups', 'name', 'gateway-tg')(cloud.snapshot())[0] as {
              arn: string;
            }
          ).arn,
          HealthCheckPort: '8080',
        }),
      ),
    view: pick('elbv2', 'targetGroups', 'name', 'gateway-tg'),
  },
  {
    kind: 'loadBalancerListener',
    id: 'elbv2/loadBalancer/color-gateway-nlb/listener/80',
    // Forwards to another target group, made by hand.
    drift: async (c, cloud) => {
      const { TargetGroups } = await c.elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'by-hand-tg',
          Protocol: 'TCP',
          Port: 8080,
          VpcId: cloud.defaultNetwork().vpcId,
          TargetType: 'ip',
        }),
      );
      const [listener] = pick('elbv2', 'listeners', 'port', 80)(cloud.snapshot()) as { arn: string }[];
      return c.elbv2.send(
        new ModifyListenerCommand({
          ListenerArn: listener?.arn,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: TargetGroups?.[0]?.TargetGroupArn }],
        }),
      );
    },
    view: pick('elbv2', 'listeners', 'port', 80),
  },
  {
    kind: 'loadBalancerRule',
    id: 'elbv2/loadBalancer/color-gateway-nlb-sc/listener/80/rule/color-gateway-route-2',
    plan: (cloud) => colorMeshIn(cloud).plan({ target: 'service-connect+vpc-lattice' }),
    // Another path, no transform, and another priority: a ModifyRule and a SetRulePriorities to undo.
    drift: async (c, cloud) => {
      const [rule] = gatewayRule(cloud.snapshot()) as { arn: string }[];
      await c.elbv2.send(
        new ModifyRuleCommand({
          RuleArn: rule?.arn,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/by-hand*'] } }],
          ResetTransforms: true,
        }),
      );
      return c.elbv2.send(
        new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: rule?.arn, Priority: 7 }] }),
      );
    },
    view: gatewayRule,
  },
];

/** The ALB rule of the color gateway's route to blue, found by the tag with its plan name. */
function gatewayRule(snapshot: CloudSnapshot): unknown[] {
  return ((snapshot.elbv2 as Entries).rules ?? []).filter((rule) =>
    (rule.tags as { Key: string; Value: string }[]).some((tag) => tag.Value === 'color-gateway-route-2'),
  );
}

function namespaceId(cloud: LocalCloud): string {
  return (pick('cloudMap', 'namespaces', 'name', 'colors.local')(cloud.snapshot())[0] as { id: string }).id;
}

/**
 * Updatable kinds no case can drift, and why. The color mesh's cluster input is only its name and
 * tags: `changes` never compares tags and the name is what finds the cluster, so nothing done to
 * the cluster by hand (settings, configuration) makes the next apply call UpdateCluster.
 */
const CANNOT_DRIFT: Partial<Record<ResourceKind, string>> = {
  ecsCluster:
    'the color mesh sets no cluster settings or configuration, the only fields UpdateCluster changes',
};

describe('rollback of an update', () => {
  it('covers every kind whose handler can update in place', () => {
    const updatable = Object.entries(HANDLERS)
      .filter(([, handler]) => 'update' in handler && handler.update !== undefined)
      .map(([kind]) => kind)
      .sort();
    const covered = new Set([...CASES.map((c) => c.kind), ...Object.keys(CANNOT_DRIFT)]);
    expect([...covered].sort()).toEqual(updatable);
  });

  for (const [kind, reason] of Object.entries(CANNOT_DRIFT)) {
    it.todo(`${kind}: cannot be drifted: ${reason}`);
  }

  it.each(CASES)('$kind ($id): puts back exactly what was changed by hand', async (testCase) => {
    const { kind, id, drift, view } = testCase;
    const cloud = fastLocalCloud();
    const journalPath = join(dir, `${kind}-${testCase.serviceConnect ? 'sc' : 'am'}.jsonl`);
    const plan =
      testCase.plan?.(cloud) ??
      colorMeshIn(cloud).plan(testCase.serviceConnect ? { target: 'service-connect' } : {});
    expect((await apply(plan, { ...fastExecution(cloud), journalPath })).ok).toBe(true);

    await drift(cloud.clients(), cloud);
    await cloud.settle();
    const drifted = view(cloud.snapshot());
    expect(drifted).not.toEqual([]);

    // The run fails once the drifted resource is updated (it stops: nothing else is written).
    const stop = new AbortController();
    const result = await apply(plan, {
      ...fastExecution(cloud),
      journalPath,
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'finish' && event.result.id === id && event.result.outcome === 'updated')
          stop.abort();
      },
    });

    expect(result.ok).toBe(false);
    expect(result.rolledBack).toBe(true);
    const failures = result.results.filter((r) => r.outcome === 'rollbackFailed');
    expect(failures.map((r) => `${r.id}: ${r.error?.message}`)).toEqual([]);
    expect(result.results.find((r) => r.id === id)?.outcome).toBe('rolledBack');
    await cloud.settle();
    expect(view(cloud.snapshot())).toEqual(drifted);
  });
});
