/**
 * The differential scenarios: each makes the same calls through the real SDK clients, whichever
 * cloud answers, and returns what it observed. Step names are stable: the moto infidelity table
 * in differential.test.ts refers to them.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import {
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  type CreateVirtualNodeCommandInput,
  CreateVirtualRouterCommand,
  DeleteMeshCommand,
  DeleteRouteCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualRouterCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  ListMeshesCommand,
  ListRoutesCommand,
  ListVirtualNodesCommand,
  ListVirtualRoutersCommand,
  type MeshData,
  type RouteData,
  UpdateRouteCommand,
  UpdateVirtualNodeCommand,
  type VirtualNodeData,
  type VirtualRouterData,
  type WeightedTarget,
} from '@aws-sdk/client-app-mesh';
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeManagedPrefixListsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  GetManagedPrefixListEntriesCommand,
  type IpPermission,
  type ManagedPrefixList,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  UpdateClusterCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type LoadBalancer,
  RegisterTargetsCommand,
  SetSecurityGroupsCommand,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  type Role,
} from '@aws-sdk/client-iam';
import {
  CreateServiceCommand as CreateDiscoveryServiceCommand,
  CreatePrivateDnsNamespaceCommand,
  DeleteServiceCommand as DeleteDiscoveryServiceCommand,
  DeleteNamespaceCommand,
  DeregisterInstanceCommand,
  DiscoverInstancesCommand,
  GetServiceCommand as GetDiscoveryServiceCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  ListServicesCommand as ListDiscoveryServicesCommand,
  ListInstancesCommand,
  ListNamespacesCommand,
  RegisterInstanceCommand,
  UpdatePrivateDnsNamespaceCommand,
} from '@aws-sdk/client-servicediscovery';
import type { AwsClients } from '../../../src/clients.js';
import { echoOf, type Observation, Recorder, shape, sleep, sorted } from './observe.js';

export type Scenario = (clients: AwsClients) => Promise<Observation[]>;

const ECS_TASKS_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});
const ENVOY_ACCESS = 'arn:aws:iam::aws:policy/AWSAppMeshEnvoyAccess';

// ---------------------------------------------------------------- App Mesh

const meshFields = (m: MeshData | undefined) => ({
  meshName: m?.meshName,
  version: m?.metadata?.version,
  status: m?.status?.status,
  egress: m?.spec?.egressFilter?.type,
});
const nodeFields = (n: VirtualNodeData | undefined) => ({
  virtualNodeName: n?.virtualNodeName,
  arn: n?.metadata?.arn,
  version: n?.metadata?.version,
  status: n?.status?.status,
  listeners: n?.spec?.listeners,
  serviceDiscovery: n?.spec?.serviceDiscovery,
});
const routerFields = (r: VirtualRouterData | undefined) => ({
  virtualRouterName: r?.virtualRouterName,
  arn: r?.metadata?.arn,
  version: r?.metadata?.version,
  status: r?.status?.status,
  listeners: r?.spec?.listeners,
});
const routeFields = (r: RouteData | undefined) => ({
  routeName: r?.routeName,
  virtualRouterName: r?.virtualRouterName,
  arn: r?.metadata?.arn,
  version: r?.metadata?.version,
  status: r?.status?.status,
  match: r?.spec?.httpRoute?.match,
  targets: r?.spec?.httpRoute?.action?.weightedTargets,
});

function nodeInput(meshName: string, name: string, port: number): CreateVirtualNodeCommandInput {
  return {
    meshName,
    virtualNodeName: name,
    spec: {
      listeners: [{ portMapping: { port, protocol: 'http' } }],
      serviceDiscovery: { dns: { hostname: `${name}.colors.local` } },
    },
  };
}

function routeSpec(targets: WeightedTarget[]) {
  return { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: targets } } };
}

/** Mesh, nodes, router and route: create, describe, update (versions go up), list, delete, errors. */
export const appMeshLifecycle: Scenario = async ({ appMesh }) => {
  const r = new Recorder();
  const m = 'color-mesh';
  await r.step(
    'describe missing mesh',
    () => appMesh.send(new DescribeMeshCommand({ meshName: m })),
    (o) => meshFields(o.mesh),
  );
  const mesh = await r.step(
    'create mesh',
    () => appMesh.send(new CreateMeshCommand({ meshName: m, spec: { egressFilter: { type: 'DROP_ALL' } } })),
    (o) => meshFields(o.mesh),
  );
  r.note('mesh arn', mesh?.mesh?.metadata?.arn);
  await r.step(
    'create mesh again',
    () => appMesh.send(new CreateMeshCommand({ meshName: m, spec: { egressFilter: { type: 'DROP_ALL' } } })),
    (o) => meshFields(o.mesh),
  );
  await r.step(
    'describe mesh',
    () => appMesh.send(new DescribeMeshCommand({ meshName: m })),
    (o) => meshFields(o.mesh),
  );
  for (const [name, port] of [
    ['blue', 80],
    ['green', 80],
  ] as const) {
    await r.step(
      `create node ${name}`,
      () => appMesh.send(new CreateVirtualNodeCommand(nodeInput(m, name, port))),
      (o) => nodeFields(o.virtualNode),
    );
  }
  await r.step(
    'create node blue again',
    () => appMesh.send(new CreateVirtualNodeCommand(nodeInput(m, 'blue', 80))),
    (o) => nodeFields(o.virtualNode),
  );
  await r.step(
    'create node in missing mesh',
    () => appMesh.send(new CreateVirtualNodeCommand(nodeInput('no-such-mesh', 'blue', 80))),
    (o) => nodeFields(o.virtualNode),
  );
  await r.step(
    'describe missing node',
    () => appMesh.send(new DescribeVirtualNodeCommand({ meshName: m, virtualNodeName: 'purple' })),
    (o) => nodeFields(o.virtualNode),
  );
  await r.step(
    'update node blue',
    () => appMesh.send(new UpdateVirtualNodeCommand(nodeInput(m, 'blue', 9080))),
    (o) => nodeFields(o.virtualNode),
  );
  await r.step(
    'describe node blue',
    () => appMesh.send(new DescribeVirtualNodeCommand({ meshName: m, virtualNodeName: 'blue' })),
    (o) => nodeFields(o.virtualNode),
  );
  const router = { meshName: m, virtualRouterName: 'color-router' };
  await r.step(
    'create router',
    () =>
      appMesh.send(
        new CreateVirtualRouterCommand({
          ...router,
          spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] },
        }),
      ),
    (o) => routerFields(o.virtualRouter),
  );
  await r.step(
    'create router again',
    () =>
      appMesh.send(
        new CreateVirtualRouterCommand({
          ...router,
          spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] },
        }),
      ),
    (o) => routerFields(o.virtualRouter),
  );
  const route = { ...router, routeName: 'color-route' };
  await r.step(
    'create route 4:1',
    () =>
      appMesh.send(
        new CreateRouteCommand({
          ...route,
          spec: routeSpec([
            { virtualNode: 'blue', weight: 4 },
            { virtualNode: 'green', weight: 1 },
          ]),
        }),
      ),
    (o) => routeFields(o.route),
  );
  await r.step(
    'create route in missing router',
    () =>
      appMesh.send(
        new CreateRouteCommand({
          ...route,
          virtualRouterName: 'no-such-router',
          spec: routeSpec([{ virtualNode: 'blue', weight: 1 }]),
        }),
      ),
    (o) => routeFields(o.route),
  );
  await r.step(
    'update route 1:1',
    () =>
      appMesh.send(
        new UpdateRouteCommand({
          ...route,
          spec: routeSpec([
            { virtualNode: 'blue', weight: 1 },
            { virtualNode: 'green', weight: 1 },
          ]),
        }),
      ),
    (o) => routeFields(o.route),
  );
  await r.step(
    'describe route',
    () => appMesh.send(new DescribeRouteCommand(route)),
    (o) => routeFields(o.route),
  );
  await r.step(
    'list meshes',
    () => appMesh.send(new ListMeshesCommand({})),
    (o) => sorted(o.meshes?.map((x) => [x.meshName, x.version])),
  );
  await r.step(
    'list nodes',
    () => appMesh.send(new ListVirtualNodesCommand({ meshName: m })),
    (o) => sorted(o.virtualNodes?.map((x) => [x.virtualNodeName, x.arn, x.version])),
  );
  await r.step(
    'list routers',
    () => appMesh.send(new ListVirtualRoutersCommand({ meshName: m })),
    (o) => sorted(o.virtualRouters?.map((x) => [x.virtualRouterName, x.arn, x.version])),
  );
  await r.step(
    'list routes',
    () => appMesh.send(new ListRoutesCommand(router)),
    (o) => sorted(o.routes?.map((x) => [x.routeName, x.arn, x.version])),
  );
  await r.step(
    'delete route',
    () => appMesh.send(new DeleteRouteCommand(route)),
    (o) => routeFields(o.route),
  );
  await r.step(
    'describe deleted route',
    () => appMesh.send(new DescribeRouteCommand(route)),
    (o) => routeFields(o.route),
  );
  await r.step(
    'delete router',
    () => appMesh.send(new DeleteVirtualRouterCommand(router)),
    (o) => routerFields(o.virtualRouter),
  );
  await r.step(
    'describe deleted router',
    () => appMesh.send(new DescribeVirtualRouterCommand(router)),
    (o) => routerFields(o.virtualRouter),
  );
  for (const name of ['blue', 'green']) {
    await r.step(
      `delete node ${name}`,
      () => appMesh.send(new DeleteVirtualNodeCommand({ meshName: m, virtualNodeName: name })),
      (o) => nodeFields(o.virtualNode),
    );
  }
  await r.step(
    'delete missing node',
    () => appMesh.send(new DeleteVirtualNodeCommand({ meshName: m, virtualNodeName: 'blue' })),
    (o) => nodeFields(o.virtualNode),
  );
  await r.step(
    'delete mesh',
    () => appMesh.send(new DeleteMeshCommand({ meshName: m })),
    (o) => meshFields(o.mesh),
  );
  await r.step(
    'list meshes after delete',
    () => appMesh.send(new ListMeshesCommand({})),
    (o) => sorted(o.meshes?.map((x) => x.meshName)),
  );
  return r.observations;
};

