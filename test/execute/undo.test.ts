/**
 * What a failed apply puts back, and what an apply removes: the previous spec of what it updated
 * comes back on rollback; what an earlier apply created and the plan dropped is deleted (journal).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRouteCommand, DescribeVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { afterAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { diff } from '../../src/execute/diff.js';
import { mesh } from '../../src/mesh.js';
import { listener } from '../../src/options/listener.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

const dir = mkdtempSync(join(tmpdir(), 'appmesh-undo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const denied = () => Object.assign(new Error('Injected denial'), { name: 'AccessDeniedException' });

describe('undo and removal', () => {
  it('a failed apply puts back the spec of what it updated', async () => {
    const cloud = fastLocalCloud();
    await apply(colorMeshIn(cloud).plan(), fastExecution(cloud));
    const weights = async () =>
      (
        await cloud.clients().appMesh.send(
          new DescribeRouteCommand({
            meshName: 'color-mesh',
            virtualRouterName: 'color-router',
            routeName: 'color-route',
          }),
        )
      ).route?.spec?.httpRoute?.action?.weightedTargets?.map((t) => `${t.virtualNode}:${t.weight}`);
    expect(await weights()).toEqual(['green:4', 'yellow:1']);

    // Two updates (the route's weights, red's backends); the second write is refused, whichever it
    // is: the first is put back.
    cloud.setFaults({ failCalls: [{ writesOnly: true, nth: 2, error: denied }] });
    const stage = {
      routeTargets: { green: 1, yellow: 1 },
      redBackends: ['router.colors.local', 'blue.colors.local'],
    } as const;
    const result = await apply(colorMeshIn(cloud, stage).plan(), fastExecution(cloud));
    expect(result.ok).toBe(false);
    expect(result.rolledBack).toBe(true);
    expect(result.error?.message).toMatch(/AccessDeniedException: Injected denial/);
    const outcomes = result.results
      .filter((r) => r.id.endsWith('/route/color-route') || r.id.endsWith('/virtualNode/red'))
      .map((r) => r.outcome)
      .sort();
    expect(outcomes).toEqual(['failed', 'rolledBack']);
    expect(await weights()).toEqual(['green:4', 'yellow:1']);
    const red = await cloud
      .clients()
      .appMesh.send(new DescribeVirtualNodeCommand({ meshName: 'color-mesh', virtualNodeName: 'red' }));
    expect(red.virtualNode?.spec?.backends?.map((b) => b.virtualService?.virtualServiceName)).toEqual([
      'router.colors.local',
    ]);
  });

  it('deletes what an earlier apply created and the plan no longer has, and diff says so first', async () => {
    const cloud = fastLocalCloud();
    const options = { ...fastExecution(cloud), journalPath: join(dir, 'orphans.jsonl') };
    const onlyA = mesh('demo')
      .node('a', (n) => n.listener(listener.http(8080)).dns('a.demo.internal'))
      .externalDns('a.demo.internal')
      .plan();
    const both = mesh('demo')
      .node('a', (n) => n.listener(listener.http(8080)).dns('a.demo.internal'))
      .node('b', (n) => n.listener(listener.http(8080)).dns('b.demo.internal'))
      .externalDns('a.demo.internal')
      .externalDns('b.demo.internal')
      .plan();

    expect((await apply(both, options)).ok).toBe(true);
    const planned = await diff(onlyA, options);
    expect(planned.map((d) => `${d.action} ${d.id}`)).toEqual([
      'unchanged mesh/demo',
      'unchanged mesh/demo/virtualNode/a',
      'delete mesh/demo/virtualNode/b',
    ]);
    const result = await apply(onlyA, options);
    expect(result.ok).toBe(true);
    expect(result.removed.map((r) => `${r.outcome} ${r.id}`)).toEqual(['deleted mesh/demo/virtualNode/b']);
    expect(
      (cloud.snapshot().appMesh.virtualNodes as { virtualNodeName: string }[]).map((n) => n.virtualNodeName),
    ).toEqual(['a']);

    // And destroy removes the rest.
    expect((await destroy(onlyA, options)).ok).toBe(true);
    expect(cloud.snapshot().appMesh.meshes).toEqual([]);
  });
});
