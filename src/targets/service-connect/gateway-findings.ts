/** Report entries for virtual gateways and their routes: Service Connect has no gateway; an ALB takes its place. */
import type { GatewayRouteDefinition, VirtualGatewayDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { gatewayAlbEntries, gatewayAlbsOf, onAlb } from '../vpc-lattice/gateway-alb-findings.js';
import {
  backendService,
  entry,
  listText,
  type MigrationContext,
  placeholder,
  type ServiceConnectEntry,
  sortedByName,
} from './migration-context.js';
import { methodAndQueryConditions, scaledWeights, targetGroupPlaceholder } from './route-alternatives.js';

export function gatewayFindings(context: MigrationContext): ServiceConnectEntry[] {
  // The Lattice plans make a gateway behind a load balancer an ALB: its entries say what that ALB does.
  const albs = gatewayAlbsOf(context);
  return sortedByName(context.definition.gateways).flatMap((gateway) => [
    ...(albs !== undefined && onAlb(albs, gateway)
      ? gatewayAlbEntries(context, albs, gateway, gatewayAppMesh(gateway))
      : [gatewayEntry(context, gateway), ...gatewayRouteFindings(context, gateway)]),
  ]);
}

function gatewayRouteFindings(
  context: MigrationContext,
  gateway: VirtualGatewayDefinition,
): ServiceConnectEntry[] {
  return [
    ...sortedByName(gateway.routes).flatMap((route, index) =>
      gatewayRouteEntries(context, gateway, route, index),
    ),
  ];
}

export interface GatewayMatch {
  prefix?: string;
  path?: { exact?: string; regex?: string };
  hostname?: { exact?: string; suffix?: string };
  method?: string;
  headers?: {
    name?: string;
    invert?: boolean;
    match?: { exact?: string; prefix?: string; suffix?: string; regex?: string };
  }[];
  queryParameters?: { name?: string; match?: { exact?: string } }[];
  serviceName?: string;
}

export interface GatewayRouteMember {
  match?: GatewayMatch;
  action?: {
    target?: { virtualService?: { virtualServiceName?: string } };
    rewrite?: {
      prefix?: { defaultPrefix?: string; value?: string };
      path?: { exact?: string };
      hostname?: { defaultTargetHostname?: string };
    };
  };
}

export function memberOf(route: GatewayRouteDefinition): { protocol: string; member: GatewayRouteMember } {
  const { spec } = route;
  for (const protocol of ['httpRoute', 'http2Route', 'grpcRoute'] as const) {
    if (spec[protocol] !== undefined) return { protocol, member: spec[protocol] as GatewayRouteMember };
  }
  return { protocol: 'httpRoute', member: {} };
}

/** The nodes (and weights) a gateway route's target name reaches in App Mesh. */
function reachedNodes(context: MigrationContext, target: string): { node: string; weight: number }[] {
  const service = backendService(context.definition, target);
  if (service === undefined) return [];
  if (service.provider.kind === 'virtualNode') return [{ node: service.provider.name, weight: 100 }];
  if (service.provider.kind === 'none') return [];
  const routerName = service.provider.name;
  const router = context.definition.routers.find((candidate) => candidate.name === routerName);
  const kept = context.keptBy.get(service.name)?.node;
  if (router?.routes.length === 1) {
    const route = router.routes[0];
    const member = (route?.spec.httpRoute ??
      route?.spec.http2Route ??
      route?.spec.grpcRoute ??
      route?.spec.tcpRoute) as
      | { action?: { weightedTargets?: { virtualNode?: string; weight?: number }[] } }
      | undefined;
    const targets = member?.action?.weightedTargets ?? [];
    const weights = scaledWeights(targets.map((candidate) => candidate.weight ?? 0));
    return targets.map((candidate, at) => ({
      node: candidate.virtualNode ?? '',
      weight: weights[at] as number,
    }));
  }
  return kept === undefined ? [] : [{ node: kept, weight: 100 }];
}

/** The gateway as App Mesh runs it: its listeners, ECS service and load balancer. */
function gatewayAppMesh(gateway: VirtualGatewayDefinition): string {
  const listeners = (gateway.spec.listeners ?? [])
    .map(
      (listener) =>
        `${listener.portMapping?.protocol} ${listener.portMapping?.port}${listener.tls === undefined ? '' : ' with TLS'}`,
    )
    .join(', ');
  const balancer = gateway.task?.loadBalancer;
  return `virtual gateway ${gateway.name} (listeners ${listeners}${gateway.task === undefined ? '' : `, ECS service ${gateway.task.serviceName}`}${balancer === undefined ? '' : `, ${balancer.scheme} NLB ${balancer.name} port ${balancer.port ?? ''}`.trimEnd()})`;
}

function gatewayEntry(context: MigrationContext, gateway: VirtualGatewayDefinition): ServiceConnectEntry {
  const balancer = gateway.task?.loadBalancer;
  const nodes = [
    ...new Set(
      gateway.routes.flatMap((route) =>
        reachedNodes(
          context,
          memberOf(route).member.action?.target?.virtualService?.virtualServiceName ?? '',
        ).map((reached) => reached.node),
      ),
    ),
  ].sort();
  return entry({
    code: 'GATEWAY_LOST',
    status: 'lost',
    severity: 'critical',
    path: paths.virtualGateway(context.definition.name, gateway.name),
    appMesh: gatewayAppMesh(gateway),
    serviceConnect:
      context.target === 'vpc-lattice'
        ? 'nothing: no gateway task, no load balancer; traffic from outside the VPC has no way in'
        : 'nothing: no gateway task, no load balancer; traffic from outside the namespace has no way in',
    reason:
      context.target === 'service-connect'
        ? 'Service Connect has no gateway. A load balancer can send outside traffic to Service Connect services directly.'
        : balancer === undefined
          ? 'Not compiled: a VPC Lattice service can play its role for callers inside the VPC. A load balancer can send outside traffic to the ECS services directly.'
          : 'Not compiled: the plan replaces only an http or http2 gateway with an ALB. A load balancer can send outside traffic to the ECS services directly.',
    alternative: {
      service: 'ALB',
      fields: {
        CreateService: nodes.map((node) => {
          const task = context.greenNodes.get(node)?.task;
          const endpoint = context.mapping.endpoints.get(node)?.[0];
          const container =
            task?.containers.find((candidate) => candidate.port === endpoint?.port) ?? task?.containers[0];
          return {
            serviceName: task?.serviceName ?? node,
            loadBalancers: [
              {
                targetGroupArn: targetGroupPlaceholder('ALB', node, endpoint?.port),
                containerName: container?.name ?? placeholder('container name'),
                containerPort: endpoint?.port ?? container?.port,
              },
            ],
          };
        }),
      },
      note: `An ${balancer?.scheme ?? 'internet-facing'} ALB replaces ${gateway.name}${balancer === undefined ? '' : ` and ${balancer.name}`}: one listener per gateway listener, one rule per gateway route (see their entries), target groups on the ECS services the routes reach (${listText(nodes)}). An ECS service takes at most five target groups.`,
    },
  });
}

function gatewayRouteEntries(
  context: MigrationContext,
  gateway: VirtualGatewayDefinition,
  route: GatewayRouteDefinition,
  index: number,
): ServiceConnectEntry[] {
  const path = paths.gatewayRoute(context.definition.name, gateway.name, route.name);
  const { protocol, member } = memberOf(route);
  const target = member.action?.target?.virtualService?.virtualServiceName ?? '';
  const targetName = backendService(context.definition, target)?.name ?? target;
  const match = member.match ?? {};
  const port = gateway.spec.listeners?.[0]?.portMapping?.port ?? 0;
  const { transforms, rewrites } = gatewayRewrites(protocol, member, targetName);
  const conditions = gatewayConditions(match);
  const rule = {
    CreateRule: {
      ListenerArn: placeholder(`ALB listener replacing ${gateway.name} port ${port}`),
      Priority: route.spec.priority === undefined ? 1001 + index : route.spec.priority + 1,
      Conditions:
        conditions.length === 0
          ? [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }]
          : conditions,
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: reachedNodes(context, target).map((reached) => ({
              TargetGroupArn: targetGroupPlaceholder('ALB', reached.node),
              Weight: reached.weight,
            })),
          },
        },
      ],
      ...(transforms.length === 0 ? {} : { Transforms: transforms }),
    },
  };
  const entries: ServiceConnectEntry[] = [
    entry({
      code: 'GATEWAY_ROUTE_LOST',
      status: 'lost',
      severity: 'critical',
      path,
      field: `spec.${protocol}`,
      appMesh: `gateway route ${JSON.stringify(match)} to ${targetName}`,
      serviceConnect: 'nothing: requests from outside no longer reach it',
      reason: 'Gateway routes need a gateway; an ALB listener rule matches and forwards the same requests.',
      alternative: {
        service: 'ALB',
        fields: rule,
        note: "ALB path patterns use * and ? wildcards; weights are shares of the target router's total (0-999). The rewrite behaviour of Transforms is not verified against App Mesh's [unverified].",
      },
    }),
  ];
  if (rewrites.length > 0) {
    entries.push(
      entry({
        code: 'GATEWAY_REWRITE_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: `spec.${protocol}.action.rewrite`,
        appMesh: `rewrites ${listText(rewrites)}`,
        serviceConnect: 'no rewrite: the service would see the path and Host the caller sent',
        reason:
          'Only a gateway rewrites requests; App Mesh rewrites the matched prefix and the Host header unless told not to.',
        alternative: {
          service: 'ALB',
          fields: { CreateRule: { Transforms: transforms } },
          note: 'ALB rule transforms rewrite with a regular expression [behaviour unverified].',
        },
      }),
    );
  }
  if (match.hostname !== undefined) {
    const value = match.hostname.exact ?? `*${match.hostname.suffix ?? ''}`;
    entries.push(
      entry({
        code: 'GATEWAY_HOSTNAME_MATCH_LOST',
        status: 'lost',
        severity: 'warning',
        path,
        field: `spec.${protocol}.match.hostname`,
        appMesh: `hostname ${match.hostname.exact === undefined ? `ending in ${match.hostname.suffix}` : match.hostname.exact}`,
        serviceConnect: 'no hostname match',
        reason: 'Service Connect does not route on the Host header.',
        alternative: {
          service: 'ALB',
          fields: {
            CreateRule: { Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [value] } }] },
          },
          note: 'ALB host-header conditions take * and ? wildcards.',
        },
      }),
    );
  }
  return entries;
}

