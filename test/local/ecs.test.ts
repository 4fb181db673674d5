import { CreateSecurityGroupCommand, DeleteSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  type AwsVpcConfiguration,
  ClientException,
  ClusterContainsServicesException,
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  InvalidParameterException,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  ServiceNotActiveException,
  StopTaskCommand,
  TagResourceCommand,
  UpdateServiceCommand,
  waitUntilServicesInactive,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import {
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  CreateServiceCommand as CreateCloudMapServiceCommand,
  CreateHttpNamespaceCommand,
  GetOperationCommand,
  ListInstancesCommand,
} from '@aws-sdk/client-servicediscovery';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud, type LocalCloud } from '../../src/local/local-cloud.js';

const START_MS = 30_000;
const STOP_MS = 20_000;
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});
const WAIT = { minDelay: 0.01, maxDelay: 0.02, maxWaitTime: 2 };

function setup() {
  const clock = new ManualClock();
  const cloud = createLocalCloud({ clock, delays: { ecsTaskStartMs: START_MS, ecsTaskStopMs: STOP_MS } });
  const clients = cloud.clients({ maxAttempts: 1 });
  return { clock, cloud, ...clients, network: cloud.defaultNetwork() };
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

function colorTeller(family: string, roleArn?: string): RegisterTaskDefinitionCommandInput {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    ...(roleArn === undefined ? {} : { taskRoleArn: roleArn, executionRoleArn: roleArn }),
    proxyConfiguration: {
      type: 'APPMESH',
      containerName: 'envoy',
      properties: [{ name: 'AppPorts', value: '9080' }],
    },
    containerDefinitions: [
      {
        name: 'app',
        image: 'colorteller',
        portMappings: [{ containerPort: 9080 }],
        dependsOn: [{ containerName: 'envoy', condition: 'HEALTHY' }],
      },
      { name: 'envoy', image: 'aws-appmesh-envoy', essential: true, user: '1337' },
    ],
  };
}

/** A cluster, a role, a security group, a Cloud Map service and a target group: what a mesh service uses. */
async function infrastructure(s: ReturnType<typeof setup>) {
  await s.ecs.send(new CreateClusterCommand({ clusterName: 'color' }));
  const role = await s.iam.send(
    new CreateRoleCommand({ RoleName: 'colorTask', AssumeRolePolicyDocument: TRUST }),
  );
  const { GroupId } = await s.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'colorapp-sg', Description: 'app', VpcId: s.network.vpcId }),
  );
  const { OperationId } = await s.cloudMap.send(new CreateHttpNamespaceCommand({ Name: 'colors' }));
  await s.cloud.settle();
  const { Operation } = await s.cloudMap.send(new GetOperationCommand({ OperationId }));
  const registry = await s.cloudMap.send(
    new CreateCloudMapServiceCommand({ Name: 'red', NamespaceId: Operation?.Targets?.NAMESPACE }),
  );
  const tg = await s.elbv2.send(
    new CreateTargetGroupCommand({
      Name: 'red',
      Protocol: 'TCP',
      Port: 9080,
      VpcId: s.network.vpcId,
      TargetType: 'ip',
    }),
  );
  const roleArn = role.Role?.Arn as string;
  const td = await s.ecs.send(new RegisterTaskDefinitionCommand(colorTeller('red', roleArn)));
  const service: CreateServiceCommandInput = {
    cluster: 'color',
    serviceName: 'red',
    taskDefinition: 'red',
    desiredCount: 2,
    launchType: 'FARGATE',
    networkConfiguration: {
      awsvpcConfiguration: { subnets: [...s.network.subnetIds], securityGroups: [GroupId as string] },
    },
    serviceRegistries: [{ registryArn: registry.Service?.Arn }],
    loadBalancers: [
      { targetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn, containerName: 'app', containerPort: 9080 },
    ],
  };
  return {
    roleArn,
    groupId: GroupId as string,
    registryId: registry.Service?.Id as string,
    targetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn as string,
    taskDefinitionArn: td.taskDefinition?.taskDefinitionArn as string,
    service,
  };
}

