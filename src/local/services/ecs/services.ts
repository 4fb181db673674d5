/** ECS services: create (with clientToken), describe, update (deployments), delete (drain). */
import type {
  CreateServiceCommandInput,
  CreateServiceCommandOutput,
  DeleteServiceCommandInput,
  DeleteServiceCommandOutput,
  Deployment,
  DescribeServicesCommandInput,
  DescribeServicesCommandOutput,
  ListServicesCommandInput,
  ListServicesCommandOutput,
  LoadBalancer,
  NetworkConfiguration,
  Service,
  UpdateServiceCommandInput,
  UpdateServiceCommandOutput,
  VpcLatticeConfiguration,
} from '@aws-sdk/client-ecs';
import { ECS_NAME } from '../../../validate/ecs.js';
import { rememberToken, replayToken } from '../../idempotency.js';
import type { Operation, Output, World } from '../../world.js';
import { clusterNamed, serviceNamed } from './clusters.js';
import { clientError, invalidParameter, serviceNotActive } from './errors.js';
import { applyServiceConnect, describeDeploymentServiceConnect } from './service-connect.js';
import { type CheckedServiceConnect, checkServiceConnect } from './service-connect-checks.js';
import {
  byKey,
  type ClusterRecord,
  compareBy,
  countsAsRunning,
  type DeploymentRecord,
  ecsArn,
  isLive,
  lastSegment,
  page,
  type ServiceConnectRecord,
  type ServiceRecord,
  type TaskDefinitionRecord,
  type TaskRecord,
  tasksOf,
} from './state.js';
import { findTaskDefinition } from './task-definitions.js';
import { reconcile, stopTask } from './tasks.js';
import { checkVpcLattice, describeDeploymentVpcLattice } from './vpc-lattice.js';

/** An ACTIVE task definition the service may run, with the roles ECS will assume for it. */
function runnableTaskDefinition(world: World, reference: string | undefined): TaskDefinitionRecord {
  const definition = findTaskDefinition(world, reference);
  if (definition === undefined) throw invalidParameter('TaskDefinition not found.');
  if (definition.status !== 'ACTIVE') throw invalidParameter('TaskDefinition is inactive');
  for (const roleArn of [definition.body.taskRoleArn, definition.body.executionRoleArn]) {
    // Right after CreateRole, AWS often says this too: IAM has not propagated the role yet.
    if (roleArn !== undefined && world.internal.iam.role(roleArn) === undefined) {
      throw invalidParameter(
        `ECS was unable to assume the role '${roleArn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`,
      );
    }
  }
  return definition;
}

function checkNetwork(
  world: World,
  definition: TaskDefinitionRecord,
  network: NetworkConfiguration | undefined,
): void {
  const awsvpc = network?.awsvpcConfiguration;
  if (definition.body.networkMode !== 'awsvpc') {
    if (awsvpc !== undefined) {
      throw invalidParameter(
        'Network Configuration is not valid for the given networkMode of this task definition.',
      );
    }
    return;
  }
  if (awsvpc === undefined) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  const subnets = awsvpc.subnets ?? [];
  if (subnets.length === 0) throw invalidParameter('subnets can not be empty.');
  for (const subnetId of subnets) {
    if (world.internal.ec2.subnet(subnetId) === undefined) {
      throw invalidParameter(
        `Error retrieving subnet information for [${subnetId}]: The subnet ID '${subnetId}' does not exist (ErrorCode: InvalidSubnetID.NotFound)`,
      );
    }
  }
  for (const groupId of awsvpc.securityGroups ?? []) {
    if (world.internal.ec2.securityGroup(groupId) === undefined) {
      throw invalidParameter(
        `Error retrieving security group information for [${groupId}]: The security group '${groupId}' does not exist (ErrorCode: InvalidGroup.NotFound)`,
      );
    }
  }
}

