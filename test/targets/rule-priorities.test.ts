/**
 * Routes moving between priorities on a running plan: a VPC Lattice listener and an ALB listener
 * keep priorities unique at every moment, so two routes swapping priorities, or a renamed route
 * taking the priority of the one it replaces, must still apply, end with exactly the priorities
 * the plan asks for, and leave nothing to write on the next apply.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { gatewayListener, listener, mesh } from '../../src/index.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import type { PlanOptions } from '../../src/plan/plan-options.js';
import { task } from '../fixtures/lattice-routing-mesh.js';
import { fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

/** [route name, priority, prefix]: /a goes to node a, anything else to node b. */
type Routes = readonly (readonly [string, number, string])[];

function nodes(cloud: LocalCloud) {
  const { vpcId, subnetIds } = cloud.defaultNetwork();
  const ecs = { region: cloud.region, accountId: cloud.accountId, vpcId, subnets: subnetIds.slice(0, 2) };
  return mesh('shop')
    .ecs({ ...ecs, cluster: 'shop' })
    .node('a', (n) => n.listener(listener.http(8080)).task(task('a')))
    .node('b', (n) => n.listener(listener.http(8080)).task(task('b')));
}

function routerMesh(cloud: LocalCloud, routes: Routes) {
  return nodes(cloud)
    .router('r', (r) =>
      routes.reduce(
        (router, [name, priority, prefix]) =>
          router.route(name, { priority, match: { prefix }, targets: { [prefix === '/a' ? 'a' : 'b']: 1 } }),
        r.listener(listener.http(8080)),
      ),
    )
    .service('api.shop.local', { router: 'r' });
}

/** The gateway's two routes: the first to a.shop.local, the second to b.shop.local. */
function gatewayMesh(cloud: LocalCloud, [first, second]: Routes) {
  const route = ([, priority, prefix]: readonly [string, number, string]) => ({
    priority,
    match: { prefix },
  });
  if (first === undefined || second === undefined) throw new Error('two routes');
  return nodes(cloud)
    .service('a.shop.local', { node: 'a' })
    .service('b.shop.local', { node: 'b' })
    .gateway('gw')
    .listener(gatewayListener.http(80))
    .route(first[0], { ...route(first), target: 'a.shop.local' })
    .route(second[0], { ...route(second), target: 'b.shop.local' })
    .task({ cpu: 256, memory: 512 })
    .loadBalancer({ name: 'gw-lb', subnets: cloud.defaultNetwork().subnetIds.slice(2, 4), port: 80 });
}

const latticeRules = (cloud: LocalCloud) =>
  (cloud.snapshot().vpcLattice as { rules: { name: string; priority: number }[] }).rules
    .map((rule) => `${rule.name} ${rule.priority}`)
    .sort();
const albRules = (cloud: LocalCloud) =>
  (cloud.snapshot().elbv2 as { rules: { priority: number; tags: { Key: string; Value: string }[] }[] }).rules
    .map((rule) => `${rule.tags.find((tag) => tag.Key === 'appmesh-builder:rule')?.Value} ${rule.priority}`)
    .sort();

async function applySteps(
  make: (cloud: LocalCloud, routes: Routes) => { plan(options: PlanOptions): never },
  target: PlanOptions['target'],
  read: (cloud: LocalCloud) => string[],
) {
  const cloud = fastLocalCloud();
  const journalPath = join(mkdtempSync(join(tmpdir(), 'rule-priorities-')), 'journal.jsonl');
  const run = async (routes: Routes) => {
    const plan = make(cloud, routes).plan({ target });
    const result = await apply(plan, { ...fastExecution(cloud), journalPath });
    expect(result.error?.message).toBeUndefined();
    const mark = cloud.callLog().length;
    await apply(plan, { ...fastExecution(cloud), journalPath });
    expect(
      cloud
        .callLog()
        .slice(mark)
        .filter((call) => call.write),
    ).toEqual([]);
    return read(cloud);
  };
  return run;
}

