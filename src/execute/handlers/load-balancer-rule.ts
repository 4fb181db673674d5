/**
 * Listener rule of an application load balancer. ELBv2 rules have no name, and their priority is
 * what changes when routes move: a rule is found by the tag holding its plan name (RULE_TAG_KEY)
 * among its listener's rules. Conditions, actions and transforms update in place (ModifyRule), the
 * priority with SetRulePriorities: a weight change is one ModifyRule.
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
import { RULE_TAG_KEY } from '../../plan/names.js';
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
        const found = await findRule(input, ctx);
        if (found !== undefined) return attributesOf(found.rule, input);
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
      await ctx.clients.elbv2.send(
        new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: arn, Priority: input.Priority }] }),
        sendOptions(ctx),
      );
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
  if (input.ListenerArn === undefined || name === '') return undefined;
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
      const tags = tagRecord(description.Tags);
      if (tags[RULE_TAG_KEY] !== name) continue;
      const rule = batch.find((candidate) => candidate.RuleArn === description.ResourceArn);
      if (rule !== undefined) return { rule, tags };
    }
  }
  return undefined;
}

function attributesOf(rule: Rule, input: Input): ResourceAttributes {
  const arn = rule.RuleArn ?? '';
  return { id: arn, arn, name: ruleName(input) };
}
