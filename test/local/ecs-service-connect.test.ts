/**
 * ECS Service Connect in the local cloud, through the real SDK clients: what CreateService,
 * UpdateService, CreateCluster and UpdateCluster accept and refuse, and what ECS does in Cloud Map
 * (one API-only service per discovery name, an instance per running task, cleanup on deletion).
 * moto ignores serviceConnectConfiguration entirely (see differential/ecs-service-connect.test.ts),
 * so these rules are checked against AWS's documentation: test names say "(reference)".
 */
import {
  ClientException,
  CreateClusterCommand,
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  InvalidParameterException,
  ListTasksCommand,
  type PortMapping,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type ServiceConnectConfiguration,
  type ServiceConnectService,
  UpdateClusterCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateServiceCommand as CreateCloudMapServiceCommand,
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  DeleteNamespaceCommand,
  DiscoverInstancesCommand,
  GetOperationCommand,
  GetServiceCommand,
  ListServicesCommand as ListCloudMapServicesCommand,
  ListInstancesCommand,
  ListNamespacesCommand,
  ListTagsForResourceCommand,
  ResourceInUse,
} from '@aws-sdk/client-servicediscovery';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';

const START_MS = 30_000;
const STOP_MS = 20_000;
const HTTP: PortMapping = { name: 'http-8080', containerPort: 8080, protocol: 'tcp', appProtocol: 'http' };
const TCP: PortMapping = { name: 'tcp-9000', containerPort: 9000, protocol: 'tcp' };

async function setup() {
  const clock = new ManualClock();
  const cloud = createLocalCloud({ clock, delays: { ecsTaskStartMs: START_MS, ecsTaskStopMs: STOP_MS } });
  const s = { clock, cloud, ...cloud.clients({ maxAttempts: 1 }), network: cloud.defaultNetwork() };
  await s.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  await s.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition('app')));
  const namespace = await httpNamespace(s, 'shop');
  return { ...s, namespace };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function httpNamespace(s: Pick<Setup, 'cloud' | 'cloudMap'>, name: string) {
  const { OperationId } = await s.cloudMap.send(new CreateHttpNamespaceCommand({ Name: name }));
  await s.cloud.settle();
  const { Operation } = await s.cloudMap.send(new GetOperationCommand({ OperationId }));
  const id = Operation?.Targets?.NAMESPACE as string;
  return { id, arn: `arn:aws:servicediscovery:us-east-1:123456789012:namespace/${id}` };
}

function taskDefinition(
  family: string,
  changes: Partial<RegisterTaskDefinitionCommandInput> = {},
  portMappings: PortMapping[] = [HTTP, TCP],
): RegisterTaskDefinitionCommandInput {
  return {
    family,
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image: 'shop', portMappings }],
    ...changes,
  };
}

function serviceInput(
  s: Setup,
  serviceName: string,
  serviceConnectConfiguration: ServiceConnectConfiguration,
  changes: Partial<CreateServiceCommandInput> = {},
): CreateServiceCommandInput {
  return {
    cluster: 'shop',
    serviceName,
    taskDefinition: 'app',
    desiredCount: 0,
    networkConfiguration: { awsvpcConfiguration: { subnets: [...s.network.subnetIds] } },
    serviceConnectConfiguration,
    ...changes,
  };
}

/** A server: one endpoint on the http port, with the alias clients call. */
function server(s: Setup, entry: Partial<ServiceConnectService> = {}): ServiceConnectConfiguration {
  return {
    enabled: true,
    namespace: s.namespace.arn,
    services: [{ portName: 'http-8080', clientAliases: [{ port: 80, dnsName: 'orders.shop' }], ...entry }],
  };
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have been refused').toBeInstanceOf(Error);
  return error as Error;
}

async function deployment(s: Setup, service: string) {
  const out = await s.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: [service] }));
  return out.services?.[0]?.deployments?.[0];
}

