/**
 * What of the color mesh exists on a moto server, read back through the plain SDK (not through the
 * executor's handlers), as sorted names per service: the same shape before apply, after apply and
 * after destroy, so that one comparison says what is there.
 */
import {
  ListMeshesCommand,
  ListRoutesCommand,
  ListVirtualNodesCommand,
  ListVirtualRoutersCommand,
} from '@aws-sdk/client-app-mesh';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { DescribeClustersCommand, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { ListNamespacesCommand, ListServicesCommand } from '@aws-sdk/client-servicediscovery';
import type { AwsClients } from '../../../src/clients.js';

/** The roles the color mesh creates (the only IAM names looked up: IAM has no list-by-tag). */
export const COLOR_MESH_ROLES = [
  'color-mesh-blue-task-role',
  'color-mesh-color-gateway-task-role',
  'color-mesh-execution-role',
  'color-mesh-green-task-role',
  'color-mesh-red-task-role',
  'color-mesh-yellow-task-role',
] as const;

export async function observeColorMesh(clients: AwsClients, vpcId: string) {
  const [cloudMap, appMesh, iam, ec2, logs, ecs, elbv2] = await Promise.all([
    observeCloudMap(clients),
    observeAppMesh(clients),
    observeIam(clients),
    observeEc2(clients, vpcId),
    observeLogs(clients),
    observeEcs(clients),
    observeElbv2(clients),
  ]);
  return { cloudMap, appMesh, iam, ec2, logs, ecs, elbv2 };
}

const sorted = (names: readonly (string | undefined)[]): string[] =>
  names.filter((n): n is string => n !== undefined).sort();

async function observeCloudMap({ cloudMap }: AwsClients) {
  const namespaces = await cloudMap.send(new ListNamespacesCommand({}));
  const services = await cloudMap.send(new ListServicesCommand({}));
  return {
    namespaces: sorted((namespaces.Namespaces ?? []).map((n) => n.Name)),
    services: sorted((services.Services ?? []).map((s) => s.Name)),
  };
}

async function observeAppMesh({ appMesh }: AwsClients) {
  const meshes = sorted(
    ((await appMesh.send(new ListMeshesCommand({}))).meshes ?? []).map((m) => m.meshName),
  );
  if (!meshes.includes('color-mesh')) return { meshes, virtualNodes: [], virtualRouters: [], routes: [] };
  const meshName = 'color-mesh';
  const nodes = await appMesh.send(new ListVirtualNodesCommand({ meshName }));
  const routers = sorted(
    ((await appMesh.send(new ListVirtualRoutersCommand({ meshName }))).virtualRouters ?? []).map(
      (r) => r.virtualRouterName,
    ),
  );
  const routes = await Promise.all(
    routers.map(async (virtualRouterName) =>
      ((await appMesh.send(new ListRoutesCommand({ meshName, virtualRouterName }))).routes ?? []).map(
        (r) => `${virtualRouterName}/${r.routeName}`,
      ),
    ),
  );
  return {
    meshes,
    virtualNodes: sorted((nodes.virtualNodes ?? []).map((n) => n.virtualNodeName)),
    virtualRouters: routers,
    routes: sorted(routes.flat()),
  };
}

async function observeIam({ iam }: AwsClients) {
  const roles: string[] = [];
  const inlinePolicies: string[] = [];
  const attachedPolicies: string[] = [];
  for (const RoleName of COLOR_MESH_ROLES) {
    try {
      await iam.send(new GetRoleCommand({ RoleName }));
    } catch (error) {
      if ((error as Error).name === 'NoSuchEntityException') continue;
      throw error;
    }
    roles.push(RoleName);
    const inline = await iam.send(new ListRolePoliciesCommand({ RoleName }));
    inlinePolicies.push(...(inline.PolicyNames ?? []).map((p) => `${RoleName}/${p}`));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
    attachedPolicies.push(...(attached.AttachedPolicies ?? []).map((p) => `${RoleName}/${p.PolicyName}`));
  }
  return { roles, inlinePolicies: sorted(inlinePolicies), attachedPolicies: sorted(attachedPolicies) };
}

async function observeEc2({ ec2 }: AwsClients, vpcId: string) {
  const groups = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
  );
  const ours = (groups.SecurityGroups ?? []).filter((g) => g.GroupName !== 'default');
  return {
    securityGroups: sorted(ours.map((g) => g.GroupName)),
    // One line per ingress permission: who may reach the group on which ports.
    ingress: sorted(
      ours.flatMap((g) =>
        (g.IpPermissions ?? []).map((p) => {
          const from = [
            ...(p.IpRanges ?? []).map((r) => r.CidrIp),
            ...(p.UserIdGroupPairs ?? []).map((u) => (u.GroupId === g.GroupId ? 'itself' : u.GroupId)),
          ].join(',');
          return `${g.GroupName} ${p.IpProtocol} ${p.FromPort ?? ''}-${p.ToPort ?? ''} from ${from}`;
        }),
      ),
    ),
  };
}

async function observeLogs({ logs }: AwsClients) {
  const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/color-mesh' }));
  return { logGroups: sorted((groups.logGroups ?? []).map((g) => g.logGroupName)) };
}

async function observeEcs({ ecs }: AwsClients) {
  const clusters = await ecs.send(new DescribeClustersCommand({ clusters: ['color-cluster'] }));
  const active = await ecs.send(new ListTaskDefinitionsCommand({ status: 'ACTIVE' }));
  return {
    // A deleted cluster stays describable as INACTIVE for a while (AWS and moto alike).
    activeClusters: sorted(
      (clusters.clusters ?? []).filter((c) => c.status === 'ACTIVE').map((c) => c.clusterName),
    ),
    // family:revision, from arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>
    activeTaskDefinitions: sorted((active.taskDefinitionArns ?? []).map((arn) => arn.split('/').pop())),
  };
}

async function observeElbv2({ elbv2 }: AwsClients) {
  const balancers = (await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
  const listeners = await Promise.all(
    balancers.map(async (lb) =>
      (
        (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners ??
        []
      ).map((l) => `${lb.LoadBalancerName}:${l.Protocol}:${l.Port}`),
    ),
  );
  const groups = (await elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  return {
    loadBalancers: sorted(balancers.map((lb) => `${lb.LoadBalancerName} ${lb.Type} ${lb.Scheme}`)),
    listeners: sorted(listeners.flat()),
    targetGroups: sorted(groups.map((g) => `${g.TargetGroupName} ${g.Protocol}:${g.Port} ${g.TargetType}`)),
  };
}
