import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DeleteTagsCommand,
  DescribeManagedPrefixListsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2ServiceException,
  GetManagedPrefixListEntriesCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { createLocalCloud } from '../../src/local/local-cloud.js';

async function failure(promise: Promise<unknown>): Promise<EC2ServiceException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EC2ServiceException);
  return error as EC2ServiceException;
}

const tcpFrom = (port: number, peer: { CidrIp?: string; GroupId?: string }) => ({
  IpProtocol: 'tcp',
  FromPort: port,
  ToPort: port,
  ...(peer.CidrIp === undefined ? {} : { IpRanges: [{ CidrIp: peer.CidrIp }] }),
  ...(peer.GroupId === undefined ? {} : { UserIdGroupPairs: [{ GroupId: peer.GroupId }] }),
});

async function setup() {
  const cloud = createLocalCloud();
  const { ec2 } = cloud.clients({ maxAttempts: 1 });
  const { vpcId } = cloud.defaultNetwork();
  const create = async (name: string) =>
    (
      await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: name,
          Description: `${name} group`,
          VpcId: vpcId,
          TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'app', Value: name }] }],
        }),
      )
    ).GroupId as string;
  return { cloud, ec2, vpcId, create };
}

describe('local cloud: EC2 security groups', () => {
  it('creates a group with AWS default egress, and rejects a duplicate name in the same VPC only', async () => {
    const { ec2, vpcId, create } = await setup();
    const groupId = await create('colorapp-sg');
    expect(groupId).toMatch(/^sg-[0-9a-f]{17}$/);
    const [group] =
      (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups ?? [];
    expect(group).toMatchObject({
      GroupName: 'colorapp-sg',
      Description: 'colorapp-sg group',
      VpcId: vpcId,
      IpPermissions: [],
      IpPermissionsEgress: [
        { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], UserIdGroupPairs: [] },
      ],
      Tags: [{ Key: 'app', Value: 'colorapp-sg' }],
    });
    const duplicate = await failure(
      ec2.send(new CreateSecurityGroupCommand({ GroupName: 'colorapp-sg', Description: 'x', VpcId: vpcId })),
    );
    expect([duplicate.name, duplicate.message]).toEqual([
      'InvalidGroup.Duplicate',
      `The security group 'colorapp-sg' already exists for VPC '${vpcId}'`,
    ]);
    const other = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'colorapp-sg', Description: 'x', VpcId: other.Vpc?.VpcId }),
    );
    const noDescription = await failure(
      ec2.send(new CreateSecurityGroupCommand({ GroupName: 'gateway-sg', VpcId: vpcId } as never)),
    );
    expect(noDescription.name).toBe('MissingParameter');
  });

  it('authorizes, describes and revokes rules, with AWS errors for duplicates and unknown rules', async () => {
    const { cloud, ec2, create } = await setup();
    const app = await create('colorapp-sg');
    const gateway = await create('gateway-sg');
    const added = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: app,
        IpPermissions: [tcpFrom(9080, { GroupId: app }), tcpFrom(9080, { GroupId: gateway })],
      }),
    );
    expect(added.SecurityGroupRules?.map((r) => [r.IsEgress, r.ReferencedGroupInfo?.GroupId])).toEqual([
      [false, app],
      [false, gateway],
    ]);
    expect(
      added.SecurityGroupRules?.every((r) => /^sgr-[0-9a-f]{17}$/.test(r.SecurityGroupRuleId ?? '')),
    ).toBe(true);
    const [group] =
      (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [app] }))).SecurityGroups ?? [];
    expect(group?.IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 9080,
        ToPort: 9080,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [
          { GroupId: app, UserId: '123456789012' },
          { GroupId: gateway, UserId: '123456789012' },
        ],
      },
    ]);

    const before = cloud.snapshot().ec2;
    // One new rule and one existing: the call fails as a whole and adds nothing.
    const duplicate = await failure(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: app,
          IpPermissions: [tcpFrom(80, { CidrIp: '10.0.0.0/8' }), tcpFrom(9080, { GroupId: gateway })],
        }),
      ),
    );
    expect([duplicate.name, duplicate.message]).toEqual([
      'InvalidPermission.Duplicate',
      `the specified rule "peer: ${gateway}, TCP, from port: 9080, to port: 9080, ALLOW" already exists`,
    ]);
    const unknownPeer = await failure(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: app,
          IpPermissions: [tcpFrom(80, { GroupId: 'sg-0123456789abcdef0' })],
        }),
      ),
    );
    expect([unknownPeer.name, unknownPeer.message]).toEqual([
      'InvalidGroup.NotFound',
      "The security group 'sg-0123456789abcdef0' does not exist",
    ]);
    const notThere = await failure(
      ec2.send(
        new RevokeSecurityGroupIngressCommand({
          GroupId: app,
          IpPermissions: [tcpFrom(9080, { GroupId: app }), tcpFrom(22, { CidrIp: '0.0.0.0/0' })],
        }),
      ),
    );
    expect(notThere.name).toBe('InvalidPermission.NotFound');
    expect(cloud.snapshot().ec2).toEqual(before);

    const rules = await ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [app] }] }),
    );
    expect(
      rules.SecurityGroupRules?.map((r) => (r.IsEgress ? 'egress' : r.ReferencedGroupInfo?.GroupId)).sort(),
    ).toEqual([app, gateway, 'egress'].sort());
    await ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: app,
        IpPermissions: [tcpFrom(9080, { GroupId: app })],
      }),
    );
    const egressRule = rules.SecurityGroupRules?.find((r) => r.IsEgress)?.SecurityGroupRuleId as string;
    // An egress rule id is not an ingress rule.
    const wrongDirection = await failure(
      ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: app, SecurityGroupRuleIds: [egressRule] })),
    );
    expect(wrongDirection.name).toBe('InvalidSecurityGroupRuleId.NotFound');
    await ec2.send(
      new RevokeSecurityGroupEgressCommand({ GroupId: app, SecurityGroupRuleIds: [egressRule] }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupEgressCommand({
        GroupId: app,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    const [after] =
      (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [app] }))).SecurityGroups ?? [];
    expect(after?.IpPermissions?.flatMap((p) => p.UserIdGroupPairs?.map((g) => g.GroupId))).toEqual([
      gateway,
    ]);
    expect(after?.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.FromPort])).toEqual([['tcp', 443]]);
  });

  it('will not delete a group another group refers to, nor the default group', async () => {
    const { ec2, vpcId, create } = await setup();
    const app = await create('colorapp-sg');
    const gateway = await create('gateway-sg');
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: app,
        IpPermissions: [tcpFrom(9080, { GroupId: gateway })],
      }),
    );
    const inUse = await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: gateway })));
    expect([inUse.name, inUse.message]).toEqual([
      'DependencyViolation',
      `resource ${gateway} has a dependent object`,
    ]);
    // A group's rules about itself do not hold it.
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: app,
        IpPermissions: [tcpFrom(80, { GroupId: app })],
      }),
    );
    await ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'colorapp-sg' }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: gateway }));
    const gone = await failure(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [gateway] })));
    expect([gone.name, gone.message]).toEqual([
      'InvalidGroup.NotFound',
      `The security group '${gateway}' does not exist`,
    ]);
    const defaults = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'group-name', Values: ['default'] },
          { Name: 'vpc-id', Values: [vpcId] },
        ],
      }),
    );
    const defaultId = defaults.SecurityGroups?.[0]?.GroupId as string;
    expect((await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: defaultId })))).name).toBe(
      'CannotDelete',
    );
  });

  it('filters by name, id, VPC and tags, and tags any resource', async () => {
    const { ec2, vpcId, create } = await setup();
    const app = await create('colorapp-sg');
    const gateway = await create('gateway-sg');
    const names = async (filters: { Name: string; Values: string[] }[]) =>
      ((await ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }))).SecurityGroups ?? [])
        .map((g) => g.GroupName)
        .sort();
    expect(await names([{ Name: 'vpc-id', Values: [vpcId] }])).toEqual([
      'colorapp-sg',
      'default',
      'gateway-sg',
    ]);
    expect(await names([{ Name: 'group-name', Values: ['*-sg'] }])).toEqual(['colorapp-sg', 'gateway-sg']);
    expect(await names([{ Name: 'group-id', Values: [gateway] }])).toEqual(['gateway-sg']);
    expect(await names([{ Name: 'tag:app', Values: ['colorapp-sg'] }])).toEqual(['colorapp-sg']);
    await ec2.send(
      new CreateTagsCommand({ Resources: [gateway, vpcId], Tags: [{ Key: 'mesh', Value: 'color-mesh' }] }),
    );
    expect(await names([{ Name: 'tag-key', Values: ['mesh'] }])).toEqual(['gateway-sg']);
    await ec2.send(new DeleteTagsCommand({ Resources: [gateway], Tags: [{ Key: 'mesh', Value: 'other' }] }));
    expect(await names([{ Name: 'tag-key', Values: ['mesh'] }])).toEqual(['gateway-sg']);
    await ec2.send(new DeleteTagsCommand({ Resources: [gateway], Tags: [{ Key: 'mesh' }] }));
    expect(await names([{ Name: 'tag-key', Values: ['mesh'] }])).toEqual([]);
    const badFilter = await failure(
      ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
    );
    expect(badFilter.name).toBe('InvalidParameterValue');
    const badTag = await failure(
      ec2.send(new CreateTagsCommand({ Resources: [app, 'sg-0000'], Tags: [{ Key: 'k', Value: 'v' }] })),
    );
    expect(badTag.name).toBe('InvalidGroup.NotFound');
    expect(await names([{ Name: 'tag-key', Values: ['k'] }])).toEqual([]);
  });

  it('throttles with RequestLimitExceeded and fails injected calls with InternalError', async () => {
    const cloud = createLocalCloud({ faults: { throttleRate: 1 } });
    const throttled = await failure(
      cloud.clients({ maxAttempts: 1 }).ec2.send(new DescribeSecurityGroupsCommand({})),
    );
    expect([throttled.name, throttled.$metadata.httpStatusCode]).toEqual(['RequestLimitExceeded', 503]);
    cloud.setFaults({ failCalls: [{ command: 'ec2:CreateSecurityGroup', nth: 1 }] });
    const { ec2 } = cloud.clients({ maxAttempts: 1 });
    const failed = await failure(
      ec2.send(new CreateSecurityGroupCommand({ GroupName: 'a', Description: 'a' })),
    );
    expect([failed.name, failed.$metadata.httpStatusCode]).toEqual(['InternalError', 500]);
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['a'] }] }),
    );
    expect(groups.SecurityGroups).toEqual([]);
  });
});

