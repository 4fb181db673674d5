/**
 * The ServiceConnectView a Service Connect plan would produce once applied, without any cloud:
 * every ECS service runs its `desiredCount` tasks, each with a deterministic private IP. Services
 * are created in the plan's order (servers before their clients): ECS creates a service's Cloud
 * Map services, then starts its tasks, then moves on to the next service. So a task knows the
 * endpoints of the services created before its own, and of its own, but not those created later.
 * A plan with `lattice*` resources adds its VPC Lattice part (lattice-view-from-plan.ts).
 */
import { type ArnScope, partitionOf } from '../../plan/names.js';
import type { Plan } from '../../plan/plan.js';
import { replaceRefs } from '../../plan/resource.js';
import { loadBalancersFromPlan } from './alb-view-from-plan.js';
import { latticeViewFromPlan, type PlannedLatticeMember, plannedVpcOf } from './lattice-view-from-plan.js';
import type { CloudMapInstance } from './mesh-view.js';
import { plannedAttribute } from './plan-attributes.js';
import { allocateIp, ecsTaskInstance, hex, nameOf, resourcesOf, taskDefinitionFor } from './plan-tasks.js';
import type {
  ServiceConnectCloudMapService,
  ServiceConnectEcsService,
  ServiceConnectTask,
  ServiceConnectView,
} from './service-connect-view.js';
import { summarizeContainers } from './task-containers.js';

export interface ServiceConnectViewFromPlanOptions {
  /**
   * When the tasks start. `in-create-order` (the default): right after their own service is
   * created, as a first deployment of the plan does. `after-every-endpoint`: after every service
   * exists, as once every service has been deployed again.
   */
  readonly tasksStart?: 'in-create-order' | 'after-every-endpoint';
}

const DEFAULT_SCOPE: ArnScope = { region: 'us-east-1', accountId: '123456789012' };
/** Creating one ECS service, its Cloud Map services and its tasks takes this long in the view. */
const STEP_MS = 60_000;

export function serviceConnectViewFromPlan(
  plan: Plan,
  options: ServiceConnectViewFromPlanOptions = {},
): ServiceConnectView {
  const scope = plan.aws ?? DEFAULT_SCOPE;
  const byId = new Map(plan.resources.map((r) => [r.id, r]));
  const namespaceResource = plan.resources.find((r) => r.kind === 'cloudMapHttpNamespace');
  const namespaceArn = (id: string): string =>
    `arn:${partitionOf(scope.region)}:servicediscovery:${scope.region}:${scope.accountId}:namespace/${namespaceId(id)}`;
  const resolve = <T>(value: T): T =>
    replaceRefs(value, (id, attribute) => {
      const resource = byId.get(id);
      if (attribute === 'name') return resource?.name ?? id;
      if (resource?.kind === 'cloudMapHttpNamespace') {
        return attribute === 'arn' ? namespaceArn(id) : namespaceId(id);
      }
      return plannedAttribute(byId, scope, id, attribute) ?? `${id}#${attribute}`;
    });

  const planned = resourcesOf(plan, 'ecsService').flatMap((service) => {
    const input = resolve(service.input);
    const definition = taskDefinitionFor(plan, byId, service.input.taskDefinition ?? '');
    if (definition === undefined) return [];
    const containers = resolve(definition.input.containerDefinitions ?? []);
    const view: ServiceConnectEcsService = {
      serviceName: input.serviceName ?? service.name,
      taskFamily: definition.input.family ?? definition.name,
      serviceConnectConfiguration: input.serviceConnectConfiguration,
      portMappings: containers.flatMap((c) => c.portMappings ?? []),
    };
    return [
      {
        resource: service,
        view,
        color: summarizeContainers(containers).color,
        vpcId: plannedVpcOf(plan, service.input),
        taskRoleArn: resolve(definition.input.taskRoleArn),
        latticeConfigurations: input.vpcLatticeConfigurations ?? [],
      },
    ];
  });

  const namespace =
    namespaceResource !== undefined
      ? { name: namespaceResource.name, arn: namespaceArn(namespaceResource.id) }
      : existingNamespace(planned.map((p) => p.view));

  const tasksStart = options.tasksStart ?? 'in-create-order';
  const usedIps = new Set<string>();
  const cloudMap: ServiceConnectCloudMapService[] = [];
  const tasks: ServiceConnectTask[] = [];
  const latticeMembers: PlannedLatticeMember[] = [];
  planned.forEach(({ resource, view, color, vpcId, taskRoleArn, latticeConfigurations }, order) => {
    const createdAt = new Date(order * STEP_MS);
    const startedAt = new Date(
      tasksStart === 'in-create-order' ? createdAt.getTime() + STEP_MS / 2 : planned.length * STEP_MS,
    );
    const clusterName = nameOf(byId, resource.input.cluster ?? 'default');
    const instances: CloudMapInstance[] = [];
    // CreateService needs desiredCount for a replica service; the plan always sets it.
    for (let index = 0; index < (resource.input.desiredCount ?? 1); index++) {
      const taskId = hex(`${resource.id}#${index}`, 32);
      const ip = allocateIp(`${resource.id}#${index}`, usedIps);
      tasks.push({
        taskArn: `arn:${partitionOf(scope.region)}:ecs:${scope.region}:${scope.accountId}:task/${clusterName}/${taskId}`,
        ip,
        serviceName: view.serviceName,
        color,
        startedAt,
        ...(vpcId === undefined ? {} : { vpcId }),
        ...(taskRoleArn === undefined ? {} : { taskRoleArn }),
      });
      instances.push(
        ecsTaskInstance(taskId, ip, {
          cluster: clusterName,
          service: view.serviceName,
          family: view.taskFamily ?? '',
        }),
      );
    }
    latticeMembers.push({
      configurations: latticeConfigurations,
      portMappings: view.portMappings,
      ips: instances.flatMap((i) => (i.ipv4 === undefined ? [] : [i.ipv4])),
    });
    const config = view.serviceConnectConfiguration;
    const inNamespace =
      config?.enabled === true && (config.namespace === namespace.name || config.namespace === namespace.arn);
    if (!inNamespace) return;
    for (const entry of config?.services ?? []) {
      cloudMap.push({ serviceName: entry.discoveryName ?? entry.portName ?? '', createdAt, instances });
    }
  });

  const lattice = latticeViewFromPlan(plan, resolve, scope.region, latticeMembers);
  const loadBalancers = loadBalancersFromPlan(plan, tasks);
  return {
    namespace,
    services: planned.map((p) => p.view),
    cloudMap,
    tasks,
    ...(lattice === undefined ? {} : { lattice }),
    ...(loadBalancers.length === 0 ? {} : { loadBalancers }),
  };
}

/** `ns-` and 17 characters, like Cloud Map's namespace ids. */
function namespaceId(resourceId: string): string {
  return `ns-${hex(resourceId, 17)}`;
}

/**
 * A plan for an existing namespace names it (by name or ARN) in every configuration. An ARN does
 * not hold the name: its id stands in for it in `discoveryName.namespace` names.
 */
function existingNamespace(services: readonly ServiceConnectEcsService[]): ServiceConnectView['namespace'] {
  const named = services.find((s) => s.serviceConnectConfiguration?.namespace !== undefined);
  const value = named?.serviceConnectConfiguration?.namespace ?? '';
  return value.startsWith('arn:')
    ? { name: value.slice(value.lastIndexOf('/') + 1), arn: value }
    : { name: value };
}
