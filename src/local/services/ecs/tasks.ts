/**
 * ECS tasks of services: the scheduler (reconcile) starts and stops tasks so that each service
 * matches its desired count and PRIMARY deployment; starting and stopping take AWS-like delays.
 */
import type {
  DescribeTasksCommandInput,
  DescribeTasksCommandOutput,
  ListTasksCommandInput,
  ListTasksCommandOutput,
  StopTaskCommandInput,
  StopTaskCommandOutput,
  Task,
} from '@aws-sdk/client-ecs';
import type { Operation, Output, World } from '../../world.js';
import { clusterNamed, serviceNamed } from './clusters.js';
import { invalidParameter } from './errors.js';
import {
  deregisterServiceConnectTask,
  registerServiceConnectTask,
  releaseServiceConnect,
} from './service-connect.js';
import {
  byKey,
  compareBy,
  ecsArn,
  isLive,
  lastSegment,
  page,
  type ServiceRecord,
  type TaskRecord,
  tasksOf,
} from './state.js';
import { findTaskDefinition, removeUnusedDeletions } from './task-definitions.js';
import { deregisterVpcLatticeTask, registerVpcLatticeTask } from './vpc-lattice.js';

function startTask(world: World, service: ServiceRecord): void {
  const deployment = service.deployments.find((d) => d.status === 'PRIMARY');
  if (deployment === undefined) return;
  const taskId = world.newId('', `${service.clusterName}/${service.serviceName}/task`, 32);
  const subnetId = deployment.awsvpcConfiguration?.subnets?.[0];
  const task: TaskRecord = {
    taskId,
    taskArn: ecsArn(world, `task/${service.clusterName}/${taskId}`),
    clusterArn: service.clusterArn,
    clusterName: service.clusterName,
    serviceName: service.serviceName,
    deploymentId: deployment.id,
    taskDefinitionArn: deployment.taskDefinition,
    attachmentId: world.newUuid(`${taskId}/eni`),
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    securityGroups: [...(deployment.awsvpcConfiguration?.securityGroups ?? [])],
    createdAt: world.now(),
    tags: [],
    ...(subnetId === undefined
      ? {}
      : { subnetId, availabilityZone: world.internal.ec2.subnet(subnetId)?.availabilityZone }),
  };
  world.state.ecs.tasks[taskId] = task;
  world.schedule(world.delays.ecsTaskStartMs, 'ecs.taskStarted', { taskId });
}

export function stopTask(world: World, task: TaskRecord, reason: string): void {
  if (task.desiredStatus === 'STOPPED') return;
  task.desiredStatus = 'STOPPED';
  task.stoppedReason = reason;
  if (task.lastStatus === 'RUNNING') task.lastStatus = 'DEACTIVATING';
  world.schedule(world.delays.ecsTaskStopMs, 'ecs.taskStopped', { taskId: task.taskId });
}

/**
 * What the ECS scheduler does: start PRIMARY tasks up to the desired count, stop surplus ones,
 * stop older deployments' tasks once the PRIMARY has all its tasks running (minimum healthy 100%),
 * drop finished deployments, and make a drained service INACTIVE.
 */
export function reconcile(world: World, service: ServiceRecord): void {
  if (service.status === 'INACTIVE') return;
  const tasks = tasksOf(world.state.ecs, service).filter((t) => t.desiredStatus === 'RUNNING');
  if (service.status === 'DRAINING') {
    for (const task of tasks) stopTask(world, task, 'Service was deleted.');
    if (!tasksOf(world.state.ecs, service).some(isLive)) {
      service.status = 'INACTIVE';
      releaseServiceConnect(world, service);
    }
    return;
  }
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  if (primary === undefined) return;
  const primaryTasks = tasks.filter((t) => t.deploymentId === primary.id);
  for (let n = primaryTasks.length; n < service.desiredCount; n++) startTask(world, service);
  const surplus = primaryTasks.sort(compareBy((t) => t.taskId)).slice(service.desiredCount);
  for (const task of surplus) stopTask(world, task, 'Scaling activity initiated by (deployment).');
  const primaryRunning = primaryTasks.filter((t) => t.lastStatus === 'RUNNING').length;
  if (primaryRunning >= service.desiredCount) {
    for (const task of tasks.filter((t) => t.deploymentId !== primary.id)) {
      stopTask(world, task, `Task stopped by deployment ${primary.id}.`);
    }
  }
  const all = tasksOf(world.state.ecs, service);
  const before = service.deployments.length;
  service.deployments = service.deployments.filter(
    (d) => d.status === 'PRIMARY' || all.some((t) => t.deploymentId === d.id && isLive(t)),
  );
  if (service.deployments.length !== before) primary.updatedAt = world.now();
}

