/**
 * CloudWatch Logs group, found by exact name. Its class and KMS key are fixed at creation
 * (no update); retention is the executor's separate PutRetentionPolicy call.
 */
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  type LogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import { differences } from '../compare.js';
import { isAwsError, pollUntil, sendOptions, unlessNotFound } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

export const logGroupHandler: ResourceHandler<'logGroup'> = {
  async read(input, ctx) {
    const group = await findLogGroup(input.logGroupName, ctx);
    if (group === undefined) return undefined;
    const { tags } = await ctx.clients.logs.send(
      new ListTagsForResourceCommand({ resourceArn: groupArn(group) }),
      sendOptions(ctx),
    );
    return {
      attributes: attributesOf(group),
      current: {
        logGroupName: group.logGroupName,
        kmsKeyId: group.kmsKeyId,
        logGroupClass: group.logGroupClass,
      },
      tags: { ...tags },
    };
  },
  changes(desired, observed) {
    const { tags: _tags, ...compared } = desired;
    return differences(compared, observed.current);
  },
  async create(input, ctx) {
    try {
      await ctx.clients.logs.send(new CreateLogGroupCommand(input), sendOptions(ctx));
    } catch (error) {
      // No idempotency token: a retried create finds the group it made.
      if (!isAwsError(error, 'ResourceAlreadyExistsException')) throw error;
    }
    // Reads lag behind writes: wait until it is listed, so that create and read agree on its ARN.
    // Polled by hand: CloudWatch Logs has no waiters.
    return attributesOf(
      await pollUntil(ctx, `log group ${input.logGroupName} to be listed`, () =>
        findLogGroup(input.logGroupName, ctx),
      ),
    );
  },
  async delete(_attributes, input, ctx) {
    await unlessNotFound(
      () =>
        ctx.clients.logs.send(
          new DeleteLogGroupCommand({ logGroupName: input.logGroupName }),
          sendOptions(ctx),
        ),
      'ResourceNotFoundException',
    );
  },
};

async function findLogGroup(name: string | undefined, ctx: HandlerContext): Promise<LogGroup | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await ctx.clients.logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken }),
      sendOptions(ctx),
    );
    const found = page.logGroups?.find((group) => group.logGroupName === name);
    if (found !== undefined) return found;
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return undefined;
}

/** The group's ARN without the `:*` that `arn` carries (the form the tag API takes). */
function groupArn(group: LogGroup): string | undefined {
  return group.logGroupArn ?? group.arn?.replace(/:\*$/, '');
}

function attributesOf(group: LogGroup): ResourceAttributes {
  return { id: group.logGroupName ?? '', arn: group.arn, name: group.logGroupName ?? '' };
}
