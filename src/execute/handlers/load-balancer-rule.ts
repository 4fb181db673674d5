/**
 * Listener rule of an application load balancer. ELBv2 rules have no name, and their priority is
 * what changes when routes move: a rule is found by the tag holding its plan name (RULE_TAG_KEY)
 * among its listener's rules. Conditions, actions and transforms update in place (ModifyRule), the
 * priority with SetRulePriorities (trading with the rule still holding it): a weight change is one
 * ModifyRule.
 */
import {
  CreateRuleCommand,
  DeleteRuleCommand,
  DescribeTagsCommand,
  ModifyRuleCommand,
  paginateDescribeRules,
  type Rule,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { PLAN_TAG_KEY, RULE_TAG_KEY } from '../../plan/names.js';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { isAwsError, sendOptions, tagRecord, unlessNotFound } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

type Input = ResourceInputs['loadBalancerRule'];
const NOT_FOUND = 'RuleNotFoundException';
/** DescribeTags takes at most 20 ARNs a call. */
const TAGS_BATCH = 20;

export const loadBalancerRuleHandler: ResourceHandler<'loadBalancerRule'> = {
  async read(input, ctx) {
    const found = await findRule(input, ctx);
    if (found === undefined) return undefined;
    const { rule, tags } = found;
    return {
      attributes: attributesOf(rule, input),
      current: {
        ListenerArn: input.ListenerArn, // found in it
        Priority: Number(rule.Priority),
        Conditions: rule.Conditions,
        Actions: rule.Actions,
        Transforms: rule.Transforms,
      },
      tags,
    };
  },
  changes(desired, observed) {
    const { Tags: _tags, ...compared } = desired;
    const current = observed.current as Input;
    const removed = (desired.Transforms ?? []).length === 0 && (current.Transforms ?? []).length > 0;
    return [...differences(compared, current), ...(removed ? ['Transforms'] : [])];
  },
  async create(input, ctx) {
    try {
      const { Rules } = await ctx.clients.elbv2.send(new CreateRuleCommand(input), sendOptions(ctx));
      const rule = Rules?.[0];
      if (rule === undefined) throw new Error(`CreateRule ${ruleName(input)} returned nothing`);
      return attributesOf(rule, input);
    } catch (error) {
      // No idempotency token: a retried create finds its priority taken, by the rule it made
      // (found by its tag; the executor's read tells by the run tag whether this run made it).
      if (!isAwsError(error, 'PriorityInUseException', 'PriorityInUse')) throw error;
      const deadline = Date.now() + (ctx.consistencyWindowMs ?? 0);
      for (;;) {
        const rules = await listenerRules(input, ctx);
        const found = rules?.find(({ tags }) => tags[RULE_TAG_KEY] === ruleName(input));
        if (found !== undefined) return attributesOf(found.rule, input);
        // Another rule of the plan still holds the priority (one this apply moves or deletes
        // later): the rule is made at a free priority, then trades with it.
        const plan = input.Tags?.find((tag) => tag.Key === PLAN_TAG_KEY)?.Value;
        const holder = rules?.find(
          ({ rule, tags }) =>
            Number(rule.Priority) === input.Priority &&
            tags[RULE_TAG_KEY] !== undefined &&
            plan !== undefined &&
            tags[PLAN_TAG_KEY] === plan,
        );
        const free = rules === undefined ? undefined : freePriority(rules);
        if (holder?.rule.RuleArn !== undefined && free !== undefined) {
          const made = await loadBalancerRuleHandler.create({ ...input, Priority: free }, ctx);
          await movePriority(input, made.arn as string, ctx);
          return made;
        }
        if (Date.now() >= deadline) throw error;
        await ctx.sleep(Math.max(1, ctx.pollIntervalMs));
      }
    }
  },
  async update(input, observed, ctx) {
    const arn = observed.attributes.arn;
    const changed = loadBalancerRuleHandler.changes(input, observed);
    if (changed.some((path) => !path.startsWith('Priority'))) {
      const transforms = input.Transforms ?? [];
      await ctx.clients.elbv2.send(
        new ModifyRuleCommand({
          RuleArn: arn,
          Conditions: input.Conditions,
          Actions: input.Actions,
          ...(transforms.length > 0 ? { Transforms: transforms } : { ResetTransforms: true }),
        }),
        sendOptions(ctx),
      );
    }
    if (changed.some((path) => path.startsWith('Priority'))) {
      await movePriority(input, arn as string, ctx);
    }
    return observed.attributes;
  },
  async delete(attributes, _input, ctx) {
    await unlessNotFound(
      () => ctx.clients.elbv2.send(new DeleteRuleCommand({ RuleArn: attributes.arn }), sendOptions(ctx)),
      NOT_FOUND,
      'ListenerNotFoundException',
    );
  },
};

/** Other rules of the listener moving at the same time can take a priority between a list and a trade. */
const PRIORITY_ATTEMPTS = 5;

/**
 * SetRulePriorities. When the priority is still another rule's (two routes swapped, one inserted
 * before others), the two trade places in one call: the holder, a rule whose own update or delete
 * is still to come, takes the rule's old priority, so priorities stay unique at every moment, and
 * a rollback putting the old priority back is the same trade. Tried again on a fresh list while
 * other rules of the listener move.
 */
async function movePriority(input: Input, arn: string, ctx: HandlerContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await setPriorities(ctx, [{ RuleArn: arn, Priority: input.Priority }]);
      return;
    } catch (error) {
      if (!isAwsError(error, 'PriorityInUseException', 'PriorityInUse') || attempt >= PRIORITY_ATTEMPTS)
        throw error;
    }
    const rules = (await listenerRules(input, ctx)) ?? [];
    const own = rules.find(({ rule }) => rule.RuleArn === arn);
    const holder = rules.find(({ rule }) => rule.RuleArn !== arn && Number(rule.Priority) === input.Priority);
    if (own === undefined || holder?.rule.RuleArn === undefined) continue;
    try {
      await setPriorities(ctx, [
        { RuleArn: arn, Priority: input.Priority },
        { RuleArn: holder.rule.RuleArn, Priority: Number(own.rule.Priority) },
      ]);
    } catch (error) {
      if (!isAwsError(error, 'PriorityInUseException', 'PriorityInUse')) throw error;
      await ctx.sleep(Math.max(1, ctx.pollIntervalMs));
    }
  }
}

