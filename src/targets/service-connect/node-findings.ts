/** Report entries for each virtual node: its ECS service, Envoy, listeners, backends, client policies, discovery, logging. */
import type { ClientPolicy } from '@aws-sdk/client-app-mesh';
import type { VirtualNodeDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { DEFAULT_ENVOY_IMAGE } from '../../options/task.js';
import { allowListKeptEntry, allowListLostEntry } from '../vpc-lattice/migration-findings.js';
import { latticeNodeFindings } from '../vpc-lattice/node-findings.js';
import { listenerFindings } from './listener-findings.js';
import { ipPreferenceEntries } from './mesh-findings.js';
import {
  backendService,
  compareText,
  entry,
  listText,
  type MigrationContext,
  type ServiceConnectEntry,
  serverOf,
  sortedByName,
} from './migration-context.js';
import { allowListAlternative, mtlsAlternative } from './security-alternatives.js';
import { PROXY_CPU, PROXY_MEMORY, serviceConnectTaskSize } from './task-definition.js';

export function nodeFindings(context: MigrationContext): ServiceConnectEntry[] {
  return sortedByName(context.definition.nodes).flatMap((node) => findingsOf(context, node));
}

function findingsOf(context: MigrationContext, node: VirtualNodeDefinition): ServiceConnectEntry[] {
  if (context.target === 'vpc-lattice')
    return [
      ...latticeNodeFindings(context, node),
      ...backendEntries(context, node),
      ...clientPolicyEntries(context, node),
    ];
  const path = paths.virtualNode(context.definition.name, node.name);
  if (node.task === undefined) {
    return [
      entry({
        code: 'NODE_WITHOUT_TASK',
        status: 'lost',
        severity: 'critical',
        path,
        field: 'task',
        appMesh: `virtual node ${node.name} without an ECS task (${node.serviceDiscovery?.kind === 'dns' ? `DNS ${node.serviceDiscovery.hostname}` : 'run elsewhere'})`,
        serviceConnect:
          'nothing: Service Connect only connects ECS services, so no endpoint answers for this node',
        reason:
          'Callers outside ECS services cannot join a Service Connect namespace; reach them by their own DNS name (no Envoy policy applies), or put them behind VPC Lattice or a load balancer.',
      }),
    ];
  }
  const endpoints = context.mapping.endpoints.get(node.name) ?? [];
  const ecs = context.green.ecs;
  const task = context.greenNodes.get(node.name)?.task ?? node.task;
  const entries: ServiceConnectEntry[] = [
    entry({
      code: 'NODE_BECOMES_ECS_SERVICE',
      status: 'kept',
      severity: 'info',
      path,
      field: 'task',
      appMesh: `virtual node ${node.name} run by ECS service ${node.task.serviceName}`,
      serviceConnect:
        endpoints.length === 0
          ? `ECS service ${task.serviceName} in cluster ${ecs?.cluster} as a Service Connect client (enabled, namespace ${context.namespace}, no services[])`
          : `ECS service ${task.serviceName} in cluster ${ecs?.cluster} with serviceConnectConfiguration { enabled, namespace ${context.namespace}, services: ${endpoints.map((endpoint) => endpoint.portName).join(', ')} }`,
      reason:
        'A Service Connect service is an ECS service; a service that only calls others has no services[] entry.',
    }),
    envoyEntry(context, node),
    ...envoyEnvironmentEntries(context, node),
    ...endpoints.flatMap((endpoint) => listenerFindings(context, node, endpoint)),
    ...backendEntries(context, node),
    ...clientPolicyEntries(context, node),
    ...discoveryEntries(context, node),
    ...loggingEntries(context, node),
  ];
  return entries;
}

function envoyEntry(context: MigrationContext, node: VirtualNodeDefinition): ServiceConnectEntry {
  const task = node.task as NonNullable<VirtualNodeDefinition['task']>;
  const green = context.greenNodes.get(node.name)?.task ?? task;
  const size = serviceConnectTaskSize(green);
  const sizeText = size.grown
    ? `The task grows from cpu ${task.cpu} and memory ${task.memory} to cpu ${size.cpu} and memory ${size.memory}`
    : `The task keeps cpu ${task.cpu} and memory ${task.memory}`;
  const image = task.envoy.image ?? context.definition.ecs?.envoyImage ?? DEFAULT_ENVOY_IMAGE;
  const custom = image !== DEFAULT_ENVOY_IMAGE;
  return entry({
    code: custom ? 'ENVOY_IMAGE_LOST' : 'ENVOY_SIDECAR_REMOVED',
    status: custom ? 'lost' : 'approximated',
    severity: 'info',
    path: paths.virtualNode(context.definition.name, node.name),
    field: 'task.envoy',
    appMesh: `Envoy sidecar ${image}, proxyConfiguration APPMESH, app containers started ${task.startOrder === 'envoy-first' ? 'after Envoy is HEALTHY' : 'first'}, App Mesh permissions on ${task.taskRoleName}`,
    serviceConnect: `task definition ${green.family} without the Envoy container, proxyConfiguration, APPMESH_* variables or App Mesh permissions (task role ${green.taskRoleName}); ECS injects its own Service Connect proxy, whose image is not configurable. ${sizeText}, leaving the proxy ${PROXY_CPU} CPU units and ${PROXY_MEMORY} MiB beyond the containers' own reservations`,
    reason:
      "The Service Connect proxy is not part of the task definition but shares the task's cpu and memory. AWS recommends 256 more CPU units and at least 64 MiB for it, more above 500 requests per second.",
  });
}

const TRACING = /TRACING|XRAY|X_RAY|JAEGER|ZIPKIN|DATADOG/;
const STATS = /STATS|STATSD|PROMETHEUS/;

function envoyEnvironmentEntries(
  context: MigrationContext,
  node: VirtualNodeDefinition,
): ServiceConnectEntry[] {
  const environment = node.task?.envoy.environment ?? {};
  const keys = Object.keys(environment).sort(compareText);
  const path = paths.virtualNode(context.definition.name, node.name);
  const tracing = keys.filter((key) => TRACING.test(key));
  const stats = keys.filter((key) => !TRACING.test(key) && STATS.test(key));
  const others = keys.filter((key) => !TRACING.test(key) && !STATS.test(key));
  const text = (list: string[]) => list.map((key) => `${key}=${environment[key]}`).join(', ');
  const entries: ServiceConnectEntry[] = [];
  if (tracing.length > 0) {
    entries.push(
      entry({
        code: 'ENVOY_TRACING_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: 'task.envoy.environment',
        appMesh: `Envoy tracing: ${text(tracing)}`,
        serviceConnect: "no proxy tracing: the Service Connect proxy's Envoy settings are not configurable",
        reason: 'Trace from the application (an OpenTelemetry or X-Ray SDK) instead of from the proxy.',
      }),
    );
  }
  if (stats.length > 0) {
    entries.push(
      entry({
        code: 'ENVOY_STATS_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: 'task.envoy.environment',
        appMesh: `Envoy stats: ${text(stats)}`,
        serviceConnect:
          'Service Connect sends its own metrics to CloudWatch (names and dimensions not verified here [unverified]); no stats sinks',
        reason: "The Service Connect proxy's Envoy settings are not configurable.",
      }),
    );
  }
  if (others.length > 0) {
    entries.push(
      entry({
        code: 'ENVOY_SETTING_LOST',
        status: 'lost',
        severity: 'info',
        path,
        field: 'task.envoy.environment',
        appMesh: `Envoy settings: ${text(others)}`,
        serviceConnect: 'none: the Service Connect proxy takes no environment',
        reason:
          'Only the proxy log level (debug or info) can be set, through serviceConnectConfiguration.containerConfigurations, which the current API reference documents but the SDK models do not have yet.',
      }),
    );
  }
  return entries;
}

function backendEntries(context: MigrationContext, node: VirtualNodeDefinition): ServiceConnectEntry[] {
  if (node.backends.length === 0) return [];
  const kept = allowListKeptEntry(context, node);
  if (context.target === 'vpc-lattice') return kept.length > 0 ? kept : [allowListLostEntry(context, node)];
  const { definition } = context;
  const names = node.backends.map((backend) => backendService(definition, backend.ref)?.name ?? backend.ref);
  const allowed = new Set(names);
  const reachable = [...context.keptBy.entries()]
    .filter(([name, endpoint]) => !allowed.has(name) && context.nodes.get(endpoint.node)?.task !== undefined)
    .map(([name, endpoint]) => `${endpoint.alias?.dnsName ?? name}:${endpoint.alias?.port}`)
    .sort(compareText);
  const servers = [...allowed].sort(compareText).flatMap((name) => {
    const endpoint = context.keptBy.get(name);
    return endpoint === undefined ? [] : [{ node: endpoint.node, port: endpoint.port }];
  });
  const serverNames = [...new Set(servers.map((server) => server.node))].sort(compareText);
  const dropAll = definition.egressFilter === 'DROP_ALL';
  return [
    entry({
      code: 'BACKENDS_ALLOW_LIST_LOST',
      status: 'lost',
      severity: dropAll ? 'warning' : 'info',
      path: paths.virtualNode(definition.name, node.name),
      field: 'backends',
      appMesh: `backends ${[...allowed].sort(compareText).join(', ')}${dropAll ? `: with DROP_ALL, the only virtual services ${node.name} can call` : ''}`,
      serviceConnect: `${node.name} can call every endpoint of namespace ${context.namespace}${reachable.length === 0 ? '' : `, now also ${listText(reachable)}`}${context.lattice?.auth === 'NONE' && context.lattice.services.size > 0 ? `, and every VPC Lattice service of service network ${context.lattice.network} (authType NONE)` : ''}; the backends only order the deployment${serverNames.length === 0 ? '' : `: ${node.name}'s ECS service is created after ${listText(serverNames)}'s`}`,
      reason:
        'Service Connect has no allow-list: every task of the namespace resolves and reaches every endpoint. Tasks see only endpoints that existed when they started, so servers must come first.',
      alternative: servers.length === 0 ? undefined : allowListAlternative(context, node.name, servers),
    }),
    ...kept,
  ];
}

function clientPolicyEntries(context: MigrationContext, node: VirtualNodeDefinition): ServiceConnectEntry[] {
  const policies: { field: string; policy: ClientPolicy | undefined; target: string }[] = [
    {
      field: 'backendDefaults.clientPolicy.tls',
      policy: node.backendDefaults?.clientPolicy,
      target: 'every backend',
    },
    ...node.backends.map((backend, index) => ({
      field: `backends[${index}].clientPolicy.tls`,
      policy: backend.clientPolicy,
      target: backend.ref,
    })),
  ];
  const path = paths.virtualNode(context.definition.name, node.name);
  return policies.flatMap(({ field, policy, target }) => {
    const tls = policy?.tls;
    if (tls === undefined) return [];
    const trust = tls.validation?.trust;
    const trustText =
      trust?.acm !== undefined
        ? `ACM Private CA ${trust.acm.certificateAuthorityArns?.join(', ')}`
        : trust?.file !== undefined
          ? `CA file ${trust.file.certificateChain}`
          : `SDS secret ${trust?.sds?.secretName}`;
    const sans = tls.validation?.subjectAlternativeNames?.match?.exact;
    const appMesh = `client TLS to ${target}: trust ${trustText}${sans === undefined ? '' : `, SANs ${sans.join(', ')}`}${tls.enforce === false ? ', not enforced' : ''}${tls.ports === undefined ? '' : `, ports ${tls.ports.join(', ')}`}${tls.certificate === undefined ? '' : ', with a client certificate'}`;
    const backend = target === 'every backend' ? undefined : backendService(context.definition, target);
    const onLattice =
      context.target === 'vpc-lattice' ||
      (backend !== undefined && context.lattice?.services.has(backend.name) === true);
    if (onLattice) {
      const iam = context.lattice?.auth === 'AWS_IAM';
      return [
        entry({
          code: tls.certificate === undefined ? 'CLIENT_TLS_POLICY_LOST' : 'MTLS_LOST',
          status: 'lost',
          severity: tls.certificate === undefined || iam ? 'warning' : 'critical',
          path,
          field,
          appMesh,
          serviceConnect: `no TLS from ${node.name} to ${target}: VPC Lattice's HTTP listener and target group carry plaintext, and its rules have no client policy (trust, SANs, enforce, ports)${tls.certificate === undefined ? '' : iam ? '; callers are authenticated by IAM (AWS_IAM auth, SigV4) instead of a client certificate' : '; no caller authentication (authType NONE)'}`,
          reason:
            'A Lattice HTTPS listener needs a certificate for the custom domain name, which the plan does not set, and Lattice connects to the tasks without TLS.',
        }),
      ];
    }
    if (tls.certificate !== undefined) {
      const service = backend;
      const server = service === undefined ? undefined : serverOf(context, service.name);
      return [
        entry({
          code: 'MTLS_LOST',
          status: 'lost',
          severity: 'critical',
          path,
          field,
          appMesh,
          serviceConnect: 'no client certificate: Service Connect TLS authenticates servers only',
          reason: 'Mutual TLS is not expressible in Service Connect (containers-roadmap#2150).',
          alternative: mtlsAlternative(context, server ?? target, [node.name]),
        }),
      ];
    }
    return [
      entry({
        code: 'CLIENT_TLS_POLICY_LOST',
        status: 'approximated',
        severity: 'warning',
        path,
        field,
        appMesh,
        serviceConnect:
          context.options.tls === undefined
            ? 'no client policy: the proxies trust the Private CA of serviceConnect.tls, which is not given'
            : `no client policy: the proxies trust certificates of ${context.options.tls.certificateAuthorityArn}; trust, SANs, enforce and ports are dropped`,
        reason:
          'Service Connect TLS has no per-backend client policy, SAN matching or custom trust; it validates the Private CA it issued from.',
      }),
    ];
  });
}

function discoveryEntries(context: MigrationContext, node: VirtualNodeDefinition): ServiceConnectEntry[] {
  const discovery = node.serviceDiscovery;
  if (discovery === undefined) return [];
  const path = paths.virtualNode(context.definition.name, node.name);
  const endpoints = context.mapping.endpoints.get(node.name) ?? [];
  const names = endpoints.map((endpoint) => endpoint.discoveryName).join(', ') || 'none (a client only)';
  const entries: ServiceConnectEntry[] = [];
  if (discovery.kind === 'cloudMap') {
    const namespace = discovery.namespace ?? context.definition.namespace?.name;
    entries.push(
      entry({
        code: 'CLOUD_MAP_DISCOVERY_REPLACED',
        status: 'approximated',
        severity: 'info',
        path,
        field: 'serviceDiscovery',
        appMesh: `Cloud Map service ${discovery.service} in ${namespace}, found through DNS`,
        serviceConnect: `discoveryName ${names} in ${context.namespace}, found through the Cloud Map API by the proxies`,
        reason:
          'ECS creates and fills a Cloud Map service per endpoint; the App Mesh registration is not used.',
      }),
    );
    const attributes = Object.entries(discovery.attributes).sort(([a], [b]) => compareText(a, b));
    if (attributes.length > 0) {
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
            'Service Connect has no instance attribute filter: an endpoint is all the running tasks of its ECS service.',
        }),
      );
    }
  } else {
    entries.push(
      entry({
        code: 'DNS_DISCOVERY_REPLACED',
        status: 'approximated',
        severity: 'info',
        path,
        field: 'serviceDiscovery',
        appMesh: `DNS hostname ${discovery.hostname}${discovery.responseType === undefined ? '' : ` (${discovery.responseType})`}`,
        serviceConnect: `discoveryName ${names} in ${context.namespace}, found through the Cloud Map API by the proxies`,
        reason: 'Service Connect finds the tasks of the ECS service itself; the DNS name is not used.',
      }),
    );
  }
  entries.push(
    ...ipPreferenceEntries(context, path, 'serviceDiscovery.ipPreference', discovery.ipPreference),
  );
  return entries;
}