/** Deletes that AWS refuses while something still refers to the resource (ResourceInUseException). */
export const appMeshReferences: Scenario = async ({ appMesh }) => {
  const r = new Recorder();
  const m = 'ref-mesh';
  const router = { meshName: m, virtualRouterName: 'router' };
  await r.step(
    'create mesh',
    () => appMesh.send(new CreateMeshCommand({ meshName: m })),
    (o) => o.mesh?.meshName,
  );
  await r.step(
    'create node',
    () => appMesh.send(new CreateVirtualNodeCommand(nodeInput(m, 'blue', 80))),
    (o) => o.virtualNode?.virtualNodeName,
  );
  await r.step(
    'create router',
    () =>
      appMesh.send(
        new CreateVirtualRouterCommand({
          ...router,
          spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] },
        }),
      ),
    (o) => o.virtualRouter?.virtualRouterName,
  );
  await r.step(
    'create route to the node',
    () =>
      appMesh.send(
        new CreateRouteCommand({
          ...router,
          routeName: 'route',
          spec: routeSpec([{ virtualNode: 'blue', weight: 1 }]),
        }),
      ),
    (o) => o.route?.routeName,
  );
  await r.step(
    'delete node a route targets',
    () => appMesh.send(new DeleteVirtualNodeCommand({ meshName: m, virtualNodeName: 'blue' })),
    (o) => o.virtualNode?.status?.status,
  );
  await r.step(
    'delete mesh with children',
    () => appMesh.send(new DeleteMeshCommand({ meshName: m })),
    (o) => o.mesh?.status?.status,
  );
  return r.observations;
};

// ---------------------------------------------------------------- Cloud Map

export async function defaultVpc(ec2: AwsClients['ec2']): Promise<{ vpcId: string; cidr: string }> {
  const { Vpcs } = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
  );
  const vpc = Vpcs?.[0];
  if (vpc?.VpcId === undefined || vpc.CidrBlock === undefined) throw new Error('no default VPC');
  return { vpcId: vpc.VpcId, cidr: vpc.CidrBlock };
}

export async function defaultSubnets(ec2: AwsClients['ec2'], vpcId: string): Promise<string[]> {
  const { Subnets } = await ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
  );
  return sorted(Subnets?.map((s) => s.SubnetId ?? ''));
}

/** Polls GetOperation until it ends (moto ends at once, AWS and the local cloud later). */
async function operationEnd(
  cloudMap: AwsClients['cloudMap'],
  operationId: string | undefined,
): Promise<unknown> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { Operation } = await cloudMap.send(new GetOperationCommand({ OperationId: operationId }));
    if (Operation?.Status === 'SUCCESS' || Operation?.Status === 'FAIL') {
      return {
        type: Operation.Type,
        status: Operation.Status,
        targets: Object.keys(Operation.Targets ?? {}).sort(),
      };
    }
    await sleep(5);
  }
  return 'operation never ended';
}

