/**
 * Ingress permissions on a security group. AWS merges rules by protocol and ports, so the
 * resource is present when every source it authorizes is in the group's permissions. A rule
 * cannot be edited in place (no update): a changed rule is a different one.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  type IpPermission,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import type { ResourceInputs } from '../../plan/resource.js';
import { isAwsError, sendOptions, unlessNotFound } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

type Input = ResourceInputs['securityGroupIngress'];

export const securityGroupIngressHandler: ResourceHandler<'securityGroupIngress'> = {
  async read(input, ctx) {
    const present = await presentPermissions(input.GroupId, ctx);
    if (present === undefined) return undefined;
    if (missingPermissions(input.IpPermissions ?? [], present).length > 0) return undefined;
    // Ingress rules are owned through their group (ownership.ts): no tags are read here.
    return {
      attributes: attributesOf(input),
      current: { GroupId: input.GroupId, IpPermissions: input.IpPermissions },
      tags: {},
    };
  },
  changes: () => [],
  async create(input, ctx) {
    try {
      await ctx.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand(input), sendOptions(ctx));
    } catch (error) {
      // Some sources were already authorized (an earlier run stopped halfway): add the others.
      if (!isAwsError(error, 'InvalidPermission.Duplicate')) throw error;
      const missing = missingPermissions(
        input.IpPermissions ?? [],
        (await presentPermissions(input.GroupId, ctx)) ?? [],
      );
      if (missing.length > 0) {
        await ctx.clients.ec2.send(
          new AuthorizeSecurityGroupIngressCommand({ ...input, IpPermissions: missing }),
          sendOptions(ctx),
        );
      }
    }
    return attributesOf(input);
  },
  // Revokes exactly what this resource authorized: other rules on the group stay.
  async delete(_attributes, input, ctx) {
    await unlessNotFound(
      () =>
        ctx.clients.ec2.send(
          new RevokeSecurityGroupIngressCommand({
            GroupId: input.GroupId,
            IpPermissions: input.IpPermissions,
          }),
          sendOptions(ctx),
        ),
      'InvalidPermission.NotFound',
      'InvalidGroup.NotFound',
    );
  },
};

async function presentPermissions(
  groupId: string | undefined,
  ctx: HandlerContext,
): Promise<IpPermission[] | undefined> {
  if (groupId === undefined) return undefined;
  const output = await unlessNotFound(
    () => ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }), sendOptions(ctx)),
    'InvalidGroup.NotFound',
    'InvalidGroupId.NotFound',
  );
  return output?.SecurityGroups?.[0]?.IpPermissions;
}

/** The desired permissions reduced to the sources not yet authorized (empty when all are). */
export function missingPermissions(
  desired: readonly IpPermission[],
  present: readonly IpPermission[],
): IpPermission[] {
  return desired.flatMap((permission) => {
    const same = present.filter(
      (p) =>
        p.IpProtocol === permission.IpProtocol &&
        (permission.IpProtocol === '-1' ||
          (p.FromPort === permission.FromPort && p.ToPort === permission.ToPort)),
    );
    const ipRanges = (permission.IpRanges ?? []).filter(
      (r) => !same.some((p) => p.IpRanges?.some((q) => q.CidrIp === r.CidrIp)),
    );
    const ipv6Ranges = (permission.Ipv6Ranges ?? []).filter(
      (r) => !same.some((p) => p.Ipv6Ranges?.some((q) => q.CidrIpv6 === r.CidrIpv6)),
    );
    const groupPairs = (permission.UserIdGroupPairs ?? []).filter(
      (r) => !same.some((p) => p.UserIdGroupPairs?.some((q) => q.GroupId === r.GroupId)),
    );
    const prefixLists = (permission.PrefixListIds ?? []).filter(
      (r) => !same.some((p) => p.PrefixListIds?.some((q) => q.PrefixListId === r.PrefixListId)),
    );
    if (ipRanges.length + ipv6Ranges.length + groupPairs.length + prefixLists.length === 0) return [];
    return [
      {
        ...permission,
        IpRanges: ipRanges.length > 0 ? ipRanges : undefined,
        Ipv6Ranges: ipv6Ranges.length > 0 ? ipv6Ranges : undefined,
        UserIdGroupPairs: groupPairs.length > 0 ? groupPairs : undefined,
        PrefixListIds: prefixLists.length > 0 ? prefixLists : undefined,
      },
    ];
  });
}

function attributesOf(input: Input): ResourceAttributes {
  const permission = input.IpPermissions?.[0];
  const ports = permission?.IpProtocol === '-1' ? 'all' : `${permission?.FromPort}-${permission?.ToPort}`;
  return { id: input.GroupId ?? '', name: `${permission?.IpProtocol ?? ''}:${ports}` };
}
