/**
 * Report entries for what the Lattice targets put on VPC Lattice: the service network, each virtual
 * service's Lattice service (and the DNS record its name needs), each router's listener and each
 * route's rule (what Lattice keeps, and what it cannot express, by name), and the backends
 * allow-list that AWS_IAM auth enforces again. The entries say what the plan does: they read the
 * same rule mapping (route-rule.ts) and names (limits.ts) as routing.ts.
 */
import type {
  RouteDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
  VirtualServiceDefinition,
} from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { planNameOf } from '../../plan/names.js';
import {
  backendService,
  compareText,
  entry,
  listText,
  type MigrationContext,
  type ServiceConnectEntry,
} from '../service-connect/migration-context.js';
import {
  albGaps,
  albRule,
  describeRetryPolicy,
  describeRouteTimeouts,
  routeMember,
} from '../service-connect/route-alternatives.js';
import { latticeName, latticeServiceName } from './limits.js';
import { latticeRouteRule } from './route-rule.js';

const DNS_REASON =
  "Lattice answers the custom domain name once a DNS record points it at the service: create it in a Route 53 private hosted zone associated with the VPC (a CNAME to the service's dnsEntry.domainName, known once the service exists).";

function targetGroupName(context: MigrationContext, node: string, port: number, listeners: number): string {
  const base = `${planNameOf(context.green)}-${node}`;
  return latticeName(listeners > 1 ? `${base}-${port}` : base, 'targetGroup');
}

/** The target group the plan makes for a node's listener on this port (its first one otherwise). */
function groupOf(context: MigrationContext, node: string, port?: number): string {
  const listeners =
    context.nodes.get(node)?.listeners.filter((listener) => listener.portMapping?.port !== undefined) ?? [];
  const listener = listeners.find((candidate) => candidate.portMapping?.port === port) ?? listeners[0];
  return targetGroupName(context, node, listener?.portMapping?.port ?? 0, listeners.length);
}

export function meshLatticeEntry(context: MigrationContext): ServiceConnectEntry[] {
  const { lattice, definition } = context;
  if (lattice === undefined || lattice.services.size === 0) return [];
  const ecs = context.green.ecs;
  return [
    entry({
      code: 'MESH_BECOMES_SERVICE_NETWORK',
      status: 'kept',
      severity: 'info',
      path: paths.mesh(definition.name),
      field: 'name',
      appMesh: `mesh ${definition.name}`,
      serviceConnect: `VPC Lattice service network ${lattice.network} (authType ${lattice.auth}), associated with VPC ${ecs?.vpcId} and security group ${ecs?.meshSecurityGroup}; every Lattice service of the plan is associated with it`,
      reason: `A service network groups the services its associated VPCs can call, as the mesh did. The tasks must admit VPC Lattice: allow the managed prefix list com.amazonaws.${ecs?.region}.vpc-lattice in their security group.`,
    }),
  ];
}

/** The entries of a virtual service on Lattice: its Lattice service, and its router's listener. */
export function latticeServiceEntries(
  context: MigrationContext,
  service: VirtualServiceDefinition,
): ServiceConnectEntry[] {
  const path = paths.virtualService(context.definition.name, service.name);
  const { provider } = service;
  if (provider.kind === 'none') return [];
  const auth = context.lattice?.auth ?? 'NONE';
  const name = latticeServiceName(service.name, context.nameSuffix);
  const base = `VPC Lattice service ${name} (customDomainName ${service.name}, authType ${auth}) in service network ${context.lattice?.network}`;
  const appMesh = `virtual service ${service.name} (provider ${provider.kind === 'virtualNode' ? 'node' : 'router'} ${provider.name})`;
  const unreachable = (why: string) =>
    entry({
      code: 'VIRTUAL_SERVICE_NO_ENDPOINT',
      status: 'lost',
      severity: 'critical',
      path,
      field: 'provider',
      appMesh,
      serviceConnect: `no VPC Lattice service: ${why}`,
      reason: 'VPC Lattice listeners are HTTP, HTTPS or TLS_PASSTHROUGH; its rules match HTTP requests.',
    });
  if (provider.kind === 'virtualNode') {
    const node = context.nodes.get(provider.name);
    const listeners = (node?.listeners ?? []).filter((listener) => listener.portMapping?.port !== undefined);
    if (listeners.some((listener) => listener.portMapping?.protocol === 'tcp'))
      return [
        unreachable(
          `${provider.name} has a TCP listener, which Lattice carries only as TLS_PASSTHROUGH (the plan refuses it)`,
        ),
      ];
    if (listeners.length === 0) return [unreachable(`${provider.name} has no listener`)];
    const forwards = listeners.map((listener) => {
      const port = listener.portMapping?.port ?? 0;
      return `listener HTTP ${port} forwarding to target group ${targetGroupName(context, provider.name, port, listeners.length)}`;
    });
    return [
      entry({
        code: 'VIRTUAL_SERVICE_ON_LATTICE',
        status: 'kept',
        severity: 'warning',
        path,
        field: 'name',
        appMesh,
        serviceConnect: `${base}: ${forwards.join('; ')}. Needs a DNS record: ${service.name} CNAME <dnsEntry.domainName of ${name}>`,
        reason: DNS_REASON,
      }),
    ];
  }
  const router = context.definition.routers.find((candidate) => candidate.name === provider.name);
  const portMapping = router?.listeners[0]?.portMapping;
  if (router === undefined || portMapping?.port === undefined) return [];
  if (portMapping.protocol === 'tcp')
    return [unreachable(`router ${router.name} has a TCP listener (the plan refuses it)`)];
  return [
    entry({
      code: 'VIRTUAL_SERVICE_ON_LATTICE',
      status: 'kept',
      severity: 'warning',
      path,
      field: 'name',
      appMesh,
      serviceConnect: `${base}. Needs a DNS record: ${service.name} CNAME <dnsEntry.domainName of ${name}>`,
      reason: DNS_REASON,
    }),
    entry({
      code: 'ROUTER_ON_LATTICE',
      status: 'kept',
      severity: 'info',
      path,
      field: 'provider.virtualRouter',
      appMesh: `router ${router.name}: ${portMapping.protocol} listener on port ${portMapping.port}, ${router.routes.length} route${router.routes.length === 1 ? '' : 's'}`,
      serviceConnect: `listener ${portMapping.protocol}-${portMapping.port} (HTTP, port ${portMapping.port}) on ${name}, one rule per route; requests no rule matches get its default action, a fixed 404`,
      reason: 'App Mesh answered requests no route matched with 404 too.',
    }),
  ];
}

