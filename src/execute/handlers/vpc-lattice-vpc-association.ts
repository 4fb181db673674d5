/**
 * The association of a VPC with a service network, found by the pair (a VPC joins one service
 * network). AWS creates and deletes it asynchronously: `wait` polls until ACTIVE, `waitDeleted`
 * until it is gone (the service network's delete is refused until then). Its security groups update
 * in place (UpdateServiceNetworkVpcAssociation, 1-5 groups); the rest is fixed at creation.
 */
import {
  CreateServiceNetworkVpcAssociationCommand,
  DeleteServiceNetworkVpcAssociationCommand,
  GetServiceNetworkVpcAssociationCommand,
  paginateListServiceNetworkVpcAssociations,
  UpdateServiceNetworkVpcAssociationCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { isAwsError, sendOptions } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';
import {
  createOrAdopt,
  findInPages,
  fixedFields,
  latticeTags,
  NOT_FOUND,
  sorted,
  unlessGone,
  untilAssociationActive,
  untilGone,
} from './vpc-lattice-common.js';

type Input = ResourceInputs['latticeVpcAssociation'];

export const latticeVpcAssociationHandler: ResourceHandler<'latticeVpcAssociation'> = {
  async read(input, ctx) {
    const found = await find(input, ctx);
    const association = found === undefined ? undefined : await get(found.id, ctx);
    if (association === undefined) return undefined;
    return {
      attributes: attributesOf(association),
      current: {
        serviceNetworkIdentifier: input.serviceNetworkIdentifier,
        vpcIdentifier: association.vpcId,
        securityGroupIds: sorted(association.securityGroupIds ?? []),
        privateDnsEnabled: association.privateDnsEnabled,
        dnsOptions: association.dnsOptions,
      },
      tags: await latticeTags(association.arn, ctx),
    };
  },
  changes(desired, observed) {
    return differences(comparable(desired), observed.current);
  },
  create(input, ctx) {
    return createOrAdopt(
      ctx,
      async () => {
        const created = await ctx.clients.vpcLattice.send(
          new CreateServiceNetworkVpcAssociationCommand(input),
          sendOptions(ctx),
        );
        return { id: created.id ?? '', arn: created.arn, name: input.vpcIdentifier ?? '' };
      },
      () => find(input, ctx),
    );
  },
  async update(input, observed, ctx) {
    const changed = latticeVpcAssociationHandler.changes(input, observed);
    const fixed = changed.filter((path) => !path.startsWith('securityGroupIds'));
    if (fixed.length > 0 || (input.securityGroupIds ?? []).length === 0)
      throw fixedFields(`VPC association of ${input.vpcIdentifier}`, changed);
    await ctx.clients.vpcLattice.send(
      new UpdateServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: observed.attributes.id,
        securityGroupIds: input.securityGroupIds,
      }),
      sendOptions(ctx),
    );
    return observed.attributes;
  },
  async delete(attributes, _input, ctx) {
    await unlessGone(
      ctx,
      new DeleteServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: attributes.id,
      }),
    );
  },
  wait(attributes, ctx) {
    return untilAssociationActive(ctx, `VPC association ${attributes.id}`, () => get(attributes.id, ctx));
  },
  waitDeleted(attributes, ctx) {
    return untilGone(ctx, `VPC association ${attributes.id}`, () => get(attributes.id, ctx));
  },
};

function comparable(input: Input): object {
  return {
    vpcIdentifier: input.vpcIdentifier,
    securityGroupIds: sorted(input.securityGroupIds),
    privateDnsEnabled: input.privateDnsEnabled,
    dnsOptions: input.dnsOptions,
  };
}

/** The association of this VPC with this service network, unless it is on its way out. */
async function find(input: Input, ctx: HandlerContext): Promise<ResourceAttributes | undefined> {
  try {
    const found = await findInPages(
      paginateListServiceNetworkVpcAssociations(
        { client: ctx.clients.vpcLattice },
        { serviceNetworkIdentifier: input.serviceNetworkIdentifier, vpcIdentifier: input.vpcIdentifier },
      ),
      (a) => a.vpcId === input.vpcIdentifier && a.status !== 'DELETE_IN_PROGRESS',
    );
    return found === undefined ? undefined : attributesOf(found);
  } catch (error) {
    // The service network itself is gone.
    if (isAwsError(error, NOT_FOUND)) return undefined;
    throw error;
  }
}

function get(id: string, ctx: HandlerContext) {
  return unlessGone(
    ctx,
    new GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: id }),
  );
}

function attributesOf(association: { id?: string; arn?: string; vpcId?: string }): ResourceAttributes {
  return { id: association.id ?? '', arn: association.arn, name: association.vpcId ?? '' };
}
