/**
 * The AWS side that runs the mesh: IAM roles, security groups, the log group, the cluster, task
 * definitions, ECS services and a gateway's NLB. Nothing is planned unless a node or gateway has a task.
 */
import type {
  GatewayTaskDefinition,
  NodeTaskDefinition,
  Tags,
  TaskCommonDefinition,
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
} from '../definition/mesh-definition.js';
import { declaredId, discoveredCloudMapServiceId, type PlanContext } from './context.js';
import { ENVOY_CONTAINER_NAME } from './envoy.js';
import { deepFreeze, frozenCopy } from './freeze.js';
import {
  type ArnScope,
  appMeshArns,
  inlinePolicyNames,
  logGroupArn,
  managedPolicyArns,
  resourceIds,
} from './names.js';
import { createLogGroupPolicy, ECS_EXEC_POLICY, envoyAccessPolicy } from './policies.js';
import { type PlannedResource, ref } from './resource.js';
import { ecsClusterResource } from './resources/ecs-cluster.js';
import { ecsServiceResource } from './resources/ecs-service.js';
import { iamRoleResource } from './resources/iam-role.js';
import { iamRolePolicyResource } from './resources/iam-role-policy.js';
import { iamRolePolicyAttachmentResource } from './resources/iam-role-policy-attachment.js';
import { loadBalancerResource } from './resources/load-balancer.js';
import { loadBalancerListenerResource } from './resources/load-balancer-listener.js';
import { logGroupResource } from './resources/log-group.js';
import { securityGroupResource } from './resources/security-group.js';
import { cidrIngressResource, selfReferencingIngressResource } from './resources/security-group-ingress.js';
import { targetGroupResource } from './resources/target-group.js';
import { gatewayTaskDefinitionResource, nodeTaskDefinitionResource } from './resources/task-definition.js';
import { withOwnTags } from './tags.js';

type NodeWithTask = VirtualNodeDefinition & { readonly task: NodeTaskDefinition };
type GatewayWithTask = VirtualGatewayDefinition & { readonly task: GatewayTaskDefinition };

/** What one IAM role collects from every task that uses it (several tasks may share a role). */
interface RoleNeeds {
  readonly description: string;
  readonly tags: Tags;
  readonly envoyArns: Set<string>;
  readonly managedPolicies: Set<string>;
  ecsExec: boolean;
  logGroupArn?: string;
}

