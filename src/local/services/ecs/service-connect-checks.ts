/**
 * What ECS checks in a service's `serviceConnectConfiguration` before it changes anything. Rules
 * and limits are the API model's and the API reference's; where AWS's wording or behaviour is not
 * documented, the comment says [U] and the choice is the most likely one.
 */
import type { PortMapping, ServiceConnectConfiguration } from '@aws-sdk/client-ecs';
import type { CloudMapNamespaceRef, World } from '../../world.js';
import { invalidParameter } from './errors.js';
import type { ClusterRecord, ServiceConnectRecord, ServiceRecord, TaskDefinitionRecord } from './state.js';

/** `portMappings[].name` and `discoveryName`: up to 64 lowercase letters, digits, `_` and `-`, not first `-`. */
export const SERVICE_CONNECT_NAME = /^(?!-)[a-z0-9_-]{1,64}$/;
/** `clientAliases[].dnsName`: up to 127 lowercase letters, digits, `_`, `-` and `.`, not first `-`. */
const CLIENT_ALIAS_DNS_NAME = /^(?!-)[a-z0-9_.-]{1,127}$/;
const ACCESS_LOG_FORMATS = ['TEXT', 'JSON'];
const QUERY_PARAMETERS = ['DISABLED', 'ENABLED'];

/** A configuration ECS accepted: what to store and which Cloud Map services it needs. */
export interface CheckedServiceConnect {
  /** As given, with `namespace` as the namespace's ARN. */
  readonly configuration: ServiceConnectConfiguration;
  readonly namespace: CloudMapNamespaceRef;
  /** One per `services[]` entry, in order (the port name when none was given). */
  readonly discoveryNames: readonly string[];
}

export interface ServiceConnectRequest {
  readonly operation: 'CreateService' | 'UpdateService';
  readonly serviceArn: string;
  readonly cluster: ClusterRecord;
  readonly configuration: ServiceConnectConfiguration;
  /** The task definition the new deployment runs. */
  readonly definition: TaskDefinitionRecord;
  /** UpdateService: what the service runs now, for the rules that compare old and new. */
  readonly current?: { readonly record: ServiceConnectRecord; readonly definition?: TaskDefinitionRecord };
}

/** The checked configuration, or undefined when `enabled` is false (Service Connect off). */
export function checkServiceConnect(
  world: World,
  request: ServiceConnectRequest,
): CheckedServiceConnect | undefined {
  const { configuration, definition } = request;
  // A required member of the model: the SDK does not check it, the service does [U wording].
  if (typeof configuration.enabled !== 'boolean') {
    throw invalidParameter('serviceConnectConfiguration.enabled must be specified.');
  }
  // Off: ECS ignores the rest of the configuration [U].
  if (!configuration.enabled) return undefined;
  checkPlatform(definition);
  const namespace = namespaceOf(world, configuration.namespace ?? request.cluster.serviceConnectNamespace);
  checkLogs(configuration);
  const mappings = namedPortMappings(definition);
  const discoveryNames: string[] = [];
  const aliases = new Set<string>();
  for (const entry of configuration.services ?? []) {
    const portName = entry.portName ?? '';
    const mapping = mappings.get(portName);
    if (mapping === undefined) {
      throw invalidParameter(
        `The portName '${portName}' does not match the name of any portMappings in the task definition ${definition.taskDefinitionArn}.`,
      );
    }
    const discoveryName = entry.discoveryName ?? portName;
    if (!SERVICE_CONNECT_NAME.test(discoveryName)) {
      throw invalidParameter(
        `The discoveryName '${discoveryName}' is not valid: up to 64 lowercase letters, numbers, underscores (_) and hyphens (-), not starting with a hyphen.`,
      );
    }
    if (discoveryNames.includes(discoveryName)) throw alreadyUsed(request, namespace);
    discoveryNames.push(discoveryName);
    checkPort(entry.ingressPortOverride, 'ingressPortOverride', false);
    const entryAliases = entry.clientAliases ?? [];
    // "The Service Connect proxy supports only one client alias per service" (model doc: up to 1).
    if (entryAliases.length > 1) {
      throw invalidParameter(
        `Only one clientAlias is supported for the Service Connect service ${discoveryName}.`,
      );
    }
    for (const alias of entryAliases) {
      checkPort(alias.port, 'clientAliases.port', true);
      const dnsName = alias.dnsName ?? `${discoveryName}.${namespace.name}`;
      if (alias.dnsName !== undefined && !CLIENT_ALIAS_DNS_NAME.test(dnsName)) {
        throw invalidParameter(
          `The dnsName '${dnsName}' is not valid: up to 127 lowercase letters, numbers, underscores (_), hyphens (-) and periods (.), not starting with a hyphen.`,
        );
      }
      const key = `${dnsName}:${alias.port}`;
      if (aliases.has(key)) throw aliasTaken(dnsName, alias.port as number, namespace);
      aliases.add(key);
    }
    if (entry.timeout?.perRequestTimeoutSeconds !== undefined && mapping.appProtocol === undefined) {
      throw invalidParameter(
        `perRequestTimeoutSeconds can only be set when the port mapping '${portName}' has an appProtocol (http, http2 or grpc); TCP has no requests.`,
      );
    }
  }
  checkNamespaceUnique(world, request, namespace, discoveryNames, aliases);
  if (request.current !== undefined) checkAppProtocolsKept(request, mappings);
  return {
    configuration: { ...structuredClone(configuration), namespace: namespace.arn },
    namespace,
    discoveryNames,
  };
}

