/**
 * Network errors, timeouts and throttling on the local cloud with the color mesh: a lost
 * connection before or after a call took effect is retried and replayed safely, each SDK call is
 * retried on its own, and heavy throttling does not fail an apply, a diff or a destroy.
 */
import { ModifyTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { PutRolePolicyCommand, UpdateRoleCommand } from '@aws-sdk/client-iam';
import { UpdateServiceCommand } from '@aws-sdk/client-servicediscovery';
import { describe, expect, it } from 'vitest';
import type { AwsClients } from '../../src/clients.js';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { diff } from '../../src/execute/diff.js';
import type { ResourceResult } from '../../src/execute/events.js';
import type { ExecuteOptions } from '../../src/execute/options.js';
import { DEFAULT_RETRY } from '../../src/execute/retry.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import {
  cleanColorMeshApply,
  colorMeshIn,
  fastExecution,
  fastLocalCloud,
  withoutRunIds,
} from '../support/local-color-mesh.js';

/** What node-http-handler raises when the connection is reset: Node's socket error, renamed TimeoutError. */
const connectionReset = () =>
  Object.assign(new Error('read ECONNRESET'), { name: 'TimeoutError', code: 'ECONNRESET', syscall: 'read' });
/** A refused connection: Node's error as it is (node-http-handler does not rename it). */
const connectionRefused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED', errno: -111 });
/** The SDK's own request timeout. */
const requestTimeout = () =>
  Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError', code: 'ETIMEDOUT' });

/** The executor's default retry counts, with delays scaled down to the local cloud's milliseconds. */
function defaultRetries(cloud: LocalCloud): ExecuteOptions {
  return {
    ...fastExecution(cloud),
    retry: { ...DEFAULT_RETRY, minDelayMs: 1, maxDelayMs: 2, maxTotalMs: 60_000 },
  };
}

/**
 * Every write request's first answer is lost after the cloud carried it out (the connection is
 * reset on the way back): the executor sees a network error for a write that took effect.
 * Task definitions are left out: their registration carries no token, and its deduplication is
 * task-definition.ts's own.
 */
function losingFirstAnswers(cloud: LocalCloud): { clients: AwsClients; lost: string[] } {
  const clients = cloud.clients({ maxAttempts: 1 });
  const seen = new Set<string>();
  const lost: string[] = [];
  for (const client of Object.values(clients) as unknown as StackedClient[]) {
    // Added before the first call: the clients resolve their middleware once (cacheMiddleware).
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        const command = String(context.commandName).replace(/Command$/, '');
        const request = `${command} ${JSON.stringify(args.input)}`;
        if (!/^(Describe|Get|List|Discover)/.test(command) && !/TaskDefinition/.test(command)) {
          if (!seen.has(request)) {
            seen.add(request);
            lost.push(command);
            throw connectionReset();
          }
        }
        return output;
      },
      { step: 'initialize', name: 'loseFirstAnswers' },
    );
  }
  return { clients, lost };
}

interface StackedClient {
  middlewareStack: {
    add(
      // biome-ignore lint/suspicious/noExplicitAny: the SDK's middleware types differ per client.
      middleware: (next: any, context: any) => (args: any) => Promise<any>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/** Changes made by hand to resources of an applied color mesh, each undone by an update of the plan. */
async function drift(cloud: LocalCloud, results: readonly ResourceResult[]): Promise<void> {
  const { cloudMap, elbv2, iam } = cloud.clients({ maxAttempts: 1 });
  const idOf = (id: string) => results.find((r) => r.id === id)?.attributes ?? { id: '', name: '' };
  await cloudMap.send(
    new UpdateServiceCommand({
      Id: idOf('cloudMap/namespace/colors.local/service/red').id,
      Service: { Description: 'changed by hand' },
    }),
  );
  await elbv2.send(
    new ModifyTargetGroupCommand({
      TargetGroupArn: idOf('elbv2/targetGroup/gateway-tg').arn,
      HealthCheckPort: '8080',
    }),
  );
  await iam.send(
    new UpdateRoleCommand({ RoleName: 'color-mesh-red-task-role', Description: 'changed by hand' }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'color-mesh-red-task-role',
      PolicyName: 'ecs-exec',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: '*' }],
      }),
    }),
  );
  await cloud.settle();
}

