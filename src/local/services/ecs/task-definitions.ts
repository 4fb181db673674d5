/** ECS task definitions: a new revision per registration, validated as AWS does. */
import type {
  Attribute,
  DeleteTaskDefinitionsCommandInput,
  DeleteTaskDefinitionsCommandOutput,
  DeregisterTaskDefinitionCommandInput,
  DeregisterTaskDefinitionCommandOutput,
  DescribeTaskDefinitionCommandInput,
  DescribeTaskDefinitionCommandOutput,
  ListTaskDefinitionFamiliesCommandInput,
  ListTaskDefinitionFamiliesCommandOutput,
  ListTaskDefinitionsCommandInput,
  ListTaskDefinitionsCommandOutput,
  PortMapping,
  RegisterTaskDefinitionCommandInput,
  RegisterTaskDefinitionCommandOutput,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { ECS_NAME } from '../../../validate/ecs.js';
import { isFargateSize } from '../../../validate/fargate.js';
import type { Operation, Output, World } from '../../world.js';
import { clientError } from './errors.js';
import { SERVICE_CONNECT_NAME } from './service-connect-checks.js';
import {
  byFamilyAndRevision,
  byKey,
  compareBy,
  ecsArn,
  isLive,
  page,
  type TaskDefinitionRecord,
} from './state.js';

const APP_PROTOCOLS: readonly string[] = ['http', 'http2', 'grpc'];

/** Task-level cpu/memory may be written `1024`, `1 vCPU` or `2 GB`. */
function units(value: string | undefined, perUnit: number): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(vcpu|gb)?\s*$/i.exec(value);
  if (match === null) return Number.NaN;
  return Number(match[1]) * (match[2] === undefined ? 1 : perUnit);
}

function validate(input: RegisterTaskDefinitionCommandInput): void {
  const family = input.family ?? '';
  if (!ECS_NAME.test(family)) {
    throw clientError(
      'Family contains invalid characters or is too long: up to 255 letters (uppercase and lowercase), numbers, hyphens and underscores are allowed.',
    );
  }
  const containers = input.containerDefinitions ?? [];
  if (containers.length === 0) throw clientError('Container list cannot be empty.');
  const names = new Set<string>();
  for (const container of containers) {
    if (!container.name) throw clientError('Container.name should not be null or empty.');
    if (!container.image) throw clientError('Container.image should not be null or empty.');
    if (names.has(container.name)) {
      throw clientError(`Duplicate container name found: ${container.name}. Container names must be unique.`);
    }
    names.add(container.name);
  }
  for (const container of containers) {
    for (const dependency of container.dependsOn ?? []) {
      if (!names.has(dependency.containerName ?? '')) {
        throw clientError(
          `Container '${container.name}' depends on container '${dependency.containerName}', which is not defined in the task definition.`,
        );
      }
    }
  }
  for (const mapping of containers.flatMap((c) => c.portMappings ?? [])) checkPortMapping(mapping);
  if (!containers.some((c) => c.essential !== false)) {
    throw clientError('A task definition must have at least one essential container.');
  }
  const proxy = input.proxyConfiguration;
  if (proxy !== undefined && !names.has(proxy.containerName ?? '')) {
    throw clientError(
      `The proxy configuration's container name '${proxy.containerName}' must match the name of a container in the task definition.`,
    );
  }
  if (proxy !== undefined && input.networkMode !== 'awsvpc') {
    throw clientError('Proxy configuration is only supported with the awsvpc network mode.');
  }
  if ((input.requiresCompatibilities ?? []).includes('FARGATE')) {
    if (input.networkMode !== 'awsvpc') throw clientError('Fargate only supports network mode ‘awsvpc’.');
    const cpu = units(input.cpu, 1024);
    const memory = units(input.memory, 1024);
    if (cpu === undefined) throw clientError("Fargate requires that 'cpu' be defined at the task level.");
    if (memory === undefined)
      throw clientError("Fargate requires that 'memory' be defined at the task level.");
    if (!isFargateSize(cpu, memory)) {
      throw clientError(
        `No Fargate configuration exists for given values: ${input.cpu} CPU, ${input.memory} memory. See the Amazon ECS documentation for the valid values.`,
      );
    }
  }
}

/** PortMapping.name and appProtocol, as the API model documents them [U: AWS's wording]. */
function checkPortMapping(mapping: PortMapping): void {
  if (mapping.name !== undefined && !SERVICE_CONNECT_NAME.test(mapping.name)) {
    throw clientError(
      `The port mapping name '${mapping.name}' is not valid: up to 64 lowercase letters, numbers, underscores (_) and hyphens (-), not starting with a hyphen.`,
    );
  }
  if (mapping.appProtocol !== undefined && !APP_PROTOCOLS.includes(mapping.appProtocol)) {
    throw clientError(`The appProtocol '${mapping.appProtocol}' is not valid: use http, http2 or grpc.`);
  }
}

