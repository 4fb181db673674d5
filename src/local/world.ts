/**
 * The contract between the local cloud's core and its services. The core owns time, ids,
 * scheduled events, faults and persistence; each service (src/local/services/) owns its state,
 * which is plain JSON data so that it can be snapshot, saved to a file and restored.
 */
import type { QuotaName } from '../validate/quotas.js';
import type { AppMeshState } from './services/app-mesh.js';
import type { CloudMapState } from './services/cloud-map.js';
import type { Ec2State } from './services/ec2.js';
import type { EcsState } from './services/ecs.js';
import type { Elbv2State } from './services/elbv2.js';
import type { IamState } from './services/iam.js';
import type { LogsState } from './services/logs.js';
import type { StsState } from './services/sts.js';
import type { VpcLatticeState } from './services/vpc-lattice.js';

export type ServiceKey =
  | 'appMesh'
  | 'cloudMap'
  | 'ecs'
  | 'iam'
  | 'ec2'
  | 'elbv2'
  | 'logs'
  | 'sts'
  | 'vpcLattice';

export interface CloudState {
  appMesh: AppMeshState;
  cloudMap: CloudMapState;
  ecs: EcsState;
  iam: IamState;
  ec2: Ec2State;
  elbv2: Elbv2State;
  logs: LogsState;
  sts: StsState;
  vpcLattice: VpcLatticeState;
}

/**
 * The App Mesh quotas in force: AWS's defaults, or raised as a Service Quotas increase would
 * (aws-facts 3.6).
 */
export type Quotas = Readonly<Record<QuotaName, number>>;

/** How long AWS's asynchronous work takes in the local cloud. */
export interface Delays {
  /** A Cloud Map operation goes SUBMITTED, PENDING (after half), SUCCESS (after all of it). */
  readonly cloudMapOperationMs: number;
  /** From CreateService/UpdateService until an ECS task is RUNNING and registered. */
  readonly ecsTaskStartMs: number;
  /** From DeleteService (or a scale-down) until the task is STOPPED and deregistered. */
  readonly ecsTaskStopMs: number;
  /** A load balancer stays `provisioning` this long before `active`. */
  readonly loadBalancerProvisioningMs: number;
}

