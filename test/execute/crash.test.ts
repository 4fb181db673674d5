/**
 * Crash at every step: a child process applying the color mesh is killed with SIGKILL after its
 * k-th write call. From what it left (the local cloud's state file and the journal), `resume`
 * must reach exactly the state a clean apply reaches, and `rollback` exactly the state before;
 * never a duplicate. Every k, in one test that lists the k that fail.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { resume } from '../../src/execute/resume.js';
import { rollback } from '../../src/execute/rollback.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';
import { colorMeshIn, FAST_DELAYS, fastExecution, withoutRunIds } from '../support/local-color-mesh.js';

const CHILD = fileURLToPath(new URL('./support/apply-child.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'appmesh-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runChild(
  stateFile: string,
  journalPath: string,
  k: number,
): Promise<{ signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, stateFile, journalPath, String(k)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, out }));
  });
}

/** Runs `task` over 1..n with at most `width` at once. */
async function forEachLimited(n: number, width: number, task: (k: number) => Promise<void>): Promise<void> {
  let next = 1;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next <= n) await task(next++);
    }),
  );
}

describe('crash at every write call', () => {
  it('resume reaches the clean state and rollback the state before, for every k', async () => {
    const clean = createLocalCloud({ delays: FAST_DELAYS });
    await clean.settle();
    const before = JSON.stringify(clean.snapshot());
    const plan = colorMeshIn(clean).plan();
    await apply(plan, fastExecution(clean));
    await clean.settle();
    const after = JSON.stringify(withoutRunIds(clean.snapshot()));
    const writes = clean.callLog().filter((c) => c.write && c.error === undefined).length;

    const failing: string[] = [];
    await forEachLimited(writes, 3, async (k) => {
      const dir = mkdtempSync(join(root, `k${k}-`));
      const state = join(dir, 'cloud.json');
      const journal = join(dir, 'journal.jsonl');
      const child = await runChild(state, journal, k);
      if (child.signal !== 'SIGKILL') {
        failing.push(`k=${k}: the child was not killed (${child.signal}): ${child.out.trim()}`);
        return;
      }
      copyFileSync(state, join(dir, 'cloud-2.json'));
      copyFileSync(journal, join(dir, 'journal-2.jsonl'));

      const resumedCloud = createLocalCloud({ stateFile: state, delays: FAST_DELAYS });
      const resumed = await resume(plan, { ...fastExecution(resumedCloud), journalPath: journal });
      await resumedCloud.settle();
      if (!resumed.ok) failing.push(`k=${k}: resume failed: ${resumed.error?.message}`);
      else if (JSON.stringify(withoutRunIds(resumedCloud.snapshot())) !== after)
        failing.push(`k=${k}: resume differs from a clean apply`);

      const rolledCloud = createLocalCloud({ stateFile: join(dir, 'cloud-2.json'), delays: FAST_DELAYS });
      const rolled = await rollback({
        ...fastExecution(rolledCloud),
        journalPath: join(dir, 'journal-2.jsonl'),
      });
      await rolledCloud.settle();
      if (!rolled.ok) failing.push(`k=${k}: rollback failed: ${rolled.error?.message}`);
      else if (JSON.stringify(rolledCloud.snapshot()) !== before)
        failing.push(`k=${k}: rollback differs from before`);
    });
    expect(failing.sort()).toEqual([]);
  }, 300_000);
});
