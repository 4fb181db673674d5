/**
 * The auth policy of a service network or a service (`resourceIdentifier`). PutAuthPolicy both
 * creates and replaces it; the policy is compared as data, exactly. It carries no tags: it is this
 * plan's when its service network or service is (its owner). AWS deletes it with its owner.
 */
import {
  DeleteAuthPolicyCommand,
  GetAuthPolicyCommand,
  PutAuthPolicyCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences, parsePolicy } from '../compare.js';
import { sendOptions } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';
import { unlessGone } from './vpc-lattice-common.js';

type Input = ResourceInputs['latticeAuthPolicy'];

export const latticeAuthPolicyHandler: ResourceHandler<'latticeAuthPolicy'> = {
  // Absent when its owner is, or has no policy (AWS may answer either way [U]).
  async read(input, ctx) {
    const output = await unlessGone(
      ctx,
      new GetAuthPolicyCommand({ resourceIdentifier: input.resourceIdentifier }),
    );
    if (output?.policy === undefined || output.policy === '') return undefined;
    return {
      attributes: attributesOf(input),
      current: { resourceIdentifier: input.resourceIdentifier, policy: output.policy },
      tags: {}, // auth policies carry no tags
    };
  },
  changes(desired, observed) {
    const wanted = parsePolicy(desired.policy);
    const current = parsePolicy((observed.current as Input).policy);
    // Both ways: a statement or a condition that is there but not wanted is a change too.
    return differences(wanted, current).length + differences(current, wanted).length > 0 ? ['policy'] : [];
  },
  create: put,
  update: (input, _observed, ctx) => put(input, ctx),
  async delete(_attributes, input, ctx) {
    await unlessGone(ctx, new DeleteAuthPolicyCommand({ resourceIdentifier: input.resourceIdentifier }));
  },
};

async function put(input: Input, ctx: HandlerContext): Promise<ResourceAttributes> {
  await ctx.clients.vpcLattice.send(new PutAuthPolicyCommand(input), sendOptions(ctx));
  return attributesOf(input);
}

function attributesOf(input: Input): ResourceAttributes {
  const id = input.resourceIdentifier ?? '';
  return { id, name: id };
}
