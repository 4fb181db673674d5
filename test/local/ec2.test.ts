import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { createLocalCloud, DEFAULT_DELAYS, DEFAULT_QUOTAS } from '../../src/local/local-cloud.js';
import { ec2Service } from '../../src/local/services/ec2.js';
import type { CloudState, InternalApis, Operation, World } from '../../src/local/world.js';

async function failure(promise: Promise<unknown>): Promise<EC2ServiceException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EC2ServiceException);
  return error as EC2ServiceException;
}

describe('local cloud: EC2 network', () => {
  it('starts with a default VPC and six default subnets, the same in every cloud', async () => {
    const cloud = createLocalCloud();
    const { ec2 } = cloud.clients();
    const network = cloud.defaultNetwork();
    expect(createLocalCloud().defaultNetwork()).toEqual(network);
    const vpcs = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
    );
    expect(vpcs.Vpcs?.map((v) => [v.VpcId, v.CidrBlock])).toEqual([[network.vpcId, '172.31.0.0/16']]);
    const subnets = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [network.vpcId] }] }),
    );
    expect(subnets.Subnets?.map((s) => [s.AvailabilityZone, s.CidrBlock]).sort()).toEqual([
      ['us-east-1a', '172.31.0.0/20'],
      ['us-east-1b', '172.31.16.0/20'],
      ['us-east-1c', '172.31.32.0/20'],
      ['us-east-1d', '172.31.48.0/20'],
      ['us-east-1e', '172.31.64.0/20'],
      ['us-east-1f', '172.31.80.0/20'],
    ]);
    expect([...network.subnetIds].sort()).toEqual(subnets.Subnets?.map((s) => s.SubnetId).sort());
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [network.vpcId] }] }),
    );
    expect(groups.SecurityGroups?.map((g) => g.GroupName)).toEqual(['default']);
  });

  it('creates a VPC with its default group and subnets inside its CIDR, and deletes them in order', async () => {
    const cloud = createLocalCloud();
    const { ec2 } = cloud.clients();
    const { Vpc } = await ec2.send(
      new CreateVpcCommand({
        CidrBlock: '10.0.0.0/16',
        TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'mesh' }] }],
      }),
    );
    const vpcId = Vpc?.VpcId as string;
    expect(vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    const tagged = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['me*'] }] }),
    );
    expect(tagged.Vpcs?.map((v) => v.VpcId)).toEqual([vpcId]);

    expect(
      (await failure(ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.0.0/24' })))).name,
    ).toBe('InvalidSubnet.Range');
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1b' }),
    );
    expect(Subnet).toMatchObject({
      VpcId: vpcId,
      AvailabilityZone: 'us-east-1b',
      AvailableIpAddressCount: 251,
    });
    expect(
      (await failure(ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.128/25' })))).name,
    ).toBe('InvalidSubnet.Conflict');
    const missing = await failure(
      ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0000', CidrBlock: '10.0.2.0/24' })),
    );
    expect([missing.name, missing.message]).toEqual([
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-0000' does not exist",
    ]);

    const blocked = await failure(ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
    expect(blocked.name).toBe('DependencyViolation');
    await ec2.send(new DeleteSubnetCommand({ SubnetId: Subnet?.SubnetId }));
    const gone = await failure(
      ec2.send(new DescribeSubnetsCommand({ SubnetIds: [Subnet?.SubnetId as string] })),
    );
    expect(gone.name).toBe('InvalidSubnetID.NotFound');
    await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
    );
    expect(groups.SecurityGroups).toEqual([]);
  });

  it('hands out deterministic, distinct addresses outside the reserved ones, and blocks deleting a used subnet', async () => {
    const world = bareWorld();
    const api = ec2Service.internal(world);
    const ec2 = world.state.ec2;
    const { subnetIds } = api.defaultNetwork();
    const subnetId = subnetIds[0] as string;
    expect(api.subnet(subnetId)).toEqual({
      vpcId: api.defaultNetwork().vpcId,
      availabilityZone: 'us-east-1a',
    });
    // A /28 has 16 addresses: 4 reserved at the start, 1 at the end, 11 to hand out.
    ec2Service.operations.CreateSubnet?.(
      { VpcId: api.defaultNetwork().vpcId, CidrBlock: '172.31.96.0/28' },
      world,
    );
    const small = Object.values(ec2.subnets).find((s) => s.cidrBlock === '172.31.96.0/28')
      ?.subnetId as string;
    const ips = Array.from({ length: 11 }, (_, i) => api.allocateIp(small, `task-${i}`));
    expect(new Set(ips).size).toBe(11);
    for (const ip of ips) {
      const last = Number(ip.split('.')[3]);
      expect(last >= 4 && last <= 14).toBe(true);
    }
    expect(api.allocateIp(small, 'task-3')).toBe(ips[3]);
    expect(() => api.allocateIp(small, 'task-11')).toThrow(/not enough free addresses/);
    expect(() => ec2Service.operations.DeleteSubnet?.({ SubnetId: small }, world)).toThrow(
      /has dependencies/,
    );
    api.releaseIp(small, ips[0] as string);
    expect(api.allocateIp(small, 'task-11')).toBe(ips[0]);

    // Deterministic from the key: another cloud gives the same address to the same task.
    const again = bareWorld();
    expect(ec2Service.internal(again).allocateIp(subnetId, 'task-a')).toBe(
      api.allocateIp(subnetId, 'task-a'),
    );
  });

  it('will not delete a security group that ECS tasks or load balancers use', () => {
    const world = bareWorld();
    const held = new Set<string>();
    Object.assign(world.internal, {
      ecs: { usesSecurityGroup: (id: string) => held.has(`ecs/${id}`) },
      elbv2: { usesSecurityGroup: (id: string) => held.has(`elbv2/${id}`) },
    });
    const create = ec2Service.operations.CreateSecurityGroup as Operation;
    const remove = ec2Service.operations.DeleteSecurityGroup as Operation;
    const { GroupId } = create({ GroupName: 'colorapp-sg', Description: 'app' }, world) as {
      GroupId: string;
    };
    for (const holder of ['ecs', 'elbv2']) {
      held.add(`${holder}/${GroupId}`);
      expect(() => remove({ GroupId }, world)).toThrow(`resource ${GroupId} has a dependent object`);
      held.clear();
    }
    remove({ GroupId }, world);
    expect(ec2Service.internal(world).securityGroup(GroupId)).toBeUndefined();
  });
});

/** A World with only EC2 in it, to reach EC2's internal API as other services do. */
function bareWorld(): World {
  const uses: Record<string, number> = {};
  const state = { ec2: ec2Service.initialState() } as unknown as CloudState;
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    delays: DEFAULT_DELAYS,
    quotas: DEFAULT_QUOTAS,
    state,
    internal: {} as InternalApis,
    now: () => 0,
    newId: (prefix, key) => {
      uses[key] = (uses[key] ?? 0) + 1;
      return `${prefix}${key.length.toString(16)}${uses[key]}`;
    },
    newUuid: () => '',
    schedule: () => undefined,
    visible: () => true,
  };
}
