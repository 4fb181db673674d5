/** Cloud Map instances: registered and deregistered by asynchronous operations, found by DiscoverInstances. */
import {
  type DeregisterInstanceCommandInput,
  type DeregisterInstanceCommandOutput,
  type DiscoverInstancesCommandInput,
  type DiscoverInstancesCommandOutput,
  type GetInstanceCommandInput,
  type GetInstanceCommandOutput,
  type GetInstancesHealthStatusCommandInput,
  type GetInstancesHealthStatusCommandOutput,
  type HealthStatus,
  InstanceNotFound,
  type ListInstancesCommandInput,
  type ListInstancesCommandOutput,
  NamespaceNotFound,
  type RegisterInstanceCommandInput,
  type RegisterInstanceCommandOutput,
  ServiceNotFound,
} from '@aws-sdk/client-servicediscovery';
import { awsError } from '../../aws-error.js';
import { lookupToken, rememberToken } from '../../idempotency.js';
import type { InternalApis, Output, World } from '../../world.js';
import {
  duplicateRequest,
  putInstance,
  removeInstance,
  runningOperation,
  startOperation,
} from './operations.js';
import {
  type InstanceRecord,
  instanceKey,
  instancesOf,
  invalidInput,
  page,
  type ServiceRecord,
  visibleService,
} from './state.js';
import { type RememberedOperation, refuseReusedToken, replayOperation } from './tokens.js';

const INSTANCE_ID = /^[0-9a-zA-Z_/:.@-]{1,64}$/;
const ATTR_KEY = /^[a-zA-Z0-9!-~]{1,255}$/;
const ATTR_VALUE = /^([a-zA-Z0-9!-~][ \ta-zA-Z0-9!-~]*){0,1}[a-zA-Z0-9!-~]{0,1}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const MAX_ATTRIBUTES = 30;

export function RegisterInstance(
  input: RegisterInstanceCommandInput,
  world: World,
): Output<RegisterInstanceCommandOutput> {
  const instanceId = input.InstanceId ?? '';
  if (!INSTANCE_ID.test(instanceId)) {
    throw invalidInput(
      `1 validation error detected: Value '${instanceId}' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z_/:.@-]+$`,
    );
  }
  const attributes = input.Attributes ?? {};
  checkAttributes(attributes);
  const tokens = world.state.cloudMap.tokens;
  const token = lookupToken<RememberedOperation>(tokens, 'RegisterInstance', input.CreatorRequestId, input);
  const replayed = replayOperation(world, token);
  if (replayed !== undefined) return replayed;
  const service = visibleService(world, input.ServiceId);
  checkRecordAttributes(service, attributes);
  // "One RegisterInstance request must complete before you can submit another request and specify the same service ID and instance ID."
  const running = runningOnInstance(world, service.id, instanceId);
  if (running !== undefined) throw duplicateRequest(running.id);
  refuseReusedToken(token, 'RegisterInstance', input.CreatorRequestId);

  const operation = startOperation(
    world,
    'REGISTER_INSTANCE',
    { INSTANCE: instanceId, SERVICE: service.id },
    {
      kind: 'registerInstance',
      serviceId: service.id,
      instanceId,
      attributes: { ...attributes },
      ...(input.CreatorRequestId === undefined ? {} : { creatorRequestId: input.CreatorRequestId }),
    },
  );
  rememberToken(tokens, 'RegisterInstance', input.CreatorRequestId, input, {
    operationId: operation.id,
  } satisfies RememberedOperation);
  return { OperationId: operation.id };
}

export function DeregisterInstance(
  input: DeregisterInstanceCommandInput,
  world: World,
): Output<DeregisterInstanceCommandOutput> {
  const service = visibleService(world, input.ServiceId);
  const instanceId = input.InstanceId ?? '';
  const running = runningOnInstance(world, service.id, instanceId);
  if (running !== undefined) throw duplicateRequest(running.id);
  const instance = visibleInstance(world, service, instanceId);
  const operation = startOperation(
    world,
    'DEREGISTER_INSTANCE',
    { INSTANCE: instance.id, SERVICE: service.id },
    { kind: 'deregisterInstance', serviceId: service.id, instanceId: instance.id },
  );
  return { OperationId: operation.id };
}

