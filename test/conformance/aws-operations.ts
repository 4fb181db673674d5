/**
 * Which AWS API call creates each kind of planned resource, named the way botocore's models
 * (service) and the AWS CLI (service + command) name it. Exhaustive: a new ResourceKind breaks
 * the conformance tests at compile time until it is mapped here.
 */
import type { ResourceKind } from '../../src/plan/resource.js';

export interface AwsOperation {
  /** botocore model name, which is also the AWS CLI service name for these eight services. */
  readonly service: 'servicediscovery' | 'appmesh' | 'ecs' | 'iam' | 'ec2' | 'elbv2' | 'logs' | 'vpc-lattice';
  /** API operation name, as in the model: `CreatePrivateDnsNamespace`. */
  readonly operation: string;
}

export const CREATE_OPERATIONS: Readonly<Record<ResourceKind, AwsOperation>> = Object.freeze({
  cloudMapNamespace: { service: 'servicediscovery', operation: 'CreatePrivateDnsNamespace' },
  cloudMapHttpNamespace: { service: 'servicediscovery', operation: 'CreateHttpNamespace' },
  cloudMapService: { service: 'servicediscovery', operation: 'CreateService' },
  mesh: { service: 'appmesh', operation: 'CreateMesh' },
  virtualNode: { service: 'appmesh', operation: 'CreateVirtualNode' },
  virtualRouter: { service: 'appmesh', operation: 'CreateVirtualRouter' },
  route: { service: 'appmesh', operation: 'CreateRoute' },
  virtualService: { service: 'appmesh', operation: 'CreateVirtualService' },
  virtualGateway: { service: 'appmesh', operation: 'CreateVirtualGateway' },
  gatewayRoute: { service: 'appmesh', operation: 'CreateGatewayRoute' },
  iamRole: { service: 'iam', operation: 'CreateRole' },
  iamRolePolicy: { service: 'iam', operation: 'PutRolePolicy' },
  iamRolePolicyAttachment: { service: 'iam', operation: 'AttachRolePolicy' },
  securityGroup: { service: 'ec2', operation: 'CreateSecurityGroup' },
  securityGroupIngress: { service: 'ec2', operation: 'AuthorizeSecurityGroupIngress' },
  logGroup: { service: 'logs', operation: 'CreateLogGroup' },
  ecsCluster: { service: 'ecs', operation: 'CreateCluster' },
  taskDefinition: { service: 'ecs', operation: 'RegisterTaskDefinition' },
  ecsService: { service: 'ecs', operation: 'CreateService' },
  loadBalancer: { service: 'elbv2', operation: 'CreateLoadBalancer' },
  targetGroup: { service: 'elbv2', operation: 'CreateTargetGroup' },
  loadBalancerListener: { service: 'elbv2', operation: 'CreateListener' },
  loadBalancerRule: { service: 'elbv2', operation: 'CreateRule' },
  latticeServiceNetwork: { service: 'vpc-lattice', operation: 'CreateServiceNetwork' },
  latticeVpcAssociation: { service: 'vpc-lattice', operation: 'CreateServiceNetworkVpcAssociation' },
  latticeService: { service: 'vpc-lattice', operation: 'CreateService' },
  latticeServiceAssociation: { service: 'vpc-lattice', operation: 'CreateServiceNetworkServiceAssociation' },
  latticeTargetGroup: { service: 'vpc-lattice', operation: 'CreateTargetGroup' },
  latticeListener: { service: 'vpc-lattice', operation: 'CreateListener' },
  latticeRule: { service: 'vpc-lattice', operation: 'CreateRule' },
  latticeAuthPolicy: { service: 'vpc-lattice', operation: 'PutAuthPolicy' },
  // Referenced, never created: its file holds the call that finds it.
  managedPrefixList: { service: 'ec2', operation: 'DescribeManagedPrefixLists' },
});

/** The AWS CLI command for an operation: `CreatePrivateDnsNamespace` -> `create-private-dns-namespace`. */
export function cliCommand(operation: string): string {
  return operation.replace(/(?<=[a-z0-9])([A-Z])/g, '-$1').toLowerCase();
}
