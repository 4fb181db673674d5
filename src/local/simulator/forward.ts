/**
 * One request's path through the mesh, step by step as the tutorial explains it: the app resolves
 * the host in DNS, its Envoy either routes the host (a backend) or applies the egress filter, a
 * virtual service hands it to its node or router, a route picks a weighted target, Envoy picks one
 * of the target's endpoints, and the task behind that address answers.
 *
 * `hops` collects a trace when given; samples pass undefined so that no trace text is built.
 */
import type { Chooser } from './choice.js';
import type { CompiledGatewayRoute } from './gateway-route-table.js';
import type { GatewayEntry, MeshIndex, NodeEntry, ServiceEntry, TaskEntry } from './mesh-index.js';
import { describeRequest, type SimRequest } from './request.js';
import { type FailureReason, failure, type SimResult } from './result.js';

type Hops = string[] | undefined;

interface Step {
  readonly index: MeshIndex;
  readonly chooser: Chooser;
  /** The URL's host and port, for curl's messages. */
  readonly origin: { readonly host: string; readonly port: number };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1']);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** A request sent by the app of `node`'s first running task. */
export function requestFromNode(
  index: MeshIndex,
  node: NodeEntry,
  request: SimRequest,
  chooser: Chooser,
  hops: Hops,
): SimResult {
  const step: Step = { index, chooser, origin: { host: request.host, port: request.port } };
  const caller = node.tasks[0];
  if (caller === undefined) {
    return fail(step, 'NOT_RUNNING', `virtual node ${node.name} has no running task`, hops);
  }
  hops?.push(`${node.name} (${caller.task.ip}): ${describeRequest(request)}`);

  // Loopback never leaves the task: Envoy does not intercept it (`curl localhost` in the tutorial).
  if (LOOPBACK.has(request.host)) return answerFromTask(step, caller, request, hops, 'loopback');

  const addresses = IPV4.test(request.host) ? [request.host] : index.dns.get(request.host);
  if (addresses === undefined) {
    return fail(step, 'DNS_UNRESOLVED', `${request.host} has no DNS record, so the app sends nothing`, hops);
  }
  hops?.push(`dns ${request.host} -> ${addresses.join(', ')}`);

  const backend = node.backends.get(request.authority);
  if (backend !== undefined) {
    hops?.push(`envoy ${node.name}: ${backend} is a backend`);
    const service = index.services.get(request.authority);
    if (service === undefined) {
      return fail(
        step,
        'NO_PROVIDER',
        `backend ${backend} is not a virtual service of mesh ${index.meshName}`,
        hops,
      );
    }
    return toService(step, service, request.port, request, hops);
  }
  if (index.egressFilter === 'DROP_ALL') {
    return fail(
      step,
      'EGRESS_DENIED',
      `${request.authority} is not a backend of virtual node ${node.name} and mesh ${index.meshName} drops other egress (DROP_ALL)`,
      hops,
    );
  }
  // ALLOW_ALL: Envoy passes the connection through to the address the app resolved.
  const address = addresses[step.chooser.uniform(addresses.length)] as string;
  hops?.push(`envoy ${node.name}: not a backend, passed through to ${address} (ALLOW_ALL)`);
  return direct(step, address, request, hops);
}

/** A request arriving at one of `gateway`'s tasks (through its load balancer). */
export function requestAtGateway(
  index: MeshIndex,
  gateway: GatewayEntry,
  request: SimRequest,
  chooser: Chooser,
  hops: Hops,
): SimResult {
  const step: Step = { index, chooser, origin: { host: request.host, port: request.port } };
  if (gateway.tasks.length === 0) {
    return fail(step, 'NOT_RUNNING', `virtual gateway ${gateway.name} has no running task`, hops);
  }
  const task = gateway.tasks[chooser.uniform(gateway.tasks.length)] as TaskEntry;
  hops?.push(`gateway ${gateway.name} (${task.task.ip}): ${describeRequest(request)}`);
  return throughGateway(step, gateway, request, hops);
}

/**
 * As if `route` had matched a request for its own path: what the gateway's traffic through that
 * route reaches (the reachability matrix asks this for every gateway route).
 */
export function requestByGatewayRoute(
  index: MeshIndex,
  gateway: GatewayEntry,
  route: CompiledGatewayRoute,
  chooser: Chooser,
): SimResult {
  const port = gateway.defaultPort ?? 80;
  const request: SimRequest = {
    method: 'GET',
    scheme: 'http',
    host: gateway.name,
    authority: gateway.name,
    port,
    path: route.samplePath,
    query: new Map(),
    headers: {},
  };
  const step: Step = { index, chooser, origin: { host: gateway.name, port } };
  if (gateway.tasks.length === 0) {
    return fail(step, 'NOT_RUNNING', `virtual gateway ${gateway.name} has no running task`, undefined);
  }
  return forwardByGatewayRoute(step, route, request, undefined);
}

function throughGateway(step: Step, gateway: GatewayEntry, request: SimRequest, hops: Hops): SimResult {
  const protocol = gateway.listeners.get(request.port);
  if (protocol === undefined) {
    return fail(
      step,
      'CONNECTION_REFUSED',
      `virtual gateway ${gateway.name} listens on ${portList(gateway.listeners)}, not ${request.port}`,
      hops,
    );
  }
  const route = gateway.routes.find((r) => r.protocol === protocol && r.matches(request));
  if (route === undefined) {
    return fail(
      step,
      'NO_ROUTE',
      `no gateway route of ${gateway.name} matches ${request.method} ${request.path}`,
      hops,
    );
  }
  return forwardByGatewayRoute(step, route, request, hops);
}

/** What a gateway does once `route` matched: rewrite, then on to the target virtual service. */
function forwardByGatewayRoute(
  step: Step,
  route: CompiledGatewayRoute,
  request: SimRequest,
  hops: Hops,
): SimResult {
  const rewritten = route.rewrite(request);
  hops?.push(
    `gateway route ${route.name} -> ${route.service}${route.port === undefined ? '' : `:${route.port}`}` +
      (rewritten.path === request.path ? '' : `, path ${request.path} -> ${rewritten.path}`),
  );
  const service = step.index.services.get(route.service.toLowerCase());
  if (service === undefined) {
    return fail(
      step,
      'NO_PROVIDER',
      `gateway route ${route.name} targets ${route.service}, which does not exist`,
      hops,
    );
  }
  return toService(step, service, route.port ?? defaultPortOf(step.index, service), rewritten, hops);
}

/** The port a virtual service answers on when the caller names none: its provider's first listener. */
export function defaultPortOf(index: MeshIndex, service: ServiceEntry): number | undefined {
  const provider = service.provider;
  if (provider.kind === 'virtualNode') return index.nodes.get(provider.name)?.defaultPort;
  if (provider.kind === 'virtualRouter') return index.routers.get(provider.name)?.defaultPort;
  return undefined;
}

function toService(
  step: Step,
  service: ServiceEntry,
  port: number | undefined,
  request: SimRequest,
  hops: Hops,
): SimResult {
  const provider = service.provider;
  if (provider.kind === 'none') {
    return fail(step, 'NO_PROVIDER', `virtual service ${service.name} has no provider`, hops);
  }
  const atPort = port === undefined ? request : { ...request, port };
  if (provider.kind === 'virtualNode') {
    const node = step.index.nodes.get(provider.name);
    if (node === undefined || !node.listeners.has(atPort.port)) {
      return fail(
        step,
        'NO_LISTENER',
        `virtual service ${service.name} is provided by virtual node ${provider.name}, which listens on ${node === undefined ? 'nothing (it does not exist)' : portList(node.listeners)}, not ${atPort.port}`,
        hops,
      );
    }
    hops?.push(`virtual service ${service.name} -> virtual node ${node.name}`);
    return toNode(step, node, atPort.port, atPort, hops);
  }
  const router = step.index.routers.get(provider.name);
  const protocol = router?.listeners.get(atPort.port);
  if (router === undefined || protocol === undefined) {
    return fail(
      step,
      'NO_LISTENER',
      `virtual service ${service.name} is provided by virtual router ${provider.name}, which listens on ${router === undefined ? 'nothing (it does not exist)' : portList(router.listeners)}, not ${atPort.port}`,
      hops,
    );
  }
  hops?.push(`virtual service ${service.name} -> virtual router ${router.name}:${atPort.port}`);
  const route = router.routes.find((r) => r.protocol === protocol && r.matches(atPort));
  if (route === undefined) {
    return fail(step, 'NO_ROUTE', `no route of ${router.name} matches ${atPort.method} ${atPort.path}`, hops);
  }
  const chosen = step.chooser.weighted(route.weights);
  const target = route.targets[chosen];
  if (target === undefined) {
    return fail(step, 'NO_HEALTHY_UPSTREAM', `every target of route ${route.name} has weight 0`, hops);
  }
  hops?.push(`route ${route.name} -> ${target.node} (weight ${target.weight} of ${sum(route.weights)})`);
  const node = step.index.nodes.get(target.node);
  if (node === undefined) {
    return fail(
      step,
      'NO_HEALTHY_UPSTREAM',
      `route ${route.name} targets virtual node ${target.node}, which does not exist`,
      hops,
    );
  }
  const targetPort = target.port ?? node.defaultPort;
  if (targetPort === undefined || !node.listeners.has(targetPort)) {
    return fail(
      step,
      'UPSTREAM_CONNECT_FAILED',
      `virtual node ${node.name} has no listener on port ${targetPort ?? '(none)'}`,
      hops,
    );
  }
  return toNode(step, node, targetPort, { ...atPort, port: targetPort }, hops);
}

function toNode(step: Step, node: NodeEntry, port: number, request: SimRequest, hops: Hops): SimResult {
  if (node.endpoints.length === 0) {
    return fail(
      step,
      'NO_HEALTHY_UPSTREAM',
      `virtual node ${node.name} has no endpoints (${node.discovery}: no instance)`,
      hops,
    );
  }
  const address = node.endpoints[step.chooser.uniform(node.endpoints.length)] as string;
  hops?.push(`virtual node ${node.name}: endpoint ${address}:${port} (${node.discovery})`);
  const task = step.index.tasksByIp.get(address);
  if (task === undefined || !task.ports.has(port)) {
    return fail(
      step,
      'UPSTREAM_CONNECT_FAILED',
      task === undefined
        ? `no running task has address ${address} (a stale or dummy instance of ${node.discovery})`
        : `the task at ${address} does not listen on port ${port}`,
      hops,
    );
  }
  return answerFromTask(step, task, request, hops, 'envoy');
}

/** ALLOW_ALL pass-through: straight to whatever owns the address. */
function direct(step: Step, address: string, request: SimRequest, hops: Hops): SimResult {
  const task = step.index.tasksByIp.get(address);
  if (task === undefined) {
    return fail(step, 'CONNECTION_TIMEOUT', `no running task has address ${address}`, hops);
  }
  if (task.gateway !== undefined) {
    const gateway = step.index.gateways.get(task.gateway);
    if (gateway !== undefined) return throughGateway(step, gateway, request, hops);
  }
  if (!task.ports.has(request.port)) {
    return fail(
      step,
      'CONNECTION_REFUSED',
      `the task at ${address} does not listen on port ${request.port}`,
      hops,
    );
  }
  return answerFromTask(step, task, request, hops, 'direct');
}

/** The colorapp: `hi` on /healthcheck, its COLOR on every other path. */
function answerFromTask(
  step: Step,
  task: TaskEntry,
  request: SimRequest,
  hops: Hops,
  via: 'envoy' | 'direct' | 'loopback',
): SimResult {
  if (via === 'loopback' && !task.ports.has(request.port)) {
    return fail(step, 'CONNECTION_REFUSED', `the app does not listen on port ${request.port}`, hops);
  }
  const body = request.path === '/healthcheck' ? 'hi' : task.body;
  hops?.push(`task ${task.task.ip}${task.node === undefined ? '' : ` (${task.node})`}: 200 ${body}`);
  return {
    ok: true,
    status: 200,
    body,
    servedBy: { node: task.node, ip: task.task.ip },
    path: request.path,
    host: request.authority,
    hops: hops ?? [],
  };
}

function fail(step: Step, reason: FailureReason, message: string, hops: Hops): SimResult {
  hops?.push(`${reason}: ${message}`);
  return failure(reason, message, hops ?? [], step.origin);
}

function portList(listeners: ReadonlyMap<number, unknown>): string {
  return listeners.size === 0 ? 'no port' : `port ${[...listeners.keys()].join(', ')}`;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