/** The capabilities a container instance needs for this definition (what AWS reports back). */
function requiresAttributes(input: RegisterTaskDefinitionCommandInput): Attribute[] {
  const names = new Set<string>();
  const containers = input.containerDefinitions ?? [];
  if (input.networkMode === 'awsvpc') names.add('ecs.capability.task-eni');
  if (input.proxyConfiguration !== undefined) names.add('ecs.capability.aws-appmesh');
  if (input.taskRoleArn !== undefined) names.add('com.amazonaws.ecs.capability.task-iam-role');
  if (containers.some((c) => c.dependsOn !== undefined)) names.add('ecs.capability.container-ordering');
  if (containers.some((c) => c.healthCheck !== undefined)) names.add('ecs.capability.container-health-check');
  if (containers.some((c) => c.logConfiguration?.logDriver === 'awslogs')) {
    names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
    if (input.executionRoleArn !== undefined) names.add('ecs.capability.execution-role-awslogs');
  }
  if (containers.some((c) => c.user !== undefined))
    names.add('com.amazonaws.ecs.capability.docker-remote-api.1.17');
  return [...names].sort().map((name) => ({ name }));
}

export function describeTaskDefinition(record: TaskDefinitionRecord): TaskDefinition {
  const body = structuredClone(record.body);
  const fargate = (body.requiresCompatibilities ?? []).includes('FARGATE');
  return {
    ...body,
    taskDefinitionArn: record.taskDefinitionArn,
    revision: record.revision,
    status: record.status,
    requiresAttributes: requiresAttributes(record.body),
    compatibilities: fargate || body.networkMode === 'awsvpc' ? ['EC2', 'FARGATE'] : ['EC2'],
    registeredAt: new Date(record.registeredAt),
    ...(record.deregisteredAt === undefined ? {} : { deregisteredAt: new Date(record.deregisteredAt) }),
  } as TaskDefinition;
}

/**
 * The visible task definition a reference names: `family` (its latest ACTIVE revision),
 * `family:revision` or an ARN. Undefined when there is none.
 */
