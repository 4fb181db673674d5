/**
 * The association of a service with a service network, found by the pair. It has nothing to
 * update: the pair is what it is. AWS creates and deletes it asynchronously: `wait` polls until
 * ACTIVE, `waitDeleted` until it is gone (the service's delete is refused until then).
 */
import {
  CreateServiceNetworkServiceAssociationCommand,
  DeleteServiceNetworkServiceAssociationCommand,
  GetServiceNetworkServiceAssociationCommand,
  paginateListServiceNetworkServiceAssociations,
} from '@aws-sdk/client-vpc-lattice';
import type { ResourceInputs } from '../../plan/resource.js';
import { isAwsError, sendOptions } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';
import {
  createOrAdopt,
  findInPages,
  latticeId,
  latticeTags,
  NOT_FOUND,
  unlessGone,
  untilAssociationActive,
  untilGone,
} from './vpc-lattice-common.js';

type Input = ResourceInputs['latticeServiceAssociation'];

export const latticeServiceAssociationHandler: ResourceHandler<'latticeServiceAssociation'> = {
  async read(input, ctx) {
    const found = await find(input, ctx);
    if (found === undefined) return undefined;
    return {
      attributes: found,
      current: {
        serviceIdentifier: input.serviceIdentifier,
        serviceNetworkIdentifier: input.serviceNetworkIdentifier,
      },
      tags: await latticeTags(found.arn, ctx),
    };
  },
  // Found by the pair, which is all there is to it.
  changes: () => [],
  create(input, ctx) {
    return createOrAdopt(
      ctx,
      async () => {
        const created = await ctx.clients.vpcLattice.send(
          new CreateServiceNetworkServiceAssociationCommand(input),
          sendOptions(ctx),
        );
        return { id: created.id ?? '', arn: created.arn, name: created.id ?? '' };
      },
      () => find(input, ctx),
    );
  },
  async delete(attributes, _input, ctx) {
    await unlessGone(
      ctx,
      new DeleteServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: attributes.id,
      }),
    );
  },
  wait(attributes, ctx) {
    return untilAssociationActive(ctx, `service association ${attributes.id}`, () => get(attributes.id, ctx));
  },
  waitDeleted(attributes, ctx) {
    return untilGone(ctx, `service association ${attributes.id}`, () => get(attributes.id, ctx));
  },
};

/** The association of this service with this service network, unless it is on its way out. */
async function find(input: Input, ctx: HandlerContext): Promise<ResourceAttributes | undefined> {
  const serviceId = latticeId(input.serviceIdentifier);
  try {
    const found = await findInPages(
      paginateListServiceNetworkServiceAssociations(
        { client: ctx.clients.vpcLattice },
        {
          serviceNetworkIdentifier: input.serviceNetworkIdentifier,
          serviceIdentifier: input.serviceIdentifier,
        },
      ),
      (a) => a.serviceId === serviceId && a.status !== 'DELETE_IN_PROGRESS',
    );
    return found?.id === undefined ? undefined : { id: found.id, arn: found.arn, name: found.id };
  } catch (error) {
    // The service network or the service itself is gone.
    if (isAwsError(error, NOT_FOUND)) return undefined;
    throw error;
  }
}

function get(id: string, ctx: HandlerContext) {
  return unlessGone(
    ctx,
    new GetServiceNetworkServiceAssociationCommand({ serviceNetworkServiceAssociationIdentifier: id }),
  );
}
