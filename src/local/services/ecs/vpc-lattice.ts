/**
 * What ECS does in VPC Lattice for `vpcLatticeConfigurations` ({roleArn, targetGroupArn, portName}):
 * it checks them when the service is created or updated, then registers each running task of the
 * deployment (its IP and the container port of the named port mapping) in each target group,
 * and deregisters it when the task stops. The messages are ours [U: AWS's wording].
 */
import type { VpcLatticeConfiguration } from '@aws-sdk/client-ecs';
import type { World } from '../../world.js';
import { invalidParameter } from './errors.js';
import { namedPortMappings } from './service-connect-checks.js';
import type { DeploymentRecord, ServiceRecord, TaskDefinitionRecord, TaskRecord } from './state.js';
import { findTaskDefinition } from './task-definitions.js';

/** The configurations as given, once each names a role, an IP target group and a named port mapping. */
export function checkVpcLattice(
  world: World,
  configurations: readonly VpcLatticeConfiguration[],
  definition: TaskDefinitionRecord,
): VpcLatticeConfiguration[] {
  if (configurations.length > 0 && definition.body.networkMode !== 'awsvpc') {
    // Lattice targets are IP addresses: only awsvpc tasks have their own [U: AWS's check].
    throw invalidParameter(
      'vpcLatticeConfigurations require a task definition with the awsvpc network mode.',
    );
  }
  const mappings = namedPortMappings(definition);
  for (const [index, configuration] of configurations.entries()) {
    const at = `vpcLatticeConfigurations[${index}]`;
    const { roleArn, targetGroupArn, portName } = configuration;
    if (roleArn === undefined || targetGroupArn === undefined || portName === undefined)
      throw invalidParameter(`${at}: roleArn, targetGroupArn and portName must all be specified.`);
    // The ECS infrastructure role, which ECS assumes to register targets: it must exist.
    if (world.internal.iam.role(roleArn) === undefined) {
      throw invalidParameter(
        `ECS was unable to assume the role '${roleArn}' that was provided for the VPC Lattice configuration.`,
      );
    }
    const group = world.internal.vpcLattice.targetGroup(targetGroupArn);
    if (group === undefined)
      throw invalidParameter(`Unable to find VPC Lattice target group ${targetGroupArn}.`);
    if (group.type !== 'IP') {
      throw invalidParameter(
        `VPC Lattice target group ${targetGroupArn} is of type ${group.type}: ECS registers tasks in target groups of type IP only.`,
      );
    }
    const mapping = mappings.get(portName);
    if (mapping?.containerPort === undefined) {
      throw invalidParameter(
        `The portName '${portName}' does not match the name of any portMappings in the task definition ${definition.taskDefinitionArn}.`,
      );
    }
  }
  return configurations.map((c) => ({
    roleArn: c.roleArn,
    targetGroupArn: c.targetGroupArn,
    portName: c.portName,
  }));
}

/** What DescribeServices shows of a deployment's VPC Lattice configurations. */
export function describeDeploymentVpcLattice(deployment: DeploymentRecord): {
  vpcLatticeConfigurations?: VpcLatticeConfiguration[];
} {
  const configurations = deployment.vpcLatticeConfigurations;
  return configurations === undefined || configurations.length === 0
    ? {}
    : { vpcLatticeConfigurations: structuredClone(configurations) };
}

/** A task that starts running joins each target group of its deployment, on the named port. */
export function registerVpcLatticeTask(world: World, service: ServiceRecord, task: TaskRecord): void {
  const configurations = service.deployments.find(
    (d) => d.id === task.deploymentId,
  )?.vpcLatticeConfigurations;
  if (configurations === undefined || task.ip === undefined) return;
  const mappings = namedPortMappings(
    findTaskDefinition(world, task.taskDefinitionArn) as TaskDefinitionRecord,
  );
  const registered: { targetGroupArn: string; port: number }[] = [];
  for (const { targetGroupArn, portName } of configurations) {
    const port = mappings.get(portName ?? '')?.containerPort;
    if (targetGroupArn === undefined || port === undefined) continue;
    world.internal.vpcLattice.registerTarget(targetGroupArn, task.ip, port);
    registered.push({ targetGroupArn, port });
  }
  if (registered.length > 0) task.vpcLatticeRegistrations = registered;
}

export function deregisterVpcLatticeTask(world: World, task: TaskRecord): void {
  for (const { targetGroupArn, port } of task.vpcLatticeRegistrations ?? []) {
    if (task.ip !== undefined) world.internal.vpcLattice.deregisterTarget(targetGroupArn, task.ip, port);
  }
  delete task.vpcLatticeRegistrations;
}
