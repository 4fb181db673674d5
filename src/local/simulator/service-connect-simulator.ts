/**
 * The traffic simulator for ECS Service Connect: curl from inside a task of an ECS service and see
 * what Service Connect answers, or VPC Lattice for the names of its services (a plan with routers
 * on Lattice). Every random choice (which target group, which of the server's tasks) comes from one
 * seeded stream: the same seed and the same calls give the same answers.
 */

import { DEFAULT_NAME_SUFFIX } from '../../targets/service-connect/green-names.js';
import { loadBalancerCaller } from './alb-caller.js';
import { seededChooser } from './choice.js';
import { requestFromServiceConnectService } from './service-connect-forward.js';
import {
  findServiceConnectService,
  indexServiceConnectView,
  type ServiceConnectServiceEntry,
} from './service-connect-index.js';
import type { ServiceConnectView } from './service-connect-view.js';
import { type Caller, callerOf, type SimulatorOptions } from './simulator.js';

export interface ServiceConnectSimulatorOptions extends SimulatorOptions {
  /**
   * The suffix a Service Connect plan added to the names of its ECS services and task families
   * (`ServiceConnectOptions.nameSuffix`): `from('red')` then finds `red-sc`. @default '-sc'
   */
  readonly nameSuffix?: string;
}

/** A name and port a task of a Service Connect service of the namespace can call. */
export interface ServiceConnectEndpointName {
  /** `http://<host>[:<port>]/` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The ECS service whose tasks answer. */
  readonly server: string;
  /** Named by a client alias; false for the `discoveryName.namespace` of an entry without one. */
  readonly alias: boolean;
}

export interface ServiceConnectSimulator {
  readonly namespace: string;
  /**
   * Requests sent by the app of a task of the ECS service, named by its service name or its task
   * definition's family, or by the node a plan made it from (the name without the plan's suffix).
   * Throws for a name the view does not have.
   */
  from(service: string): Caller;
  /** The ECS services with a running task, sorted. */
  callers(): readonly string[];
  /** Every endpoint name of the namespace, sorted by host and port. */
  endpoints(): readonly ServiceConnectEndpointName[];
  /**
   * Requests arriving at an application load balancer of the view (alb-caller.ts), named as the
   * definition names it (the plan's suffix added) or as it is. A path alone (`/router`) goes to its
   * first listener, with its DNS name as the host. Throws for a name the view does not have.
   */
  loadBalancer(name: string): Caller;
}

export function createServiceConnectSimulator(
  view: ServiceConnectView,
  options: ServiceConnectSimulatorOptions = {},
): ServiceConnectSimulator {
  const index = indexServiceConnectView(view);
  const chooser = seededChooser(options.seed ?? 1);
  const nameSuffix = options.nameSuffix ?? DEFAULT_NAME_SUFFIX;
  const lookup = (name: string): ServiceConnectServiceEntry => {
    const entry = findServiceConnectService(index, name, nameSuffix);
    if (entry === undefined) {
      const known = [...index.services.keys()].sort().join(', ') || 'none';
      throw new Error(
        `Namespace ${index.namespace}'s view has no ECS service named ${JSON.stringify(name)} (it has: ${known}).`,
      );
    }
    return entry;
  };
  return {
    namespace: index.namespace,
    from(name) {
      const service = lookup(name);
      return callerOf(
        (request, choose, hops) => requestFromServiceConnectService(index, service, request, choose, hops),
        chooser,
      );
    },
    callers: () =>
      [...index.services.values()]
        .filter((s) => s.tasks.length > 0)
        .map((s) => s.name)
        .sort(),
    endpoints: () =>
      [...index.endpoints.values()]
        .flat()
        .map((e) => ({
          url: urlOf(e.host, e.port),
          host: e.host,
          port: e.port,
          server: e.server,
          alias: e.alias,
        }))
        .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.port - b.port)),
    loadBalancer: (name) => loadBalancerCaller(view, index, name, nameSuffix, chooser),
  };
}

/** `http://host/` on port 80, `http://host:port/` otherwise. */
export function urlOf(host: string, port: number): string {
  return `http://${host}${port === 80 ? '' : `:${port}`}/`;
}
