/**
 * Security group, found by name in its VPC. Name and description are fixed at creation, so
 * there is no update; its rules are the securityGroupIngress resources.
 */
import {
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  type Filter,
  type SecurityGroup,
  waitUntilSecurityGroupExists,
} from '@aws-sdk/client-ec2';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { isAwsError, sendOptions, tagRecord, unlessNotFound, untilWaited } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

type Input = ResourceInputs['securityGroup'];

export const securityGroupHandler: ResourceHandler<'securityGroup'> = {
  async read(input, ctx) {
    const group = await findGroup(input, ctx);
    if (group === undefined) return undefined;
    return {
      attributes: attributesOf(group),
      current: { GroupName: group.GroupName, Description: group.Description, VpcId: group.VpcId },
      tags: tagRecord(group.Tags),
    };
  },
  changes(desired, observed) {
    return differences(
      { GroupName: desired.GroupName, Description: desired.Description, VpcId: desired.VpcId },
      observed.current,
    );
  },
  async create(input, ctx) {
    try {
      const output = await ctx.clients.ec2.send(new CreateSecurityGroupCommand(input), sendOptions(ctx));
      return { id: output.GroupId ?? '', arn: output.SecurityGroupArn, name: input.GroupName ?? '' };
    } catch (error) {
      // EC2 takes no idempotency token here: a retried create finds the group it made.
      if (!isAwsError(error, 'InvalidGroup.Duplicate')) throw error;
      const { final } = await untilWaited(
        ctx,
        `security group ${input.GroupName} to be readable`,
        (settings) =>
          waitUntilSecurityGroupExists(
            { client: ctx.clients.ec2, ...settings },
            { Filters: groupFilters(input) },
          ),
      );
      const group = final?.SecurityGroups?.find((found) => found.GroupName === input.GroupName);
      if (group === undefined) throw new Error(`Security group ${input.GroupName} is not listed by its name`);
      return attributesOf(group);
    }
  },
  // Refused (DependencyViolation) while ENIs or other groups' rules still use it: the executor retries.
  async delete(attributes, _input, ctx) {
    await unlessNotFound(
      () =>
        ctx.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: attributes.id }), sendOptions(ctx)),
      'InvalidGroup.NotFound',
    );
  },
};

async function findGroup(input: Input, ctx: HandlerContext): Promise<SecurityGroup | undefined> {
  const { SecurityGroups } = await ctx.clients.ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: groupFilters(input) }),
    sendOptions(ctx),
  );
  return SecurityGroups?.find((group) => group.GroupName === input.GroupName);
}

function groupFilters(input: Input): Filter[] {
  const filters = [{ Name: 'group-name', Values: [input.GroupName ?? ''] }];
  if (input.VpcId !== undefined) filters.push({ Name: 'vpc-id', Values: [input.VpcId] });
  return filters;
}

function attributesOf(group: SecurityGroup): ResourceAttributes {
  return { id: group.GroupId ?? '', arn: group.SecurityGroupArn, name: group.GroupName ?? '' };
}