/** The resources a clean apply of the color mesh leaves, for comparison. */
describe('network errors and timeouts', () => {
  it('a write that fails with a reset or refused connection before taking effect is sent again', async () => {
    const cloud = fastLocalCloud({
      faults: {
        failCalls: [
          { command: 'appMesh:CreateVirtualNode', nth: 2, error: connectionReset },
          { command: 'iam:CreateRole', nth: 1, error: connectionRefused },
          { command: 'elbv2:CreateLoadBalancer', nth: 1, error: requestTimeout },
        ],
      },
    });
    const result = await apply(colorMeshIn(cloud).plan(), defaultRetries(cloud));
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    const failed = cloud
      .callLog()
      .filter((c) => c.error !== undefined && /^Create(Role|LoadBalancer|VirtualNode)$/.test(c.command))
      .map((c) => `${c.command} ${c.error}`);
    expect(failed).toEqual([
      'CreateRole Error',
      'CreateLoadBalancer TimeoutError',
      'CreateVirtualNode TimeoutError',
    ]);
    await cloud.settle();
    expect(withoutRunIds(cloud.snapshot())).toEqual(withoutRunIds((await cleanColorMeshApply()).snapshot()));
  });

  it('every write whose answer is lost after it took effect is replayed without a duplicate', async () => {
    const cloud = fastLocalCloud();
    const { clients, lost } = losingFirstAnswers(cloud);
    const plan = colorMeshIn(cloud).plan();
    const result = await apply(plan, { ...defaultRetries(cloud), clients });
    expect(result.error).toBeUndefined();
    expect(new Set(result.results.map((r) => r.outcome))).toEqual(new Set(['created']));
    expect(lost.length).toBeGreaterThan(40);
    await cloud.settle();
    expect(withoutRunIds(cloud.snapshot())).toEqual(withoutRunIds((await cleanColorMeshApply()).snapshot()));
  });

  it('every delete whose answer is lost after it took effect counts as done when replayed', async () => {
    // Cloud Map operations that last: the namespace's deletion is sent again while it runs.
    const cloud = fastLocalCloud({ delays: { cloudMapOperationMs: 300 } });
    await cloud.settle();
    const before = cloud.snapshot();
    const plan = colorMeshIn(cloud).plan();
    expect((await apply(plan, fastExecution(cloud))).ok).toBe(true);
    const { clients, lost } = losingFirstAnswers(cloud);
    const result = await destroy(plan, { ...defaultRetries(cloud), clients });
    expect(result.error).toBeUndefined();
    expect(new Set(result.results.map((r) => r.outcome))).toEqual(new Set(['deleted']));
    expect(lost.filter((command) => command.startsWith('Delete')).length).toBeGreaterThan(15);
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
  });

  it('every update whose answer is lost after it took effect is replayed to the same end', async () => {
    // Cloud Map operations that last: a replay arrives while the first one still runs.
    const delays = { cloudMapOperationMs: 300 };
    const stage = { routeTargets: { green: 1, yellow: 1 }, redBackends: ['blue.colors.local'] } as const;
    const cloud = fastLocalCloud({ delays });
    const first = await apply(colorMeshIn(cloud).plan(), fastExecution(cloud));
    expect(first.ok).toBe(true);
    await cloud.settle();
    await drift(cloud, first.results);

    const { clients, lost } = losingFirstAnswers(cloud);
    const result = await apply(colorMeshIn(cloud, stage).plan(), { ...defaultRetries(cloud), clients });
    expect(result.error).toBeUndefined();
    const updated = result.results.filter((r) => r.outcome === 'updated').map((r) => r.id);
    expect(updated.sort()).toEqual([
      'cloudMap/namespace/colors.local/service/red',
      'elbv2/targetGroup/gateway-tg',
      'iam/role/color-mesh-red-task-role',
      'iam/role/color-mesh-red-task-role/policy/ecs-exec',
      'mesh/color-mesh/virtualNode/red',
      'mesh/color-mesh/virtualRouter/color-router/route/color-route',
    ]);
    expect(new Set(lost)).toEqual(
      new Set([
        'UpdateService',
        'ModifyTargetGroup',
        'UpdateRole',
        'PutRolePolicy',
        'UpdateVirtualNode',
        'UpdateRoute',
      ]),
    );
    await cloud.settle();

    // The same changes without lost answers, for comparison.
    const twin = fastLocalCloud({ delays });
    const twinFirst = await apply(colorMeshIn(twin).plan(), fastExecution(twin));
    await twin.settle();
    await drift(twin, twinFirst.results);
    expect((await apply(colorMeshIn(twin, stage).plan(), fastExecution(twin))).ok).toBe(true);
    await twin.settle();
    expect(withoutRunIds(cloud.snapshot())).toEqual(withoutRunIds(twin.snapshot()));
  });

  it('a read that times out is sent again, alone', async () => {
    const cloud = fastLocalCloud({
      faults: {
        failCalls: [
          { command: 'iam:ListRoleTags', nth: 1, error: requestTimeout },
          { command: 'cloudMap:GetNamespace', nth: 1, error: connectionReset },
        ],
      },
    });
    const plan = colorMeshIn(cloud).plan();
    await apply(plan, fastExecution(cloud));
    const mark = cloud.callLog().length;
    // The same faults again, on the reads of a diff of what now exists.
    cloud.setFaults({
      failCalls: [
        { command: 'iam:ListRoleTags', nth: 1, error: requestTimeout },
        { command: 'cloudMap:GetNamespace', nth: 1, error: connectionReset },
      ],
    });
    const retries: string[] = [];
    const { entries } = await diff(plan, {
      ...defaultRetries(cloud),
      onEvent: (event) => {
        if (event.type === 'retry') retries.push(`${event.id} ${event.error}`);
      },
    });
    expect(entries.filter((e) => e.action !== 'unchanged')).toEqual([]);
    // Reported with the resource and the call that failed.
    expect(retries).toContain('cloudMap/namespace/colors.local GetNamespace: TimeoutError: read ECONNRESET');
    const calls = cloud
      .callLog()
      .slice(mark)
      .map((c) => `${c.command}${c.error === undefined ? '' : ` ${c.error}`}`);
    // The namespace's read is ListNamespaces, GetNamespace, ListTagsForResource: only the failed call again.
    expect(calls.filter((c) => c.startsWith('ListNamespaces'))).toEqual(['ListNamespaces']);
    expect(calls.filter((c) => c.startsWith('GetNamespace'))).toEqual([
      'GetNamespace TimeoutError',
      'GetNamespace',
    ]);
    expect(calls.filter((c) => c.startsWith('ListRoleTags')).slice(0, 2)).toEqual([
      'ListRoleTags TimeoutError',
      'ListRoleTags',
    ]);
    // A role's read is GetRole, ListRoleTags: GetRole was not sent again for the failed ListRoleTags.
    expect(calls.filter((c) => c === 'GetRole').length).toBe(
      calls.filter((c) => c === 'ListRoleTags').length,
    );
  });
});

