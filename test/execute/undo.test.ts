/**
 * What a failed apply puts back, and what an apply removes: the previous spec of what it updated
 * comes back on rollback; what an earlier apply created and the plan dropped is deleted (journal),
 * dependents first, whichever apply changed each last.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeRouteCommand,
  DescribeVirtualNodeCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-app-mesh';
import { afterAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { diff } from '../../src/execute/diff.js';
import type { ExecuteEvent } from '../../src/execute/events.js';
import type { JournalRecord } from '../../src/execute/journal.js';
import { rollback } from '../../src/execute/rollback.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import { mesh } from '../../src/mesh.js';
import { listener } from '../../src/options/listener.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';
import { withDependents, withInputOf, withoutResources } from './support/plan-edits.js';

const dir = mkdtempSync(join(tmpdir(), 'appmesh-undo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const denied = () => Object.assign(new Error('Injected denial'), { name: 'AccessDeniedException' });

type Handler = (args: unknown) => Promise<unknown>;
/** What every SDK client's stack takes, whatever its service. */
interface CountableClient {
  middlewareStack: {
    add(
      middleware: (next: Handler, context: { commandName?: string }) => Handler,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/** Executor settings whose clients count the delete calls in flight at once (the most seen). */
function countingDeletes(cloud: LocalCloud) {
  // Clients of its own: fastExecution's are shared by every run on this cloud.
  const options = { ...fastExecution(cloud), clients: cloud.clients({ maxAttempts: 1, direct: true }) };
  const deletes = { inFlight: 0, most: 0 };
  for (const client of Object.values(options.clients ?? {}) as CountableClient[]) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!context.commandName?.startsWith('Delete')) return next(args);
        deletes.inFlight += 1;
        deletes.most = Math.max(deletes.most, deletes.inFlight);
        try {
          return await next(args);
        } finally {
          deletes.inFlight -= 1;
        }
      },
      { step: 'initialize', name: 'countDeletes' },
    );
  }
  return { options, deletes };
}

/** How many write calls a clean apply of the color mesh makes (its last one is the one to fail). */
async function cleanApplyWrites(): Promise<number> {
  const cloud = fastLocalCloud();
  await apply(colorMeshIn(cloud).plan(), fastExecution(cloud));
  return cloud.callLog().filter((c) => c.write).length;
}

/**
 * A cloud (with a little latency, so that calls overlap) whose next color mesh apply fails at its
 * last write, its snapshot before, and executor settings that count deletes in flight.
 */
async function failingAtLastWrite() {
  const lastWrite = await cleanApplyWrites();
  const cloud = fastLocalCloud({ faults: { latencyMs: 2 } });
  await cloud.settle();
  const before = cloud.snapshot();
  const { options, deletes } = countingDeletes(cloud);
  cloud.setFaults({ latencyMs: 2, failCalls: [{ writesOnly: true, nth: lastWrite, error: denied }] });
  return { cloud, before, options, deletes };
}