/** Private DNS namespace in the default VPC, a service, instances registered, discovered, deregistered. */
export const cloudMapLifecycle: Scenario = async ({ cloudMap, ec2 }) => {
  const r = new Recorder();
  const { vpcId } = await defaultVpc(ec2);
  const created = await r.step(
    'create namespace',
    () => cloudMap.send(new CreatePrivateDnsNamespaceCommand({ Name: 'colors.local', Vpc: vpcId })),
    (o) => typeof o.OperationId,
  );
  r.note('create namespace operation', await operationEnd(cloudMap, created?.OperationId));
  const listed = await r.step(
    'list namespaces',
    () => cloudMap.send(new ListNamespacesCommand({})),
    (o) => o.Namespaces?.map((n) => ({ name: n.Name, type: n.Type, id: shape(n.Id), arn: shape(n.Arn) })),
  );
  const namespaceId = listed?.Namespaces?.[0]?.Id;
  const namespace = await r.step(
    'get namespace',
    () => cloudMap.send(new GetNamespaceCommand({ Id: namespaceId })),
    (o) => ({
      name: o.Namespace?.Name,
      type: o.Namespace?.Type,
      hasHostedZone: typeof o.Namespace?.Properties?.DnsProperties?.HostedZoneId,
    }),
  );
  r.note('hosted zone id', shape(namespace?.Namespace?.Properties?.DnsProperties?.HostedZoneId));
  const dnsConfig = { DnsRecords: [{ Type: 'A' as const, TTL: 300 }] };
  const service = await r.step(
    'create service',
    () =>
      cloudMap.send(
        new CreateDiscoveryServiceCommand({
          Name: 'blue',
          NamespaceId: namespaceId,
          DnsConfig: dnsConfig,
          HealthCheckCustomConfig: { FailureThreshold: 1 },
        }),
      ),
    (o) => ({
      name: o.Service?.Name,
      namespaceMatches: o.Service?.NamespaceId === namespaceId,
      dnsRecords: o.Service?.DnsConfig?.DnsRecords,
      arn: shape(o.Service?.Arn),
    }),
  );
  const serviceId = service?.Service?.Id;
  await r.step(
    'get service',
    () => cloudMap.send(new GetDiscoveryServiceCommand({ Id: serviceId })),
    (o) => ({ name: o.Service?.Name, dnsRecords: o.Service?.DnsConfig?.DnsRecords }),
  );
  await r.step(
    'list services',
    () => cloudMap.send(new ListDiscoveryServicesCommand({})),
    (o) => o.Services?.map((s) => s.Name),
  );
  for (const [instanceId, ip] of [
    ['task-1', '10.0.0.5'],
    ['task-2', '10.0.0.6'],
  ] as const) {
    const registered = await r.step(
      `register ${instanceId}`,
      () =>
        cloudMap.send(
          new RegisterInstanceCommand({
            ServiceId: serviceId,
            InstanceId: instanceId,
            Attributes: { AWS_INSTANCE_IPV4: ip, ECS_TASK_DEFINITION_FAMILY: 'blue' },
          }),
        ),
      (o) => typeof o.OperationId,
    );
    r.note(`register ${instanceId} operation`, await operationEnd(cloudMap, registered?.OperationId));
  }
  await r.step(
    'register in missing service',
    () =>
      cloudMap.send(
        new RegisterInstanceCommand({
          ServiceId: 'srv-0000000000000000',
          InstanceId: 'task-9',
          Attributes: { AWS_INSTANCE_IPV4: '10.0.0.9' },
        }),
      ),
    (o) => typeof o.OperationId,
  );
  await r.step(
    'list instances',
    () => cloudMap.send(new ListInstancesCommand({ ServiceId: serviceId })),
    (o) => sorted(o.Instances?.map((i) => [i.Id, i.Attributes])),
  );
  const discover = () =>
    cloudMap.send(new DiscoverInstancesCommand({ NamespaceName: 'colors.local', ServiceName: 'blue' }));
  await r.step('discover instances', discover, (o) =>
    sorted(o.Instances?.map((i) => [i.InstanceId, i.NamespaceName, i.ServiceName, i.Attributes])),
  );
  const deregistered = await r.step(
    'deregister task-1',
    () => cloudMap.send(new DeregisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'task-1' })),
    (o) => typeof o.OperationId,
  );
  r.note('deregister task-1 operation', await operationEnd(cloudMap, deregistered?.OperationId));
  await r.step('discover after deregister', discover, (o) => sorted(o.Instances?.map((i) => i.InstanceId)));
  await r.step(
    'deregister missing instance',
    () => cloudMap.send(new DeregisterInstanceCommand({ ServiceId: serviceId, InstanceId: 'task-1' })),
    (o) => typeof o.OperationId,
  );
  await r.step(
    'get missing operation',
    () => cloudMap.send(new GetOperationCommand({ OperationId: 'no-such-operation' })),
    (o) => o.Operation?.Status,
  );
  // Last: moto accepts all of these, and what it then holds differs from AWS (see the infidelity table).
  await r.step(
    'create service again',
    () =>
      cloudMap.send(
        new CreateDiscoveryServiceCommand({ Name: 'blue', NamespaceId: namespaceId, DnsConfig: dnsConfig }),
      ),
    (o) => o.Service?.Name,
  );
  await r.step(
    'create service in missing namespace',
    () =>
      cloudMap.send(
        new CreateDiscoveryServiceCommand({
          Name: 'red',
          NamespaceId: 'ns-0000000000000000',
          DnsConfig: dnsConfig,
        }),
      ),
    (o) => o.Service?.Name,
  );
  await r.step(
    'delete service with an instance',
    () => cloudMap.send(new DeleteDiscoveryServiceCommand({ Id: serviceId })),
    () => 'deleted',
  );
  await r.step(
    'delete namespace with a service',
    () => cloudMap.send(new DeleteNamespaceCommand({ Id: namespaceId })),
    (o) => typeof o.OperationId,
  );
  return r.observations;
};

