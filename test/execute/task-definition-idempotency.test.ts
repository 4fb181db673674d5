/**
 * Task definitions have no client token and are deleted in two steps (deregister, then delete):
 * a lost response, a throttled call or a crash in between must neither register a second revision
 * nor leave INACTIVE revisions behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeregisterTaskDefinitionCommand, paginateListTaskDefinitions } from '@aws-sdk/client-ecs';
import { afterAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { taskDefinitionHandler } from '../../src/execute/handlers/task-definition.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import type { ResourceInputs } from '../../src/plan/resource.js';
import { RED_TASK_DEFINITION, realTimeContext } from '../support/handler-context.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

const dir = mkdtempSync(join(tmpdir(), 'appmesh-task-definitions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OWNED = [
  { key: 'appmesh-builder:mesh', value: 'demo' },
  { key: 'appmesh-builder:plan', value: 'demo' },
];
const RED: ResourceInputs['taskDefinition'] = { ...RED_TASK_DEFINITION, tags: OWNED };

async function arns(cloud: LocalCloud, status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS') {
  const found: string[] = [];
  for await (const page of paginateListTaskDefinitions({ client: cloud.clients().ecs }, { status })) {
    found.push(...(page.taskDefinitionArns ?? []));
  }
  return found;
}

/** Revisions of each family, whatever their status. */
function revisionsByFamily(cloud: LocalCloud): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of cloud.snapshot().ecs.taskDefinitions as { family: string }[]) {
    counts[d.family] = (counts[d.family] ?? 0) + 1;
  }
  return counts;
}

describe('task definition deletion', () => {
  it('a DeleteTaskDefinitions throttled once leaves no INACTIVE revision behind', async () => {
    const cloud = fastLocalCloud();
    const ctx = realTimeContext(cloud);
    const attributes = await taskDefinitionHandler.create(RED, ctx);
    cloud.setFaults({
      failCalls: [
        {
          command: 'DeleteTaskDefinitions',
          nth: 1,
          error: () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
        },
      ],
    });
    // The executor retries the whole delete, as here.
    await expect(taskDefinitionHandler.delete(attributes, RED, ctx)).rejects.toThrow('Rate exceeded');
    await taskDefinitionHandler.delete(attributes, RED, ctx);
    expect(await arns(cloud, 'ACTIVE')).toEqual([]);
    expect(await arns(cloud, 'INACTIVE')).toEqual([]);
    expect(cloud.snapshot().ecs.taskDefinitions).toEqual([]);
  });

  it('a delete interrupted after deregistering is finished by the next one', async () => {
    const cloud = fastLocalCloud();
    const ctx = realTimeContext(cloud);
    const attributes = await taskDefinitionHandler.create(RED, ctx);
    // What a crash between the two steps leaves: deregistered, not deleted.
    await cloud.clients().ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: attributes.arn }));
    expect(await arns(cloud, 'INACTIVE')).toEqual([attributes.arn]);

    await taskDefinitionHandler.delete(attributes, RED, ctx);
    expect(await arns(cloud, 'INACTIVE')).toEqual([]);
    expect(cloud.snapshot().ecs.taskDefinitions).toEqual([]);
  });

  it('never deregisters nor deletes a revision of another plan', async () => {
    const cloud = fastLocalCloud();
    const ctx = realTimeContext(cloud);
    const other = {
      ...RED,
      tags: [
        { key: 'appmesh-builder:mesh', value: 'demo' },
        { key: 'appmesh-builder:plan', value: 'other' },
      ],
    };
    const theirs = await taskDefinitionHandler.create(other, ctx);
    await cloud.clients().ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: theirs.arn }));
    const ours = await taskDefinitionHandler.create(RED, ctx);

    await taskDefinitionHandler.delete(ours, RED, ctx);
    expect(await arns(cloud, 'INACTIVE')).toEqual([theirs.arn]);
  });
});

describe('task definition registration', () => {
  it('a registration whose response was lost is adopted, not repeated: one revision per family', async () => {
    const cloud = fastLocalCloud();
    const options = { ...fastExecution(cloud), journalPath: join(dir, 'lost.jsonl') };
    // The first five registrations take effect, then answer a 5xx.
    const families = ['blue', 'color-gateway', 'green', 'red', 'yellow'];
    cloud.setFaults({
      failCalls: families.map((_family, i) => ({
        command: 'RegisterTaskDefinition',
        nth: i + 1,
        afterEffect: true,
      })),
    });
    const plan = colorMeshIn(cloud).plan();
    const result = await apply(plan, options);
    expect(result.ok, result.error?.message).toBe(true);
    const registrations = cloud.callLog().filter((c) => c.command === 'RegisterTaskDefinition');
    expect(registrations.filter((c) => c.error !== undefined)).toHaveLength(5);
    expect(revisionsByFamily(cloud)).toEqual(Object.fromEntries(families.map((f) => [f, 1])));

    // And a second apply registers nothing.
    cloud.setFaults({});
    const again = await apply(plan, options);
    expect(again.ok).toBe(true);
    expect(again.results.filter((r) => r.kind === 'taskDefinition').map((r) => r.outcome)).toEqual(
      families.map(() => 'unchanged'),
    );
    expect(revisionsByFamily(cloud)).toEqual(Object.fromEntries(families.map((f) => [f, 1])));
  });

  it('a resumed run adopts the revision the crashed one registered', async () => {
    const cloud = fastLocalCloud();
    const ctx = realTimeContext(cloud);
    // The crashed run registered, then died before it could record the answer: the resumed
    // run's create (it read nothing, inside a consistency window) finds it.
    const first = await taskDefinitionHandler.create(RED, ctx);
    const resumed = await taskDefinitionHandler.create(RED, ctx);
    expect(resumed).toEqual(first);
    expect(revisionsByFamily(cloud)).toEqual({ red: 1 });
  });
});
