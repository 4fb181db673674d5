/**
 * What the traffic simulator reads: one mesh's App Mesh resources (the SDK's own data types), the
 * Cloud Map services and instances that DNS and Envoy's endpoint discovery see, and the running ECS
 * tasks with the App Mesh resource each one implements. Plain data: `readMeshView` builds it from a
 * cloud, `meshViewFromPlan` from a plan, and tests may edit a copy by hand.
 */
import type {
  GatewayRouteData,
  MeshData,
  RouteData,
  VirtualGatewayData,
  VirtualNodeData,
  VirtualRouterData,
  VirtualServiceData,
} from '@aws-sdk/client-app-mesh';

export interface MeshView {
  readonly mesh: MeshData;
  readonly virtualNodes: readonly VirtualNodeData[];
  readonly virtualServices: readonly VirtualServiceData[];
  readonly virtualRouters: readonly VirtualRouterData[];
  readonly routes: readonly RouteData[];
  readonly virtualGateways: readonly VirtualGatewayData[];
  readonly gatewayRoutes: readonly GatewayRouteData[];
  /** Every Cloud Map service the tasks can see, with its registered instances. */
  readonly cloudMap: readonly CloudMapServiceView[];
  /** Running ECS tasks, meshed or not: each owns an IP address. */
  readonly tasks: readonly RunningTask[];
}

export interface CloudMapServiceView {
  /** The namespace's name (its DNS suffix, and the name App Mesh's Cloud Map discovery uses). */
  readonly namespaceName: string;
  readonly serviceName: string;
  /**
   * `<service>.<namespace>` when Cloud Map keeps DNS records for the service (a DNS namespace and a
   * service with DNS records); undefined for API-only discovery (HTTP namespaces, `Type: HTTP`).
   */
  readonly hostname: string | undefined;
  readonly instances: readonly CloudMapInstance[];
}

export interface CloudMapInstance {
  readonly instanceId: string;
  /** `AWS_INSTANCE_IPV4`, which ECS sets for the task it registers. */
  readonly ipv4: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
}

/** The App Mesh resource an Envoy implements, from its `APPMESH_RESOURCE_ARN`. */
export interface AppMeshResourceRef {
  readonly meshName: string;
  readonly kind: 'virtualNode' | 'virtualGateway';
  readonly name: string;
}

export interface RunningTask {
  readonly taskArn: string;
  /** The task's private IPv4 address (awsvpc ENI). */
  readonly ip: string;
  /** Undefined for a task without an Envoy container. */
  readonly appMeshResource: AppMeshResourceRef | undefined;
  /** The app container's `COLOR`; undefined when it has none (or the task is a gateway). */
  readonly color: string | undefined;
  /** Container ports the task opens (the app's; for a gateway, Envoy's). */
  readonly ports: readonly number[];
}