/** Cloud Map teardown in AWS's order: instances, then the service, then the namespace. */
export const cloudMapTeardown: Scenario = async ({ cloudMap, ec2 }) => {
  const r = new Recorder();
  const { vpcId } = await defaultVpc(ec2);
  const created = await cloudMap.send(
    new CreatePrivateDnsNamespaceCommand({ Name: 'teardown.local', Vpc: vpcId }),
  );
  await operationEnd(cloudMap, created.OperationId);
  const { Namespaces } = await cloudMap.send(new ListNamespacesCommand({}));
  const namespaceId = Namespaces?.[0]?.Id;
  const service = await cloudMap.send(
    new CreateDiscoveryServiceCommand({
      Name: 'svc',
      NamespaceId: namespaceId,
      DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }] },
    }),
  );
  const ServiceId = service.Service?.Id;
  const registered = await cloudMap.send(
    new RegisterInstanceCommand({
      ServiceId,
      InstanceId: 'task-1',
      Attributes: { AWS_INSTANCE_IPV4: '10.0.0.5' },
    }),
  );
  await operationEnd(cloudMap, registered.OperationId);
  const deregistered = await r.step(
    'deregister the last instance',
    () => cloudMap.send(new DeregisterInstanceCommand({ ServiceId, InstanceId: 'task-1' })),
    (o) => typeof o.OperationId,
  );
  r.note('deregister operation', await operationEnd(cloudMap, deregistered?.OperationId));
  await r.step(
    'delete service',
    () => cloudMap.send(new DeleteDiscoveryServiceCommand({ Id: ServiceId })),
    () => 'deleted',
  );
  await r.step(
    'get deleted service',
    () => cloudMap.send(new GetDiscoveryServiceCommand({ Id: ServiceId })),
    (o) => o.Service?.Name,
  );
  const deleted = await r.step(
    'delete namespace',
    () => cloudMap.send(new DeleteNamespaceCommand({ Id: namespaceId })),
    (o) => typeof o.OperationId,
  );
  r.note('delete namespace operation', await operationEnd(cloudMap, deleted?.OperationId));
  await r.step(
    'list namespaces after delete',
    () => cloudMap.send(new ListNamespacesCommand({})),
    (o) => o.Namespaces?.map((n) => n.Name),
  );
  await r.step(
    'get deleted namespace',
    () => cloudMap.send(new GetNamespaceCommand({ Id: namespaceId })),
    (o) => o.Namespace?.Name,
  );
  return r.observations;
};

/** UpdatePrivateDnsNamespace: the description changes through an UPDATE_NAMESPACE operation. */
export const cloudMapNamespaceUpdate: Scenario = async ({ cloudMap, ec2 }) => {
  const r = new Recorder();
  const { vpcId } = await defaultVpc(ec2);
  const created = await cloudMap.send(
    new CreatePrivateDnsNamespaceCommand({ Name: 'update.local', Vpc: vpcId, Description: 'first' }),
  );
  await operationEnd(cloudMap, created.OperationId);
  const { Namespaces } = await cloudMap.send(new ListNamespacesCommand({}));
  const namespaceId = Namespaces?.[0]?.Id;
  const updated = await r.step(
    'update description',
    () =>
      cloudMap.send(
        new UpdatePrivateDnsNamespaceCommand({
          Id: namespaceId,
          UpdaterRequestId: 'update-1',
          Namespace: { Description: 'second' },
        }),
      ),
    (o) => typeof o.OperationId,
  );
  r.note('update operation', await operationEnd(cloudMap, updated?.OperationId));
  await r.step(
    'get updated namespace',
    () => cloudMap.send(new GetNamespaceCommand({ Id: namespaceId })),
    (o) => ({ name: o.Namespace?.Name, description: o.Namespace?.Description }),
  );
  await r.step(
    'update missing namespace',
    () =>
      cloudMap.send(
        new UpdatePrivateDnsNamespaceCommand({
          Id: 'ns-0000000000000000',
          Namespace: { Description: 'third' },
        }),
      ),
    (o) => typeof o.OperationId,
  );
  return r.observations;
};

// ---------------------------------------------------------------- ECS

type TaskDefinitionInput = RegisterTaskDefinitionCommandInput;

/** The tutorial's blue task definition (the golden file the renderer writes), with real role ARNs. */
function tutorialTaskDefinition(taskRoleArn: string, executionRoleArn: string): TaskDefinitionInput {
  const file = new URL('../../golden/color-mesh/task-definitions/blue.json', import.meta.url);
  const { tags: _tags, ...input } = JSON.parse(readFileSync(file, 'utf8')) as TaskDefinitionInput;
  // The roles this scenario created, in place of the example account's.
  return { ...input, taskRoleArn, executionRoleArn };
}

const serviceFields = (s: Service | undefined) => ({
  serviceName: s?.serviceName,
  arn: s?.serviceArn,
  status: s?.status,
  desiredCount: s?.desiredCount,
  launchType: s?.launchType,
  taskDefinition: s?.taskDefinition,
  subnets: s?.networkConfiguration?.awsvpcConfiguration?.subnets?.length,
});

