import type { HealthCheck as ContainerHealthCheck } from '@aws-sdk/client-ecs';
import type {
  AppContainerDefinition,
  EcsEnvironmentDefinition,
  EnvoyDefinition,
  GatewayLoadBalancerDefinition,
  GatewayTaskDefinition,
  NodeTaskDefinition,
  Tags,
  TaskCommonDefinition,
} from '../definition/mesh-definition.js';
import { NO_TAGS, plain } from './plain-data.js';

export const DEFAULT_ENVOY_IMAGE = 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod';

export interface EcsOptions {
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** Subnets the tasks run in. */
  readonly subnets: readonly string[];
  readonly cluster: string;
  /** @default true (the plan creates the cluster) */
  readonly createCluster?: boolean;
  /** Self-referencing group every meshed task gets. @default `${mesh}-sg` */
  readonly meshSecurityGroup?: string;
  /** @default `/ecs/${mesh}` */
  readonly logGroup?: string;
  /** @default undefined (never expire) */
  readonly logRetentionDays?: number;
  /** @default 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod' */
  readonly envoyImage?: string;
  /** @default `${mesh}-execution-role` */
  readonly executionRoleName?: string;
  /** @default 'FARGATE' */
  readonly launchType?: 'FARGATE';
  /** @default false */
  readonly assignPublicIp?: boolean;
  /** @default {} */
  readonly tags?: Tags;
}

export interface ContainerOptions {
  readonly image: string;
  /** Port the app listens on (the proxy's AppPorts). @default undefined */
  readonly port?: number;
  /** @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default undefined (shares the task's cpu) */
  readonly cpu?: number;
  /** @default undefined */
  readonly memory?: number;
  /** ECS container health check. @default undefined */
  readonly healthCheck?: ContainerHealthCheck;
  /** @default true */
  readonly essential?: boolean;
}

/** The one-container shorthand: `app: { image, port, environment }`, container named `${node}-app`. */
export interface AppShorthandOptions extends ContainerOptions {
  /** @default `${node}-app` */
  readonly name?: string;
}

export interface EnvoyOptions {
  /** @default the environment's envoyImage */
  readonly image?: string;
  /** @default undefined */
  readonly cpu?: number;
  /** @default undefined */
  readonly memory?: number;
  /** Extra Envoy environment (ENVOY_LOG_LEVEL...). @default {} */
  readonly environment?: Readonly<Record<string, string>>;
}

export interface TaskCommonOptions {
  /** Fargate task cpu units. @default 256 */
  readonly cpu?: number;
  /** Fargate task memory (MiB). @default 512 */
  readonly memory?: number;
  /** @default 1 */
  readonly desiredCount?: number;
  /** ECS Exec. @default false */
  readonly enableExecuteCommand?: boolean;
  /** @default the node or gateway name */
  readonly family?: string;
  /** @default the node or gateway name */
  readonly serviceName?: string;
  /** @default { environment: {} } (the environment's image) */
  readonly envoy?: EnvoyOptions;
  /** 'scoped' inline policy on this resource's ARN, or the managed AWSAppMeshEnvoyAccess. @default 'scoped' */
  readonly envoyAccess?: 'scoped' | 'managed';
  /** @default `${mesh}-${name}-task-role` */
  readonly taskRoleName?: string;
  /** @default the environment's assignPublicIp */
  readonly assignPublicIp?: boolean;
  /** @default the environment's subnets */
  readonly subnets?: readonly string[];
  /** Extra security group ids or names. @default [] */
  readonly securityGroups?: readonly string[];
  /** @default {} */
  readonly tags?: Tags;
}

export interface NodeTaskOptions extends TaskCommonOptions {
  /** App containers, from `container(name, ...)`. @default [] unless `app` is given */
  readonly containers?: readonly AppContainerDefinition[];
  /** One app container, named `${node}-app`; added before `containers`. @default undefined */
  readonly app?: AppShorthandOptions;
  /** @default 'envoy-first' */
  readonly startOrder?: 'envoy-first' | 'app-first';
  /** Cloud Map service to register in. @default the node's Cloud Map discovery service */
  readonly registerIn?: string;
}

export interface LoadBalancerOptions {
  readonly name: string;
  /** Subnets of the load balancer nodes (public subnets when internet-facing). */
  readonly subnets: readonly string[];
  /** @default 'internet-facing' */
  readonly scheme?: 'internet-facing' | 'internal';
  /** @default `${name}-tg` */
  readonly targetGroupName?: string;
  /** @default the gateway's first listener port (resolved by plan()) */
  readonly port?: number;
}

