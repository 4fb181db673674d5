/**
 * The local cloud's ELBv2 listener rules, through the real SDK client: create, describe (the
 * default rule last), modify (transforms set and reset), priorities, delete, tags, and AWS's errors
 * for each (PriorityInUse, the condition limits as ValidationError, RuleNotFound, the default rule
 * left alone, a target group in use by a rule), and a listener's rules going with it.
 */
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  type CreateRuleCommandInput,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  ModifyRuleCommand,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { createLocalCloud } from '../../src/local/local-cloud.js';

async function alb() {
  const cloud = createLocalCloud();
  const { elbv2 } = cloud.clients({ maxAttempts: 1 });
  const { vpcId, subnetIds } = cloud.defaultNetwork();
  const lb = (
    await elbv2.send(
      new CreateLoadBalancerCommand({ Name: 'gw', Type: 'application', Subnets: subnetIds.slice(0, 2) }),
    )
  ).LoadBalancers?.[0];
  const group = async (Name: string) =>
    (
      await elbv2.send(
        new CreateTargetGroupCommand({ Name, Protocol: 'HTTP', Port: 80, VpcId: vpcId, TargetType: 'ip' }),
      )
    ).TargetGroups?.[0]?.TargetGroupArn as string;
  const [green, yellow] = [await group('green'), await group('yellow')];
  const listener = (
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb?.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
      }),
    )
  ).Listeners?.[0]?.ListenerArn as string;
  const rule = (overrides: Partial<CreateRuleCommandInput> = {}): CreateRuleCommandInput => ({
    ListenerArn: listener,
    Priority: 1,
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/router*'] } }],
    Actions: [
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: green, Weight: 36 },
            { TargetGroupArn: yellow, Weight: 9 },
          ],
        },
      },
    ],
    Transforms: [
      { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/router(.*)$', Replace: '/$1' }] } },
    ],
    ...overrides,
  });
  return { elbv2, listener, green, yellow, rule };
}

async function errorName(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'no error',
    (error: Error) => `${error.name}: ${error.message}`,
  );
}