/** What App Mesh rewrites on a gateway route (its defaults included), and the ALB transforms that do it. */
export function gatewayRewrites(
  protocol: string,
  member: GatewayRouteMember,
  targetName: string,
): { transforms: Record<string, unknown>[]; rewrites: string[] } {
  const match = member.match ?? {};
  const rewrite = member.action?.rewrite;
  const transforms: Record<string, unknown>[] = [];
  const rewrites: string[] = [];
  if (protocol !== 'grpcRoute') {
    if (rewrite?.path?.exact !== undefined) {
      transforms.push(urlRewrite('^.*$', rewrite.path.exact));
      rewrites.push(`path to ${rewrite.path.exact}`);
    } else if (match.prefix !== undefined && rewrite?.prefix?.value !== undefined) {
      transforms.push(urlRewrite(`^${match.prefix}`, rewrite.prefix.value));
      rewrites.push(`prefix ${match.prefix} to ${rewrite.prefix.value}`);
    } else if (
      match.prefix !== undefined &&
      match.prefix !== '/' &&
      rewrite?.prefix?.defaultPrefix !== 'DISABLED'
    ) {
      transforms.push(urlRewrite(`^${match.prefix}`, '/'));
      rewrites.push(`prefix ${match.prefix} to / (App Mesh's default)`);
    }
  }
  if (rewrite?.hostname?.defaultTargetHostname !== 'DISABLED') {
    transforms.push({
      Type: 'host-header-rewrite',
      HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^.*$', Replace: targetName }] },
    });
    rewrites.push(`Host header to ${targetName} (App Mesh's default)`);
  }
  return { transforms, rewrites };
}