function loggingEntries(context: MigrationContext, node: VirtualNodeDefinition): ServiceConnectEntry[] {
  const file = node.logging?.accessLog?.file;
  if (file === undefined) return [];
  const path = paths.virtualNode(context.definition.name, node.name);
  const logGroup = context.green.ecs?.logGroup;
  const family = context.greenNodes.get(node.name)?.task?.family;
  const format = file.format;
  const scFormat = format?.json !== undefined ? 'JSON' : 'TEXT';
  const serviceConnect = `logConfiguration awslogs to log group ${logGroup} (stream prefix ${family}-service-connect) and accessLogConfiguration { format: ${scFormat} }: the proxy's fixed ${scFormat} access log on its stdout`;
  const appMesh = `access log to ${file.path}${format?.text !== undefined ? ` in text format ${JSON.stringify(format.text)}` : format?.json !== undefined ? ` in JSON with keys ${format.json.map((field) => field.key).join(', ')}` : ''}`;
  const base = { path, field: 'logging.accessLog', appMesh, serviceConnect };
  if (format !== undefined) {
    return [
      entry({
        ...base,
        code: 'ACCESS_LOG_FORMAT_LOST',
        status: 'approximated',
        severity: 'warning',
        reason:
          "Service Connect access logs have two fixed formats, TEXT and JSON; custom fields and layouts are not expressible. Access logs and the proxy's own logs share its stdout (AWS suggests FireLens to separate them).",
      }),
    ];
  }
  const stdout = file.path === '/dev/stdout';
  return [
    entry({
      ...base,
      code: stdout ? 'ACCESS_LOG_KEPT' : 'ACCESS_LOG_PATH_CHANGED',
      status: stdout ? 'kept' : 'approximated',
      severity: 'info',
      reason: stdout
        ? "Envoy's default access log on stdout, as App Mesh wrote it."
        : 'The proxy is not in the task definition, so it cannot write to a file there: access logs go to its stdout.',
    }),
  ];
}
