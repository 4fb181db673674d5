/**
 * What the traffic simulator reads for ECS Service Connect: one Cloud Map namespace, the ECS
 * services (with their Service Connect configuration as the ECS SDK types it), the Cloud Map
 * services ECS created for their discovery names, the running tasks with when each started, and
 * (for a plan that routes on VPC Lattice) the Lattice services the tasks' VPCs reach. Plain data: `readServiceConnectView` builds it from a cloud, `serviceConnectViewFromPlan` from a
 * plan, and tests may write or edit one by hand.
 */
import type { PortMapping, ServiceConnectConfiguration } from '@aws-sdk/client-ecs';
import type { LoadBalancerView } from './alb-view.js';
import type { LatticeView } from './lattice-view.js';
import type { CloudMapInstance } from './mesh-view.js';

export interface ServiceConnectView {
  /**
   * The namespace: its name (the suffix of `discoveryName.namespace` names) and, when known, its
   * ARN. A configuration may name the namespace either way.
   */
  readonly namespace: { readonly name: string; readonly arn?: string };
  /** ECS services, with Service Connect or without (those cannot resolve the namespace's names). */
  readonly services: readonly ServiceConnectEcsService[];
  /** The namespace's Cloud Map services that serve Service Connect endpoints, by discovery name. */
  readonly cloudMap: readonly ServiceConnectCloudMapService[];
  readonly tasks: readonly ServiceConnectTask[];
  /** VPC Lattice, when the tasks' VPCs are associated with a service network. */
  readonly lattice?: LatticeView;
  /** Application load balancers in front of the services (alb-view.ts); absent when there are none. */
  readonly loadBalancers?: readonly LoadBalancerView[];
}

export interface ServiceConnectEcsService {
  readonly serviceName: string;
  /** The family of the service's task definition. */
  readonly taskFamily: string | undefined;
  /** As the service's current deployment has it; undefined for a service without Service Connect. */
  readonly serviceConnectConfiguration: ServiceConnectConfiguration | undefined;
  /** The port mappings of every container of the task definition: each `portName` names one. */
  readonly portMappings: readonly PortMapping[];
}

export interface ServiceConnectCloudMapService {
  /** The entry's `discoveryName` (its `portName` when it has none). */
  readonly serviceName: string;
  /** Tasks started before this moment cannot see the endpoint. */
  readonly createdAt: Date;
  /** The server's tasks, registered by ECS. */
  readonly instances: readonly CloudMapInstance[];
}

export interface ServiceConnectTask {
  readonly taskArn: string;
  /** The task's private IPv4 address (awsvpc ENI). */
  readonly ip: string;
  /** The ECS service that started the task. */
  readonly serviceName: string;
  /** The app container's `COLOR`; undefined when it has none. */
  readonly color: string | undefined;
  /** The endpoints the task knows are those whose Cloud Map service existed by then. */
  readonly startedAt: Date;
  /** The VPC of its network interface: VPC Lattice serves the service networks associated with it. */
  readonly vpcId?: string;
  /** The IAM role the app signs its requests with: the principal VPC Lattice auth policies see. */
  readonly taskRoleArn?: string;
}
