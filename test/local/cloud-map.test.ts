import { CreateVpcCommand } from '@aws-sdk/client-ec2';
import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand,
  DeleteNamespaceCommand,
  DeleteServiceCommand,
  DeregisterInstanceCommand,
  DiscoverInstancesCommand,
  DuplicateRequest,
  GetInstancesHealthStatusCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  GetServiceCommand,
  InvalidInput,
  ListInstancesCommand,
  ListNamespacesCommand,
  ListOperationsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  NamespaceAlreadyExists,
  NamespaceNotFound,
  RegisterInstanceCommand,
  ResourceInUse,
  ServiceAlreadyExists,
  type ServiceDiscoveryClient,
  ServiceNotFound,
  TagResourceCommand,
  UpdateHttpNamespaceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-servicediscovery';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud, DEFAULT_QUOTAS, type LocalCloud } from '../../src/local/local-cloud.js';
import { CreateHttpNamespace } from '../../src/local/services/cloud-map/namespaces.js';
import { operationEvents } from '../../src/local/services/cloud-map/operations.js';
import { CreateService } from '../../src/local/services/cloud-map/services.js';
import { cloudMapService } from '../../src/local/services/cloud-map.js';
import type { CloudState, World } from '../../src/local/world.js';

const OPERATION_MS = 1000;

function setup() {
  const clock = new ManualClock();
  const cloud = createLocalCloud({ clock, delays: { cloudMapOperationMs: OPERATION_MS } });
  const clients = cloud.clients({ maxAttempts: 1 });
  return { clock, cloud, cloudMap: clients.cloudMap, ec2: clients.ec2, vpcId: cloud.defaultNetwork().vpcId };
}

async function status(cloudMap: ServiceDiscoveryClient, operationId: string | undefined) {
  const { Operation } = await cloudMap.send(new GetOperationCommand({ OperationId: operationId }));
  return Operation?.Status;
}

