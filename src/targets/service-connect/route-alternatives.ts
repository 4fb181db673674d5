/**
 * The request fields that re-create a route's routing where Service Connect cannot: a VPC Lattice
 * rule when Lattice can express the match, else an internal ALB rule (regex, query strings), with
 * the route's weights. Field names follow the services' API models; values are this mesh's.
 */
import type { HealthCheckPolicy, WeightedTarget } from '@aws-sdk/client-app-mesh';
import type { RouteDefinition } from '../../definition/mesh-definition.js';
import { placeholder } from './migration-context.js';

interface HeaderLike {
  readonly name?: string;
  readonly invert?: boolean;
  readonly match?: {
    readonly exact?: string;
    readonly prefix?: string;
    readonly suffix?: string;
    readonly regex?: string;
    readonly range?: unknown;
  };
}

export interface RouteMatchLike {
  readonly prefix?: string;
  readonly path?: { readonly exact?: string; readonly regex?: string };
  readonly headers?: readonly HeaderLike[];
  readonly metadata?: readonly HeaderLike[];
  readonly method?: string;
  readonly queryParameters?: readonly {
    readonly name?: string;
    readonly match?: { readonly exact?: string };
  }[];
  readonly scheme?: string;
  readonly port?: number;
  readonly serviceName?: string;
  readonly methodName?: string;
}

export interface RouteMemberLike {
  readonly match?: RouteMatchLike;
  readonly action?: { readonly weightedTargets?: readonly WeightedTarget[] };
  readonly retryPolicy?: {
    readonly maxRetries?: number;
    readonly perRetryTimeout?: { readonly value?: number; readonly unit?: string };
    readonly httpRetryEvents?: readonly string[];
    readonly tcpRetryEvents?: readonly string[];
    readonly grpcRetryEvents?: readonly string[];
  };
  readonly timeout?: Record<string, { readonly value?: number; readonly unit?: string } | undefined>;
}

export type RouteProtocol = 'httpRoute' | 'http2Route' | 'grpcRoute' | 'tcpRoute';

/** The route's one protocol member and its name. */
export function routeMember(route: RouteDefinition): { protocol: RouteProtocol; member: RouteMemberLike } {
  const { spec } = route;
  for (const protocol of ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const) {
    const member = spec[protocol];
    if (member !== undefined) return { protocol, member: member as RouteMemberLike };
  }
  return { protocol: 'httpRoute', member: {} };
}

/** A route's retry policy as App Mesh applies it: `up to 2 retries on server-error, 1 s each`. */
export function describeRetryPolicy(retry: NonNullable<RouteMemberLike['retryPolicy']>): string {
  const events = [
    ...(retry.httpRetryEvents ?? []),
    ...(retry.tcpRetryEvents ?? []),
    ...(retry.grpcRetryEvents ?? []),
  ];
  return `up to ${retry.maxRetries} retries on ${events.join(', ')}, ${retry.perRetryTimeout?.value} ${retry.perRetryTimeout?.unit} each`;
}

/** A route's timeouts as App Mesh applies them: `perRequest 15 s, idle 30 s`. */
export function describeRouteTimeouts(timeout: NonNullable<RouteMemberLike['timeout']>): string {
  return Object.entries(timeout)
    .filter(([, value]) => value !== undefined)
    .map(([kind, value]) => `${kind} ${value?.value} ${value?.unit}`)
    .join(', ');
}

/**
 * Weights as percentages of the route's total when they divide evenly (4 : 1 gives 80 and 20),
 * else as shares of 1000 by largest remainder: VPC Lattice and ALB weights are relative, 0-999.
 */
export function scaledWeights(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return weights.map(() => 0);
  if (weights.every((weight) => (weight * 100) % total === 0)) {
    return weights.map((weight) => (weight * 100) / total);
  }
  const exact = weights.map((weight) => (weight * 1000) / total);
  const scaled = exact.map(Math.floor);
  let left = 1000 - scaled.reduce((sum, weight) => sum + weight, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    scaled[index] = (scaled[index] as number) + 1;
    left--;
  }
  return scaled;
}

/** A VPC Lattice name: lowercase letters, digits and single hyphens, 3 to `max` characters. */
export function latticeName(name: string, max = 63): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  const padded = cleaned.length >= 3 ? cleaned : `${cleaned}-mesh`.replace(/^-/, '');
  return /^(rule|svc|tg|listener)-/.test(padded) ? `x${padded}`.slice(0, max) : padded;
}