function describeDeployment(
  service: ServiceRecord,
  deployment: DeploymentRecord,
  tasks: readonly TaskRecord[],
): Deployment {
  const mine = tasks.filter((t) => t.deploymentId === deployment.id);
  const running = mine.filter(countsAsRunning).length;
  const pending = mine.filter((t) => t.lastStatus === 'PROVISIONING').length;
  const primary = deployment.status === 'PRIMARY';
  const desired = primary ? service.desiredCount : 0;
  const completed = primary && service.deployments.length === 1 && running === desired;
  return {
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinition,
    desiredCount: desired,
    pendingCount: pending,
    runningCount: running,
    failedTasks: 0,
    createdAt: new Date(deployment.createdAt),
    updatedAt: new Date(deployment.updatedAt),
    launchType: service.launchType as Deployment['launchType'],
    ...(deployment.awsvpcConfiguration === undefined
      ? {}
      : { networkConfiguration: { awsvpcConfiguration: structuredClone(deployment.awsvpcConfiguration) } }),
    ...describeDeploymentServiceConnect(deployment),
    ...describeDeploymentVpcLattice(deployment),
    rolloutState: completed ? 'COMPLETED' : 'IN_PROGRESS',
    rolloutStateReason: completed
      ? `ECS deployment ${deployment.id} completed.`
      : `ECS deployment ${deployment.id} in progress.`,
  };
}

export function describeService(world: World, service: ServiceRecord, withTags: boolean): Service {
  const tasks = tasksOf(world.state.ecs, service).filter(isLive);
  return {
    serviceArn: service.serviceArn,
    serviceName: service.serviceName,
    clusterArn: service.clusterArn,
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: tasks.filter(countsAsRunning).length,
    pendingCount: tasks.filter((t) => t.lastStatus === 'PROVISIONING').length,
    taskDefinition: service.taskDefinition,
    launchType: service.launchType as Service['launchType'],
    loadBalancers: structuredClone(service.loadBalancers),
    serviceRegistries: structuredClone(service.serviceRegistries),
    ...(service.awsvpcConfiguration === undefined
      ? {}
      : { networkConfiguration: { awsvpcConfiguration: structuredClone(service.awsvpcConfiguration) } }),
    deployments: service.deployments.map((d) => describeDeployment(service, d, tasks)),
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
    schedulingStrategy: 'REPLICA',
    enableExecuteCommand: service.enableExecuteCommand,
    propagateTags: service.propagateTags as Service['propagateTags'],
    events: [],
    createdAt: new Date(service.createdAt),
    ...(withTags ? { tags: service.tags.map((t) => ({ ...t })) } : {}),
  };
}

/** A service's target groups: at most five, each existing, each naming a container of the task. */
function checkLoadBalancers(
  world: World,
  loadBalancers: readonly LoadBalancer[],
  definition: TaskDefinitionRecord,
): void {
  // "You cannot attach more than five target groups to a service."
  if (loadBalancers.length > 5)
    throw invalidParameter('A service can have at most 5 target groups in loadBalancers.');
  const containerNames = new Set((definition.body.containerDefinitions ?? []).map((c) => c.name));
  for (const lb of loadBalancers) {
    if (world.internal.elbv2.targetGroup(lb.targetGroupArn ?? '') === undefined) {
      throw invalidParameter(`Unable to find target group ${lb.targetGroupArn}.`);
    }
    if (!containerNames.has(lb.containerName)) {
      throw invalidParameter(`The container ${lb.containerName} does not exist in the task definition.`);
    }
  }
}

function newDeployment(world: World, service: ServiceRecord): DeploymentRecord {
  return {
    id: world.newId('ecs-svc/', `${service.serviceArn}/deployment`, 19),
    status: 'PRIMARY',
    taskDefinition: service.taskDefinition,
    createdAt: world.now(),
    updatedAt: world.now(),
    ...(service.awsvpcConfiguration === undefined
      ? {}
      : { awsvpcConfiguration: structuredClone(service.awsvpcConfiguration) }),
    // Each deployment runs the Service Connect setup the service had when it began.
    ...(service.serviceConnect === undefined
      ? {}
      : { serviceConnect: structuredClone(service.serviceConnect) }),
    ...(service.vpcLatticeConfigurations === undefined
      ? {}
      : { vpcLatticeConfigurations: structuredClone(service.vpcLatticeConfigurations) }),
  };
}

