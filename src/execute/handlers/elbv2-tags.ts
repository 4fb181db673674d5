import { DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { sendOptions, tagRecord } from './common.js';
import type { HandlerContext } from './types.js';

/** Tags of one load balancer, target group or listener. */
export async function elbv2Tags(
  arn: string | undefined,
  ctx: HandlerContext,
): Promise<Record<string, string>> {
  if (arn === undefined) return {};
  const { TagDescriptions } = await ctx.clients.elbv2.send(
    new DescribeTagsCommand({ ResourceArns: [arn] }),
    sendOptions(ctx),
  );
  return tagRecord(TagDescriptions?.[0]?.Tags);
}