/** Lattice and ALB priorities start at 1; App Mesh's start at 0. Routes without one go last, in order. */
export function rulePriority(route: RouteDefinition, index: number): number {
  return route.spec.priority === undefined ? 1001 + index : route.spec.priority + 1;
}

export function targetGroupPlaceholder(service: 'VPC Lattice' | 'ALB', node: string, port?: number): string {
  return placeholder(`${service} target group of ${node}${port === undefined ? '' : ` port ${port}`}`);
}

/** What a VPC Lattice `httpMatch` cannot say about this match; empty when it can say everything. */
export function latticeGaps(protocol: RouteProtocol, match: RouteMatchLike | undefined): string[] {
  if (protocol === 'tcpRoute')
    return ['TCP routing (VPC Lattice listeners are HTTP, HTTPS or TLS_PASSTHROUGH)'];
  const gaps: string[] = [];
  if (match?.path?.regex !== undefined) gaps.push(`path regex ${match.path.regex}`);
  for (const header of [...(match?.headers ?? []), ...(match?.metadata ?? [])]) {
    if (header.invert === true) gaps.push(`inverted header ${header.name}`);
    const kind = header.match === undefined ? undefined : Object.keys(header.match)[0];
    if (kind === 'suffix' || kind === 'regex' || kind === 'range') gaps.push(`header ${header.name} ${kind}`);
  }
  if ((match?.headers?.length ?? 0) + (match?.metadata?.length ?? 0) > 5) gaps.push('more than 5 headers');
  if (match?.queryParameters !== undefined && match.queryParameters.length > 0) gaps.push('query parameters');
  if (match?.scheme !== undefined) gaps.push(`scheme ${match.scheme}`);
  if (match?.port !== undefined) gaps.push(`port ${match.port}`);
  return gaps;
}

/** What an ALB rule cannot say about this match. */
export function albGaps(protocol: RouteProtocol, match: RouteMatchLike | undefined): string[] {
  if (protocol === 'tcpRoute') return ['TCP routing (ALB rules are HTTP)'];
  const gaps: string[] = [];
  for (const header of [...(match?.headers ?? []), ...(match?.metadata ?? [])]) {
    if (header.invert === true) gaps.push(`inverted header ${header.name}`);
    if (header.match?.range !== undefined) gaps.push(`header ${header.name} range`);
  }
  if (match?.scheme !== undefined) gaps.push(`scheme ${match.scheme}`);
  if (match?.port !== undefined) gaps.push(`port ${match.port}`);
  return gaps;
}

/** gRPC requests are HTTP/2 POSTs to `/<package.Service>/<Method>`: a path match stands in for service and method. */
function grpcPath(match: RouteMatchLike | undefined): { exact?: string; prefix?: string } | undefined {
  if (match?.serviceName === undefined) return undefined;
  return match.methodName === undefined
    ? { prefix: `/${match.serviceName}/` }
    : { exact: `/${match.serviceName}/${match.methodName}` };
}

function latticeHttpMatch(
  protocol: RouteProtocol,
  match: RouteMatchLike | undefined,
): Record<string, unknown> {
  const path =
    protocol === 'grpcRoute'
      ? grpcPath(match)
      : match?.path?.exact !== undefined
        ? { exact: match.path.exact }
        : match?.prefix !== undefined
          ? { prefix: match.prefix }
          : undefined;
  const headers = [...(match?.headers ?? []), ...(match?.metadata ?? [])]
    .filter((header) => header.match?.exact !== undefined || header.match?.prefix !== undefined)
    .map((header) => ({
      name: header.name,
      match:
        header.match?.exact !== undefined ? { exact: header.match.exact } : { prefix: header.match?.prefix },
    }));
  return {
    ...(path === undefined ? {} : { pathMatch: { match: path, caseSensitive: true } }),
    ...(match?.method === undefined ? {} : { method: match.method }),
    ...(headers.length === 0 ? {} : { headerMatches: headers }),
  };
}

interface RuleInput {
  readonly router: string;
  readonly port: number;
  readonly route: RouteDefinition;
  readonly index: number;
}

function weightedTargets(member: RouteMemberLike): { node: string; port?: number; weight: number }[] {
  const targets = member.action?.weightedTargets ?? [];
  const weights = scaledWeights(targets.map((target) => target.weight ?? 0));
  return targets.map((target, at) => ({
    node: target.virtualNode ?? '',
    ...(target.port === undefined ? {} : { port: target.port }),
    weight: weights[at] as number,
  }));
}