/** Cluster, task definition revisions (the tutorial's, round-tripped), service create/describe/delete. */
export const ecsLifecycle: Scenario = async ({ ecs, iam, ec2 }) => {
  const r = new Recorder();
  const roles = await Promise.all(
    ['blue-task-role', 'execution-role'].map((RoleName) =>
      iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: ECS_TASKS_TRUST })),
    ),
  );
  const input = tutorialTaskDefinition(roles[0]?.Role?.Arn ?? '', roles[1]?.Role?.Arn ?? '');
  const cluster = 'color-mesh';
  await r.step(
    'create cluster',
    () => ecs.send(new CreateClusterCommand({ clusterName: cluster })),
    (o) => ({ name: o.cluster?.clusterName, arn: o.cluster?.clusterArn, status: o.cluster?.status }),
  );
  await r.step(
    'register task definition',
    () => ecs.send(new RegisterTaskDefinitionCommand(input)),
    (o) => ({ arn: o.taskDefinition?.taskDefinitionArn, status: o.taskDefinition?.status }),
  );
  await r.step(
    'register task definition again',
    () => ecs.send(new RegisterTaskDefinitionCommand(input)),
    (o) => ({ arn: o.taskDefinition?.taskDefinitionArn, revision: o.taskDefinition?.revision }),
  );
  await r.step(
    'describe task definition family',
    () => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'blue' })),
    (o) => ({
      revision: o.taskDefinition?.revision,
      roundTripsExactly: isDeepStrictEqual(echoOf(input, o.taskDefinition), input),
      roundTrip: echoOf(input, o.taskDefinition),
    }),
  );
  await r.step(
    'deregister revision 1',
    () => ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'blue:1' })),
    (o) => o.taskDefinition?.status,
  );
  await r.step(
    'list active task definitions',
    () => ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'blue', status: 'ACTIVE' })),
    (o) => o.taskDefinitionArns,
  );
  await r.step(
    'describe missing task definition',
    () => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'purple:1' })),
    (o) => o.taskDefinition?.revision,
  );
  const { vpcId } = await defaultVpc(ec2);
  const subnets = (await defaultSubnets(ec2, vpcId)).slice(0, 2);
  const { SecurityGroups } = await ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'group-name', Values: ['default'] },
      ],
    }),
  );
  const serviceInput = {
    cluster,
    serviceName: 'blue',
    taskDefinition: 'blue:2',
    desiredCount: 1,
    launchType: 'FARGATE' as const,
    networkConfiguration: {
      awsvpcConfiguration: { subnets, securityGroups: [SecurityGroups?.[0]?.GroupId ?? ''] },
    },
  };
  await r.step(
    'create service',
    () => ecs.send(new CreateServiceCommand(serviceInput)),
    (o) => serviceFields(o.service),
  );
  await r.step(
    'create service again',
    () => ecs.send(new CreateServiceCommand(serviceInput)),
    (o) => serviceFields(o.service),
  );
  await r.step(
    'create service in missing cluster',
    () => ecs.send(new CreateServiceCommand({ ...serviceInput, cluster: 'no-such-cluster' })),
    (o) => serviceFields(o.service),
  );
  await r.step(
    'describe service',
    () => ecs.send(new DescribeServicesCommand({ cluster, services: ['blue', 'purple'] })),
    (o) => ({
      services: o.services?.map(serviceFields),
      failures: o.failures?.map((f) => f.reason),
    }),
  );
  await r.step(
    'delete service scaled above 0',
    () => ecs.send(new DeleteServiceCommand({ cluster, service: 'blue' })),
    (o) => serviceFields(o.service),
  );
  await r.step(
    'scale service to 0',
    () => ecs.send(new UpdateServiceCommand({ cluster, service: 'blue', desiredCount: 0 })),
    (o) => serviceFields(o.service),
  );
  const deleted = await r.step(
    'delete service',
    () => ecs.send(new DeleteServiceCommand({ cluster, service: 'blue' })),
    (o) => ({ serviceName: o.service?.serviceName, desiredCount: o.service?.desiredCount }),
  );
  r.note('deleted service status', deleted?.service?.status);
  await r.step(
    'delete missing service',
    () => ecs.send(new DeleteServiceCommand({ cluster, service: 'purple' })),
    (o) => o.service?.status,
  );
  await r.step(
    'describe missing cluster',
    () => ecs.send(new DescribeClustersCommand({ clusters: ['no-such-cluster'] })),
    (o) => ({ clusters: o.clusters?.length, failures: o.failures?.map((f) => [f.arn, f.reason]) }),
  );
  return r.observations;
};

/** What a cluster delete needs: no active service left. */
export const ecsClusterDelete: Scenario = async ({ ecs }) => {
  const r = new Recorder();
  await ecs.send(new CreateClusterCommand({ clusterName: 'empty' }));
  await r.step(
    'delete empty cluster',
    () => ecs.send(new DeleteClusterCommand({ cluster: 'empty' })),
    (o) => ({ name: o.cluster?.clusterName, status: o.cluster?.status }),
  );
  await r.step(
    'delete missing cluster',
    () => ecs.send(new DeleteClusterCommand({ cluster: 'no-such-cluster' })),
    (o) => o.cluster?.status,
  );
  return r.observations;
};

/** UpdateCluster: Container Insights on, seen in the answer and in DescribeClusters. */
export const ecsClusterUpdate: Scenario = async ({ ecs }) => {
  const r = new Recorder();
  await ecs.send(new CreateClusterCommand({ clusterName: 'insights' }));
  await r.step(
    'enable container insights',
    () =>
      ecs.send(
        new UpdateClusterCommand({
          cluster: 'insights',
          settings: [{ name: 'containerInsights', value: 'enabled' }],
        }),
      ),
    (o) => ({ name: o.cluster?.clusterName, settings: o.cluster?.settings }),
  );
  await r.step(
    'describe updated cluster',
    () => ecs.send(new DescribeClustersCommand({ clusters: ['insights'], include: ['SETTINGS'] })),
    (o) => o.clusters?.map((c) => c.settings),
  );
  await r.step(
    'update missing cluster',
    () =>
      ecs.send(
        new UpdateClusterCommand({
          cluster: 'no-such-cluster',
          settings: [{ name: 'containerInsights', value: 'enabled' }],
        }),
      ),
    (o) => o.cluster?.clusterName,
  );
  return r.observations;
};

// ---------------------------------------------------------------- IAM

const roleFields = (role: Role | undefined) => ({ name: role?.RoleName, path: role?.Path, arn: role?.Arn });

/** Role, inline policy, managed policy attach/detach, and IAM's errors. */
export const iamLifecycle: Scenario = async ({ iam }) => {
  const r = new Recorder();
  const RoleName = 'color-mesh-blue-task-role';
  const inline = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'appmesh:StreamAggregatedResources', Resource: '*' }],
  });
  await r.step(
    'create role',
    () => iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: ECS_TASKS_TRUST })),
    (o) => roleFields(o.Role),
  );
  await r.step(
    'create role again',
    () => iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: ECS_TASKS_TRUST })),
    (o) => roleFields(o.Role),
  );
  await r.step(
    'get role',
    () => iam.send(new GetRoleCommand({ RoleName })),
    (o) => ({
      ...roleFields(o.Role),
      trust: JSON.parse(decodeURIComponent(o.Role?.AssumeRolePolicyDocument ?? '{}')),
    }),
  );
  await r.step(
    'put inline policy',
    () => iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: 'envoy', PolicyDocument: inline })),
    () => 'put',
  );
  await r.step(
    'get inline policy',
    () => iam.send(new GetRolePolicyCommand({ RoleName, PolicyName: 'envoy' })),
    (o) => ({ name: o.PolicyName, document: JSON.parse(decodeURIComponent(o.PolicyDocument ?? '{}')) }),
  );
  await r.step(
    'attach managed policy',
    () => iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: ENVOY_ACCESS })),
    () => 'attached',
  );
  await r.step(
    'attach missing managed policy',
    () =>
      iam.send(
        new AttachRolePolicyCommand({
          RoleName,
          PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicyForAppMesh',
        }),
      ),
    () => 'attached',
  );
  await r.step(
    'list attached policies',
    () => iam.send(new ListAttachedRolePoliciesCommand({ RoleName })),
    (o) => o.AttachedPolicies?.map((p) => [p.PolicyName, p.PolicyArn]),
  );
  await r.step(
    'delete role with policies',
    () => iam.send(new DeleteRoleCommand({ RoleName })),
    () => 'deleted',
  );
  await r.step(
    'detach managed policy',
    () => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: ENVOY_ACCESS })),
    () => 'detached',
  );
  await r.step(
    'detach it again',
    () => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: ENVOY_ACCESS })),
    () => 'detached',
  );
  await r.step(
    'delete role with an inline policy',
    () => iam.send(new DeleteRoleCommand({ RoleName })),
    () => 'deleted',
  );
  await r.step(
    'delete inline policy',
    () => iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: 'envoy' })),
    () => 'deleted',
  );
  await r.step(
    'list inline policies',
    () => iam.send(new ListRolePoliciesCommand({ RoleName })),
    (o) => o.PolicyNames,
  );
  await r.step(
    'delete role',
    () => iam.send(new DeleteRoleCommand({ RoleName })),
    () => 'deleted',
  );
  await r.step(
    'get deleted role',
    () => iam.send(new GetRoleCommand({ RoleName })),
    (o) => roleFields(o.Role),
  );
  await r.step(
    'put policy on missing role',
    () => iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: 'envoy', PolicyDocument: inline })),
    () => 'put',
  );
  return r.observations;
};

