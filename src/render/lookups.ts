/**
 * How a script finds an id or ARN that exists only after creation. Each lookup is an AWS CLI
 * argument list ending in `--query`; the script adds `--output text`. Arguments may hold reference
 * tokens of their own (a Cloud Map service is found inside its namespace's id), resolved first.
 */
import type { AppMeshKind, PlannedResource, ResourceAttribute, ResourceKind } from '../plan/resource.js';
import { APP_MESH_NOUNS, appMeshIdentity } from './app-mesh-cli.js';

type Lookup<K extends ResourceKind> = (
  resource: PlannedResource<K>,
  attribute: ResourceAttribute,
) => string[];

/**
 * A string as a JMESPath JSON literal: `` `"colors.local"` ``. JSON escapes quotes, backslashes and
 * control characters; a backtick, the literal's own delimiter, is escaped for JMESPath.
 */
function literal(value: string): string {
  return `\`${JSON.stringify(value).replaceAll('`', '\\`')}\``;
}

/**
 * `--filters` in the CLI's JSON syntax: its shorthand (`Name=a,Values=b`) would split a value at a
 * comma, and security group names may hold commas.
 */
function filters(...entries: readonly [name: string, value: string][]): string {
  return JSON.stringify(entries.map(([Name, value]) => ({ Name, Values: [value] })));
}

/** `appmesh describe-virtual-node ... --query virtualNode.metadata.arn` (the uid stands for the id). */
function describeAppMesh(resource: PlannedResource<AppMeshKind>, attribute: ResourceAttribute): string[] {
  const field = attribute === 'id' ? 'metadata.uid' : 'metadata.arn';
  return [
    'appmesh',
    `describe-${APP_MESH_NOUNS[resource.kind]}`,
    ...appMeshIdentity(resource),
    '--query',
    `${resource.kind}.${field}`,
  ];
}

