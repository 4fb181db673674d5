/**
 * A managed policy attached to a role. Its whole input is its identity, so there is nothing to
 * update: it is attached or not.
 */
import {
  AttachRolePolicyCommand,
  DetachRolePolicyCommand,
  paginateListAttachedRolePolicies,
} from '@aws-sdk/client-iam';
import { managedPolicyName } from '../../plan/names.js';
import type { ResourceInputs } from '../../plan/resource.js';
import { isAwsError, sendOptions, unlessNotFound } from './common.js';
import { NO_SUCH_ENTITY } from './iam-role.js';
import type { ResourceAttributes, ResourceHandler } from './types.js';

type Input = ResourceInputs['iamRolePolicyAttachment'];

export const iamRolePolicyAttachmentHandler: ResourceHandler<'iamRolePolicyAttachment'> = {
  async read(input, ctx) {
    try {
      const pages = paginateListAttachedRolePolicies(
        { client: ctx.clients.iam },
        { RoleName: input.RoleName },
      );
      for await (const page of pages) {
        if (page.AttachedPolicies?.some((policy) => policy.PolicyArn === input.PolicyArn)) {
          return { attributes: attributesOf(input), current: { ...input }, tags: {} };
        }
      }
    } catch (error) {
      if (!isAwsError(error, ...NO_SUCH_ENTITY)) throw error;
    }
    return undefined;
  },
  changes: () => [],
  async create(input, ctx) {
    await ctx.clients.iam.send(new AttachRolePolicyCommand(input), sendOptions(ctx));
    return attributesOf(input);
  },
  async delete(_attributes, input, ctx) {
    await unlessNotFound(
      () =>
        ctx.clients.iam.send(
          new DetachRolePolicyCommand({ RoleName: input.RoleName, PolicyArn: input.PolicyArn }),
          sendOptions(ctx),
        ),
      ...NO_SUCH_ENTITY,
    );
  },
};

function attributesOf(input: Input): ResourceAttributes {
  const policyArn = input.PolicyArn ?? '';
  return {
    id: `${input.RoleName}/${policyArn}`,
    arn: policyArn,
    name: managedPolicyName(policyArn),
  };
}
