/**
 * Two runs at once on one cloud. On one journal, the journal's lock lets one run and refuses the
 * other, naming its holder, however the journal's path is spelled (a symlink leads to the same
 * lock); a lock whose holder died is taken over, by one run only however takeovers interleave. On
 * separate journals (no lock between them), a run that fails deletes nothing another run made,
 * even where its own journal has an intent for it: only what carries its own run tag goes.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { acquireLock } from '../../src/execute/lock.js';
import {
  cleanColorMeshApply,
  colorMeshIn,
  fastExecution,
  fastLocalCloud,
} from '../support/local-color-mesh.js';
import { clientsWith, signal } from './support/client-hooks.js';
import { journalRecords, scratchDir } from './support/journal-files.js';
import { sameCloud } from './support/snapshot-invariants.js';

/**
 * A hook run before every synchronous file operation (`*Sync` of node:fs), when set: lets a test
 * run another lock taker at any point of one taker's file operations. Unset, the calls go through.
 */
const fileCalls = vi.hoisted(() => ({ before: undefined as (() => void) | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const hooked = Object.entries(fs).map(([name, value]) =>
    typeof value === 'function' && name.endsWith('Sync')
      ? [
          name,
          (...args: unknown[]) => {
            fileCalls.before?.();
            return (value as (...a: unknown[]) => unknown)(...args);
          },
        ]
      : [name, value],
  );
  return Object.fromEntries(hooked);
});

const scratch = scratchDir('concurrent-runs');
afterAll(scratch.remove);
const { caseDir } = scratch;

const isRead = (command: string) => /^(Describe|Get|List|Discover)/.test(command);
const isDelete = (command: string) => /^(Delete|Deregister|Detach|Revoke)/.test(command);

/** A clean apply of the color mesh on a fresh cloud: what the cloud must look like after one good run, and its write calls. */
async function cleanApply() {
  const cloud = await cleanColorMeshApply();
  return { clean: cloud.snapshot(), writes: cloud.callLog().filter((c) => c.write).length };
}

describe('two applies at once', () => {
  it('on one journal: the second is refused, naming the first, and sends nothing', async () => {
    const { clean } = await cleanApply();
    const cloud = fastLocalCloud({ faults: { latencyMs: 2 } });
    const plan = colorMeshIn(cloud).plan();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    const firstCall = signal();
    const stopListening = cloud.onCall(firstCall.resolve);
    const first = apply(plan, { ...fastExecution(cloud), journalPath });
    await firstCall.promise;
    stopListening();

    let secondCalls = 0;
    const counted = clientsWith(cloud, (_command, send) => {
      secondCalls += 1;
      return send();
    });
    await expect(
      apply(plan, { ...fastExecution(cloud), clients: counted, journalPath }),
    ).rejects.toMatchObject({
      code: 'JOURNAL_LOCKED',
      message: expect.stringContaining(`is held by apply color-mesh (pid ${process.pid} on ${hostname()}`),
    });
    expect(secondCalls).toBe(0);

    const result = await first;
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    await cloud.settle();
    expect(sameCloud(clean, cloud.snapshot(), 'after the first apply')).toEqual([]);
    expect(journalRecords(journalPath).filter((r) => r.type === 'apply')).toHaveLength(1);
  });

  it('on separate journals: the run that fails deletes nothing the other made, though it journaled intents for it', async () => {
    const { clean, writes } = await cleanApply();
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const dir = caseDir();
    let halfway: () => void = () => {};
    const halfDone = new Promise<void>((resolve) => (halfway = resolve));
    let firstWrites = 0;
    const stopCounting = cloud.onCall((call) => {
      if (call.write && call.error === undefined && ++firstWrites === Math.floor(writes / 2)) halfway();
    });
    // The first run's writes are slow: the second, reading, catches up with it.
    const slowWrites = clientsWith(cloud, async (command, send) => {
      if (!isRead(command)) await new Promise((resolve) => setTimeout(resolve, 10));
      return send();
    });
    const first = apply(plan, {
      ...fastExecution(cloud),
      clients: slowWrites,
      journalPath: join(dir, 'a.journal.jsonl'),
    });
    const firstDone = first.then(() => undefined);
    await halfDone;
    stopCounting();

    // The second run starts when the first is half done: it finds what the first made (its tags
    // say it is this plan's) and goes on to what is still missing. Its creates wait until the
    // first run is done, then fail as a server error would (not a refusal: AWS may or may not
    // have acted), so its journal has intents for what the first run made. Its deletes go
    // through: what its rollback would delete, it can.
    const failing = clientsWith(cloud, async (command, send) => {
      if (isRead(command) || isDelete(command) || command === 'GetCallerIdentity') return send();
      await firstDone;
      throw Object.assign(new Error(`Injected server error on ${command}`), {
        name: 'InternalFailure',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
    });
    const secondJournal = join(dir, 'b.journal.jsonl');
    const second = await apply(plan, {
      ...fastExecution(cloud),
      clients: failing,
      retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 },
      journalPath: secondJournal,
    });
    const result = await first;

    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(second.ok).toBe(false);
    // The test's point: the failed run journaled intents for resources the first run made (the
    // untaggable parts of the first run's roles and groups among them, which nothing depends on).
    const intents = journalRecords(secondJournal).flatMap((r) => (r.type === 'intent' ? [r.id] : []));
    expect(intents).not.toEqual([]);
    expect(second.results.filter((r) => r.outcome === 'rolledBack')).toEqual([]);
    await cloud.settle();
    expect(sameCloud(clean, cloud.snapshot(), 'after both runs')).toEqual([]);
  });
});

/** The pid of a process that ran and has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid as number));
  });
}

function writeLock(path: string, pid: number, command: string): void {
  const holder = { pid, host: hostname(), since: new Date().toISOString(), command, token: `test-${pid}` };
  writeFileSync(path, `${JSON.stringify(holder)}\n`);
}

/** Takes the lock for `apply <name>`: its release, or undefined when refused as held. */
function tryLock(lockPath: string, name: string): (() => void) | undefined {
  try {
    return acquireLock(lockPath, `apply ${name}`);
  } catch (error) {
    if ((error as { code?: string }).code === 'JOURNAL_LOCKED') return undefined;
    throw error;
  }
}

/**
 * Run B takes the lock; before B's n-th file operation, the runs `others.get(n)` take it, each
 * in one go (runs due at or after B's last operation go after B). Returns who holds it, and how
 * many file operations B made.
 */
function takeOverInterleaved(lockPath: string, others: ReadonlyMap<number, readonly string[]>) {
  const held = new Map<string, () => void>();
  const take = (name: string) => {
    const release = tryLock(lockPath, name);
    if (release !== undefined) held.set(name, release);
  };
  let step = 0;
  const beforeB = () => {
    const due = others.get(step++) ?? [];
    fileCalls.before = undefined;
    for (const name of due) take(name);
    fileCalls.before = beforeB;
  };
  fileCalls.before = beforeB;
  try {
    take('B');
  } finally {
    fileCalls.before = undefined;
  }
  for (const [at, names] of others) if (at >= step) for (const name of names) take(name);
  return { held, steps: step };
}

describe('the journal lock', () => {
  it('is one lock for a journal reached through a symlink: an apply through the link is refused while one through the file runs', async () => {
    const cloud = fastLocalCloud({ faults: { latencyMs: 2 } });
    const plan = colorMeshIn(cloud).plan();
    const dir = caseDir();
    const journalPath = join(dir, 'color-mesh.journal.jsonl');
    writeFileSync(journalPath, '', { mode: 0o600 });
    const linked = join(dir, 'linked.journal.jsonl');
    symlinkSync(journalPath, linked);
    const firstCall = signal();
    const stopListening = cloud.onCall(firstCall.resolve);
    const first = apply(plan, { ...fastExecution(cloud), journalPath });
    await firstCall.promise;
    stopListening();

    await expect(apply(plan, { ...fastExecution(cloud), journalPath: linked })).rejects.toMatchObject({
      code: 'JOURNAL_LOCKED',
      message: expect.stringContaining(`is held by apply color-mesh (pid ${process.pid} on ${hostname()}`),
    });
    const result = await first;
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(journalRecords(journalPath).filter((r) => r.type === 'apply')).toHaveLength(1);
  });

  it('left stale, is taken over by exactly one of three runs, whatever point of one takeover the others run at', async () => {
    const dead = await deadPid();
    const staleLock = () => {
      const lockPath = join(caseDir(), 'color-mesh.journal.jsonl.lock');
      writeLock(lockPath, dead, 'apply color-mesh (killed)');
      return lockPath;
    };
    // B alone takes the stale lock over: the points A and C can run at are before each of its file operations, and after.
    const alone = takeOverInterleaved(staleLock(), new Map());
    expect([...alone.held.keys()]).toEqual(['B']);
    for (const release of alone.held.values()) release();

    for (let a = 0; a <= alone.steps; a++) {
      for (let c = a; c <= alone.steps; c++) {
        const lockPath = staleLock();
        const others = new Map<number, string[]>([[a, ['A']]]);
        others.set(c, [...(others.get(c) ?? []), 'C']);
        const { held } = takeOverInterleaved(lockPath, others);
        const holders = [...held.keys()];
        expect(holders, `A before B's file operation ${a}, C before ${c}`).toHaveLength(1);
        const holder = JSON.parse(readFileSync(lockPath, 'utf8')) as { command: string };
        expect(holder.command).toBe(`apply ${holders[0]}`);
        for (const release of held.values()) release();
        expect(existsSync(lockPath)).toBe(false);
      }
    }
  });

  it('left by a process that no longer runs is taken over, and released after the run', async () => {
    const cloud = fastLocalCloud();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    const lockPath = `${journalPath}.lock`;
    writeLock(lockPath, await deadPid(), 'apply color-mesh');

    const result = await apply(colorMeshIn(cloud).plan(), { ...fastExecution(cloud), journalPath });
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('held by a live process refuses destroy, naming the holder, and nothing is deleted', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    expect((await apply(plan, { ...fastExecution(cloud), journalPath })).ok).toBe(true);
    await cloud.settle();
    const applied = cloud.snapshot();

    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      writeLock(`${journalPath}.lock`, holder.pid as number, 'apply color-mesh');
      await expect(destroy(plan, { ...fastExecution(cloud), journalPath })).rejects.toMatchObject({
        code: 'JOURNAL_LOCKED',
        message: expect.stringContaining(`is held by apply color-mesh (pid ${holder.pid} on ${hostname()}`),
      });
    } finally {
      holder.kill();
    }
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(applied);
  });
});
