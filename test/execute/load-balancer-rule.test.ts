/**
 * The ALB listener rule handler on the local cloud: a rule is found by its plan-name tag (ELBv2
 * rules have no name), a priority change is one SetRulePriorities, a condition, action or
 * transform change one ModifyRule (transforms the plan no longer has are reset), and a create whose
 * priority a rule of the same name holds (a lost response) adopts it, while another rule's priority
 * is an error.
 */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { loadBalancerRuleHandler as handler } from '../../src/execute/handlers/load-balancer-rule.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';
import { RULE_TAG_KEY } from '../../src/plan/names.js';
import type { ResourceInputs } from '../../src/plan/resource.js';
import { realTimeContext } from '../support/handler-context.js';

async function listenerWithGroup() {
  const cloud = createLocalCloud();
  const ctx = realTimeContext(cloud);
  const { elbv2 } = ctx.clients;
  const { vpcId, subnetIds } = cloud.defaultNetwork();
  const lb = await elbv2.send(
    new CreateLoadBalancerCommand({ Name: 'gw', Type: 'application', Subnets: subnetIds.slice(0, 2) }),
  );
  const tg = await elbv2.send(
    new CreateTargetGroupCommand({
      Name: 'blue',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: vpcId,
      TargetType: 'ip',
    }),
  );
  const listener = await elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancers?.[0]?.LoadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
    }),
  );
  const input = (name: string, priority: number): ResourceInputs['loadBalancerRule'] => ({
    ListenerArn: listener.Listeners?.[0]?.ListenerArn,
    Priority: priority,
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
    Actions: [
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [{ TargetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn, Weight: 1 }],
        },
      },
    ],
    Transforms: [
      {
        Type: 'host-header-rewrite',
        HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^.*$', Replace: 'blue.colors.local' }] },
      },
    ],
    Tags: [{ Key: RULE_TAG_KEY, Value: name }],
  });
  const writes = (from: number) =>
    cloud
      .callLog()
      .slice(from)
      .filter((c) => c.write)
      .map((c) => c.command);
  return { cloud, ctx, input, writes };
}

describe('loadBalancerRule handler', () => {
  it('reads a rule back by its tag, with nothing to change', async () => {
    const { ctx, input } = await listenerWithGroup();
    expect(await handler.read(input('to-blue', 3), ctx)).toBeUndefined();
    const created = await handler.create(input('to-blue', 3), ctx);
    await handler.create(input('other', 4), ctx);
    const observed = await handler.read(input('to-blue', 3), ctx);
    expect(observed?.attributes).toEqual(created);
    expect(observed?.tags[RULE_TAG_KEY]).toBe('to-blue');
    expect(handler.changes(input('to-blue', 3), observed as NonNullable<typeof observed>)).toEqual([]);
  });

  it('moves a rule with SetRulePriorities alone, and resets transforms the plan dropped with ModifyRule', async () => {
    const { cloud, ctx, input, writes } = await listenerWithGroup();
    await handler.create(input('to-blue', 3), ctx);
    const moved = input('to-blue', 9);
    let observed = await handler.read(moved, ctx);
    expect(handler.changes(moved, observed as NonNullable<typeof observed>)).toEqual(['Priority']);
    let mark = cloud.callLog().length;
    await handler.update?.(moved, observed as NonNullable<typeof observed>, ctx);
    expect(writes(mark)).toEqual(['SetRulePriorities']);

    const { Transforms: _dropped, ...plain } = moved;
    observed = await handler.read(plain, ctx);
    expect(handler.changes(plain, observed as NonNullable<typeof observed>)).toEqual(['Transforms']);
    mark = cloud.callLog().length;
    await handler.update?.(plain, observed as NonNullable<typeof observed>, ctx);
    expect(writes(mark)).toEqual(['ModifyRule']);
    observed = await handler.read(plain, ctx);
    expect(handler.changes(plain, observed as NonNullable<typeof observed>)).toEqual([]);
    expect((observed?.current as { Priority?: number } | undefined)?.Priority).toBe(9);
  });

  it("adopts its own rule when a create finds the priority taken by it, and fails on another rule's", async () => {
    const { ctx, input } = await listenerWithGroup();
    const first = await handler.create(input('to-blue', 3), ctx);
    expect(await handler.create(input('to-blue', 3), ctx)).toEqual(first);
    await expect(handler.create(input('someone-else', 3), ctx)).rejects.toThrow(
      /Priority '3' is currently in use/,
    );
  });

  it('deletes, and a second delete of the gone rule succeeds', async () => {
    const { ctx, input } = await listenerWithGroup();
    const created = await handler.create(input('to-blue', 3), ctx);
    await handler.delete(created, input('to-blue', 3), ctx);
    expect(await handler.read(input('to-blue', 3), ctx)).toBeUndefined();
    await handler.delete(created, input('to-blue', 3), ctx);
  });
});