/** Resolves once the cloud has answered `command` (so a waiter has polled at least once). */
function called(cloud: LocalCloud, command: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = cloud.onCall((call) => {
      if (call.command === command) {
        stop();
        resolve();
      }
    });
  });
}

async function describeRed(ecs: ECSClient) {
  const out = await ecs.send(new DescribeServicesCommand({ cluster: 'color', services: ['red'] }));
  return out.services?.[0];
}

describe('local cloud: ECS through the real SDK client', () => {
  it('registers task definition revisions, describes the latest ACTIVE one, and validates like AWS', async () => {
    const { cloud, ecs } = setup();
    const first = await ecs.send(
      new RegisterTaskDefinitionCommand({ ...colorTeller('red'), tags: [{ key: 'mesh', value: 'color' }] }),
    );
    expect(first.taskDefinition).toMatchObject({
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/red:1',
      revision: 1,
      status: 'ACTIVE',
      compatibilities: ['EC2', 'FARGATE'],
      containerDefinitions: colorTeller('red').containerDefinitions,
    });
    expect(first.taskDefinition?.registeredAt).toBeInstanceOf(Date);
    expect(first.taskDefinition?.requiresAttributes).toContainEqual({ name: 'ecs.capability.aws-appmesh' });
    await ecs.send(new RegisterTaskDefinitionCommand(colorTeller('red')));
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'red:2' }));
    const latest = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'red', include: ['TAGS'] }),
    );
    expect(latest.taskDefinition?.revision).toBe(1);
    expect(latest.tags).toEqual([{ key: 'mesh', value: 'color' }]);
    const inactive = await ecs.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/red:2',
      }),
    );
    expect(inactive.taskDefinition?.status).toBe('INACTIVE');
    const deleted = await ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: ['red:1', 'red:2'] }));
    expect(deleted.taskDefinitions?.map((t) => [t.revision, t.status])).toEqual([[2, 'DELETE_IN_PROGRESS']]);
    expect(deleted.failures?.map((f) => f.arn)).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:task-definition/red:1',
    ]);
    // Revisions are never reused.
    expect(
      (await ecs.send(new RegisterTaskDefinitionCommand(colorTeller('red')))).taskDefinition?.revision,
    ).toBe(3);

    const before = cloud.snapshot();
    const base = colorTeller('blue');
    const containers = base.containerDefinitions ?? [];
    const invalid: [RegisterTaskDefinitionCommandInput, RegExp][] = [
      [{ ...base, memory: '256' }, /No Fargate configuration exists for given values: 256 CPU, 256 memory/],
      [{ ...base, cpu: '1024', memory: '1024' }, /No Fargate configuration exists/],
      [
        { ...base, networkMode: 'bridge', proxyConfiguration: undefined },
        /Fargate only supports network mode/,
      ],
      [{ ...base, proxyConfiguration: { type: 'APPMESH', containerName: 'proxy' } }, /proxy configuration/],
      [
        {
          ...base,
          containerDefinitions: [
            { ...containers[0], dependsOn: [{ containerName: 'x', condition: 'START' }] },
            containers[1] ?? {},
          ],
        },
        /depends on container 'x'/,
      ],
      [
        { ...base, containerDefinitions: containers.map((c) => ({ ...c, essential: false })) },
        /at least one essential container/,
      ],
      [
        { ...base, containerDefinitions: [containers[1] ?? {}, containers[1] ?? {}] },
        /Duplicate container name found: envoy/,
      ],
    ];
    for (const [input, message] of invalid) {
      const error = await errorOf(ecs.send(new RegisterTaskDefinitionCommand(input)));
      expect(error).toBeInstanceOf(ClientException);
      expect(error.message).toMatch(message);
    }
    expect(cloud.snapshot()).toEqual(before);
    expect(
      (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'blue' }))).taskDefinitionArns,
    ).toEqual([]);
  });

  it('runs a service: tasks register in Cloud Map and the target group, and the stable waiter succeeds', async () => {
    const s = setup();
    const infra = await infrastructure(s);
    const created = await s.ecs.send(
      new CreateServiceCommand({ ...infra.service, tags: [{ key: 'app', value: 'red' }] }),
    );
    expect(created.service).toMatchObject({
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/color/red',
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 0,
      pendingCount: 2,
      taskDefinition: infra.taskDefinitionArn,
    });
    // Its tasks hold the security group: EC2 refuses to delete it.
    const inUse = await errorOf(s.ec2.send(new DeleteSecurityGroupCommand({ GroupId: infra.groupId })));
    expect(inUse.name).toBe('DependencyViolation');

    const polled = called(s.cloud, 'DescribeServices');
    const stable = waitUntilServicesStable(
      { client: s.ecs, ...WAIT },
      { cluster: 'color', services: ['red'] },
    );
    await polled; // the waiter saw the tasks still PROVISIONING
    await s.cloud.settle();
    expect((await stable).state).toBe('SUCCESS');

    const service = await describeRed(s.ecs);
    expect(service).toMatchObject({ runningCount: 2, pendingCount: 0 });
    expect(service?.deployments?.map((d) => [d.status, d.rolloutState])).toEqual([['PRIMARY', 'COMPLETED']]);
    const { taskArns = [] } = await s.ecs.send(
      new ListTasksCommand({ cluster: 'color', serviceName: 'red' }),
    );
    expect(taskArns).toHaveLength(2);
    expect(taskArns[0]).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/color\/[0-9a-f]{32}$/);
    const { tasks = [] } = await s.ecs.send(new DescribeTasksCommand({ cluster: 'color', tasks: taskArns }));
    const ips = tasks.map(
      (t) => t.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value as string,
    );
    expect(tasks.map((t) => [t.lastStatus, t.group, t.taskDefinitionArn])).toEqual([
      ['RUNNING', 'service:red', infra.taskDefinitionArn],
      ['RUNNING', 'service:red', infra.taskDefinitionArn],
    ]);
    const instances = await s.cloudMap.send(new ListInstancesCommand({ ServiceId: infra.registryId }));
    expect(instances.Instances?.map((i) => i.Attributes?.AWS_INSTANCE_IPV4).sort()).toEqual([...ips].sort());
    expect(instances.Instances?.[0]?.Attributes).toMatchObject({
      ECS_CLUSTER_NAME: 'color',
      ECS_SERVICE_NAME: 'red',
      ECS_TASK_DEFINITION_FAMILY: 'red',
      REGION: 'us-east-1',
    });
    const health = await s.elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: infra.targetGroupArn }),
    );
    expect(health.TargetHealthDescriptions?.map((d) => [d.Target?.Id, d.Target?.Port]).sort()).toEqual(
      [...ips].sort().map((ip) => [ip, 9080]),
    );

    // A new task definition: a new PRIMARY deployment replaces every task.
    const v2 = await s.ecs.send(new RegisterTaskDefinitionCommand(colorTeller('red', infra.roleArn)));
    const updated = await s.ecs.send(
      new UpdateServiceCommand({ cluster: 'color', service: 'red', taskDefinition: 'red:2' }),
    );
    expect(updated.service?.deployments?.map((d) => d.status)).toEqual(['PRIMARY', 'ACTIVE']);
    await s.cloud.settle();
    const after = await s.ecs.send(new ListTasksCommand({ cluster: 'color', serviceName: 'red' }));
    const described = await s.ecs.send(new DescribeTasksCommand({ cluster: 'color', tasks: after.taskArns }));
    expect(described.tasks?.map((t) => t.taskDefinitionArn)).toEqual([
      v2.taskDefinition?.taskDefinitionArn,
      v2.taskDefinition?.taskDefinitionArn,
    ]);
    expect((await describeRed(s.ecs))?.deployments).toHaveLength(1);
    expect(
      (await s.cloudMap.send(new ListInstancesCommand({ ServiceId: infra.registryId }))).Instances,
    ).toHaveLength(2);

    // A stopped task is replaced by the scheduler.
    const victim = after.taskArns?.[0] as string;
    await s.ecs.send(new StopTaskCommand({ cluster: 'color', task: victim, reason: 'test' }));
    await s.cloud.settle();
    const replaced = await s.ecs.send(new ListTasksCommand({ cluster: 'color', serviceName: 'red' }));
    expect(replaced.taskArns).toHaveLength(2);
    expect(replaced.taskArns).not.toContain(victim);
    const stopped = await s.ecs.send(new DescribeTasksCommand({ cluster: 'color', tasks: [victim] }));
    expect(stopped.tasks?.[0]).toMatchObject({ lastStatus: 'STOPPED', stoppedReason: 'test' });

    const tags = await s.ecs.send(
      new ListTagsForResourceCommand({ resourceArn: created.service?.serviceArn }),
    );
    expect(tags.tags).toEqual([{ key: 'app', value: 'red' }]);
  });

  it('deletes a service through DRAINING to INACTIVE, deregistering its tasks, then the cluster', async () => {
    const s = setup();
    const infra = await infrastructure(s);
    await s.ecs.send(new CreateServiceCommand(infra.service));
    await s.cloud.settle();
    expect(await errorOf(s.ecs.send(new DeleteClusterCommand({ cluster: 'color' })))).toBeInstanceOf(
      ClusterContainsServicesException,
    );
    const refused = await errorOf(s.ecs.send(new DeleteServiceCommand({ cluster: 'color', service: 'red' })));
    expect(refused).toBeInstanceOf(InvalidParameterException);
    expect(refused.message).toBe('The service cannot be stopped while it is scaled above 0.');

    const deleted = await s.ecs.send(
      new DeleteServiceCommand({ cluster: 'color', service: 'red', force: true }),
    );
    expect(deleted.service?.status).toBe('DRAINING');
    expect(
      await errorOf(
        s.ecs.send(new UpdateServiceCommand({ cluster: 'color', service: 'red', desiredCount: 1 })),
      ),
    ).toBeInstanceOf(ServiceNotActiveException);
    // The name stays taken while the service drains.
    const again = await errorOf(s.ecs.send(new CreateServiceCommand(infra.service)));
    expect(again).toBeInstanceOf(InvalidParameterException);
    expect(again.message).toBe('Creation of service was not idempotent.');

    const polled = called(s.cloud, 'DescribeServices');
    const inactive = waitUntilServicesInactive(
      { client: s.ecs, ...WAIT },
      { cluster: 'color', services: ['red'] },
    );
    await polled;
    await s.cloud.settle();
    expect((await inactive).state).toBe('SUCCESS');
    expect((await describeRed(s.ecs))?.status).toBe('INACTIVE');
    expect((await s.ecs.send(new ListServicesCommand({ cluster: 'color' }))).serviceArns).toEqual([]);
    expect(
      (await s.cloudMap.send(new ListInstancesCommand({ ServiceId: infra.registryId }))).Instances,
    ).toEqual([]);
    const health = await s.elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: infra.targetGroupArn }),
    );
    expect(health.TargetHealthDescriptions).toEqual([]);
    await s.ec2.send(new DeleteSecurityGroupCommand({ GroupId: infra.groupId }));

    await s.ecs.send(new DeleteClusterCommand({ cluster: 'color' }));
    const clusters = await s.ecs.send(new DescribeClustersCommand({ clusters: ['color', 'gone'] }));
    expect(clusters.clusters?.map((c) => c.status)).toEqual(['INACTIVE']);
    expect(clusters.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/gone', reason: 'MISSING' },
    ]);
    expect(s.cloud.snapshot().ecs.tasks).toEqual([]);
  });

  it('replays a clientToken, refuses a reused one, and rejects bad references without changing anything', async () => {
    const s = setup();
    const infra = await infrastructure(s);
    const request = { ...infra.service, clientToken: 'token-1' };
    const first = await s.ecs.send(new CreateServiceCommand(request));
    const replay = await s.ecs.send(new CreateServiceCommand(request));
    expect(replay.service?.serviceArn).toBe(first.service?.serviceArn);
    const other = await errorOf(s.ecs.send(new CreateServiceCommand({ ...request, desiredCount: 3 })));
    expect(other).toBeInstanceOf(InvalidParameterException);
    await s.cloud.settle();
    expect(s.cloud.snapshot().ecs.tasks).toHaveLength(2);

    const before = s.cloud.snapshot();
    const blue = { ...infra.service, serviceName: 'blue' };
    const awsvpc = infra.service.networkConfiguration?.awsvpcConfiguration as AwsVpcConfiguration;
    const cases: [CreateServiceCommandInput, new (...args: never[]) => Error, RegExp][] = [
      [{ ...blue, cluster: 'nope' }, ClusterNotFoundException, /Cluster not found/],
      [{ ...blue, taskDefinition: 'missing' }, InvalidParameterException, /TaskDefinition not found/],
      [
        {
          ...blue,
          serviceRegistries: [
            { registryArn: 'arn:aws:servicediscovery:us-east-1:123456789012:service/srv-0' },
          ],
        },
        InvalidParameterException,
        /registry/,
      ],
      [
        {
          ...blue,
          loadBalancers: [
            { targetGroupArn: `${infra.targetGroupArn}0`, containerName: 'app', containerPort: 9080 },
          ],
        },
        InvalidParameterException,
        /target group/,
      ],
      [
        { ...blue, networkConfiguration: { awsvpcConfiguration: { ...awsvpc, subnets: ['subnet-0'] } } },
        InvalidParameterException,
        /subnet-0/,
      ],
      [
        { ...blue, networkConfiguration: { awsvpcConfiguration: { ...awsvpc, securityGroups: ['sg-0'] } } },
        InvalidParameterException,
        /sg-0/,
      ],
      [
        { ...blue, networkConfiguration: undefined },
        InvalidParameterException,
        /Network Configuration must be provided/,
      ],
    ];
    for (const [input, Class, message] of cases) {
      const error = await errorOf(s.ecs.send(new CreateServiceCommand(input)));
      expect(error).toBeInstanceOf(Class);
      expect(error.message).toMatch(message);
    }
    // A task definition whose role does not exist (yet): AWS's "unable to assume" wording.
    const noRole = colorTeller('ghost', 'arn:aws:iam::123456789012:role/ghost');
    await s.ecs.send(new RegisterTaskDefinitionCommand(noRole));
    const assume = await errorOf(s.ecs.send(new CreateServiceCommand({ ...blue, taskDefinition: 'ghost' })));
    expect(assume).toBeInstanceOf(InvalidParameterException);
    expect(assume.message).toMatch(
      /^ECS was unable to assume the role 'arn:aws:iam::123456789012:role\/ghost'/,
    );
    await s.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'ghost:1' }));
    await s.ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: ['ghost:1'] }));
    const { ecs: _ecsBefore, ...restBefore } = before;
    const { ecs: ecsAfter, ...restAfter } = s.cloud.snapshot();
    expect(restAfter).toEqual(restBefore);
    expect(ecsAfter.services).toEqual(before.ecs.services);
    expect(ecsAfter.tasks).toEqual(before.ecs.tasks);

    const missing = await s.ecs.send(new DescribeServicesCommand({ cluster: 'color', services: ['blue'] }));
    expect(missing.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/color/blue', reason: 'MISSING' },
    ]);
    await s.ecs.send(
      new TagResourceCommand({ resourceArn: first.service?.serviceArn, tags: [{ key: 'a', value: '1' }] }),
    );
    expect((await describeRed(s.ecs))?.tags).toBeUndefined();
  });
});
