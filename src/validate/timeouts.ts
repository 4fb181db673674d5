/**
 * Per-request timeouts along a call chain (aws-facts 3.5). A request through a route is timed by the
 * route (in the caller's Envoy) and by the listener of the node that serves it, and the lower of the
 * two wins; both default to 15 s. So a timeout raised on one and not on the other never takes effect:
 * AWS accepts it, and requests still time out at 15 s. Reported as a warning, per route and target.
 */
import type { Duration, Listener } from '@aws-sdk/client-app-mesh';
import type { VirtualNodeDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import { memberOf } from './checks.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';
import { ROUTE_PROTOCOL, weightedTargetsOf } from './route-kinds.js';

const DEFAULT_PER_REQUEST_MS = 15_000;

/** A valid duration in milliseconds; undefined when unset or invalid (the listener and route rules report those). */
function millis(duration: Duration | undefined): number | undefined {
  const value = duration?.value;
  if (typeof value !== 'number' || value < 0) return undefined;
  if (duration?.unit === 's') return value * 1000;
  return duration?.unit === 'ms' ? value : undefined;
}

/** `30 s`, `1500 ms`; the default says so. */
function readable(ms: number): string {
  const text = ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
  return ms === DEFAULT_PER_REQUEST_MS ? `${text} (the default)` : text;
}

/** The listener a target's requests arrive on: its protocol, and its port when the target names one. */
function listenerFor(
  node: VirtualNodeDefinition,
  protocol: string,
  port: number | undefined,
): Listener | undefined {
  return node.listeners.find(
    (listener) =>
      listener.portMapping?.protocol === protocol &&
      (port === undefined || listener.portMapping.port === port),
  );
}

export function checkTimeoutChain(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  for (const router of context.definition.routers) {
    for (const route of router.routes) {
      const found = weightedTargetsOf(route.spec);
      if (!found || found.member === 'tcpRoute') continue; // TCP routes have an idle timeout only
      const { member, targets } = found;
      const protocol = ROUTE_PROTOCOL[member];
      const routeTimeout = memberOf<{ timeout?: { perRequest?: Duration } }>(route.spec, member)?.timeout;
      const routeMs = millis(routeTimeout?.perRequest) ?? DEFAULT_PER_REQUEST_MS;
      for (const target of targets) {
        const node = context.nodes.get(target.virtualNode ?? '');
        const listener = node && listenerFor(node, protocol, target.port);
        if (!listener) continue; // an unknown target or a listener mismatch: other rules report it
        const listenerTimeout = memberOf<{ perRequest?: Duration }>(listener.timeout, protocol);
        const listenerMs = millis(listenerTimeout?.perRequest) ?? DEFAULT_PER_REQUEST_MS;
        // Raised on both sides or on neither, each gets what it asked for; raised on one, it is lost.
        const routeRaised = routeMs > DEFAULT_PER_REQUEST_MS;
        const listenerRaised = listenerMs > DEFAULT_PER_REQUEST_MS;
        if (routeRaised === listenerRaised) continue;
        const nodeName = show(target.virtualNode);
        out.push(
          issue(
            'TIMEOUT_CHAIN',
            paths.route(context.mesh, router.name, route.name),
            routeRaised
              ? `a per-request timeout of at least ${readable(routeMs)} on the ${protocol} listener of virtual node ${nodeName} too`
              : `at least ${readable(listenerMs)}, as on the ${protocol} listener of virtual node ${nodeName}`,
            routeRaised ? `${readable(listenerMs)} on that listener` : readable(routeMs),
            {
              severity: 'warning',
              field: `spec.${member}.timeout.perRequest`,
              explanation: `The lower timeout of the route and the listener wins, so requests through this route to ${target.virtualNode} time out after ${readable(Math.min(routeMs, listenerMs))}.`,
            },
          ),
        );
      }
    }
  }
  return out;
}
