/**
 * The MeshDefinition: plain, frozen, JSON-serialisable data produced by the builder.
 * It says what the user asked for; `plan()` turns it into AWS calls.
 *
 * Deep App Mesh shapes (listeners, logging, client policies, route and gateway-route specs)
 * reuse the AWS SDK's own types, so the definition can express everything the API can.
 * Names that refer to other resources stay names here; `plan()` resolves and checks them.
 */
import type {
  BackendDefaults,
  ClientPolicy,
  DnsResponseType,
  EgressFilterType,
  GatewayRouteSpec,
  IpPreference,
  Listener,
  Logging,
  RouteSpec,
  VirtualGatewaySpec,
  VirtualRouterListener,
} from '@aws-sdk/client-app-mesh';
import type { HealthCheck as ContainerHealthCheck } from '@aws-sdk/client-ecs';
import type { DnsRecord, HealthCheckCustomConfig, RoutingPolicy } from '@aws-sdk/client-servicediscovery';

/** Free-form user tags, added to every AWS resource that takes tags. */
export type Tags = Readonly<Record<string, string>>;

/** The whole mesh: App Mesh resources, their Cloud Map names and the ECS side that runs them. */
export interface MeshDefinition {
  readonly kind: 'mesh';
  readonly name: string;
  /** @default 'DROP_ALL' (only traffic to resources in the mesh leaves a task) */
  readonly egressFilter: EgressFilterType;
  /** Mesh-wide IP preference for service discovery. @default undefined (AWS default) */
  readonly ipPreference?: IpPreference;
  /** 12-digit account id of the mesh owner, for meshes shared through AWS RAM. */
  readonly meshOwner?: string;
  /** The plan's name in ownership tags and journal, when not the mesh's (see MeshOptions.plan). */
  readonly plan?: string;
  readonly tags: Tags;
  /** The Cloud Map private DNS namespace (one Route 53 private hosted zone) the mesh uses. */
  readonly namespace?: CloudMapNamespaceDefinition;
  readonly cloudMapServices: readonly CloudMapServiceDefinition[];
  readonly nodes: readonly VirtualNodeDefinition[];
  readonly services: readonly VirtualServiceDefinition[];
  readonly routers: readonly VirtualRouterDefinition[];
  readonly gateways: readonly VirtualGatewayDefinition[];
  /**
   * Names that resolve through DNS the plan does not manage (a Route 53 record, a wildcard).
   * A virtual service name must resolve before Envoy can see the request.
   */
  readonly externalDns: readonly string[];
  /** Where the tasks run. Needed as soon as a node or gateway has a task. */
  readonly ecs?: EcsEnvironmentDefinition;
}

// ---------------------------------------------------------------------------------- Cloud Map

export interface CloudMapNamespaceDefinition {
  readonly kind: 'cloudMapNamespace';
  /** DNS name, e.g. `colors.local`. */
  readonly name: string;
  /** VPC the private hosted zone is tied to. @default the ECS environment's `vpcId` */
  readonly vpcId?: string;
  readonly description?: string;
  readonly tags: Tags;
}

export interface CloudMapServiceDefinition {
  readonly kind: 'cloudMapService';
  /** A DNS label (or labels) inside the namespace: `red` gives `red.colors.local`. */
  readonly name: string;
  readonly description?: string;
  /** @default [{ Type: 'A', TTL: 300 }] */
  readonly dnsRecords: readonly DnsRecord[];
  /** @default 'MULTIVALUE' */
  readonly routingPolicy: RoutingPolicy;
  /** ECS reports task health to Cloud Map through a custom health check. @default { FailureThreshold: 1 } */
  readonly healthCheckCustomConfig?: HealthCheckCustomConfig;
  readonly tags: Tags;
}

// ---------------------------------------------------------------------------------- App Mesh

/** How Envoy finds the node's tasks. */
export type ServiceDiscoveryDefinition =
  | {
      readonly kind: 'cloudMap';
      /** Cloud Map service name inside the namespace. */
      readonly service: string;
      /** @default the mesh's namespace */
      readonly namespace?: string;
      /** Only instances with these attributes (e.g. ECS_TASK_DEFINITION_FAMILY). */
      readonly attributes: Readonly<Record<string, string>>;
      readonly ipPreference?: IpPreference;
    }
  | {
      readonly kind: 'dns';
      readonly hostname: string;
      readonly responseType?: DnsResponseType;
      readonly ipPreference?: IpPreference;
    };

export interface BackendDefinition {
  /** A virtual service name, or the name of a node that a virtual service fronts. */
  readonly ref: string;
  readonly clientPolicy?: ClientPolicy;
}

export interface VirtualNodeDefinition {
  readonly kind: 'virtualNode';
  readonly name: string;
  readonly listeners: readonly Listener[];
  readonly serviceDiscovery?: ServiceDiscoveryDefinition;
  readonly backends: readonly BackendDefinition[];
  readonly backendDefaults?: BackendDefaults;
  readonly logging?: Logging;
  readonly tags: Tags;
  /** The ECS task and service that implement the node. */
  readonly task?: NodeTaskDefinition;
}

export type VirtualServiceProviderDefinition =
  | { readonly kind: 'virtualNode'; readonly name: string }
  | { readonly kind: 'virtualRouter'; readonly name: string }
  | { readonly kind: 'none' };

export interface VirtualServiceDefinition {
  readonly kind: 'virtualService';
  /** The name clients call, e.g. `red.colors.local`. It must resolve in DNS. */
  readonly name: string;
  readonly provider: VirtualServiceProviderDefinition;
  readonly tags: Tags;
}

export interface RouteDefinition {
  readonly kind: 'route';
  readonly name: string;
  /** The SDK's own RouteSpec; weighted targets name virtual nodes. */
  readonly spec: RouteSpec;
  readonly tags: Tags;
}