// ---------------------------------------------------------------- EC2

/** A rule with the group's own id replaced by `self`, so that two clouds' rules compare. */
function ruleShape(groupId: string | undefined) {
  return (p: IpPermission) => ({
    protocol: p.IpProtocol,
    from: p.FromPort,
    to: p.ToPort,
    cidrs: sorted(p.IpRanges?.map((x) => x.CidrIp)),
    groups: sorted(p.UserIdGroupPairs?.map((x) => (x.GroupId === groupId ? 'self' : shape(x.GroupId)))),
  });
}

/** Security group with ingress rules (one self-referencing), duplicates, delete. */
export const ec2SecurityGroups: Scenario = async ({ ec2 }) => {
  const r = new Recorder();
  const { vpcId } = await defaultVpc(ec2);
  const group = await r.step(
    'create security group',
    () =>
      ec2.send(
        new CreateSecurityGroupCommand({ GroupName: 'colorapp-sg', Description: 'color app', VpcId: vpcId }),
      ),
    (o) => shape(o.GroupId),
  );
  const GroupId = group?.GroupId;
  await r.step(
    'create security group again',
    () =>
      ec2.send(
        new CreateSecurityGroupCommand({ GroupName: 'colorapp-sg', Description: 'color app', VpcId: vpcId }),
      ),
    (o) => shape(o.GroupId),
  );
  const rules: IpPermission[] = [
    { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, UserIdGroupPairs: [{ GroupId }] },
    { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
  ];
  await r.step(
    'authorize ingress',
    () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: rules })),
    (o) => o.Return,
  );
  await r.step(
    'authorize the same rule again',
    () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: rules.slice(1) })),
    (o) => o.Return,
  );
  const describe = () => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: GroupId ? [GroupId] : [] }));
  await r.step('describe security group', describe, (o) =>
    o.SecurityGroups?.map((g) => ({
      name: g.GroupName,
      description: g.Description,
      vpcMatches: g.VpcId === vpcId,
      ingress: sorted(g.IpPermissions?.map(ruleShape(GroupId))),
      egress: sorted(g.IpPermissionsEgress?.map(ruleShape(GroupId))),
    })),
  );
  await r.step(
    'revoke ingress',
    () => ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions: rules.slice(1) })),
    (o) => o.Return,
  );
  await r.step('describe after revoke', describe, (o) =>
    o.SecurityGroups?.map((g) => sorted(g.IpPermissions?.map(ruleShape(GroupId)))),
  );
  await r.step(
    'delete security group',
    () => ec2.send(new DeleteSecurityGroupCommand({ GroupId })),
    () => 'deleted',
  );
  await r.step('describe deleted group', describe, (o) => o.SecurityGroups?.length);
  await r.step(
    'delete missing group',
    () => ec2.send(new DeleteSecurityGroupCommand({ GroupId })),
    () => 'deleted',
  );
  return r.observations;
};

/**
 * An AWS-managed prefix list (VPC Lattice's, in every region) found by name and by id, its
 * entries, and a security group port opened to it: shown in the group's permissions and its rules,
 * refused again as a duplicate; revoked; refused for a list that does not exist.
 */