/** A ready private DNS namespace `colors.local` with service `red` (A records). */
async function colorsWithRed(cloud: LocalCloud, cloudMap: ServiceDiscoveryClient, vpcId: string) {
  const { OperationId } = await cloudMap.send(
    new CreatePrivateDnsNamespaceCommand({ Name: 'colors.local', Vpc: vpcId }),
  );
  await cloud.settle();
  const { Operation } = await cloudMap.send(new GetOperationCommand({ OperationId }));
  const namespaceId = Operation?.Targets?.NAMESPACE as string;
  const { Service } = await cloudMap.send(
    new CreateServiceCommand({
      Name: 'red',
      NamespaceId: namespaceId,
      DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 300 }] },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    }),
  );
  return { namespaceId, serviceId: Service?.Id as string, serviceArn: Service?.Arn as string };
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('local cloud: Cloud Map through the real SDK client', () => {
  it('creates a private DNS namespace through an operation that goes SUBMITTED, PENDING, SUCCESS', async () => {
    const { clock, cloudMap, vpcId } = setup();
    const { OperationId } = await cloudMap.send(
      new CreatePrivateDnsNamespaceCommand({ Name: 'colors.local', Vpc: vpcId }),
    );
    expect(OperationId).toMatch(/^[a-z0-9]{32}-[a-z0-9]{8}$/);
    expect(await status(cloudMap, OperationId)).toBe('SUBMITTED');
    const { Operation } = await cloudMap.send(new GetOperationCommand({ OperationId }));
    const namespaceId = Operation?.Targets?.NAMESPACE;
    expect(Operation?.Type).toBe('CREATE_NAMESPACE');
    expect(namespaceId).toMatch(/^ns-[a-z0-9]{16}$/);
    // The namespace does not exist until the operation succeeds.
    await expect(cloudMap.send(new GetNamespaceCommand({ Id: namespaceId }))).rejects.toBeInstanceOf(
      NamespaceNotFound,
    );
    expect((await cloudMap.send(new ListNamespacesCommand({}))).Namespaces).toEqual([]);

    clock.advance(OPERATION_MS / 2);
    expect(await status(cloudMap, OperationId)).toBe('PENDING');
    await expect(cloudMap.send(new GetNamespaceCommand({ Id: namespaceId }))).rejects.toBeInstanceOf(
      NamespaceNotFound,
    );

    clock.advance(OPERATION_MS / 2);
    expect(await status(cloudMap, OperationId)).toBe('SUCCESS');
    const { Namespace } = await cloudMap.send(new GetNamespaceCommand({ Id: namespaceId }));
    expect(Namespace).toMatchObject({
      Id: namespaceId,
      Arn: `arn:aws:servicediscovery:us-east-1:123456789012:namespace/${namespaceId}`,
      Name: 'colors.local',
      Type: 'DNS_PRIVATE',
      ServiceCount: 0,
      Properties: { HttpProperties: { HttpName: 'colors.local' } },
    });
    expect(Namespace?.Properties?.DnsProperties?.HostedZoneId).toMatch(/^Z[0-9A-Z]+$/);
    expect(Namespace?.CreateDate).toBeInstanceOf(Date);
  });

  it('allows one private DNS namespace of a name per VPC, and refuses an unknown VPC', async () => {
    const { cloud, cloudMap, ec2, vpcId } = setup();
    const first = await cloudMap.send(
      new CreatePrivateDnsNamespaceCommand({ Name: 'colors.local', Vpc: vpcId, CreatorRequestId: 'first' }),
    );
    // While the first is being created, a second is "already in progress".
    const inProgress = await errorOf(
      cloudMap.send(new CreatePrivateDnsNamespaceCommand({ Name: 'colors.local', Vpc: vpcId })),
    );
    expect(inProgress).toBeInstanceOf(DuplicateRequest);
    expect((inProgress as DuplicateRequest).DuplicateOperationId).toBe(first.OperationId);
    await cloud.settle();
    const namespaceId = (await cloudMap.send(new GetOperationCommand({ OperationId: first.OperationId })))
      .Operation?.Targets?.NAMESPACE;

    const exists = await errorOf(
      cloudMap.send(new CreatePrivateDnsNamespaceCommand({ Name: 'COLORS.local', Vpc: vpcId })),
    );
    expect(exists).toBeInstanceOf(NamespaceAlreadyExists);
    expect(exists).toMatchObject({ NamespaceId: namespaceId, CreatorRequestId: 'first' });

    // The same name in another VPC is another hosted zone; its HTTP name gets a suffix to stay unique.
    const other = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
    const second = await cloudMap.send(
      new CreatePrivateDnsNamespaceCommand({ Name: 'colors.local', Vpc: other.Vpc?.VpcId }),
    );
    await cloud.settle();
    const secondId = (await cloudMap.send(new GetOperationCommand({ OperationId: second.OperationId })))
      .Operation?.Targets?.NAMESPACE;
    const { Namespace } = await cloudMap.send(new GetNamespaceCommand({ Id: secondId }));
    expect(Namespace?.Properties?.HttpProperties?.HttpName).toMatch(/^colors\.local-[a-z0-9]+$/);

    const before = cloud.snapshot();
    const unknownVpc = await errorOf(
      cloudMap.send(
        new CreatePrivateDnsNamespaceCommand({ Name: 'shapes.local', Vpc: 'vpc-0123456789abcdef0' }),
      ),
    );
    expect(unknownVpc).toBeInstanceOf(InvalidInput);
    expect(cloud.snapshot()).toEqual(before);
    expect(cloud.pendingEvents()).toBe(0);
  });

  it('replays a CreatorRequestId: DuplicateRequest while running, the same OperationId after, InvalidInput for another request', async () => {
    const { cloud, cloudMap } = setup();
    const request = { Name: 'colors', CreatorRequestId: 'plan-1234' };
    const first = await cloudMap.send(new CreateHttpNamespaceCommand(request));
    const running = await errorOf(cloudMap.send(new CreateHttpNamespaceCommand(request)));
    expect(running).toBeInstanceOf(DuplicateRequest);
    expect((running as DuplicateRequest).DuplicateOperationId).toBe(first.OperationId);
    await cloud.settle();

    const again = await cloudMap.send(new CreateHttpNamespaceCommand(request));
    expect(again.OperationId).toBe(first.OperationId);
    expect((await cloudMap.send(new ListNamespacesCommand({}))).Namespaces).toHaveLength(1);
    expect(cloud.pendingEvents()).toBe(0);

    await expect(
      cloudMap.send(new CreateHttpNamespaceCommand({ Name: 'shapes', CreatorRequestId: 'plan-1234' })),
    ).rejects.toBeInstanceOf(InvalidInput);
  });

  it('updates an HTTP namespace description by operation; refuses it on a private DNS namespace', async () => {
    const { cloud, cloudMap, vpcId } = setup();
    const { OperationId } = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: 'shapes' }));
    await cloud.settle();
    const { Operation } = await cloudMap.send(new GetOperationCommand({ OperationId }));
    const Id = Operation?.Targets?.NAMESPACE as string;
    const update = { Id, UpdaterRequestId: 'u-1', Namespace: { Description: 'squares' } };
    const first = await cloudMap.send(new UpdateHttpNamespaceCommand(update));
    await cloud.settle();
    expect((await cloudMap.send(new GetNamespaceCommand({ Id }))).Namespace?.Description).toBe('squares');
    expect((await cloudMap.send(new UpdateHttpNamespaceCommand(update))).OperationId).toBe(first.OperationId);

    const { namespaceId } = await colorsWithRed(cloud, cloudMap, vpcId);
    await expect(
      cloudMap.send(
        new UpdateHttpNamespaceCommand({
          Id: namespaceId,
          UpdaterRequestId: 'u-2',
          Namespace: { Description: 'x' },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidInput);
  });

  it('creates a service once, and answers a second create with ServiceAlreadyExists carrying its id', async () => {
    const { cloud, cloudMap, vpcId } = setup();
    const { namespaceId, serviceId, serviceArn } = await colorsWithRed(cloud, cloudMap, vpcId);
    expect(serviceId).toMatch(/^srv-[a-z0-9]{16}$/);
    expect(serviceArn).toBe(`arn:aws:servicediscovery:us-east-1:123456789012:service/${serviceId}`);
    const { Service } = await cloudMap.send(new GetServiceCommand({ Id: serviceId }));
    expect(Service).toMatchObject({
      Name: 'red',
      NamespaceId: namespaceId,
      Type: 'DNS_HTTP',
      DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 300 }] },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    });

    const duplicate = await errorOf(
      cloudMap.send(
        new CreateServiceCommand({
          Name: 'red',
          NamespaceId: namespaceId,
          DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] },
        }),
      ),
    );
    expect(duplicate).toBeInstanceOf(ServiceAlreadyExists);
    expect(duplicate).toMatchObject({ ServiceId: serviceId, ServiceArn: serviceArn });

    const request = {
      Name: 'blue',
      NamespaceId: namespaceId,
      CreatorRequestId: 'blue-1',
      DnsConfig: { DnsRecords: [{ Type: 'A' as const, TTL: 300 }] },
    };
    const blue = await cloudMap.send(new CreateServiceCommand(request));
    const replay = await cloudMap.send(new CreateServiceCommand(request));
    expect(replay.Service?.Id).toBe(blue.Service?.Id);

    const before = cloud.snapshot();
    await expect(
      cloudMap.send(new CreateServiceCommand({ Name: 'green', NamespaceId: namespaceId })),
    ).rejects.toBeInstanceOf(InvalidInput); // a DNS namespace needs DnsConfig with DnsRecords
    await expect(
      cloudMap.send(
        new CreateServiceCommand({
          Name: 'not a dns label',
          NamespaceId: namespaceId,
          DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 300 }] },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidInput);
    await expect(
      cloudMap.send(
        new CreateServiceCommand({
          Name: 'green',
          NamespaceId: 'ns-0000000000000000',
          DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 300 }] },
        }),
      ),
    ).rejects.toBeInstanceOf(NamespaceNotFound);
    expect(cloud.snapshot()).toEqual(before);
  });

  it('registers instances asynchronously, discovers them, and refuses to delete a service or namespace in use', async () => {
    const { clock, cloud, cloudMap, vpcId } = setup();
    const { namespaceId, serviceId } = await colorsWithRed(cloud, cloudMap, vpcId);
    const register = (id: string, ip: string, family: string) =>
      cloudMap.send(
        new RegisterInstanceCommand({
          ServiceId: serviceId,
          InstanceId: id,
          Attributes: { AWS_INSTANCE_IPV4: ip, ECS_TASK_DEFINITION_FAMILY: family },
        }),
      );
    const { OperationId } = await register('task-1', '10.0.0.11', 'red-v1');
    await register('task-2', '10.0.0.12', 'red-v2');
    const { Operation } = await cloudMap.send(new GetOperationCommand({ OperationId }));
    expect(Operation).toMatchObject({
      Type: 'REGISTER_INSTANCE',
      Targets: { INSTANCE: 'task-1', SERVICE: serviceId },
    });
    expect((await cloudMap.send(new ListInstancesCommand({ ServiceId: serviceId }))).Instances).toEqual([]);
    // A registration in flight already blocks the service's deletion.
    await expect(cloudMap.send(new DeleteServiceCommand({ Id: serviceId }))).rejects.toBeInstanceOf(
      ResourceInUse,
    );

    clock.advance(OPERATION_MS);
    expect(await status(cloudMap, OperationId)).toBe('SUCCESS');
    const discovered = await cloudMap.send(
      new DiscoverInstancesCommand({ NamespaceName: 'colors.local', ServiceName: 'red' }),
    );
    expect(discovered.Instances?.map((i) => i.Attributes?.AWS_INSTANCE_IPV4)).toEqual([
      '10.0.0.11',
      '10.0.0.12',
    ]);
    expect(discovered.Instances?.[0]).toMatchObject({
      NamespaceName: 'colors.local',
      ServiceName: 'red',
      HealthStatus: 'HEALTHY',
    });
    const v2 = await cloudMap.send(
      new DiscoverInstancesCommand({
        NamespaceName: 'colors.local',
        ServiceName: 'red',
        QueryParameters: { ECS_TASK_DEFINITION_FAMILY: 'red-v2' },
      }),
    );
    expect(v2.Instances?.map((i) => i.InstanceId)).toEqual(['task-2']);
    const optional = await cloudMap.send(
      new DiscoverInstancesCommand({
        NamespaceName: 'colors.local',
        ServiceName: 'red',
        OptionalParameters: { ECS_TASK_DEFINITION_FAMILY: 'red-v9' },
      }),
    );
    expect(optional.Instances).toHaveLength(2); // no instance matches the optional filter: it is ignored
    await expect(
      cloudMap.send(new DiscoverInstancesCommand({ NamespaceName: 'colors.local', ServiceName: 'blue' })),
    ).rejects.toBeInstanceOf(ServiceNotFound);
    expect(
      (await cloudMap.send(new GetInstancesHealthStatusCommand({ ServiceId: serviceId }))).Status,
    ).toEqual({ 'task-1': 'HEALTHY', 'task-2': 'HEALTHY' });

    await expect(cloudMap.send(new DeleteServiceCommand({ Id: serviceId }))).rejects.toBeInstanceOf(
      ResourceInUse,
    );
    await expect(cloudMap.send(new DeleteNamespaceCommand({ Id: namespaceId }))).rejects.toBeInstanceOf(
      ResourceInUse,
    );

    for (const id of ['task-1', 'task-2']) {
      await cloudMap.send(new DeregisterInstanceCommand({ ServiceId: serviceId, InstanceId: id }));
    }
    await cloud.settle();
    await cloudMap.send(new DeleteServiceCommand({ Id: serviceId }));
    const deletion = await cloudMap.send(new DeleteNamespaceCommand({ Id: namespaceId }));
    const twice = await errorOf(cloudMap.send(new DeleteNamespaceCommand({ Id: namespaceId })));
    expect((twice as DuplicateRequest).DuplicateOperationId).toBe(deletion.OperationId);
    await cloud.settle();
    await expect(cloudMap.send(new GetNamespaceCommand({ Id: namespaceId }))).rejects.toBeInstanceOf(
      NamespaceNotFound,
    );
    expect(cloud.snapshot().cloudMap).toEqual({ namespaces: [], services: [], instances: [] });
  });

  it('pages lists with NextToken and filters services by namespace', async () => {
    const { cloud, cloudMap } = setup();
    const namespaceIds: string[] = [];
    for (const name of ['alpha', 'beta', 'gamma']) {
      const { OperationId } = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: name }));
      await cloud.settle();
      const { Operation } = await cloudMap.send(new GetOperationCommand({ OperationId }));
      namespaceIds.push(Operation?.Targets?.NAMESPACE as string);
    }
    for (const name of ['one', 'two', 'three']) {
      await cloudMap.send(new CreateServiceCommand({ Name: name, NamespaceId: namespaceIds[0] }));
    }
    await cloudMap.send(new CreateServiceCommand({ Name: 'other', NamespaceId: namespaceIds[1] }));

    const first = await cloudMap.send(new ListNamespacesCommand({ MaxResults: 2 }));
    expect(first.Namespaces?.map((n) => n.Name)).toEqual(['alpha', 'beta']);
    const second = await cloudMap.send(
      new ListNamespacesCommand({ MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.Namespaces?.map((n) => n.Name)).toEqual(['gamma']);
    expect(second.NextToken).toBeUndefined();
    const typed = await cloudMap.send(
      new ListNamespacesCommand({ Filters: [{ Name: 'NAME', Values: ['beta'], Condition: 'EQ' }] }),
    );
    expect(typed.Namespaces?.map((n) => n.Name)).toEqual(['beta']);

    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await cloudMap.send(
        new ListServicesCommand({
          MaxResults: 1,
          NextToken: token,
          Filters: [{ Name: 'NAMESPACE_ID', Values: [namespaceIds[0] as string] }],
        }),
      );
      names.push(...(page.Services ?? []).map((s) => s.Name as string));
      token = page.NextToken;
    } while (token !== undefined);
    expect(names).toEqual(['one', 'three', 'two']);

    const operations = await cloudMap.send(new ListOperationsCommand({ MaxResults: 2 }));
    expect(operations.Operations).toHaveLength(2);
    expect(operations.NextToken).toBe('2');
  });

  it('updates a service asynchronously and keeps tags on namespaces and services', async () => {
    const { cloud, cloudMap, vpcId } = setup();
    const { serviceId, serviceArn } = await colorsWithRed(cloud, cloudMap, vpcId);
    const { OperationId } = await cloudMap.send(
      new UpdateServiceCommand({
        Id: serviceId,
        Service: { DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] } },
      }),
    );
    expect(
      (await cloudMap.send(new GetServiceCommand({ Id: serviceId }))).Service?.DnsConfig?.DnsRecords,
    ).toEqual([{ Type: 'A', TTL: 300 }]);
    await cloud.settle();
    expect(await status(cloudMap, OperationId)).toBe('SUCCESS');
    expect(
      (await cloudMap.send(new GetServiceCommand({ Id: serviceId }))).Service?.DnsConfig?.DnsRecords,
    ).toEqual([{ Type: 'A', TTL: 10 }]);
    await expect(
      cloudMap.send(
        new UpdateServiceCommand({
          Id: serviceId,
          Service: { DnsConfig: { DnsRecords: [{ Type: 'SRV', TTL: 10 }] } },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidInput); // record types are immutable

    await cloudMap.send(
      new TagResourceCommand({ ResourceARN: serviceArn, Tags: [{ Key: 'app', Value: 'colors' }] }),
    );
    expect((await cloudMap.send(new ListTagsForResourceCommand({ ResourceARN: serviceArn }))).Tags).toEqual([
      { Key: 'app', Value: 'colors' },
    ]);
  });

  it('hides a new service from reads and references during the consistency window, but not from name conflicts', async () => {
    const clock = new ManualClock();
    const cloud = createLocalCloud({ clock, faults: { consistencyWindowMs: 500 } });
    const { cloudMap } = cloud.clients({ maxAttempts: 1 });
    await cloudMap.send(new CreateHttpNamespaceCommand({ Name: 'colors' }));
    await cloud.settle();
    clock.advance(500);
    const namespaceId = (await cloudMap.send(new ListNamespacesCommand({}))).Namespaces?.[0]?.Id;
    const { Service } = await cloudMap.send(
      new CreateServiceCommand({ Name: 'red', NamespaceId: namespaceId }),
    );
    await expect(cloudMap.send(new GetServiceCommand({ Id: Service?.Id }))).rejects.toBeInstanceOf(
      ServiceNotFound,
    );
    await expect(
      cloudMap.send(
        new RegisterInstanceCommand({
          ServiceId: Service?.Id,
          InstanceId: 'i-1',
          Attributes: { color: 'red' },
        }),
      ),
    ).rejects.toBeInstanceOf(ServiceNotFound);
    await expect(
      cloudMap.send(new CreateServiceCommand({ Name: 'red', NamespaceId: namespaceId })),
    ).rejects.toBeInstanceOf(ServiceAlreadyExists);
    clock.advance(500);
    expect((await cloudMap.send(new GetServiceCommand({ Id: Service?.Id }))).Service?.Name).toBe('red');
  });

  it('lets ECS register and deregister task instances synchronously through the internal API', () => {
    const world = bareWorld();
    const { OperationId } = CreateHttpNamespace({ Name: 'colors' }, world);
    operationEvents['cloudMap.operationDone'](world, { operationId: OperationId });
    const namespaceId = Object.keys(world.state.cloudMap.namespaces)[0];
    const Service = CreateService({ Name: 'red', NamespaceId: namespaceId }, world).Service as {
      Id: string;
      Arn: string;
    };
    const internal = cloudMapService.internal(world);
    expect(internal.service(Service.Arn)).toEqual({ id: Service.Id });
    expect(internal.service(`${Service.Arn}0`)).toBeUndefined();

    internal.registerInstance(Service.Arn, 'task-1', { AWS_INSTANCE_IPV4: '10.0.0.5' });
    expect(cloudMapService.snapshot(world.state.cloudMap).instances).toEqual([
      { serviceId: Service.Id, id: 'task-1', attributes: { AWS_INSTANCE_IPV4: '10.0.0.5' } },
    ]);
    internal.deregisterInstance(Service.Arn, 'task-1');
    expect(cloudMapService.snapshot(world.state.cloudMap).instances).toEqual([]);
  });
});

/** Just enough of a world to call Cloud Map's handlers directly, as the other services do through `internal`. */
function bareWorld(): World {
  let ids = 0;
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    delays: { cloudMapOperationMs: 0, ecsTaskStartMs: 0, ecsTaskStopMs: 0, loadBalancerProvisioningMs: 0 },
    quotas: DEFAULT_QUOTAS,
    state: { cloudMap: cloudMapService.initialState() } as CloudState,
    internal: {} as World['internal'],
    now: () => 0,
    newId: (prefix, _key, digits = 17) => prefix + String(++ids).padStart(digits, '0'),
    newUuid: () => '00000000-0000-4000-a000-000000000000',
    schedule: () => {},
    visible: () => true,
  };
}
