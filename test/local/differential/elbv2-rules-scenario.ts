/**
 * A differential scenario for application load balancer listener rules: an ALB with two HTTP
 * target groups and a listener answering 404, a weighted rule created, described, refused a taken
 * priority, modified, moved, and deleted, with the errors for each.
 */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DescribeRulesCommand,
  ModifyRuleCommand,
  type Rule,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { Recorder, shape } from './observe.js';
import { defaultSubnets, defaultVpc, type Scenario } from './scenarios.js';

/** What a user of a rule depends on: priority, default or not, conditions' values, the forward's weights. */
function ruleFields(rule: Rule, names: ReadonlyMap<string, string>) {
  return {
    priority: rule.Priority,
    isDefault: rule.IsDefault,
    paths: rule.Conditions?.flatMap((c) => c.PathPatternConfig?.Values ?? c.Values ?? []),
    actions: rule.Actions?.map((a) =>
      a.Type === 'forward'
        ? (a.ForwardConfig?.TargetGroups ?? []).map((t) => `${names.get(t.TargetGroupArn ?? '')}:${t.Weight}`)
        : `${a.Type} ${a.FixedResponseConfig?.StatusCode ?? ''}`,
    ),
  };
}

export const elbv2ApplicationRules: Scenario = async ({ elbv2, ec2 }) => {
  const r = new Recorder();
  const { vpcId } = await defaultVpc(ec2);
  const subnets = (await defaultSubnets(ec2, vpcId)).slice(0, 2);
  const lb = await r.step(
    'create application load balancer',
    () =>
      elbv2.send(
        new CreateLoadBalancerCommand({
          Name: 'color-alb',
          Type: 'application',
          Scheme: 'internet-facing',
          Subnets: subnets,
        }),
      ),
    (o) => o.LoadBalancers?.map((l) => [l.Type, l.Scheme]),
  );
  const LoadBalancerArn = lb?.LoadBalancers?.[0]?.LoadBalancerArn;
  const names = new Map<string, string>();
  const group = async (Name: string) => {
    const created = await r.step(
      `create HTTP target group ${Name}`,
      () =>
        elbv2.send(
          new CreateTargetGroupCommand({ Name, Protocol: 'HTTP', Port: 80, VpcId: vpcId, TargetType: 'ip' }),
        ),
      (o) => o.TargetGroups?.map((t) => [t.Protocol, t.HealthCheckProtocol, t.HealthCheckPath]),
    );
    const arn = created?.TargetGroups?.[0]?.TargetGroupArn ?? '';
    names.set(arn, Name);
    return arn;
  };
  const green = await group('green');
  const yellow = await group('yellow');
  const listener = await r.step(
    'create HTTP listener with a fixed 404',
    () =>
      elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
        }),
      ),
    (o) => o.Listeners?.map((l) => [l.Protocol, l.Port, l.DefaultActions?.[0]?.Type]),
  );
  const ListenerArn = listener?.Listeners?.[0]?.ListenerArn;
  const weighted = {
    ListenerArn,
    Priority: 1,
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/router*'] } }],
    Actions: [
      {
        Type: 'forward' as const,
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: green, Weight: 36 },
            { TargetGroupArn: yellow, Weight: 9 },
          ],
        },
      },
    ],
  };
  const created = await r.step(
    'create weighted rule',
    () => elbv2.send(new CreateRuleCommand(weighted)),
    (o) => o.Rules?.map((rule) => ruleFields(rule, names)),
  );
  const RuleArn = created?.Rules?.[0]?.RuleArn;
  r.note('rule arn', shape(RuleArn));
  await r.step(
    'describe rules of the listener',
    () => elbv2.send(new DescribeRulesCommand({ ListenerArn })),
    (o) => o.Rules?.map((rule) => ruleFields(rule, names)),
  );
  await r.step(
    'create rule at a taken priority',
    () => elbv2.send(new CreateRuleCommand(weighted)),
    () => 'created',
  );
  await r.step(
    'modify rule to one target group',
    () =>
      elbv2.send(
        new ModifyRuleCommand({
          RuleArn,
          Actions: [
            { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: green, Weight: 1 }] } },
          ],
        }),
      ),
    (o) => o.Rules?.map((rule) => ruleFields(rule, names)),
  );
  await r.step(
    'set rule priority',
    () => elbv2.send(new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn, Priority: 5 }] })),
    (o) => o.Rules?.map((rule) => rule.Priority),
  );
  await r.step(
    'delete target group a rule uses',
    () => elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: green })),
    () => 'deleted',
  );
  await r.step(
    'delete rule',
    () => elbv2.send(new DeleteRuleCommand({ RuleArn })),
    () => 'deleted',
  );
  await r.step(
    'delete rule again',
    () => elbv2.send(new DeleteRuleCommand({ RuleArn })),
    () => 'deleted',
  );
  await r.step(
    'describe rules after delete',
    () => elbv2.send(new DescribeRulesCommand({ ListenerArn })),
    (o) => o.Rules?.map((rule) => ruleFields(rule, names)),
  );
  await r.step(
    'delete listener',
    () => elbv2.send(new DeleteListenerCommand({ ListenerArn })),
    () => 'deleted',
  );
  for (const arn of [green, yellow])
    await r.step(
      `delete target group ${names.get(arn)}`,
      () => elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn })),
      () => 'deleted',
    );
  await r.step(
    'delete load balancer',
    () => elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn })),
    () => 'deleted',
  );
  return r.observations;
};
