/**
 * Listener rules: create (name unique in the listener, priority 1-2000 unique in the listener),
 * get, update, batch update (priorities checked on the end state, so that two rules can swap),
 * delete, list. The default rule (the listener's default action) is listed and readable but can't
 * be updated or deleted: "To modify a default listener rule, use UpdateListener" (UpdateRule, API reference).
 */
import type {
  BatchUpdateRuleCommandInput,
  BatchUpdateRuleCommandOutput,
  CreateRuleCommandInput,
  CreateRuleCommandOutput,
  DeleteRuleCommandInput,
  GetRuleCommandInput,
  GetRuleCommandOutput,
  HttpMatch,
  ListRulesCommandInput,
  ListRulesCommandOutput,
  RuleMatch,
  RuleUpdate,
  RuleUpdateFailure,
  UpdateRuleCommandInput,
  UpdateRuleCommandOutput,
} from '@aws-sdk/client-vpc-lattice';
import type { Operation, Output, World } from '../../world.js';
import { checkAction } from './actions.js';
import { conflict, invalidRequest, nameTaken, notFound } from './errors.js';
import { count, exactlyOne, namePattern, range, required, requiredText, text } from './field-checks.js';
import { listenerOf, page, ruleId, ruleOf } from './lookup.js';
import type { ListenerRecord, RuleRecord } from './state.js';
import { checkTags } from './tags.js';
import { createOnce } from './tokens.js';

const PATH = '/[a-zA-Z0-9@:%_+.~#?&/=-]*';

/** RuleMatch: an httpMatch with a method (≤16), a path match and 1-5 header matches. */
function checkMatch(field: string, given: RuleMatch | undefined): RuleMatch {
  const match = required(field, given);
  exactlyOne(field, match, ['httpMatch']);
  const http = match.httpMatch as HttpMatch;
  text(`${field}.httpMatch.method`, http.method, 0, 16);
  if (http.pathMatch !== undefined) {
    const at = `${field}.httpMatch.pathMatch.match`;
    const kind = exactlyOne(at, required(at, http.pathMatch.match), ['exact', 'prefix']);
    text(`${at}.${kind}`, (http.pathMatch.match as unknown as Record<string, string>)[kind], 1, 200, PATH);
  }
  count(`${field}.httpMatch.headerMatches`, http.headerMatches, 1, 5);
  (http.headerMatches ?? []).forEach((header, i) => {
    const at = `${field}.httpMatch.headerMatches.${i + 1}.member`;
    requiredText(`${at}.name`, header.name, 1, 100);
    const kind = exactlyOne(`${at}.match`, required(`${at}.match`, header.match), [
      'exact',
      'prefix',
      'contains',
    ]);
    text(`${at}.match.${kind}`, (header.match as unknown as Record<string, string>)[kind], 1, 200);
  });
  return { httpMatch: structuredClone(http) };
}

function rulesOf(world: World, listener: ListenerRecord): RuleRecord[] {
  return Object.values(world.state.vpcLattice.rules).filter((r) => r.listenerId === listener.id);
}

function priorityTaken(listener: ListenerRecord, priority: number, holder: RuleRecord): Error {
  return conflict(
    `Priority ${priority} is already used by rule ${holder.id} of listener ${listener.id}.`,
    'RULE',
    holder.id,
  );
}

function describe(rule: RuleRecord) {
  return {
    id: rule.id,
    arn: rule.arn,
    name: rule.name,
    isDefault: false,
    match: structuredClone(rule.match),
    priority: rule.priority,
    action: structuredClone(rule.action),
  };
}

/** The default rule as AWS shows it [U: its name and the absence of a match and a priority]. */
function describeDefault(listener: ListenerRecord) {
  return {
    id: listener.defaultRuleId,
    arn: `${listener.arn}/rule/${listener.defaultRuleId}`,
    name: 'default',
    isDefault: true,
    action: structuredClone(listener.defaultAction),
  };
}