/**
 * UpdateService's Service Connect checks: a new configuration, or a new task definition under the
 * current one (its port names must still be there, with the same appProtocol).
 */
function checkServiceConnectUpdate(
  world: World,
  cluster: ClusterRecord,
  service: ServiceRecord,
  input: UpdateServiceCommandInput,
  definition: TaskDefinitionRecord | undefined,
): CheckedServiceConnect | undefined | 'unchanged' {
  const given = input.serviceConnectConfiguration;
  if (given === undefined && (definition === undefined || service.serviceConnect === undefined))
    return 'unchanged';
  const effective = definition ?? findTaskDefinition(world, service.taskDefinition);
  if (effective === undefined) return 'unchanged';
  const current = service.serviceConnect;
  const checked = checkServiceConnect(world, {
    operation: 'UpdateService',
    serviceArn: service.serviceArn,
    cluster,
    configuration: given ?? (current as ServiceConnectRecord).configuration,
    definition: effective,
    ...(current === undefined
      ? {}
      : { current: { record: current, definition: findTaskDefinition(world, service.taskDefinition) } }),
  });
  return given === undefined ? 'unchanged' : checked;
}

/**
 * UpdateService's VPC Lattice checks: new configurations ("This parameter triggers a new service
 * deployment"; an empty list removes them), or a new task definition under the current ones (its
 * port names must still be there).
 */
function checkVpcLatticeUpdate(
  world: World,
  service: ServiceRecord,
  input: UpdateServiceCommandInput,
  definition: TaskDefinitionRecord | undefined,
): VpcLatticeConfiguration[] | 'unchanged' {
  const given = input.vpcLatticeConfigurations;
  const effective = definition ?? findTaskDefinition(world, service.taskDefinition);
  if (effective === undefined) return 'unchanged';
  if (given !== undefined) return checkVpcLattice(world, given, effective);
  if (definition !== undefined) checkVpcLattice(world, service.vpcLatticeConfigurations ?? [], effective);
  return 'unchanged';
}

