/**
 * Names that must be unique: App Mesh and Cloud Map resources in their scope, backends on one
 * node (AWS silently collapses duplicates, roadmap#170), listener ports on one resource, and the
 * ECS/IAM/EC2/ELB names derived per task, which share one account-wide namespace each.
 */
import type { GatewayTaskDefinition, TaskCommonDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import type { ValidationContext } from './context.js';
import { resolveServiceRef } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';

interface Location {
  readonly path: string;
  readonly field: string;
  /** How the first holder is described in the message, e.g. `nodes[0]`. */
  readonly label: string;
}

/**
 * Reports every item after the first that reuses a key, pointing at the first holder.
 * Locations are built only for repeats, so the common case allocates one Map.
 */
function reportRepeats<T>(
  out: PlanIssue[],
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
  locate: (item: T, index: number) => Location,
  what: string,
  explanation?: string,
): void {
  if (items.length < 2) return;
  const keys = items.map(keyOf);
  // Short lists (a node's backends) compare pairwise; a Map only pays off for long ones.
  const firstIndexOf = items.length <= 8 ? (key: string) => keys.indexOf(key) : indexByFirstOccurrence(keys);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    if (key === undefined) continue;
    const holder = firstIndexOf(key);
    if (holder === index) continue;
    const here = locate(items[index] as T, index);
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
  }
}

function indexByFirstOccurrence(keys: readonly (string | undefined)[]): (key: string) => number {
  const first = new Map<string, number>();
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    if (key !== undefined && !first.has(key)) first.set(key, index);
  }
  return (key) => first.get(key) ?? -1;
}

/**
 * Names of top-level resources. The context already keeps one entry per distinct name, so a list
 * with as many distinct names as items has no repeat, and is not indexed a second time.
 */
function reportNameRepeats<T extends { readonly name: string }>(
  out: PlanIssue[],
  items: readonly T[],
  distinctNames: number,
  locate: (item: T, index: number) => Location,
  what: string,
): void {
  if (distinctNames === items.length) return;
  reportRepeats(out, items, (item) => item.name, locate, what);
}

type PortMapped = { readonly portMapping?: { readonly port?: number | undefined } | undefined };

function reportListenerPorts(
  out: PlanIssue[],
  listeners: readonly PortMapped[],
  path: string,
  base: string,
): void {
  reportRepeats(
    out,
    listeners,
    (listener) => (listener.portMapping?.port === undefined ? undefined : String(listener.portMapping.port)),
    (_, index) => ({ path, field: `${base}[${index}].portMapping.port`, label: `${base}[${index}]` }),
    'listener port',
  );
}

export function checkDuplicates(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  const namespace = definition.namespace?.name ?? '';
  const byName = (item: { readonly name: string }) => item.name;

  reportNameRepeats(
    out,
    definition.nodes,
    context.nodes.size,
    (node, index) => ({ path: paths.virtualNode(mesh, node.name), field: 'name', label: `nodes[${index}]` }),
    'virtual node name',
  );
  reportNameRepeats(
    out,
    definition.services,
    context.serviceNames.size,
    (service, index) => ({
      path: paths.virtualService(mesh, service.name),
      field: 'name',
      label: `services[${index}]`,
    }),
    'virtual service name',
  );
  reportNameRepeats(
    out,
    definition.routers,
    context.routers.size,
    (router, index) => ({
      path: paths.virtualRouter(mesh, router.name),
      field: 'name',
      label: `routers[${index}]`,
    }),
    'virtual router name',
  );
  reportNameRepeats(
    out,
    definition.gateways,
    context.gateways.size,
    (gateway, index) => ({
      path: paths.virtualGateway(mesh, gateway.name),
      field: 'name',
      label: `gateways[${index}]`,
    }),
    'virtual gateway name',
  );
  reportNameRepeats(
    out,
    definition.cloudMapServices,
    context.cloudMapServices.size,
    (service, index) => ({
      path: paths.cloudMapService(namespace, service.name),
      field: 'name',
      label: `cloudMapServices[${index}]`,
    }),
    'Cloud Map service name',
  );

  for (const node of definition.nodes) {
    const path = paths.virtualNode(mesh, node.name);
    reportListenerPorts(out, node.listeners, path, 'listeners');
    // Compare resolved service names: `red` and `red.colors.local` are the same backend.
    reportRepeats(
      out,
      node.backends,
      (backend) => {
        const resolved = resolveServiceRef(context, backend.ref);
        return resolved.kind === 'service' ? resolved.name : backend.ref;
      },
      (_, index) => ({ path, field: `backends[${index}].ref`, label: `backends[${index}]` }),
      'backend',
      'App Mesh silently keeps only one of duplicate backends (aws-app-mesh-roadmap#170), so the other client policy is lost.',
    );
  }
  for (const router of definition.routers) {
    reportListenerPorts(out, router.listeners, paths.virtualRouter(mesh, router.name), 'listeners');
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
  for (const gateway of definition.gateways) {
    reportListenerPorts(
      out,
      gateway.spec.listeners ?? [],
      paths.virtualGateway(mesh, gateway.name),
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
  }

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
  for (const node of definition.nodes) {
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
