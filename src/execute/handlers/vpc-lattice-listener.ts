/**
 * VPC Lattice listener, found by name in its service (unique there). Its default action updates in
 * place (UpdateListener); its protocol and port are fixed at creation. AWS refuses its delete while
 * it has rules [U]: the plan deletes those first.
 */
import {
  CreateListenerCommand,
  DeleteListenerCommand,
  GetListenerCommand,
  paginateListListeners,
  UpdateListenerCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { isAwsError, sendOptions } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';
import {
  comparableAction,
  createOrAdopt,
  findInPages,
  fixedFields,
  latticeTags,
  NOT_FOUND,
  unlessGone,
} from './vpc-lattice-common.js';

type Input = ResourceInputs['latticeListener'];

export const latticeListenerHandler: ResourceHandler<'latticeListener'> = {
  async read(input, ctx) {
    const found = await find(input, ctx);
    const listener =
      found === undefined
        ? undefined
        : await unlessGone(
            ctx,
            new GetListenerCommand({
              serviceIdentifier: input.serviceIdentifier,
              listenerIdentifier: found.id,
            }),
          );
    if (listener === undefined) return undefined;
    return {
      attributes: attributesOf(listener),
      current: {
        serviceIdentifier: input.serviceIdentifier,
        name: listener.name,
        protocol: listener.protocol,
        port: listener.port,
        defaultAction: listener.defaultAction,
      },
      tags: await latticeTags(listener.arn, ctx),
    };
  },
  changes(desired, observed) {
    const current = observed.current as Input;
    return differences(
      {
        name: desired.name,
        protocol: desired.protocol,
        port: desired.port,
        defaultAction: comparableAction(desired.defaultAction),
      },
      { ...current, defaultAction: comparableAction(current.defaultAction) },
    );
  },
  create(input, ctx) {
    return createOrAdopt(
      ctx,
      async () =>
        attributesOf(await ctx.clients.vpcLattice.send(new CreateListenerCommand(input), sendOptions(ctx))),
      () => find(input, ctx),
    );
  },
  async update(input, observed, ctx) {
    const fixed = latticeListenerHandler
      .changes(input, observed)
      .filter((path) => !path.startsWith('defaultAction'));
    if (fixed.length > 0) throw fixedFields(`Listener ${input.name}`, fixed);
    await ctx.clients.vpcLattice.send(
      new UpdateListenerCommand({
        serviceIdentifier: input.serviceIdentifier,
        listenerIdentifier: observed.attributes.id,
        defaultAction: input.defaultAction,
      }),
      sendOptions(ctx),
    );
    return observed.attributes;
  },
  async delete(attributes, input, ctx) {
    await unlessGone(
      ctx,
      new DeleteListenerCommand({
        serviceIdentifier: input.serviceIdentifier,
        listenerIdentifier: attributes.id,
      }),
    );
  },
};

async function find(input: Input, ctx: HandlerContext): Promise<ResourceAttributes | undefined> {
  try {
    const found = await findInPages(
      paginateListListeners(
        { client: ctx.clients.vpcLattice },
        { serviceIdentifier: input.serviceIdentifier },
      ),
      (listener) => listener.name === input.name,
    );
    return found === undefined ? undefined : attributesOf(found);
  } catch (error) {
    // Its service is gone, and its listeners with it.
    if (isAwsError(error, NOT_FOUND)) return undefined;
    throw error;
  }
}

function attributesOf(listener: { id?: string; arn?: string; name?: string }): ResourceAttributes {
  return { id: listener.id ?? '', arn: listener.arn, name: listener.name ?? '' };
}
