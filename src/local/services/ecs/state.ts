/** The ECS service's plain-data state and the lookups every operation shares. */
import type {
  AwsVpcConfiguration,
  ClusterConfiguration,
  ClusterSetting,
  LoadBalancer,
  RegisterTaskDefinitionCommandInput,
  ServiceConnectConfiguration,
  ServiceConnectServiceResource,
  ServiceRegistry,
  Tag,
  VpcLatticeConfiguration,
} from '@aws-sdk/client-ecs';
import type { TokenStore } from '../../idempotency.js';
import type { World } from '../../world.js';

export interface ClusterRecord {
  readonly clusterName: string;
  readonly clusterArn: string;
  createdAt: number;
  status: 'ACTIVE' | 'INACTIVE';
  /** As given to CreateCluster or UpdateCluster; absent: AWS's default (Container Insights disabled). */
  settings?: ClusterSetting[];
  configuration?: ClusterConfiguration;
  /** The ARN of `serviceConnectDefaults.namespace`, whatever name or ARN it was given as. */
  serviceConnectNamespace?: string;
  tags: Tag[];
}

/** What RegisterTaskDefinition was given, minus the tags (kept apart, as AWS does). */
export type TaskDefinitionBody = Omit<RegisterTaskDefinitionCommandInput, 'tags'>;

export interface TaskDefinitionRecord {
  readonly family: string;
  readonly revision: number;
  readonly taskDefinitionArn: string;
  /** DELETE_IN_PROGRESS: submitted for deletion, kept while a task or a service deployment uses it. */
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  readonly registeredAt: number;
  deregisteredAt?: number;
  readonly body: TaskDefinitionBody;
  tags: Tag[];
}

/** A service's Service Connect setup, as a deployment runs it. */
export interface ServiceConnectRecord {
  /** As given, with `namespace` as the namespace's ARN (also when it came from the cluster default). */
  readonly configuration: ServiceConnectConfiguration;
  /** One Cloud Map service per `services[]` entry, in the same order. */
  readonly resources: ServiceConnectServiceResource[];
}

export interface DeploymentRecord {
  readonly id: string;
  status: 'PRIMARY' | 'ACTIVE';
  readonly taskDefinition: string;
  readonly createdAt: number;
  updatedAt: number;
  readonly awsvpcConfiguration?: AwsVpcConfiguration;
  readonly serviceConnect?: ServiceConnectRecord;
  /** The VPC Lattice target groups this deployment's tasks join. */
  readonly vpcLatticeConfigurations?: VpcLatticeConfiguration[];
}

export interface ServiceRecord {
  readonly serviceName: string;
  readonly serviceArn: string;
  readonly clusterName: string;
  readonly clusterArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  taskDefinition: string;
  readonly launchType?: string;
  awsvpcConfiguration?: AwsVpcConfiguration;
  /** UpdateService replaces them; running tasks stay in the target groups they joined. */
  loadBalancers: LoadBalancer[];
  readonly serviceRegistries: ServiceRegistry[];
  enableExecuteCommand: boolean;
  /** Where tasks get their tags from: NONE (AWS's default), SERVICE or TASK_DEFINITION. */
  propagateTags: string;
  readonly createdAt: number;
  deployments: DeploymentRecord[];
  /** Absent when Service Connect is off. */
  serviceConnect?: ServiceConnectRecord;
  /** Every Cloud Map service ECS created for this service; deleted with it. */
  serviceConnectCreated?: string[];
  /** Absent (or empty) when the service is in no VPC Lattice target group. */
  vpcLatticeConfigurations?: VpcLatticeConfiguration[];
  tags: Tag[];
}

export interface TaskRecord {
  readonly taskId: string;
  readonly taskArn: string;
  readonly clusterArn: string;
  readonly clusterName: string;
  readonly serviceName?: string;
  readonly deploymentId?: string;
  readonly taskDefinitionArn: string;
  /** The task's ENI attachment. */
  readonly attachmentId: string;
  lastStatus: 'PROVISIONING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPED';
  desiredStatus: 'RUNNING' | 'STOPPED';
  readonly subnetId?: string;
  readonly securityGroups: string[];
  readonly availabilityZone?: string;
  ip?: string;
  readonly createdAt: number;
  startedAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  /** The Cloud Map services (ARNs) the task was registered in for Service Connect. */
  serviceConnectRegistrations?: string[];
  /** The VPC Lattice target groups (and ports) the task was registered in. */
  vpcLatticeRegistrations?: { readonly targetGroupArn: string; readonly port: number }[];
  /** The load balancer target groups the task joined when it started. */
  loadBalancerRegistrations?: string[];
  tags: Tag[];
}

export interface EcsState {
  clusters: Record<string, ClusterRecord>;
  /** By `family:revision`. */
  taskDefinitions: Record<string, TaskDefinitionRecord>;
  /** The last revision each family used: revisions are never reused, even after deletion. */
  lastRevisions: Record<string, number>;
  /** By `cluster/service`. */
  services: Record<string, ServiceRecord>;
  /** By task id. */
  tasks: Record<string, TaskRecord>;
  tokens: TokenStore;
}

export function initialEcsState(): EcsState {
  return { clusters: {}, taskDefinitions: {}, lastRevisions: {}, services: {}, tasks: {}, tokens: {} };
}

/** A task that has not stopped yet. */
export function isLive(task: TaskRecord): boolean {
  return task.lastStatus !== 'STOPPED';
}

/** What a runningCount counts: a stopping task still runs until it has stopped. */
export function countsAsRunning(task: TaskRecord): boolean {
  return task.lastStatus === 'RUNNING' || task.lastStatus === 'DEACTIVATING';
}

/** The service's tasks, stopped ones included. */
export function tasksOf(
  ecs: EcsState,
  service: Pick<ServiceRecord, 'clusterName' | 'serviceName'>,
): TaskRecord[] {
  return Object.values(ecs.tasks).filter(
    (t) => t.clusterName === service.clusterName && t.serviceName === service.serviceName,
  );
}

/** Task definitions by family, then revision. */
export function byFamilyAndRevision(a: TaskDefinitionRecord, b: TaskDefinitionRecord): number {
  return a.family === b.family ? a.revision - b.revision : a.family < b.family ? -1 : 1;
}

export function ecsArn(world: World, resource: string): string {
  return `arn:aws:ecs:${world.region}:${world.accountId}:${resource}`;
}

/** The last part of a name-or-ARN parameter (`cluster`, `service`, `task`). */
export function lastSegment(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? (nameOrArn.split('/').pop() ?? '') : nameOrArn;
}

export function byKey<T>(records: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(records, key) ? records[key] : undefined;
}

export function compareBy<T>(key: (item: T) => string | number): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** One page of `items` (already sorted); the token is the next index as a string. */
export function page<T>(
  items: readonly T[],
  nextToken: string | undefined,
  maxResults: number | undefined,
): { items: T[]; nextToken?: string } {
  const start = nextToken === undefined ? 0 : Number(nextToken) || 0;
  const end = start + (maxResults ?? 100);
  const slice = items.slice(start, end);
  return end < items.length ? { items: slice, nextToken: String(end) } : { items: slice };
}
