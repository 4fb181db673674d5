/**
 * What both plan-based views need to imagine a plan's ECS services running: their resources by
 * kind, each service's task definition, a name behind a reference token, and a stable private IP
 * and task id for each task.
 */
import type { Plan } from '../../plan/plan.js';
import { findRefs, type PlannedResource, type ResourceKind } from '../../plan/resource.js';
import { sha256Hex } from '../../sha256.js';
import type { CloudMapInstance } from './mesh-view.js';

export function resourcesOf<K extends ResourceKind>(plan: Plan, kind: K): PlannedResource<K>[] {
  return plan.resources.filter((r) => r.kind === kind) as PlannedResource<K>[];
}

/** The task definition an ECS service names: by reference token, or by family or name. */
export function taskDefinitionFor(
  plan: Plan,
  byId: ReadonlyMap<string, PlannedResource>,
  reference: string,
): PlannedResource<'taskDefinition'> | undefined {
  const refId = findRefs(reference)[0]?.resourceId;
  const found =
    refId === undefined
      ? plan.resources.find(
          (r) => r.kind === 'taskDefinition' && (r.name === reference || r.input.family === reference),
        )
      : byId.get(refId);
  return found?.kind === 'taskDefinition' ? found : undefined;
}

/** The name of the resource a reference token points at, or the value itself. */
export function nameOf(byId: ReadonlyMap<string, PlannedResource>, value: string): string {
  const refId = findRefs(value)[0]?.resourceId;
  return refId === undefined ? value : (byId.get(refId)?.name ?? refId);
}

/** A stable address in 10.0.0.0/16 from the task's identity; the next free one on a clash. */
export function allocateIp(key: string, used: Set<string>): string {
  const usable = 256 * 254;
  let slot = Number.parseInt(hex(key, 8), 16) % usable;
  for (;;) {
    const ip = `10.0.${Math.floor(slot / 254)}.${(slot % 254) + 1}`;
    if (!used.has(ip)) {
      used.add(ip);
      return ip;
    }
    slot = (slot + 1) % usable;
  }
}

export function hex(key: string, digits: number): string {
  return sha256Hex(key).slice(0, digits);
}

/** The Cloud Map instance ECS registers for a running task (service discovery or Service Connect, awsvpc). */
export function ecsTaskInstance(
  taskId: string,
  ip: string,
  task: { readonly cluster: string; readonly service: string; readonly family: string },
): CloudMapInstance {
  return {
    instanceId: taskId,
    ipv4: ip,
    attributes: {
      AWS_INSTANCE_IPV4: ip,
      AWS_INIT_HEALTH_STATUS: 'HEALTHY',
      ECS_CLUSTER_NAME: task.cluster,
      ECS_SERVICE_NAME: task.service,
      ECS_TASK_DEFINITION_FAMILY: task.family,
    },
  };
}
