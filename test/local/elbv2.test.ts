import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  DuplicateListenerException,
  DuplicateLoadBalancerNameException,
  DuplicateTargetGroupNameException,
  type ElasticLoadBalancingV2Client,
  ElasticLoadBalancingV2ServiceException,
  InvalidConfigurationRequestException,
  InvalidSecurityGroupException,
  InvalidTargetException,
  ListenerNotFoundException,
  LoadBalancerNotFoundException,
  ModifyListenerCommand,
  RegisterTargetsCommand,
  ResourceInUseException,
  SubnetNotFoundException,
  TargetGroupNotFoundException,
  waitUntilLoadBalancerAvailable,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';

function setup() {
  const clock = new ManualClock();
  const cloud = createLocalCloud({ clock });
  const { elbv2 } = cloud.clients({ maxAttempts: 1 });
  const network = cloud.defaultNetwork();
  return { clock, cloud, elbv2, network, subnets: network.subnetIds.slice(0, 2) };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/** The tutorial's network load balancer, ip target group and TCP listener. */
async function tutorial(elbv2: ElasticLoadBalancingV2Client, vpcId: string, subnets: string[]) {
  const lb = (
    await elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'colorapp-nlb',
        Type: 'network',
        Scheme: 'internal',
        Subnets: subnets,
      }),
    )
  ).LoadBalancers?.[0];
  const tg = (
    await elbv2.send(
      new CreateTargetGroupCommand({
        Name: 'colorgateway',
        Protocol: 'TCP',
        Port: 9080,
        VpcId: vpcId,
        TargetType: 'ip',
      }),
    )
  ).TargetGroups?.[0];
  const listener = (
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb?.LoadBalancerArn,
        Protocol: 'TCP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg?.TargetGroupArn }],
      }),
    )
  ).Listeners?.[0];
  return {
    lbArn: lb?.LoadBalancerArn as string,
    tgArn: tg?.TargetGroupArn as string,
    listenerArn: listener?.ListenerArn as string,
    lb,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('local cloud: ELBv2 through the real SDK client', () => {
  it('builds the tutorial NLB with an ip target group and a TCP listener, as AWS describes them', async () => {
    const { cloud, elbv2, network, subnets } = setup();
    const { lbArn, tgArn, listenerArn, lb } = await tutorial(elbv2, network.vpcId, subnets);
    expect(lbArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:\d{12}:loadbalancer\/net\/colorapp-nlb\/[0-9a-f]{16}$/,
    );
    expect(lb?.DNSName).toMatch(/^internal-colorapp-nlb-[0-9a-f]{16}\.elb\.us-east-1\.amazonaws\.com$/);
    expect(lb?.CanonicalHostedZoneId).toBe('Z26RNL4JYFTOTI');
    expect(lb?.State?.Code).toBe('provisioning');
    expect(lb?.VpcId).toBe(network.vpcId);
    expect(lb?.AvailabilityZones?.map((z) => z.ZoneName)).toEqual(['us-east-1a', 'us-east-1b']);
    expect(listenerArn.startsWith(lbArn.replace(':loadbalancer/', ':listener/'))).toBe(true);

    const groups = await elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbArn }));
    expect(
      groups.TargetGroups?.map((g) => [g.TargetGroupArn, g.LoadBalancerArns, g.HealthCheckProtocol]),
    ).toEqual([[tgArn, [lbArn], 'TCP']]);
    await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: '172.31.5.9' }] }));
    await cloud.settle();
    const health = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
    expect(health.TargetHealthDescriptions).toEqual([
      {
        Target: { Id: '172.31.5.9', Port: 9080 },
        HealthCheckPort: '9080',
        TargetHealth: { State: 'healthy' },
      },
    ]);
    const described = await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['colorapp-nlb'] }));
    expect(described.LoadBalancers?.[0]?.State?.Code).toBe('active');
    expect(cloud.snapshot().elbv2).toMatchObject({
      loadBalancers: [
        {
          name: 'colorapp-nlb',
          type: 'network',
          scheme: 'internal',
          state: 'active',
          subnets: expect.any(Array),
        },
      ],
      targetGroups: [{ name: 'colorgateway', targets: [{ id: '172.31.5.9', port: 9080 }] }],
      listeners: [{ arn: listenerArn, port: 80, protocol: 'TCP' }],
    });
  });

  it('lets the SDK waiter see the load balancer become available as time moves', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { clock, elbv2, subnets } = setup();
    await elbv2.send(new CreateLoadBalancerCommand({ Name: 'web', Type: 'network', Subnets: subnets }));
    let done = false;
    const waiting = waitUntilLoadBalancerAvailable(
      { client: elbv2, maxWaitTime: 120 },
      { Names: ['web'] },
    ).then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(done).toBe(false); // still provisioning: the cloud's clock has not moved
    clock.advance(50);
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await waiting).state).toBe('SUCCESS');
  });

  it('answers a repeated create with the same settings with the same resource, other settings with Duplicate*', async () => {
    const { elbv2, network, subnets } = setup();
    const { lbArn, tgArn, listenerArn } = await tutorial(elbv2, network.vpcId, subnets);
    const again = await tutorial(elbv2, network.vpcId, subnets);
    expect([again.lbArn, again.tgArn, again.listenerArn]).toEqual([lbArn, tgArn, listenerArn]);

    await expect(
      elbv2.send(new CreateLoadBalancerCommand({ Name: 'colorapp-nlb', Type: 'network', Subnets: subnets })),
    ).rejects.toBeInstanceOf(DuplicateLoadBalancerNameException);
    await expect(
      elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'colorgateway',
          Protocol: 'TCP',
          Port: 9090,
          VpcId: network.vpcId,
          TargetType: 'ip',
        }),
      ),
    ).rejects.toBeInstanceOf(DuplicateTargetGroupNameException);
    await expect(
      elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'UDP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
        }),
      ),
    ).rejects.toBeInstanceOf(DuplicateListenerException);
    const listeners = await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
    expect(listeners.Listeners?.map((l) => l.ListenerArn)).toEqual([listenerArn]);
  });

  it('refuses to delete a target group behind a listener, and deleting the load balancer deletes its listeners', async () => {
    const { cloud, elbv2, network, subnets } = setup();
    const { lbArn, tgArn, listenerArn } = await tutorial(elbv2, network.vpcId, subnets);
    const inUse = await failure(elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgArn })));
    expect(inUse).toBeInstanceOf(ResourceInUseException);
    expect(inUse.message).toBe(`Target group '${tgArn}' is currently in use by a listener or a rule`);

    await elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }));
    await expect(
      elbv2.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] })),
    ).rejects.toBeInstanceOf(ListenerNotFoundException);
    const groups = await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tgArn] }));
    expect(groups.TargetGroups?.[0]?.LoadBalancerArns).toEqual([]);
    await elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgArn }));
    // Deleting what is already gone succeeds, as on AWS.
    await elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }));
    expect(cloud.snapshot().elbv2).toEqual({ loadBalancers: [], targetGroups: [], listeners: [], rules: [] });
    await expect(elbv2.send(new DescribeLoadBalancersCommand({ Names: ['colorapp-nlb'] }))).rejects.toThrow(
      "Load balancers '[colorapp-nlb]' not found",
    );
  });

  it('registers and deregisters ip targets, and refuses addresses outside the VPC', async () => {
    const { elbv2, network } = setup();
    const tgArn = (
      await elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'tg',
          Protocol: 'TCP',
          Port: 8080,
          VpcId: network.vpcId,
          TargetType: 'ip',
        }),
      )
    ).TargetGroups?.[0]?.TargetGroupArn;
    await elbv2.send(
      new RegisterTargetsCommand({
        TargetGroupArn: tgArn,
        Targets: [{ Id: '172.31.0.10' }, { Id: '172.31.16.11', Port: 9000 }],
      }),
    );
    const health = async () =>
      (
        await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }))
      ).TargetHealthDescriptions?.map((d) => [d.Target?.Id, d.Target?.Port, d.TargetHealth?.State]);
    // No load balancer sends traffic to the group yet: AWS reports the targets `unused`.
    expect(await health()).toEqual([
      ['172.31.0.10', 8080, 'unused'],
      ['172.31.16.11', 9000, 'unused'],
    ]);
    await elbv2.send(
      new DeregisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: '172.31.0.10' }] }),
    );
    expect(await health()).toEqual([['172.31.16.11', 9000, 'unused']]);
    await expect(
      elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: '10.9.9.9' }] })),
    ).rejects.toBeInstanceOf(InvalidTargetException);
    await expect(
      elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: '172.31.0.10' }] })),
    ).rejects.toBeInstanceOf(InvalidTargetException);
    expect(await health()).toEqual([['172.31.16.11', 9000, 'unused']]);
  });

  it("raises AWS's error classes, and a failed call changes nothing", async () => {
    const { cloud, elbv2, network, subnets } = setup();
    const { lbArn, tgArn, listenerArn } = await tutorial(elbv2, network.vpcId, subnets);
    await elbv2.send(new AddTagsCommand({ ResourceArns: [lbArn], Tags: [{ Key: 'app', Value: 'color' }] }));
    const before = cloud.snapshot();
    const missingLb = lbArn.replace(/[0-9a-f]{16}$/, '0000000000000000');
    const cases: [Promise<unknown>, new (...args: never[]) => Error, string?][] = [
      [
        elbv2.send(new CreateLoadBalancerCommand({ Name: 'internal-x', Type: 'network', Subnets: subnets })),
        ElasticLoadBalancingV2ServiceException,
        'ValidationError',
      ],
      [
        elbv2.send(
          new CreateLoadBalancerCommand({ Name: 'a'.repeat(33), Type: 'network', Subnets: subnets }),
        ),
        ElasticLoadBalancingV2ServiceException,
        'ValidationError',
      ],
      [
        elbv2.send(
          new CreateLoadBalancerCommand({ Name: 'x', Type: 'network', Subnets: ['subnet-00000000'] }),
        ),
        SubnetNotFoundException,
      ],
      [
        elbv2.send(
          new CreateLoadBalancerCommand({
            Name: 'x',
            Type: 'application',
            Subnets: subnets,
            SecurityGroups: ['sg-00000000'],
          }),
        ),
        InvalidSecurityGroupException,
      ],
      [
        elbv2.send(
          new CreateLoadBalancerCommand({
            Name: 'x',
            Type: 'network',
            Subnets: [subnets[0] as string, subnets[0] as string],
          }),
        ),
        InvalidConfigurationRequestException,
      ],
      [
        elbv2.send(
          new CreateTargetGroupCommand({
            Name: 'y',
            Protocol: 'TCP',
            Port: 80,
            VpcId: 'vpc-00000000',
            TargetType: 'ip',
          }),
        ),
        ElasticLoadBalancingV2ServiceException,
        'ValidationError',
      ],
      [
        elbv2.send(
          new CreateListenerCommand({
            LoadBalancerArn: lbArn,
            Protocol: 'HTTP',
            Port: 81,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
          }),
        ),
        ElasticLoadBalancingV2ServiceException,
        'ValidationError',
      ],
      [
        elbv2.send(
          new CreateListenerCommand({
            LoadBalancerArn: missingLb,
            Protocol: 'TCP',
            Port: 81,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
          }),
        ),
        LoadBalancerNotFoundException,
      ],
      [
        elbv2.send(
          new CreateListenerCommand({
            LoadBalancerArn: lbArn,
            Protocol: 'TCP',
            Port: 81,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: `${tgArn}0` }],
          }),
        ),
        TargetGroupNotFoundException,
      ],
      [
        elbv2.send(new ModifyListenerCommand({ ListenerArn: listenerArn, Port: 0 })),
        ElasticLoadBalancingV2ServiceException,
        'ValidationError',
      ],
      [elbv2.send(new DeleteListenerCommand({ ListenerArn: `${listenerArn}0` })), ListenerNotFoundException],
      [
        elbv2.send(
          new RegisterTargetsCommand({ TargetGroupArn: `${tgArn}0`, Targets: [{ Id: '172.31.0.1' }] }),
        ),
        TargetGroupNotFoundException,
      ],
      [elbv2.send(new DescribeTagsCommand({ ResourceArns: [missingLb] })), LoadBalancerNotFoundException],
    ];
    for (const [call, Class, name] of cases) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(Class);
      if (name !== undefined) expect(error.name).toBe(name);
    }
    expect(cloud.snapshot()).toEqual(before);
    const tags = await elbv2.send(new DescribeTagsCommand({ ResourceArns: [lbArn] }));
    expect(tags.TagDescriptions?.[0]?.Tags).toEqual([{ Key: 'app', Value: 'color' }]);
  });

  it('pages DescribeLoadBalancers with Marker and PageSize, in name order', async () => {
    const { elbv2, subnets } = setup();
    for (const name of ['c', 'a', 'b']) {
      await elbv2.send(new CreateLoadBalancerCommand({ Name: name, Type: 'network', Subnets: subnets }));
    }
    const first = await elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 2 }));
    const second = await elbv2.send(
      new DescribeLoadBalancersCommand({ PageSize: 2, Marker: first.NextMarker }),
    );
    expect(first.LoadBalancers?.map((lb) => lb.LoadBalancerName)).toEqual(['a', 'b']);
    expect(second.LoadBalancers?.map((lb) => lb.LoadBalancerName)).toEqual(['c']);
    expect(second.NextMarker).toBeUndefined();
  });

  it('hides a new target group from reads and references inside the consistency window, but not from name checks', async () => {
    const clock = new ManualClock();
    const cloud = createLocalCloud({ clock, faults: { consistencyWindowMs: 1000 } });
    const { elbv2 } = cloud.clients({ maxAttempts: 1 });
    const { vpcId, subnetIds } = cloud.defaultNetwork();
    const input = { Name: 'tg', Protocol: 'TCP' as const, Port: 80, VpcId: vpcId, TargetType: 'ip' as const };
    const tgArn = (await elbv2.send(new CreateTargetGroupCommand(input))).TargetGroups?.[0]?.TargetGroupArn;
    await expect(elbv2.send(new DescribeTargetGroupsCommand({ Names: ['tg'] }))).rejects.toBeInstanceOf(
      TargetGroupNotFoundException,
    );
    await expect(elbv2.send(new CreateTargetGroupCommand({ ...input, Port: 81 }))).rejects.toBeInstanceOf(
      DuplicateTargetGroupNameException,
    );
    const lbArn = (
      await elbv2.send(
        new CreateLoadBalancerCommand({ Name: 'lb', Type: 'network', Subnets: subnetIds.slice(0, 1) }),
      )
    ).LoadBalancers?.[0]?.LoadBalancerArn;
    clock.advance(1000);
    const lateArn = (await elbv2.send(new CreateTargetGroupCommand({ ...input, Name: 'late' })))
      .TargetGroups?.[0]?.TargetGroupArn;
    await expect(
      elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'TCP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: lateArn }],
        }),
      ),
    ).rejects.toBeInstanceOf(TargetGroupNotFoundException);
    const groups = await elbv2.send(new DescribeTargetGroupsCommand({ Names: ['tg'] }));
    expect(groups.TargetGroups?.[0]?.TargetGroupArn).toBe(tgArn);
  });
});