/** `CreateRule` of VPC Lattice for the route (when Lattice can express its match). */
export function latticeRule({ router, port, route, index }: RuleInput): Record<string, unknown> {
  const { protocol, member } = routeMember(route);
  return {
    CreateRule: {
      serviceIdentifier: placeholder(`VPC Lattice service of ${router}`),
      listenerIdentifier: placeholder(`listener of ${router} port ${port}`),
      name: latticeName(route.name),
      priority: rulePriority(route, index),
      match: { httpMatch: latticeHttpMatch(protocol, member.match) },
      action: {
        forward: {
          targetGroups: weightedTargets(member).map((target) => ({
            targetGroupIdentifier: targetGroupPlaceholder('VPC Lattice', target.node, target.port),
            weight: target.weight,
          })),
        },
      },
    },
  };
}

function albConditions(
  protocol: RouteProtocol,
  match: RouteMatchLike | undefined,
): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [];
  const grpc = protocol === 'grpcRoute' ? grpcPath(match) : undefined;
  const path =
    grpc !== undefined
      ? { Values: [grpc.exact ?? `${grpc.prefix}*`] }
      : match?.path?.regex !== undefined
        ? { RegexValues: [match.path.regex] }
        : match?.path?.exact !== undefined
          ? { Values: [match.path.exact] }
          : match?.prefix !== undefined
            ? { Values: [`${match.prefix}*`] }
            : undefined;
  if (path !== undefined) conditions.push({ Field: 'path-pattern', PathPatternConfig: path });
  for (const header of [...(match?.headers ?? []), ...(match?.metadata ?? [])]) {
    const value = header.match;
    const values =
      value?.exact !== undefined
        ? { Values: [value.exact] }
        : value?.prefix !== undefined
          ? { Values: [`${value.prefix}*`] }
          : value?.suffix !== undefined
            ? { Values: [`*${value.suffix}`] }
            : value?.regex !== undefined
              ? { RegexValues: [value.regex] }
              : value === undefined
                ? { Values: ['*'] }
                : undefined;
    if (values !== undefined && header.invert !== true)
      conditions.push({ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: header.name, ...values } });
  }
  return [...conditions, ...methodAndQueryConditions(match)];
}

/** ALB conditions for a match's method and query parameters (a `*` value when only the name must be there). */
export function methodAndQueryConditions(
  match:
    | {
        readonly method?: string;
        readonly queryParameters?: readonly { name?: string; match?: { exact?: string } }[];
      }
    | undefined,
): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [];
  if (match?.method !== undefined)
    conditions.push({ Field: 'http-request-method', HttpRequestMethodConfig: { Values: [match.method] } });
  if (match?.queryParameters !== undefined && match.queryParameters.length > 0) {
    conditions.push({
      Field: 'query-string',
      QueryStringConfig: {
        Values: match.queryParameters.map((parameter) => ({
          Key: parameter.name,
          Value: parameter.match?.exact ?? '*',
        })),
      },
    });
  }
  return conditions;
}

/** `CreateRule` of Elastic Load Balancing (an internal ALB) for the route. */
export function albRule({ router, port, route, index }: RuleInput): Record<string, unknown> {
  const { protocol, member } = routeMember(route);
  const conditions = albConditions(protocol, member.match);
  return {
    CreateRule: {
      ListenerArn: placeholder(`internal ALB listener for ${router} port ${port}`),
      Priority: rulePriority(route, index),
      Conditions:
        conditions.length === 0
          ? [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }]
          : conditions,
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: weightedTargets(member).map((target) => ({
              TargetGroupArn: targetGroupPlaceholder('ALB', target.node, target.port),
              Weight: target.weight,
            })),
          },
        },
      ],
    },
  };
}

/** VPC Lattice `HealthCheckConfig` for an App Mesh health check policy (seconds rounded up). */
export function latticeHealthCheck(check: HealthCheckPolicy): Record<string, unknown> | undefined {
  if (check.protocol === 'grpc') return undefined;
  return {
    enabled: true,
    protocol: check.protocol === 'tcp' ? 'TCP' : 'HTTP',
    ...(check.protocol === 'http2'
      ? { protocolVersion: 'HTTP2' }
      : check.protocol === 'http'
        ? { protocolVersion: 'HTTP1' }
        : {}),
    ...(check.port === undefined ? {} : { port: check.port }),
    ...(check.path === undefined ? {} : { path: check.path }),
    healthCheckIntervalSeconds: Math.ceil((check.intervalMillis ?? 0) / 1000),
    healthCheckTimeoutSeconds: Math.ceil((check.timeoutMillis ?? 0) / 1000),
    healthyThresholdCount: check.healthyThreshold,
    unhealthyThresholdCount: check.unhealthyThreshold,
  };
}
