/**
 * Listeners of nodes, routers and gateways: port and protocol, and the per-listener timeout,
 * outlier detection and connection pool, whose protocol must match the listener's.
 * Health checks and TLS have their own rule files.
 */
import type { Duration, Listener, VirtualGatewayListener } from '@aws-sdk/client-app-mesh';
import type { VirtualNodeDefinition, VirtualRouterDefinition } from '../definition/mesh-definition.js';
import {
  type CheckOptions,
  checkDuration,
  checkInteger,
  checkOneOf,
  checkPort,
  checkUnion,
  field,
  memberOf,
  REQUIRED,
} from './checks.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';

export const LISTENER_PROTOCOLS = ['http', 'http2', 'grpc', 'tcp'] as const;
export const GATEWAY_LISTENER_PROTOCOLS = ['http', 'http2', 'grpc'] as const;

const GATEWAY_PROTOCOL_REQUIRED: CheckOptions = Object.freeze({
  required: true,
  explanation: 'A virtual gateway cannot listen on tcp.',
});

/** `base` is the listener's field, e.g. `listeners[0]`. */
function checkPortMapping(
  out: PlanIssue[],
  path: string,
  base: string,
  portMapping: { readonly port?: number | undefined; readonly protocol?: string | undefined } | undefined,
  protocols: readonly string[],
): void {
  if (!portMapping) {
    out.push(
      issue('INVALID_PORT', path, 'a portMapping { port, protocol }', 'nothing', {
        field: field(base, 'portMapping'),
      }),
    );
    return;
  }
  checkPort(out, path, field(base, 'portMapping.port'), portMapping.port, REQUIRED);
  checkOneOf(
    out,
    'INVALID_VALUE',
    path,
    field(base, 'portMapping.protocol'),
    portMapping.protocol,
    protocols,
    protocols === GATEWAY_LISTENER_PROTOCOLS ? GATEWAY_PROTOCOL_REQUIRED : REQUIRED,
  );
}

/** A union member (timeout, connection pool) must be the listener's own protocol. */
function checkMemberProtocol(
  out: PlanIssue[],
  path: string,
  fieldName: string,
  member: string | undefined,
  protocol: string | undefined,
): void {
  if (member === undefined || protocol === undefined || member === protocol) return;
  out.push(
    issue('PROTOCOL_MISMATCH', path, `${show(protocol)} (the listener's protocol)`, show(member), {
      field: fieldName,
    }),
  );
}

/** Each protocol's pool limits, integers >= 1: the one the App Mesh model requires, and an optional one. */
const POOL_FIELDS: Readonly<Record<string, { readonly required: string; readonly optional?: string }>> = {
  tcp: { required: 'maxConnections' },
  http: { required: 'maxConnections', optional: 'maxPendingRequests' },
  http2: { required: 'maxRequests' },
  grpc: { required: 'maxRequests' },
};

function checkPoolValues(
  out: PlanIssue[],
  path: string,
  base: string,
  member: string,
  pool: object | undefined,
): void {
  if (!pool) return;
  const fields = POOL_FIELDS[member];
  if (!fields) return;
  const values = pool as Record<string, unknown>;
  const { required, optional } = fields;
  checkInteger(out, 'INVALID_VALUE', path, field(base, required), values[required], 1, undefined, REQUIRED);
  if (optional) checkInteger(out, 'INVALID_VALUE', path, field(base, optional), values[optional], 1);
}

function checkNodeListener(out: PlanIssue[], path: string, base: string, listener: Listener): void {
  checkPortMapping(out, path, base, listener.portMapping, LISTENER_PROTOCOLS);
  const protocol = listener.portMapping?.protocol;

  const timeoutMember = checkUnion(out, path, field(base, 'timeout'), listener.timeout, LISTENER_PROTOCOLS);
  if (timeoutMember) {
    checkMemberProtocol(out, path, field(base, 'timeout'), timeoutMember, protocol);
    const timeout =
      memberOf<{ perRequest?: Duration; idle?: Duration }>(listener.timeout, timeoutMember) ?? {};
    for (const key of ['perRequest', 'idle'] as const) {
      checkDuration(out, path, field(base, `timeout.${timeoutMember}.${key}`), timeout[key]);
    }
  }

  const outlier = listener.outlierDetection;
  if (outlier) {
    const at = field(base, 'outlierDetection');
    checkInteger(
      out,
      'INVALID_VALUE',
      path,
      field(at, 'maxServerErrors'),
      outlier.maxServerErrors,
      1,
      undefined,
      REQUIRED,
    );
    checkInteger(
      out,
      'INVALID_VALUE',
      path,
      field(at, 'maxEjectionPercent'),
      outlier.maxEjectionPercent,
      0,
      100,
      REQUIRED,
    );
    checkDuration(out, path, field(at, 'interval'), outlier.interval, REQUIRED);
    checkDuration(out, path, field(at, 'baseEjectionDuration'), outlier.baseEjectionDuration, REQUIRED);
  }

  const poolMember = checkUnion(
    out,
    path,
    field(base, 'connectionPool'),
    listener.connectionPool,
    LISTENER_PROTOCOLS,
  );
  if (poolMember) {
    checkMemberProtocol(out, path, field(base, 'connectionPool'), poolMember, protocol);
    checkPoolValues(
      out,
      path,
      field(base, `connectionPool.${poolMember}`),
      poolMember,
      memberOf<object>(listener.connectionPool, poolMember),
    );
  }
}

function checkGatewayListener(
  out: PlanIssue[],
  path: string,
  base: string,
  listener: VirtualGatewayListener,
): void {
  checkPortMapping(out, path, base, listener.portMapping, GATEWAY_LISTENER_PROTOCOLS);
  const poolMember = checkUnion(
    out,
    path,
    field(base, 'connectionPool'),
    listener.connectionPool,
    GATEWAY_LISTENER_PROTOCOLS,
  );
  if (poolMember) {
    checkMemberProtocol(out, path, field(base, 'connectionPool'), poolMember, listener.portMapping?.protocol);
    checkPoolValues(
      out,
      path,
      field(base, `connectionPool.${poolMember}`),
      poolMember,
      memberOf<object>(listener.connectionPool, poolMember),
    );
  }
}

export function checkListeners(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition } = context;
  const { nodes, routers } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const { listeners } = nodes[i] as VirtualNodeDefinition;
    for (let index = 0; index < listeners.length; index++) {
      checkNodeListener(
        out,
        context.nodePaths[i] as string,
        `listeners[${index}]`,
        listeners[index] as Listener,
      );
    }
  }
  for (let i = 0; i < routers.length; i++) {
    const router = routers[i] as VirtualRouterDefinition;
    const path = context.routerPaths[i] as string;
    if (router.listeners.length === 0) {
      out.push(
        issue('MISSING_LISTENER', path, 'at least one listener', '0 listeners', {
          field: 'listeners',
          explanation: 'Routes match on a router listener; without one the router can carry no traffic.',
        }),
      );
    }
    router.listeners.forEach((listener, index) => {
      checkPortMapping(out, path, `listeners[${index}]`, listener.portMapping, LISTENER_PROTOCOLS);
    });
  }
  definition.gateways.forEach((gateway, g) => {
    const path = context.gatewayPaths[g] as string;
    const listeners = gateway.spec.listeners ?? [];
    if (listeners.length === 0) {
      out.push(
        issue('MISSING_LISTENER', path, 'at least one listener', '0 listeners', { field: 'spec.listeners' }),
      );
    }
    listeners.forEach((listener, index) => {
      checkGatewayListener(out, path, `spec.listeners[${index}]`, listener);
    });
  });
  return out;
}
