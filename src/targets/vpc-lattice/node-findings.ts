/**
 * Report entries for a virtual node on the `vpc-lattice` target, where no proxy runs beside the
 * application: its ECS service and target groups, Envoy's removal, each listener (port, health
 * check on the target group, timeouts, outlier detection, pool, TLS), its discovery and its access
 * log. Backends and client policies are shared with the Service Connect report (node-findings.ts).
 */
import type { Listener } from '@aws-sdk/client-app-mesh';
import type { VirtualNodeDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { DEFAULT_ENVOY_IMAGE } from '../../options/task.js';
import { planNameOf } from '../../plan/names.js';
import {
  compareText,
  entry,
  type MigrationContext,
  placeholder,
  type ServiceConnectEntry,
} from '../service-connect/migration-context.js';
import { latticeName } from './limits.js';
import { healthCheckOf, protocolVersionOf } from './target-group-config.js';

const NO_PROXY = 'no proxy runs beside the application: requests go from it to VPC Lattice directly';

export function latticeNodeFindings(
  context: MigrationContext,
  node: VirtualNodeDefinition,
): ServiceConnectEntry[] {
  const path = paths.virtualNode(context.definition.name, node.name);
  if (node.task === undefined)
    return [
      entry({
        code: 'NODE_WITHOUT_TASK',
        status: 'lost',
        severity: 'critical',
        path,
        field: 'task',
        appMesh: `virtual node ${node.name} without an ECS task (${node.serviceDiscovery?.kind === 'dns' ? `DNS ${node.serviceDiscovery.hostname}` : 'run elsewhere'})`,
        serviceConnect:
          'an empty target group: ECS registers only the tasks of the ECS services of the plan, so requests routed to this node get 503',
        reason:
          'Register its instances or IP addresses in the target group yourself (RegisterTargets), or reach it by its own DNS name.',
      }),
    ];
  const green = context.greenNodes.get(node.name)?.task ?? node.task;
  const listeners = servedListeners(node);
  const groups = listeners.map((listener) => groupName(context, node, listener, listeners.length));
  const entries: ServiceConnectEntry[] = [
    entry({
      code: 'NODE_BECOMES_ECS_SERVICE',
      status: 'kept',
      severity: 'info',
      path,
      field: 'task',
      appMesh: `virtual node ${node.name} run by ECS service ${node.task.serviceName}`,
      serviceConnect:
        groups.length === 0
          ? `ECS service ${green.serviceName} in cluster ${context.green.ecs?.cluster}, a caller only (no target group)`
          : `ECS service ${green.serviceName} in cluster ${context.green.ecs?.cluster} with vpcLatticeConfigurations (role ${context.lattice?.roleName}) registering its tasks in ${groups.join(', ')}`,
      reason: 'ECS registers and deregisters the tasks in the target groups as they start and stop.',
    }),
    envoyEntry(context, node),
    ...listeners.flatMap((listener) => listenerEntries(context, node, listener, listeners.length)),
    ...discoveryEntries(context, node),
    ...accessLogEntries(context, node),
  ];
  return entries;
}

function servedListeners(node: VirtualNodeDefinition): Listener[] {
  return node.listeners.filter(
    (listener) => listener.portMapping?.port !== undefined && listener.portMapping.protocol !== undefined,
  );
}

function groupName(
  context: MigrationContext,
  node: VirtualNodeDefinition,
  listener: Listener,
  count: number,
) {
  const base = `${planNameOf(context.green)}-${node.name}`;
  return latticeName(count > 1 ? `${base}-${listener.portMapping?.port}` : base, 'targetGroup');
}

function envoyEntry(context: MigrationContext, node: VirtualNodeDefinition): ServiceConnectEntry {
  const task = node.task as NonNullable<VirtualNodeDefinition['task']>;
  const green = context.greenNodes.get(node.name)?.task ?? task;
  const image = task.envoy.image ?? context.definition.ecs?.envoyImage ?? DEFAULT_ENVOY_IMAGE;
  const settings = Object.keys(task.envoy.environment ?? {}).sort(compareText);
  const lost = image !== DEFAULT_ENVOY_IMAGE || settings.length > 0;
  return entry({
    code: lost ? 'ENVOY_SETTING_LOST' : 'ENVOY_SIDECAR_REMOVED',
    status: lost ? 'lost' : 'approximated',
    severity: settings.length > 0 ? 'warning' : 'info',
    path: paths.virtualNode(context.definition.name, node.name),
    field: settings.length > 0 ? 'task.envoy.environment' : 'task.envoy',
    appMesh: `Envoy sidecar ${image}${settings.length === 0 ? '' : ` with ${settings.join(', ')}`}, proxyConfiguration APPMESH, App Mesh permissions on ${task.taskRoleName}`,
    serviceConnect: `task definition ${green.family} without the Envoy container, proxyConfiguration, APPMESH_* variables or App Mesh permissions; ${NO_PROXY}. The task keeps cpu ${task.cpu} and memory ${task.memory}`,
    reason:
      "Envoy's tracing, stats and other settings have no VPC Lattice counterpart: trace and measure from the application; Lattice publishes its own CloudWatch metrics per service and target group.",
  });
}

function listenerEntries(
  context: MigrationContext,
  node: VirtualNodeDefinition,
  listener: Listener,
  count: number,
): ServiceConnectEntry[] {
  const index = node.listeners.indexOf(listener);
  const path = paths.virtualNode(context.definition.name, node.name);
  const field = `listeners[${index}]`;
  const { port, protocol } = listener.portMapping ?? {};
  const group = groupName(context, node, listener, count);
  const entries: ServiceConnectEntry[] = [];
  if (protocol === 'tcp') {
    entries.push(
      entry({
        code: 'LISTENER_PORT_KEPT',
        status: 'kept',
        severity: 'info',
        path,
        field,
        appMesh: `listener tcp port ${port}`,
        serviceConnect: `portMappings { name tcp-${port}, containerPort ${port} }; no target group unless a router routes to it (a virtual service it provides is refused: Lattice carries TCP only as TLS_PASSTHROUGH)`,
        reason: 'VPC Lattice listeners are HTTP, HTTPS or TLS_PASSTHROUGH.',
      }),
    );
    return entries;
  }
  entries.push(
    entry({
      code: 'LISTENER_PORT_KEPT',
      status: 'kept',
      severity: 'info',
      path,
      field,
      appMesh: `listener ${protocol} port ${port}`,
      serviceConnect: `portMappings { name ${protocol}-${port}, containerPort ${port}, appProtocol ${protocol} } and target group ${group} { type IP, port ${port}, protocol HTTP, protocolVersion ${protocolVersionOf(listener)} }`,
      reason:
        'Lattice connects to the tasks on their container port, in the protocol version the listener spoke.',
    }),
  );
  entries.push(...targetGroupHealthEntries(context, node, listener, group));
  const timeout = listener.timeout;
  if (timeout !== undefined && Object.keys(timeout).length > 0)
    entries.push(
      entry({
        code: 'LISTENER_TIMEOUT_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: `${field}.timeout`,
        appMesh: `listener timeout ${JSON.stringify(timeout)}`,
        serviceConnect:
          "VPC Lattice's own timeouts: no per-request timeout, the service's idle timeout (idleTimeoutSeconds 60-600, default 60, not set by the plan)",
        reason: 'Lattice has no per-request timeout; time out in the client where it matters.',
      }),
    );
  if (listener.outlierDetection !== undefined)
    entries.push(
      entry({
        code: 'OUTLIER_DETECTION_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: `${field}.outlierDetection`,
        appMesh: `outlier detection ${JSON.stringify(listener.outlierDetection)}`,
        serviceConnect: `none: target group ${group} stops sending to a task only when its health check fails`,
        reason: 'VPC Lattice uses active health checks only.',
      }),
    );
  if (listener.connectionPool !== undefined)
    entries.push(
      entry({
        code: 'CONNECTION_POOL_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: `${field}.connectionPool`,
        appMesh: `connection pool ${JSON.stringify(listener.connectionPool)}`,
        serviceConnect: 'no connection limits',
        reason:
          'VPC Lattice has no connection pool settings; limit concurrency in the application if it relied on them.',
      }),
    );
  const tls = listener.tls;
  if (tls !== undefined && tls.mode !== 'DISABLED')
    entries.push(
      entry({
        code: 'TLS_LOST',
        status: 'lost',
        severity: tls.mode === 'STRICT' ? 'critical' : 'warning',
        path,
        field: `${field}.tls`,
        appMesh: `TLS ${tls.mode}${tls.validation === undefined ? '' : ', with client certificate validation'}`,
        serviceConnect:
          tls.mode === 'STRICT'
            ? 'refused: the vpc-lattice plan stops, since Lattice would send plain HTTP to a listener that promised TLS only'
            : 'plain HTTP from VPC Lattice to the task, which this PERMISSIVE listener accepts',
        reason:
          'The plan makes HTTP Lattice listeners and target groups; an HTTPS listener needs a certificate for the custom domain name (certificateArn) and HTTPS target groups a certificate on the task. With AWS_IAM auth, Lattice authenticates callers by IAM instead of client certificates.',
      }),
    );
  return entries;
}

/** A listener's health check as its target group's (both Lattice targets: the plan's own mapping). */
export function targetGroupHealthEntries(
  context: MigrationContext,
  node: VirtualNodeDefinition,
  listener: Listener,
  group = groupName(context, node, listener, servedListeners(node).length),
): ServiceConnectEntry[] {
  const path = paths.virtualNode(context.definition.name, node.name);
  const field = `listeners[${node.listeners.indexOf(listener)}]`;
  const entries: ServiceConnectEntry[] = [];
  if (listener.healthCheck !== undefined) {
    const health = healthCheckOf(listener);
    const kept = health.config.enabled === true;
    entries.push(
      entry({
        code: kept ? 'HEALTH_CHECK_ON_TARGET_GROUP' : 'HEALTH_CHECK_LOST',
        status: !kept ? 'lost' : health.lost.length > 0 ? 'approximated' : 'kept',
        severity: !kept || health.lost.length > 0 ? 'warning' : 'info',
        path,
        field: `${field}.healthCheck`,
        appMesh:
          `${listener.healthCheck.protocol} health check ${listener.healthCheck.path ?? ''} every ${listener.healthCheck.intervalMillis} ms`.replace(
            '  ',
            ' ',
          ),
        serviceConnect: kept
          ? `target group ${group} healthCheck ${JSON.stringify(health.config)}${health.lost.length === 0 ? '' : `: ${health.lost.join('; ')}`}`
          : `target group ${group} without a health check: ${health.lost.join('; ')}`,
        reason:
          'Lattice sends requests only to the targets its health check finds healthy, in whole seconds.',
      }),
    );
  }
  return entries;
}

function discoveryEntries(context: MigrationContext, node: VirtualNodeDefinition): ServiceConnectEntry[] {
  const discovery = node.serviceDiscovery;
  if (discovery === undefined) return [];
  const path = paths.virtualNode(context.definition.name, node.name);
  const attributes = discovery.kind === 'cloudMap' ? Object.entries(discovery.attributes) : [];
  const entries: ServiceConnectEntry[] = [
    entry({
      code: discovery.kind === 'cloudMap' ? 'CLOUD_MAP_DISCOVERY_REPLACED' : 'DNS_DISCOVERY_REPLACED',
      status: 'approximated',
      severity: 'info',
      path,
      field: 'serviceDiscovery',
      appMesh:
        discovery.kind === 'cloudMap'
          ? `Cloud Map service ${discovery.service}, found through DNS`
          : `DNS hostname ${discovery.hostname}`,
      serviceConnect: `the tasks ECS registers in the node's target groups; callers find them through the Lattice services`,
      reason:
        'VPC Lattice tracks the targets of its target groups itself; the App Mesh registration is not used.',
    }),
  ];
  if (attributes.length > 0)
    entries.push(
      entry({
        code: 'CLOUD_MAP_ATTRIBUTES_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: 'serviceDiscovery.attributes',
        appMesh: `only instances with ${attributes.map(([key, value]) => `${key}=${value}`).join(', ')}`,
        serviceConnect: `every task of ECS service ${context.greenNodes.get(node.name)?.task?.serviceName}`,
        reason:
          'A target group has no instance attribute filter: it holds all the running tasks of its ECS service.',
      }),
    );
  return entries;
}

function accessLogEntries(context: MigrationContext, node: VirtualNodeDefinition): ServiceConnectEntry[] {
  const file = node.logging?.accessLog?.file;
  if (file === undefined) return [];
  return [
    entry({
      code: 'ACCESS_LOG_LOST',
      status: 'lost',
      severity: 'warning',
      path: paths.virtualNode(context.definition.name, node.name),
      field: 'logging.accessLog',
      appMesh: `access log to ${file.path}`,
      serviceConnect: 'no access log: no proxy writes one, and the plan subscribes no VPC Lattice access log',
      reason:
        'VPC Lattice writes access logs per service network or service to CloudWatch Logs, S3 or Firehose, in its own format.',
      alternative: {
        service: 'VPC Lattice',
        fields: {
          CreateAccessLogSubscription: {
            resourceIdentifier: placeholder(`service network ${context.lattice?.network}`),
            destinationArn: placeholder('CloudWatch Logs log group, S3 bucket or Firehose stream ARN'),
          },
        },
        note: 'One subscription on the service network logs the requests to every service of the plan.',
      },
    }),
  ];
}
