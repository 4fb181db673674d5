/**
 * apply / diff / destroy / rollback of a VPC Lattice plan on the local cloud: the guarantees the
 * other kinds have (a second apply writes nothing, a weight change is one UpdateRule, destroy and
 * a failed apply leave the cloud as it was), and what is not this plan's is never written.
 */
import {
  CreateServiceNetworkCommand,
  CreateTargetGroupCommand,
  DeregisterTargetsCommand,
  ListTargetsCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-vpc-lattice';
import { describe, expect, it } from 'vitest';
import { isMeshError } from '../../src/errors/mesh-error.js';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { diff } from '../../src/execute/diff.js';
import type { HandlerContext, Observed } from '../../src/execute/handlers/types.js';
import { latticeAuthPolicyHandler } from '../../src/execute/handlers/vpc-lattice-auth-policy.js';
import { latticeRuleHandler } from '../../src/execute/handlers/vpc-lattice-rule.js';
import { latticeTargetGroupHandler } from '../../src/execute/handlers/vpc-lattice-target-group.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import { latticePlan } from '../fixtures/lattice-plan.js';
import { forEachLimited, oneTo } from '../support/for-each-limited.js';
import { colorMeshIn, fastExecution, fastLocalCloud, withoutRunIds } from '../support/local-color-mesh.js';
import { clientsWith } from './support/client-hooks.js';

function planIn(cloud: LocalCloud, weights?: readonly [number, number]) {
  const { vpcId } = cloud.defaultNetwork();
  return latticePlan({ vpcId, region: cloud.region, accountId: cloud.accountId, weights });
}

/** Write calls (anything but Describe/Get/List) made since `from` in the call log. */
function writesSince(cloud: LocalCloud, from: number): string[] {
  return cloud
    .callLog()
    .slice(from)
    .filter((c) => c.write)
    .map((c) => `${c.service}:${c.command}`);
}

describe('a VPC Lattice plan on the local cloud', () => {
  it('is created, a second apply writes nothing, a weight change updates that rule only, destroy leaves the cloud as before', async () => {
    const cloud = fastLocalCloud();
    await cloud.settle();
    const before = cloud.snapshot();
    const plan = planIn(cloud);

    const first = await apply(plan, fastExecution(cloud));
    expect(first.error).toBeUndefined();
    expect(first.results.filter((r) => r.outcome !== 'created')).toEqual([]);
    await cloud.settle();
    const lattice = cloud.snapshot().vpcLattice as Record<string, unknown[]>;
    expect(Object.keys(lattice.rules ?? {})).toHaveLength(1);

    let mark = cloud.callLog().length;
    const second = await apply(plan, fastExecution(cloud));
    expect(second.ok).toBe(true);
    expect(new Set(second.results.map((r) => r.outcome))).toEqual(new Set(['unchanged']));
    expect(writesSince(cloud, mark)).toEqual([]);
    const planned = await diff(plan, fastExecution(cloud));
    expect(planned.entries.filter((d) => d.action !== 'unchanged')).toEqual([]);

    mark = cloud.callLog().length;
    const reweighted = await apply(planIn(cloud, [50, 50]), fastExecution(cloud));
    expect(reweighted.ok).toBe(true);
    expect(reweighted.results.filter((r) => r.outcome !== 'unchanged').map((r) => [r.id, r.outcome])).toEqual(
      [['vpcLattice/service/color-router/listener/http-80/rule/color-route', 'updated']],
    );
    expect(writesSince(cloud, mark)).toEqual(['vpcLattice:UpdateRule']);

    const destroyed = await destroy(planIn(cloud, [50, 50]), fastExecution(cloud));
    expect(destroyed.error).toBeUndefined();
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
  });

  /** The Lattice part of the cloud after an apply of the plan with no faults. */
  async function cleanLattice(): Promise<unknown> {
    const clean = fastLocalCloud();
    await apply(planIn(clean), fastExecution(clean));
    await clean.settle();
    return withoutRunIds(clean.snapshot().vpcLattice);
  }

  it('when the response of every first create is lost (AWS made it), the retried create makes no second one', async () => {
    const creates = [
      'CreateServiceNetwork',
      'CreateServiceNetworkVpcAssociation',
      'CreateService',
      'CreateServiceNetworkServiceAssociation',
      'CreateTargetGroup',
      'CreateListener',
      'CreateRule',
      'PutAuthPolicy',
    ];
    const cloud = fastLocalCloud({
      faults: {
        failCalls: creates.map((command) => ({
          command: `vpcLattice:${command}`,
          nth: 1,
          afterEffect: true,
        })),
      },
    });
    const result = await apply(planIn(cloud), fastExecution(cloud));
    expect(result.error).toBeUndefined();
    await cloud.settle();
    const lost = cloud.callLog().filter((c) => c.lostResponse === true);
    expect(new Set(lost.map((c) => c.command))).toEqual(new Set(creates));
    expect(withoutRunIds(cloud.snapshot().vpcLattice)).toEqual(await cleanLattice());
  });

  it('with a third of calls throttled, responses of writes lost at random and reads lagging, apply makes each resource once', async () => {
    const cloud = fastLocalCloud({
      faults: {
        seed: 3,
        throttleRate: 0.3,
        lostResponseRate: 0.2,
        transportErrorCalls: 'writes',
        consistencyWindowMs: 15,
      },
    });
    const result = await apply(planIn(cloud), fastExecution(cloud));
    expect(result.error).toBeUndefined();
    await cloud.settle();
    expect(cloud.callLog().filter((c) => c.error === 'ThrottlingException').length).toBeGreaterThan(5);
    expect(withoutRunIds(cloud.snapshot().vpcLattice)).toEqual(await cleanLattice());
  });

  it('the color mesh on service-connect+vpc-lattice, with 30% of calls throttled and reads lagging: one of each Lattice resource, then a second apply writes nothing', async () => {
    const latticeColor = (cloud: LocalCloud) =>
      colorMeshIn(cloud).plan({ target: 'service-connect+vpc-lattice' });
    const clean = fastLocalCloud();
    expect((await apply(latticeColor(clean), fastExecution(clean))).error?.message).toBeUndefined();
    await clean.settle();

    const cloud = fastLocalCloud({ faults: { seed: 17, throttleRate: 0.3, consistencyWindowMs: 15 } });
    const plan = latticeColor(cloud);
    const result = await apply(plan, fastExecution(cloud));
    expect(result.error?.message).toBeUndefined();
    await cloud.settle();
    const throttled = cloud.callLog().filter((c) => c.error !== undefined);
    expect(throttled.filter((c) => c.service === 'vpcLattice').length).toBeGreaterThan(5);
    // No second rule, target group, service or association, and the same security group rules.
    const lattice = cloud.snapshot().vpcLattice as Record<string, unknown[]>;
    expect(Object.values(lattice.rules ?? {})).toHaveLength(1);
    expect(Object.values(lattice.targetGroups ?? {})).toHaveLength(2);
    expect(withoutRunIds(cloud.snapshot().vpcLattice)).toEqual(withoutRunIds(clean.snapshot().vpcLattice));
    expect(withoutRunIds(cloud.snapshot().ec2)).toEqual(withoutRunIds(clean.snapshot().ec2));

    const mark = cloud.callLog().length;
    const again = await apply(plan, fastExecution(cloud));
    expect(again.error?.message).toBeUndefined();
    expect(writesSince(cloud, mark)).toEqual([]);
  }, 60_000);

  it('failure at every write call k: after rollback the cloud equals the cloud before apply', async () => {
    const probe = fastLocalCloud();
    const plan = planIn(probe);
    await probe.settle();
    const before = JSON.stringify(probe.snapshot());
    const mark = probe.callLog().length;
    await apply(plan, fastExecution(probe));
    const writes = writesSince(probe, mark).length;
    expect(writes).toBeGreaterThanOrEqual(plan.resources.length);

    const failing: string[] = [];
    await forEachLimited(oneTo(writes), 4, async (k) => {
      const denied = () =>
        Object.assign(new Error(`Injected denial of write call ${k}`), { name: 'AccessDeniedException' });
      const cloud = fastLocalCloud({ faults: { failCalls: [{ writesOnly: true, nth: k, error: denied }] } });
      const result = await apply(plan, fastExecution(cloud));
      await cloud.settle();
      const problems: string[] = [];
      if (result.ok) problems.push('apply succeeded');
      if (!result.rolledBack) problems.push('no rollback');
      if (result.error !== undefined && !isMeshError(result.error)) problems.push('error is not a MeshError');
      if (JSON.stringify(cloud.snapshot()) !== before) problems.push('cloud differs from before');
      if (problems.length > 0) failing.push(`k=${k}: ${problems.join(', ')}`);
    });
    expect(failing.sort()).toEqual([]);
  });

  it('adopts a service network and a target group made by hand under its names, never writes or deletes them', async () => {
    const cloud = fastLocalCloud();
    const lattice = cloud.clients().vpcLattice;
    const plan = planIn(cloud);
    const { vpcId } = cloud.defaultNetwork();
    // The target group is there before the apply reads; the service network is made between the
    // apply's read and its create, which AWS refuses with ConflictException.
    await lattice.send(
      new CreateTargetGroupCommand({
        name: 'lattice-demo-yellow',
        type: 'IP',
        config: { port: 8080, protocol: 'HTTP', vpcIdentifier: vpcId },
      }),
    );
    let raced = false;
    const clients = clientsWith(cloud, async (command, send) => {
      if (command === 'CreateServiceNetwork' && !raced) {
        raced = true;
        await lattice.send(new CreateServiceNetworkCommand({ name: 'lattice-demo', authType: 'NONE' }));
      }
      return send();
    });
    /** The service networks and target groups without this tool's tags. */
    const handMade = () => {
      const { serviceNetworks, targetGroups } = cloud.snapshot().vpcLattice as Record<
        string,
        { tags: Record<string, string> }[]
      >;
      return [...(serviceNetworks ?? []), ...(targetGroups ?? [])].filter(
        (entry) => entry.tags['appmesh-builder:mesh'] === undefined,
      );
    };
    const mark = cloud.callLog().length;

    const result = await apply(plan, { ...fastExecution(cloud), clients });
    const outcome = (id: string) => result.results.find((r) => r.id === id);
    expect(outcome('vpcLattice/serviceNetwork/lattice-demo')).toMatchObject({
      outcome: 'adopted',
      changes: ['authType'],
    });
    expect(outcome('vpcLattice/targetGroup/lattice-demo-yellow')?.outcome).toBe('adopted');
    const writes = writesSince(cloud, mark);
    expect(writes).not.toContain('vpcLattice:UpdateServiceNetwork');
    expect(writes).not.toContain('vpcLattice:UpdateTargetGroup');
    // The plan's create was refused (ConflictException) and what holds the name was adopted.
    expect(raced).toBe(true);
    expect(writes.filter((w) => w === 'vpcLattice:CreateServiceNetwork')).toHaveLength(2);
    expect(writes.filter((w) => w === 'vpcLattice:CreateTargetGroup')).toHaveLength(1);

    const kept = handMade();
    expect(kept).toHaveLength(2);
    const destroyed = await destroy(plan, fastExecution(cloud));
    expect(destroyed.error).toBeUndefined();
    expect(
      destroyed.results
        .filter((r) => r.outcome === 'kept')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['vpcLattice/serviceNetwork/lattice-demo', 'vpcLattice/targetGroup/lattice-demo-yellow']);
    await cloud.settle();
    expect(handMade()).toEqual(kept);
    const left = cloud.snapshot().vpcLattice as Record<string, Record<string, unknown>>;
    expect(Object.keys(left.services ?? {})).toEqual([]);
    expect(Object.keys(left.vpcAssociations ?? {})).toEqual([]);
  });
});

describe('what a VPC Lattice rule and auth policy compare', () => {
  const TG = 'tg-0123456789abcdef0';
  const TG_ARN = `arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/${TG}`;
  const observed = (current: object): Observed => ({
    attributes: { id: 'rule-0123456789abcdef0', name: 'color-route' },
    current,
    tags: {},
  });
  const rule = {
    serviceIdentifier: 'svc-0123456789abcdef0',
    listenerIdentifier: 'listener-0123456789abcdef0',
    name: 'color-route',
    priority: 1,
    match: { httpMatch: { pathMatch: { match: { prefix: '/' } } } },
    action: { forward: { targetGroups: [{ targetGroupIdentifier: TG_ARN, weight: 100 }] } },
  };

  it('a rule found with a condition the plan no longer has is a change; AWS naming a target group by id is not', () => {
    const current = {
      ...rule,
      match: {
        httpMatch: {
          pathMatch: { match: { prefix: '/' }, caseSensitive: false },
          headerMatches: [{ name: 'x-canary', match: { exact: 'yes' } }],
        },
      },
      action: { forward: { targetGroups: [{ targetGroupIdentifier: TG, weight: 100 }] } },
    };
    expect(latticeRuleHandler.changes(rule, observed(current))).toEqual(['match.httpMatch.headerMatches']);
    const { headerMatches: _dropped, ...same } = current.match.httpMatch;
    expect(latticeRuleHandler.changes(rule, observed({ ...current, match: { httpMatch: same } }))).toEqual(
      [],
    );
  });

  it('an auth policy is compared exactly, as data: a condition added by hand is a change, spacing is not', () => {
    const statement = { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' };
    const desired = {
      resourceIdentifier: 'svc-0123456789abcdef0',
      policy: JSON.stringify({ Statement: [statement] }),
    };
    const respaced = JSON.stringify({ Statement: [statement] }, null, 1).replace(/\n/g, ' ');
    const conditioned = JSON.stringify({
      Statement: [{ ...statement, Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } } }],
    });
    expect(latticeAuthPolicyHandler.changes(desired, observed({ ...desired, policy: respaced }))).toEqual([]);
    expect(latticeAuthPolicyHandler.changes(desired, observed({ ...desired, policy: conditioned }))).toEqual([
      'policy',
    ]);
  });
});