export const ec2PrefixLists: Scenario = async ({ ec2 }) => {
  const r = new Recorder();
  const region = await ec2.config.region();
  const { vpcId } = await defaultVpc(ec2);
  const listFields = (l: ManagedPrefixList) => ({
    name: l.PrefixListName,
    family: l.AddressFamily,
    owner: l.OwnerId,
    state: l.State,
    id: shape(l.PrefixListId),
    maxEntries: l.MaxEntries,
  });
  const byName = (name: string) =>
    ec2.send(
      new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [name] }] }),
    );
  const found = await r.step(
    'describe the vpc-lattice list by name',
    () => byName(`com.amazonaws.${region}.vpc-lattice`),
    (o) => o.PrefixLists?.map(listFields),
  );
  await r.step(
    'describe the ipv6 vpc-lattice list by name',
    () => byName(`com.amazonaws.${region}.ipv6.vpc-lattice`),
    (o) => o.PrefixLists?.map(listFields),
  );
  await r.step(
    'describe a name no list has',
    () => byName(`com.amazonaws.${region}.no-such-list`),
    (o) => o.PrefixLists,
  );
  const PrefixListId = found?.PrefixLists?.[0]?.PrefixListId;
  await r.step(
    'describe the list by id',
    () =>
      ec2.send(
        new DescribeManagedPrefixListsCommand({
          Filters: [{ Name: 'prefix-list-id', Values: [PrefixListId ?? ''] }],
        }),
      ),
    (o) => o.PrefixLists?.map((l) => l.PrefixListName),
  );
  await r.step(
    'get the entries',
    () => ec2.send(new GetManagedPrefixListEntriesCommand({ PrefixListId })),
    (o) => sorted(o.Entries?.map((e) => e.Cidr)),
  );
  const group = await r.step(
    'create security group',
    () =>
      ec2.send(
        new CreateSecurityGroupCommand({ GroupName: 'lattice-sg', Description: 'tasks', VpcId: vpcId }),
      ),
    (o) => shape(o.GroupId),
  );
  const GroupId = group?.GroupId;
  const rule = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, PrefixListIds: [{ PrefixListId }] };
  await r.step(
    'authorize port 80 to the list',
    () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [rule] })),
    (o) => o.Return,
  );
  await r.step(
    'authorize it again',
    () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [rule] })),
    (o) => o.Return,
  );
  const ingress = (o: { SecurityGroups?: { IpPermissions?: IpPermission[] }[] }) =>
    o.SecurityGroups?.[0]?.IpPermissions?.map((p) => ({
      protocol: p.IpProtocol,
      from: p.FromPort,
      to: p.ToPort,
      lists: p.PrefixListIds?.map((x) => x.PrefixListId === PrefixListId),
      cidrs: p.IpRanges?.length ?? 0,
      groups: p.UserIdGroupPairs?.length ?? 0,
    }));
  const describe = () => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: GroupId ? [GroupId] : [] }));
  await r.step('describe the group', describe, ingress);
  await r.step(
    'describe the group rules',
    () =>
      ec2.send(
        new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [GroupId ?? ''] }] }),
      ),
    (o) =>
      sorted(
        o.SecurityGroupRules?.filter((x) => !x.IsEgress).map((x) => ({
          from: x.FromPort,
          list: x.PrefixListId === PrefixListId,
          cidr: x.CidrIpv4 ?? null,
        })),
      ),
  );
  await r.step(
    'revoke it',
    () => ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions: [rule] })),
    (o) => o.Return,
  );
  await r.step('describe after revoke', describe, ingress);
  // Last: moto accepts it, and the rule it keeps would change every later step.
  await r.step(
    'authorize a list that does not exist',
    () =>
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [
            { ...rule, FromPort: 81, ToPort: 81, PrefixListIds: [{ PrefixListId: 'pl-0123456789abcdef0' }] },
          ],
        }),
      ),
    (o) => o.Return,
  );
  await r.step(
    'delete security group',
    () => ec2.send(new DeleteSecurityGroupCommand({ GroupId })),
    () => 'deleted',
  );
  return r.observations;
};

// ---------------------------------------------------------------- ELBv2

const loadBalancerFields = (lb: LoadBalancer | undefined) => ({
  name: lb?.LoadBalancerName,
  type: lb?.Type,
  scheme: lb?.Scheme,
  azs: lb?.AvailabilityZones?.length,
  dnsName: typeof lb?.DNSName,
});
const targetGroupFields = (tg: TargetGroup | undefined) => ({
  name: tg?.TargetGroupName,
  arn: shape(tg?.TargetGroupArn),
  protocol: tg?.Protocol,
  port: tg?.Port,
  targetType: tg?.TargetType,
});

/** NLB, ip target group, TCP listener, targets registered and described, teardown. */
export const elbv2NetworkLoadBalancer: Scenario = async ({ elbv2, ec2 }) => {
  const r = new Recorder();
  const { vpcId, cidr } = await defaultVpc(ec2);
  const subnets = (await defaultSubnets(ec2, vpcId)).slice(0, 2);
  const lbInput = {
    Name: 'color-nlb',
    Type: 'network' as const,
    Scheme: 'internet-facing' as const,
    Subnets: subnets,
  };
  const lb = await r.step(
    'create load balancer',
    () => elbv2.send(new CreateLoadBalancerCommand(lbInput)),
    (o) => o.LoadBalancers?.map(loadBalancerFields),
  );
  const LoadBalancerArn = lb?.LoadBalancers?.[0]?.LoadBalancerArn;
  r.note('load balancer arn', shape(LoadBalancerArn));
  const tgInput = {
    Name: 'color-tg',
    Protocol: 'TCP' as const,
    Port: 80,
    VpcId: vpcId,
    TargetType: 'ip' as const,
  };
  const tg = await r.step(
    'create target group',
    () => elbv2.send(new CreateTargetGroupCommand(tgInput)),
    (o) => o.TargetGroups?.map(targetGroupFields),
  );
  const TargetGroupArn = tg?.TargetGroups?.[0]?.TargetGroupArn;
  const listenerInput = {
    LoadBalancerArn,
    Protocol: 'TCP' as const,
    Port: 80,
    DefaultActions: [{ Type: 'forward' as const, TargetGroupArn }],
  };
  const listener = await r.step(
    'create listener',
    () => elbv2.send(new CreateListenerCommand(listenerInput)),
    (o) =>
      o.Listeners?.map((l) => ({
        protocol: l.Protocol,
        port: l.Port,
        actions: l.DefaultActions?.map((a) => [a.Type, a.TargetGroupArn === TargetGroupArn]),
      })),
  );
  const ListenerArn = listener?.Listeners?.[0]?.ListenerArn;
  r.note('listener arn', shape(ListenerArn));
  const prefix = cidr.split('.').slice(0, 2).join('.');
  const targets = [
    { Id: `${prefix}.10.5`, Port: 80 },
    { Id: `${prefix}.20.6`, Port: 80 },
  ];
  await r.step(
    'register targets',
    () => elbv2.send(new RegisterTargetsCommand({ TargetGroupArn, Targets: targets })),
    () => 'registered',
  );
  await r.step(
    'describe target health',
    () => elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn })),
    (o) => sorted(o.TargetHealthDescriptions?.map((d) => [d.Target?.Id, d.Target?.Port])),
  );
  await r.step(
    'describe load balancer by name',
    () => elbv2.send(new DescribeLoadBalancersCommand({ Names: ['color-nlb'] })),
    (o) => o.LoadBalancers?.map(loadBalancerFields),
  );
  await r.step(
    'describe listeners',
    () => elbv2.send(new DescribeListenersCommand({ LoadBalancerArn })),
    (o) => o.Listeners?.map((l) => [l.Protocol, l.Port]),
  );
  await r.step(
    'describe target groups of the load balancer',
    () => elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn })),
    (o) => o.TargetGroups?.map((t) => [t.TargetGroupName, t.LoadBalancerArns?.length]),
  );
  await r.step(
    'deregister a target',
    () => elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn, Targets: targets.slice(0, 1) })),
    () => 'deregistered',
  );
  await r.step(
    'delete target group in use',
    () => elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn })),
    () => 'deleted',
  );
  await r.step(
    'delete listener',
    () => elbv2.send(new DeleteListenerCommand({ ListenerArn })),
    () => 'deleted',
  );
  await r.step(
    'delete target group',
    () => elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn })),
    () => 'deleted',
  );
  await r.step(
    'delete load balancer',
    () => elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn })),
    () => 'deleted',
  );
  await r.step(
    'describe deleted load balancer',
    () => elbv2.send(new DescribeLoadBalancersCommand({ Names: ['color-nlb'] })),
    (o) => o.LoadBalancers?.length,
  );
  return r.observations;
};

