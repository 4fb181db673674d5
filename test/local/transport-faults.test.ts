/**
 * Transport faults of the local cloud: a call lost before it reaches the service (no effect), and
 * a call whose response is lost (the write is done and saved, the client sees an error). The
 * errors are the ones the SDK raises for a dropped connection, so its own retry strategy knows them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransportErrorKind } from '../../src/local/faults.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function failureOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  return promise.then(
    () => ({ outcome: 'ok' }),
    (e: Error & Record<string, unknown>) => ({
      name: e.name,
      code: e.code,
      fault: e.$fault,
      status: (e.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode,
    }),
  );
}

async function groupNames(cloud: ReturnType<typeof createLocalCloud>): Promise<string[]> {
  const out = await cloud.clients().logs.send(new DescribeLogGroupsCommand({}));
  return (out.logGroups ?? []).map((g) => g.logGroupName ?? '');
}

describe('transport faults', () => {
  it('raises the SDK shape of each kind: a socket timeout, a reset connection, a 5xx', async () => {
    const seen: Record<string, unknown>[] = [];
    for (const kind of ['timeout', 'connectionReset', 'serverError'] as TransportErrorKind[]) {
      const cloud = createLocalCloud({ faults: { transportErrorRate: 1, transportErrorKinds: [kind] } });
      seen.push(
        await failureOf(cloud.clients({ maxAttempts: 1 }).logs.send(new DescribeLogGroupsCommand({}))),
      );
    }
    expect(seen).toEqual([
      { name: 'TimeoutError', code: undefined, fault: undefined, status: undefined },
      { name: 'TimeoutError', code: 'ECONNRESET', fault: undefined, status: undefined },
      { name: 'ServiceUnavailableException', code: undefined, fault: 'server', status: 503 },
    ]);
  });

  it('a call lost before the service has no effect; the SDK retry strategy recovers from it', async () => {
    const lost = createLocalCloud({ faults: { transportErrorRate: 1 } });
    const error = await failureOf(
      lost.clients({ maxAttempts: 1 }).logs.send(new CreateLogGroupCommand({ logGroupName: '/g' })),
    );
    expect(error.outcome).toBeUndefined();
    lost.setFaults({});
    expect(await groupNames(lost)).toEqual([]);

    // Seed 7 loses the first attempt and lets the second through.
    const retried = createLocalCloud({ faults: { seed: 7, transportErrorRate: 0.5 } });
    const out = await retried
      .clients({ maxAttempts: 3 })
      .logs.send(new CreateLogGroupCommand({ logGroupName: '/g' }));
    expect(out.$metadata.attempts).toBe(2);
    expect(retried.callLog().map((c) => (c.error === undefined ? 'ok' : 'lost'))).toEqual(['lost', 'ok']);
    expect(await groupNames(retried)).toEqual(['/g']);
  });

  it('a lost response: the write is done and saved, the client sees an error, a replay finds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'transport-faults-'));
    dirs.push(dir);
    const stateFile = join(dir, 'cloud.json');
    const cloud = createLocalCloud({
      stateFile,
      faults: { lostResponseRate: 1, transportErrorCalls: 'writes' },
    });
    const error = await failureOf(
      cloud.clients({ maxAttempts: 1 }).logs.send(new CreateLogGroupCommand({ logGroupName: '/g' })),
    );
    expect(error.outcome).toBeUndefined();
    expect(cloud.callLog()).toEqual([
      { service: 'logs', command: 'CreateLogGroup', write: true, error: error.name, lostResponse: true },
    ]);
    // Reads are not faulted ('writes'), and another process sees the saved write.
    expect(await groupNames(cloud)).toEqual(['/g']);
    expect(await groupNames(createLocalCloud({ stateFile }))).toEqual(['/g']);

    cloud.setFaults({});
    await expect(
      cloud.clients().logs.send(new CreateLogGroupCommand({ logGroupName: '/g' })),
    ).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
  });

  it('draws for reads only when asked, and the same calls fail for the same seed', async () => {
    const run = async (seed: number) => {
      const cloud = createLocalCloud({
        faults: { seed, transportErrorRate: 0.3, transportErrorCalls: 'reads' },
      });
      const { logs } = cloud.clients({ maxAttempts: 1 });
      const outcomes: string[] = [];
      for (let i = 0; i < 100; i++) {
        const read = await failureOf(logs.send(new DescribeLogGroupsCommand({})));
        outcomes.push(read.outcome === 'ok' ? 'ok' : 'lost');
      }
      const write = await failureOf(logs.send(new CreateLogGroupCommand({ logGroupName: '/w' })));
      return { outcomes, write: write.outcome };
    };
    const first = await run(11);
    expect(first.write).toBe('ok');
    expect(await run(11)).toEqual(first);
    expect((await run(12)).outcomes).not.toEqual(first.outcomes);
    const lost = first.outcomes.filter((o) => o === 'lost').length;
    expect(lost).toBeGreaterThan(15);
    expect(lost).toBeLessThan(45);
  });

  it('rejects bad settings with the expected range', () => {
    expect(() => createLocalCloud({ faults: { transportErrorRate: 1.5 } })).toThrow(
      /transportErrorRate: expected 0\.\.1, received 1\.5/,
    );
    expect(() => createLocalCloud({ faults: { lostResponseRate: -0.1 } })).toThrow(
      /lostResponseRate: expected 0\.\.1/,
    );
    expect(() => createLocalCloud({ faults: { transportErrorKinds: [] } })).toThrow(/at least one kind/);
  });
});
