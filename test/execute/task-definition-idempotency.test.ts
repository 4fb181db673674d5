/**
 * Task definitions have no client token and are deleted in two steps (deregister, then delete):
 * a lost response, a throttled call or a crash in between must neither register a second revision
 * nor leave INACTIVE revisions behind. Each revision is judged by its own tags: a run never
 * deregisters a revision another run registered (a concurrent run's, or an earlier one's that a
 * service may be running).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  paginateListTaskDefinitions,
} from '@aws-sdk/client-ecs';
import { afterAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { taskDefinitionHandler } from '../../src/execute/handlers/task-definition.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import type { ResourceInputs } from '../../src/plan/resource.js';
import { RED_TASK_DEFINITION, realTimeContext } from '../support/handler-context.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';
import { clientsWith, signal } from './support/client-hooks.js';
import { accessDenied } from './support/injected-errors.js';
import { withInputOf, withoutResources } from './support/plan-edits.js';

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

const RED_DEFINITION = 'ecs/taskDefinition/red';
const RED_SERVICE = 'ecs/cluster/color-cluster/service/red';

/** The revision ECS service red runs, and that revision's status. */
async function redServiceRevision(cloud: LocalCloud) {
  const ecs = cloud.clients().ecs;
  const { services } = await ecs.send(
    new DescribeServicesCommand({ cluster: 'color-cluster', services: ['red'] }),
  );
  const arn = services?.[0]?.taskDefinition ?? '';
  const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
  return { arn, status: taskDefinition?.status };
}

/** Clients of `cloud` whose first RegisterTaskDefinition is sent only once `hold()` resolves. */
function heldRegistrations(cloud: LocalCloud, hold: () => Promise<void>) {
  let held = false;
  return clientsWith(cloud, async (command, send) => {
    if (command === 'RegisterTaskDefinition' && !held) {
      held = true;
      await hold();
    }
    return send();
  });
}

describe('revisions of other runs', () => {
  it('a concurrent run that fails deletes only its own revision: the one the other run’s service runs stays ACTIVE', async () => {
    const cloud = fastLocalCloud();
    const full = colorMeshIn(cloud).plan();
    // The mesh without red's task: both runs below register red's task definition and create its service.
    const base = await apply(withoutResources(full, [RED_DEFINITION, RED_SERVICE]), {
      ...fastExecution(cloud),
      journalPath: join(dir, 'base.jsonl'),
    });
    expect(base.ok).toBe(true);
    await cloud.settle();

    // B reads red's task definition as absent, and sends its registration (other content) only once
    // A is done; it then finds A's service, and its update of it is refused.
    cloud.setFaults({ failCalls: [{ command: 'UpdateService', nth: 1, error: accessDenied }] });
    const aDone = signal();
    const bRegistering = signal();
    const held = heldRegistrations(cloud, () => {
      bRegistering.resolve();
      return aDone.promise;
    });
    const b = apply(withInputOf(full, RED_DEFINITION, { memory: '1024' }), {
      ...fastExecution(cloud),
      clients: held,
      journalPath: join(dir, 'b.jsonl'),
    });
    await bRegistering.promise;
    const a = await apply(full, { ...fastExecution(cloud), journalPath: join(dir, 'a.jsonl') });
    expect(a.error).toBeUndefined();
    expect(a.ok).toBe(true);
    await cloud.settle();
    const runs = await redServiceRevision(cloud);
    aDone.resolve();
    expect(await b).toMatchObject({ ok: false, rolledBack: true });

    cloud.setFaults({});
    await cloud.settle();
    expect(await redServiceRevision(cloud)).toEqual({ arn: runs.arn, status: 'ACTIVE' });
    // B's own revision is gone: A's is the only one of the family.
    expect((await arns(cloud, 'ACTIVE')).filter((arn) => arn.includes('/red:'))).toEqual([runs.arn]);
    expect(revisionsByFamily(cloud).red).toBe(1);
  });

  it('re-applying an older content registers it anew, never deregistering the revision the service runs; a failure then rolls back to it', async () => {
    const cloud = fastLocalCloud();
    const options = { ...fastExecution(cloud), journalPath: join(dir, 'revert.jsonl') };
    const v1 = colorMeshIn(cloud).plan();
    const v2 = withInputOf(v1, RED_DEFINITION, { memory: '1024' });
    expect((await apply(v1, options)).ok).toBe(true);
    expect((await apply(v2, options)).ok).toBe(true);
    await cloud.settle();
    const v2Revision = await redServiceRevision(cloud);
    expect(v2Revision).toMatchObject({
      arn: expect.stringMatching(/task-definition\/red:2$/),
      status: 'ACTIVE',
    });

    // Back to v1's content; the service update takes effect, but its answer is an error: rollback.
    cloud.setFaults({
      failCalls: [{ command: 'UpdateService', nth: 1, afterEffect: true, error: accessDenied }],
    });
    const back = await apply(v1, options);
    expect(back).toMatchObject({ ok: false, rolledBack: true });
    expect(back.results.find((r) => r.id === RED_DEFINITION)?.outcome).toBe('rolledBack');
    cloud.setFaults({});
    await cloud.settle();
    expect(await redServiceRevision(cloud)).toEqual(v2Revision);

    // And without a failure: v1's content as a new revision, v2's left for the service's draining tasks.
    const again = await apply(v1, options);
    expect(again.error).toBeUndefined();
    expect(again.ok).toBe(true);
    await cloud.settle();
    const v1Again = await redServiceRevision(cloud);
    expect(v1Again.status).toBe('ACTIVE');
    expect(v1Again.arn).not.toBe(v2Revision.arn);
    const { taskDefinition } = await cloud
      .clients()
      .ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: v2Revision.arn }));
    expect(taskDefinition?.status).toBe('ACTIVE');
  });
});
