/** Report entries for one node listener: its port, health check, timeouts, outlier detection, pool and TLS. */
import type { Listener } from '@aws-sdk/client-app-mesh';
import type { VirtualNodeDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { targetGroupHealthEntries } from '../vpc-lattice/node-findings.js';
import { routerTargetNodes, type ServiceConnectEndpoint } from './endpoints.js';
import { infrastructureRoleName } from './green-names.js';
import { entry, type MigrationContext, millisText, type ServiceConnectEntry } from './migration-context.js';
import { latticeHealthCheck } from './route-alternatives.js';
import { mtlsAlternative } from './security-alternatives.js';

export function listenerFindings(
  context: MigrationContext,
  node: VirtualNodeDefinition,
  endpoint: ServiceConnectEndpoint,
): ServiceConnectEntry[] {
  const listener = node.listeners[endpoint.listenerIndex] as Listener;
  const path = paths.virtualNode(context.definition.name, node.name);
  const field = `listeners[${endpoint.listenerIndex}]`;
  const entries: ServiceConnectEntry[] = [portEntry(path, field, endpoint)];
  if (endpoint.discoveryName !== node.name) {
    entries.push(
      entry({
        code: 'DISCOVERY_NAME_CHANGED',
        status: 'approximated',
        severity: 'info',
        path,
        field,
        appMesh: `node name ${node.name}`,
        serviceConnect: `discoveryName ${endpoint.discoveryName}`,
        reason:
          'A discoveryName has 1 to 64 lowercase letters, digits, _ and -, is unique in the namespace, and a node with several listeners needs one per listener.',
      }),
    );
  }
  // A router's target on VPC Lattice: its target group runs the health check for the routed
  // traffic; Service Connect's loss stays for the callers of the node's own names.
  const onLattice = context.lattice !== undefined && latticeRouterTargets(context).has(node.name);
  if (onLattice) entries.push(...targetGroupHealthEntries(context, node, listener));
  if (listener.healthCheck !== undefined && (!onLattice || endpoint.alias !== undefined))
    entries.push(healthCheckEntry(context, node, endpoint, listener));
  entries.push(...timeoutEntries(path, `${field}.timeout`, endpoint));
  if (listener.outlierDetection !== undefined) {
    const { maxServerErrors, interval, baseEjectionDuration, maxEjectionPercent } = listener.outlierDetection;
    entries.push(
      entry({
        code: 'OUTLIER_DETECTION_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: `${field}.outlierDetection`,
        appMesh: `outlier detection: eject after ${maxServerErrors} server errors in ${durationText(interval)}, for ${durationText(baseEjectionDuration)}, at most ${maxEjectionPercent}% of tasks`,
        serviceConnect:
          "Service Connect's built-in outlier detection, with AWS-managed settings (not documented [unverified])",
        reason:
          'Service Connect has no outlier detection fields; VPC Lattice and ALB use active health checks only.',
      }),
    );
  }
  if (listener.connectionPool !== undefined) {
    const [protocol, limits] = Object.entries(listener.connectionPool)[0] ?? ['', {}];
    entries.push(
      entry({
        code: 'CONNECTION_POOL_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: `${field}.connectionPool`,
        appMesh: `${protocol} connection pool ${JSON.stringify(limits)}`,
        serviceConnect: 'no connection limits: the proxy uses its defaults',
        reason:
          'Service Connect, VPC Lattice and ALB have no connection pool settings; limit concurrency in the application if it relied on them.',
      }),
    );
  }
  entries.push(...tlsEntries(context, node, endpoint, listener));
  return entries;
}

function durationText(value: { value?: number; unit?: string } | undefined): string {
  if (value === undefined) return '?';
  return millisText(value.unit === 's' ? (value.value ?? 0) * 1000 : (value.value ?? 0));
}

function portEntry(path: string, field: string, endpoint: ServiceConnectEndpoint): ServiceConnectEntry {
  const app =
    endpoint.appProtocol === undefined ? 'no appProtocol (TCP)' : `appProtocol ${endpoint.appProtocol}`;
  return entry({
    code: 'LISTENER_PORT_KEPT',
    status: 'kept',
    severity: 'info',
    path,
    field,
    appMesh: `listener ${endpoint.protocol} port ${endpoint.port}`,
    serviceConnect: `portMappings { name ${endpoint.portName}, containerPort ${endpoint.port}, ${app} } and services[] { portName ${endpoint.portName}, discoveryName ${endpoint.discoveryName} }`,
    reason:
      'Each listener becomes one Service Connect endpoint. appProtocol cannot change on an existing Service Connect service: a later protocol change means deleting and re-creating the ECS service.',
  });
}

function healthCheckEntry(
  context: MigrationContext,
  node: VirtualNodeDefinition,
  endpoint: ServiceConnectEndpoint,
  listener: Listener,
): ServiceConnectEntry {
  const check = listener.healthCheck;
  const path = paths.virtualNode(context.definition.name, node.name);
  const field = `listeners[${endpoint.listenerIndex}].healthCheck`;
  const appMesh = `${check?.protocol} health check${check?.path === undefined ? '' : ` ${check.path}`} on port ${check?.port ?? endpoint.port} every ${millisText(check?.intervalMillis ?? 0)}, timeout ${millisText(check?.timeoutMillis ?? 0)}, healthy after ${check?.healthyThreshold}, unhealthy after ${check?.unhealthyThreshold}`;
  const containers = node.task?.containers ?? [];
  const container = containers.find((candidate) => candidate.port === endpoint.port) ?? containers[0];
  const own =
    container?.healthCheck !== undefined ? ` Container ${container.name} keeps its own health check.` : '';
  const base = {
    code: 'HEALTH_CHECK_LOST' as const,
    status: 'lost' as const,
    severity: 'warning' as const,
    path,
    field,
    appMesh,
    serviceConnect: `no health check policy: the proxy's built-in checks (not configurable) decide which tasks get traffic.${own}`,
    reason:
      'Service Connect has no health check fields, and it may send traffic to tasks that are not ready yet (containers-roadmap#2334).',
  };
  if (check === undefined) return entry(base);
  if ((check.protocol === 'http' || check.protocol === 'http2') && container !== undefined) {
    return entry({
      ...base,
      alternative: {
        service: 'ECS task definition',
        fields: {
          RegisterTaskDefinition: {
            containerDefinitions: [
              {
                name: container.name,
                healthCheck: {
                  command: [
                    'CMD-SHELL',
                    `curl -f http://localhost:${check.port ?? endpoint.port}${check.path ?? '/'} || exit 1`,
                  ],
                  interval: Math.ceil((check.intervalMillis ?? 0) / 1000),
                  timeout: Math.ceil((check.timeoutMillis ?? 0) / 1000),
                  retries: check.unhealthyThreshold,
                },
              },
            ],
          },
        },
        note: "A container health check runs in the task, not in the proxy, and needs curl in the image. AWS's workaround for traffic before readiness: a non-essential container that dependsOn this one with condition HEALTHY. A VPC Lattice target group takes the same policy as healthCheck.",
      },
    });
  }
  const lattice = latticeHealthCheck(check);
  return entry({
    ...base,
    ...(lattice === undefined
      ? {}
      : {
          alternative: {
            service: 'VPC Lattice',
            fields: {
              CreateTargetGroup: { type: 'IP', config: { port: endpoint.port, healthCheck: lattice } },
            },
            note: 'Only for traffic sent through VPC Lattice; Service Connect itself does not read it.',
          },
        }),
  });
}

function timeoutEntries(
  path: string,
  field: string,
  endpoint: ServiceConnectEndpoint,
): ServiceConnectEntry[] {
  const timeout = endpoint.timeout;
  if (timeout === undefined) return [];
  const parts: string[] = [];
  if (timeout.idleTimeoutSeconds !== undefined) {
    const from = timeout.roundedFromMs.idle;
    parts.push(
      `idleTimeoutSeconds ${timeout.idleTimeoutSeconds}${from === undefined ? '' : ` (${from} ms rounded up)`}`,
    );
  }
  if (timeout.perRequestTimeoutSeconds !== undefined) {
    const from = timeout.roundedFromMs.perRequest;
    parts.push(
      `perRequestTimeoutSeconds ${timeout.perRequestTimeoutSeconds}${from === undefined ? '' : ` (${from} ms rounded up)`}`,
    );
  }
  const rounded = Object.keys(timeout.roundedFromMs).length > 0;
  const appMesh = [
    timeout.idleTimeoutSeconds === undefined
      ? undefined
      : `idle ${millisText(timeout.roundedFromMs.idle ?? timeout.idleTimeoutSeconds * 1000)}`,
    timeout.perRequestTimeoutSeconds === undefined
      ? undefined
      : `per request ${millisText(timeout.roundedFromMs.perRequest ?? timeout.perRequestTimeoutSeconds * 1000)}`,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return [
    entry({
      code: rounded ? 'TIMEOUT_ROUNDED' : 'TIMEOUT_KEPT',
      status: rounded ? 'approximated' : 'kept',
      severity: rounded ? 'warning' : 'info',
      path,
      field,
      appMesh: `${endpoint.protocol} timeout: ${appMesh}`,
      serviceConnect: `timeout { ${parts.join(', ')} } on the ${endpoint.portName} endpoint`,
      reason: rounded
        ? 'Service Connect timeouts are whole seconds; rounding up never cuts a request App Mesh would have let finish, but requests now run longer before timing out.'
        : 'Service Connect timeouts are whole seconds, as these are. If the idle timeout is below the per-request one, the idle one wins.',
    }),
  ];
}

function tlsEntries(
  context: MigrationContext,
  node: VirtualNodeDefinition,
  endpoint: ServiceConnectEndpoint,
  listener: Listener,
): ServiceConnectEntry[] {
  const tls = listener.tls;
  if (tls === undefined || !endpoint.tls) return [];
  const path = paths.virtualNode(context.definition.name, node.name);
  const field = `listeners[${endpoint.listenerIndex}].tls`;
  const certificate = tls.certificate;
  const source =
    certificate?.acm !== undefined
      ? `ACM certificate ${certificate.acm.certificateArn}`
      : certificate?.file !== undefined
        ? `certificate file ${certificate.file.certificateChain}`
        : `SDS secret ${certificate?.sds?.secretName}`;
  const appMesh = `TLS ${tls.mode} with ${source}`;
  const entries: ServiceConnectEntry[] = [];
  const options = context.options.tls;
  if (options === undefined) {
    entries.push(
      entry({
        code: 'TLS_WITHOUT_CA',
        status: 'lost',
        severity: 'critical',
        path,
        field,
        appMesh,
        serviceConnect:
          'no plan: give serviceConnect.tls.certificateAuthorityArn (an AWS Private CA), or the traffic would silently become plain text',
        reason:
          'Service Connect TLS certificates come only from AWS Private CA; the CA is not part of the App Mesh definition.',
      }),
    );
  } else {
    const role =
      options.roleArn ??
      `${infrastructureRoleName(context.definition.name, context.options)} (created by the plan)`;
    const permissive =
      tls.mode === 'PERMISSIVE'
        ? ' PERMISSIVE mode (plain text accepted too) has no equivalent: callers without Service Connect TLS may fail [unverified].'
        : '';
    entries.push(
      entry({
        code: 'TLS_VIA_PRIVATE_CA',
        status: 'approximated',
        severity: 'warning',
        path,
        field,
        appMesh,
        serviceConnect: `tls { issuerCertificateAuthority.awsPcaAuthorityArn ${options.certificateAuthorityArn}${options.kmsKey === undefined ? '' : `, kmsKey ${options.kmsKey}`}, roleArn ${role} } on the ${endpoint.portName} endpoint`,
        reason: `ECS issues, distributes and rotates the certificates from the Private CA (short-lived mode recommended; no revocation; TLS 1.3 only); ${source} is no longer used.${permissive}`,
      }),
    );
  }
  if (tls.validation !== undefined) {
    entries.push(
      entry({
        code: 'MTLS_LOST',
        status: 'lost',
        severity: 'critical',
        path,
        field: `${field}.validation`,
        appMesh: `clients must present a certificate trusted by ${Object.keys(tls.validation.trust ?? {}).join(', ')}${tls.validation.subjectAlternativeNames === undefined ? '' : ` with SANs ${tls.validation.subjectAlternativeNames.match?.exact?.join(', ')}`}`,
        serviceConnect: 'no client certificates: any task in the namespace can connect',
        reason:
          'Service Connect TLS is server-certificate TLS between proxies; mutual TLS is an open request (containers-roadmap#2150).',
        alternative: mtlsAlternative(context, node.name),
      }),
    );
  }
  return entries;
}

/** The nodes the routers on VPC Lattice route to: each has a Lattice target group. */
function latticeRouterTargets(context: MigrationContext): Set<string> {
  const routers = context.definition.services.flatMap((service) =>
    service.provider.kind === 'virtualRouter' && context.lattice?.services.has(service.name) === true
      ? [service.provider.name]
      : [],
  );
  return new Set(
    context.definition.routers
      .filter((router) => routers.includes(router.name))
      .flatMap((router) => routerTargetNodes(router)),
  );
}
