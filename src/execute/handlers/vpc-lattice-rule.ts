/**
 * VPC Lattice listener rule, found by name in its listener (unique there). Its match, priority and
 * action update in place (UpdateRule): a weight change is one UpdateRule. Priorities are unique in a
 * listener, so a rule cannot take a priority another rule still holds (ConflictException).
 */
import {
  CreateRuleCommand,
  DeleteRuleCommand,
  GetRuleCommand,
  type HttpMatch,
  paginateListRules,
  UpdateRuleCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { isAwsError, sendOptions } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';
import {
  comparableAction,
  createOrAdopt,
  findInPages,
  latticeTags,
  NOT_FOUND,
  unlessGone,
} from './vpc-lattice-common.js';

type Input = ResourceInputs['latticeRule'];

export const latticeRuleHandler: ResourceHandler<'latticeRule'> = {
  async read(input, ctx) {
    const found = await find(input, ctx);
    const rule =
      found === undefined
        ? undefined
        : await unlessGone(
            ctx,
            new GetRuleCommand({
              serviceIdentifier: input.serviceIdentifier,
              listenerIdentifier: input.listenerIdentifier,
              ruleIdentifier: found.id,
            }),
          );
    if (rule === undefined) return undefined;
    return {
      attributes: attributesOf(rule),
      current: {
        serviceIdentifier: input.serviceIdentifier,
        listenerIdentifier: input.listenerIdentifier,
        name: rule.name,
        priority: rule.priority,
        match: rule.match,
        action: rule.action,
      },
      tags: await latticeTags(rule.arn, ctx),
    };
  },
  changes(desired, observed) {
    const current = observed.current as Input;
    return [
      ...differences(
        { name: desired.name, priority: desired.priority, action: comparableAction(desired.action) },
        { ...current, action: comparableAction(current.action) },
      ),
      ...matchChanges(desired.match?.httpMatch, current.match?.httpMatch),
    ];
  },
  create(input, ctx) {
    return createOrAdopt(
      ctx,
      async () =>
        attributesOf(await ctx.clients.vpcLattice.send(new CreateRuleCommand(input), sendOptions(ctx))),
      () => find(input, ctx),
    );
  },
  async update(input, observed, ctx) {
    await ctx.clients.vpcLattice.send(
      new UpdateRuleCommand({
        serviceIdentifier: input.serviceIdentifier,
        listenerIdentifier: input.listenerIdentifier,
        ruleIdentifier: observed.attributes.id,
        match: input.match,
        priority: input.priority,
        action: input.action,
      }),
      sendOptions(ctx),
    );
    return observed.attributes;
  },
  async delete(attributes, input, ctx) {
    await unlessGone(
      ctx,
      new DeleteRuleCommand({
        serviceIdentifier: input.serviceIdentifier,
        listenerIdentifier: input.listenerIdentifier,
        ruleIdentifier: attributes.id,
      }),
    );
  },
};

/**
 * Paths where the rule's match differs. Exact, not a subset: a condition the plan no longer has
 * (a header match dropped) is a change. What AWS adds inside a condition (a default) is not.
 */
function matchChanges(desired: HttpMatch | undefined, current: HttpMatch | undefined): string[] {
  const at = 'match.httpMatch';
  const paths = differences(desired ?? {}, current ?? {}, at);
  for (const key of ['method', 'pathMatch', 'headerMatches'] as const) {
    const now = current?.[key];
    const present = Array.isArray(now) ? now.length > 0 : now !== undefined && now !== '';
    if (desired?.[key] === undefined && present) paths.push(`${at}.${key}`);
  }
  return paths;
}

/** This rule among its listener's (the default rule, named by AWS, is never it). */
async function find(input: Input, ctx: HandlerContext): Promise<ResourceAttributes | undefined> {
  try {
    const found = await findInPages(
      paginateListRules(
        { client: ctx.clients.vpcLattice },
        { serviceIdentifier: input.serviceIdentifier, listenerIdentifier: input.listenerIdentifier },
      ),
      (rule) => rule.isDefault !== true && rule.name === input.name,
    );
    return found === undefined ? undefined : attributesOf(found);
  } catch (error) {
    // Its listener or service is gone, and its rules with it.
    if (isAwsError(error, NOT_FOUND)) return undefined;
    throw error;
  }
}

function attributesOf(rule: { id?: string; arn?: string; name?: string }): ResourceAttributes {
  return { id: rule.id ?? '', arn: rule.arn, name: rule.name ?? '' };
}