describe('local cloud: AWS-managed prefix lists in security group rules', () => {
  it("serves VPC Lattice's lists in its region, owned by AWS, by name or id", async () => {
    const { cloud, ec2 } = await setup();
    const byName = async (name: string) =>
      (
        await ec2.send(
          new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [name] }] }),
        )
      ).PrefixLists ?? [];
    const [ipv4] = await byName(`com.amazonaws.${cloud.region}.vpc-lattice`);
    expect(ipv4).toMatchObject({
      AddressFamily: 'IPv4',
      State: 'create-complete',
      OwnerId: 'AWS',
      PrefixListName: `com.amazonaws.${cloud.region}.vpc-lattice`,
    });
    expect(ipv4?.PrefixListId).toMatch(/^pl-[0-9a-f]{17}$/);
    expect(ipv4?.PrefixListArn).toBe(`arn:aws:ec2:${cloud.region}:aws:prefix-list/${ipv4?.PrefixListId}`);
    const [ipv6] = await byName(`com.amazonaws.${cloud.region}.ipv6.vpc-lattice`);
    expect(ipv6?.AddressFamily).toBe('IPv6');
    // Another region's list is not this region's, and a name matches whole.
    expect(await byName('com.amazonaws.eu-west-3.vpc-lattice')).toEqual([]);
    expect(await byName('vpc-lattice')).toEqual([]);

    const id = ipv4?.PrefixListId as string;
    const byId = await ec2.send(
      new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-id', Values: [id] }] }),
    );
    expect(byId.PrefixLists?.map((l) => l.PrefixListName)).toEqual([ipv4?.PrefixListName]);
    const entries = await ec2.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: id }));
    expect(entries.Entries).toEqual([{ Cidr: '169.254.171.0/24' }]);
    const missing = await failure(
      ec2.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: 'pl-0000000000000000a' })),
    );
    expect(missing.name).toBe('InvalidPrefixListID.NotFound');
    const missingId = await failure(
      ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: ['pl-0000000000000000a'] })),
    );
    expect(missingId.name).toBe('InvalidPrefixListID.NotFound');
  });

  it('authorizes a port to a prefix list, shows it as AWS does, refuses an unknown list and a duplicate, revokes it', async () => {
    const { cloud, ec2, create } = await setup();
    const groupId = await create('colorapp-sg');
    const [list] =
      (
        await ec2.send(
          new DescribeManagedPrefixListsCommand({
            Filters: [{ Name: 'prefix-list-name', Values: [`com.amazonaws.${cloud.region}.vpc-lattice`] }],
          }),
        )
      ).PrefixLists ?? [];
    const PrefixListId = list?.PrefixListId as string;
    const rule = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, PrefixListIds: [{ PrefixListId }] };

    const unknown = await failure(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [{ ...rule, PrefixListIds: [{ PrefixListId: 'pl-0000000000000000a' }] }],
        }),
      ),
    );
    expect(unknown.name).toBe('InvalidPrefixListID.NotFound');
    expect(unknown.message).toBe("The prefix list ID 'pl-0000000000000000a' does not exist");

    const added = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [rule] }),
    );
    expect(added.SecurityGroupRules?.map((r) => [r.IsEgress, r.FromPort, r.PrefixListId])).toEqual([
      [false, 80, PrefixListId],
    ]);
    const duplicate = await failure(
      ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [rule] })),
    );
    expect(duplicate.name).toBe('InvalidPermission.Duplicate');

    const [group] =
      (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups ?? [];
    expect(group?.IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [{ PrefixListId }],
        UserIdGroupPairs: [],
      },
    ]);
    const rules = await ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
    );
    const ingress = rules.SecurityGroupRules?.filter((r) => !r.IsEgress);
    expect(
      ingress?.map((r) => ({
        PrefixListId: r.PrefixListId,
        CidrIpv4: r.CidrIpv4,
        ReferencedGroupInfo: r.ReferencedGroupInfo,
      })),
    ).toEqual([{ PrefixListId, CidrIpv4: undefined, ReferencedGroupInfo: undefined }]);

    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [rule] }));
    const [after] =
      (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups ?? [];
    expect(after?.IpPermissions).toEqual([]);
  });
});
