/**
 * Names that must be unique: App Mesh and Cloud Map resources in their scope, backends on one
 * node (AWS silently collapses duplicates, roadmap#170), listener ports on one resource, and the
 * ECS/IAM/EC2/ELB names derived per task, which share one account-wide namespace each.
 */
import type {
  BackendDefinition,
  GatewayTaskDefinition,
  TaskCommonDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
} from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import { resolvedServiceName, type ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';

interface Location {
  readonly path: string;
  readonly field: string;
  /** How the first holder is described in the message, e.g. `nodes[0]`. */
  readonly label: string;
}

/** Reports every item after the first that reuses a key, pointing at the first holder. */
function reportRepeats<T>(
  out: PlanIssue[],
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
  locate: (item: T, index: number) => Location,
  what: string,
  explanation?: string,
): void {
  const firstHolder = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) return;
    const holder = firstHolder.get(key);
    if (holder === undefined) {
      firstHolder.set(key, index);
      return;
    }
    const here = locate(item, index);
    const there = locate(items[holder] as T, holder);
    out.push(
      issue(
        'DUPLICATE_NAME',
        here.path,
        `a ${what} not used elsewhere`,
        `${show(key)}, already used by ${there.label}`,
        {
          field: here.field,
          ...(explanation ? { explanation } : {}),
        },
      ),
    );
  });
}

type PortMapped = { readonly portMapping?: { readonly port?: number | undefined } | undefined };

const portOf = (listener: PortMapped) =>
  listener.portMapping?.port === undefined ? undefined : String(listener.portMapping.port);

function reportListenerPorts(
  out: PlanIssue[],
  listeners: readonly PortMapped[],
  path: string,
  base: string,
): void {
  reportRepeats(
    out,
    listeners,
    portOf,
    (_, index) => ({ path, field: `${base}[${index}].portMapping.port`, label: `${base}[${index}]` }),
    'listener port',
  );
}

export function checkDuplicates(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  const namespace = definition.namespace?.name ?? '';
  const byName = (item: { readonly name: string }) => item.name;

  reportRepeats(
    out,
    definition.nodes,
    byName,
    (node, index) => ({ path: paths.virtualNode(mesh, node.name), field: 'name', label: `nodes[${index}]` }),
    'virtual node name',
  );
  reportRepeats(
    out,
    definition.services,
    byName,
    (service, index) => ({
      path: paths.virtualService(mesh, service.name),
      field: 'name',
      label: `services[${index}]`,
    }),
    'virtual service name',
  );
  reportRepeats(
    out,
    definition.routers,
    byName,
    (_, index) => ({
      path: context.routerPaths[index] as string,
      field: 'name',
      label: `routers[${index}]`,
    }),
    'virtual router name',
  );
  reportRepeats(
    out,
    definition.gateways,
    byName,
    (_, index) => ({
      path: context.gatewayPaths[index] as string,
      field: 'name',
      label: `gateways[${index}]`,
    }),
    'virtual gateway name',
  );
  reportRepeats(
    out,
    definition.cloudMapServices,
    byName,
    (service, index) => ({
      path: paths.cloudMapService(namespace, service.name),
      field: 'name',
      label: `cloudMapServices[${index}]`,
    }),
    'Cloud Map service name',
  );

  // Compare resolved service names: `red` and `red.colors.local` are the same backend.
  const backendKey = (backend: BackendDefinition) => resolvedServiceName(context, backend.ref) ?? backend.ref;
  const { nodes, routers } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as VirtualNodeDefinition;
    const path = context.nodePaths[i] as string;
    reportListenerPorts(out, node.listeners, path, 'listeners');
    reportRepeats(
      out,
      node.backends,
      backendKey,
      (_, index) => ({ path, field: `backends[${index}].ref`, label: `backends[${index}]` }),
      'backend',
      'App Mesh silently keeps only one of duplicate backends (aws-app-mesh-roadmap#170), so the other client policy is lost.',
    );
  }
  for (let i = 0; i < routers.length; i++) {
    const router = routers[i] as VirtualRouterDefinition;
    reportListenerPorts(out, router.listeners, context.routerPaths[i] as string, 'listeners');
    reportRepeats(
      out,
      router.routes,
      byName,
      (route, index) => ({
        path: paths.route(mesh, router.name, route.name),
        field: 'name',
        label: `routes[${index}]`,
      }),
      'route name within the router',
    );
  }
  definition.gateways.forEach((gateway, g) => {
    reportListenerPorts(
      out,
      gateway.spec.listeners ?? [],
      context.gatewayPaths[g] as string,
      'spec.listeners',
    );
    reportRepeats(
      out,
      gateway.routes,
      byName,
      (route, index) => ({
        path: paths.gatewayRoute(mesh, gateway.name, route.name),
        field: 'name',
        label: `routes[${index}]`,
      }),
      'gateway route name within the gateway',
    );
  });

  checkTaskNames(context, out);
  return out;
}

