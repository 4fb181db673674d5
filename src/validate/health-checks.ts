/** Listener health checks of nodes and gateways (HealthCheckPolicy limits from the App Mesh model). */
import type { HealthCheckPolicy, Listener, VirtualGatewayHealthCheckPolicy } from '@aws-sdk/client-app-mesh';
import type { VirtualNodeDefinition } from '../definition/mesh-definition.js';
import {
  type CheckOptions,
  checkInteger,
  checkOneOf,
  checkPattern,
  checkPort,
  field,
  REQUIRED,
} from './checks.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';
import { GATEWAY_LISTENER_PROTOCOLS, LISTENER_PROTOCOLS } from './listeners.js';

// Patterns are module constants: a regular expression literal makes a new object each time it runs.
const STARTS_WITH_SLASH = /^\//;

// Likewise the options of the path check, one per protocol that has a path.
const PATH_REQUIRED: Record<'http' | 'http2', CheckOptions> = {
  http: Object.freeze({
    required: true,
    explanation: 'An http health check requests a path, e.g. "/healthcheck".',
  }),
  http2: Object.freeze({
    required: true,
    explanation: 'An http2 health check requests a path, e.g. "/healthcheck".',
  }),
};

/** `base` is the health check's field, e.g. `listeners[0].healthCheck`. */
function checkHealthCheck(
  out: PlanIssue[],
  path: string,
  base: string,
  check: HealthCheckPolicy | VirtualGatewayHealthCheckPolicy,
  listenerPort: number | undefined,
  protocols: readonly string[],
): void {
  const code = 'INVALID_HEALTH_CHECK';
  checkInteger(out, code, path, field(base, 'healthyThreshold'), check.healthyThreshold, 2, 10, REQUIRED);
  checkInteger(out, code, path, field(base, 'unhealthyThreshold'), check.unhealthyThreshold, 2, 10, REQUIRED);
  checkInteger(out, code, path, field(base, 'intervalMillis'), check.intervalMillis, 5000, 300000, REQUIRED);
  checkInteger(out, code, path, field(base, 'timeoutMillis'), check.timeoutMillis, 2000, 60000, REQUIRED);
  checkOneOf(out, code, path, field(base, 'protocol'), check.protocol, protocols, REQUIRED);

  if (check.port !== undefined && checkPort(out, path, field(base, 'port'), check.port)) {
    if (listenerPort !== undefined && check.port !== listenerPort) {
      out.push(
        issue('INVALID_HEALTH_CHECK', path, `${listenerPort} (the listener's port)`, show(check.port), {
          field: field(base, 'port'),
          explanation: 'App Mesh health checks the port of the listener they belong to.',
        }),
      );
    }
  }

  if (check.protocol === 'http' || check.protocol === 'http2') {
    checkPattern(
      out,
      'INVALID_HEALTH_CHECK',
      path,
      field(base, 'path'),
      check.path,
      STARTS_WITH_SLASH,
      'a path starting with "/"',
      PATH_REQUIRED[check.protocol],
    );
  } else if (check.path !== undefined) {
    out.push(
      issue('INVALID_HEALTH_CHECK', path, `no path for a ${check.protocol} health check`, show(check.path), {
        field: field(base, 'path'),
        explanation: 'A path is only used by http and http2 health checks.',
      }),
    );
  }
}

export function checkHealthChecks(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition } = context;
  const { nodes } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const { listeners } = nodes[i] as VirtualNodeDefinition;
    for (let index = 0; index < listeners.length; index++) {
      const listener = listeners[index] as Listener;
      if (!listener.healthCheck) continue;
      checkHealthCheck(
        out,
        context.nodePaths[i] as string,
        `listeners[${index}].healthCheck`,
        listener.healthCheck,
        listener.portMapping?.port,
        LISTENER_PROTOCOLS,
      );
    }
  }
  definition.gateways.forEach((gateway, g) => {
    const path = context.gatewayPaths[g] as string;
    (gateway.spec.listeners ?? []).forEach((listener, index) => {
      if (!listener.healthCheck) return;
      checkHealthCheck(
        out,
        path,
        `spec.listeners[${index}].healthCheck`,
        listener.healthCheck,
        listener.portMapping?.port,
        GATEWAY_LISTENER_PROTOCOLS,
      );
    });
  });
  return out;
}
