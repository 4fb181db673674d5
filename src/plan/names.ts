/**
 * Names the plan derives: resource ids for the non-App Mesh side, ARNs known before creation,
 * managed policy ARNs, inline policy names and log stream prefixes. Pure string functions.
 */
import { paths } from '../definition/paths.js';

/** Where an ARN lives: the partition follows the region (China and GovCloud have their own). */
export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `arn:aws:appmesh:{region}:{account}:{resource path}`; App Mesh ARNs reuse the plan's paths. */
function appMeshArn(scope: ArnScope, resourcePath: string): string {
  return `arn:${partitionOf(scope.region)}:appmesh:${scope.region}:${scope.accountId}:${resourcePath}`;
}

/** ARNs of App Mesh resources. For a shared mesh, `scope.accountId` must be the mesh owner. */
export const appMeshArns = Object.freeze({
  mesh: (scope: ArnScope, mesh: string) => appMeshArn(scope, paths.mesh(mesh)),
  virtualNode: (scope: ArnScope, mesh: string, node: string) =>
    appMeshArn(scope, paths.virtualNode(mesh, node)),
  virtualService: (scope: ArnScope, mesh: string, service: string) =>
    appMeshArn(scope, paths.virtualService(mesh, service)),
  virtualRouter: (scope: ArnScope, mesh: string, router: string) =>
    appMeshArn(scope, paths.virtualRouter(mesh, router)),
  route: (scope: ArnScope, mesh: string, router: string, route: string) =>
    appMeshArn(scope, paths.route(mesh, router, route)),
  virtualGateway: (scope: ArnScope, mesh: string, gateway: string) =>
    appMeshArn(scope, paths.virtualGateway(mesh, gateway)),
  gatewayRoute: (scope: ArnScope, mesh: string, gateway: string, route: string) =>
    appMeshArn(scope, paths.gatewayRoute(mesh, gateway, route)),
});

/** `arn:aws:iam::{account}:role{path}{name}`: IAM is global, so only the partition follows the region. */
export function iamRoleArn(scope: ArnScope, roleName: string, path = '/'): string {
  return `arn:${partitionOf(scope.region)}:iam::${scope.accountId}:role${path}${roleName}`;
}

/** `arn:aws:logs:{region}:{account}:log-group:{name}:*` (the group and its streams). */
export function logGroupArn(scope: ArnScope, logGroup: string): string {
  return `arn:${partitionOf(scope.region)}:logs:${scope.region}:${scope.accountId}:log-group:${logGroup}:*`;
}