/** The agent supports awsvpc and bridge only, and Service Connect has no Windows proxy. */
function checkPlatform(definition: TaskDefinitionRecord): void {
  // ECS's default network mode on Linux is bridge.
  const mode = definition.body.networkMode ?? 'bridge';
  if (mode !== 'awsvpc' && mode !== 'bridge') {
    throw invalidParameter(
      `Service Connect supports the awsvpc and bridge network modes only; the task definition uses ${mode}.`,
    );
  }
  const family = definition.body.runtimePlatform?.operatingSystemFamily ?? '';
  if (family.startsWith('WINDOWS')) {
    throw invalidParameter(`Service Connect is not supported for the operating system family ${family}.`);
  }
}

/** The namespace must exist: a service never creates one (only a cluster default does). */
function namespaceOf(world: World, reference: string | undefined): CloudMapNamespaceRef {
  if (reference === undefined || reference === '') {
    throw invalidParameter(
      'A Service Connect namespace is required: specify serviceConnectConfiguration.namespace or set the cluster serviceConnectDefaults.',
    );
  }
  const namespace = world.internal.cloudMap.namespace(reference);
  if (namespace === undefined)
    throw invalidParameter(`The namespace ${reference} was not found in Cloud Map.`);
  return namespace;
}

function checkLogs(configuration: ServiceConnectConfiguration): void {
  const accessLogs = configuration.accessLogConfiguration;
  if (accessLogs === undefined) return;
  if (configuration.logConfiguration === undefined) {
    throw invalidParameter(
      'accessLogConfiguration requires a logConfiguration in the serviceConnectConfiguration.',
    );
  }
  if (!ACCESS_LOG_FORMATS.includes(accessLogs.format ?? '')) {
    throw invalidParameter(`The access log format '${accessLogs.format}' is not valid: use TEXT or JSON.`);
  }
  const query = accessLogs.includeQueryParameters;
  if (query !== undefined && !QUERY_PARAMETERS.includes(query)) {
    throw invalidParameter(`includeQueryParameters '${query}' is not valid: use DISABLED or ENABLED.`);
  }
}

/** The model's PortNumber: 0 to 65535. */
function checkPort(port: number | undefined, member: string, required: boolean): void {
  if (port === undefined && !required) return;
  if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalidParameter(
      `${member} must be an integer between 0 and 65535${port === undefined ? '' : `, not ${port}`}.`,
    );
  }
}

