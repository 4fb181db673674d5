/**
 * What the VPC Lattice handlers share: its not-found error, tags (a map on every resource's ARN),
 * identifiers (an id or an ARN, as every call accepts), the adoption of a name that exists, and
 * the polls of its asynchronous associations (the SDK has no VPC Lattice waiters).
 */
import {
  type $Command,
  ListTagsForResourceCommand,
  type RuleAction,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type VPCLatticeClientResolvedConfig,
} from '@aws-sdk/client-vpc-lattice';
import { isAwsError, pollUntil, sendOptions, unlessNotFound } from './common.js';
import type { HandlerContext, ResourceAttributes } from './types.js';

export const NOT_FOUND = 'ResourceNotFoundException';

/** The tags of a resource by its ARN; {} when it is gone in between. */
export async function latticeTags(
  arn: string | undefined,
  ctx: HandlerContext,
): Promise<Record<string, string>> {
  if (arn === undefined) return {};
  const output = await unlessNotFound(
    () => ctx.clients.vpcLattice.send(new ListTagsForResourceCommand({ resourceArn: arn }), sendOptions(ctx)),
    NOT_FOUND,
  );
  return { ...(output?.tags ?? {}) };
}

/** The id an identifier names: itself, or the last part of its ARN (`.../targetgroup/tg-0123...`). */
export function latticeId(identifier: string | undefined): string | undefined {
  return identifier?.slice(identifier.lastIndexOf('/') + 1);
}

/** The first item of any page that `matches`: names are unique where these lists are read. */
export async function findInPages<T>(
  pages: AsyncIterable<{ items?: T[] | undefined }>,
  matches: (item: T) => boolean,
): Promise<T | undefined> {
  for await (const page of pages) {
    const found = page.items?.find(matches);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Sends a create; when AWS answers ConflictException (the name or the pair is taken), finds what
 * holds it and answers with that: the executor's read after the create tells by the run tag whether
 * it is this run's. A conflict with something else (a rule's priority, a VPC in another service
 * network, a client token reused with other parameters) finds nothing and is thrown as it is. Reads
 * may lag the write that took the name: `find` is tried for the consistency window.
 */
export async function createOrAdopt(
  ctx: HandlerContext,
  create: () => Promise<ResourceAttributes>,
  find: () => Promise<ResourceAttributes | undefined>,
): Promise<ResourceAttributes> {
  try {
    return await create();
  } catch (error) {
    if (!isAwsError(error, 'ConflictException')) throw error;
    const deadline = Date.now() + (ctx.consistencyWindowMs ?? 0);
    for (;;) {
      const found = await find();
      if (found !== undefined) return found;
      if (Date.now() >= deadline) throw error;
      await ctx.sleep(Math.max(1, ctx.pollIntervalMs));
    }
  }
}

/**
 * Polls an association until ACTIVE; CREATE_FAILED ends the wait with AWS's reason. Right after its
 * create, reads may not find it yet: absent counts as gone only after the consistency window.
 */
export async function untilAssociationActive(
  ctx: HandlerContext,
  what: string,
  get: () => Promise<{ status?: string; failureMessage?: string } | undefined>,
): Promise<void> {
  const visibleBy = Date.now() + (ctx.consistencyWindowMs ?? 0);
  await pollUntil(ctx, `${what} to be active`, async () => {
    const association = await get();
    if (association === undefined && Date.now() < visibleBy) return undefined;
    if (association === undefined) throw new Error(`${what} is gone while it was being created`);
    if (association.status === 'CREATE_FAILED')
      throw new Error(`${what} failed to be created: ${association.failureMessage ?? 'no reason given'}`);
    return association.status === 'ACTIVE' ? true : undefined;
  });
}

/** Polls a resource whose delete is asynchronous until it reads as gone (DELETE_FAILED ends the wait). */
export async function untilGone(
  ctx: HandlerContext,
  what: string,
  get: () => Promise<{ status?: string; failureMessage?: string } | undefined>,
): Promise<void> {
  await pollUntil(ctx, `${what} to be deleted`, async () => {
    const found = await get();
    if (found?.status === 'DELETE_FAILED')
      throw new Error(`${what} failed to be deleted: ${found.failureMessage ?? 'no reason given'}`);
    return found === undefined ? true : undefined;
  });
}

export function sorted(values: readonly string[] | undefined): string[] | undefined {
  return values === undefined ? undefined : [...values].sort();
}

/** An error for fields AWS fixes at creation. */
export function fixedFields(what: string, fields: readonly string[]): Error {
  return new Error(
    `${what}: AWS cannot change ${fields.join(', ')} in place; destroy and apply to replace it.`,
  );
}

/**
 * A listener's default action or a rule's action as `changes` compares it: target groups by id,
 * whether the plan names them by id or by ARN.
 */
export function comparableAction(action: RuleAction | undefined): RuleAction | undefined {
  if (action?.forward?.targetGroups === undefined) return action;
  return {
    forward: {
      targetGroups: action.forward.targetGroups.map((group) => ({
        ...group,
        targetGroupIdentifier: latticeId(group.targetGroupIdentifier) as string,
      })),
    },
  };
}

/**
 * Sends a VPC Lattice call; undefined when what it names is gone (ResourceNotFoundException): a
 * read of something deleted, or a delete of something already deleted.
 */
export function unlessGone<Input extends ServiceInputTypes, Output extends ServiceOutputTypes>(
  ctx: HandlerContext,
  command: $Command<Input, Output, VPCLatticeClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes>,
): Promise<Output | undefined> {
  return unlessNotFound(() => ctx.clients.vpcLattice.send(command, sendOptions(ctx)), NOT_FOUND);
}
