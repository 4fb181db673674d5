/**
 * Gateway routes: one protocol member, priority, matches, rewrites, target port, and their fit
 * with the gateway's listeners. (Whether the target service exists is a reference rule.)
 */
import type { GatewayRouteSpec, HttpGatewayRoute } from '@aws-sdk/client-app-mesh';
import type { VirtualGatewayDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import {
  checkInteger,
  checkLength,
  checkOneOf,
  checkPattern,
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
  checkHostnameMatch,
  checkMethod,
  checkPathMatch,
  checkQueryParameters,
} from './matches.js';
import { GATEWAY_ROUTE_MEMBERS, ROUTE_PROTOCOL } from './route-kinds.js';
import { checkListenerFit } from './route-listeners.js';

const STARTS_WITH_SLASH = /^\//;
const STARTS_AND_ENDS_WITH_SLASH = /^\/(.*\/)?$/;
const ENABLED_DISABLED = ['ENABLED', 'DISABLED'] as const;

function checkHttpRewrite(out: PlanIssue[], path: string, base: string, route: HttpGatewayRoute): void {
  const rewrite = route.action?.rewrite;
  if (!rewrite) return;
  const at = field(base, 'action.rewrite');
  const match = route.match;
  const prefix = rewrite.prefix;
  if (prefix) {
    const prefixField = field(at, 'prefix');
    checkOneOf(
      out,
      'INVALID_VALUE',
      path,
      field(prefixField, 'defaultPrefix'),
      prefix.defaultPrefix,
      ENABLED_DISABLED,
    );
    if (prefix.defaultPrefix !== undefined && prefix.value !== undefined) {
      out.push(
        issue('INVALID_VALUE', path, 'either defaultPrefix or value', 'both', {
          field: prefixField,
        }),
      );
    }
    if (
      prefix.value !== undefined &&
      checkLength(out, 'INVALID_VALUE', path, field(prefixField, 'value'), prefix.value, 1, 255)
    ) {
      checkPattern(
        out,
        'INVALID_VALUE',
        path,
        field(prefixField, 'value'),
        prefix.value,
        STARTS_AND_ENDS_WITH_SLASH,
        'a prefix that starts and ends with "/"',
      );
      if (match?.prefix !== undefined && !match.prefix.endsWith('/')) {
        out.push(
          issue(
            'INVALID_MATCH',
            path,
            'a match prefix ending with "/" when the prefix is rewritten',
            show(match.prefix),
            {
              field: field(base, 'match.prefix'),
              explanation: `Rewriting ${show(match.prefix)} to ${show(prefix.value)} would join path segments.`,
            },
          ),
        );
      }
    }
    if (match?.prefix === undefined) {
      out.push(
        issue('INVALID_MATCH', path, 'a prefix match for a prefix rewrite', 'no match prefix', {
          field: field(base, 'match.prefix'),
        }),
      );
    }
  }
  if (rewrite.path) {
    const pathField = field(at, 'path.exact');
    if (checkLength(out, 'INVALID_VALUE', path, pathField, rewrite.path.exact, 1, 255, REQUIRED)) {
      checkPattern(
        out,
        'INVALID_VALUE',
        path,
        pathField,
        rewrite.path.exact,
        STARTS_WITH_SLASH,
        'a path starting with "/"',
      );
    }
    if (match?.path === undefined) {
      out.push(
        issue('INVALID_MATCH', path, 'a path match for a path rewrite', 'no match path', {
          field: field(base, 'match.path'),
        }),
      );
    }
  }
  checkOneOf(
    out,
    'INVALID_VALUE',
    path,
    field(at, 'hostname.defaultTargetHostname'),
    rewrite.hostname?.defaultTargetHostname,
    ENABLED_DISABLED,
  );
}

/** Checks the member and returns its match port. */
function checkMember(
  out: PlanIssue[],
  path: string,
  member: (typeof GATEWAY_ROUTE_MEMBERS)[number],
  spec: GatewayRouteSpec,
): number | undefined {
  const base = `spec.${member}`;
  const matchField = field(base, 'match');
  const target = (member === 'grpcRoute' ? spec.grpcRoute : spec[member])?.action?.target;
  checkPort(out, path, field(base, 'action.target.port'), target?.port);

  if (member === 'grpcRoute') {
    const route = spec.grpcRoute;
    const match = route?.match;
    if (!match) {
      out.push(issue('INVALID_MATCH', path, 'a match', 'nothing', { field: matchField }));
      return undefined;
    }
    checkGrpcMatch(out, path, matchField, match);
    checkHostnameMatch(out, path, field(matchField, 'hostname'), match.hostname);
    checkPort(out, path, field(matchField, 'port'), match.port);
    checkOneOf(
      out,
      'INVALID_VALUE',
      path,
      field(base, 'action.rewrite.hostname.defaultTargetHostname'),
      route?.action?.rewrite?.hostname?.defaultTargetHostname,
      ENABLED_DISABLED,
    );
    return match.port;
  }

  const route = spec[member];
  const match = route?.match;
  if (
    !route ||
    !match ||
    (match.prefix === undefined && match.path === undefined && match.hostname === undefined)
  ) {
    out.push(
      issue('INVALID_MATCH', path, 'a match with a prefix, a path or a hostname', 'none of them', {
        field: matchField,
      }),
    );
  }
  if (!route || !match) return undefined;
  checkPathMatch(out, path, matchField, match.prefix, match.path);
  checkHostnameMatch(out, path, field(matchField, 'hostname'), match.hostname);
  checkHeaders(out, path, field(matchField, 'headers'), match.headers);
  checkQueryParameters(out, path, field(matchField, 'queryParameters'), match.queryParameters);
  checkMethod(out, path, matchField, match.method);
  checkPort(out, path, field(matchField, 'port'), match.port);
  checkHttpRewrite(out, path, base, route);
  return match.port;
}

function checkGateway(out: PlanIssue[], context: ValidationContext, gateway: VirtualGatewayDefinition): void {
  const listeners = (gateway.spec.listeners ?? []).map((listener) => ({
    port: listener.portMapping?.port,
    protocol: listener.portMapping?.protocol,
  }));
  for (const route of gateway.routes) {
    const path = paths.gatewayRoute(context.mesh, gateway.name, route.name);
    const spec = route.spec;
    checkInteger(out, 'INVALID_PRIORITY', path, 'spec.priority', spec.priority, 0, 1000, {
      explanation: '0 is the highest priority.',
    });
    const members = Object.fromEntries(GATEWAY_ROUTE_MEMBERS.map((member) => [member, spec[member]]));
    const member = checkUnion(out, path, 'spec', members, GATEWAY_ROUTE_MEMBERS, REQUIRED);
    if (!member) continue;
    const matchPort = checkMember(out, path, member, spec);
    checkListenerFit(out, {
      path,
      base: `spec.${member}`,
      protocol: ROUTE_PROTOCOL[member],
      matchPort,
      listeners,
      parent: `virtual gateway ${show(gateway.name)}`,
      missingPortCode: 'MISSING_GATEWAY_ROUTE_PORT',
    });
  }
}

export function checkGatewayRoutes(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  for (const gateway of context.definition.gateways) checkGateway(out, context, gateway);
  return out;
}
