/**
 * apply / diff / destroy on the local cloud with the color tutorial's mesh: what the issue asks the
 * executor to prove, except the crash tests (crash.test.ts).
 */
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { isMeshError } from '../../src/errors/mesh-error.js';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { diff } from '../../src/execute/diff.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import { isReferenced } from '../../src/plan/referenced.js';
import { forEachLimited, oneTo } from '../support/for-each-limited.js';
import { colorMeshIn, fastExecution, fastLocalCloud, withoutRunIds } from '../support/local-color-mesh.js';

/** Write calls (anything but Describe/Get/List/Discover) made since `from` in the call log. */
function writesSince(cloud: LocalCloud, from: number): string[] {
  return cloud
    .callLog()
    .slice(from)
    .filter((c) => c.write)
    .map((c) => `${c.service}:${c.command}`);
}

/** The local cloud's resources, counted by kind, to spot duplicates. */
function countAll(snapshot: Record<string, Record<string, unknown>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [service, kinds] of Object.entries(snapshot)) {
    for (const [kind, list] of Object.entries(kinds)) {
      counts[`${service}.${kind}`] = Array.isArray(list) ? list.length : Object.keys(list as object).length;
    }
  }
  return counts;
}

describe('apply on the local cloud', () => {
  it('creates the whole color mesh, then a second apply writes nothing', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const first = await apply(plan, fastExecution(cloud));
    expect(first.error).toBeUndefined();
    expect(first.ok).toBe(true);
    expect(first.results.filter((r) => r.outcome !== 'created')).toEqual([]);
    await cloud.settle();

    const mark = cloud.callLog().length;
    const second = await apply(plan, fastExecution(cloud));
    expect(second.ok).toBe(true);
    expect(new Set(second.results.map((r) => r.outcome))).toEqual(new Set(['unchanged']));
    expect(writesSince(cloud, mark)).toEqual([]);
    expect((await diff(plan, fastExecution(cloud))).entries.filter((d) => d.action !== 'unchanged')).toEqual(
      [],
    );
  });

  it('changing the router weights updates only that route; adding a backend updates only that node', async () => {
    const cloud = fastLocalCloud();
    await apply(colorMeshIn(cloud).plan(), fastExecution(cloud));

    let mark = cloud.callLog().length;
    const weights = await apply(
      colorMeshIn(cloud, { routeTargets: { green: 0, yellow: 1 } }).plan(),
      fastExecution(cloud),
    );
    expect(weights.results.filter((r) => r.outcome !== 'unchanged').map((r) => [r.id, r.outcome])).toEqual([
      ['mesh/color-mesh/virtualRouter/color-router/route/color-route', 'updated'],
    ]);
    expect(writesSince(cloud, mark)).toEqual(['appMesh:UpdateRoute']);

    mark = cloud.callLog().length;
    const backend = await apply(
      colorMeshIn(cloud, {
        routeTargets: { green: 0, yellow: 1 },
        redBackends: ['router.colors.local', 'blue.colors.local'],
      }).plan(),
      fastExecution(cloud),
    );
    expect(backend.results.filter((r) => r.outcome !== 'unchanged').map((r) => [r.id, r.outcome])).toEqual([
      ['mesh/color-mesh/virtualNode/red', 'updated'],
    ]);
    expect(writesSince(cloud, mark)).toEqual(['appMesh:UpdateVirtualNode']);
  });

  it('with 30% of calls throttled and an eventual-consistency window, succeeds with no duplicates', async () => {
    const clean = fastLocalCloud();
    await apply(colorMeshIn(clean).plan(), fastExecution(clean));
    await clean.settle();

    const cloud = fastLocalCloud({ faults: { seed: 11, throttleRate: 0.3, consistencyWindowMs: 15 } });
    const result = await apply(colorMeshIn(cloud).plan(), fastExecution(cloud));
    expect(result.error).toBeUndefined();
    await cloud.settle();
    expect(cloud.callLog().filter((c) => c.error !== undefined).length).toBeGreaterThan(20);
    expect(countAll(cloud.snapshot())).toEqual(countAll(clean.snapshot()));
    expect(withoutRunIds(cloud.snapshot())).toEqual(withoutRunIds(clean.snapshot()));
  }, 60_000);

  it('destroy removes what it created and keeps what it did not', async () => {
    const cloud = fastLocalCloud();
    await cloud.settle();
    const before = cloud.snapshot();
    const plan = colorMeshIn(cloud).plan();
    await apply(plan, fastExecution(cloud));
    const result = await destroy(plan, fastExecution(cloud));
    expect(result.error).toBeUndefined();
    expect(new Set(result.results.map((r) => r.outcome))).toEqual(new Set(['deleted']));
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
  });

  it('applies again after a destroy: a new run is a new request, not a replay of the old tokens', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    await apply(plan, fastExecution(cloud));
    await cloud.settle();
    const first = cloud.snapshot();
    await destroy(plan, fastExecution(cloud));
    const again = await apply(plan, fastExecution(cloud));
    expect(again.error).toBeUndefined();
    expect(new Set(again.results.map((r) => r.outcome))).toEqual(new Set(['created']));
    await cloud.settle();
    expect(withoutRunIds(cloud.snapshot().appMesh)).toEqual(withoutRunIds(first.appMesh));
  });

  it('adopts what already existed without its tag, and destroy leaves it', async () => {
    const cloud = fastLocalCloud();
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });
    const plan = colorMeshIn(cloud).plan();
    const role = plan.resources.find((r) => r.kind === 'iamRole' && r.name.includes('execution'));
    expect(role).toBeDefined();
    await cloud
      .clients()
      .iam.send(new CreateRoleCommand({ RoleName: role?.name, AssumeRolePolicyDocument: trust }));

    const applied = await apply(plan, fastExecution(cloud));
    expect(applied.ok).toBe(true);
    expect(applied.results.find((r) => r.id === role?.id)?.outcome).toBe('adopted');

    const destroyed = await destroy(plan, fastExecution(cloud));
    expect(destroyed.ok).toBe(true);
    expect(destroyed.results.find((r) => r.id === role?.id)?.outcome).toBe('kept');
    const left = await cloud.clients().iam.send(new GetRoleCommand({ RoleName: role?.name }));
    expect(left.Role?.RoleName).toBe(role?.name);
  });

  it('with a signal and many calls waiting out retries at once, Node prints no listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const cloud = fastLocalCloud({ faults: { seed: 7, throttleRate: 0.6 } });
      const signal = new AbortController().signal;
      const applied = await apply(colorMeshIn(cloud).plan(), {
        ...fastExecution(cloud),
        signal,
        concurrency: 40,
      });
      expect(applied.ok).toBe(true);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('an aborted apply starts nothing new, then undoes what it created', async () => {
    const cloud = fastLocalCloud();
    await cloud.settle();
    const before = cloud.snapshot();
    const controller = new AbortController();
    const plan = colorMeshIn(cloud).plan();
    let finished = 0;
    const result = await apply(plan, {
      ...fastExecution(cloud),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'finish' && ++finished === 5) controller.abort(new Error('stop'));
      },
    });
    expect(result.ok).toBe(false);
    expect(result.rolledBack).toBe(true);
    const outcomes = new Set(result.results.map((r) => r.outcome));
    expect(outcomes.has('skipped')).toBe(true);
    expect(outcomes.has('created')).toBe(false);
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
  });

  it.each([
    { target: 'app-mesh' as const },
    { target: 'service-connect' as const },
    { target: 'service-connect+vpc-lattice' as const },
  ])(
    'failure at every write call k ($target): after rollback the cloud equals the cloud before apply',
    async (options) => {
      const probe = fastLocalCloud();
      const plan = colorMeshIn(probe).plan(options);
      await probe.settle();
      const before = probe.snapshot();
      const mark = probe.callLog().length;
      await apply(plan, fastExecution(probe));
      const writes = writesSince(probe, mark).length;
      // At least one write per resource the plan writes (a referenced one is only read).
      expect(writes).toBeGreaterThanOrEqual(plan.resources.filter((r) => !isReferenced(r.kind)).length);

      const failing: string[] = [];
      await forEachLimited(oneTo(writes), 6, async (k) => {
        const denied = () =>
          Object.assign(new Error(`Injected denial of write call ${k}`), { name: 'AccessDeniedException' });
        const cloud = fastLocalCloud({
          faults: { failCalls: [{ writesOnly: true, nth: k, error: denied }] },
        });
        const result = await apply(plan, fastExecution(cloud));
        await cloud.settle();
        const problems: string[] = [];
        if (result.ok) problems.push('apply succeeded');
        if (!result.rolledBack) problems.push('no rollback');
        if (result.error !== undefined && !isMeshError(result.error))
          problems.push('error is not a MeshError');
        if (JSON.stringify(cloud.snapshot()) !== JSON.stringify(before))
          problems.push('cloud differs from before');
        if (problems.length > 0) failing.push(`k=${k}: ${problems.join(', ')}`);
      });
      expect(failing.sort()).toEqual([]);
    },
    120_000,
  );
});
