/** How each kind of resource is created and recognised as missing with the AWS CLI. */
import { isReferenced, type ReferencedKind, type WrittenKind } from '../plan/referenced.js';
import type { PlannedResource, ResourceKind } from '../plan/resource.js';

export interface CreateCommand {
  readonly service: string;
  readonly command: string;
  /** `create_async` waits for the Cloud Map operation the call returns. */
  readonly runner: 'create' | 'create_async';
}

/** Referenced kinds are never created: apply.sh only looks them up (lookups.ts). */
export const CREATE_COMMANDS: Record<WrittenKind, CreateCommand> = {
  cloudMapNamespace: {
    service: 'servicediscovery',
    command: 'create-private-dns-namespace',
    runner: 'create_async',
  },
  cloudMapHttpNamespace: {
    service: 'servicediscovery',
    command: 'create-http-namespace',
    runner: 'create_async',
  },
  cloudMapService: { service: 'servicediscovery', command: 'create-service', runner: 'create' },
  mesh: { service: 'appmesh', command: 'create-mesh', runner: 'create' },
  virtualNode: { service: 'appmesh', command: 'create-virtual-node', runner: 'create' },
  virtualRouter: { service: 'appmesh', command: 'create-virtual-router', runner: 'create' },
  route: { service: 'appmesh', command: 'create-route', runner: 'create' },
  virtualService: { service: 'appmesh', command: 'create-virtual-service', runner: 'create' },
  virtualGateway: { service: 'appmesh', command: 'create-virtual-gateway', runner: 'create' },
  gatewayRoute: { service: 'appmesh', command: 'create-gateway-route', runner: 'create' },
  iamRole: { service: 'iam', command: 'create-role', runner: 'create' },
  iamRolePolicy: { service: 'iam', command: 'put-role-policy', runner: 'create' },
  iamRolePolicyAttachment: { service: 'iam', command: 'attach-role-policy', runner: 'create' },
  securityGroup: { service: 'ec2', command: 'create-security-group', runner: 'create' },
  securityGroupIngress: { service: 'ec2', command: 'authorize-security-group-ingress', runner: 'create' },
  logGroup: { service: 'logs', command: 'create-log-group', runner: 'create' },
  ecsCluster: { service: 'ecs', command: 'create-cluster', runner: 'create' },
  taskDefinition: { service: 'ecs', command: 'register-task-definition', runner: 'create' },
  ecsService: { service: 'ecs', command: 'create-service', runner: 'create' },
  loadBalancer: { service: 'elbv2', command: 'create-load-balancer', runner: 'create' },
  targetGroup: { service: 'elbv2', command: 'create-target-group', runner: 'create' },
  loadBalancerListener: { service: 'elbv2', command: 'create-listener', runner: 'create' },
  loadBalancerRule: { service: 'elbv2', command: 'create-rule', runner: 'create' },
  latticeServiceNetwork: { service: 'vpc-lattice', command: 'create-service-network', runner: 'create' },
  latticeVpcAssociation: {
    service: 'vpc-lattice',
    command: 'create-service-network-vpc-association',
    runner: 'create',
  },
  latticeService: { service: 'vpc-lattice', command: 'create-service', runner: 'create' },
  latticeServiceAssociation: {
    service: 'vpc-lattice',
    command: 'create-service-network-service-association',
    runner: 'create',
  },
  latticeTargetGroup: { service: 'vpc-lattice', command: 'create-target-group', runner: 'create' },
  latticeListener: { service: 'vpc-lattice', command: 'create-listener', runner: 'create' },
  latticeRule: { service: 'vpc-lattice', command: 'create-rule', runner: 'create' },
  latticeAuthPolicy: { service: 'vpc-lattice', command: 'put-auth-policy', runner: 'create' },
};

export interface ReferenceCommand {
  readonly service: string;
  readonly command: string;
  /** What the call must find (`--query`). */
  readonly query: string;
}

/**
 * How apply.sh finds what the plan references and never creates, with its --cli-input-json file
 * (the read call's input), before any create: the query must find something.
 */
export const REFERENCE_COMMANDS: Record<ReferencedKind, ReferenceCommand> = {
  managedPrefixList: {
    service: 'ec2',
    command: 'describe-managed-prefix-lists',
    query: 'PrefixLists[0].PrefixListId',
  },
};

/** The AWS CLI command a kind's --cli-input-json file is run with: its create, or the read of a referenced kind. */
export function fileCommand(kind: ResourceKind): { readonly service: string; readonly command: string } {
  return isReferenced(kind) ? REFERENCE_COMMANDS[kind] : CREATE_COMMANDS[kind];
}

/** Argument lists run after a create, before anything that depends on the resource. */
export function afterCreate(resource: PlannedResource): string[][] {
  // IAM is eventually consistent: ECS can reject a role that was created a moment ago.
  if (resource.kind === 'iamRole')
    return [['aws_cli', 'iam', 'wait', 'role-exists', '--role-name', resource.name]];
  return [];
}

/**
 * The error codes AWS answers when the resource (or its parent) is already gone. destroy.sh treats
 * only these as success, so a permission or throttling error still stops the script.
 */
export const NOT_FOUND_ERRORS: Record<ResourceKind, string> = {
  cloudMapNamespace: 'NamespaceNotFound',
  cloudMapHttpNamespace: 'NamespaceNotFound',
  cloudMapService: 'ServiceNotFound|NamespaceNotFound',
  mesh: 'NotFoundException',
  virtualNode: 'NotFoundException',
  virtualRouter: 'NotFoundException',
  route: 'NotFoundException',
  virtualService: 'NotFoundException',
  virtualGateway: 'NotFoundException',
  gatewayRoute: 'NotFoundException',
  iamRole: 'NoSuchEntity',
  iamRolePolicy: 'NoSuchEntity',
  iamRolePolicyAttachment: 'NoSuchEntity',
  securityGroup: 'InvalidGroup.NotFound',
  securityGroupIngress: 'InvalidGroup.NotFound|InvalidPermission.NotFound',
  logGroup: 'ResourceNotFoundException',
  ecsCluster: 'ClusterNotFoundException',
  taskDefinition: 'Unable to describe task definition|is inactive',
  ecsService: 'ServiceNotFoundException|ServiceNotActiveException|ClusterNotFoundException',
  loadBalancer: 'LoadBalancerNotFound',
  targetGroup: 'TargetGroupNotFound',
  loadBalancerListener: 'ListenerNotFound|LoadBalancerNotFound',
  loadBalancerRule: 'RuleNotFound|ListenerNotFound|LoadBalancerNotFound',
  // VPC Lattice answers one error for a missing resource or parent, whatever its kind.
  latticeServiceNetwork: 'ResourceNotFoundException',
  latticeVpcAssociation: 'ResourceNotFoundException',
  latticeService: 'ResourceNotFoundException',
  latticeServiceAssociation: 'ResourceNotFoundException',
  latticeTargetGroup: 'ResourceNotFoundException',
  latticeListener: 'ResourceNotFoundException',
  latticeRule: 'ResourceNotFoundException',
  latticeAuthPolicy: 'ResourceNotFoundException',
  managedPrefixList: 'InvalidPrefixListID.NotFound',
};
