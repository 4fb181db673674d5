/**
 * Routes of virtual routers: one protocol member, priority, weighted targets, matches, retry
 * policy, timeouts, and their fit with the router's listeners.
 */
import type { GrpcRetryPolicy, HttpRetryPolicy, RouteSpec, WeightedTarget } from '@aws-sdk/client-app-mesh';
import type { VirtualRouterDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import {
  checkDuration,
  checkInteger,
  checkListSize,
  checkOneOf,
  checkPort,
  checkUnion,
  field,
  REQUIRED,
} from './checks.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';
import {
  checkGrpcMatch,
  checkHeaders,
  checkMethod,
  checkPathMatch,
  checkQueryParameters,
  HTTP_SCHEMES,
} from './matches.js';
import { ROUTE_MEMBERS, ROUTE_PROTOCOL, type RouteMember } from './route-kinds.js';
import { checkListenerFit } from './route-listeners.js';

export const HTTP_RETRY_EVENTS = ['server-error', 'gateway-error', 'client-error', 'stream-error'] as const;
export const GRPC_RETRY_EVENTS = [
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
] as const;

const TARGETS_REQUIRED = Object.freeze({
  required: true,
  explanation: 'App Mesh allows at most 10 weighted targets per route, and this quota cannot be raised.',
});
const PRIORITY_OPTIONS = Object.freeze({ explanation: '0 is the highest priority.' });

function checkWeightedTargets(
  out: PlanIssue[],
  context: ValidationContext,
  path: string,
  base: string,
  targets: readonly WeightedTarget[] | undefined,
): void {
  const at = field(base, 'action.weightedTargets');
  if (!checkListSize(out, 'INVALID_TARGET_COUNT', path, at, targets, 1, 10, TARGETS_REQUIRED)) return;
  const list = targets ?? [];
  // Indexed: the definition's lists are frozen (see context.ts).
  for (let index = 0; index < list.length; index++) {
    const target = list[index] as WeightedTarget;
    const targetField = `${at}[${index}]`;
    checkInteger(out, 'INVALID_WEIGHT', path, field(targetField, 'weight'), target.weight, 0, 100, REQUIRED);
    const node = target.virtualNode === undefined ? undefined : context.nodes.get(target.virtualNode);
    if (target.port !== undefined) {
      if (
        checkPort(out, path, field(targetField, 'port'), target.port) &&
        node &&
        node.listeners.length > 0
      ) {
        const ports = node.listeners.map((listener) => listener.portMapping?.port);
        if (!ports.includes(target.port)) {
          out.push(
            issue(
              'INVALID_PORT',
              path,
              `a listener port of node ${show(node.name)} (${ports.join(', ')})`,
              show(target.port),
              {
                field: field(targetField, 'port'),
              },
            ),
          );
        }
      }
    } else if (node && node.listeners.length > 1) {
      out.push(
        issue(
          'MISSING_ROUTE_PORT',
          path,
          `a target port (node ${show(node.name)} has several listeners)`,
          'nothing',
          {
            field: field(targetField, 'port'),
          },
        ),
      );
    }
  }
  if (list.length > 0 && list.every((target) => target.weight === 0)) {
    out.push(
      issue('ALL_WEIGHTS_ZERO', path, 'at least one weight above 0', list.map((t) => t.weight).join(', '), {
        field: at,
        explanation: 'Weights are relative; with every weight 0 the route sends traffic nowhere.',
      }),
    );
  }
}

function checkRetryPolicy(
  out: PlanIssue[],
  path: string,
  base: string,
  policy: HttpRetryPolicy | GrpcRetryPolicy | undefined,
  grpc: boolean,
): void {
  if (!policy) return;
  checkInteger(
    out,
    'INVALID_VALUE',
    path,
    field(base, 'maxRetries'),
    policy.maxRetries,
    0,
    undefined,
    REQUIRED,
  );
  checkDuration(out, path, field(base, 'perRetryTimeout'), policy.perRetryTimeout, REQUIRED);
  const httpEvents = policy.httpRetryEvents;
  const tcpEvents = policy.tcpRetryEvents;
  const grpcEvents = grpc ? (policy as GrpcRetryPolicy).grpcRetryEvents : undefined;
  if (httpEvents === undefined && tcpEvents === undefined && grpcEvents === undefined) {
    const kinds = grpc
      ? 'httpRetryEvents, tcpRetryEvents or grpcRetryEvents'
      : 'httpRetryEvents or tcpRetryEvents';
    out.push(issue('INVALID_VALUE', path, `at least one of ${kinds}`, 'none', { field: base }));
  }
  if (httpEvents !== undefined) {
    checkListSize(out, 'INVALID_VALUE', path, field(base, 'httpRetryEvents'), httpEvents, 1, 25);
    httpEvents.forEach((event, index) => {
      checkOneOf(
        out,
        'INVALID_VALUE',
        path,
        `${field(base, 'httpRetryEvents')}[${index}]`,
        event,
        HTTP_RETRY_EVENTS,
      );
    });
  }
  if (tcpEvents !== undefined) {
    checkListSize(out, 'INVALID_VALUE', path, field(base, 'tcpRetryEvents'), tcpEvents, 1, 1);
    tcpEvents.forEach((event, index) => {
      checkOneOf(out, 'INVALID_VALUE', path, `${field(base, 'tcpRetryEvents')}[${index}]`, event, [
        'connection-error',
      ]);
    });
  }
  if (grpcEvents !== undefined) {
    checkListSize(out, 'INVALID_VALUE', path, field(base, 'grpcRetryEvents'), grpcEvents, 1, 5);
    grpcEvents.forEach((event, index) => {
      checkOneOf(
        out,
        'INVALID_VALUE',
        path,
        `${field(base, 'grpcRetryEvents')}[${index}]`,
        event,
        GRPC_RETRY_EVENTS,
      );
    });
  }
}

function checkTimeouts(out: PlanIssue[], path: string, base: string, timeout: object | undefined): void {
  if (!timeout) return;
  const durations = timeout as Record<string, { value?: number; unit?: string } | undefined>;
  for (const key of ['perRequest', 'idle']) {
    checkDuration(out, path, field(base, `timeout.${key}`), durations[key]);
  }
}

/** Everything about one route member that does not depend on the router. */
function checkRouteMember(
  out: PlanIssue[],
  context: ValidationContext,
  path: string,
  member: RouteMember,
  spec: RouteSpec,
): number | undefined {
  const base = `spec.${member}`;
  if (member === 'tcpRoute') {
    const route = spec.tcpRoute;
    checkWeightedTargets(out, context, path, base, route?.action?.weightedTargets);
    checkPort(out, path, field(base, 'match.port'), route?.match?.port);
    checkTimeouts(out, path, base, route?.timeout);
    return route?.match?.port;
  }
  if (member === 'grpcRoute') {
    const route = spec.grpcRoute;
    checkWeightedTargets(out, context, path, base, route?.action?.weightedTargets);
    const match = route?.match;
    if (!match) {
      out.push(issue('INVALID_MATCH', path, 'a match', 'nothing', { field: field(base, 'match') }));
    } else {
      checkGrpcMatch(out, path, field(base, 'match'), match);
      checkPort(out, path, field(base, 'match.port'), match.port);
    }
    checkRetryPolicy(out, path, field(base, 'retryPolicy'), route?.retryPolicy, true);
    checkTimeouts(out, path, base, route?.timeout);
    return match?.port;
  }
  const route = spec[member];
  checkWeightedTargets(out, context, path, base, route?.action?.weightedTargets);
  const match = route?.match;
  const matchField = field(base, 'match');
  if (!match || (match.prefix === undefined && match.path === undefined)) {
    out.push(
      issue('INVALID_MATCH', path, 'a match with a prefix or a path', 'neither', {
        field: matchField,
        explanation: 'Use prefix "/" to match every request.',
      }),
    );
  }
  if (match) {
    checkPathMatch(out, path, matchField, match.prefix, match.path);
    checkHeaders(out, path, field(matchField, 'headers'), match.headers);
    checkQueryParameters(out, path, field(matchField, 'queryParameters'), match.queryParameters);
    checkMethod(out, path, matchField, match.method);
    checkOneOf(out, 'INVALID_MATCH', path, field(matchField, 'scheme'), match.scheme, HTTP_SCHEMES);
    checkPort(out, path, field(matchField, 'port'), match.port);
  }
  checkRetryPolicy(out, path, field(base, 'retryPolicy'), route?.retryPolicy, false);
  checkTimeouts(out, path, base, route?.timeout);
  return match?.port;
}

function checkRouter(out: PlanIssue[], context: ValidationContext, router: VirtualRouterDefinition): void {
  const listeners = router.listeners.map((listener) => ({
    port: listener.portMapping?.port,
    protocol: listener.portMapping?.protocol,
  }));
  for (const route of router.routes) {
    const path = paths.route(context.mesh, router.name, route.name);
    const spec = route.spec;
    checkInteger(out, 'INVALID_PRIORITY', path, 'spec.priority', spec.priority, 0, 1000, PRIORITY_OPTIONS);
    // The members in ROUTE_MEMBERS order, written out rather than built from entries for each route.
    const members = {
      httpRoute: spec.httpRoute,
      http2Route: spec.http2Route,
      grpcRoute: spec.grpcRoute,
      tcpRoute: spec.tcpRoute,
    };
    const member = checkUnion(out, path, 'spec', members, ROUTE_MEMBERS, REQUIRED);
    if (!member) continue;
    const matchPort = checkRouteMember(out, context, path, member, spec);
    checkListenerFit(out, {
      path,
      base: `spec.${member}`,
      protocol: ROUTE_PROTOCOL[member],
      matchPort,
      listeners,
      parent: `virtual router ${show(router.name)}`,
      missingPortCode: 'MISSING_ROUTE_PORT',
    });
  }
}

export function checkRoutes(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  for (const router of context.definition.routers) checkRouter(out, context, router);
  return out;
}
