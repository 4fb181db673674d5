/**
 * The color mesh on `service-connect+vpc-lattice` with its gateway as an ALB, applied to the local
 * cloud by the executor: the ALB's rules and target groups hold the tasks ECS registered, the view
 * read back from the cloud routes as App Mesh's gateway, a second apply writes nothing, a weight
 * change rewrites one rule of each kind, and destroy leaves the cloud as it was.
 */
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { meshViewFromPlan } from '../../src/local/simulator/mesh-view-from-plan.js';
import { readServiceConnectView } from '../../src/local/simulator/read-service-connect-view.js';
import { createServiceConnectSimulator } from '../../src/local/simulator/service-connect-simulator.js';
import { createSimulator } from '../../src/local/simulator/simulator.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

const TARGET = { target: 'service-connect+vpc-lattice' } as const;

interface Elbv2Snapshot {
  loadBalancers: { name: string; type: string }[];
  targetGroups: { name: string; targets: unknown[] }[];
  rules: { priority: number }[];
}

describe('local cloud: the color gateway as an ALB', () => {
  it('applies, routes as App Mesh, re-applies with no write, takes a weight change in one rule, and destroys', async () => {
    const cloud = fastLocalCloud();
    const before = cloud.snapshot();
    const colorPlan = colorMeshIn(cloud).plan(TARGET);

    const applied = await apply(colorPlan, fastExecution(cloud));
    expect(applied.error?.message).toBeUndefined();
    await cloud.settle();
    const elbv2 = cloud.snapshot().elbv2 as unknown as Elbv2Snapshot;
    expect(elbv2.loadBalancers.map((lb) => [lb.name, lb.type])).toEqual([
      ['color-gateway-nlb-sc', 'application'],
    ]);
    expect(elbv2.rules.map((r) => r.priority)).toEqual([1, 2, 3]);
    // ECS registered each target node's task in its group.
    expect(elbv2.targetGroups.map((g) => [g.name, g.targets.length])).toEqual([
      ['color-gateway-nlb-sc-blue', 1],
      ['color-gateway-nlb-sc-green', 1],
      ['color-gateway-nlb-sc-yellow', 1],
    ]);

    const clients = cloud.clients({ maxAttempts: 1, direct: true });
    const view = await readServiceConnectView(clients, {
      cluster: 'color-cluster-sc',
      namespace: 'color-mesh',
    });
    const alb = createServiceConnectSimulator(view).loadBalancer('color-gateway-nlb');
    const gateway = createSimulator(meshViewFromPlan(colorMeshIn(cloud).plan())).gateway('color-gateway');
    const sample = alb.sample('/router', 2000);
    expect((sample.answers.green ?? 0) / 2000).toBeCloseTo(0.8, 1);
    expect((sample.answers.yellow ?? 0) / 2000).toBeCloseTo(0.2, 1);
    for (const path of ['/router', '/']) {
      const [fromAlb, fromMesh] = [alb.get(path), gateway.get(path)];
      expect(fromAlb.ok && [fromAlb.path, fromAlb.host]).toEqual(
        fromMesh.ok && [fromMesh.path, fromMesh.host],
      );
    }
    const blue = alb.get('/');
    expect(blue.ok && blue.body).toBe('blue');

    const mark = cloud.callLog().length;
    const again = await apply(colorPlan, fastExecution(cloud));
    // The AWS-managed prefix list the plan references is read, never written.
    expect(again.results.filter((r) => r.outcome !== 'unchanged').map((r) => r.outcome)).toEqual([
      'referenced',
    ]);
    expect(
      cloud
        .callLog()
        .slice(mark)
        .filter((c) => c.write),
    ).toEqual([]);

    // The tutorial's live edit: one Lattice rule and one ALB rule change, nothing else.
    const reweighted = colorMeshIn(cloud, { routeTargets: { green: 1, yellow: 1 } }).plan(TARGET);
    const edit = cloud.callLog().length;
    const changed = await apply(reweighted, fastExecution(cloud));
    expect(changed.error?.message).toBeUndefined();
    expect(
      cloud
        .callLog()
        .slice(edit)
        .filter((c) => c.write)
        .map((c) => `${c.service}:${c.command}`)
        .sort(),
    ).toEqual(['elbv2:ModifyRule', 'vpcLattice:UpdateRule']);
    const view2 = await readServiceConnectView(clients, {
      cluster: 'color-cluster-sc',
      namespace: 'color-mesh',
    });
    const even = createServiceConnectSimulator(view2)
      .loadBalancer('color-gateway-nlb')
      .sample('/router', 2000);
    expect((even.answers.green ?? 0) / 2000).toBeCloseTo(0.5, 1);

    const destroyed = await destroy(reweighted, fastExecution(cloud));
    expect(destroyed.error?.message).toBeUndefined();
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
  });
});