/** Routes in a fixed order whatever the declaration order: by priority, then name. */
function orderedRoutes(router: VirtualRouterDefinition): RouteDefinition[] {
  return [...router.routes].sort(
    (a, b) => (a.spec.priority ?? 1001) - (b.spec.priority ?? 1001) || compareText(a.name, b.name),
  );
}

/** One route as one Lattice rule: its weights, its match, and its retry policy and timeout. */
export function latticeRouteEntries(
  context: MigrationContext,
  router: VirtualRouterDefinition,
): ServiceConnectEntry[] {
  const port = router.listeners[0]?.portMapping?.port ?? 0;
  return orderedRoutes(router).flatMap((route) => {
    const path = paths.route(context.definition.name, router.name, route.name);
    const { protocol, member } = routeMember(route);
    const rule = latticeRouteRule(route, router.routes.indexOf(route));
    const ruleName = latticeName(route.name, 'rule');
    const entries: ServiceConnectEntry[] = [];
    const targets = member.action?.weightedTargets ?? [];
    if (targets.filter((target) => (target.weight ?? 0) > 0).length > 1)
      entries.push(
        entry({
          code: 'ROUTE_WEIGHTS_KEPT',
          status: 'kept',
          severity: 'info',
          path,
          field: `spec.${protocol}.action.weightedTargets`,
          appMesh: `weighted targets ${targets.map((target) => `${target.virtualNode} ${target.weight}`).join(' : ')}`,
          serviceConnect: `rule ${ruleName} forwards to ${rule.targets.map((target) => `${groupOf(context, target.node, target.port)} ${target.weight}`).join(' : ')}`,
          reason:
            "Lattice weights are 0-999 and relative: App Mesh's 0-100 times 9, so every ratio stays exact.",
        }),
      );
    const gaps = rule.notExpressible.filter((gap) => gap !== 'retryPolicy' && gap !== 'timeout');
    const ruleText = `rule ${ruleName}, priority ${rule.priority}, match ${JSON.stringify({ httpMatch: rule.match })}`;
    const appMesh = `priority ${route.spec.priority ?? `none (position ${router.routes.indexOf(route) + 1})`}, match ${JSON.stringify(member.match ?? {})}`;
    if (gaps.length === 0) {
      entries.push(
        entry({
          code: 'ROUTE_MATCH_KEPT',
          status: 'kept',
          severity: 'info',
          path,
          field: `spec.${protocol}.match`,
          appMesh,
          serviceConnect: ruleText,
          reason: `Path exact or prefix, method and up to 5 exact or prefix header matches are Lattice rule conditions, case-sensitive as on App Mesh; the priority is App Mesh's plus 1 (else the position plus 1).${protocol === 'grpcRoute' ? ' A gRPC call is POST /<package.Service>/<Method>: service and method become the path, metadata the headers.' : ''}`,
        }),
      );
    } else {
      const alb = albGaps(protocol, member.match as never);
      entries.push(
        entry({
          code: 'ROUTE_MATCH_APPROXIMATED',
          status: 'approximated',
          severity: 'critical',
          path,
          field: `spec.${protocol}.match`,
          appMesh,
          serviceConnect: `${ruleText}, without ${listText(gaps)}: requests these conditions excluded now match the rule`,
          reason:
            'VPC Lattice matches path exact or prefix, method and header exact, prefix or contains only: no regex, suffix, range, inverted, query-parameter, scheme or port condition.',
          alternative:
            alb.length === 0
              ? {
                  service: 'ALB',
                  fields: albRule({ router: router.name, port, route, index: router.routes.indexOf(route) }),
                  note: `An internal ALB rule can match ${listText(gaps)}; callers would then call the ALB instead of the Lattice service.`,
                }
              : undefined,
        }),
      );
    }
    const retry = member.retryPolicy;
    if (retry !== undefined) {
      entries.push(
        entry({
          code: 'ROUTE_RETRY_POLICY_LOST',
          status: 'lost',
          severity: (retry.maxRetries ?? 0) > 0 ? 'warning' : 'info',
          path,
          field: `spec.${protocol}.retryPolicy`,
          appMesh: describeRetryPolicy(retry),
          serviceConnect: `rule ${ruleName} without retries: VPC Lattice has no retry settings (whether it retries by itself is not documented [unverified])`,
          reason:
            'Retry in the client, and make sure requests to non-idempotent services can be repeated safely.',
        }),
      );
    }
    if (member.timeout !== undefined) {
      const timeouts = describeRouteTimeouts(member.timeout);
      entries.push(
        entry({
          code: 'ROUTE_TIMEOUT_LOST',
          status: 'lost',
          severity: 'warning',
          path,
          field: `spec.${protocol}.timeout`,
          appMesh: `route timeout ${timeouts}`,
          serviceConnect:
            "VPC Lattice's own timeouts: no per-request timeout, the service's idle timeout (idleTimeoutSeconds 60-600, default 60, not set by the plan)",
          reason:
            'Lattice timeouts belong to the service, not to a rule; time out in the client where it matters.',
        }),
      );
    }
    return entries;
  });
}