/** The plan name a rule carries in its tags. */
function ruleName(input: Input): string {
  return input.Tags?.find((tag) => tag.Key === RULE_TAG_KEY)?.Value ?? '';
}

/** The listener's rule tagged with this rule's plan name, and its tags; undefined when none is. */
async function findRule(
  input: Input,
  ctx: HandlerContext,
): Promise<{ rule: Rule; tags: Record<string, string> } | undefined> {
  const name = ruleName(input);
  if (name === '') return undefined;
  return (await listenerRules(input, ctx))?.find(({ tags }) => tags[RULE_TAG_KEY] === name);
}

/** The listener's rules but its default one, with their tags; undefined when the listener is gone. */
async function listenerRules(
  input: Input,
  ctx: HandlerContext,
): Promise<{ rule: Rule; tags: Record<string, string> }[] | undefined> {
  if (input.ListenerArn === undefined) return undefined;
  const rules: Rule[] = [];
  try {
    for await (const page of paginateDescribeRules(
      { client: ctx.clients.elbv2 },
      { ListenerArn: input.ListenerArn },
    ))
      rules.push(...(page.Rules ?? []).filter((rule) => rule.IsDefault !== true));
  } catch (error) {
    // Its listener (or load balancer) is gone, and its rules with it.
    if (isAwsError(error, 'ListenerNotFoundException', 'LoadBalancerNotFoundException')) return undefined;
    throw error;
  }
  const tagged: { rule: Rule; tags: Record<string, string> }[] = [];
  for (let start = 0; start < rules.length; start += TAGS_BATCH) {
    const batch = rules.slice(start, start + TAGS_BATCH);
    const described = await unlessNotFound(
      () =>
        ctx.clients.elbv2.send(
          new DescribeTagsCommand({ ResourceArns: batch.map((rule) => rule.RuleArn ?? '') }),
          sendOptions(ctx),
        ),
      NOT_FOUND,
    );
    for (const description of described?.TagDescriptions ?? []) {
      const rule = batch.find((candidate) => candidate.RuleArn === description.ResourceArn);
      if (rule !== undefined) tagged.push({ rule, tags: tagRecord(description.Tags) });
    }
  }
  return tagged;
}

/** The highest priority no rule of the listener holds (ALB's are 1-50000). */
function freePriority(rules: readonly { rule: Rule }[]): number | undefined {
  const taken = new Set(rules.map(({ rule }) => Number(rule.Priority)));
  for (let priority = 50_000; priority >= 1; priority--) if (!taken.has(priority)) return priority;
  return undefined;
}

async function setPriorities(
  ctx: HandlerContext,
  priorities: { RuleArn: string | undefined; Priority: number | undefined }[],
): Promise<void> {
  await ctx.clients.elbv2.send(
    new SetRulePrioritiesCommand({ RulePriorities: priorities }),
    sendOptions(ctx),
  );
}

function attributesOf(rule: Rule, input: Input): ResourceAttributes {
  const arn = rule.RuleArn ?? '';
  return { id: arn, arn, name: ruleName(input) };
}
