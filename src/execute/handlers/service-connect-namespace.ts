/**
 * ECS answers a Service Connect namespace with its ARN, whether it was given a name or an ARN. A
 * plan that names an existing namespace by name is compared by name: the ARN read back stands for
 * the name of the namespace it designates, so that another namespace is a change to apply.
 */
import { GetNamespaceCommand } from '@aws-sdk/client-servicediscovery';
import { sendOptions, unlessNotFound } from './common.js';
import type { HandlerContext } from './types.js';

/** `observed` as the plan wrote it: the namespace's name when the plan gave a name, else as read. */
export async function namespaceAsPlanned(
  planned: string | undefined,
  observed: string | undefined,
  ctx: HandlerContext,
): Promise<string | undefined> {
  if (planned === undefined || planned.startsWith('arn:') || observed?.startsWith('arn:') !== true)
    return observed;
  return (await namespaceNameOf(observed, ctx)) ?? observed;
}

/** The name of the namespace an ARN designates (`arn:...:namespace/ns-<id>`), or undefined when it is gone. */
export async function namespaceNameOf(arn: string, ctx: HandlerContext): Promise<string | undefined> {
  const id = arn.slice(arn.lastIndexOf('/') + 1);
  const namespace = await unlessNotFound(
    async () =>
      (await ctx.clients.cloudMap.send(new GetNamespaceCommand({ Id: id }), sendOptions(ctx))).Namespace,
    'NamespaceNotFound',
  );
  return namespace?.Name;
}
