/**
 * VPC Lattice service, found by name (unique in the account). Its auth type, certificate and idle
 * timeout update in place (UpdateService); its custom domain name is fixed at creation. AWS refuses
 * the delete while the service is associated with a service network (the plan deletes that
 * association first), and deletes its listeners, rules and auth policy with it.
 */
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  GetServiceCommand,
  paginateListServices,
  UpdateServiceCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { sendOptions } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';
import {
  createOrAdopt,
  findInPages,
  fixedFields,
  latticeTags,
  unlessGone,
  untilGone,
} from './vpc-lattice-common.js';

type Input = ResourceInputs['latticeService'];
const UPDATABLE = ['authType', 'certificateArn', 'idleTimeoutSeconds'];

export const latticeServiceHandler: ResourceHandler<'latticeService'> = {
  async read(input, ctx) {
    const found = await find(input, ctx);
    const service = found === undefined ? undefined : await get(found.id, ctx);
    if (service === undefined) return undefined;
    return {
      attributes: attributesOf(service),
      current: {
        name: service.name,
        authType: service.authType,
        customDomainName: service.customDomainName,
        certificateArn: service.certificateArn,
        idleTimeoutSeconds: service.idleTimeoutSeconds,
      },
      tags: await latticeTags(service.arn, ctx),
    };
  },
  changes(desired, observed) {
    return differences(comparable(desired), observed.current);
  },
  create(input, ctx) {
    return createOrAdopt(
      ctx,
      async () =>
        attributesOf(await ctx.clients.vpcLattice.send(new CreateServiceCommand(input), sendOptions(ctx))),
      () => find(input, ctx),
    );
  },
  async update(input, observed, ctx) {
    const fixed = latticeServiceHandler
      .changes(input, observed)
      .filter((path) => !UPDATABLE.includes(path.split('.')[0] ?? ''));
    if (fixed.length > 0) throw fixedFields(`Service ${input.name}`, fixed);
    await ctx.clients.vpcLattice.send(
      new UpdateServiceCommand({
        serviceIdentifier: observed.attributes.id,
        authType: input.authType ?? 'NONE',
        certificateArn: input.certificateArn,
        idleTimeoutSeconds: input.idleTimeoutSeconds,
      }),
      sendOptions(ctx),
    );
    return observed.attributes;
  },
  async delete(attributes, _input, ctx) {
    await unlessGone(ctx, new DeleteServiceCommand({ serviceIdentifier: attributes.id }));
  },
  // DeleteService answers DELETE_IN_PROGRESS.
  waitDeleted(attributes, ctx) {
    return untilGone(ctx, `service ${attributes.name}`, () => get(attributes.id, ctx));
  },
};

/** What `changes` compares: the auth type AWS defaults to NONE, the rest when given. */
function comparable(input: Input): object {
  return {
    name: input.name,
    authType: input.authType ?? 'NONE',
    customDomainName: input.customDomainName,
    certificateArn: input.certificateArn,
    idleTimeoutSeconds: input.idleTimeoutSeconds,
  };
}

async function find(input: Input, ctx: HandlerContext): Promise<ResourceAttributes | undefined> {
  const found = await findInPages(
    paginateListServices({ client: ctx.clients.vpcLattice }, {}),
    (service) => service.name === input.name,
  );
  return found === undefined ? undefined : attributesOf(found);
}

function get(id: string, ctx: HandlerContext) {
  return unlessGone(ctx, new GetServiceCommand({ serviceIdentifier: id }));
}

function attributesOf(service: { id?: string; arn?: string; name?: string }): ResourceAttributes {
  return { id: service.id ?? '', arn: service.arn, name: service.name ?? '' };
}