/** AWS managed policies the plan attaches. */
export const managedPolicyArns = Object.freeze({
  ecsTaskExecution: (region: string) =>
    `arn:${partitionOf(region)}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
  appMeshEnvoyAccess: (region: string) => `arn:${partitionOf(region)}:iam::aws:policy/AWSAppMeshEnvoyAccess`,
  serviceConnectTls: (region: string) =>
    `arn:${partitionOf(region)}:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity`,
  /** ECS registering tasks in VPC Lattice target groups (no service-role/ path, unlike the others). */
  ecsVpcLattice: (region: string) =>
    `arn:${partitionOf(region)}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForVpcLattice`,
});

/** The policy's own name: the last segment of its ARN. */
export function managedPolicyName(policyArn: string): string {
  return policyArn.slice(policyArn.lastIndexOf('/') + 1);
}

/** Inline policy names the plan writes on its roles. */
export const inlinePolicyNames = Object.freeze({
  envoyAccess: 'appmesh-envoy-access',
  ecsExec: 'ecs-exec',
  createLogGroup: 'create-log-group',
  latticeInvoke: 'vpc-lattice-invoke',
});

/** Ids of plan resources outside App Mesh and Cloud Map (those use `paths`). */
export const resourceIds = Object.freeze({
  iamRole: (role: string) => `iam/role/${role}`,
  iamRolePolicy: (role: string, policy: string) => `iam/role/${role}/policy/${policy}`,
  iamRolePolicyAttachment: (role: string, policyName: string) => `iam/role/${role}/attachment/${policyName}`,
  securityGroup: (group: string) => `ec2/securityGroup/${group}`,
  securityGroupIngress: (group: string, rule: string) => `ec2/securityGroup/${group}/ingress/${rule}`,
  logGroup: (logGroup: string) => `logs/logGroup/${logGroup}`,
  ecsCluster: (cluster: string) => `ecs/cluster/${cluster}`,
  taskDefinition: (family: string) => `ecs/taskDefinition/${family}`,
  ecsService: (cluster: string, service: string) => `ecs/cluster/${cluster}/service/${service}`,
  loadBalancer: (name: string) => `elbv2/loadBalancer/${name}`,
  targetGroup: (name: string) => `elbv2/targetGroup/${name}`,
  loadBalancerListener: (loadBalancer: string, port: number) =>
    `elbv2/loadBalancer/${loadBalancer}/listener/${port}`,
  loadBalancerRule: (loadBalancer: string, port: number, rule: string) =>
    `elbv2/loadBalancer/${loadBalancer}/listener/${port}/rule/${rule}`,
  latticeServiceNetwork: (network: string) => `vpcLattice/serviceNetwork/${network}`,
  latticeVpcAssociation: (network: string, vpcId: string) =>
    `vpcLattice/serviceNetwork/${network}/vpcAssociation/${vpcId}`,
  latticeService: (service: string) => `vpcLattice/service/${service}`,
  latticeServiceAssociation: (network: string, service: string) =>
    `vpcLattice/serviceNetwork/${network}/serviceAssociation/${service}`,
  latticeTargetGroup: (group: string) => `vpcLattice/targetGroup/${group}`,
  latticeListener: (service: string, listener: string) =>
    `vpcLattice/service/${service}/listener/${listener}`,
  latticeRule: (service: string, listener: string, rule: string) =>
    `vpcLattice/service/${service}/listener/${listener}/rule/${rule}`,
  /** The auth policy of a service network or a service, under its resource's id. */
  latticeAuthPolicy: (resourceId: string) => `${resourceId}/authPolicy`,
  managedPrefixList: (name: string) => `ec2/managedPrefixList/${name}`,
});

/** AWS-managed prefix lists, by the name AWS gives them in each region. */
export const awsManagedPrefixListNames = Object.freeze({
  /** Where VPC Lattice connects to its IPv4 targets from (requests and health checks). */
  vpcLattice: (region: string) => `com.amazonaws.${region}.vpc-lattice`,
});

/**
 * Ingress rule names: `self` for the mesh group, `tcp-<port>` for a gateway port,
 * `vpc-lattice-tcp-<port>` for a port VPC Lattice reaches the tasks on.
 */
export const ingressRuleNames = Object.freeze({
  self: 'self',
  tcpPort: (port: number) => `tcp-${port}`,
  vpcLatticeTcpPort: (port: number) => `vpc-lattice-tcp-${port}`,
  tcpPortFrom: (port: number, group: string) => `tcp-${port}-from-${group}`,
});

/** awslogs stream prefix of a task's containers: streams read `<family>/<container>/<task id>`. */
export function logStreamPrefix(family: string): string {
  return family;
}

/** The tags every planned resource carries, so tools can find what this library owns: its mesh and plan. */
export const OWNERSHIP_TAG_KEY = 'appmesh-builder:mesh';
export const PLAN_TAG_KEY = 'appmesh-builder:plan';
/**
 * Added by the executor to what one run creates: the run's id. A rollback deletes only what
 * carries its own run's tag, never what another run (a concurrent one, an earlier one) made.
 */
export const RUN_TAG_KEY = 'appmesh-builder:run';
/**
 * On each task definition revision this tool registers: a hash of the registration's input (tags
 * excluded), so that a registration whose response was lost is found and adopted, not repeated.
 */
/**
 * On each load balancer listener rule: the rule's name in the plan. ELBv2 rules have no name of
 * their own, and their priority changes on update: this tag is how a rule is found again.
 */
export const RULE_TAG_KEY = 'appmesh-builder:rule';
export const CONTENT_HASH_TAG_KEY = 'appmesh-builder:content-hash';

/** A definition's plan name: its own, else its mesh's. */
export function planNameOf(definition: { readonly name: string; readonly plan?: string }): string {
  return definition.plan ?? definition.name;
}
