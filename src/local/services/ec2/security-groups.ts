/** Security groups and their rules: create, describe, authorize, revoke, delete. */
import type {
  AuthorizeSecurityGroupEgressCommandInput,
  AuthorizeSecurityGroupIngressCommandInput,
  AuthorizeSecurityGroupIngressCommandOutput,
  CreateSecurityGroupCommandInput,
  CreateSecurityGroupCommandOutput,
  DeleteSecurityGroupCommandInput,
  DescribeSecurityGroupRulesCommandInput,
  DescribeSecurityGroupRulesCommandOutput,
  DescribeSecurityGroupsCommandInput,
  DescribeSecurityGroupsCommandOutput,
  IpPermission,
  RevokeSecurityGroupEgressCommandInput,
  RevokeSecurityGroupIngressCommandInput,
  RevokeSecurityGroupIngressCommandOutput,
  SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { Output, World } from '../../world.js';
import { ec2Error, invalidParameter, missingParameter } from './errors.js';
import { defaultVpc, groupById, groupByIdOrName, groupByName, vpcById } from './lookup.js';
import { applyFilters, byKey, type FilterFields, page, tagsFor, tagsMember } from './query.js';
import { describeRule, permissionsOf, ruleIdentity, ruleIdFor, ruleOutput, rulesOf } from './rules.js';
import { egressToAnywhere, type RuleRecord, type SecurityGroupRecord } from './state.js';

function groupArn(world: World, groupId: string): string {
  return `arn:aws:ec2:${world.region}:${world.accountId}:security-group/${groupId}`;
}

function groupOutput(world: World, group: SecurityGroupRecord): SecurityGroup {
  return {
    GroupId: group.groupId,
    GroupName: group.groupName,
    Description: group.description,
    VpcId: group.vpcId,
    OwnerId: world.accountId,
    SecurityGroupArn: groupArn(world, group.groupId),
    IpPermissions: permissionsOf(
      world,
      group.rules.filter((r) => !r.egress),
    ),
    IpPermissionsEgress: permissionsOf(
      world,
      group.rules.filter((r) => r.egress),
    ),
    ...tagsMember(group.tags),
  };
}

const GROUP_FILTERS: FilterFields<SecurityGroupRecord> = {
  'group-id': (g) => [g.groupId],
  'group-name': (g) => [g.groupName],
  'vpc-id': (g) => [g.vpcId],
  description: (g) => [g.description],
  'owner-id': () => [],
};

/** Another group's rule that names this group (a group's rules about itself do not count). */
function isReferenced(world: World, groupId: string): boolean {
  return Object.values(world.state.ec2.securityGroups).some(
    (other) => other.groupId !== groupId && other.rules.some((rule) => rule.groupId === groupId),
  );
}

/** ECS tasks and load balancers hold groups too. */
function inUseElsewhere(world: World, groupId: string): boolean {
  const { ecs, elbv2 } = world.internal;
  return ecs.usesSecurityGroup(groupId) || elbv2.usesSecurityGroup(groupId);
}

/** The permissions of an Authorize/Revoke call, including the old single-rule form. */
function permissionsIn(input: AuthorizeSecurityGroupIngressCommandInput): IpPermission[] {
  if (input.IpPermissions !== undefined) return input.IpPermissions;
  if (input.CidrIp === undefined && input.IpProtocol === undefined) return [];
  return [
    {
      IpProtocol: input.IpProtocol,
      FromPort: input.FromPort,
      ToPort: input.ToPort,
      IpRanges: input.CidrIp === undefined ? [] : [{ CidrIp: input.CidrIp }],
    },
  ];
}

function authorize(
  world: World,
  input: AuthorizeSecurityGroupIngressCommandInput,
  egress: boolean,
): Output<AuthorizeSecurityGroupIngressCommandOutput> {
  const group = groupByIdOrName(world, input);
  const permissions = permissionsIn(input);
  if (permissions.length === 0) throw missingParameter('ipPermissions');
  const wanted = rulesOf(world, group, egress, permissions);
  const taken = new Set(group.rules.map(ruleIdentity));
  for (const rule of wanted) {
    const identity = ruleIdentity(rule);
    if (taken.has(identity)) {
      throw ec2Error(
        'InvalidPermission.Duplicate',
        `the specified rule "${describeRule(rule)}" already exists`,
      );
    }
    taken.add(identity);
  }
  const added: RuleRecord[] = wanted.map((rule) => ({
    ruleId: ruleIdFor(world, group.groupId, ruleIdentity(rule)),
    ...rule,
  }));
  group.rules.push(...added);
  return { Return: true, SecurityGroupRules: added.map((rule) => ruleOutput(world, group.groupId, rule)) };
}

function revoke(
  world: World,
  input: RevokeSecurityGroupIngressCommandInput,
  egress: boolean,
): Output<RevokeSecurityGroupIngressCommandOutput> {
  const group = groupByIdOrName(world, input);
  const gone = new Set<string>();
  for (const ruleId of input.SecurityGroupRuleIds ?? []) {
    const rule = group.rules.find((r) => r.ruleId === ruleId && r.egress === egress);
    if (rule === undefined) {
      throw ec2Error(
        'InvalidSecurityGroupRuleId.NotFound',
        `The security group rule ID '${ruleId}' does not exist`,
      );
    }
    gone.add(rule.ruleId);
  }
  const permissions = permissionsIn(input);
  if (permissions.length === 0 && gone.size === 0) throw missingParameter('ipPermissions');
  for (const shape of rulesOf(world, group, egress, permissions)) {
    const rule = group.rules.find((r) => ruleIdentity(r) === ruleIdentity(shape));
    if (rule === undefined) {
      throw ec2Error(
        'InvalidPermission.NotFound',
        'The specified rule does not exist in this security group.',
      );
    }
    gone.add(rule.ruleId);
  }
  group.rules = group.rules.filter((r) => !gone.has(r.ruleId));
  return { Return: true };
}

export const securityGroupOperations = {
  CreateSecurityGroup(
    input: CreateSecurityGroupCommandInput,
    world: World,
  ): Output<CreateSecurityGroupCommandOutput> {
    const name = input.GroupName;
    if (name === undefined || name === '') throw missingParameter('GroupName');
    if (input.Description === undefined || input.Description === '')
      throw missingParameter('GroupDescription');
    if (name.length > 255 || input.Description.length > 255) {
      throw invalidParameter('Group names and descriptions are at most 255 characters.');
    }
    if (/^sg-/i.test(name)) throw invalidParameter('Group names may not be in the format sg-*.');
    const vpc = input.VpcId === undefined ? defaultVpc(world) : vpcById(world, input.VpcId);
    if (vpc === undefined) throw ec2Error('VPCIdNotSpecified', 'No default VPC for this user');
    const taken = Object.values(world.state.ec2.securityGroups).some(
      (g) => g.vpcId === vpc.vpcId && g.groupName === name,
    );
    if (taken) {
      throw ec2Error(
        'InvalidGroup.Duplicate',
        `The security group '${name}' already exists for VPC '${vpc.vpcId}'`,
      );
    }
    const tags = tagsFor(input.TagSpecifications, 'security-group');
    const groupId = world.newId('sg-', `${vpc.vpcId}/sg/${name}`);
    world.state.ec2.securityGroups[groupId] = {
      groupId,
      groupName: name,
      description: input.Description,
      vpcId: vpc.vpcId,
      createdAt: world.now(),
      tags,
      rules: [egressToAnywhere(ruleIdFor(world, groupId, 'default/egress'))],
    };
    return {
      GroupId: groupId,
      SecurityGroupArn: groupArn(world, groupId),
      ...tagsMember(tags),
    };
  },

  DescribeSecurityGroups(
    input: DescribeSecurityGroupsCommandInput,
    world: World,
  ): Output<DescribeSecurityGroupsCommandOutput> {
    const ids = new Set((input.GroupIds ?? []).map((id) => groupById(world, id).groupId));
    for (const name of input.GroupNames ?? []) ids.add(groupByName(world, name).groupId);
    const visible = Object.values(world.state.ec2.securityGroups).filter(
      (g) => world.visible(g.createdAt) && (ids.size === 0 || ids.has(g.groupId)),
    );
    const fields: FilterFields<SecurityGroupRecord> = {
      ...GROUP_FILTERS,
      'owner-id': () => [world.accountId],
    };
    const matching = applyFilters(visible, input.Filters, fields).sort(byKey((g) => g.groupId));
    const { items, NextToken } = page(matching, input.NextToken, input.MaxResults);
    return {
      SecurityGroups: items.map((g) => groupOutput(world, g)),
      ...(NextToken === undefined ? {} : { NextToken }),
    };
  },

  DeleteSecurityGroup(input: DeleteSecurityGroupCommandInput, world: World): object {
    const group = groupByIdOrName(world, input);
    if (group.groupName === 'default') {
      throw ec2Error(
        'CannotDelete',
        `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`,
      );
    }
    if (isReferenced(world, group.groupId) || inUseElsewhere(world, group.groupId)) {
      throw ec2Error('DependencyViolation', `resource ${group.groupId} has a dependent object`);
    }
    delete world.state.ec2.securityGroups[group.groupId];
    return {};
  },

  AuthorizeSecurityGroupIngress(input: AuthorizeSecurityGroupIngressCommandInput, world: World) {
    return authorize(world, input, false);
  },

  AuthorizeSecurityGroupEgress(input: AuthorizeSecurityGroupEgressCommandInput, world: World) {
    if (input.GroupId === undefined) throw missingParameter('groupId');
    return authorize(world, { GroupId: input.GroupId, IpPermissions: input.IpPermissions ?? [] }, true);
  },

  RevokeSecurityGroupIngress(input: RevokeSecurityGroupIngressCommandInput, world: World) {
    return revoke(world, input, false);
  },

  RevokeSecurityGroupEgress(input: RevokeSecurityGroupEgressCommandInput, world: World) {
    if (input.GroupId === undefined) throw missingParameter('groupId');
    return revoke(
      world,
      {
        GroupId: input.GroupId,
        IpPermissions: input.IpPermissions,
        SecurityGroupRuleIds: input.SecurityGroupRuleIds,
      },
      true,
    );
  },

  DescribeSecurityGroupRules(
    input: DescribeSecurityGroupRulesCommandInput,
    world: World,
  ): Output<DescribeSecurityGroupRulesCommandOutput> {
    const all = Object.values(world.state.ec2.securityGroups)
      .filter((g) => world.visible(g.createdAt))
      .flatMap((g) => g.rules.map((rule) => ({ groupId: g.groupId, rule, tags: {} })));
    const ids = input.SecurityGroupRuleIds ?? [];
    for (const id of ids) {
      if (!all.some((entry) => entry.rule.ruleId === id)) {
        throw ec2Error(
          'InvalidSecurityGroupRuleId.NotFound',
          `The security group rule ID '${id}' does not exist`,
        );
      }
    }
    const matching = applyFilters(
      all.filter((entry) => ids.length === 0 || ids.includes(entry.rule.ruleId)),
      input.Filters,
      {
        'group-id': (entry) => [entry.groupId],
        'security-group-rule-id': (entry) => [entry.rule.ruleId],
      },
    ).sort(byKey((entry) => entry.rule.ruleId));
    const { items, NextToken } = page(matching, input.NextToken, input.MaxResults);
    return {
      SecurityGroupRules: items.map((entry) => ruleOutput(world, entry.groupId, entry.rule)),
      ...(NextToken === undefined ? {} : { NextToken }),
    };
  },
};
