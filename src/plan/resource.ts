/**
 * The plan's vocabulary: one resource is one AWS create call, with the SDK's own input type.
 * Values that exist only after another resource is created (a namespace id, a role ARN) are
 * written as reference tokens, `{{ref:<resource id>#<attribute>}}`, inside the input;
 * the executor and the CLI script substitute them.
 */
import type {
  CreateGatewayRouteCommandInput,
  CreateMeshCommandInput,
  CreateRouteCommandInput,
  CreateVirtualGatewayCommandInput,
  CreateVirtualNodeCommandInput,
  CreateVirtualRouterCommandInput,
  CreateVirtualServiceCommandInput,
} from '@aws-sdk/client-app-mesh';
import type { CreateLogGroupCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import type {
  AuthorizeSecurityGroupIngressCommandInput,
  CreateSecurityGroupCommandInput,
  DescribeManagedPrefixListsCommandInput,
} from '@aws-sdk/client-ec2';
import type {
  CreateClusterCommandInput,
  CreateServiceCommandInput as CreateEcsServiceCommandInput,
  RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import type {
  CreateListenerCommandInput,
  CreateLoadBalancerCommandInput,
  CreateRuleCommandInput as CreateLoadBalancerRuleCommandInput,
  CreateTargetGroupCommandInput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  AttachRolePolicyCommandInput,
  CreateRoleCommandInput,
  PutRolePolicyCommandInput,
} from '@aws-sdk/client-iam';
import type {
  CreateServiceCommandInput as CreateCloudMapServiceCommandInput,
  CreateHttpNamespaceCommandInput,
  CreatePrivateDnsNamespaceCommandInput,
} from '@aws-sdk/client-servicediscovery';
import type {
  CreateListenerCommandInput as CreateLatticeListenerCommandInput,
  CreateServiceCommandInput as CreateLatticeServiceCommandInput,
  CreateTargetGroupCommandInput as CreateLatticeTargetGroupCommandInput,
  CreateRuleCommandInput,
  CreateServiceNetworkCommandInput,
  CreateServiceNetworkServiceAssociationCommandInput,
  CreateServiceNetworkVpcAssociationCommandInput,
  PutAuthPolicyCommandInput,
} from '@aws-sdk/client-vpc-lattice';

/**
 * The desired input of each kind of resource: exactly what its create call takes (for the
 * referenced kinds, which are never created, what the call that finds them takes).
 */
export interface ResourceInputs {
  cloudMapNamespace: CreatePrivateDnsNamespaceCommandInput;
  /** The API-only namespace of a Service Connect plan. */
  cloudMapHttpNamespace: CreateHttpNamespaceCommandInput;
  cloudMapService: CreateCloudMapServiceCommandInput;
  mesh: CreateMeshCommandInput;
  virtualNode: CreateVirtualNodeCommandInput;
  virtualRouter: CreateVirtualRouterCommandInput;
  route: CreateRouteCommandInput;
  virtualService: CreateVirtualServiceCommandInput;
  virtualGateway: CreateVirtualGatewayCommandInput;
  gatewayRoute: CreateGatewayRouteCommandInput;
  iamRole: CreateRoleCommandInput;
  iamRolePolicy: PutRolePolicyCommandInput;
  iamRolePolicyAttachment: AttachRolePolicyCommandInput;
  securityGroup: CreateSecurityGroupCommandInput;
  securityGroupIngress: AuthorizeSecurityGroupIngressCommandInput;
  logGroup: CreateLogGroupCommandInput;
  ecsCluster: CreateClusterCommandInput;
  taskDefinition: RegisterTaskDefinitionCommandInput;
  ecsService: CreateEcsServiceCommandInput;
  loadBalancer: CreateLoadBalancerCommandInput;
  targetGroup: CreateTargetGroupCommandInput;
  loadBalancerListener: CreateListenerCommandInput;
  /** A listener rule of an application load balancer (ELBv2 rules have no name: found by tag). */
  loadBalancerRule: CreateLoadBalancerRuleCommandInput;
  latticeServiceNetwork: CreateServiceNetworkCommandInput;
  latticeVpcAssociation: CreateServiceNetworkVpcAssociationCommandInput;
  latticeService: CreateLatticeServiceCommandInput;
  latticeServiceAssociation: CreateServiceNetworkServiceAssociationCommandInput;
  latticeTargetGroup: CreateLatticeTargetGroupCommandInput;
  latticeListener: CreateLatticeListenerCommandInput;
  latticeRule: CreateRuleCommandInput;
  /** The auth policy of a service network or a service (its `resourceIdentifier`). */
  latticeAuthPolicy: PutAuthPolicyCommandInput;
  /** Referenced (referenced.ts): an AWS-managed prefix list, found by its name. */
  managedPrefixList: DescribeManagedPrefixListsCommandInput;
}

export type ResourceKind = keyof ResourceInputs;

/** The seven App Mesh kinds, which share one shape (mesh, optional parent, name, spec). */
export type AppMeshKind =
  | 'mesh'
  | 'virtualNode'
  | 'virtualRouter'
  | 'route'
  | 'virtualService'
  | 'virtualGateway'
  | 'gatewayRoute';

/** Every kind, in App Mesh's safe create order (aws-facts 3.4) with the AWS plumbing around it. */
export const RESOURCE_KINDS = Object.freeze([
  // Referenced: looked up before anything is written.
  'managedPrefixList',
  'cloudMapNamespace',
  'cloudMapHttpNamespace',
  'cloudMapService',
  'mesh',
  'virtualNode',
  'virtualRouter',
  'route',
  'virtualService',
  'virtualGateway',
  'gatewayRoute',
  'iamRole',
  'iamRolePolicy',
  'iamRolePolicyAttachment',
  'securityGroup',
  'securityGroupIngress',
  'logGroup',
  'ecsCluster',
  'taskDefinition',
  'loadBalancer',
  'targetGroup',
  'loadBalancerListener',
  'loadBalancerRule',
  // VPC Lattice before the ECS services, which register their tasks in its target groups.
  'latticeServiceNetwork',
  'latticeVpcAssociation',
  'latticeService',
  'latticeServiceAssociation',
  'latticeTargetGroup',
  'latticeListener',
  'latticeRule',
  'latticeAuthPolicy',
  'ecsService',
] as const satisfies readonly ResourceKind[]);

/** Attributes a resource exposes once created, for reference tokens. */
export type ResourceAttribute = 'id' | 'arn' | 'name';

export type PlannedResource<K extends ResourceKind = ResourceKind> = {
  readonly [P in K]: {
    readonly kind: P;
    /** Stable, unique, path-like id: `mesh/color-mesh/virtualNode/blue`, `iam/role/color-mesh-execution-role`. */
    readonly id: string;
    /** The resource's own name (what AWS knows it by). */
    readonly name: string;
    /** Ids of resources that must exist first. Sorted. */
    readonly dependsOn: readonly string[];
    /** The create call's input, typed by the SDK. May contain reference tokens. */
    readonly input: ResourceInputs[P];
  };
}[K];

const REF_PATTERN = /\{\{ref:([^#}]+)#(id|arn|name)\}\}/g;

/**
 * What a resource id cannot hold as it is inside a token: the token's own delimiters (`#`, `}`),
 * what JSON escapes (a token is found in the JSON text of an input, maybe nested in a JSON string),
 * and `%`, the escape itself. Names AWS accepts can hold them (a security group `web#1`, a
 * namespace with `"`), so they are percent-encoded; plain ids read the same either way.
 */
const ESCAPED_IN_TOKEN = /[%#{}"\\\p{Cc}]/gu;

function encodeId(resourceId: string): string {
  return resourceId.replace(ESCAPED_IN_TOKEN, (c) => encodeURIComponent(c));
}

function decodeId(encoded: string): string {
  return encoded.includes('%') ? decodeURIComponent(encoded) : encoded;
}

/** A token standing for an attribute of another resource in the plan, known only after creation. */
export function ref(resourceId: string, attribute: ResourceAttribute): string {
  return `{{ref:${encodeId(resourceId)}#${attribute}}}`;
}

/** The tokens in a text, with where each starts and ends. */
export function refsInText(
  text: string,
): { start: number; end: number; resourceId: string; attribute: ResourceAttribute }[] {
  return [...text.matchAll(REF_PATTERN)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    resourceId: decodeId(m[1] as string),
    attribute: m[2] as ResourceAttribute,
  }));
}

/** Every reference token inside a value, in order of appearance. */
export function findRefs(value: unknown): { resourceId: string; attribute: ResourceAttribute }[] {
  const text = JSON.stringify(value) ?? '';
  return refsInText(text).map(({ resourceId, attribute }) => ({ resourceId, attribute }));
}

/** Replaces every reference token in a value, keeping its structure. */
export function replaceRefs<T>(
  value: T,
  resolve: (resourceId: string, attribute: ResourceAttribute) => string,
): T {
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  return JSON.parse(
    text.replace(REF_PATTERN, (_, id: string, attribute: ResourceAttribute) =>
      JSON.stringify(resolve(decodeId(id), attribute)).slice(1, -1),
    ),
  ) as T;
}
