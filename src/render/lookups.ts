/**
 * How a script finds an id or ARN that exists only after creation. Each lookup is an AWS CLI
 * argument list ending in `--query`; the script adds `--output text`. Arguments may hold reference
 * tokens of their own (a Cloud Map service is found inside its namespace's id), resolved first.
 */
import type { PlannedResource, ResourceAttribute, ResourceKind } from '../plan/resource.js';

type Lookup<K extends ResourceKind> = (
  resource: PlannedResource<K>,
  attribute: ResourceAttribute,
) => string[];

/** JMESPath raw string literal. */
function literal(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function appMeshAttribute(attribute: ResourceAttribute): string {
  return attribute === 'id' ? 'metadata.uid' : 'metadata.arn';
}

export const LOOKUPS: { [K in ResourceKind]: Lookup<K> } = {
  cloudMapNamespace: (r, attribute) => [
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
  mesh: (r, attribute) => [
    'appmesh',
    'describe-mesh',
    '--mesh-name',
    r.name,
    '--query',
    `mesh.${appMeshAttribute(attribute)}`,
  ],
  virtualNode: (r, attribute) => [
    'appmesh',
    'describe-virtual-node',
    '--mesh-name',
    r.input.meshName ?? '',
    '--virtual-node-name',
    r.name,
    '--query',
    `virtualNode.${appMeshAttribute(attribute)}`,
  ],
  virtualRouter: (r, attribute) => [
    'appmesh',
    'describe-virtual-router',
    '--mesh-name',
    r.input.meshName ?? '',
    '--virtual-router-name',
    r.name,
    '--query',
    `virtualRouter.${appMeshAttribute(attribute)}`,
  ],
  route: (r, attribute) => [
    'appmesh',
    'describe-route',
    '--mesh-name',
    r.input.meshName ?? '',
    '--virtual-router-name',
    r.input.virtualRouterName ?? '',
    '--route-name',
    r.name,
    '--query',
    `route.${appMeshAttribute(attribute)}`,
  ],
  virtualService: (r, attribute) => [
    'appmesh',
    'describe-virtual-service',
    '--mesh-name',
    r.input.meshName ?? '',
    '--virtual-service-name',
    r.name,
    '--query',
    `virtualService.${appMeshAttribute(attribute)}`,
  ],
  virtualGateway: (r, attribute) => [
    'appmesh',
    'describe-virtual-gateway',
    '--mesh-name',
    r.input.meshName ?? '',
    '--virtual-gateway-name',
    r.name,
    '--query',
    `virtualGateway.${appMeshAttribute(attribute)}`,
  ],
  gatewayRoute: (r, attribute) => [
    'appmesh',
    'describe-gateway-route',
    '--mesh-name',
    r.input.meshName ?? '',
    '--virtual-gateway-name',
    r.input.virtualGatewayName ?? '',
    '--gateway-route-name',
    r.name,
    '--query',
    `gatewayRoute.${appMeshAttribute(attribute)}`,
  ],
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
    `Name=group-name,Values=${r.input.GroupName ?? r.name}`,
    `Name=vpc-id,Values=${r.input.VpcId ?? ''}`,
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
    "clusters[?status=='ACTIVE'].clusterArn | [0]",
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
    "services[?status!='INACTIVE'].serviceArn | [0]",
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
};

function unsupported(resource: PlannedResource): never {
  throw new Error(`A ${resource.kind} (${resource.id}) has no id or ARN that other resources can reference`);
}

export function lookupFor(resource: PlannedResource, attribute: ResourceAttribute): string[] {
  return (LOOKUPS[resource.kind] as Lookup<ResourceKind>)(resource, attribute);
}
