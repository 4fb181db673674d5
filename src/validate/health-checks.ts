/** Listener health checks of nodes and gateways (HealthCheckPolicy limits from the App Mesh model). */
import type { HealthCheckPolicy, VirtualGatewayHealthCheckPolicy } from '@aws-sdk/client-app-mesh';
import { paths } from '../definition/paths.js';
import { checkInteger, checkOneOf, checkPattern, checkPort, field, REQUIRED } from './checks.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';
import { GATEWAY_LISTENER_PROTOCOLS, LISTENER_PROTOCOLS } from './listeners.js';

// Patterns are module constants: a regular expression literal makes a new object each time it runs.
const STARTS_WITH_SLASH = /^\//;

function checkHealthCheck(
  out: PlanIssue[],
  path: string,
  base: string,
  check: HealthCheckPolicy | VirtualGatewayHealthCheckPolicy,
  listenerPort: number | undefined,
  protocols: readonly string[],
): void {
  const at = (key: string) => field(base, key);
  const code = 'INVALID_HEALTH_CHECK';
  checkInteger(out, code, path, at('healthyThreshold'), check.healthyThreshold, 2, 10, REQUIRED);
  checkInteger(out, code, path, at('unhealthyThreshold'), check.unhealthyThreshold, 2, 10, REQUIRED);
  checkInteger(out, code, path, at('intervalMillis'), check.intervalMillis, 5000, 300000, REQUIRED);
  checkInteger(out, code, path, at('timeoutMillis'), check.timeoutMillis, 2000, 60000, REQUIRED);
  checkOneOf(out, code, path, at('protocol'), check.protocol, protocols, REQUIRED);

  if (check.port !== undefined && checkPort(out, path, at('port'), check.port)) {
    if (listenerPort !== undefined && check.port !== listenerPort) {
      out.push(
        issue('INVALID_HEALTH_CHECK', path, `${listenerPort} (the listener's port)`, show(check.port), {
          field: at('port'),
          explanation: 'App Mesh health checks the port of the listener they belong to.',
        }),
      );
    }
  }

  const httpLike = check.protocol === 'http' || check.protocol === 'http2';
  if (httpLike) {
    checkPattern(
      out,
      'INVALID_HEALTH_CHECK',
      path,
      at('path'),
      check.path,
      STARTS_WITH_SLASH,
      'a path starting with "/"',
      {
        required: true,
        explanation: `An ${check.protocol} health check requests a path, e.g. "/healthcheck".`,
      },
    );
  } else if (check.path !== undefined) {
    out.push(
      issue('INVALID_HEALTH_CHECK', path, `no path for a ${check.protocol} health check`, show(check.path), {
        field: at('path'),
        explanation: 'A path is only used by http and http2 health checks.',
      }),
    );
  }
}

export function checkHealthChecks(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  for (const node of definition.nodes) {
    const path = paths.virtualNode(mesh, node.name);
    node.listeners.forEach((listener, index) => {
      if (!listener.healthCheck) return;
      const base = `listeners[${index}].healthCheck`;
      checkHealthCheck(out, path, base, listener.healthCheck, listener.portMapping?.port, LISTENER_PROTOCOLS);
    });
  }
  for (const gateway of definition.gateways) {
    const path = paths.virtualGateway(mesh, gateway.name);
    (gateway.spec.listeners ?? []).forEach((listener, index) => {
      if (!listener.healthCheck) return;
      const base = `spec.listeners[${index}].healthCheck`;
      checkHealthCheck(
        out,
        path,
        base,
        listener.healthCheck,
        listener.portMapping?.port,
        GATEWAY_LISTENER_PROTOCOLS,
      );
    });
  }
  return out;
}
