/** Ids, ARNs and lookups by identifier (an id or an ARN, as every VPC Lattice call accepts). */
import type { World } from '../../world.js';
import { invalidRequest, notFound, type ResourceType } from './errors.js';
import {
  LISTENER_IDENTIFIER,
  RULE_IDENTIFIER,
  range,
  requiredText,
  SERVICE_ASSOCIATION_IDENTIFIER,
  SERVICE_IDENTIFIER,
  SERVICE_NETWORK_IDENTIFIER,
  TARGET_GROUP_IDENTIFIER,
  text,
  VPC_ASSOCIATION_IDENTIFIER,
} from './field-checks.js';
import type {
  ListenerRecord,
  RuleRecord,
  ServiceAssociationRecord,
  ServiceNetworkRecord,
  ServiceRecord,
  TargetGroupRecord,
  VpcAssociationRecord,
} from './state.js';

export function latticeArn(world: World, resource: string): string {
  return `arn:aws:vpc-lattice:${world.region}:${world.accountId}:${resource}`;
}

/** The id an identifier names: itself, or the last part of its ARN. */
export function idOf(identifier: string): string {
  return identifier.slice(identifier.lastIndexOf('/') + 1);
}

function find<T extends { createdAt: number }>(
  world: World,
  records: Record<string, T>,
  type: ResourceType,
  field: string,
  identifier: string | undefined,
  pattern: string,
  min: number,
): T {
  const given = requiredText(field, identifier, min, 2048, pattern);
  const id = idOf(given);
  const record = Object.hasOwn(records, id) ? records[id] : undefined;
  if (record === undefined || !world.visible(record.createdAt)) throw notFound(type, given);
  return record;
}

const state = (world: World) => world.state.vpcLattice;

export const serviceNetworkById = (
  world: World,
  identifier: string | undefined,
  field = 'serviceNetworkIdentifier',
) =>
  find<ServiceNetworkRecord>(
    world,
    state(world).serviceNetworks,
    'SERVICE_NETWORK',
    field,
    identifier,
    SERVICE_NETWORK_IDENTIFIER,
    3,
  );

export const serviceById = (world: World, identifier: string | undefined, field = 'serviceIdentifier') =>
  find<ServiceRecord>(world, state(world).services, 'SERVICE', field, identifier, SERVICE_IDENTIFIER, 17);

export const targetGroupById = (
  world: World,
  identifier: string | undefined,
  field = 'targetGroupIdentifier',
) =>
  find<TargetGroupRecord>(
    world,
    state(world).targetGroups,
    'TARGET_GROUP',
    field,
    identifier,
    TARGET_GROUP_IDENTIFIER,
    17,
  );

export const vpcAssociationById = (world: World, identifier: string | undefined) =>
  find<VpcAssociationRecord>(
    world,
    state(world).vpcAssociations,
    'SERVICE_NETWORK_VPC_ASSOCIATION',
    'serviceNetworkVpcAssociationIdentifier',
    identifier,
    VPC_ASSOCIATION_IDENTIFIER,
    17,
  );

export const serviceAssociationById = (world: World, identifier: string | undefined) =>
  find<ServiceAssociationRecord>(
    world,
    state(world).serviceAssociations,
    'SERVICE_NETWORK_SERVICE_ASSOCIATION',
    'serviceNetworkServiceAssociationIdentifier',
    identifier,
    SERVICE_ASSOCIATION_IDENTIFIER,
    17,
  );

/** A listener of this service: another service's listener is not found. */
export function listenerOf(
  world: World,
  input: { serviceIdentifier?: string; listenerIdentifier?: string },
): { service: ServiceRecord; listener: ListenerRecord } {
  const service = serviceById(world, input.serviceIdentifier);
  const listener = find<ListenerRecord>(
    world,
    state(world).listeners,
    'LISTENER',
    'listenerIdentifier',
    input.listenerIdentifier,
    LISTENER_IDENTIFIER,
    20,
  );
  if (listener.serviceId !== service.id) throw notFound('LISTENER', input.listenerIdentifier as string);
  return { service, listener };
}

/** A rule's id, checked against the model (the default rule's id included). */
export function ruleId(identifier: string | undefined, field = 'ruleIdentifier'): string {
  return idOf(requiredText(field, identifier, 20, 2048, RULE_IDENTIFIER));
}

export function ruleOf(world: World, listener: ListenerRecord, identifier: string): RuleRecord | undefined {
  const rule = state(world).rules[idOf(identifier)];
  return rule !== undefined && rule.listenerId === listener.id && world.visible(rule.createdAt)
    ? rule
    : undefined;
}

/** Visible records, oldest first (ties by id), as AWS lists them [U: AWS's order]. */
export function listed<T extends { createdAt: number; id: string }>(
  world: World,
  records: Record<string, T>,
): T[] {
  return Object.values(records)
    .filter((r) => world.visible(r.createdAt))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** One page: maxResults 1-100 (AWS's default when absent: 100 [U]); the token is the next index. */
export function page<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { items: T[]; nextToken?: string } {
  range('maxResults', maxResults, 1, 100);
  text('nextToken', nextToken, 1, 2048);
  const start = nextToken === undefined ? 0 : Number(nextToken);
  if (nextToken !== undefined && (!/^\d+$/.test(nextToken) || start > items.length)) {
    throw invalidRequest(`Invalid nextToken: ${nextToken}`);
  }
  const end = Math.min(items.length, start + (maxResults ?? 100));
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: String(end) } : {}) };
}