/** SetSecurityGroups on a network load balancer made with a security group. */
export const elbv2SecurityGroups: Scenario = async ({ elbv2, ec2 }) => {
  const r = new Recorder();
  const { vpcId } = await defaultVpc(ec2);
  const subnets = (await defaultSubnets(ec2, vpcId)).slice(0, 2);
  const group = async (name: string) =>
    (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId })))
      .GroupId ?? '';
  const first = await group('nlb-first');
  const second = await group('nlb-second');
  const { LoadBalancers } = await elbv2.send(
    new CreateLoadBalancerCommand({
      Name: 'sg-nlb',
      Type: 'network',
      Subnets: subnets,
      SecurityGroups: [first],
    }),
  );
  const LoadBalancerArn = LoadBalancers?.[0]?.LoadBalancerArn;
  const names = (ids: readonly string[] | undefined) =>
    sorted(ids?.map((id) => (id === first ? 'first' : id === second ? 'second' : shape(id))));
  await r.step(
    'set both security groups',
    () => elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn, SecurityGroups: [first, second] })),
    (o) => names(o.SecurityGroupIds),
  );
  await r.step(
    'describe after set',
    () => elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [LoadBalancerArn ?? ''] })),
    (o) => names(o.LoadBalancers?.[0]?.SecurityGroups),
  );
  await r.step(
    'set a missing security group',
    () =>
      elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn, SecurityGroups: ['sg-0000000000000000f'] })),
    (o) => names(o.SecurityGroupIds),
  );
  await r.step(
    'set on a missing load balancer',
    () =>
      elbv2.send(
        new SetSecurityGroupsCommand({
          LoadBalancerArn: `${LoadBalancerArn?.slice(0, LoadBalancerArn.lastIndexOf('/'))}/0000000000000000`,
          SecurityGroups: [first],
        }),
      ),
    (o) => names(o.SecurityGroupIds),
  );
  const bare = await elbv2.send(
    new CreateLoadBalancerCommand({ Name: 'bare-nlb', Type: 'network', Subnets: subnets }),
  );
  await r.step(
    'set on a load balancer made without security groups',
    () =>
      elbv2.send(
        new SetSecurityGroupsCommand({
          LoadBalancerArn: bare.LoadBalancers?.[0]?.LoadBalancerArn,
          SecurityGroups: [first],
        }),
      ),
    (o) => names(o.SecurityGroupIds),
  );
  return r.observations;
};

/** Creating what already exists: AWS returns the same resource when the settings match. */
export const elbv2Duplicates: Scenario = async ({ elbv2, ec2 }) => {
  const r = new Recorder();
  const { vpcId } = await defaultVpc(ec2);
  const subnets = (await defaultSubnets(ec2, vpcId)).slice(0, 2);
  const lbInput = {
    Name: 'dup-nlb',
    Type: 'network' as const,
    Scheme: 'internal' as const,
    Subnets: subnets,
  };
  const lb = await elbv2.send(new CreateLoadBalancerCommand(lbInput));
  const LoadBalancerArn = lb.LoadBalancers?.[0]?.LoadBalancerArn;
  const tgInput = {
    Name: 'dup-tg',
    Protocol: 'TCP' as const,
    Port: 80,
    VpcId: vpcId,
    TargetType: 'ip' as const,
  };
  const tg = await elbv2.send(new CreateTargetGroupCommand(tgInput));
  const TargetGroupArn = tg.TargetGroups?.[0]?.TargetGroupArn;
  const listenerInput = {
    LoadBalancerArn,
    Protocol: 'TCP' as const,
    Port: 80,
    DefaultActions: [{ Type: 'forward' as const, TargetGroupArn }],
  };
  const listener = await elbv2.send(new CreateListenerCommand(listenerInput));
  await r.step(
    'create target group with the same name and another port',
    () => elbv2.send(new CreateTargetGroupCommand({ ...tgInput, Port: 8080 })),
    (o) => o.TargetGroups?.[0]?.TargetGroupArn === TargetGroupArn,
  );
  await r.step(
    'create target group again',
    () => elbv2.send(new CreateTargetGroupCommand(tgInput)),
    (o) => o.TargetGroups?.[0]?.TargetGroupArn === TargetGroupArn,
  );
  await r.step(
    'create listener again',
    () => elbv2.send(new CreateListenerCommand(listenerInput)),
    (o) => o.Listeners?.[0]?.ListenerArn === listener.Listeners?.[0]?.ListenerArn,
  );
  await r.step(
    'create load balancer again',
    () => elbv2.send(new CreateLoadBalancerCommand(lbInput)),
    (o) => o.LoadBalancers?.[0]?.LoadBalancerArn === LoadBalancerArn,
  );
  await r.step(
    'create load balancer with the same name and another scheme',
    () => elbv2.send(new CreateLoadBalancerCommand({ ...lbInput, Scheme: 'internet-facing' })),
    (o) => o.LoadBalancers?.[0]?.LoadBalancerArn === LoadBalancerArn,
  );
  return r.observations;
};

// ---------------------------------------------------------------- CloudWatch Logs

/** Log group create, duplicate, retention, describe, delete. */
export const logsLifecycle: Scenario = async ({ logs }) => {
  const r = new Recorder();
  const logGroupName = '/ecs/color-mesh';
  await r.step(
    'create log group',
    () => logs.send(new CreateLogGroupCommand({ logGroupName })),
    () => 'created',
  );
  await r.step(
    'create log group again',
    () => logs.send(new CreateLogGroupCommand({ logGroupName })),
    () => 'created',
  );
  await r.step(
    'put retention',
    () => logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 7 })),
    () => 'put',
  );
  const describe = () => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' }));
  await r.step('describe log groups', describe, (o) =>
    o.logGroups?.map((g) => ({ name: g.logGroupName, retention: g.retentionInDays, arn: g.arn })),
  );
  await r.step(
    'delete log group',
    () => logs.send(new DeleteLogGroupCommand({ logGroupName })),
    () => 'deleted',
  );
  await r.step(
    'delete log group again',
    () => logs.send(new DeleteLogGroupCommand({ logGroupName })),
    () => 'deleted',
  );
  await r.step('describe after delete', describe, (o) => o.logGroups?.length);
  return r.observations;
};
