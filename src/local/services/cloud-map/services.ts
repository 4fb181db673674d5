/** Cloud Map services: created and deleted synchronously, updated by an asynchronous operation. */
import {
  type CreateServiceCommandInput,
  type CreateServiceCommandOutput,
  type DeleteServiceCommandInput,
  type DeleteServiceCommandOutput,
  type DnsConfig,
  type DnsRecord,
  type GetServiceCommandInput,
  type GetServiceCommandOutput,
  type ListServicesCommandInput,
  type ListServicesCommandOutput,
  NamespaceNotFound,
  ResourceInUse,
  type Service,
  ServiceAlreadyExists,
  type ServiceFilter,
  type ServiceType,
  type UpdateServiceCommandInput,
  type UpdateServiceCommandOutput,
} from '@aws-sdk/client-servicediscovery';
import { awsError } from '../../aws-error.js';
import { lookupToken, rememberToken } from '../../idempotency.js';
import type { Output, World } from '../../world.js';
import { duplicateRequest, runningOperation, startOperation } from './operations.js';
import {
  arnOf,
  compare,
  invalidInput,
  page,
  type ServiceRecord,
  tagsFrom,
  visibleNamespace,
  visibleService,
} from './state.js';
import { refuseReusedToken } from './tokens.js';

/** The model's ServiceName: DNS labels (letters, digits, `-`, `_`), 127 characters at most. */
const SERVICE_NAME =
  /((?=^.{1,127}$)^([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(\.([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$)|(^\.$)/;
const RECORD_SETS = new Set(['A', 'AAAA', 'A,AAAA', 'SRV', 'CNAME']);
const MAX_TTL = 2147483647;

interface Remembered {
  readonly serviceId: string;
}

export function CreateService(
  input: CreateServiceCommandInput,
  world: World,
): Output<CreateServiceCommandOutput> {
  const name = input.Name ?? '';
  if (!SERVICE_NAME.test(name)) {
    throw invalidInput(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ${SERVICE_NAME.source}`,
    );
  }
  checkDescription(input.Description);
  const namespaceRef = input.NamespaceId ?? input.DnsConfig?.NamespaceId;
  if (namespaceRef === undefined) throw invalidInput('NamespaceId is required.');

  const tokens = world.state.cloudMap.tokens;
  const token = lookupToken<Remembered>(tokens, 'CreateService', input.CreatorRequestId, input);
  const previous =
    token.kind === 'same' ? world.state.cloudMap.services[token.remembered.serviceId] : undefined;
  if (previous !== undefined) return { Service: serviceOutput(world, previous, true) };

  const namespace = visibleNamespace(world, namespaceRef);
  if (namespace.deletingOperationId !== undefined) {
    throw awsError(NamespaceNotFound, `Namespace ${namespace.id} is being deleted.`, 400);
  }
  const { type, dnsConfig } = serviceConfig(input, namespace.type, namespace.id);
  // DNS names ignore case; an HTTP namespace tells EXAMPLE from example.
  const sameName =
    namespace.type === 'HTTP'
      ? (s: ServiceRecord) => s.name === name
      : (s: ServiceRecord) => s.name.toLowerCase() === name.toLowerCase();
  const taken = Object.values(world.state.cloudMap.services).find(
    (s) => s.namespaceId === namespace.id && sameName(s),
  );
  if (taken !== undefined) {
    throw awsError(ServiceAlreadyExists, 'Service already exists.', 400, {
      ServiceId: taken.id,
      ServiceArn: taken.arn,
      ...(taken.creatorRequestId === undefined ? {} : { CreatorRequestId: taken.creatorRequestId }),
    });
  }
  refuseReusedToken(token, 'CreateService', input.CreatorRequestId);
  const tags = tagsFrom(input.Tags);

  const id = world.newId('srv-', `${namespace.id}/service/${name}`, 16);
  const service: ServiceRecord = {
    id,
    arn: arnOf(world, 'service', id),
    name,
    namespaceId: namespace.id,
    type,
    ...(input.Description === undefined ? {} : { description: input.Description }),
    ...(dnsConfig === undefined ? {} : { dnsConfig }),
    ...(input.HealthCheckConfig === undefined ? {} : { healthCheckConfig: input.HealthCheckConfig }),
    // "FailureThreshold is no longer supported and is always set to 1."
    ...(input.HealthCheckCustomConfig === undefined
      ? {}
      : { healthCheckCustomConfig: { FailureThreshold: 1 } }),
    ...(input.CreatorRequestId === undefined ? {} : { creatorRequestId: input.CreatorRequestId }),
    createdAt: world.now(),
    revision: 1,
    tags,
  };
  world.state.cloudMap.services[id] = service;
  rememberToken(tokens, 'CreateService', input.CreatorRequestId, input, {
    serviceId: id,
  } satisfies Remembered);
  return { Service: serviceOutput(world, service, true) };
}

export function GetService(input: GetServiceCommandInput, world: World): Output<GetServiceCommandOutput> {
  return { Service: serviceOutput(world, visibleService(world, input.Id), true) };
}

/** Like AWS, takes a page of services first and filters it after ("Cloud Map gets MaxResults services and then filters them"). */
export function ListServices(
  input: ListServicesCommandInput,
  world: World,
): Output<ListServicesCommandOutput> {
  const filters = input.Filters ?? [];
  for (const filter of filters) checkServiceFilter(filter);
  const all = Object.values(world.state.cloudMap.services)
    .filter((s) => world.visible(s.createdAt))
    .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
  const { items, NextToken } = page(all, input.NextToken, input.MaxResults);
  return {
    Services: items
      .filter((s) => filters.every((f) => serviceMatches(s, f)))
      .map((s) => serviceOutput(world, s, false)),
    ...(NextToken === undefined ? {} : { NextToken }),
  };
}

export function UpdateService(
  input: UpdateServiceCommandInput,
  world: World,
): Output<UpdateServiceCommandOutput> {
  const service = visibleService(world, input.Id);
  const change = input.Service ?? {};
  const namespace = world.state.cloudMap.namespaces[service.namespaceId];
  if (namespace?.type === 'HTTP') {
    throw invalidInput('UpdateService is not supported for a service in an HTTP namespace.');
  }
  checkDescription(change.Description);
  if (change.DnsConfig !== undefined) {
    checkDnsRecords(change.DnsConfig.DnsRecords, service.dnsConfig?.RoutingPolicy ?? 'MULTIVALUE');
    const before = recordTypes(service.dnsConfig?.DnsRecords);
    if (service.dnsConfig === undefined || recordTypes(change.DnsConfig.DnsRecords) !== before) {
      throw invalidInput(`The record types of a service cannot change (they are ${before || 'none'}).`);
    }
  }
  checkHealthCheckAllowed(change.HealthCheckConfig, namespace?.type);
  const running = runningOperation(
    world,
    (o) => o.type === 'UPDATE_SERVICE' && o.targets.SERVICE === service.id,
  );
  if (running !== undefined) throw duplicateRequest(running.id);
  const operation = startOperation(
    world,
    'UPDATE_SERVICE',
    { SERVICE: service.id },
    { kind: 'updateService', serviceId: service.id, change },
  );
  return { OperationId: operation.id };
}

export function DeleteService(
  input: DeleteServiceCommandInput,
  world: World,
): Output<DeleteServiceCommandOutput> {
  const service = visibleService(world, input.Id);
  const registering = runningOperation(
    world,
    (o) => o.type === 'REGISTER_INSTANCE' && o.targets.SERVICE === service.id,
  );
  const instances = Object.values(world.state.cloudMap.instances).some((i) => i.serviceId === service.id);
  if (instances || registering !== undefined) {
    throw awsError(
      ResourceInUse,
      'Service contains registered instances; delete the instances before deleting the service',
      400,
    );
  }
  delete world.state.cloudMap.services[service.id];
  return {};
}

/** The service as GetService (full) or ListServices (summary) shows it. */
function serviceOutput(world: World, service: ServiceRecord, full: boolean): Service {
  const output: Service = {
    Id: service.id,
    Arn: service.arn,
    ResourceOwner: world.accountId,
    Name: service.name,
    ...(full ? { NamespaceId: service.namespaceId } : {}),
    Type: service.type,
    ...(service.description === undefined ? {} : { Description: service.description }),
    // Counted without instancesOf's sort: ListServices asks this of every service.
    InstanceCount: Object.values(world.state.cloudMap.instances).filter(
      (i) => i.serviceId === service.id && world.visible(i.createdAt),
    ).length,
    // No copies here: the core clones every output.
    ...(service.dnsConfig === undefined ? {} : { DnsConfig: service.dnsConfig }),
    ...(service.healthCheckConfig === undefined ? {} : { HealthCheckConfig: service.healthCheckConfig }),
    ...(service.healthCheckCustomConfig === undefined
      ? {}
      : { HealthCheckCustomConfig: service.healthCheckCustomConfig }),
    CreateDate: new Date(service.createdAt),
    CreatedByAccount: world.accountId,
  };
  if (full && service.creatorRequestId !== undefined) output.CreatorRequestId = service.creatorRequestId;
  return output;
}

/** What the namespace type allows: DNS records for a DNS namespace, API-only (HTTP) otherwise. */
function serviceConfig(
  input: CreateServiceCommandInput,
  namespaceType: 'DNS_PRIVATE' | 'HTTP',
  namespaceId: string,
): { type: ServiceType; dnsConfig?: DnsConfig } {
  if (input.HealthCheckConfig !== undefined && input.HealthCheckCustomConfig !== undefined) {
    throw invalidInput('Specify either HealthCheckConfig or HealthCheckCustomConfig, not both.');
  }
  checkHealthCheckAllowed(input.HealthCheckConfig, namespaceType);
  if (input.Type !== undefined && input.Type !== 'HTTP') {
    throw invalidInput(`Type must be HTTP, not ${input.Type}.`);
  }
  const dnsRecords = input.DnsConfig?.DnsRecords;
  if (namespaceType === 'HTTP' || input.Type === 'HTTP') {
    if (dnsRecords !== undefined && dnsRecords.length > 0) {
      throw invalidInput(
        'DnsConfig cannot be specified for a service whose instances are discovered only by API calls.',
      );
    }
    return { type: 'HTTP' };
  }
  if (input.DnsConfig === undefined || dnsRecords === undefined || dnsRecords.length === 0) {
    throw invalidInput('DnsConfig with DnsRecords is required for a service in a DNS namespace.');
  }
  const routingPolicy = input.DnsConfig.RoutingPolicy ?? 'MULTIVALUE';
  checkDnsRecords(dnsRecords, routingPolicy);
  return {
    type: 'DNS_HTTP',
    dnsConfig: {
      NamespaceId: namespaceId,
      RoutingPolicy: routingPolicy,
      DnsRecords: dnsRecords.map((r) => ({ Type: r.Type, TTL: r.TTL })),
    },
  };
}

function checkDnsRecords(records: readonly DnsRecord[] | undefined, routingPolicy: string): void {
  if (routingPolicy !== 'MULTIVALUE' && routingPolicy !== 'WEIGHTED') {
    throw invalidInput(`RoutingPolicy must be MULTIVALUE or WEIGHTED, not ${routingPolicy}.`);
  }
  for (const record of records ?? []) {
    if (!['A', 'AAAA', 'SRV', 'CNAME'].includes(record.Type ?? '')) {
      throw invalidInput(`DnsRecord Type must be A, AAAA, SRV or CNAME, not ${record.Type}.`);
    }
    const ttl = record.TTL;
    if (ttl === undefined || !Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL) {
      throw invalidInput(`DnsRecord TTL must be between 0 and ${MAX_TTL}.`);
    }
  }
  const types = recordTypes(records);
  if (!RECORD_SETS.has(types)) {
    throw invalidInput(`DnsRecords must be A, AAAA, A and AAAA, SRV, or CNAME; received ${types || 'none'}.`);
  }
  if (types === 'CNAME' && routingPolicy !== 'WEIGHTED') {
    throw invalidInput('A CNAME record requires the WEIGHTED routing policy.');
  }
}

function checkDescription(description: string | undefined): void {
  if ((description ?? '').length > 1024) {
    throw invalidInput(
      "Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1024",
    );
  }
}

/** Only public DNS and HTTP namespaces take a Route 53 health check. */
function checkHealthCheckAllowed(healthCheckConfig: unknown, namespaceType: string | undefined): void {
  if (healthCheckConfig !== undefined && namespaceType === 'DNS_PRIVATE') {
    throw invalidInput('HealthCheckConfig is only for public DNS and HTTP namespaces.');
  }
}

function recordTypes(records: readonly DnsRecord[] | undefined): string {
  return (records ?? [])
    .map((r) => r.Type ?? '')
    .sort(compare)
    .join(',');
}

function checkServiceFilter(filter: ServiceFilter): void {
  if (filter.Name !== 'NAMESPACE_ID' && filter.Name !== 'RESOURCE_OWNER') {
    throw invalidInput(`Filter name ${filter.Name ?? ''} is not supported.`);
  }
  if ((filter.Condition ?? 'EQ') !== 'EQ' || (filter.Values ?? []).length !== 1) {
    throw invalidInput(`Filter ${filter.Name} takes the EQ condition and exactly one value.`);
  }
}

function serviceMatches(service: ServiceRecord, filter: ServiceFilter): boolean {
  const value = filter.Values?.[0] ?? '';
  if (filter.Name === 'RESOURCE_OWNER') return value === 'SELF';
  return value.slice(value.lastIndexOf('/') + 1) === service.namespaceId;
}