export interface GatewayTaskOptions extends TaskCommonOptions {
  /** @default `${gateway}-sg` */
  readonly securityGroupName?: string;
  /** CIDRs allowed in on the listener port. @default [] (nothing open to the world) */
  readonly ingressCidrs?: readonly string[];
  /** @default undefined (no load balancer) */
  readonly loadBalancer?: LoadBalancerOptions;
}

/** The ECS environment definition with every default filled. */
export function ecsEnvironment(mesh: string, options: EcsOptions): EcsEnvironmentDefinition {
  return plain({
    region: options.region,
    accountId: options.accountId,
    vpcId: options.vpcId,
    subnets: [...options.subnets],
    cluster: options.cluster,
    createCluster: options.createCluster ?? true,
    meshSecurityGroup: options.meshSecurityGroup ?? `${mesh}-sg`,
    logGroup: options.logGroup ?? `/ecs/${mesh}`,
    logRetentionDays: options.logRetentionDays,
    envoyImage: options.envoyImage ?? DEFAULT_ENVOY_IMAGE,
    executionRoleName: options.executionRoleName ?? `${mesh}-execution-role`,
    launchType: options.launchType ?? 'FARGATE',
    assignPublicIp: options.assignPublicIp ?? false,
    tags: options.tags ?? NO_TAGS,
  });
}

/** An app container next to the Envoy sidecar. */
export function container(name: string, options: ContainerOptions): AppContainerDefinition {
  return plain({
    name,
    image: options.image,
    port: options.port,
    environment: options.environment ?? {},
    cpu: options.cpu,
    memory: options.memory,
    healthCheck: options.healthCheck,
    essential: options.essential ?? true,
  });
}

function envoy(options: EnvoyOptions = {}): EnvoyDefinition {
  return plain({
    image: options.image,
    cpu: options.cpu,
    memory: options.memory,
    environment: options.environment ?? {},
  });
}

function taskCommon(mesh: string, name: string, options: TaskCommonOptions): TaskCommonDefinition {
  return plain({
    family: options.family ?? name,
    serviceName: options.serviceName ?? name,
    cpu: options.cpu ?? 256,
    memory: options.memory ?? 512,
    desiredCount: options.desiredCount ?? 1,
    enableExecuteCommand: options.enableExecuteCommand ?? false,
    assignPublicIp: options.assignPublicIp,
    subnets: options.subnets === undefined ? undefined : [...options.subnets],
    securityGroups: [...(options.securityGroups ?? [])],
    envoy: envoy(options.envoy),
    envoyAccess: options.envoyAccess ?? 'scoped',
    taskRoleName: options.taskRoleName ?? `${mesh}-${name}-task-role`,
    tags: options.tags ?? NO_TAGS,
  });
}

/** The ECS side of a virtual node, every default filled. */
export function nodeTask(mesh: string, node: string, options: NodeTaskOptions): NodeTaskDefinition {
  const app = options.app === undefined ? [] : [container(options.app.name ?? `${node}-app`, options.app)];
  return plain({
    kind: 'nodeTask',
    ...taskCommon(mesh, node, options),
    containers: [...app, ...(options.containers ?? [])],
    startOrder: options.startOrder ?? 'envoy-first',
    registerIn: options.registerIn,
  });
}

/** A gateway's load balancer (NLB, TCP listener, ip target group). */
export function gatewayLoadBalancer(options: LoadBalancerOptions): GatewayLoadBalancerDefinition {
  return plain({
    name: options.name,
    scheme: options.scheme ?? 'internet-facing',
    subnets: [...options.subnets],
    targetGroupName: options.targetGroupName ?? `${options.name}-tg`,
    port: options.port,
  });
}

/** The ECS side of a virtual gateway (Envoy alone), every default filled. */
export function gatewayTask(
  mesh: string,
  gateway: string,
  options: GatewayTaskOptions,
): GatewayTaskDefinition {
  return plain({
    kind: 'gatewayTask',
    ...taskCommon(mesh, gateway, options),
    securityGroupName: options.securityGroupName ?? `${gateway}-sg`,
    ingressCidrs: [...(options.ingressCidrs ?? [])],
    loadBalancer: options.loadBalancer === undefined ? undefined : gatewayLoadBalancer(options.loadBalancer),
  });
}