function urlRewrite(regex: string, replace: string): Record<string, unknown> {
  return { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: regex, Replace: replace }] } };
}

function gatewayConditions(match: GatewayMatch): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [];
  const path =
    match.path?.regex !== undefined
      ? { RegexValues: [match.path.regex] }
      : match.path?.exact !== undefined
        ? { Values: [match.path.exact] }
        : match.prefix !== undefined
          ? { Values: [`${match.prefix}*`] }
          : match.serviceName !== undefined
            ? { Values: [`/${match.serviceName}/*`] }
            : undefined;
  if (path !== undefined) conditions.push({ Field: 'path-pattern', PathPatternConfig: path });
  if (match.hostname !== undefined) {
    conditions.push({
      Field: 'host-header',
      HostHeaderConfig: { Values: [match.hostname.exact ?? `*${match.hostname.suffix ?? ''}`] },
    });
  }
  for (const header of match.headers ?? []) {
    if (header.invert === true) continue;
    const value = header.match;
    const values =
      value?.regex !== undefined
        ? { RegexValues: [value.regex] }
        : {
            Values: [
              value?.exact ??
                (value?.prefix !== undefined
                  ? `${value.prefix}*`
                  : value?.suffix !== undefined
                    ? `*${value.suffix}`
                    : '*'),
            ],
          };
    conditions.push({ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: header.name, ...values } });
  }
  return [...conditions, ...methodAndQueryConditions(match)];
}