function defaultRuleRefused(listener: ListenerRecord, what: string): Error {
  return invalidRequest(
    `The default rule ${listener.defaultRuleId} can't be ${what}; use UpdateListener to change it.`,
  );
}

/** The rule this identifier names in the listener; the default rule is refused with `what`. */
function ownRule(
  world: World,
  listener: ListenerRecord,
  identifier: string | undefined,
  what: string,
  field?: string,
): RuleRecord {
  const id = ruleId(identifier, field);
  if (id === listener.defaultRuleId) throw defaultRuleRefused(listener, what);
  const rule = ruleOf(world, listener, id);
  if (rule === undefined) throw notFound('RULE', identifier as string);
  return rule;
}

export const ruleOperations: Record<string, Operation> = {
  CreateRule(input: CreateRuleCommandInput, world): Output<CreateRuleCommandOutput> {
    const { listener } = listenerOf(world, input);
    const s = world.state.vpcLattice;
    const rule = createOnce(
      world,
      'CreateRule',
      input,
      'RULE',
      (id) => s.rules[id],
      () => {
        const name = requiredText('name', input.name, 3, 63, namePattern('rule-'));
        const priority = required('priority', input.priority);
        range('priority', priority, 1, 2000);
        const match = checkMatch('match', input.match);
        const action = checkAction(world, 'action', input.action, listener);
        const tags = checkTags(input.tags);
        if (listener.protocol === 'TLS_PASSTHROUGH')
          throw invalidRequest('A TLS_PASSTHROUGH listener has its default action only: it takes no rules.');
        const siblings = rulesOf(world, listener);
        // "The name must be unique within the listener" (CreateRule, API reference).
        if (siblings.some((r) => r.name === name)) throw nameTaken('RULE', name);
        const holder = siblings.find((r) => r.priority === priority);
        if (holder !== undefined) throw priorityTaken(listener, priority, holder);
        const id = world.newId('rule-', `${listener.id}/rule/${name}`);
        const record: RuleRecord = {
          id,
          arn: `${listener.arn}/rule/${id}`,
          serviceId: listener.serviceId,
          listenerId: listener.id,
          name,
          priority,
          match,
          action,
          createdAt: world.now(),
          lastUpdatedAt: world.now(),
          tags,
        };
        s.rules[id] = record;
        return record;
      },
    );
    const { isDefault: _default, ...created } = describe(rule);
    return created;
  },

  GetRule(input: GetRuleCommandInput, world): Output<GetRuleCommandOutput> {
    const { listener } = listenerOf(world, input);
    const id = ruleId(input.ruleIdentifier);
    if (id === listener.defaultRuleId) {
      const at = new Date(listener.createdAt);
      return { ...describeDefault(listener), createdAt: at, lastUpdatedAt: new Date(listener.lastUpdatedAt) };
    }
    const rule = ruleOf(world, listener, id);
    if (rule === undefined) throw notFound('RULE', input.ruleIdentifier as string);
    return {
      ...describe(rule),
      createdAt: new Date(rule.createdAt),
      lastUpdatedAt: new Date(rule.lastUpdatedAt),
    };
  },

  UpdateRule(input: UpdateRuleCommandInput, world): Output<UpdateRuleCommandOutput> {
    const { listener } = listenerOf(world, input);
    const rule = ownRule(world, listener, input.ruleIdentifier, 'modified');
    const update = checkUpdate(world, listener, input, 'match', 'action', 'priority');
    if (update.priority !== undefined) {
      const holder = rulesOf(world, listener).find((r) => r.priority === update.priority && r.id !== rule.id);
      if (holder !== undefined) throw priorityTaken(listener, update.priority, holder);
    }
    apply(world, rule, update);
    return describe(rule);
  },

  BatchUpdateRule(input: BatchUpdateRuleCommandInput, world): Output<BatchUpdateRuleCommandOutput> {
    const { listener } = listenerOf(world, input);
    const updates = required('rules', input.rules);
    count('rules', updates, 1, 10);
    const checked: { rule: RuleRecord; update: Checked }[] = [];
    const unsuccessful: RuleUpdateFailure[] = [];
    updates.forEach((given, i) => {
      const at = `rules.${i + 1}.member`;
      const id = ruleId(given.ruleIdentifier, `${at}.ruleIdentifier`);
      const update = checkUpdate(world, listener, given, `${at}.match`, `${at}.action`, `${at}.priority`);
      const rule = id === listener.defaultRuleId ? undefined : ruleOf(world, listener, id);
      if (rule === undefined) {
        // [U: AWS's failure codes]
        unsuccessful.push({
          ruleIdentifier: given.ruleIdentifier,
          failureCode: id === listener.defaultRuleId ? 'ValidationException' : 'ResourceNotFoundException',
          failureMessage:
            id === listener.defaultRuleId
              ? 'The default rule cannot be modified.'
              : `Rule ${id} was not found.`,
        });
      } else checked.push({ rule, update });
    });
    // Priorities must be unique once every update is made (this is how rules swap priorities).
    const after = new Map(rulesOf(world, listener).map((r) => [r.id, r.priority]));
    for (const { rule, update } of checked)
      if (update.priority !== undefined) after.set(rule.id, update.priority);
    const seen = new Map<number, string>();
    for (const [id, priority] of after) {
      const other = seen.get(priority);
      if (other !== undefined)
        throw priorityTaken(listener, priority, world.state.vpcLattice.rules[other] as RuleRecord);
      seen.set(priority, id);
    }
    for (const { rule, update } of checked) apply(world, rule, update);
    return { successful: checked.map(({ rule }) => describe(rule)), unsuccessful };
  },

  DeleteRule(input: DeleteRuleCommandInput, world): object {
    const { listener } = listenerOf(world, input);
    const rule = ownRule(world, listener, input.ruleIdentifier, 'deleted');
    delete world.state.vpcLattice.rules[rule.id];
    return {};
  },

  ListRules(input: ListRulesCommandInput, world): Output<ListRulesCommandOutput> {
    const { listener } = listenerOf(world, input);
    const rules = rulesOf(world, listener)
      .filter((r) => world.visible(r.createdAt))
      .sort((a, b) => a.priority - b.priority)
      .map((r) => ({
        id: r.id,
        arn: r.arn,
        name: r.name,
        isDefault: false,
        priority: r.priority,
        createdAt: new Date(r.createdAt),
        lastUpdatedAt: new Date(r.lastUpdatedAt),
      }));
    const { action: _action, ...fallback } = describeDefault(listener);
    const items = [
      ...rules,
      {
        ...fallback,
        createdAt: new Date(listener.createdAt),
        lastUpdatedAt: new Date(listener.lastUpdatedAt),
      },
    ];
    return page(items, input.maxResults, input.nextToken);
  },
};

interface Checked {
  readonly match?: RuleMatch;
  readonly action?: RuleRecord['action'];
  readonly priority?: number;
}

function checkUpdate(
  world: World,
  listener: ListenerRecord,
  given: Pick<RuleUpdate, 'match' | 'action' | 'priority'>,
  matchField: string,
  actionField: string,
  priorityField: string,
): Checked {
  range(priorityField, given.priority, 1, 2000);
  return {
    ...(given.match === undefined ? {} : { match: checkMatch(matchField, given.match) }),
    ...(given.action === undefined
      ? {}
      : { action: checkAction(world, actionField, given.action, listener) }),
    ...(given.priority === undefined ? {} : { priority: given.priority }),
  };
}

function apply(world: World, rule: RuleRecord, update: Checked): void {
  if (update.match !== undefined) rule.match = update.match;
  if (update.action !== undefined) rule.action = update.action;
  if (update.priority !== undefined) rule.priority = update.priority;
  rule.lastUpdatedAt = world.now();
}
