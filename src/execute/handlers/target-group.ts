/**
 * Target group, found by name. Health check settings update in place (ModifyTargetGroup);
 * protocol, port, VPC and target type are fixed at creation.
 */
import {
  CreateTargetGroupCommand,
  DeleteTargetGroupCommand,
  DescribeTargetGroupsCommand,
  ModifyTargetGroupCommand,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { differences } from '../compare.js';
import { sendOptions, unlessNotFound } from './common.js';
import { elbv2Tags } from './elbv2-tags.js';
import type { ResourceAttributes, ResourceHandler } from './types.js';

const FIXED = ['Name', 'Protocol', 'ProtocolVersion', 'Port', 'VpcId', 'TargetType', 'IpAddressType'];

export const targetGroupHandler: ResourceHandler<'targetGroup'> = {
  async read(input, ctx) {
    const group = await unlessNotFound(
      async () =>
        (
          await ctx.clients.elbv2.send(
            new DescribeTargetGroupsCommand({ Names: [input.Name ?? ''] }),
            sendOptions(ctx),
          )
        ).TargetGroups?.[0],
      'TargetGroupNotFoundException',
    );
    if (group === undefined) return undefined;
    const { TargetGroupName, TargetGroupArn: _arn, LoadBalancerArns: _balancers, ...settings } = group;
    return {
      attributes: attributesOf(group),
      current: { Name: TargetGroupName, ...settings },
      tags: await elbv2Tags(group.TargetGroupArn, ctx),
    };
  },
  changes(desired, observed) {
    const { Tags: _tags, ...compared } = desired;
    return differences(compared, observed.current);
  },
  // CreateTargetGroup with the same name and settings returns the existing one.
  async create(input, ctx) {
    const { TargetGroups } = await ctx.clients.elbv2.send(
      new CreateTargetGroupCommand(input),
      sendOptions(ctx),
    );
    const group = TargetGroups?.[0];
    if (group === undefined) throw new Error(`CreateTargetGroup ${input.Name} returned nothing`);
    return attributesOf(group);
  },
  async update(input, observed, ctx) {
    const fixed = targetGroupHandler
      .changes(input, observed)
      .filter((path) => FIXED.includes(path.split(/[.[]/)[0] ?? ''));
    if (fixed.length > 0) {
      throw new Error(
        `Target group ${input.Name}: AWS cannot change ${fixed.join(', ')} in place; destroy and apply to replace it.`,
      );
    }
    await ctx.clients.elbv2.send(
      new ModifyTargetGroupCommand({
        TargetGroupArn: observed.attributes.arn,
        HealthCheckEnabled: input.HealthCheckEnabled,
        HealthCheckProtocol: input.HealthCheckProtocol,
        HealthCheckPort: input.HealthCheckPort,
        HealthCheckPath: input.HealthCheckPath,
        HealthCheckIntervalSeconds: input.HealthCheckIntervalSeconds,
        HealthCheckTimeoutSeconds: input.HealthCheckTimeoutSeconds,
        HealthyThresholdCount: input.HealthyThresholdCount,
        UnhealthyThresholdCount: input.UnhealthyThresholdCount,
        Matcher: input.Matcher,
      }),
      sendOptions(ctx),
    );
    return observed.attributes;
  },
  // Refused (ResourceInUse) until its listener's deletion has settled: the executor retries.
  async delete(attributes, _input, ctx) {
    await unlessNotFound(
      () =>
        ctx.clients.elbv2.send(
          new DeleteTargetGroupCommand({ TargetGroupArn: attributes.arn }),
          sendOptions(ctx),
        ),
      'TargetGroupNotFoundException',
    );
  },
};

function attributesOf(group: TargetGroup): ResourceAttributes {
  const arn = group.TargetGroupArn ?? '';
  return { id: arn, arn, name: group.TargetGroupName ?? '' };
}