describe('throttling', () => {
  it('each call of a read is retried on its own: no call that succeeded is sent again', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    await apply(plan, fastExecution(cloud));
    await cloud.settle();
    const succeeded = (from: number) =>
      cloud
        .callLog()
        .slice(from)
        .filter((c) => c.error === undefined)
        .map((c) => `${c.service}:${c.command}`)
        .sort();

    let mark = cloud.callLog().length;
    await diff(plan, defaultRetries(cloud));
    const unthrottled = succeeded(mark);

    cloud.setFaults({ seed: 3, throttleRate: 0.6 });
    mark = cloud.callLog().length;
    const { entries } = await diff(plan, defaultRetries(cloud));
    expect(entries.filter((e) => e.action !== 'unchanged')).toEqual([]);
    const throttled = cloud
      .callLog()
      .slice(mark)
      .filter((c) => c.error !== undefined);
    expect(throttled.length).toBeGreaterThan(100);
    expect(succeeded(mark)).toEqual(unthrottled);
  });

  // THROTTLED_APPLIES=50 for the longer measure.
  const applies = Number(process.env.THROTTLED_APPLIES ?? 10);
  it(`with 60% of calls throttled, ${applies} applies, diffs and destroys of the color mesh all succeed`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= applies; seed++) {
      const cloud = fastLocalCloud({ faults: { seed, throttleRate: 0.6 } });
      const options = defaultRetries(cloud);
      const plan = colorMeshIn(cloud).plan();
      const applied = await apply(plan, options);
      if (!applied.ok) failures.push(`apply, seed ${seed}: ${applied.error?.message}`);
      await diff(plan, options).catch((e: Error) => failures.push(`diff, seed ${seed}: ${e.name}`));
      const destroyed = await destroy(plan, options).catch((e: Error) => ({ ok: false, error: e }));
      if (!destroyed.ok) failures.push(`destroy, seed ${seed}: ${destroyed.error?.message}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