/** Work that AWS finishes later, stored as data (not closures) so it survives a restore. */
export interface ScheduledEvent {
  readonly due: number;
  /** Breaks ties between events due at the same time: first scheduled, first run. */
  readonly seq: number;
  /** `<service>.<what>`, e.g. `ecs.startTask`; the service's `events` table runs it. */
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface CloudMapNamespaceRef {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
}

/** What services may ask of each other: only these, so that each service's state stays its own. */
export interface InternalApis {
  ec2: {
    vpc(vpcId: string): { readonly cidrBlock: string } | undefined;
    subnet(subnetId: string): { readonly vpcId: string; readonly availabilityZone: string } | undefined;
    securityGroup(groupId: string): { readonly vpcId: string } | undefined;
    /** A free private IPv4 address in the subnet, deterministic from `key` (a task id), for an ENI. */
    allocateIp(subnetId: string, key: string): string;
    releaseIp(subnetId: string, ip: string): void;
    /** The VPC and subnets a new local cloud starts with (like an account's default VPC). */
    defaultNetwork(): { readonly vpcId: string; readonly subnetIds: readonly string[] };
    /** Makes the VPCs and subnets a definition names, when missing (the CLI's --local). */
    adoptNetwork(vpcIds: readonly string[], subnetIds: readonly string[]): void;
  };
  cloudMap: {
    /** The service behind a registry ARN (ECS serviceRegistries), if it exists. */
    service(serviceArn: string): { readonly id: string } | undefined;
    /** What ECS does when a task starts: register the task as an instance, synchronously. */
    registerInstance(serviceArn: string, instanceId: string, attributes: Record<string, string>): void;
    deregisterInstance(serviceArn: string, instanceId: string): void;
    /** A namespace that exists, by ARN or by HTTP name (how ECS resolves a Service Connect namespace). */
    namespace(nameOrArn: string): CloudMapNamespaceRef | undefined;
    /** What ECS does for a cluster default namespace name that does not exist: an HTTP namespace. */
    createHttpNamespace(name: string): CloudMapNamespaceRef;
    /** The service of this name in the namespace, and the ECS service it was created for, if any. */
    serviceNamed(
      namespaceId: string,
      name: string,
    ): { readonly arn: string; readonly managedBy?: string } | undefined;
    /** The API-only service ECS creates for a Service Connect discovery name. */
    createManagedService(namespaceId: string, name: string, ecsServiceArn: string): { readonly arn: string };
    /** Deletes a service ECS created for Service Connect (it has no instances left by then). */
    deleteManagedService(serviceArn: string): void;
  };
  elbv2: {
    targetGroup(targetGroupArn: string): { readonly vpcId: string; readonly port: number } | undefined;
    registerTarget(targetGroupArn: string, id: string, port: number): void;
    deregisterTarget(targetGroupArn: string, id: string): void;
    /** Load balancers whose security groups include this one (blocks DeleteSecurityGroup). */
    usesSecurityGroup(groupId: string): boolean;
  };
  iam: {
    role(roleArn: string): { readonly roleName: string } | undefined;
  };
  vpcLattice: {
    /** The target group behind an ARN (ECS vpcLatticeConfigurations), if it exists. */
    targetGroup(targetGroupArn: string): { readonly type: string; readonly vpcId?: string } | undefined;
    /** What ECS does when a task starts (and stops): its IP and port in the target group, synchronously. */
    registerTarget(targetGroupArn: string, ip: string, port: number): void;
    deregisterTarget(targetGroupArn: string, ip: string, port: number): void;
  };
  ecs: {
    /** Running or starting tasks attached to this security group (blocks DeleteSecurityGroup). */
    usesSecurityGroup(groupId: string): boolean;
  };
  appMesh: Record<string, never>;
  logs: Record<string, never>;
  sts: Record<string, never>;
}

/** What every operation handler gets besides its input. */
export interface World {
  readonly region: string;
  readonly accountId: string;
  readonly delays: Delays;
  readonly quotas: Quotas;
  readonly state: CloudState;
  readonly internal: InternalApis;
  /** Milliseconds since the epoch, from the cloud's clock. */
  now(): number;
  /**
   * A deterministic id, `prefix` + `hexDigits` hex digits, derived from `key` (what the resource is:
   * `vpc-1/sg/colorapp-sg`) and how many ids that key had before. Ids therefore depend on what was
   * created, not on the order of calls: a resumed apply gets the ids a clean one gets.
   */
  newId(prefix: string, key: string, hexDigits?: number): string;
  /** The same, shaped as an RFC 4122 UUID (App Mesh uids, ECS deployment ids). */
  newUuid(key: string): string;
  /** Runs `type` from the owning service's `events` table after `delayMs`. */
  schedule(delayMs: number, type: string, data: Record<string, unknown>): void;
  /**
   * False while a resource created at `createdAt` is inside the eventual-consistency window
   * (a fault): reads and references then report it missing, although a second create conflicts.
   */
  visible(createdAt: number): boolean;
}

/** One AWS operation: synchronous, so that a call is atomic; it validates everything before it changes anything. */
// biome-ignore lint/suspicious/noExplicitAny: each handler declares its SDK input type.
export type Operation = (input: any, world: World) => object;

export interface ServiceDefinition<K extends ServiceKey> {
  readonly key: K;
  /** The SDK client's name, as the middleware context gives it (`AppMeshClient`). */
  readonly clientName: string;
  initialState(): CloudState[K];
  /** By command name without the `Command` suffix: `CreateMesh`. */
  readonly operations: Readonly<Record<string, Operation>>;
  readonly events: Readonly<Record<string, (world: World, data: Readonly<Record<string, unknown>>) => void>>;
  /** The service's own throttling error (App Mesh TooManyRequestsException, IAM Throttling, ...). */
  throttled(message: string): Error;
  /** The service's own 5xx error, for injected failures. */
  internalFailure(message: string): Error;
  /**
   * Every resource as plain data, sorted, without bookkeeping: no idempotency tokens, no
   * operation history, no timestamps (so that two runs that made the same resources compare equal).
   */
  snapshot(state: CloudState[K]): Record<string, unknown>;
  internal(world: World): InternalApis[K];
}

/** The SDK output of an operation without `$metadata`, which the core adds. */
export type Output<T> = Omit<T, '$metadata'>;

/** Create/Describe/Update/... are writes when they are not Describe/Get/List/Discover. */
export function isWriteCommand(command: string): boolean {
  return !/^(Describe|Get|List|Discover)/.test(command);
}
