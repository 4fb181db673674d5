/**
 * VPC Lattice service network, found by name (unique in the account). Its auth type updates in
 * place (UpdateServiceNetwork); its sharing setting is fixed at creation. AWS refuses the delete
 * while a VPC or a service is associated: the plan deletes those first, and waits for them.
 */
import {
  CreateServiceNetworkCommand,
  DeleteServiceNetworkCommand,
  GetServiceNetworkCommand,
  paginateListServiceNetworks,
  UpdateServiceNetworkCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { sendOptions } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';
import { createOrAdopt, findInPages, fixedFields, latticeTags, unlessGone } from './vpc-lattice-common.js';

type Input = ResourceInputs['latticeServiceNetwork'];

export const latticeServiceNetworkHandler: ResourceHandler<'latticeServiceNetwork'> = {
  async read(input, ctx) {
    const found = await find(input, ctx);
    if (found === undefined) return undefined;
    const network = await unlessGone(
      ctx,
      new GetServiceNetworkCommand({ serviceNetworkIdentifier: found.id }),
    );
    if (network === undefined) return undefined;
    return {
      attributes: attributesOf(network),
      current: { name: network.name, authType: network.authType, sharingConfig: network.sharingConfig },
      tags: await latticeTags(network.arn, ctx),
    };
  },
  changes(desired, observed) {
    return differences(comparable(desired), observed.current);
  },
  create(input, ctx) {
    return createOrAdopt(
      ctx,
      async () =>
        attributesOf(
          await ctx.clients.vpcLattice.send(new CreateServiceNetworkCommand(input), sendOptions(ctx)),
        ),
      () => find(input, ctx),
    );
  },
  async update(input, observed, ctx) {
    const fixed = latticeServiceNetworkHandler
      .changes(input, observed)
      .filter((path) => !path.startsWith('authType'));
    if (fixed.length > 0) throw fixedFields(`Service network ${input.name}`, fixed);
    await ctx.clients.vpcLattice.send(
      new UpdateServiceNetworkCommand({
        serviceNetworkIdentifier: observed.attributes.id,
        authType: input.authType ?? 'NONE',
      }),
      sendOptions(ctx),
    );
    return observed.attributes;
  },
  async delete(attributes, _input, ctx) {
    await unlessGone(ctx, new DeleteServiceNetworkCommand({ serviceNetworkIdentifier: attributes.id }));
  },
};

/** What `changes` compares: the auth type AWS defaults to NONE, the sharing setting when given. */
function comparable(input: Input): object {
  return { name: input.name, authType: input.authType ?? 'NONE', sharingConfig: input.sharingConfig };
}

async function find(input: Input, ctx: HandlerContext): Promise<ResourceAttributes | undefined> {
  const found = await findInPages(
    paginateListServiceNetworks({ client: ctx.clients.vpcLattice }, {}),
    (network) => network.name === input.name,
  );
  return found === undefined ? undefined : attributesOf(found);
}

function attributesOf(network: { id?: string; arn?: string; name?: string }): ResourceAttributes {
  return { id: network.id ?? '', arn: network.arn, name: network.name ?? '' };
}
