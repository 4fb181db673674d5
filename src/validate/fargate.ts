/**
 * Fargate task sizes (aws-facts 5.3): each cpu value allows a fixed memory range, and the
 * containers' own cpu/memory reservations must fit inside the task's.
 */
import type { TaskCommonDefinition, VirtualNodeDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';

interface MemoryRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** cpu units -> allowed memory in MiB. 256 is the one irregular size (512, 1024, 2048). */
export const FARGATE_SIZES: ReadonlyMap<number, MemoryRange | readonly number[]> = new Map<
  number,
  MemoryRange | readonly number[]
>([
  [256, [512, 1024, 2048]],
  [512, { min: 1024, max: 4096, step: 1024 }],
  [1024, { min: 2048, max: 8192, step: 1024 }],
  [2048, { min: 4096, max: 16384, step: 1024 }],
  [4096, { min: 8192, max: 30720, step: 1024 }],
  [8192, { min: 16384, max: 61440, step: 4096 }],
  [16384, { min: 32768, max: 122880, step: 8192 }],
]);

export function isFargateSize(cpu: number, memory: number): boolean {
  const allowed = FARGATE_SIZES.get(cpu);
  if (!allowed) return false;
  if (Array.isArray(allowed)) return allowed.includes(memory);
  const range = allowed as MemoryRange;
  return memory >= range.min && memory <= range.max && (memory - range.min) % range.step === 0;
}

function describeMemory(cpu: number): string {
  const allowed = FARGATE_SIZES.get(cpu);
  if (!allowed) return '';
  if (Array.isArray(allowed)) return `${allowed.join(', ')} MiB`;
  const range = allowed as MemoryRange;
  return `${range.min} to ${range.max} MiB in steps of ${range.step}`;
}

interface SizedContainer {
  readonly name: string;
  readonly cpu?: number | undefined;
  readonly memory?: number | undefined;
}

function checkTaskSize(
  out: PlanIssue[],
  path: string,
  task: TaskCommonDefinition,
  containers: readonly SizedContainer[],
): void {
  if (!FARGATE_SIZES.has(task.cpu)) {
    out.push(
      issue(
        'INVALID_FARGATE_SIZE',
        path,
        `a Fargate cpu (${[...FARGATE_SIZES.keys()].join(', ')})`,
        show(task.cpu),
        {
          field: 'cpu',
        },
      ),
    );
  } else if (!isFargateSize(task.cpu, task.memory)) {
    out.push(
      issue(
        'INVALID_FARGATE_SIZE',
        path,
        `memory of ${describeMemory(task.cpu)} for cpu ${task.cpu}`,
        show(task.memory),
        {
          field: 'memory',
          explanation:
            'Fargate only runs the cpu/memory pairs listed in the RegisterTaskDefinition documentation.',
        },
      ),
    );
  }
  const all = [{ name: 'envoy', cpu: task.envoy.cpu, memory: task.envoy.memory }, ...containers];
  for (const key of ['cpu', 'memory'] as const) {
    const reserved = all.reduce((sum, container) => sum + (container[key] ?? 0), 0);
    if (reserved <= task[key]) continue;
    const parts = all
      .filter((container) => container[key] !== undefined)
      .map((container) => `${container.name} ${container[key]}`)
      .join(' + ');
    out.push(
      issue(
        'INVALID_FARGATE_SIZE',
        path,
        `container ${key} totalling at most the task's ${task[key]}`,
        `${reserved} (${parts})`,
        {
          field: key,
        },
      ),
    );
  }
}

export function checkFargate(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  const { nodes } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as VirtualNodeDefinition;
    if (node.task) checkTaskSize(out, paths.nodeTask(mesh, node.name), node.task, node.task.containers);
  }
  for (const gateway of definition.gateways) {
    if (gateway.task) checkTaskSize(out, paths.gatewayTask(mesh, gateway.name), gateway.task, []);
  }
  return out;
}