/** The Lattice services a node calls (its backends on Lattice), by virtual service name. */
export function latticeBackends(context: MigrationContext, node: VirtualNodeDefinition): string[] {
  const names = node.backends.map((backend) => backendService(context.definition, backend.ref)?.name);
  return [...new Set(names)]
    .filter((name): name is string => name !== undefined && context.lattice?.services.has(name) === true)
    .sort(compareText);
}

/** With AWS_IAM: the node's backends on Lattice admit its task role, and no other node's. */
export function allowListKeptEntry(
  context: MigrationContext,
  node: VirtualNodeDefinition,
): ServiceConnectEntry[] {
  const names = latticeBackends(context, node);
  if (context.lattice?.auth !== 'AWS_IAM' || names.length === 0 || node.task === undefined) return [];
  const role = context.greenNodes.get(node.name)?.task?.taskRoleName ?? node.task.taskRoleName;
  return [
    entry({
      code: 'BACKENDS_ALLOW_LIST_KEPT',
      status: 'kept',
      severity: 'warning',
      path: paths.virtualNode(context.definition.name, node.name),
      field: 'backends',
      appMesh: `backends ${names.join(', ')}`,
      serviceConnect: `the auth policies of ${listText(names.map((name) => latticeServiceName(name, context.nameSuffix)))} allow task role ${role} (with the other nodes listing them), and ${role} may invoke exactly those services (inline policy vpc-lattice-invoke)`,
      reason:
        'AWS_IAM auth enforces the allow-list App Mesh enforced; the application must sign its requests with SigV4 (service vpc-lattice-svcs) using its task role credentials, or get 403.',
    }),
  ];
}

/** With auth NONE on `vpc-lattice`: any caller in the associated VPC reaches every Lattice service. */
export function allowListLostEntry(
  context: MigrationContext,
  node: VirtualNodeDefinition,
): ServiceConnectEntry {
  const names = [
    ...new Set(
      node.backends.map((backend) => backendService(context.definition, backend.ref)?.name ?? backend.ref),
    ),
  ].sort(compareText);
  const dropAll = context.definition.egressFilter === 'DROP_ALL';
  return entry({
    code: 'BACKENDS_ALLOW_LIST_LOST',
    status: 'lost',
    severity: dropAll ? 'warning' : 'info',
    path: paths.virtualNode(context.definition.name, node.name),
    field: 'backends',
    appMesh: `backends ${names.join(', ')}${dropAll ? `: with DROP_ALL, the only virtual services ${node.name} can call` : ''}`,
    serviceConnect: `${node.name} can call every VPC Lattice service of service network ${context.lattice?.network} (authType NONE), as can anything in the associated VPC`,
    reason: 'With auth type NONE, Lattice checks no caller: the backends are not enforced.',
    alternative: {
      service: 'VPC Lattice',
      fields: { plan: { target: 'vpc-lattice', vpcLattice: { auth: 'AWS_IAM' } } },
      note: 'With AWS_IAM auth the plan enforces the backends again (one auth policy per service, allowing the task roles of its callers); callers must then sign their requests with SigV4.',
    },
  });
}