export function findTaskDefinition(
  world: World,
  reference: string | undefined,
): TaskDefinitionRecord | undefined {
  const name = (reference ?? '').replace(/^arn:aws:ecs:[^:]*:\d+:task-definition\//, '');
  const records = world.state.ecs.taskDefinitions;
  if (name.includes(':')) {
    const record = byKey(records, name);
    return record !== undefined && world.visible(record.registeredAt) ? record : undefined;
  }
  return Object.values(records)
    .filter((r) => r.family === name && r.status === 'ACTIVE' && world.visible(r.registeredAt))
    .sort(compareBy((r) => -r.revision))[0];
}

function taskDefinitionNamed(world: World, reference: string | undefined): TaskDefinitionRecord {
  const record = findTaskDefinition(world, reference);
  if (record === undefined) throw clientError('Unable to describe task definition.');
  return record;
}

export const taskDefinitionOperations: Record<string, Operation> = {
  RegisterTaskDefinition(
    input: RegisterTaskDefinitionCommandInput,
    world,
  ): Output<RegisterTaskDefinitionCommandOutput> {
    validate(input);
    const { tags, ...body } = input;
    const family = body.family as string;
    const { ecs } = world.state;
    const revision = (ecs.lastRevisions[family] ?? 0) + 1;
    const record: TaskDefinitionRecord = {
      family,
      revision,
      taskDefinitionArn: ecsArn(world, `task-definition/${family}:${revision}`),
      status: 'ACTIVE',
      registeredAt: world.now(),
      body,
      tags: (tags ?? []).map((t) => ({ ...t })),
    };
    ecs.lastRevisions[family] = revision;
    ecs.taskDefinitions[`${family}:${revision}`] = record;
    return { taskDefinition: describeTaskDefinition(record), tags: record.tags.map((t) => ({ ...t })) };
  },

  DescribeTaskDefinition(
    input: DescribeTaskDefinitionCommandInput,
    world,
  ): Output<DescribeTaskDefinitionCommandOutput> {
    const record = taskDefinitionNamed(world, input.taskDefinition);
    const withTags = (input.include ?? []).includes('TAGS');
    return {
      taskDefinition: describeTaskDefinition(record),
      ...(withTags ? { tags: record.tags.map((t) => ({ ...t })) } : {}),
    };
  },

  DeregisterTaskDefinition(
    input: DeregisterTaskDefinitionCommandInput,
    world,
  ): Output<DeregisterTaskDefinitionCommandOutput> {
    const reference = input.taskDefinition ?? '';
    // AWS wants a revision here: a bare family is not enough.
    if (!reference.includes(':')) throw clientError('Revision is missing.');
    const record = taskDefinitionNamed(world, reference);
    if (record.status === 'ACTIVE') {
      record.status = 'INACTIVE';
      record.deregisteredAt = world.now();
    }
    return { taskDefinition: describeTaskDefinition(record) };
  },

  ListTaskDefinitions(
    input: ListTaskDefinitionsCommandInput,
    world,
  ): Output<ListTaskDefinitionsCommandOutput> {
    const status = input.status ?? 'ACTIVE';
    const sorted = Object.values(world.state.ecs.taskDefinitions)
      .filter(
        (r) =>
          r.status === status &&
          (input.familyPrefix === undefined || r.family.startsWith(input.familyPrefix)) &&
          world.visible(r.registeredAt),
      )
      .sort(byFamilyAndRevision);
    if (input.sort === 'DESC') sorted.reverse();
    const { items, nextToken } = page(
      sorted.map((r) => r.taskDefinitionArn),
      input.nextToken,
      input.maxResults,
    );
    return { taskDefinitionArns: items, ...(nextToken === undefined ? {} : { nextToken }) };
  },

  ListTaskDefinitionFamilies(
    input: ListTaskDefinitionFamiliesCommandInput,
    world,
  ): Output<ListTaskDefinitionFamiliesCommandOutput> {
    const status = input.status ?? 'ACTIVE';
    const families = new Set<string>();
    for (const r of Object.values(world.state.ecs.taskDefinitions)) {
      if (input.familyPrefix !== undefined && !r.family.startsWith(input.familyPrefix)) continue;
      if (!world.visible(r.registeredAt)) continue;
      if (status === 'ALL' || r.status === status) families.add(r.family);
    }
    // INACTIVE lists families with no ACTIVE revision left.
    if (status === 'INACTIVE') {
      for (const r of Object.values(world.state.ecs.taskDefinitions)) {
        if (r.status === 'ACTIVE') families.delete(r.family);
      }
    }
    const { items, nextToken } = page([...families].sort(), input.nextToken, input.maxResults);
    return { families: items, ...(nextToken === undefined ? {} : { nextToken }) };
  },

  DeleteTaskDefinitions(
    input: DeleteTaskDefinitionsCommandInput,
    world,
  ): Output<DeleteTaskDefinitionsCommandOutput> {
    const references = input.taskDefinitions ?? [];
    if (references.length === 0 || references.length > 10) {
      throw clientError('The taskDefinitions list must contain between 1 and 10 task definitions.');
    }
    const deleted: TaskDefinitionRecord[] = [];
    const failures: { arn: string; reason: string }[] = [];
    for (const reference of references) {
      const record = reference.includes(':') ? findTaskDefinition(world, reference) : undefined;
      if (record === undefined)
        failures.push({ arn: reference, reason: 'The specified task definition does not exist.' });
      else if (record.status === 'ACTIVE') {
        failures.push({
          arn: record.taskDefinitionArn,
          reason:
            'The specified task definition is still in ACTIVE status. Deregister it before you delete it.',
        });
      } else {
        // INACTIVE moves to DELETE_IN_PROGRESS at once; one already there is answered as such again.
        record.status = 'DELETE_IN_PROGRESS';
        deleted.push(record);
      }
    }
    const answer = {
      taskDefinitions: deleted.map((r) => describeTaskDefinition(r)),
      failures,
    };
    removeUnusedDeletions(world);
    return answer;
  },
};

/**
 * AWS deletes a DELETE_IN_PROGRESS revision for good once no task and no service deployment
 * uses it any more (it checks periodically; here, at once and whenever a task stops).
 */
export function removeUnusedDeletions(world: World): void {
  const { ecs } = world.state;
  const used = new Set<string>();
  for (const task of Object.values(ecs.tasks)) if (isLive(task)) used.add(task.taskDefinitionArn);
  for (const service of Object.values(ecs.services)) {
    if (service.status === 'INACTIVE') continue;
    used.add(service.taskDefinition);
    for (const deployment of service.deployments) used.add(deployment.taskDefinition);
  }
  for (const [key, record] of Object.entries(ecs.taskDefinitions)) {
    if (record.status === 'DELETE_IN_PROGRESS' && !used.has(record.taskDefinitionArn))
      delete ecs.taskDefinitions[key];
  }
}
