/**
 * One request from a task of a Service Connect service: the app resolves the host (only a task
 * of a Service Connect service of the namespace knows its names, and only those whose endpoint
 * existed when the task started), its Service Connect proxy picks one of the server's tasks
 * evenly, and that task's app answers. There is no egress filter and no allow-list: every
 * endpoint of the namespace is reachable. A name of a VPC Lattice service goes through Lattice
 * (lattice-forward.ts), unless the task knows it as a Service Connect endpoint: the ECS agent
 * gives the task its endpoints as extra hosts (/etc/hosts, aws/amazon-ecs-agent pull request 3178),
 * which the app reads before asking DNS, so Service Connect wins.
 *
 * `hops` collects a trace when given; samples pass undefined so that no trace text is built.
 */
import type { Chooser } from './choice.js';
import { latticeServiceFor, requestThroughLattice } from './lattice-forward.js';
import { describeRequest, type SimRequest } from './request.js';
import { type FailureReason, failure, type SimResult } from './result.js';
import type {
  ServiceConnectEndpoint,
  ServiceConnectIndex,
  ServiceConnectServiceEntry,
  ServiceConnectTaskEntry,
} from './service-connect-index.js';
import { answer } from './task-answer.js';

type Hops = string[] | undefined;

const LOOPBACK = new Set(['localhost', '127.0.0.1']);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export function requestFromServiceConnectService(
  index: ServiceConnectIndex,
  service: ServiceConnectServiceEntry,
  request: SimRequest,
  chooser: Chooser,
  hops: Hops,
): SimResult {
  const fail = (reason: FailureReason, message: string): SimResult => {
    hops?.push(`${reason}: ${message}`);
    return failure(reason, message, hops ?? [], { host: request.host, port: request.port });
  };
  const caller = service.tasks[0];
  if (caller === undefined) return fail('NOT_RUNNING', `ECS service ${service.name} has no running task`);
  hops?.push(`${service.name} (${caller.task.ip}): ${describeRequest(request)}`);

  if (LOOPBACK.has(request.host)) {
    if (!caller.ports.has(request.port)) {
      return fail('CONNECTION_REFUSED', `the app does not listen on port ${request.port}`);
    }
    return answer(caller, request, hops);
  }
  // The proxy only takes traffic for the namespace's endpoints: an address goes straight to its task.
  if (IPV4.test(request.host)) {
    const task = index.tasksByIp.get(request.host);
    if (task === undefined) return fail('CONNECTION_TIMEOUT', `no running task has address ${request.host}`);
    if (!task.ports.has(request.port)) {
      return fail(
        'CONNECTION_REFUSED',
        `the task at ${request.host} does not listen on port ${request.port}`,
      );
    }
    return answer(task, request, hops);
  }

  const endpoints = index.endpoints.get(request.host);
  const lattice = latticeServiceFor(index.lattice, request.host);
  if (lattice !== undefined && index.lattice !== undefined && !knowsEndpoint(service, caller, endpoints)) {
    return requestThroughLattice(
      index.lattice,
      lattice,
      index.tasksByIp,
      caller.task,
      request,
      chooser,
      hops,
      fail,
    );
  }
  if (endpoints === undefined) {
    return fail(
      'DNS_UNRESOLVED',
      `${request.host} is not a Service Connect endpoint of namespace ${index.namespace}, and nothing else resolves it`,
    );
  }
  if (service.outside !== undefined) {
    return fail(
      'DNS_UNRESOLVED',
      `${request.host} is a Service Connect name of namespace ${index.namespace}: only tasks of its Service Connect services resolve it, and ECS service ${service.name} is not one (${service.outside})`,
    );
  }
  const published = endpoints.filter((e) => e.cloudMap !== undefined);
  if (published.length === 0) {
    return fail(
      'DNS_UNRESOLVED',
      `ECS has not created the Cloud Map service ${endpoints[0]?.discoveryName} behind ${request.host} in namespace ${index.namespace}`,
    );
  }
  const started = caller.task.startedAt.getTime();
  const known = published.filter((e) => (e.cloudMap?.createdAt.getTime() ?? 0) <= started);
  if (known.length === 0) {
    const endpoint = published[0] as ServiceConnectEndpoint;
    return fail(
      'ENDPOINT_NEWER_THAN_TASK',
      `${request.host}'s endpoint (Cloud Map service ${endpoint.discoveryName}, created ${endpoint.cloudMap?.createdAt.toISOString()}) is newer than ${service.name}'s task (started ${caller.task.startedAt.toISOString()}): tasks only see endpoints that existed when they started; deploy ${service.name} again`,
    );
  }
  const endpoint = known.find((e) => e.port === request.port);
  if (endpoint === undefined) {
    return fail(
      'CONNECTION_REFUSED',
      `${request.host} is a Service Connect endpoint on port ${known.map((e) => e.port).join(', ')}, not ${request.port}`,
    );
  }
  hops?.push(
    `service connect ${service.name}: ${request.host}:${request.port} -> ${endpoint.server} (cloud map ${index.namespace}/${endpoint.discoveryName})`,
  );
  return toServer(index, endpoint, request, chooser, hops, fail);
}

/** Whether the name is in the task's /etc/hosts: an endpoint of its namespace that existed when it started. */
function knowsEndpoint(
  service: ServiceConnectServiceEntry,
  caller: ServiceConnectTaskEntry,
  endpoints: readonly ServiceConnectEndpoint[] | undefined,
): boolean {
  const started = caller.task.startedAt.getTime();
  return (
    service.outside === undefined &&
    (endpoints ?? []).some((e) => e.cloudMap !== undefined && e.cloudMap.createdAt.getTime() <= started)
  );
}

function toServer(
  index: ServiceConnectIndex,
  endpoint: ServiceConnectEndpoint,
  request: SimRequest,
  chooser: Chooser,
  hops: Hops,
  fail: (reason: FailureReason, message: string) => SimResult,
): SimResult {
  const addresses = [
    ...new Set((endpoint.cloudMap?.instances ?? []).flatMap((i) => (i.ipv4 === undefined ? [] : [i.ipv4]))),
  ];
  if (addresses.length === 0) {
    return fail(
      'NO_HEALTHY_UPSTREAM',
      `ECS service ${endpoint.server} has no task registered in ${index.namespace}/${endpoint.discoveryName}`,
    );
  }
  const address = addresses[chooser.uniform(addresses.length)] as string;
  const port = endpoint.targetPort;
  hops?.push(`endpoint ${address}:${port ?? '(none)'}`);
  const task = index.tasksByIp.get(address);
  if (task === undefined) {
    return fail(
      'UPSTREAM_CONNECT_FAILED',
      `no running task has address ${address} (a stale instance of ${index.namespace}/${endpoint.discoveryName})`,
    );
  }
  if (port === undefined || !task.ports.has(port)) {
    return fail(
      'UPSTREAM_CONNECT_FAILED',
      port === undefined
        ? `the port name of ${endpoint.discoveryName} names no port mapping of ${endpoint.server}'s task definition`
        : `the task at ${address} does not listen on port ${port}`,
    );
  }
  return answer(task, { ...request, port }, hops);
}