describe('local cloud ELBv2: listener rules', () => {
  it('creates, describes with the default rule last, modifies, reprioritizes, tags and deletes a rule', async () => {
    const { elbv2, listener, green, rule } = await alb();
    const created = (
      await elbv2.send(new CreateRuleCommand({ ...rule(), Tags: [{ Key: 'name', Value: 'r1' }] }))
    ).Rules?.[0];
    expect(created).toMatchObject({ Priority: '1', IsDefault: false, Transforms: rule().Transforms });
    const arn = created?.RuleArn as string;
    expect(arn).toMatch(/:listener-rule\/app\/gw\/[0-9a-f]+\/[0-9a-f]+\/[0-9a-f]{16}$/);

    const described = (await elbv2.send(new DescribeRulesCommand({ ListenerArn: listener }))).Rules ?? [];
    expect(described.map((r) => [r.Priority, r.IsDefault])).toEqual([
      ['1', false],
      ['default', true],
    ]);
    // AWS answers the path condition in both forms.
    expect(described[0]?.Conditions).toEqual([
      { Field: 'path-pattern', Values: ['/router*'], PathPatternConfig: { Values: ['/router*'] } },
    ]);
    expect(described[1]?.Actions).toEqual([
      { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } },
    ]);
    expect(
      (await elbv2.send(new DescribeTagsCommand({ ResourceArns: [arn] }))).TagDescriptions?.[0]?.Tags,
    ).toEqual([{ Key: 'name', Value: 'r1' }]);
    await elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: 'more', Value: 'x' }] }));

    const single = [
      { Type: 'forward' as const, ForwardConfig: { TargetGroups: [{ TargetGroupArn: green, Weight: 1 }] } },
    ];
    const modified = (
      await elbv2.send(new ModifyRuleCommand({ RuleArn: arn, Actions: single, ResetTransforms: true }))
    ).Rules?.[0];
    expect(modified?.Transforms).toBeUndefined();
    expect(modified?.Actions?.[0]?.ForwardConfig?.TargetGroups).toEqual([
      { TargetGroupArn: green, Weight: 1 },
    ]);
    expect(modified?.Conditions).toEqual(described[0]?.Conditions);

    const moved = await elbv2.send(
      new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: arn, Priority: 7 }] }),
    );
    expect(moved.Rules?.map((r) => r.Priority)).toEqual(['7']);
    await elbv2.send(new DeleteRuleCommand({ RuleArn: arn }));
    expect(await errorName(elbv2.send(new DeleteRuleCommand({ RuleArn: arn })))).toMatch(
      /^RuleNotFoundException/,
    );
    expect(await errorName(elbv2.send(new DescribeRulesCommand({ RuleArns: [arn] })))).toMatch(
      /^RuleNotFoundException/,
    );
  });

  it("answers AWS's errors: a priority in use, too many condition values, limits on paths and header names, weights", async () => {
    const { elbv2, rule } = await alb();
    await elbv2.send(new CreateRuleCommand(rule()));
    expect(await errorName(elbv2.send(new CreateRuleCommand(rule())))).toBe(
      "PriorityInUseException: Priority '1' is currently in use",
    );
    const query = { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'a', Value: '1' }] } };
    expect(
      await errorName(
        elbv2.send(
          new CreateRuleCommand(
            rule({
              Priority: 2,
              Conditions: [...(rule().Conditions ?? []), query, query, query, query, query],
            }),
          ),
        ),
      ),
    ).toBe("ValidationError: A rule can only have '5' condition values");
    expect(
      await errorName(
        elbv2.send(
          new CreateRuleCommand(
            rule({
              Priority: 2,
              Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [`/${'p'.repeat(128)}`] } }],
            }),
          ),
        ),
      ),
    ).toMatch(/^ValidationError: A path pattern can have at most 128 characters/);
    expect(
      await errorName(
        elbv2.send(
          new CreateRuleCommand(
            rule({
              Priority: 2,
              Conditions: [
                { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'h'.repeat(41), Values: ['v'] } },
              ],
            }),
          ),
        ),
      ),
    ).toMatch(/^ValidationError: An HTTP header name/);
    expect(
      await errorName(
        elbv2.send(
          new CreateRuleCommand(
            rule({
              Priority: 2,
              Conditions: [
                ...(rule().Conditions ?? []),
                { Field: 'path-pattern', PathPatternConfig: { Values: ['/b'] } },
              ],
            }),
          ),
        ),
      ),
    ).toBe("ValidationError: A rule can only have one 'path-pattern' condition");
    expect(await errorName(elbv2.send(new CreateRuleCommand(rule({ Priority: 0 }))))).toMatch(
      /^ValidationError: .*Member must have value between 1 and 50000/,
    );
    const heavy = rule({ Priority: 2 });
    (heavy.Actions?.[0]?.ForwardConfig?.TargetGroups?.[0] as { Weight: number }).Weight = 1000;
    expect(await errorName(elbv2.send(new CreateRuleCommand(heavy)))).toMatch(
      /^ValidationError: .*Member must have value between 0 and 999/,
    );
  });

  it('keeps priorities unique across SetRulePriorities, and leaves the default rule alone', async () => {
    const { elbv2, listener, rule } = await alb();
    const first = (await elbv2.send(new CreateRuleCommand(rule()))).Rules?.[0]?.RuleArn as string;
    const second = (await elbv2.send(new CreateRuleCommand(rule({ Priority: 2 })))).Rules?.[0]
      ?.RuleArn as string;
    expect(
      await errorName(
        elbv2.send(new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: second, Priority: 1 }] })),
      ),
    ).toMatch(/^PriorityInUseException/);
    // A swap in one call is allowed: the priorities are unique afterwards.
    await elbv2.send(
      new SetRulePrioritiesCommand({
        RulePriorities: [
          { RuleArn: first, Priority: 2 },
          { RuleArn: second, Priority: 1 },
        ],
      }),
    );
    const rules = (await elbv2.send(new DescribeRulesCommand({ ListenerArn: listener }))).Rules ?? [];
    expect(rules.map((r) => [r.RuleArn, r.Priority])).toEqual([
      [second, '1'],
      [first, '2'],
      [rules[2]?.RuleArn, 'default'],
    ]);
    const defaultArn = rules[2]?.RuleArn as string;
    expect(await errorName(elbv2.send(new DeleteRuleCommand({ RuleArn: defaultArn })))).toMatch(
      /^OperationNotPermittedException/,
    );
    expect(
      await errorName(
        elbv2.send(new ModifyRuleCommand({ RuleArn: defaultArn, Conditions: rule().Conditions })),
      ),
    ).toMatch(/^OperationNotPermittedException/);
  });

  it('refuses to delete a target group a rule forwards to; deleting the listener deletes its rules', async () => {
    const { elbv2, listener, green, rule } = await alb();
    const arn = (await elbv2.send(new CreateRuleCommand(rule()))).Rules?.[0]?.RuleArn as string;
    expect(await errorName(elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: green })))).toMatch(
      /^ResourceInUseException/,
    );
    await elbv2.send(new DeleteListenerCommand({ ListenerArn: listener }));
    expect(await errorName(elbv2.send(new DescribeRulesCommand({ RuleArns: [arn] })))).toMatch(
      /^RuleNotFoundException/,
    );
    await elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: green }));
  });
});