function serviceOfTask(world: World, task: TaskRecord): ServiceRecord | undefined {
  return task.serviceName === undefined
    ? undefined
    : byKey(world.state.ecs.services, `${task.clusterName}/${task.serviceName}`);
}

export const taskEvents: Record<string, (world: World, data: Readonly<Record<string, unknown>>) => void> = {
  'ecs.serviceDrained'(world, data) {
    const service = byKey(world.state.ecs.services, String(data.service));
    if (service?.status === 'DRAINING') reconcile(world, service);
  },
  'ecs.taskStarted'(world, data) {
    const task = byKey(world.state.ecs.tasks, String(data.taskId));
    if (task === undefined || task.lastStatus !== 'PROVISIONING' || task.desiredStatus !== 'RUNNING') return;
    const service = serviceOfTask(world, task);
    if (task.subnetId !== undefined) task.ip = world.internal.ec2.allocateIp(task.subnetId, task.taskId);
    task.lastStatus = 'RUNNING';
    task.startedAt = world.now();
    if (service !== undefined && task.ip !== undefined) {
      const family = findTaskDefinition(world, task.taskDefinitionArn)?.family ?? '';
      for (const registry of service.serviceRegistries) {
        world.internal.cloudMap.registerInstance(registry.registryArn ?? '', task.taskId, {
          AWS_INSTANCE_IPV4: task.ip,
          ECS_CLUSTER_NAME: task.clusterName,
          ECS_SERVICE_NAME: service.serviceName,
          ECS_TASK_DEFINITION_FAMILY: family,
          AVAILABILITY_ZONE: task.availabilityZone ?? '',
          REGION: world.region,
        });
      }
      for (const lb of service.loadBalancers) {
        world.internal.elbv2.registerTarget(lb.targetGroupArn ?? '', task.ip, lb.containerPort ?? 0);
      }
      task.loadBalancerRegistrations = service.loadBalancers.map((lb) => lb.targetGroupArn ?? '');
      registerServiceConnectTask(world, service, task);
      registerVpcLatticeTask(world, service, task);
    }
    if (service !== undefined) reconcile(world, service);
  },
  'ecs.taskStopped'(world, data) {
    const task = byKey(world.state.ecs.tasks, String(data.taskId));
    if (task === undefined || task.lastStatus === 'STOPPED') return;
    const service = serviceOfTask(world, task);
    if (service !== undefined && task.ip !== undefined) {
      for (const registry of service.serviceRegistries) {
        world.internal.cloudMap.deregisterInstance(registry.registryArn ?? '', task.taskId);
      }
      const joined =
        task.loadBalancerRegistrations ?? service.loadBalancers.map((lb) => lb.targetGroupArn ?? '');
      for (const targetGroupArn of joined) world.internal.elbv2.deregisterTarget(targetGroupArn, task.ip);
    }
    deregisterServiceConnectTask(world, task);
    deregisterVpcLatticeTask(world, task);
    if (task.subnetId !== undefined && task.ip !== undefined) {
      world.internal.ec2.releaseIp(task.subnetId, task.ip);
    }
    task.lastStatus = 'STOPPED';
    task.stoppedAt = world.now();
    if (service !== undefined) reconcile(world, service);
    removeUnusedDeletions(world);
  },
};

