/**
 * VPC Lattice target group, found by name (unique in the account). Its health check updates in
 * place (UpdateTargetGroup); its type, port, protocol, VPC and address type are fixed at creation.
 * The plan registers no targets: ECS registers its tasks' IPs (the services' vpcLatticeConfigurations)
 * and deregisters them as the tasks stop, so the delete waits for that and never deregisters any.
 */
import {
  CreateTargetGroupCommand,
  DeleteTargetGroupCommand,
  GetTargetGroupCommand,
  ListTargetsCommand,
  paginateListTargetGroups,
  UpdateTargetGroupCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { isAwsError, pollUntil, sendOptions } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';
import { createOrAdopt, findInPages, fixedFields, latticeTags, unlessGone } from './vpc-lattice-common.js';

type Input = ResourceInputs['latticeTargetGroup'];

export const latticeTargetGroupHandler: ResourceHandler<'latticeTargetGroup'> = {
  async read(input, ctx) {
    const found = await find(input, ctx);
    const group =
      found === undefined
        ? undefined
        : await unlessGone(ctx, new GetTargetGroupCommand({ targetGroupIdentifier: found.id }));
    if (group === undefined) return undefined;
    return {
      attributes: attributesOf(group),
      current: { name: group.name, type: group.type, config: group.config },
      tags: await latticeTags(group.arn, ctx),
    };
  },
  changes(desired, observed) {
    return differences({ name: desired.name, type: desired.type, config: desired.config }, observed.current);
  },
  create(input, ctx) {
    return createOrAdopt(
      ctx,
      async () =>
        attributesOf(
          await ctx.clients.vpcLattice.send(new CreateTargetGroupCommand(input), sendOptions(ctx)),
        ),
      () => find(input, ctx),
    );
  },
  async update(input, observed, ctx) {
    const fixed = latticeTargetGroupHandler
      .changes(input, observed)
      .filter((path) => !path.startsWith('config.healthCheck'));
    if (fixed.length > 0 || input.config?.healthCheck === undefined)
      throw fixedFields(`Target group ${input.name}`, latticeTargetGroupHandler.changes(input, observed));
    await ctx.clients.vpcLattice.send(
      new UpdateTargetGroupCommand({
        targetGroupIdentifier: observed.attributes.id,
        healthCheck: input.config.healthCheck,
      }),
      sendOptions(ctx),
    );
    return observed.attributes;
  },
  /**
   * Refused (ConflictException) while a listener or a rule forwards to it (those go first) or
   * targets are registered: then it waits until ECS has deregistered them, and deletes again.
   */
  async delete(attributes, input, ctx) {
    const send = () =>
      unlessGone(ctx, new DeleteTargetGroupCommand({ targetGroupIdentifier: attributes.id }));
    try {
      await send();
    } catch (error) {
      if (!isAwsError(error, 'ConflictException') || (await targetCount(attributes.id, ctx)) === 0)
        throw error;
      await pollUntil(ctx, `the targets of target group ${input.name} to be deregistered`, async () =>
        (await targetCount(attributes.id, ctx)) === 0 ? true : undefined,
      );
      await send();
    }
  },
};

async function targetCount(id: string, ctx: HandlerContext): Promise<number> {
  const output = await unlessGone(ctx, new ListTargetsCommand({ targetGroupIdentifier: id }));
  return output?.items?.length ?? 0;
}

async function find(input: Input, ctx: HandlerContext): Promise<ResourceAttributes | undefined> {
  const found = await findInPages(
    paginateListTargetGroups({ client: ctx.clients.vpcLattice }, {}),
    (group) => group.name === input.name,
  );
  return found === undefined ? undefined : attributesOf(found);
}

function attributesOf(group: { id?: string; arn?: string; name?: string }): ResourceAttributes {
  return { id: group.id ?? '', arn: group.arn, name: group.name ?? '' };
}