export function ListInstances(
  input: ListInstancesCommandInput,
  world: World,
): Output<ListInstancesCommandOutput> {
  const service = visibleService(world, input.ServiceId);
  const all = instancesOf(world, service.id).filter((i) => world.visible(i.createdAt));
  const { items, NextToken } = page(all, input.NextToken, input.MaxResults);
  return {
    Instances: items.map((i) => ({
      Id: i.id,
      Attributes: i.attributes,
      CreatedByAccount: world.accountId,
    })),
    ...(NextToken === undefined ? {} : { NextToken }),
  };
}

export function GetInstance(input: GetInstanceCommandInput, world: World): Output<GetInstanceCommandOutput> {
  const service = visibleService(world, input.ServiceId);
  const instance = visibleInstance(world, service, input.InstanceId ?? '');
  return {
    ResourceOwner: world.accountId,
    Instance: {
      Id: instance.id,
      ...(instance.creatorRequestId === undefined ? {} : { CreatorRequestId: instance.creatorRequestId }),
      Attributes: instance.attributes,
      CreatedByAccount: world.accountId,
    },
  };
}

export function GetInstancesHealthStatus(
  input: GetInstancesHealthStatusCommandInput,
  world: World,
): Output<GetInstancesHealthStatusCommandOutput> {
  const service = visibleService(world, input.ServiceId);
  const all =
    input.Instances === undefined
      ? instancesOf(world, service.id).filter((i) => world.visible(i.createdAt))
      : input.Instances.map((id) => visibleInstance(world, service, id));
  const { items, NextToken } = page(all, input.NextToken, input.MaxResults);
  return {
    Status: Object.fromEntries(items.map((i) => [i.id, healthOf(service, i)])),
    ...(NextToken === undefined ? {} : { NextToken }),
  };
}

/**
 * By the namespace's HTTP name and the service name. QueryParameters must all match;
 * OptionalParameters narrow the answer only when some instance matches them too.
 * The health filter applies only to services with a health check (AWS ignores it otherwise).
 */
