/**
 * Cloud Map's state (plain JSON data) and what every operation shares: ids, ARNs, lookups that
 * honour eventual consistency, input checks and paging.
 */
import {
  type DnsConfig,
  type HealthCheckConfig,
  type HealthCheckCustomConfig,
  InvalidInput,
  NamespaceNotFound,
  type OperationStatus,
  type OperationTargetType,
  type OperationType,
  type ServiceChange,
  ServiceNotFound,
  type ServiceType,
  type Tag,
  TooManyTagsException,
} from '@aws-sdk/client-servicediscovery';
import { awsError } from '../../aws-error.js';
import type { TokenStore } from '../../idempotency.js';
import type { World } from '../../world.js';

export interface NamespaceRecord {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly type: 'DNS_PRIVATE' | 'HTTP';
  /** What DiscoverInstances takes: the name, or the name with a hash when the name is reused. */
  readonly httpName: string;
  readonly vpc?: string;
  readonly hostedZoneId?: string;
  /** The hosted zone's SOA TTL (negative caching); UpdatePrivateDnsNamespace changes it. */
  soaTtl?: number;
  description?: string;
  readonly creatorRequestId?: string;
  /** False until its CREATE_NAMESPACE operation succeeds: until then the namespace does not exist. */
  ready: boolean;
  /** Set while a DELETE_NAMESPACE operation runs. */
  deletingOperationId?: string;
  /** When it came into existence (the operation's success). */
  createdAt: number;
  tags: Record<string, string>;
}

export interface ServiceRecord {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly namespaceId: string;
  readonly type: ServiceType;
  description?: string;
  dnsConfig?: DnsConfig;
  healthCheckConfig?: HealthCheckConfig;
  readonly healthCheckCustomConfig?: HealthCheckCustomConfig;
  readonly creatorRequestId?: string;
  /** The ECS service (ARN) whose Service Connect configuration made ECS create this service. */
  readonly managedBy?: string;
  readonly createdAt: number;
  /** DiscoverInstances' InstancesRevision: moves on every registration change. */
  revision: number;
  tags: Record<string, string>;
}

export interface InstanceRecord {
  readonly serviceId: string;
  readonly id: string;
  readonly attributes: Record<string, string>;
  readonly creatorRequestId?: string;
  readonly createdAt: number;
}

/** What an operation does when it succeeds. */
export type OperationEffect =
  | { readonly kind: 'createNamespace'; readonly namespaceId: string }
  | { readonly kind: 'deleteNamespace'; readonly namespaceId: string }
  | {
      readonly kind: 'updateNamespace';
      readonly namespaceId: string;
      readonly description?: string;
      readonly soaTtl?: number;
    }
  | { readonly kind: 'updateService'; readonly serviceId: string; readonly change: ServiceChange }
  | {
      readonly kind: 'registerInstance';
      readonly serviceId: string;
      readonly instanceId: string;
      readonly attributes: Record<string, string>;
      readonly creatorRequestId?: string;
    }
  | { readonly kind: 'deregisterInstance'; readonly serviceId: string; readonly instanceId: string };

export interface OperationRecord {
  readonly id: string;
  readonly type: OperationType;
  status: OperationStatus;
  readonly createdAt: number;
  updatedAt: number;
  readonly targets: Partial<Record<OperationTargetType, string>>;
  readonly effect: OperationEffect;
  errorCode?: string;
  errorMessage?: string;
}

export interface CloudMapState {
  /** By namespace id, including namespaces whose creation is still running (`ready: false`). */
  namespaces: Record<string, NamespaceRecord>;
  services: Record<string, ServiceRecord>;
  /** By `<serviceId>/<instanceId>`. */
  instances: Record<string, InstanceRecord>;
  operations: Record<string, OperationRecord>;
  tokens: TokenStore;
}

export function initialCloudMapState(): CloudMapState {
  return { namespaces: {}, services: {}, instances: {}, operations: {}, tokens: {} };
}

export function arnOf(world: World, kind: 'namespace' | 'service', id: string): string {
  return `arn:aws:servicediscovery:${world.region}:${world.accountId}:${kind}/${id}`;
}

/** `ns-1234abcd`, `srv-...` or the resource's ARN, as the API accepts both. */
function idFrom(idOrArn: string | undefined): string {
  const value = idOrArn ?? '';
  return value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value;
}

export function invalidInput(message: string): InvalidInput {
  return awsError(InvalidInput, message, 400);
}

/** A namespace that exists and can be seen (eventual consistency), else NamespaceNotFound. */
export function visibleNamespace(world: World, idOrArn: string | undefined): NamespaceRecord {
  const namespace = world.state.cloudMap.namespaces[idFrom(idOrArn)];
  if (namespace === undefined || !namespace.ready || !world.visible(namespace.createdAt)) {
    throw awsError(NamespaceNotFound, `Namespace not found: ${idOrArn ?? ''}`, 400);
  }
  return namespace;
}

export function visibleService(world: World, idOrArn: string | undefined): ServiceRecord {
  const service = world.state.cloudMap.services[idFrom(idOrArn)];
  if (service === undefined || !world.visible(service.createdAt)) {
    throw awsError(ServiceNotFound, `Service not found: ${idOrArn ?? ''}`, 400);
  }
  return service;
}

export function instanceKey(serviceId: string, instanceId: string): string {
  return `${serviceId}/${instanceId}`;
}

export function instancesOf(world: World, serviceId: string): InstanceRecord[] {
  return Object.values(world.state.cloudMap.instances)
    .filter((i) => i.serviceId === serviceId)
    .sort((a, b) => compare(a.id, b.id));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tags given at create time, checked the way TagResource checks them. */
export function tagsFrom(
  tags: readonly Tag[] | undefined,
  existing: Record<string, string> = {},
): Record<string, string> {
  const merged = { ...existing };
  for (const tag of tags ?? []) {
    const key = tag.Key ?? '';
    if (key.length < 1 || key.length > 128) {
      throw invalidInput(`Tag key must be 1 to 128 characters long: '${key}'`);
    }
    if ((tag.Value ?? '').length > 256) throw invalidInput(`Tag value must be at most 256 characters long`);
    merged[key] = tag.Value ?? '';
  }
  if (Object.keys(merged).length > 50) {
    throw awsError(TooManyTagsException, 'The resource can have at most 50 tags.', 400);
  }
  return merged;
}

export function tagList(tags: Record<string, string>): Tag[] {
  return Object.keys(tags)
    .sort(compare)
    .map((Key) => ({ Key, Value: tags[Key] as string }));
}

/** One page of `items` (already sorted); the token is the next index, as a string. */
export function page<T>(
  items: readonly T[],
  nextToken: string | undefined,
  maxResults: number | undefined,
  limit = 100,
): { items: T[]; NextToken?: string } {
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > limit)) {
    throw invalidInput(
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${limit} and greater than or equal to 1`,
    );
  }
  const start = nextToken === undefined ? 0 : Number(nextToken);
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    throw invalidInput('The pagination token is not valid.');
  }
  const end = start + (maxResults ?? limit);
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: String(end) } : {}) };
}

/** The body of an operation's `Id`: 32 and 8 lowercase alphanumerics, like AWS's. */
export function newOperationId(world: World, key: string): string {
  const hex = world.newId('op:', key, 40).slice('op:'.length);
  return `${hex.slice(0, 32)}-${hex.slice(32, 40)}`;
}