export function describeTask(world: World, task: TaskRecord): Task {
  const definition = findTaskDefinition(world, task.taskDefinitionArn);
  const attachmentId = task.attachmentId;
  const eniStatus = {
    PROVISIONING: 'PRECREATED',
    RUNNING: 'ATTACHED',
    DEACTIVATING: 'DETACHING',
    STOPPED: 'DELETED',
  };
  return {
    taskArn: task.taskArn,
    clusterArn: task.clusterArn,
    taskDefinitionArn: task.taskDefinitionArn,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    launchType: 'FARGATE',
    ...(task.serviceName === undefined ? {} : { group: `service:${task.serviceName}` }),
    ...(task.deploymentId === undefined ? {} : { startedBy: task.deploymentId }),
    ...(task.availabilityZone === undefined ? {} : { availabilityZone: task.availabilityZone }),
    ...(definition?.body.cpu === undefined ? {} : { cpu: definition.body.cpu }),
    ...(definition?.body.memory === undefined ? {} : { memory: definition.body.memory }),
    attachments:
      task.subnetId === undefined
        ? []
        : [
            {
              id: attachmentId,
              type: 'ElasticNetworkInterface',
              status: eniStatus[task.lastStatus],
              details: [
                { name: 'subnetId', value: task.subnetId },
                ...(task.ip === undefined ? [] : [{ name: 'privateIPv4Address', value: task.ip }]),
              ],
            },
          ],
    containers: (definition?.body.containerDefinitions ?? []).map((c) => ({
      name: c.name,
      image: c.image,
      taskArn: task.taskArn,
      lastStatus:
        task.lastStatus === 'DEACTIVATING'
          ? 'RUNNING'
          : task.lastStatus === 'STOPPED'
            ? 'STOPPED'
            : task.lastStatus === 'RUNNING'
              ? 'RUNNING'
              : 'PENDING',
      networkInterfaces: task.ip === undefined ? [] : [{ attachmentId, privateIpv4Address: task.ip }],
    })),
    createdAt: new Date(task.createdAt),
    ...(task.startedAt === undefined ? {} : { startedAt: new Date(task.startedAt) }),
    ...(task.stoppedAt === undefined ? {} : { stoppedAt: new Date(task.stoppedAt) }),
    ...(task.stoppedReason === undefined
      ? {}
      : { stoppedReason: task.stoppedReason, stopCode: 'ServiceSchedulerInitiated' }),
    tags: task.tags.map((t) => ({ ...t })),
  };
}

function taskNamed(world: World, clusterName: string, reference: string): TaskRecord | undefined {
  const task = byKey(world.state.ecs.tasks, lastSegment(reference));
  return task !== undefined && task.clusterName === clusterName && world.visible(task.createdAt)
    ? task
    : undefined;
}

export const taskOperations: Record<string, Operation> = {
  ListTasks(input: ListTasksCommandInput, world): Output<ListTasksCommandOutput> {
    const cluster = clusterNamed(world, input.cluster);
    if (input.serviceName !== undefined) serviceNamed(world, cluster, input.serviceName);
    const desiredStatus = input.desiredStatus ?? 'RUNNING';
    const arns = Object.values(world.state.ecs.tasks)
      .filter(
        (t) =>
          t.clusterName === cluster.clusterName &&
          world.visible(t.createdAt) &&
          t.desiredStatus === desiredStatus &&
          (input.serviceName === undefined || t.serviceName === lastSegment(input.serviceName)) &&
          (input.family === undefined ||
            findTaskDefinition(world, t.taskDefinitionArn)?.family === input.family),
      )
      .map((t) => t.taskArn)
      .sort();
    const { items, nextToken } = page(arns, input.nextToken, input.maxResults);
    return { taskArns: items, ...(nextToken === undefined ? {} : { nextToken }) };
  },

  DescribeTasks(input: DescribeTasksCommandInput, world): Output<DescribeTasksCommandOutput> {
    const cluster = clusterNamed(world, input.cluster);
    const references = input.tasks ?? [];
    if (references.length === 0) throw invalidParameter('Tasks cannot be empty.');
    const tasks: Task[] = [];
    const failures: { arn: string; reason: string }[] = [];
    for (const reference of references) {
      const task = taskNamed(world, cluster.clusterName, reference);
      if (task === undefined) {
        failures.push({
          arn: reference.startsWith('arn:')
            ? reference
            : ecsArn(world, `task/${cluster.clusterName}/${reference}`),
          reason: 'MISSING',
        });
      } else tasks.push(describeTask(world, task));
    }
    return { tasks, failures };
  },

  StopTask(input: StopTaskCommandInput, world): Output<StopTaskCommandOutput> {
    const cluster = clusterNamed(world, input.cluster);
    const task = taskNamed(world, cluster.clusterName, input.task ?? '');
    if (task === undefined) throw invalidParameter('The referenced task was not found.');
    stopTask(world, task, input.reason ?? 'Task stopped by user.');
    // The service scheduler replaces the stopped task.
    const service = serviceOfTask(world, task);
    if (service !== undefined) reconcile(world, service);
    return { task: describeTask(world, task) };
  },
};