export function taskResources(context: PlanContext): PlannedResource[] {
  const { ecs, definition } = context;
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  // Sorted, so a role shared by two tasks takes its description and tags from the same one every time.
  const nodes = definition.nodes.filter((node): node is NodeWithTask => node.task !== undefined).sort(byName);
  const gateways = definition.gateways
    .filter((gateway): gateway is GatewayWithTask => gateway.task !== undefined)
    .sort(byName);
  if (ecs === undefined || context.meshArnScope === undefined || nodes.length + gateways.length === 0)
    return [];

  const meshArnScope = context.meshArnScope;
  const scope: ArnScope = { region: ecs.region, accountId: ecs.accountId };
  const baseTags = context.awsTags;
  const taskTags = (task: TaskCommonDefinition) => withOwnTags(context.ownershipTags, baseTags, task.tags);
  const resources: PlannedResource[] = [];

  // --- IAM: collect what each role needs, then plan each role once.
  const roles = new Map<string, RoleNeeds>();
  const role = (name: string, description: string, tags: Tags): RoleNeeds => {
    let needs = roles.get(name);
    if (needs === undefined) {
      needs = { description, tags, envoyArns: new Set(), managedPolicies: new Set(), ecsExec: false };
      roles.set(name, needs);
    }
    return needs;
  };
  const execution = role(
    ecs.executionRoleName,
    `ECS task execution role of mesh ${context.meshName}`,
    baseTags,
  );
  execution.managedPolicies.add(managedPolicyArns.ecsTaskExecution(ecs.region));
  execution.logGroupArn = logGroupArn(scope, ecs.logGroup);

  const addTaskRole = (task: TaskCommonDefinition, resourceArn: string, what: string) => {
    const needs = role(
      task.taskRoleName,
      `ECS task role of ${what} in mesh ${context.meshName}`,
      taskTags(task),
    );
    if (task.envoyAccess === 'managed')
      needs.managedPolicies.add(managedPolicyArns.appMeshEnvoyAccess(ecs.region));
    else needs.envoyArns.add(resourceArn);
    if (task.enableExecuteCommand) needs.ecsExec = true;
  };
  const nodeArn = (node: NodeWithTask) => appMeshArns.virtualNode(meshArnScope, context.meshName, node.name);
  const gatewayArn = (gateway: GatewayWithTask) =>
    appMeshArns.virtualGateway(meshArnScope, context.meshName, gateway.name);
  for (const node of nodes) addTaskRole(node.task, nodeArn(node), `virtual node ${node.name}`);
  for (const gateway of gateways)
    addTaskRole(gateway.task, gatewayArn(gateway), `virtual gateway ${gateway.name}`);

  const permissionIds = new Map<string, string[]>();
  for (const [roleName, needs] of roles) {
    const granted: PlannedResource[] = [];
    if (needs.envoyArns.size > 0) {
      const arns = [...needs.envoyArns].sort();
      granted.push(iamRolePolicyResource(roleName, inlinePolicyNames.envoyAccess, envoyAccessPolicy(arns)));
    }
    if (needs.ecsExec)
      granted.push(iamRolePolicyResource(roleName, inlinePolicyNames.ecsExec, ECS_EXEC_POLICY));
    if (needs.logGroupArn !== undefined) {
      const document = createLogGroupPolicy(needs.logGroupArn);
      granted.push(iamRolePolicyResource(roleName, inlinePolicyNames.createLogGroup, document));
    }
    for (const policyArn of [...needs.managedPolicies].sort()) {
      granted.push(iamRolePolicyAttachmentResource(roleName, policyArn));
    }
    resources.push(iamRoleResource(roleName, needs.description, needs.tags), ...granted);
    permissionIds.set(
      roleName,
      granted.map((resource) => resource.id),
    );
  }
  const executionPermissions = permissionIds.get(ecs.executionRoleName) ?? [];
  const permissionsOf = (task: TaskCommonDefinition) =>
    (permissionIds.get(task.taskRoleName) ?? []).concat(executionPermissions);

  // --- Shared plumbing.
  resources.push(logGroupResource(ecs.logGroup, baseTags));
  if (ecs.createCluster) resources.push(ecsClusterResource(ecs.cluster, baseTags));

  // --- Security groups: the mesh group (members reach each other), one per gateway (clients reach it).
  const groupRuleIds = new Map<string, string[]>();
  const addGroup = (name: string, description: string, tags: Tags, rules: PlannedResource[]) => {
    if (groupRuleIds.has(name)) return;
    resources.push(securityGroupResource(name, description, ecs.vpcId, tags), ...rules);
    groupRuleIds.set(
      name,
      rules.map((rule) => rule.id),
    );
  };
  addGroup(
    ecs.meshSecurityGroup,
    `Tasks of mesh ${context.meshName}: all traffic between members`,
    baseTags,
    [selfReferencingIngressResource(ecs.meshSecurityGroup, baseTags)],
  );
  for (const gateway of gateways) {
    const { task } = gateway;
    const rules = task.ingressCidrs.length === 0 ? [] : gatewayPorts(gateway);
    addGroup(
      task.securityGroupName,
      `Clients of virtual gateway ${gateway.name} in mesh ${context.meshName}`,
      taskTags(task),
      rules.map((port) =>
        cidrIngressResource(task.securityGroupName, port, task.ingressCidrs, taskTags(task)),
      ),
    );
  }
  /**
   * Names of groups in this plan become `{{ref}}` tokens; anything else is an existing group id.
   * Most tasks use the same list, so each distinct list is resolved (and frozen) once.
   */
  const resolvedGroups = new Map<string, { ids: readonly string[]; dependsOn: readonly string[] }>();
  const securityGroups = (names: readonly string[]) => {
    const key = names.join('\n');
    let resolved = resolvedGroups.get(key);
    if (resolved === undefined) {
      const unique = [...new Set(names)];
      resolved = deepFreeze({
        ids: unique.map((name) =>
          groupRuleIds.has(name) ? ref(resourceIds.securityGroup(name), 'id') : name,
        ),
        dependsOn: unique
          .filter((name) => groupRuleIds.has(name))
          .flatMap((name) => [resourceIds.securityGroup(name), ...(groupRuleIds.get(name) ?? [])]),
      });
      resolvedGroups.set(key, resolved);
    }
    return resolved;
  };
  const environmentSubnets = frozenCopy(ecs.subnets);

  // --- Node tasks.
  for (const node of nodes) {
    const { task } = node;
    const listenerPorts: number[] = [];
    for (const listener of node.listeners) {
      if (listener.portMapping?.port !== undefined) listenerPorts.push(listener.portMapping.port);
    }
    const containerPorts: number[] = [];
    for (const container of task.containers)
      if (container.port !== undefined) containerPorts.push(container.port);
    const appPorts = uniqueSorted(listenerPorts.length > 0 ? listenerPorts : containerPorts);
    resources.push(
      nodeTaskDefinitionResource(
        { ecs, resourceArn: nodeArn(node), permissionIds: permissionsOf(task), tags: taskTags(task) },
        task,
        appPorts,
      ),
    );
    const groups = securityGroups([ecs.meshSecurityGroup, ...task.securityGroups]);
    const cloudMapServiceId =
      task.registerIn !== undefined
        ? context.cloudMapServiceIds.get(task.registerIn)
        : discoveredCloudMapServiceId(context, node.serviceDiscovery);
    resources.push(
      ecsServiceResource({
        ecs,
        task,
        subnets: task.subnets ?? environmentSubnets,
        securityGroups: groups.ids,
        cloudMapServiceId,
        dependsOn: [declaredId(context.nodeIds, node.name), ...groups.dependsOn],
        tags: taskTags(task),
      }),
    );
  }

  // --- Gateway tasks, each optionally behind an NLB.
  for (const gateway of gateways) {
    const { task } = gateway;
    const tags = taskTags(task);
    const listenerPorts = uniqueSorted(listenerPortsOf(gateway));
    resources.push(
      gatewayTaskDefinitionResource(
        { ecs, resourceArn: gatewayArn(gateway), permissionIds: permissionsOf(task), tags },
        task,
        listenerPorts,
      ),
    );
    // Without any port there is nothing to balance; validation reports the missing listener.
    const port = loadBalancerPort(gateway);
    const balancer = port === undefined ? undefined : task.loadBalancer;
    const dependsOn: string[] = [declaredId(context.gatewayIds, gateway.name)];
    let loadBalancer: { targetGroupId: string; containerName: string; port: number } | undefined;
    if (balancer !== undefined && port !== undefined) {
      resources.push(
        loadBalancerResource(balancer, [task.securityGroupName, ecs.meshSecurityGroup], tags),
        targetGroupResource(balancer.targetGroupName, port, ecs.vpcId, tags),
        loadBalancerListenerResource(balancer.name, balancer.targetGroupName, port, tags),
      );
      dependsOn.push(resourceIds.loadBalancerListener(balancer.name, port));
      loadBalancer = {
        targetGroupId: resourceIds.targetGroup(balancer.targetGroupName),
        containerName: ENVOY_CONTAINER_NAME,
        port,
      };
    }
    // Behind an NLB the tasks keep only the mesh group: clients must come through the NLB.
    const groupNames = balancer
      ? [ecs.meshSecurityGroup, ...task.securityGroups]
      : [ecs.meshSecurityGroup, task.securityGroupName, ...task.securityGroups];
    const groups = securityGroups(groupNames);
    resources.push(
      ecsServiceResource({
        ecs,
        task,
        subnets: task.subnets ?? environmentSubnets,
        securityGroups: groups.ids,
        loadBalancer,
        dependsOn: [...dependsOn, ...groups.dependsOn],
        tags,
      }),
    );
  }
  return resources;
}

function listenerPortsOf(gateway: VirtualGatewayDefinition): number[] {
  return (gateway.spec.listeners ?? []).flatMap((listener) =>
    listener.portMapping?.port === undefined ? [] : [listener.portMapping.port],
  );
}

/** NLB listener and target port: the one given, else the gateway's first listener port. */
function loadBalancerPort(gateway: GatewayWithTask): number | undefined {
  return gateway.task.loadBalancer?.port ?? listenerPortsOf(gateway)[0];
}

/** Ports clients may reach on the gateway group: its listener ports and its NLB's port. */
function gatewayPorts(gateway: GatewayWithTask): number[] {
  const port = loadBalancerPort(gateway);
  return uniqueSorted([...listenerPortsOf(gateway), ...(port === undefined ? [] : [port])]);
}

function uniqueSorted(ports: readonly number[]): number[] {
  if (ports.length === 1) return [ports[0] as number];
  return [...new Set(ports)].sort((a, b) => a - b);
}