/** Port mappings by name, across the task definition's containers. */
export function namedPortMappings(definition: TaskDefinitionRecord): Map<string, PortMapping> {
  const mappings = new Map<string, PortMapping>();
  for (const container of definition.body.containerDefinitions ?? []) {
    for (const mapping of container.portMappings ?? []) {
      if (mapping.name !== undefined && !mappings.has(mapping.name)) mappings.set(mapping.name, mapping);
    }
  }
  return mappings;
}

/**
 * A discovery name, and a (dnsName, port) alias, belong to one ECS service in a namespace: no
 * other ACTIVE or DRAINING ECS service may use them (in any cluster), and no Cloud Map service of
 * that name may exist that ECS did not create for this same ECS service. (CloudFormation's docs
 * give the consequence: a replacement service cannot be created before the old one is gone.)
 */
function checkNamespaceUnique(
  world: World,
  request: ServiceConnectRequest,
  namespace: CloudMapNamespaceRef,
  discoveryNames: readonly string[],
  aliases: ReadonlySet<string>,
): void {
  for (const other of othersIn(world, namespace.arn, request.serviceArn)) {
    const record = other.serviceConnect as ServiceConnectRecord;
    if (record.resources.some((r) => discoveryNames.includes(r.discoveryName ?? ''))) {
      throw alreadyUsed(request, namespace);
    }
    for (const [index, entry] of (record.configuration.services ?? []).entries()) {
      const discoveryName = record.resources[index]?.discoveryName ?? entry.portName;
      for (const alias of entry.clientAliases ?? []) {
        const dnsName = alias.dnsName ?? `${discoveryName}.${namespace.name}`;
        if (aliases.has(`${dnsName}:${alias.port}`))
          throw aliasTaken(dnsName, alias.port as number, namespace);
      }
    }
  }
  for (const name of discoveryNames) {
    const existing = world.internal.cloudMap.serviceNamed(namespace.id, name);
    if (existing !== undefined && existing.managedBy !== request.serviceArn)
      throw alreadyUsed(request, namespace);
  }
}

function othersIn(world: World, namespaceArn: string, serviceArn: string): ServiceRecord[] {
  return Object.values(world.state.ecs.services).filter(
    (s) =>
      s.status !== 'INACTIVE' &&
      s.serviceArn !== serviceArn &&
      s.serviceConnect?.configuration.namespace === namespaceArn,
  );
}

/**
 * "appProtocol is immutable in a Service Connect service. Updating this field requires a service
 * deletion and redeployment." (PortMapping.appProtocol, API model.) Compared by port name.
 */
function checkAppProtocolsKept(
  request: ServiceConnectRequest,
  mappings: ReadonlyMap<string, PortMapping>,
): void {
  const { record, definition } = request.current as NonNullable<ServiceConnectRequest['current']>;
  if (definition === undefined) return;
  const before = namedPortMappings(definition);
  const oldPorts = new Set((record.configuration.services ?? []).map((s) => s.portName));
  for (const entry of request.configuration.services ?? []) {
    const portName = entry.portName ?? '';
    if (!oldPorts.has(portName)) continue;
    const was = before.get(portName)?.appProtocol ?? 'tcp';
    const now = mappings.get(portName)?.appProtocol ?? 'tcp';
    if (was !== now) {
      throw invalidParameter(
        `appProtocol is immutable in a Service Connect service: the port '${portName}' changes from ${was} to ${now}. Delete the service and create it again.`,
      );
    }
  }
}

/** AWS's message, as users report it (aws/copilot-cli issues 4313, 4337 and 4659). */
function alreadyUsed(request: ServiceConnectRequest, namespace: CloudMapNamespaceRef): Error {
  return invalidParameter(`${request.operation} error: SC service is already used by ${namespace.arn}`);
}

/** "Each name and port mapping must be unique within the namespace" (ServiceConnectClientAlias) [U wording]. */
function aliasTaken(dnsName: string, port: number, namespace: CloudMapNamespaceRef): Error {
  return invalidParameter(
    `The client alias ${dnsName}:${port} is already used in the namespace ${namespace.arn}.`,
  );
}