describe('route priorities moving on a running plan', () => {
  for (const target of ['service-connect+vpc-lattice', 'vpc-lattice'] as const)
    it(`Lattice rules (${target}): two routes swap priorities, then one is renamed at its priority`, async () => {
      const run = await applySteps(routerMesh as never, target, latticeRules);
      expect(
        await run([
          ['one', 1, '/a'],
          ['two', 2, '/b'],
        ]),
      ).toEqual(['one 2', 'two 3']);
      expect(
        await run([
          ['one', 2, '/a'],
          ['two', 1, '/b'],
        ]),
      ).toEqual(['one 3', 'two 2']);
      expect(
        await run([
          ['uno', 2, '/a'],
          ['two', 1, '/b'],
        ]),
      ).toEqual(['two 2', 'uno 3']);
      // A route inserted first: every rule moves down one.
      expect(
        await run([
          ['zero', 1, '/b'],
          ['two', 2, '/b'],
          ['uno', 3, '/a'],
        ]),
      ).toEqual(['two 3', 'uno 4', 'zero 2']);
    });

  it('ALB rules of a gateway: two routes swap priorities, then one is renamed at its priority', async () => {
    const run = await applySteps(gatewayMesh as never, 'service-connect+vpc-lattice', albRules);
    expect(
      await run([
        ['one', 1, '/a'],
        ['two', 2, '/b'],
      ]),
    ).toEqual(['one 2', 'two 3']);
    expect(
      await run([
        ['one', 2, '/a'],
        ['two', 1, '/b'],
      ]),
    ).toEqual(['one 3', 'two 2']);
    expect(
      await run([
        ['uno', 2, '/a'],
        ['two', 1, '/b'],
      ]),
    ).toEqual(['two 2', 'uno 3']);
  });
});

describe('route priorities swapped under faults', () => {
  const before: Routes = [
    ['one', 1, '/a'],
    ['two', 2, '/b'],
  ];
  const swapped: Routes = [
    ['one', 2, '/a'],
    ['two', 1, '/b'],
  ];
  const target = 'service-connect+vpc-lattice';
  const running = async (make: typeof routerMesh | typeof gatewayMesh) => {
    const cloud = fastLocalCloud();
    const journalPath = join(mkdtempSync(join(tmpdir(), 'rule-priorities-')), 'journal.jsonl');
    const execution = { ...fastExecution(cloud), journalPath };
    expect((await apply(make(cloud, before).plan({ target }), execution)).error?.message).toBeUndefined();
    await cloud.settle();
    return { cloud, execution, plan: make(cloud, swapped).plan({ target }) };
  };

  it('a write denied at any step of the swap: the rollback puts back exactly the priorities before', async () => {
    const probe = await running(routerMesh);
    const mark = probe.cloud.callLog().length;
    await apply(probe.plan, probe.execution);
    const writes = probe.cloud
      .callLog()
      .slice(mark)
      .filter((call) => call.write).length;
    // The refused UpdateRule, the trade, the two rules' UpdateRule.
    expect(writes).toBeGreaterThanOrEqual(4);
    for (let k = 1; k <= writes; k++) {
      const { cloud, execution, plan } = await running(routerMesh);
      const denied = () => Object.assign(new Error(`write ${k} denied`), { name: 'AccessDeniedException' });
      cloud.setFaults({ failCalls: [{ writesOnly: true, nth: k, error: denied }] });
      const result = await apply(plan, execution);
      expect([k, result.ok, result.rolledBack]).toEqual([k, false, true]);
      expect([k, ...latticeRules(cloud)]).toEqual([k, 'one 2', 'two 3']);
    }
  });

  it("the trade's response lost after it took effect: the retry leaves the swap made once", async () => {
    for (const [make, command, read] of [
      [routerMesh, 'BatchUpdateRule', latticeRules],
      [gatewayMesh, 'SetRulePriorities', albRules],
    ] as const) {
      const { cloud, execution, plan } = await running(make);
      cloud.setFaults({ failCalls: [{ command, nth: 1, afterEffect: true }] });
      const result = await apply(plan, execution);
      expect(result.error?.message).toBeUndefined();
      expect(read(cloud)).toEqual(['one 3', 'two 2']);
    }
  });
});