describe('deleting a VPC Lattice target group with targets', () => {
  const TARGET = { id: '10.0.1.25', port: 9080 };

  /** A target group of the plan, made by its handler, with a target registered as ECS would. */
  async function groupWithTarget(onSleep: (ctx: HandlerContext) => Promise<void>) {
    const cloud = fastLocalCloud();
    const clients = cloud.clients({ maxAttempts: 1, direct: true });
    const ctx: HandlerContext = {
      clients,
      sleep: () => onSleep(ctx),
      pollIntervalMs: 1,
      maxWaitMs: 20,
    };
    const group = planIn(cloud).resources.find((r) => r.kind === 'latticeTargetGroup');
    if (group?.kind !== 'latticeTargetGroup') throw new Error('the plan has no Lattice target group');
    const attributes = await latticeTargetGroupHandler.create(group.input, ctx);
    await clients.vpcLattice.send(
      new RegisterTargetsCommand({ targetGroupIdentifier: attributes.id, targets: [TARGET] }),
    );
    return { cloud, ctx, group, attributes };
  }

  it('waits until the targets are deregistered (by ECS, as its tasks stop), then deletes it', async () => {
    let polls = 0;
    const { cloud, ctx, group, attributes } = await groupWithTarget(async ({ clients }) => {
      polls++;
      if (polls === 2)
        await clients.vpcLattice.send(
          new DeregisterTargetsCommand({ targetGroupIdentifier: attributes.id, targets: [TARGET] }),
        );
    });
    await latticeTargetGroupHandler.delete(attributes, group.input, ctx);
    expect(polls).toBe(2);
    expect(await latticeTargetGroupHandler.read(group.input, ctx)).toBeUndefined();
    // The only deregistration is the one standing for ECS's.
    expect(cloud.callLog().filter((c) => c.command === 'DeregisterTargets')).toHaveLength(1);
  });

  it('never deregisters a target itself: when none leaves, it gives up and the group stays', async () => {
    const { cloud, ctx, group, attributes } = await groupWithTarget(async () => {});
    await expect(latticeTargetGroupHandler.delete(attributes, group.input, ctx)).rejects.toThrow(
      /Gave up waiting .*targets of target group lattice-demo-green to be deregistered/,
    );
    expect(cloud.callLog().filter((c) => c.command === 'DeregisterTargets')).toEqual([]);
    const { items } = await ctx.clients.vpcLattice.send(
      new ListTargetsCommand({ targetGroupIdentifier: attributes.id }),
    );
    expect(items?.map((t) => ({ id: t.id, port: t.port }))).toEqual([TARGET]);
  });
});