export const LOOKUPS: { [K in ResourceKind]: Lookup<K> } = {
  cloudMapNamespace: (r, attribute) => [
    'servicediscovery',
    'list-namespaces',
    '--query',
    `Namespaces[?Name==${literal(r.name)}].${attribute === 'id' ? 'Id' : 'Arn'} | [0]`,
  ],
  cloudMapHttpNamespace: (r, attribute) => [
    'servicediscovery',
    'list-namespaces',
    '--query',
    `Namespaces[?Name==${literal(r.name)}].${attribute === 'id' ? 'Id' : 'Arn'} | [0]`,
  ],
  cloudMapService: (r, attribute) => [
    'servicediscovery',
    'list-services',
    '--filters',
    `Name=NAMESPACE_ID,Values=${r.input.NamespaceId ?? ''},Condition=EQ`,
    '--query',
    `Services[?Name==${literal(r.name)}].${attribute === 'id' ? 'Id' : 'Arn'} | [0]`,
  ],
  mesh: describeAppMesh,
  virtualNode: describeAppMesh,
  virtualRouter: describeAppMesh,
  route: describeAppMesh,
  virtualService: describeAppMesh,
  virtualGateway: describeAppMesh,
  gatewayRoute: describeAppMesh,
  iamRole: (r, attribute) => [
    'iam',
    'get-role',
    '--role-name',
    r.name,
    '--query',
    attribute === 'id' ? 'Role.RoleId' : 'Role.Arn',
  ],
  iamRolePolicy: (r) => unsupported(r),
  iamRolePolicyAttachment: (r) => unsupported(r),
  securityGroup: (r, attribute) => [
    'ec2',
    'describe-security-groups',
    '--filters',
    filters(['group-name', r.input.GroupName ?? r.name], ['vpc-id', r.input.VpcId ?? '']),
    '--query',
    attribute === 'id' ? 'SecurityGroups[0].GroupId' : 'SecurityGroups[0].SecurityGroupArn',
  ],
  securityGroupIngress: (r) => unsupported(r),
  logGroup: (r) => [
    'logs',
    'describe-log-groups',
    '--log-group-name-prefix',
    r.name,
    '--query',
    `logGroups[?logGroupName==${literal(r.name)}].arn | [0]`,
  ],
  ecsCluster: (r) => [
    'ecs',
    'describe-clusters',
    '--clusters',
    r.name,
    '--query',
    `clusters[?status==${literal('ACTIVE')}].clusterArn | [0]`,
  ],
  taskDefinition: (r) => [
    'ecs',
    'describe-task-definition',
    '--task-definition',
    r.input.family ?? r.name,
    '--query',
    'taskDefinition.taskDefinitionArn',
  ],
  // An INACTIVE service is deleted; only an active or draining one counts as present.
  ecsService: (r) => [
    'ecs',
    'describe-services',
    '--cluster',
    r.input.cluster ?? 'default',
    '--services',
    r.name,
    '--query',
    `services[?status!=${literal('INACTIVE')}].serviceArn | [0]`,
  ],
  loadBalancer: (r) => [
    'elbv2',
    'describe-load-balancers',
    '--names',
    r.name,
    '--query',
    'LoadBalancers[0].LoadBalancerArn',
  ],
  targetGroup: (r) => [
    'elbv2',
    'describe-target-groups',
    '--names',
    r.name,
    '--query',
    'TargetGroups[0].TargetGroupArn',
  ],
  loadBalancerListener: (r) => [
    'elbv2',
    'describe-listeners',
    '--load-balancer-arn',
    r.input.LoadBalancerArn ?? '',
    '--query',
    `Listeners[?Port==\`${r.input.Port ?? 0}\`].ListenerArn | [0]`,
  ],
  // A rule has no name: the one at its planned priority (ELBv2 lists priorities as strings).
  loadBalancerRule: (r) => [
    'elbv2',
    'describe-rules',
    '--listener-arn',
    r.input.ListenerArn ?? '',
    '--query',
    `Rules[?Priority==${literal(String(r.input.Priority ?? 0))}].RuleArn | [0]`,
  ],
  latticeServiceNetwork: (r, attribute) => [
    'vpc-lattice',
    'list-service-networks',
    '--query',
    `items[?name==${literal(r.name)}].${latticeField(attribute)} | [0]`,
  ],
  latticeVpcAssociation: (r, attribute) => [
    'vpc-lattice',
    'list-service-network-vpc-associations',
    '--service-network-identifier',
    r.input.serviceNetworkIdentifier ?? '',
    '--vpc-identifier',
    r.input.vpcIdentifier ?? '',
    '--query',
    `items[?vpcId==${literal(r.input.vpcIdentifier ?? '')}].${latticeField(attribute)} | [0]`,
  ],
  latticeService: (r, attribute) => [
    'vpc-lattice',
    'list-services',
    '--query',
    `items[?name==${literal(r.name)}].${latticeField(attribute)} | [0]`,
  ],
  latticeServiceAssociation: (r, attribute) => [
    'vpc-lattice',
    'list-service-network-service-associations',
    '--service-network-identifier',
    r.input.serviceNetworkIdentifier ?? '',
    '--service-identifier',
    r.input.serviceIdentifier ?? '',
    '--query',
    `items[0].${latticeField(attribute)}`,
  ],
  latticeTargetGroup: (r, attribute) => [
    'vpc-lattice',
    'list-target-groups',
    '--query',
    `items[?name==${literal(r.name)}].${latticeField(attribute)} | [0]`,
  ],
  latticeListener: (r, attribute) => [
    'vpc-lattice',
    'list-listeners',
    '--service-identifier',
    r.input.serviceIdentifier ?? '',
    '--query',
    `items[?name==${literal(r.name)}].${latticeField(attribute)} | [0]`,
  ],
  latticeRule: (r, attribute) => [
    'vpc-lattice',
    'list-rules',
    '--service-identifier',
    r.input.serviceIdentifier ?? '',
    '--listener-identifier',
    r.input.listenerIdentifier ?? '',
    '--query',
    `items[?name==${literal(r.name)}].${latticeField(attribute)} | [0]`,
  ],
  latticeAuthPolicy: (r) => unsupported(r),
  managedPrefixList: (r, attribute) => [
    'ec2',
    'describe-managed-prefix-lists',
    '--filters',
    filters(['prefix-list-name', r.name]),
    '--query',
    attribute === 'id' ? 'PrefixLists[0].PrefixListId' : 'PrefixLists[0].PrefixListArn',
  ],
};

/** VPC Lattice lists name an item's id and ARN `id` and `arn`. */
function latticeField(attribute: ResourceAttribute): string {
  return attribute === 'id' ? 'id' : 'arn';
}

function unsupported(resource: PlannedResource): never {
  throw new Error(`A ${resource.kind} (${resource.id}) has no id or ARN that other resources can reference`);
}

export function lookupFor(resource: PlannedResource, attribute: ResourceAttribute): string[] {
  return (LOOKUPS[resource.kind] as Lookup<ResourceKind>)(resource, attribute);
}
