/**
 * Listener rules of application load balancers: CreateRule, DescribeRules (the listener's default
 * rule last), ModifyRule, SetRulePriorities and DeleteRule, with conditions, forward or fixed
 * actions (a forward makes its target groups part of the load balancer) and transforms. AWS's
 * limits: priority 1-50000 unique per listener (PriorityInUse), at most five condition values per
 * rule, path patterns of 128 characters, header names of 40, one condition of each single kind,
 * one transform of each type; the default rule can be neither modified nor deleted.
 */
import {
  type CreateRuleCommandInput,
  type CreateRuleCommandOutput,
  type DeleteRuleCommandInput,
  type DescribeRulesCommandInput,
  type DescribeRulesCommandOutput,
  type ModifyRuleCommandInput,
  type ModifyRuleCommandOutput,
  OperationNotPermittedException,
  PriorityInUseException,
  type Rule,
  type RuleCondition,
  RuleNotFoundException,
  type RuleTransform,
  type SetRulePrioritiesCommandInput,
  type SetRulePrioritiesCommandOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { sha256Hex } from '../../../sha256.js';
import { awsError } from '../../aws-error.js';
import type { Operation, Output, World } from '../../world.js';
import { enumError, inRange, validationError } from './errors.js';
import { normalizeActions } from './listeners.js';
import { page, requireListener, requireLoadBalancer, rulesOf } from './lookup.js';
import type { ListenerRecord, RuleRecord } from './state.js';
import { tagsFromInput } from './tags.js';

const FIELDS = [
  'http-header',
  'http-request-method',
  'host-header',
  'path-pattern',
  'query-string',
  'source-ip',
];
/** At most one condition of each of these per rule. */
const SINGLE_FIELDS = ['http-request-method', 'host-header', 'path-pattern', 'source-ip'];
const TRANSFORM_TYPES = ['host-header-rewrite', 'url-rewrite'];
const MAX_CONDITION_VALUES = 5;
const MAX_PATH_PATTERN = 128;
const MAX_HEADER_NAME = 40;

export function ruleNotFound(message = 'One or more rules not found'): Error {
  return awsError(RuleNotFoundException, message, 400);
}

/** `...:listener/app/<lb>/<id>/<id>` -> `...:listener-rule/app/<lb>/<id>/<id>/<rule id>`. */
function ruleArn(listenerArn: string, ruleId: string): string {
  return `${listenerArn.replace(':listener/', ':listener-rule/')}/${ruleId}`;
}

/** The default rule's ARN: stable for its listener, as AWS's is. */
function defaultRuleArn(listenerArn: string): string {
  return ruleArn(listenerArn, sha256Hex(`${listenerArn}#default`).slice(0, 16));
}

export function visibleRule(world: World, arn: string | undefined): RuleRecord | undefined {
  const record = world.state.elbv2.rules[arn ?? ''];
  return record !== undefined && world.visible(record.createdAt) ? record : undefined;
}

function requireRule(world: World, arn: string | undefined): RuleRecord {
  const rule = visibleRule(world, arn);
  if (rule === undefined) throw ruleNotFound();
  return rule;
}

/** The listener whose default rule this ARN is, if it is one. */
function defaultRuleListener(world: World, arn: string | undefined): ListenerRecord | undefined {
  return Object.values(world.state.elbv2.listeners).find(
    (listener) => world.visible(listener.createdAt) && defaultRuleArn(listener.arn) === arn,
  );
}

function defaultRuleUntouchable(arn: string | undefined): Error {
  return awsError(OperationNotPermittedException, `Default rule '${arn}' cannot be modified or deleted`, 400);
}

/** The conditions as AWS stores them; throws what AWS answers for an invalid set. */
function checkConditions(conditions: readonly RuleCondition[] | undefined): RuleCondition[] {
  if (conditions === undefined || conditions.length === 0)
    throw validationError('A rule must have at least one condition');
  let values = 0;
  const seen = new Set<string>();
  const stored = conditions.map((condition, index) => {
    const field = condition.Field ?? '';
    if (!FIELDS.includes(field)) throw enumError(field, `conditions.${index + 1}.member.field`, FIELDS);
    if (SINGLE_FIELDS.includes(field)) {
      if (seen.has(field)) throw validationError(`A rule can only have one '${field}' condition`);
      seen.add(field);
    }
    const config =
      condition.PathPatternConfig ??
      condition.HostHeaderConfig ??
      condition.HttpRequestMethodConfig ??
      condition.SourceIpConfig;
    const given = [
      ...(condition.Values ?? []),
      ...(config?.Values ?? []),
      ...(condition.HttpHeaderConfig?.Values ?? []),
      ...((condition.PathPatternConfig ?? condition.HostHeaderConfig ?? condition.HttpHeaderConfig)
        ?.RegexValues ?? []),
    ];
    const pairs = condition.QueryStringConfig?.Values ?? [];
    values += given.length + pairs.length;
    if (given.length + pairs.length === 0)
      throw validationError(`A '${field}' condition must have at least one value`);
    if (field === 'path-pattern')
      for (const value of given)
        if (value.length > MAX_PATH_PATTERN)
          throw validationError(`A path pattern can have at most ${MAX_PATH_PATTERN} characters`);
    if (field === 'http-header') {
      const name = condition.HttpHeaderConfig?.HttpHeaderName ?? '';
      if (name.length === 0 || name.length > MAX_HEADER_NAME)
        throw validationError(`An HTTP header name must have 1 to ${MAX_HEADER_NAME} characters`);
    }
    // AWS answers both forms for the path and host conditions given by value.
    const shown = structuredClone(condition);
    if ((field === 'path-pattern' || field === 'host-header') && config?.Values !== undefined)
      shown.Values ??= [...config.Values];
    return shown;
  });
  if (values > MAX_CONDITION_VALUES)
    throw validationError(`A rule can only have '${MAX_CONDITION_VALUES}' condition values`);
  return stored;
}

function checkTransforms(transforms: readonly RuleTransform[] | undefined): RuleTransform[] {
  const seen = new Set<string>();
  return (transforms ?? []).map((transform, index) => {
    const type = transform.Type ?? '';
    if (!TRANSFORM_TYPES.includes(type))
      throw enumError(type, `transforms.${index + 1}.member.type`, TRANSFORM_TYPES);
    if (seen.has(type)) throw validationError(`A rule can only have one '${type}' transform`);
    seen.add(type);
    const config = type === 'url-rewrite' ? transform.UrlRewriteConfig : transform.HostHeaderRewriteConfig;
    const rewrites = config?.Rewrites ?? [];
    if (rewrites.length !== 1) throw validationError(`A '${type}' transform must have exactly one rewrite`);
    for (const rewrite of rewrites) {
      try {
        new RegExp(rewrite.Regex ?? '');
      } catch {
        throw validationError(`The regular expression '${rewrite.Regex}' is not valid`);
      }
    }
    return structuredClone(transform);
  });
}

function checkPriority(
  world: World,
  listenerArn: string,
  priority: number | undefined,
  except?: string,
): void {
  if (priority === undefined) throw validationError('A priority must be specified');
  inRange(priority, 'priority', 1, 50_000);
  if (rulesOf(world, listenerArn).some((rule) => rule.arn !== except && rule.priority === priority))
    throw awsError(PriorityInUseException, `Priority '${priority}' is currently in use`, 400);
}

function applicationListener(world: World, arn: string | undefined): ListenerRecord {
  const listener = requireListener(world, arn);
  const lb = requireLoadBalancer(world, listener.loadBalancerArn);
  if (lb.type !== 'application')
    throw validationError(`Rules are not supported for listeners of load balancers of type '${lb.type}'`);
  return listener;
}

export function describeRule(rule: RuleRecord): Rule {
  return {
    RuleArn: rule.arn,
    Priority: String(rule.priority),
    Conditions: structuredClone(rule.conditions),
    Actions: structuredClone(rule.actions),
    IsDefault: false,
    ...(rule.transforms.length === 0 ? {} : { Transforms: structuredClone(rule.transforms) }),
  };
}

function describeDefaultRule(listener: ListenerRecord): Rule {
  return {
    RuleArn: defaultRuleArn(listener.arn),
    Priority: 'default',
    Conditions: [],
    Actions: structuredClone(listener.defaultActions),
    IsDefault: true,
  };
}

export const ruleOperations: Record<string, Operation> = {
  CreateRule(input: CreateRuleCommandInput, world): Output<CreateRuleCommandOutput> {
    const listener = applicationListener(world, input.ListenerArn);
    const lb = requireLoadBalancer(world, listener.loadBalancerArn);
    const conditions = checkConditions(input.Conditions);
    const actions = normalizeActions(world, lb, input.Actions, 'actions');
    const transforms = checkTransforms(input.Transforms);
    checkPriority(world, listener.arn, input.Priority);
    const tags = tagsFromInput(input.Tags);
    const id = world.newId('', `rule/${listener.arn}/${input.Priority}`, 16);
    const record: RuleRecord = {
      arn: ruleArn(listener.arn, id),
      listenerArn: listener.arn,
      priority: input.Priority as number,
      conditions,
      actions,
      transforms,
      tags,
      createdAt: world.now(),
    };
    world.state.elbv2.rules[record.arn] = record;
    return { Rules: [describeRule(record)] };
  },

  DescribeRules(input: DescribeRulesCommandInput, world): Output<DescribeRulesCommandOutput> {
    if ((input.ListenerArn === undefined) === (input.RuleArns === undefined))
      throw validationError('You must specify either listener ARN or rule ARNs');
    let rules: Rule[];
    if (input.ListenerArn !== undefined) {
      const listener = requireListener(world, input.ListenerArn);
      rules = [
        ...rulesOf(world, listener.arn)
          .filter((rule) => world.visible(rule.createdAt))
          .map(describeRule),
        describeDefaultRule(listener),
      ];
    } else {
      rules = [...new Set(input.RuleArns)].map((arn) => {
        const byDefault = defaultRuleListener(world, arn);
        return byDefault === undefined
          ? describeRule(requireRule(world, arn))
          : describeDefaultRule(byDefault);
      });
    }
    const { items, nextMarker } = page(rules, input.Marker, input.PageSize);
    return { Rules: items, ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }) };
  },

  ModifyRule(input: ModifyRuleCommandInput, world): Output<ModifyRuleCommandOutput> {
    if (defaultRuleListener(world, input.RuleArn) !== undefined) throw defaultRuleUntouchable(input.RuleArn);
    const rule = requireRule(world, input.RuleArn);
    const listener = requireListener(world, rule.listenerArn);
    const lb = requireLoadBalancer(world, listener.loadBalancerArn);
    if (input.Transforms !== undefined && input.ResetTransforms === true)
      throw validationError('Transforms and ResetTransforms cannot be specified together');
    const conditions = input.Conditions === undefined ? rule.conditions : checkConditions(input.Conditions);
    const actions =
      input.Actions === undefined ? rule.actions : normalizeActions(world, lb, input.Actions, 'actions');
    const transforms =
      input.ResetTransforms === true
        ? []
        : input.Transforms === undefined
          ? rule.transforms
          : checkTransforms(input.Transforms);
    rule.conditions = conditions;
    rule.actions = actions;
    rule.transforms = transforms;
    return { Rules: [describeRule(rule)] };
  },

  SetRulePriorities(input: SetRulePrioritiesCommandInput, world): Output<SetRulePrioritiesCommandOutput> {
    const wanted = input.RulePriorities ?? [];
    if (wanted.length === 0) throw validationError('Rule priorities must be specified');
    const changes = wanted.map((entry) => {
      if (defaultRuleListener(world, entry.RuleArn) !== undefined)
        throw defaultRuleUntouchable(entry.RuleArn);
      const rule = requireRule(world, entry.RuleArn);
      if (entry.Priority === undefined) throw validationError('A priority must be specified');
      inRange(entry.Priority, 'priority', 1, 50_000);
      return { rule, priority: entry.Priority };
    });
    // The priorities after the change, for each listener touched: unique, or nothing changes.
    for (const listenerArn of new Set(changes.map((change) => change.rule.listenerArn))) {
      const after = new Map(rulesOf(world, listenerArn).map((rule) => [rule.arn, rule.priority]));
      for (const { rule, priority } of changes)
        if (rule.listenerArn === listenerArn) after.set(rule.arn, priority);
      const taken = new Set<number>();
      for (const priority of after.values()) {
        if (taken.has(priority))
          throw awsError(PriorityInUseException, `Priority '${priority}' is currently in use`, 400);
        taken.add(priority);
      }
    }
    for (const { rule, priority } of changes) rule.priority = priority;
    return { Rules: changes.map(({ rule }) => describeRule(rule)) };
  },

  DeleteRule(input: DeleteRuleCommandInput, world): object {
    if (defaultRuleListener(world, input.RuleArn) !== undefined) throw defaultRuleUntouchable(input.RuleArn);
    const rule = requireRule(world, input.RuleArn);
    delete world.state.elbv2.rules[rule.arn];
    return {};
  },
};