export interface VirtualRouterDefinition {
  readonly kind: 'virtualRouter';
  readonly name: string;
  readonly listeners: readonly VirtualRouterListener[];
  readonly routes: readonly RouteDefinition[];
  readonly tags: Tags;
}

export interface GatewayRouteDefinition {
  readonly kind: 'gatewayRoute';
  readonly name: string;
  /**
   * The SDK's own GatewayRouteSpec. The target's `virtualServiceName` may also name a node
   * that a virtual service fronts; `plan()` resolves it to the service.
   */
  readonly spec: GatewayRouteSpec;
  readonly tags: Tags;
}

export interface VirtualGatewayDefinition {
  readonly kind: 'virtualGateway';
  readonly name: string;
  /** The SDK's own VirtualGatewaySpec: listeners, logging, backend defaults. */
  readonly spec: VirtualGatewaySpec;
  readonly routes: readonly GatewayRouteDefinition[];
  readonly tags: Tags;
  /** The ECS task (Envoy alone) and service that implement the gateway. */
  readonly task?: GatewayTaskDefinition;
}

// ---------------------------------------------------------------------------------- ECS side

/** Account, region, network and cluster shared by every task of the mesh. */
export interface EcsEnvironmentDefinition {
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** Subnets the tasks run in (private subnets in the tutorial's final form). */
  readonly subnets: readonly string[];
  readonly cluster: string;
  /** @default true: the plan creates the cluster; false uses an existing one */
  readonly createCluster: boolean;
  /** The self-referencing group every meshed task gets. @default `${mesh}-sg` */
  readonly meshSecurityGroup: string;
  /** awslogs log group for every container. @default `/ecs/${mesh}` */
  readonly logGroup: string;
  /** @default undefined (never expire) */
  readonly logRetentionDays?: number;
  /** @default 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod' */
  readonly envoyImage: string;
  /** Shared task execution role. @default `${mesh}-execution-role` */
  readonly executionRoleName: string;
  /** @default 'FARGATE' */
  readonly launchType: 'FARGATE';
  /** @default false */
  readonly assignPublicIp: boolean;
  readonly tags: Tags;
}

/** An application container next to the Envoy sidecar. */
export interface AppContainerDefinition {
  readonly name: string;
  readonly image: string;
  /** The port the app listens on; also what the proxy intercepts (AppPorts). */
  readonly port?: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly cpu?: number;
  readonly memory?: number;
  /** The ECS SDK's own container health check. */
  readonly healthCheck?: ContainerHealthCheck;
  /** @default true */
  readonly essential: boolean;
}

export interface EnvoyDefinition {
  /** @default the environment's `envoyImage` */
  readonly image?: string;
  /** @default undefined (shares the task's cpu) */
  readonly cpu?: number;
  /** @default undefined */
  readonly memory?: number;
  /** Extra Envoy environment (ENVOY_LOG_LEVEL, ENABLE_ENVOY_XRAY_TRACING, ...). */
  readonly environment: Readonly<Record<string, string>>;
}

/** Settings both node and gateway tasks share. */
export interface TaskCommonDefinition {
  /** Task definition family. @default the node or gateway name */
  readonly family: string;
  /** ECS service name. @default the node or gateway name */
  readonly serviceName: string;
  /** Fargate task size. */
  readonly cpu: number;
  readonly memory: number;
  /** @default 1 */
  readonly desiredCount: number;
  /** ECS Exec (adds the ssmmessages permissions to the task role). @default false */
  readonly enableExecuteCommand: boolean;
  /** @default the environment's `assignPublicIp` */
  readonly assignPublicIp?: boolean;
  /** @default the environment's subnets */
  readonly subnets?: readonly string[];
  /** Extra security group ids or names of groups in this plan. */
  readonly securityGroups: readonly string[];
  readonly envoy: EnvoyDefinition;
  /**
   * 'scoped': an inline policy allowing appmesh:StreamAggregatedResources on this node's ARN only.
   * 'managed': attach AWSAppMeshEnvoyAccess (any resource in any mesh).
   * @default 'scoped'
   */
  readonly envoyAccess: 'scoped' | 'managed';
  /** Task role name. @default `${mesh}-${name}-task-role` */
  readonly taskRoleName: string;
  readonly tags: Tags;
}

export interface NodeTaskDefinition extends TaskCommonDefinition {
  readonly kind: 'nodeTask';
  readonly containers: readonly AppContainerDefinition[];
  /**
   * Which container Envoy waits on. 'envoy-first': app containers depend on Envoy HEALTHY (AWS default).
   * @default 'envoy-first'
   */
  readonly startOrder: 'envoy-first' | 'app-first';
  /** Cloud Map service the tasks register in. @default the node's Cloud Map discovery service */
  readonly registerIn?: string;
}

export interface GatewayLoadBalancerDefinition {
  readonly name: string;
  /** @default 'internet-facing' */
  readonly scheme: 'internet-facing' | 'internal';
  /** Subnets for the load balancer nodes (public subnets for internet-facing). */
  readonly subnets: readonly string[];
  /** @default `${name}-tg` */
  readonly targetGroupName: string;
  /** Listener and target port. @default the gateway's first listener port */
  readonly port?: number;
}

export interface GatewayTaskDefinition extends TaskCommonDefinition {
  readonly kind: 'gatewayTask';
  /** The gateway's own security group, open on its listener port. @default `${gateway}-sg` */
  readonly securityGroupName: string;
  /** CIDRs allowed in on the listener port. Nothing is open to the world unless listed. @default [] */
  readonly ingressCidrs: readonly string[];
  readonly loadBalancer?: GatewayLoadBalancerDefinition;
}
