/**
 * The local cloud's core, through the real SDK clients: dispatch, the call log, fault injection
 * (seeded), the eventual-consistency window, persistence in a state file, reset. The services have
 * their own test files; CloudWatch Logs is the small service these tests drive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  PutRetentionPolicyCommand,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function outcomes(run: () => Promise<unknown>, n: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) {
    seen.push(
      await run().then(
        () => 'ok',
        (e: Error) => e.name,
      ),
    );
  }
  return seen;
}

describe('local cloud core', () => {
  it('answers through the SDK with $metadata and counts calls by service and command', async () => {
    const cloud = createLocalCloud();
    const { logs } = cloud.clients();
    const seen: string[] = [];
    cloud.onCall((call) => seen.push(`${call.command}${call.error ? `!${call.error}` : ''}`));
    const out = await logs.send(new DescribeLogGroupsCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
    await logs
      .send(new PutRetentionPolicyCommand({ logGroupName: 'missing', retentionInDays: 7 }))
      .catch(() => {});
    expect(cloud.calls()).toEqual({ 'logs:DescribeLogGroups': 1, 'logs:PutRetentionPolicy': 1 });
    expect(seen).toEqual(['DescribeLogGroups', 'PutRetentionPolicy!ResourceNotFoundException']);
    expect(cloud.callLog().map((c) => c.write)).toEqual([false, true]);
  });

  it('direct clients give the same answers and errors, before any of the SDK request steps', async () => {
    const cloud = createLocalCloud();
    const { logs } = cloud.clients({ maxAttempts: 1, direct: true });
    const steps: string[] = [];
    logs.middlewareStack.add(
      (next) => (args) => {
        steps.push('initialize');
        return next(args);
      },
      { step: 'initialize', name: 'seenInitialize' },
    );
    logs.middlewareStack.add(
      (next) => (args) => {
        steps.push('build');
        return next(args);
      },
      { step: 'build', name: 'seenBuild' },
    );
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/direct' }));
    const out = await logs.send(new DescribeLogGroupsCommand({}));
    expect(out.logGroups?.map((g) => g.logGroupName)).toEqual(['/direct']);
    expect(out.$metadata.httpStatusCode).toBe(200);
    const missing = logs.send(new PutRetentionPolicyCommand({ logGroupName: 'missing', retentionInDays: 7 }));
    await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
    // A test's hooks (initialize) still run; the request steps (build) do not.
    expect(steps).toEqual(['initialize', 'initialize', 'initialize']);
    expect(cloud.calls()).toEqual({
      'logs:CreateLogGroup': 1,
      'logs:DescribeLogGroups': 1,
      'logs:PutRetentionPolicy': 1,
    });
  });

  it('throttles a seeded share of calls with the service exception, the same calls for the same seed', async () => {
    const run = async (seed: number) => {
      const cloud = createLocalCloud({ faults: { seed, throttleRate: 0.3 } });
      const { logs } = cloud.clients({ maxAttempts: 1 });
      return outcomes(() => logs.send(new DescribeLogGroupsCommand({})), 200);
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
    const throttled = first.filter((o) => o === 'ThrottlingException').length;
    expect(throttled).toBeGreaterThan(40);
    expect(throttled).toBeLessThan(80);
    expect(new Set(first)).toEqual(new Set(['ok', 'ThrottlingException']));
  });

  it('lets the SDK retry strategy recover from throttling', async () => {
    // Seed 8 throttles the first attempt and lets the second through.
    const cloud = createLocalCloud({ faults: { seed: 8, throttleRate: 0.5 } });
    const { logs } = cloud.clients({ maxAttempts: 3 });
    const out = await logs.send(new CreateLogGroupCommand({ logGroupName: '/g' }));
    expect(out.$metadata.attempts).toBe(2);
    expect(cloud.callLog().map((c) => c.error ?? 'ok')).toEqual([ThrottlingException.name, 'ok']);
  });

  it('fails exactly the nth matching call, with no effect, and only that one', async () => {
    const cloud = createLocalCloud({ faults: { failCalls: [{ command: 'CreateLogGroup', nth: 2 }] } });
    const { logs } = cloud.clients({ maxAttempts: 1 });
    const seen = await outcomes(
      (() => {
        let i = 0;
        return () => logs.send(new CreateLogGroupCommand({ logGroupName: `/g/${i++}` }));
      })(),
      3,
    );
    expect(seen).toEqual(['ok', ServiceUnavailableException.name, 'ok']);
    const names = ((cloud.snapshot().logs.logGroups as { logGroupName: string }[]) ?? []).map(
      (g) => g.logGroupName,
    );
    expect(names).toEqual(['/g/0', '/g/2']);
  });

  it('counts only writes when asked (the executor tests fail "write call k")', async () => {
    const cloud = createLocalCloud({ faults: { failCalls: [{ writesOnly: true, nth: 2 }] } });
    const { logs } = cloud.clients({ maxAttempts: 1 });
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/a' }));
    await logs.send(new DescribeLogGroupsCommand({}));
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: '/b' }))).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
  });

  it('adds latency per call', async () => {
    const cloud = createLocalCloud({ faults: { latencyMs: 30 } });
    const { logs } = cloud.clients();
    const started = performance.now();
    await logs.send(new DescribeLogGroupsCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
  });

  it('hides a just-created resource from reads during the consistency window, but not from conflicts', async () => {
    const clock = new ManualClock();
    const cloud = createLocalCloud({ clock, faults: { consistencyWindowMs: 1000 } });
    const { logs } = cloud.clients({ maxAttempts: 1 });
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/new' }));
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([]);
    await expect(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: '/new', retentionInDays: 7 })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: '/new' }))).rejects.toThrow(
      /already exists/,
    );
    clock.advance(1000);
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.map((g) => g.logGroupName)).toEqual(
      ['/new'],
    );
  });

  it('keeps its state in a file, so that another process (another cloud object) continues it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-cloud-'));
    dirs.push(dir);
    const stateFile = join(dir, 'cloud.json');
    const first = createLocalCloud({ stateFile });
    await first.clients().logs.send(new CreateLogGroupCommand({ logGroupName: '/kept' }));
    const second = createLocalCloud({ stateFile });
    expect(second.snapshot()).toEqual(first.snapshot());
    second.reset();
    expect(createLocalCloud({ stateFile }).snapshot().logs).toEqual({ logGroups: [] });
  });

  it('reset forgets resources and calls', async () => {
    const cloud = createLocalCloud();
    await cloud.clients().logs.send(new CreateLogGroupCommand({ logGroupName: '/x' }));
    const empty = createLocalCloud().snapshot();
    expect(cloud.snapshot()).not.toEqual(empty);
    cloud.reset();
    expect(cloud.snapshot()).toEqual(empty);
    expect(cloud.calls()).toEqual({});
  });

  it('rejects bad fault settings with the expected range', () => {
    expect(() => createLocalCloud({ faults: { throttleRate: 2 } })).toThrow(/expected 0\.\.1, received 2/);
    expect(() => createLocalCloud({ faults: { failCalls: [{ nth: 0 }] } })).toThrow(
      /nth to be an integer >= 1/,
    );
  });
});
