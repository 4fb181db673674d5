import type {
  Compatibility,
  ContainerDefinition,
  ContainerDependency,
  LogConfiguration,
  PortMapping,
  RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import type {
  AppContainerDefinition,
  EcsEnvironmentDefinition,
  GatewayTaskDefinition,
  NodeTaskDefinition,
  Tags,
  TaskCommonDefinition,
} from '../../definition/mesh-definition.js';
import {
  appMeshProxyConfiguration,
  ENVOY_CONTAINER_NAME,
  envoyContainer,
  sortedEnvironment,
} from '../envoy.js';
import { deepFreeze, frozenCopy } from '../freeze.js';
import { logStreamPrefix, resourceIds } from '../names.js';
import { planned } from '../planned.js';
import { type PlannedResource, ref } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

const WAIT_FOR_ENVOY: ContainerDependency[] = deepFreeze([
  { containerName: ENVOY_CONTAINER_NAME, condition: 'HEALTHY' },
]);
export const FARGATE: Compatibility[] = deepFreeze(['FARGATE']);

/** What both kinds of task definition need from the rest of the plan. */
export interface TaskDefinitionContext {
  readonly ecs: EcsEnvironmentDefinition;
  /** Full ARN of the virtual node or gateway this task's Envoy implements. */
  readonly resourceArn: string;
  /** Role policies and attachments that must exist before a task can start. */
  readonly permissionIds: readonly string[];
  readonly tags: Tags;
}

/**
 * App containers plus the Envoy sidecar and the APPMESH proxy configuration. 'envoy-first':
 * the apps wait for Envoy HEALTHY (AWS default). 'app-first': Envoy waits for the apps, HEALTHY
 * when they have a health check, START otherwise (ECS rejects HEALTHY without one).
 */
export function nodeTaskDefinitionResource(
  context: TaskDefinitionContext,
  task: NodeTaskDefinition,
  appPorts: readonly number[],
): PlannedResource<'taskDefinition'> {
  const logConfiguration = awslogs(context.ecs, task.family);
  const envoyFirst = task.startOrder === 'envoy-first';
  const apps = task.containers.map((container) => appContainer(container, logConfiguration, envoyFirst));
  const envoy = envoyContainer({
    envoy: task.envoy,
    defaultImage: context.ecs.envoyImage,
    resourceArn: context.resourceArn,
    portMappings: [],
    logConfiguration,
    dependsOn: envoyFirst
      ? []
      : task.containers.map((container) => ({
          containerName: container.name,
          condition: container.healthCheck ? 'HEALTHY' : 'START',
        })),
  });
  return taskDefinition(context, task, [...apps, envoy], appPorts);
}

/** Envoy alone, publishing the gateway's listener ports; no proxy configuration (no app to proxy). */
export function gatewayTaskDefinitionResource(
  context: TaskDefinitionContext,
  task: GatewayTaskDefinition,
  listenerPorts: readonly number[],
): PlannedResource<'taskDefinition'> {
  const envoy = envoyContainer({
    envoy: task.envoy,
    defaultImage: context.ecs.envoyImage,
    resourceArn: context.resourceArn,
    portMappings: listenerPorts.map((containerPort) => ({ containerPort, protocol: 'tcp' })),
    logConfiguration: awslogs(context.ecs, task.family),
  });
  return taskDefinition(context, task, [envoy], undefined);
}

/** The registration around the containers; without app ports, no App Mesh proxy configuration. */
export function taskDefinition(
  context: Omit<TaskDefinitionContext, 'resourceArn'>,
  task: TaskCommonDefinition,
  containerDefinitions: ContainerDefinition[],
  proxiedAppPorts: readonly number[] | undefined,
): PlannedResource<'taskDefinition'> {
  const taskRoleId = resourceIds.iamRole(task.taskRoleName);
  const executionRoleId = resourceIds.iamRole(context.ecs.executionRoleName);
  return planned(
    'taskDefinition',
    resourceIds.taskDefinition(task.family),
    task.family,
    [taskRoleId, executionRoleId, ...context.permissionIds, resourceIds.logGroup(context.ecs.logGroup)],
    {
      family: task.family,
      networkMode: 'awsvpc',
      requiresCompatibilities: FARGATE,
      cpu: String(task.cpu),
      memory: String(task.memory),
      taskRoleArn: ref(taskRoleId, 'arn'),
      executionRoleArn: ref(executionRoleId, 'arn'),
      containerDefinitions,
      proxyConfiguration: proxiedAppPorts ? appMeshProxyConfiguration(proxiedAppPorts) : undefined,
      tags: lowerCaseTags(context.tags),
    } satisfies RegisterTaskDefinitionCommandInput,
  );
}

/** An app container; `portMappings` replaces the one mapping of its `port` (named ports). */
export function appContainer(
  container: AppContainerDefinition,
  logConfiguration: LogConfiguration,
  waitForEnvoy: boolean,
  portMappings?: PortMapping[],
): ContainerDefinition {
  return {
    name: container.name,
    image: container.image,
    essential: container.essential,
    cpu: container.cpu,
    memory: container.memory,
    portMappings:
      portMappings ??
      (container.port === undefined ? undefined : [{ containerPort: container.port, protocol: 'tcp' }]),
    environment: sortedEnvironment(container.environment),
    dependsOn: waitForEnvoy ? WAIT_FOR_ENVOY : undefined,
    healthCheck: frozenCopy(container.healthCheck),
    logConfiguration,
  };
}

export function awslogs(ecs: EcsEnvironmentDefinition, family: string): LogConfiguration {
  return {
    logDriver: 'awslogs',
    options: {
      'awslogs-group': ecs.logGroup,
      'awslogs-region': ecs.region,
      'awslogs-stream-prefix': logStreamPrefix(family),
    },
  };
}