/** A node or gateway task; its path and label are only built when it is part of a repeat. */
interface NamedTask {
  readonly task: TaskCommonDefinition;
  readonly owner: string;
  readonly gateway?: GatewayTaskDefinition;
}

/** ECS service names, task families, task roles and network names are shared by nodes and gateways. */
function checkTaskNames(context: ValidationContext, out: PlanIssue[]): void {
  const { definition, mesh } = context;
  const tasks: NamedTask[] = [];
  const { nodes } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as VirtualNodeDefinition;
    if (node.task) tasks.push({ task: node.task, owner: node.name });
  }
  for (const gateway of definition.gateways) {
    if (gateway.task) tasks.push({ task: gateway.task, owner: gateway.name, gateway: gateway.task });
  }
  const pathOf = (entry: NamedTask) =>
    entry.gateway ? paths.gatewayTask(mesh, entry.owner) : paths.nodeTask(mesh, entry.owner);
  const labelOf = (entry: NamedTask) => `${entry.gateway ? 'gateway' : 'node'} ${show(entry.owner)}`;
  const byField = (fieldName: 'serviceName' | 'family' | 'taskRoleName', what: string, explanation: string) =>
    reportRepeats(
      out,
      tasks,
      (entry) => entry.task[fieldName],
      (entry) => ({ path: pathOf(entry), field: fieldName, label: labelOf(entry) }),
      what,
      explanation,
    );
  byField('serviceName', 'ECS service name', 'Both would be the same ECS service in the cluster.');
  byField(
    'family',
    'task definition family',
    'Each registration would become a new revision of the other task definition.',
  );
  byField(
    'taskRoleName',
    'task role name',
    'Each task role gets a policy scoped to its own node or gateway; a shared role would get both.',
  );

  const gatewayTasks = tasks.filter((entry) => entry.gateway !== undefined);
  const ecs = definition.ecs;
  const groups = ecs
    ? [
        {
          name: ecs.meshSecurityGroup,
          path: paths.ecsEnvironment(mesh),
          field: 'meshSecurityGroup',
          label: 'the mesh security group',
        },
      ]
    : [];
  for (const entry of gatewayTasks) {
    groups.push({
      name: entry.gateway?.securityGroupName ?? '',
      path: pathOf(entry),
      field: 'securityGroupName',
      label: labelOf(entry),
    });
  }
  reportRepeats(
    out,
    groups,
    (group) => group.name,
    (group) => group,
    'security group name',
  );
  const balanced = gatewayTasks.filter((entry) => entry.gateway?.loadBalancer !== undefined);
  reportRepeats(
    out,
    balanced,
    (entry) => entry.gateway?.loadBalancer?.name,
    (entry) => ({ path: pathOf(entry), field: 'loadBalancer.name', label: labelOf(entry) }),
    'load balancer name',
  );
  reportRepeats(
    out,
    balanced,
    (entry) => entry.gateway?.loadBalancer?.targetGroupName,
    (entry) => ({ path: pathOf(entry), field: 'loadBalancer.targetGroupName', label: labelOf(entry) }),
    'target group name',
  );
}
