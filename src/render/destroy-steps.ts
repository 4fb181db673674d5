/**
 * How each kind of resource is deleted, as argument lists that may hold reference tokens. The
 * script looks the tokens up first and skips the resource when one is not found (already gone).
 */
import type { PlannedResource, ResourceKind } from '../plan/resource.js';
import { ref } from '../plan/resource.js';
import { APP_MESH_NOUNS, appMeshIdentity } from './app-mesh-cli.js';
import { NOT_FOUND_ERRORS } from './cli-commands.js';

type DestroyStep<K extends ResourceKind> = (resource: PlannedResource<K>) => string[][];

const del = (resource: PlannedResource, ...args: string[]) => [
  'delete',
  NOT_FOUND_ERRORS[resource.kind],
  ...args,
];
const retryDel = (resource: PlannedResource, ...args: string[]) => ['retry', ...del(resource, ...args)];

export const DESTROY_STEPS: { [K in ResourceKind]: DestroyStep<K> } = {
  cloudMapNamespace: (r) => [['delete_namespace', ref(r.id, 'id')]],
  cloudMapHttpNamespace: (r) => [['delete_namespace', ref(r.id, 'id')]],
  // ECS deregisters instances a little after its tasks stop; until then the delete is refused.
  cloudMapService: (r) => [retryDel(r, 'servicediscovery', 'delete-service', '--id', ref(r.id, 'id'))],
  mesh: (r) => [del(r, 'appmesh', `delete-${APP_MESH_NOUNS[r.kind]}`, ...appMeshIdentity(r))],
  virtualNode: (r) => [del(r, 'appmesh', `delete-${APP_MESH_NOUNS[r.kind]}`, ...appMeshIdentity(r))],
  virtualRouter: (r) => [del(r, 'appmesh', `delete-${APP_MESH_NOUNS[r.kind]}`, ...appMeshIdentity(r))],
  route: (r) => [del(r, 'appmesh', `delete-${APP_MESH_NOUNS[r.kind]}`, ...appMeshIdentity(r))],
  virtualService: (r) => [del(r, 'appmesh', `delete-${APP_MESH_NOUNS[r.kind]}`, ...appMeshIdentity(r))],
  virtualGateway: (r) => [del(r, 'appmesh', `delete-${APP_MESH_NOUNS[r.kind]}`, ...appMeshIdentity(r))],
  gatewayRoute: (r) => [del(r, 'appmesh', `delete-${APP_MESH_NOUNS[r.kind]}`, ...appMeshIdentity(r))],
  iamRole: (r) => [del(r, 'iam', 'delete-role', '--role-name', r.name)],
  iamRolePolicy: (r) => [
    del(
      r,
      'iam',
      'delete-role-policy',
      '--role-name',
      r.input.RoleName ?? '',
      '--policy-name',
      r.input.PolicyName ?? '',
    ),
  ],
  iamRolePolicyAttachment: (r) => [
    del(
      r,
      'iam',
      'detach-role-policy',
      '--role-name',
      r.input.RoleName ?? '',
      '--policy-arn',
      r.input.PolicyArn ?? '',
    ),
  ],
  // ENIs of stopped tasks and the load balancer hold the group for a few minutes.
  securityGroup: (r) => [retryDel(r, 'ec2', 'delete-security-group', '--group-id', ref(r.id, 'id'))],
  // Revoke exactly the permissions this resource authorized (a rule naming another group blocks its delete).
  securityGroupIngress: (r) => [
    del(
      r,
      'ec2',
      'revoke-security-group-ingress',
      '--group-id',
      r.input.GroupId ?? '',
      '--ip-permissions',
      JSON.stringify(r.input.IpPermissions ?? []),
    ),
  ],
  logGroup: (r) => [del(r, 'logs', 'delete-log-group', '--log-group-name', r.name)],
  ecsCluster: (r) => [retryDel(r, 'ecs', 'delete-cluster', '--cluster', r.name)],
  taskDefinition: (r) => [['deregister_family', r.input.family ?? r.name]],
  // Scale to zero, delete, and wait until the tasks are gone: Cloud Map and the security groups wait on it.
  ecsService: (r) => {
    const cluster = r.input.cluster ?? 'default';
    return [
      del(r, 'ecs', 'update-service', '--cluster', cluster, '--service', r.name, '--desired-count', '0'),
      del(r, 'ecs', 'delete-service', '--cluster', cluster, '--service', r.name, '--force'),
      ['aws_cli', 'ecs', 'wait', 'services-inactive', '--cluster', cluster, '--services', r.name],
    ];
  },
  loadBalancer: (r) => [
    del(r, 'elbv2', 'delete-load-balancer', '--load-balancer-arn', ref(r.id, 'arn')),
    ['aws_cli', 'elbv2', 'wait', 'load-balancers-deleted', '--load-balancer-arns', ref(r.id, 'arn')],
  ],
  // A target group stays in use until its listener's deletion has settled.
  targetGroup: (r) => [retryDel(r, 'elbv2', 'delete-target-group', '--target-group-arn', ref(r.id, 'arn'))],
  loadBalancerListener: (r) => [del(r, 'elbv2', 'delete-listener', '--listener-arn', ref(r.id, 'arn'))],
  loadBalancerRule: (r) => [del(r, 'elbv2', 'delete-rule', '--rule-arn', ref(r.id, 'arn'))],
  // Refused until its VPC and service associations, deleted asynchronously, are gone.
  latticeServiceNetwork: (r) => [
    retryDel(r, 'vpc-lattice', 'delete-service-network', '--service-network-identifier', ref(r.id, 'id')),
  ],
  latticeVpcAssociation: (r) => [
    del(
      r,
      'vpc-lattice',
      'delete-service-network-vpc-association',
      '--service-network-vpc-association-identifier',
      ref(r.id, 'id'),
    ),
  ],
  // Refused until its service network association, deleted asynchronously, is gone.
  latticeService: (r) => [
    retryDel(r, 'vpc-lattice', 'delete-service', '--service-identifier', ref(r.id, 'id')),
  ],
  latticeServiceAssociation: (r) => [
    del(
      r,
      'vpc-lattice',
      'delete-service-network-service-association',
      '--service-network-service-association-identifier',
      ref(r.id, 'id'),
    ),
  ],
  // Refused until ECS has deregistered the IPs of the tasks it stopped.
  latticeTargetGroup: (r) => [
    retryDel(r, 'vpc-lattice', 'delete-target-group', '--target-group-identifier', ref(r.id, 'id')),
  ],
  latticeListener: (r) => [
    del(
      r,
      'vpc-lattice',
      'delete-listener',
      '--service-identifier',
      r.input.serviceIdentifier ?? '',
      '--listener-identifier',
      ref(r.id, 'id'),
    ),
  ],
  latticeRule: (r) => [
    del(
      r,
      'vpc-lattice',
      'delete-rule',
      '--service-identifier',
      r.input.serviceIdentifier ?? '',
      '--listener-identifier',
      r.input.listenerIdentifier ?? '',
      '--rule-identifier',
      ref(r.id, 'id'),
    ),
  ],
  latticeAuthPolicy: (r) => [
    del(r, 'vpc-lattice', 'delete-auth-policy', '--resource-identifier', r.input.resourceIdentifier ?? ''),
  ],
  // Referenced: never deleted.
  managedPrefixList: () => [],
};

/** Lookups that decide whether the resource still exists, when its delete calls need none. */
export const PRESENCE: Partial<{ [K in ResourceKind]: (resource: PlannedResource<K>) => string }> = {
  ecsService: (r) => ref(r.id, 'arn'),
};

export function destroyStepsFor(resource: PlannedResource): string[][] {
  return (DESTROY_STEPS[resource.kind] as DestroyStep<ResourceKind>)(resource);
}
