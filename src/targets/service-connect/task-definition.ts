/**
 * A node's task definition on Service Connect: the app containers alone (ECS adds its own proxy
 * and needs neither Envoy nor a proxy configuration), each listener's port named with its
 * protocol, and a task size with room for the proxy.
 */
import type { PortMapping } from '@aws-sdk/client-ecs';
import type {
  AppContainerDefinition,
  EcsEnvironmentDefinition,
  NodeTaskDefinition,
  Tags,
} from '../../definition/mesh-definition.js';
import type { PlannedResource } from '../../plan/resource.js';
import { appContainer, awslogs, taskDefinition } from '../../plan/resources/task-definition.js';
import { FARGATE_SIZES, isFargateSize } from '../../validate/fargate.js';
import type { ServiceConnectEndpoint } from './endpoints.js';

/** What AWS recommends reserving for the Service Connect proxy (reference: service-connect.md row 19). */
export const PROXY_CPU = 256;
export const PROXY_MEMORY = 64;

export interface ServiceConnectTaskOptions {
  readonly ecs: EcsEnvironmentDefinition;
  readonly task: NodeTaskDefinition;
  readonly endpoints: readonly ServiceConnectEndpoint[];
  readonly permissionIds: readonly string[];
  readonly tags: Tags;
  /** Room for the Service Connect proxy; none without it (VPC Lattice alone). @default true */
  readonly proxyHeadroom?: boolean;
}

export function serviceConnectTaskDefinition(
  options: ServiceConnectTaskOptions,
): PlannedResource<'taskDefinition'> {
  const { ecs, task, endpoints } = options;
  const logConfiguration = awslogs(ecs, task.family);
  const named = namedPorts(task.containers, endpoints);
  const containers = task.containers.map((container) =>
    appContainer(container, logConfiguration, false, named.get(container.name)),
  );
  const size =
    options.proxyHeadroom === false ? { cpu: task.cpu, memory: task.memory } : serviceConnectTaskSize(task);
  return taskDefinition(
    { ecs, permissionIds: options.permissionIds, tags: options.tags },
    { ...task, cpu: size.cpu, memory: size.memory },
    containers,
    undefined,
  );
}

/**
 * Each listener's port, named, on the container that listens on it (else the first container):
 * the port Service Connect's `portName` selects. A container's other port stays unnamed.
 */
function namedPorts(
  containers: readonly AppContainerDefinition[],
  endpoints: readonly ServiceConnectEndpoint[],
): Map<string, PortMapping[]> {
  const mappings = new Map<string, PortMapping[]>();
  const first = containers[0]?.name;
  for (const endpoint of endpoints) {
    const owner = containers.find((container) => container.port === endpoint.port)?.name ?? first;
    if (owner === undefined) continue;
    const list = mappings.get(owner) ?? [];
    list.push({
      containerPort: endpoint.port,
      protocol: 'tcp',
      name: endpoint.portName,
      ...(endpoint.appProtocol === undefined ? {} : { appProtocol: endpoint.appProtocol }),
    });
    mappings.set(owner, list);
  }
  for (const container of containers) {
    const list = mappings.get(container.name);
    if (list === undefined || container.port === undefined) continue;
    if (!list.some((mapping) => mapping.containerPort === container.port))
      list.push({ containerPort: container.port, protocol: 'tcp' });
  }
  return mappings;
}

/**
 * The task's size with room for the proxy: kept when the containers' own reservations leave
 * PROXY_CPU and PROXY_MEMORY free, else the smallest Fargate size that does.
 */
export function serviceConnectTaskSize(task: NodeTaskDefinition): {
  cpu: number;
  memory: number;
  grown: boolean;
} {
  let cpu = PROXY_CPU;
  let memory = PROXY_MEMORY;
  for (const container of task.containers) {
    cpu += container.cpu ?? 0;
    memory += container.memory ?? 0;
  }
  if (task.cpu >= cpu && task.memory >= memory) return { cpu: task.cpu, memory: task.memory, grown: false };
  for (const [sizeCpu, allowed] of FARGATE_SIZES) {
    if (sizeCpu < Math.max(cpu, task.cpu)) continue;
    const needed = Math.max(memory, task.memory);
    const candidates = Array.isArray(allowed)
      ? (allowed as readonly number[])
      : rangeOf(allowed as { min: number; max: number; step: number });
    const fit = candidates.find((size) => size >= needed && isFargateSize(sizeCpu, size));
    if (fit !== undefined) return { cpu: sizeCpu, memory: fit, grown: true };
  }
  return { cpu: task.cpu, memory: task.memory, grown: false }; // too large for Fargate: validation says so
}

function rangeOf(range: { min: number; max: number; step: number }): number[] {
  const sizes: number[] = [];
  for (let size = range.min; size <= range.max; size += range.step) sizes.push(size);
  return sizes;
}