export function DiscoverInstances(
  input: DiscoverInstancesCommandInput,
  world: World,
): Output<DiscoverInstancesCommandOutput> {
  const maxResults = input.MaxResults ?? 100;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
    throw invalidInput(
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000 and greater than or equal to 1`,
    );
  }
  const namespace = Object.values(world.state.cloudMap.namespaces).find(
    (n) => n.httpName === input.NamespaceName && n.ready && world.visible(n.createdAt),
  );
  if (namespace === undefined) {
    throw awsError(NamespaceNotFound, `Namespace not found: ${input.NamespaceName ?? ''}`, 400);
  }
  const serviceName = input.ServiceName ?? '';
  const service = Object.values(world.state.cloudMap.services).find(
    (s) =>
      s.namespaceId === namespace.id &&
      world.visible(s.createdAt) &&
      (namespace.type === 'HTTP'
        ? s.name === serviceName
        : s.name.toLowerCase() === serviceName.toLowerCase()),
  );
  if (service === undefined) throw awsError(ServiceNotFound, `Service not found: ${serviceName}`, 400);

  const required = Object.entries(input.QueryParameters ?? {});
  const optional = Object.entries(input.OptionalParameters ?? {});
  const matchesAll = (i: InstanceRecord, pairs: [string, string][]) =>
    pairs.every(([key, value]) => i.attributes[key] === value);
  let found = instancesOf(world, service.id).filter(
    (i) => world.visible(i.createdAt) && matchesAll(i, required),
  );
  const narrowed = found.filter((i) => matchesAll(i, optional));
  if (narrowed.length > 0) found = narrowed;
  found = byHealth(service, found, input.HealthStatus ?? 'HEALTHY');

  return {
    Instances: found.slice(0, maxResults).map((i) => ({
      InstanceId: i.id,
      NamespaceName: namespace.httpName,
      ServiceName: service.name,
      HealthStatus: healthOf(service, i),
      Attributes: i.attributes,
    })),
    InstancesRevision: service.revision,
  };
}

/** What ECS asks of Cloud Map: it registers a task when it starts and deregisters it when it stops, at once. */
export function cloudMapInternal(
  world: World,
): Pick<InternalApis['cloudMap'], 'service' | 'registerInstance' | 'deregisterInstance'> {
  const serviceAt = (serviceArn: string) =>
    Object.values(world.state.cloudMap.services).find((s) => s.arn === serviceArn);
  return {
    service(serviceArn) {
      const service = serviceAt(serviceArn);
      return service === undefined || !world.visible(service.createdAt) ? undefined : { id: service.id };
    },
    registerInstance(serviceArn, instanceId, attributes) {
      const service = serviceAt(serviceArn);
      if (service !== undefined) putInstance(world, service.id, instanceId, attributes);
    },
    deregisterInstance(serviceArn, instanceId) {
      const service = serviceAt(serviceArn);
      if (service !== undefined) removeInstance(world, service.id, instanceId);
    },
  };
}

function visibleInstance(world: World, service: ServiceRecord, instanceId: string): InstanceRecord {
  const instance = world.state.cloudMap.instances[instanceKey(service.id, instanceId)];
  if (instance === undefined || !world.visible(instance.createdAt)) {
    throw awsError(InstanceNotFound, `Instance not found: ${instanceId}`, 400);
  }
  return instance;
}

function runningOnInstance(world: World, serviceId: string, instanceId: string) {
  return runningOperation(
    world,
    (o) =>
      (o.type === 'REGISTER_INSTANCE' || o.type === 'DEREGISTER_INSTANCE') &&
      o.targets.SERVICE === serviceId &&
      o.targets.INSTANCE === instanceId,
  );
}

/** A custom health check starts at AWS_INIT_HEALTH_STATUS (HEALTHY by default); no health check: UNKNOWN. */
function healthOf(service: ServiceRecord, instance: InstanceRecord): HealthStatus {
  if (service.healthCheckCustomConfig !== undefined) {
    return instance.attributes.AWS_INIT_HEALTH_STATUS === 'UNHEALTHY' ? 'UNHEALTHY' : 'HEALTHY';
  }
  return service.healthCheckConfig === undefined ? 'UNKNOWN' : 'HEALTHY';
}

function byHealth(service: ServiceRecord, instances: InstanceRecord[], filter: string): InstanceRecord[] {
  if (service.healthCheckCustomConfig === undefined && service.healthCheckConfig === undefined)
    return instances;
  const healthy = instances.filter((i) => healthOf(service, i) === 'HEALTHY');
  switch (filter) {
    case 'HEALTHY':
      return healthy;
    case 'UNHEALTHY':
      return instances.filter((i) => healthOf(service, i) === 'UNHEALTHY');
    case 'HEALTHY_OR_ELSE_ALL':
      return healthy.length > 0 ? healthy : instances;
    default:
      return instances;
  }
}

function checkAttributes(attributes: Record<string, string>): void {
  const entries = Object.entries(attributes);
  if (entries.length > MAX_ATTRIBUTES) {
    throw invalidInput(`An instance can have at most ${MAX_ATTRIBUTES} attributes.`);
  }
  for (const [key, value] of entries) {
    if (!ATTR_KEY.test(key)) throw invalidInput(`Attribute key '${key}' is not valid.`);
    if (typeof value !== 'string' || value.length > 1024 || !ATTR_VALUE.test(value)) {
      throw invalidInput(`Attribute value for '${key}' is not valid.`);
    }
  }
  const ipv4 = attributes.AWS_INSTANCE_IPV4;
  if (ipv4 !== undefined && !IPV4.test(ipv4))
    throw invalidInput(`AWS_INSTANCE_IPV4 '${ipv4}' is not a valid IPv4 address.`);
  const port = attributes.AWS_INSTANCE_PORT;
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw invalidInput(`AWS_INSTANCE_PORT '${port}' is not a valid port.`);
  }
}

/** The DNS records a service makes need their values: an A record needs an IPv4 address, and so on. */
function checkRecordAttributes(service: ServiceRecord, attributes: Record<string, string>): void {
  const types = new Set((service.dnsConfig?.DnsRecords ?? []).map((r) => r.Type));
  if (types.size === 0 || attributes.AWS_ALIAS_DNS_NAME !== undefined) return;
  const has = (key: string) => attributes[key] !== undefined;
  const missing =
    types.has('CNAME') && !has('AWS_INSTANCE_CNAME')
      ? 'AWS_INSTANCE_CNAME'
      : types.has('SRV') && !has('AWS_INSTANCE_PORT')
        ? 'AWS_INSTANCE_PORT'
        : (types.has('A') || types.has('AAAA') || types.has('SRV')) &&
            !has('AWS_INSTANCE_IPV4') &&
            !has('AWS_INSTANCE_IPV6')
          ? types.has('AAAA') && !types.has('A')
            ? 'AWS_INSTANCE_IPV6'
            : 'AWS_INSTANCE_IPV4'
          : undefined;
  if (missing !== undefined) {
    throw invalidInput(`The service's DNS records need the attribute ${missing}.`);
  }
}