export const serviceOperations: Record<string, Operation> = {
  CreateService(input: CreateServiceCommandInput, world): Output<CreateServiceCommandOutput> {
    const cluster = clusterNamed(world, input.cluster);
    const name = input.serviceName ?? '';
    const { ecs } = world.state;
    const replayed = replayToken<string>(ecs.tokens, 'CreateService', input.clientToken, input, () =>
      invalidParameter('Creation of service was not idempotent.'),
    );
    const previous = replayed === undefined ? undefined : byKey(ecs.services, replayed);
    if (previous !== undefined) return { service: describeService(world, previous, false) };
    if (!ECS_NAME.test(name)) {
      throw invalidParameter(
        'Service name can only contain letters (uppercase and lowercase), numbers, underscores and hyphens, and must be no longer than 255 characters.',
      );
    }
    const key = `${cluster.clusterName}/${name}`;
    const taken = byKey(ecs.services, key);
    if (taken !== undefined && taken.status !== 'INACTIVE') {
      throw invalidParameter('Creation of service was not idempotent.');
    }
    const desiredCount = input.desiredCount ?? 0;
    if (desiredCount < 0) throw invalidParameter('desiredCount must be at least 0.');
    const definition = runnableTaskDefinition(world, input.taskDefinition);
    checkNetwork(world, definition, input.networkConfiguration);
    const registries = input.serviceRegistries ?? [];
    if (registries.length > 1) throw invalidParameter('Only one service registry is supported per service.');
    for (const registry of registries) {
      if (world.internal.cloudMap.service(registry.registryArn ?? '') === undefined) {
        throw invalidParameter(`Service registry ${registry.registryArn} does not exist.`);
      }
    }
    checkLoadBalancers(world, input.loadBalancers ?? [], definition);
    if (input.launchType !== undefined && input.launchType === 'FARGATE') {
      if (
        !(definition.body.requiresCompatibilities ?? []).includes('FARGATE') &&
        definition.body.networkMode !== 'awsvpc'
      ) {
        throw invalidParameter('Task definition does not support launch_type FARGATE.');
      }
    }
    if (input.clientToken !== undefined && input.clientToken.length > 36) {
      throw clientError('clientToken must be at most 36 characters.');
    }
    const serviceArn = ecsArn(world, `service/${cluster.clusterName}/${name}`);
    const serviceConnect =
      input.serviceConnectConfiguration === undefined
        ? undefined
        : checkServiceConnect(world, {
            operation: 'CreateService',
            serviceArn,
            cluster,
            configuration: input.serviceConnectConfiguration,
            definition,
          });
    const vpcLattice =
      input.vpcLatticeConfigurations === undefined
        ? undefined
        : checkVpcLattice(world, input.vpcLatticeConfigurations, definition);
    const service: ServiceRecord = {
      serviceName: name,
      serviceArn,
      clusterName: cluster.clusterName,
      clusterArn: cluster.clusterArn,
      status: 'ACTIVE',
      desiredCount,
      taskDefinition: definition.taskDefinitionArn,
      ...(input.launchType === undefined ? {} : { launchType: input.launchType }),
      ...(input.networkConfiguration?.awsvpcConfiguration === undefined
        ? {}
        : { awsvpcConfiguration: structuredClone(input.networkConfiguration.awsvpcConfiguration) }),
      loadBalancers: structuredClone(input.loadBalancers ?? []),
      serviceRegistries: structuredClone(registries),
      enableExecuteCommand: input.enableExecuteCommand ?? false,
      propagateTags: input.propagateTags ?? 'NONE',
      createdAt: world.now(),
      deployments: [],
      ...(vpcLattice === undefined || vpcLattice.length === 0
        ? {}
        : { vpcLatticeConfigurations: vpcLattice }),
      tags: (input.tags ?? []).map((t) => ({ ...t })),
    };
    applyServiceConnect(world, service, serviceConnect);
    service.deployments.push(newDeployment(world, service));
    ecs.services[key] = service;
    rememberToken(ecs.tokens, 'CreateService', input.clientToken, input, key);
    reconcile(world, service);
    return { service: describeService(world, service, false) };
  },

  DescribeServices(input: DescribeServicesCommandInput, world): Output<DescribeServicesCommandOutput> {
    const cluster = clusterNamed(world, input.cluster);
    const withTags = (input.include ?? []).includes('TAGS');
    const services: Service[] = [];
    const failures: { arn: string; reason: string }[] = [];
    for (const reference of input.services ?? []) {
      const name = lastSegment(reference);
      const service = byKey(world.state.ecs.services, `${cluster.clusterName}/${name}`);
      if (service === undefined || !world.visible(service.createdAt)) {
        failures.push({ arn: ecsArn(world, `service/${cluster.clusterName}/${name}`), reason: 'MISSING' });
      } else services.push(describeService(world, service, withTags));
    }
    return { services, failures };
  },

  ListServices(input: ListServicesCommandInput, world): Output<ListServicesCommandOutput> {
    const cluster = clusterNamed(world, input.cluster);
    const arns = Object.values(world.state.ecs.services)
      .filter(
        (s) =>
          s.clusterName === cluster.clusterName &&
          s.status !== 'INACTIVE' &&
          world.visible(s.createdAt) &&
          (input.launchType === undefined || s.launchType === input.launchType),
      )
      .map((s) => s.serviceArn)
      .sort(compareBy((arn) => arn));
    const { items, nextToken } = page(arns, input.nextToken, input.maxResults);
    return { serviceArns: items, ...(nextToken === undefined ? {} : { nextToken }) };
  },

  UpdateService(input: UpdateServiceCommandInput, world): Output<UpdateServiceCommandOutput> {
    const cluster = clusterNamed(world, input.cluster);
    const service = serviceNamed(world, cluster, input.service);
    if (service.status !== 'ACTIVE') throw serviceNotActive();
    if (input.desiredCount !== undefined && input.desiredCount < 0) {
      throw invalidParameter('desiredCount must be at least 0.');
    }
    const definition =
      input.taskDefinition === undefined ? undefined : runnableTaskDefinition(world, input.taskDefinition);
    const network = input.networkConfiguration;
    // A new task definition or network must still fit together (awsvpc needs its subnets and groups).
    if (definition !== undefined || network !== undefined) {
      const effective = definition ?? findTaskDefinition(world, service.taskDefinition);
      const current =
        service.awsvpcConfiguration === undefined
          ? undefined
          : { awsvpcConfiguration: service.awsvpcConfiguration };
      if (effective !== undefined) checkNetwork(world, effective, network ?? current);
    }
    const serviceConnect = checkServiceConnectUpdate(world, cluster, service, input, definition);
    const vpcLattice = checkVpcLatticeUpdate(world, service, input, definition);
    const loadBalancers =
      input.loadBalancers === undefined ||
      JSON.stringify(input.loadBalancers) === JSON.stringify(service.loadBalancers)
        ? 'unchanged'
        : input.loadBalancers;
    if (loadBalancers !== 'unchanged') {
      const effective = definition ?? findTaskDefinition(world, service.taskDefinition);
      if (effective !== undefined) checkLoadBalancers(world, loadBalancers, effective);
    }
    // Validated: now change the service.
    // New tasks join the new target groups; the old ones leave theirs as they stop.
    if (loadBalancers !== 'unchanged') service.loadBalancers = structuredClone(loadBalancers);
    if (input.desiredCount !== undefined) service.desiredCount = input.desiredCount;
    if (serviceConnect !== 'unchanged') applyServiceConnect(world, service, serviceConnect);
    if (vpcLattice !== 'unchanged') {
      if (vpcLattice.length === 0) delete service.vpcLatticeConfigurations;
      else service.vpcLatticeConfigurations = vpcLattice;
    }
    const redeploy =
      input.forceNewDeployment === true ||
      network !== undefined ||
      serviceConnect !== 'unchanged' ||
      vpcLattice !== 'unchanged' ||
      loadBalancers !== 'unchanged' ||
      (definition !== undefined && definition.taskDefinitionArn !== service.taskDefinition);
    if (definition !== undefined) service.taskDefinition = definition.taskDefinitionArn;
    if (input.enableExecuteCommand !== undefined) service.enableExecuteCommand = input.enableExecuteCommand;
    if (input.propagateTags !== undefined) service.propagateTags = input.propagateTags;
    if (network?.awsvpcConfiguration !== undefined) {
      service.awsvpcConfiguration = structuredClone(network.awsvpcConfiguration);
    }
    if (redeploy) {
      for (const deployment of service.deployments) {
        deployment.status = 'ACTIVE';
        deployment.updatedAt = world.now();
      }
      service.deployments.unshift(newDeployment(world, service));
    }
    reconcile(world, service);
    return { service: describeService(world, service, false) };
  },

  DeleteService(input: DeleteServiceCommandInput, world): Output<DeleteServiceCommandOutput> {
    const cluster = clusterNamed(world, input.cluster);
    const service = serviceNamed(world, cluster, input.service);
    if (service.status !== 'ACTIVE') throw serviceNotActive();
    if (service.desiredCount > 0 && input.force !== true) {
      throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
    }
    service.desiredCount = 0;
    service.status = 'DRAINING';
    for (const task of tasksOf(world.state.ecs, service)) stopTask(world, task, 'Service was deleted.');
    // Even with no task to stop, AWS shows the service DRAINING for a moment.
    world.schedule(world.delays.ecsTaskStopMs, 'ecs.serviceDrained', {
      service: `${cluster.clusterName}/${service.serviceName}`,
    });
    return { service: describeService(world, service, false) };
  },
};