function journalRecords(path: string): JournalRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JournalRecord);
}

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
    const planned = (await diff(onlyA, options)).entries;
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

  it('deletes what the plan dropped dependents first: an ECS service before the Cloud Map service a later apply updated', async () => {
    const cloud = fastLocalCloud();
    const options = { ...fastExecution(cloud), journalPath: join(dir, 'dropped-node.jsonl') };
    const blueDiscovery = 'cloudMap/namespace/colors.local/service/blue';
    const blueService = 'ecs/cluster/color-cluster/service/blue';
    expect((await apply(colorMeshIn(cloud).plan(), options)).ok).toBe(true);
    // A later apply updates blue's Cloud Map service: it is now the journal's newest change, newer than blue's ECS service.
    const described = withInputOf(colorMeshIn(cloud).plan(), blueDiscovery, {
      Description: 'blue, described',
    });
    const update = await apply(described, options);
    expect(update.results.find((r) => r.id === blueDiscovery)?.outcome).toBe('updated');

    // Node blue dropped, with its Cloud Map service, its task role, and all that depends on them.
    const dropped = withDependents(described, [blueDiscovery, 'iam/role/color-mesh-blue-task-role']);
    expect(dropped).toContain(blueService);
    const withoutBlue = await apply(withoutResources(described, dropped), options);
    expect(withoutBlue.error).toBeUndefined();
    expect(withoutBlue.ok).toBe(true);
    expect(withoutBlue.removed.filter((r) => r.outcome !== 'deleted')).toEqual([]);
    expect(withoutBlue.removed.map((r) => r.id).sort()).toEqual([...dropped].sort());
    const deletedAt = (id: string) =>
      journalRecords(options.journalPath).findIndex((r) => r.type === 'deleted' && r.id === id);
    expect(deletedAt(blueService)).toBeGreaterThanOrEqual(0);
    expect(deletedAt(blueService)).toBeLessThan(deletedAt(blueDiscovery));
    const names = (cloud.snapshot().cloudMap.services as { name: string }[]).map((s) => s.name).sort();
    expect(names).toEqual(['red', 'router', 'yellow']);
  });

  it('two plans of one mesh: each destroys only what it created, by the plan name in the tags', async () => {
    const cloud = fastLocalCloud();
    const services = mesh('demo')
      .node('a', (n) => n.listener(listener.http(8080)).dns('a.demo.internal'))
      .externalDns('a.demo.internal')
      .plan();
    const extra = mesh('demo', { plan: 'extra' })
      .node('b', (n) => n.listener(listener.http(8080)).dns('b.demo.internal'))
      .externalDns('b.demo.internal')
      .plan();
    const servicesOptions = { ...fastExecution(cloud), journalPath: join(dir, 'demo.jsonl') };
    const extraOptions = { ...fastExecution(cloud), journalPath: join(dir, 'extra.jsonl') };
    const nodeNames = () =>
      (cloud.snapshot().appMesh.virtualNodes as { virtualNodeName: string }[]).map((n) => n.virtualNodeName);

    expect((await apply(services, servicesOptions)).ok).toBe(true);
    const applied = await apply(extra, extraOptions);
    expect(applied.results.map((r) => `${r.outcome} ${r.id}`)).toEqual([
      'adopted mesh/demo',
      'created mesh/demo/virtualNode/b',
    ]);
    const tags = await cloud
      .clients()
      .appMesh.send(new ListTagsForResourceCommand({ resourceArn: applied.results[1]?.attributes?.arn }));
    expect(tags.tags).toContainEqual({ key: 'appmesh-builder:plan', value: 'extra' });

    const destroyed = await destroy(extra, extraOptions);
    expect(destroyed.results.map((r) => `${r.outcome} ${r.id}`)).toEqual([
      'kept mesh/demo',
      'deleted mesh/demo/virtualNode/b',
    ]);
    expect(nodeNames()).toEqual(['a']);
    expect((await destroy(services, servicesOptions)).ok).toBe(true);
    expect(cloud.snapshot().appMesh.meshes).toEqual([]);
  });

  it('rollback undoes several resources at once, and each only after everything that depends on it', async () => {
    const { cloud, before, options, deletes } = await failingAtLastWrite();
    const journalPath = join(dir, 'concurrent-undo.jsonl');
    const plan = colorMeshIn(cloud).plan();
    const events: ExecuteEvent[] = [];
    const result = await apply(plan, { ...options, journalPath, onEvent: (e) => events.push(e) });

    expect(result.rolledBack).toBe(true);
    // The failure is reported as it happens, before the undo deletes anything.
    const failedAt = events.findIndex((e) => e.type === 'finish' && e.result.outcome === 'failed');
    const firstDelete = events.findIndex((e) => e.type === 'start' && e.phase === 'delete');
    expect(failedAt).toBeGreaterThanOrEqual(0);
    expect(failedAt).toBeLessThan(firstDelete);
    expect(result.results.filter((r) => r.outcome === 'rolledBack')).toHaveLength(plan.resources.length - 1);
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
    expect(deletes.most).toBeGreaterThan(1);
    // The journal's deletions: every resource after all of its plan dependents.
    const deletedAt = new Map(
      journalRecords(journalPath).flatMap((r, i) => (r.type === 'deleted' ? [[r.id, i] as const] : [])),
    );
    for (const resource of plan.resources) {
      for (const dependency of resource.dependsOn) {
        const [dependent, itself] = [deletedAt.get(resource.id), deletedAt.get(dependency)];
        if (dependent === undefined || itself === undefined) continue;
        expect(dependent, `${resource.id} deleted before ${dependency}`).toBeLessThan(itself);
      }
    }
  });

  it('a resource whose dependent cannot be undone is left in place and reported, and the rest is undone', async () => {
    const lastWrite = await cleanApplyWrites();
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    cloud.setFaults({
      failCalls: [
        { writesOnly: true, nth: lastWrite, error: denied },
        { command: 'appMesh:DeleteVirtualNode', nth: 1, error: denied },
      ],
    });
    const result = await apply(plan, fastExecution(cloud));

    const failed = result.results.filter((r) => r.outcome === 'rollbackFailed');
    const node = failed.find((r) => r.kind === 'virtualNode');
    expect(node?.error?.message).toMatch(/AccessDeniedException: Injected denial/);
    // What the node depends on stays (AWS would refuse or break it), and says why.
    const dependencies = plan.resources.find((r) => r.id === node?.id)?.dependsOn ?? [];
    for (const id of dependencies) {
      const kept = result.results.find((r) => r.id === id);
      expect(kept?.outcome, id).toBe('rollbackFailed');
    }
    expect(
      failed.some((r) =>
        /Not undone: .+, which depends on it, could not be undone/.test(r.error?.message ?? ''),
      ),
    ).toBe(true);
    expect(cloud.snapshot().appMesh.meshes).toHaveLength(1);
    // Everything unrelated is undone: no IAM role or log group is left.
    expect(cloud.snapshot().iam.roles).toEqual([]);
    expect(cloud.snapshot().logs.logGroups).toEqual([]);
  });

  it('a journal from before dependencies were recorded is undone one change at a time, newest first', async () => {
    const { cloud, before, options, deletes } = await failingAtLastWrite();
    const journalPath = join(dir, 'old-journal.jsonl');
    const failed = await apply(colorMeshIn(cloud).plan(), { ...options, journalPath, rollback: false });
    expect(failed.ok).toBe(false);
    const withoutDependencies = journalRecords(journalPath).map((record) => {
      const { dependsOn: _dropped, ...rest } = record as JournalRecord & { dependsOn?: unknown };
      return JSON.stringify(rest);
    });
    writeFileSync(journalPath, `${withoutDependencies.join('\n')}\n`);

    const result = await rollback({ ...options, journalPath });
    expect(result.ok).toBe(true);
    expect(deletes.most).toBe(1);
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
  });
});
