/** An inline role policy: PutRolePolicy both creates and replaces it; the document is compared as data. */
import { DeleteRolePolicyCommand, GetRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences, parsePolicy, policyText } from '../compare.js';
import { sendOptions, unlessNotFound } from './common.js';
import { NO_SUCH_ENTITY } from './iam-role.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

type Input = ResourceInputs['iamRolePolicy'];

export const iamRolePolicyHandler: ResourceHandler<'iamRolePolicy'> = {
  async read(input, ctx) {
    const output = await unlessNotFound(
      () =>
        ctx.clients.iam.send(
          new GetRolePolicyCommand({ RoleName: input.RoleName, PolicyName: input.PolicyName }),
          sendOptions(ctx),
        ),
      ...NO_SUCH_ENTITY,
    );
    if (output === undefined) return undefined;
    return {
      attributes: attributesOf(input),
      current: {
        RoleName: output.RoleName,
        PolicyName: output.PolicyName,
        // Text, as in the input (a restore sends it back); `changes` compares it parsed.
        PolicyDocument: policyText(output.PolicyDocument),
      },
      tags: {}, // inline policies carry no tags
    };
  },
  changes(desired, observed) {
    const current = observed.current as { PolicyDocument?: string };
    return differences(
      { ...desired, PolicyDocument: parsePolicy(desired.PolicyDocument) },
      { ...current, PolicyDocument: parsePolicy(current.PolicyDocument) },
    );
  },
  create: put,
  update: (input, _observed, ctx) => put(input, ctx),
  async delete(_attributes, input, ctx) {
    await unlessNotFound(
      () =>
        ctx.clients.iam.send(
          new DeleteRolePolicyCommand({ RoleName: input.RoleName, PolicyName: input.PolicyName }),
          sendOptions(ctx),
        ),
      ...NO_SUCH_ENTITY,
    );
  },
};

async function put(input: Input, ctx: HandlerContext): Promise<ResourceAttributes> {
  await ctx.clients.iam.send(new PutRolePolicyCommand(input), sendOptions(ctx));
  return attributesOf(input);
}

function attributesOf(input: Input): ResourceAttributes {
  return { id: `${input.RoleName}/${input.PolicyName}`, name: input.PolicyName ?? '' };
}
