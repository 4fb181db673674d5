/**
 * VPC Lattice listener rule, found by name in its listener (unique there). Its match, priority and
 * action update in place (UpdateRule): a weight change is one UpdateRule. Priorities are unique in a
 * listener: a rule taking a priority another rule still holds (routes swapped) trades with it.
 */
import {
  BatchUpdateRuleCommand,
  CreateRuleCommand,
  DeleteRuleCommand,
  GetRuleCommand,
  type HttpMatch,
  paginateListRules,
  type RuleSummary,
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
    const create = async (priority: number | undefined) =>
      attributesOf(
        await ctx.clients.vpcLattice.send(new CreateRuleCommand({ ...input, priority }), sendOptions(ctx)),
      );
    return createOrAdopt(
      ctx,
      async () => {
        try {
          return await create(input.priority);
        } catch (error) {
          if (!isAwsError(error, 'ConflictException')) throw error;
          // Its priority is still another rule's (one this apply moves or deletes later): the rule is
          // made at a free priority, then takes its own by trading with that rule.
          const rules = await listenerRules(input, ctx);
          const free = freePriority(rules);
          const taken = rules.some((rule) => rule.priority === input.priority);
          if (rules.some((rule) => rule.name === input.name) || !taken || free === undefined) throw error;
          // A retry of a create whose answer was lost finds the rule by name, and still trades.
          const made = await createOrAdopt(
            ctx,
            () => create(free),
            () => find(input, ctx),
          );
          await updateRule(input, made.id, ctx);
          return made;
        }
      },
      () => find(input, ctx),
    );
  },
  async update(input, observed, ctx) {
    await updateRule(input, observed.attributes.id, ctx);
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

/** Other rules of the listener moving at the same time can take a priority between a list and a trade. */
const PRIORITY_ATTEMPTS = 5;

/**
 * UpdateRule. When its new priority is still another rule's (two routes swapped, one inserted
 * before others), the two trade places in one BatchUpdateRule: the holder, a rule of this listener
 * whose own update or delete is still to come, takes the rule's old priority, so priorities stay
 * unique at every moment, and a rollback putting the old priority back is the same trade. Tried
 * again on a fresh list while other rules of the listener move.
 */
async function updateRule(input: Input, ruleId: string, ctx: HandlerContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.clients.vpcLattice.send(
        new UpdateRuleCommand({
          serviceIdentifier: input.serviceIdentifier,
          listenerIdentifier: input.listenerIdentifier,
          ruleIdentifier: ruleId,
          match: input.match,
          priority: input.priority,
          action: input.action,
        }),
        sendOptions(ctx),
      );
      return;
    } catch (error) {
      if (!isAwsError(error, 'ConflictException') || attempt >= PRIORITY_ATTEMPTS) throw error;
    }
    const rules = await listenerRules(input, ctx);
    const own = rules.find((rule) => rule.id === ruleId);
    const holder = rules.find((rule) => rule.id !== ruleId && rule.priority === input.priority);
    if (own?.priority === undefined || holder?.id === undefined) continue;
    try {
      await trade(input, ruleId, input.priority, holder.id, own.priority, ctx);
    } catch (error) {
      if (!isAwsError(error, 'ConflictException')) throw error;
      await ctx.sleep(Math.max(1, ctx.pollIntervalMs));
    }
  }
}

/** One BatchUpdateRule: the rule takes `priority`, the holder `given` (priorities stay unique). */
async function trade(
  input: Input,
  ruleId: string,
  priority: number | undefined,
  holderId: string,
  given: number,
  ctx: HandlerContext,
): Promise<void> {
  const { unsuccessful } = await ctx.clients.vpcLattice.send(
    new BatchUpdateRuleCommand({
      serviceIdentifier: input.serviceIdentifier,
      listenerIdentifier: input.listenerIdentifier,
      rules: [
        { ruleIdentifier: ruleId, priority },
        { ruleIdentifier: holderId, priority: given },
      ],
    }),
    sendOptions(ctx),
  );
  const failed = unsuccessful?.[0];
  if (failed !== undefined)
    throw new Error(`BatchUpdateRule ${input.name}: ${failed.failureCode}: ${failed.failureMessage}`);
}

/** The listener's rules but its default one. */
async function listenerRules(input: Input, ctx: HandlerContext): Promise<RuleSummary[]> {
  const rules: RuleSummary[] = [];
  for await (const page of paginateListRules(
    { client: ctx.clients.vpcLattice },
    { serviceIdentifier: input.serviceIdentifier, listenerIdentifier: input.listenerIdentifier },
  ))
    rules.push(...(page.items ?? []).filter((rule) => rule.isDefault !== true));
  return rules;
}

/** The highest priority no rule of the listener holds (Lattice's are 1-2000). */
function freePriority(rules: readonly RuleSummary[]): number | undefined {
  const taken = new Set(rules.map((rule) => rule.priority));
  for (let priority = 2000; priority >= 1; priority--) if (!taken.has(priority)) return priority;
  return undefined;
}

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