describe('local cloud: ECS Service Connect (reference)', () => {
  it('refuses a configuration without enabled, and accepts enabled with a namespace', async () => {
    const s = await setup();
    const missing = await refusal(
      s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', { namespace: s.namespace.arn } as never))),
    );
    expect(missing).toBeInstanceOf(InvalidParameterException);
    await s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', { enabled: true, namespace: 'shop' })));
    expect((await deployment(s, 'a'))?.serviceConnectConfiguration).toEqual({
      enabled: true,
      namespace: s.namespace.arn,
    });
  });

  it('needs a namespace (given or the cluster default) that exists in Cloud Map, of any type', async () => {
    const s = await setup();
    const none = await refusal(s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', { enabled: true }))));
    expect(none.message).toMatch(/namespace is required/);
    const unknown = await refusal(
      s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', { enabled: true, namespace: 'nowhere' }))),
    );
    expect(unknown).toBeInstanceOf(InvalidParameterException);
    expect(unknown.message).toMatch(/nowhere was not found/);

    // The cluster default stands in for a missing namespace.
    await s.ecs.send(
      new UpdateClusterCommand({ cluster: 'shop', serviceConnectDefaults: { namespace: 'shop' } }),
    );
    await s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', { enabled: true })));
    expect((await deployment(s, 'a'))?.serviceConnectConfiguration?.namespace).toBe(s.namespace.arn);

    // A private DNS namespace serves too, by name.
    const { OperationId } = await s.cloudMap.send(
      new CreatePrivateDnsNamespaceCommand({ Name: 'shop.internal', Vpc: s.network.vpcId }),
    );
    await s.cloud.settle();
    const { Operation } = await s.cloudMap.send(new GetOperationCommand({ OperationId }));
    await s.ecs.send(
      new CreateServiceCommand(serviceInput(s, 'b', { enabled: true, namespace: 'shop.internal' })),
    );
    expect((await deployment(s, 'b'))?.serviceConnectConfiguration?.namespace).toMatch(
      new RegExp(`namespace/${Operation?.Targets?.NAMESPACE}$`),
    );
  });

  it("needs each portName to be a port mapping name of the service's task definition", async () => {
    const s = await setup();
    const wrong = await refusal(
      s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', server(s, { portName: 'http-80' })))),
    );
    expect(wrong).toBeInstanceOf(InvalidParameterException);
    expect(wrong.message).toMatch(/'http-80' does not match/);
    await s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', server(s, { portName: 'tcp-9000' }))));
  });

  it('checks port mapping names when the task definition is registered', async () => {
    const s = await setup();
    for (const name of ['Http', '-http', 'h'.repeat(65), 'http.80']) {
      const bad = await refusal(
        s.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition('x', {}, [{ ...HTTP, name }]))),
      );
      expect(bad, name).toBeInstanceOf(ClientException);
    }
    await s.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition('x', {}, [{ ...HTTP, name: `_${'h'.repeat(63)}` }])),
    );
  });

  it('checks discovery names, and defaults them to the port name', async () => {
    const s = await setup();
    for (const discoveryName of ['Orders', '-orders', 'o'.repeat(65), 'orders.shop']) {
      const bad = await refusal(
        s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', server(s, { discoveryName })))),
      );
      expect(bad, discoveryName).toBeInstanceOf(InvalidParameterException);
    }
    await s.ecs.send(
      new CreateServiceCommand(serviceInput(s, 'a', server(s, { discoveryName: 'o'.repeat(64) }))),
    );
    await s.ecs.send(
      new CreateServiceCommand(serviceInput(s, 'b', server(s, { portName: 'tcp-9000', clientAliases: [] }))),
    );
    expect((await deployment(s, 'b'))?.serviceConnectResources?.map((r) => r.discoveryName)).toEqual([
      'tcp-9000',
    ]);
  });

  it('keeps a discovery name to one ECS service in the namespace, across clusters and against Cloud Map services', async () => {
    const s = await setup();
    await s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', server(s, { discoveryName: 'orders' }))));
    await s.ecs.send(new CreateClusterCommand({ clusterName: 'other' }));
    const twice = await refusal(
      s.ecs.send(
        new CreateServiceCommand({
          ...serviceInput(s, 'b', server(s, { discoveryName: 'orders', clientAliases: [] })),
          cluster: 'other',
        }),
      ),
    );
    expect(twice).toBeInstanceOf(InvalidParameterException);
    expect(twice.message).toBe(`CreateService error: SC service is already used by ${s.namespace.arn}`);
    // A Cloud Map service someone else created holds the name as well.
    await s.cloudMap.send(
      new CreateCloudMapServiceCommand({ Name: 'payments', NamespaceId: s.namespace.id }),
    );
    const taken = await refusal(
      s.ecs.send(
        new CreateServiceCommand(
          serviceInput(s, 'b', server(s, { discoveryName: 'payments', clientAliases: [] })),
        ),
      ),
    );
    expect(taken.message).toMatch(/SC service is already used/);
    // The service's own Cloud Map service is reused on update; another name is free.
    await s.ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'a',
        serviceConnectConfiguration: server(s, { discoveryName: 'orders' }),
      }),
    );
    await s.ecs.send(
      new CreateServiceCommand(
        serviceInput(s, 'b', server(s, { discoveryName: 'billing', clientAliases: [] })),
      ),
    );
    const names = await s.cloudMap.send(new ListCloudMapServicesCommand({}));
    expect(names.Services?.map((x) => x.Name).sort()).toEqual(['billing', 'orders', 'payments']);
  });

  it('takes at most one client alias per entry, with a port from 0 to 65535', async () => {
    const s = await setup();
    const two = [
      { port: 80, dnsName: 'a.shop' },
      { port: 81, dnsName: 'b.shop' },
    ];
    const cases: [string, Partial<ServiceConnectService>][] = [
      ['two aliases', { clientAliases: two }],
      ['no port', { clientAliases: [{ dnsName: 'orders.shop' } as never] }],
      ['port 65536', { clientAliases: [{ port: 65536, dnsName: 'orders.shop' }] }],
      ['port -1', { clientAliases: [{ port: -1, dnsName: 'orders.shop' }] }],
      ['ingressPortOverride 70000', { ingressPortOverride: 70000 }],
    ];
    for (const [what, entry] of cases) {
      const bad = await refusal(s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', server(s, entry)))));
      expect(bad, what).toBeInstanceOf(InvalidParameterException);
    }
    await s.ecs.send(
      new CreateServiceCommand(
        serviceInput(
          s,
          'a',
          server(s, { clientAliases: [{ port: 65535, dnsName: 'orders.shop' }], ingressPortOverride: 0 }),
        ),
      ),
    );
  });

  it('checks client alias DNS names: up to 127 of [a-z0-9_.-], not starting with a hyphen', async () => {
    const s = await setup();
    for (const dnsName of ['Orders.shop', '-orders', 'o'.repeat(128), 'orders shop']) {
      const bad = await refusal(
        s.ecs.send(
          new CreateServiceCommand(
            serviceInput(s, 'a', server(s, { clientAliases: [{ port: 80, dnsName }] })),
          ),
        ),
      );
      expect(bad, dnsName).toBeInstanceOf(InvalidParameterException);
    }
    await s.ecs.send(
      new CreateServiceCommand(
        serviceInput(s, 'a', server(s, { clientAliases: [{ port: 80, dnsName: `_.${'o'.repeat(125)}` }] })),
      ),
    );
  });

  it('keeps each (dnsName, port) unique in the namespace, the default name included', async () => {
    const s = await setup();
    await s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', server(s))));
    const same = await refusal(
      s.ecs.send(new CreateServiceCommand(serviceInput(s, 'b', server(s, { discoveryName: 'other' })))),
    );
    expect(same.message).toMatch(/orders\.shop:80 is already used/);
    // Two entries of one service, one of them named by default (discoveryName.namespace).
    const inOne = await refusal(
      s.ecs.send(
        new CreateServiceCommand(
          serviceInput(s, 'c', {
            enabled: true,
            namespace: 'shop',
            services: [
              { portName: 'http-8080', discoveryName: 'x', clientAliases: [{ port: 80 }] },
              { portName: 'tcp-9000', discoveryName: 'y', clientAliases: [{ port: 80, dnsName: 'x.shop' }] },
            ],
          }),
        ),
      ),
    );
    expect(inOne.message).toMatch(/x\.shop:80 is already used/);
    await s.ecs.send(
      new CreateServiceCommand(
        serviceInput(
          s,
          'b',
          server(s, { discoveryName: 'other', clientAliases: [{ port: 81, dnsName: 'orders.shop' }] }),
        ),
      ),
    );
  });

  it('sets a per-request timeout only on a port with an appProtocol', async () => {
    const s = await setup();
    const tcp = await refusal(
      s.ecs.send(
        new CreateServiceCommand(
          serviceInput(s, 'a', server(s, { portName: 'tcp-9000', timeout: { perRequestTimeoutSeconds: 5 } })),
        ),
      ),
    );
    expect(tcp.message).toMatch(/perRequestTimeoutSeconds/);
    await s.ecs.send(
      new CreateServiceCommand(
        serviceInput(
          s,
          'a',
          server(s, { portName: 'tcp-9000', discoveryName: 't', timeout: { idleTimeoutSeconds: 60 } }),
        ),
      ),
    );
    await s.ecs.send(
      new CreateServiceCommand(
        serviceInput(
          s,
          'b',
          server(s, { discoveryName: 'h', clientAliases: [], timeout: { perRequestTimeoutSeconds: 5 } }),
        ),
      ),
    );
  });

  it('needs a logConfiguration for access logs', async () => {
    const s = await setup();
    const access = { accessLogConfiguration: { format: 'JSON' as const } };
    const bad = await refusal(
      s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', { ...server(s), ...access }))),
    );
    expect(bad.message).toMatch(/requires a logConfiguration/);
    const logConfiguration = { logDriver: 'awslogs' as const, options: { 'awslogs-group': '/shop' } };
    await s.ecs.send(
      new CreateServiceCommand(serviceInput(s, 'a', { ...server(s), ...access, logConfiguration })),
    );
  });

  it('runs on awsvpc and bridge task definitions, not host mode nor Windows', async () => {
    const s = await setup();
    await s.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition('host', { networkMode: 'host' })));
    await s.ecs.send(
      new RegisterTaskDefinitionCommand(
        taskDefinition('windows', { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }),
      ),
    );
    await s.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition('bridge', { networkMode: 'bridge' })));
    const host = await refusal(
      s.ecs.send(
        new CreateServiceCommand(
          serviceInput(s, 'a', server(s), { taskDefinition: 'host', networkConfiguration: undefined }),
        ),
      ),
    );
    expect(host.message).toMatch(/awsvpc and bridge/);
    const windows = await refusal(
      s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', server(s), { taskDefinition: 'windows' }))),
    );
    expect(windows.message).toMatch(/WINDOWS_SERVER_2022_CORE/);
    await s.ecs.send(
      new CreateServiceCommand(
        serviceInput(s, 'a', server(s), { taskDefinition: 'bridge', networkConfiguration: undefined }),
      ),
    );
  });

  it("refuses to change a Service Connect port's appProtocol on update", async () => {
    const s = await setup();
    await s.ecs.send(new CreateServiceCommand(serviceInput(s, 'a', server(s))));
    await s.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition('app', {}, [{ ...HTTP, appProtocol: 'grpc' }, TCP])),
    );
    const changed = await refusal(
      s.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'a', taskDefinition: 'app:2' })),
    );
    expect(changed.message).toMatch(/appProtocol is immutable.*from http to grpc/);
    // The same appProtocol in a new revision is fine.
    await s.ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition('app', {}, [{ ...HTTP, containerPort: 8081 }, TCP])),
    );
    await s.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'a', taskDefinition: 'app:3' }));
    expect((await deployment(s, 'a'))?.taskDefinition).toMatch(/app:3$/);
  });

  it('sets, creates and removes the cluster default namespace', async () => {
    const s = await setup();
    await s.ecs.send(
      new CreateClusterCommand({ clusterName: 'new', serviceConnectDefaults: { namespace: 'fresh' } }),
    );
    const namespaces = await s.cloudMap.send(new ListNamespacesCommand({}));
    const fresh = namespaces.Namespaces?.find((n) => n.Name === 'fresh');
    expect(fresh?.Type).toBe('HTTP');
    const tags = await s.cloudMap.send(new ListTagsForResourceCommand({ ResourceARN: fresh?.Arn }));
    expect(tags.Tags).toEqual([{ Key: 'AmazonECSManaged', Value: 'true' }]);
    const described = await s.ecs.send(new DescribeClustersCommand({ clusters: ['new'] }));
    expect(described.clusters?.[0]?.serviceConnectDefaults).toEqual({ namespace: fresh?.Arn });

    // An existing namespace, by name, is used as it is.
    const updated = await s.ecs.send(
      new UpdateClusterCommand({ cluster: 'new', serviceConnectDefaults: { namespace: 'shop' } }),
    );
    expect(updated.cluster?.serviceConnectDefaults).toEqual({ namespace: s.namespace.arn });
    expect((await s.cloudMap.send(new ListNamespacesCommand({}))).Namespaces).toHaveLength(2);

    const removed = await s.ecs.send(
      new UpdateClusterCommand({ cluster: 'new', serviceConnectDefaults: { namespace: '' } }),
    );
    expect(removed.cluster?.serviceConnectDefaults).toBeUndefined();

    for (const namespace of ['a/b', 'with space', `${s.namespace.arn}0`]) {
      const bad = await refusal(
        s.ecs.send(new UpdateClusterCommand({ cluster: 'new', serviceConnectDefaults: { namespace } })),
      );
      expect(bad, namespace).toBeInstanceOf(InvalidParameterException);
    }
  });

  it('creates an API-only Cloud Map service per discovery name and describes it in the deployment', async () => {
    const s = await setup();
    const createdAt = s.clock.now();
    await s.ecs.send(
      new CreateServiceCommand(serviceInput(s, 'orders', server(s, { discoveryName: 'orders' }))),
    );
    const current = await deployment(s, 'orders');
    expect(current?.serviceConnectConfiguration).toEqual(server(s, { discoveryName: 'orders' }));
    const [resource] = current?.serviceConnectResources ?? [];
    expect(resource?.discoveryName).toBe('orders');
    const { Service } = await s.cloudMap.send(new GetServiceCommand({ Id: resource?.discoveryArn }));
    expect(Service).toMatchObject({ Name: 'orders', NamespaceId: s.namespace.id, Type: 'HTTP' });
    expect(Service?.DnsConfig).toBeUndefined();
    // When the endpoint came to exist: tasks that started before it cannot resolve it.
    expect(Service?.CreateDate?.getTime()).toBe(createdAt);
  });

  it('registers each running task (IP, port, start time) and deregisters it when it stops', async () => {
    const s = await setup();
    const createdAt = s.clock.now();
    await s.ecs.send(
      new CreateServiceCommand(
        serviceInput(s, 'orders', server(s, { discoveryName: 'orders' }), { desiredCount: 1 }),
      ),
    );
    const serviceId = (await deployment(s, 'orders'))?.serviceConnectResources?.[0]?.discoveryArn?.split(
      '/',
    )[1];
    expect((await s.cloudMap.send(new ListInstancesCommand({ ServiceId: serviceId }))).Instances).toEqual([]);
    s.clock.advance(START_MS);
    const { taskArns } = await s.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'orders' }));
    const { tasks } = await s.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: taskArns }));
    const task = tasks?.[0];
    const ip = task?.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    expect(task?.startedAt?.getTime()).toBe(createdAt + START_MS);
    const { Instances } = await s.cloudMap.send(new ListInstancesCommand({ ServiceId: serviceId }));
    expect(Instances).toHaveLength(1);
    // The instance id is the task id: DescribeTasks tells when it started.
    expect(Instances?.[0]?.Id).toBe(task?.taskArn?.split('/').pop());
    expect(Instances?.[0]?.Attributes).toMatchObject({
      AWS_INSTANCE_IPV4: ip,
      AWS_INSTANCE_PORT: '8080',
      ECS_CLUSTER_NAME: 'shop',
      ECS_SERVICE_NAME: 'orders',
    });
    const found = await s.cloudMap.send(
      new DiscoverInstancesCommand({ NamespaceName: 'shop', ServiceName: 'orders' }),
    );
    expect(found.Instances?.map((i) => i.InstanceId)).toEqual([Instances?.[0]?.Id]);

    await s.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'orders', desiredCount: 0 }));
    await s.cloud.settle();
    expect((await s.cloudMap.send(new ListInstancesCommand({ ServiceId: serviceId }))).Instances).toEqual([]);
  });

  it('registers the ingressPortOverride port when there is one', async () => {
    const s = await setup();
    await s.ecs.send(
      new CreateServiceCommand(
        serviceInput(s, 'orders', server(s, { ingressPortOverride: 15000 }), { desiredCount: 1 }),
      ),
    );
    await s.cloud.settle();
    const found = await s.cloudMap.send(
      new DiscoverInstancesCommand({ NamespaceName: 'shop', ServiceName: 'http-8080' }),
    );
    expect(found.Instances?.[0]?.Attributes?.AWS_INSTANCE_PORT).toBe('15000');
  });

  it('deletes its Cloud Map services once the ECS service is INACTIVE, so the namespace can be deleted', async () => {
    const s = await setup();
    await s.ecs.send(new CreateServiceCommand(serviceInput(s, 'orders', server(s), { desiredCount: 1 })));
    await s.cloud.settle();
    await s.ecs.send(new DeleteServiceCommand({ cluster: 'shop', service: 'orders', force: true }));
    // DRAINING: the task and its Cloud Map service are still there.
    expect(await refusal(s.cloudMap.send(new DeleteNamespaceCommand({ Id: s.namespace.id })))).toBeInstanceOf(
      ResourceInUse,
    );
    await s.cloud.settle();
    expect((await s.cloudMap.send(new ListCloudMapServicesCommand({}))).Services).toEqual([]);
    // The order a plan is destroyed in: ECS services, the cluster, then the namespace.
    await s.ecs.send(new DeleteClusterCommand({ cluster: 'shop' }));
    await s.cloudMap.send(new DeleteNamespaceCommand({ Id: s.namespace.id }));
    await s.cloud.settle();
    expect((await s.cloudMap.send(new ListNamespacesCommand({}))).Namespaces).toEqual([]);
  });
});
