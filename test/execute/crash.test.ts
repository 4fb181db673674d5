/**
 * Crash at every step: an apply of the color mesh dies right after its k-th write call (the cloud
 * has saved that write; the executor has not journaled its outcome yet). From what it left (the
 * local cloud's state file and the journal), `resume` must reach exactly the state a clean apply
 * reaches, and `rollback` exactly the state before; never a duplicate. Every k, in one test that
 * lists the k that fail.
 *
 * What a SIGKILL after write k leaves on disk is what the files hold at that moment: the cloud
 * saves each write and the journal is appended synchronously, so nothing more reaches the disk
 * before the kill. One apply in this process therefore copies the files at every write; child
 * processes killed for real at the first, a middle and the last write check that model, stale
 * lock and all.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { resume } from '../../src/execute/resume.js';
import { rollback } from '../../src/execute/rollback.js';
import { createLocalCloud, type LocalCloud } from '../../src/local/local-cloud.js';
import type { SavedState } from '../../src/local/state-file.js';
import type { Plan } from '../../src/plan/plan.js';
import { runChild } from '../support/child-scripts.js';
import { forEachLimited } from '../support/for-each-limited.js';
import { colorMeshIn, FAST_DELAYS, fastExecution, withoutRunIds } from '../support/local-color-mesh.js';

const root = mkdtempSync(join(tmpdir(), 'appmesh-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a crashed apply left: the cloud's state file and the journal (the journal copied once more for rollback). */
interface Leftovers {
  readonly dir: string;
  readonly state: string;
  readonly journal: string;
}

function leftoversIn(name: string): Leftovers {
  const dir = join(root, name);
  mkdirSync(dir);
  return { dir, state: join(dir, 'cloud.json'), journal: join(dir, 'journal.jsonl') };
}

/**
 * A cloud in memory with what a state file held. Resume and rollback then run without saving the
 * whole cloud to a file after each of their writes, which was most of their time and checks nothing
 * here: what they leave is compared in memory.
 */
function cloudWith(saved: SavedState): LocalCloud {
  const cloud = createLocalCloud({ delays: FAST_DELAYS });
  cloud.importState(saved);
  return cloud;
}

/** Every way resume and rollback went wrong from these leftovers (empty: none). */
async function checkRecovery(plan: Plan, at: Leftovers, after: string, before: string): Promise<string[]> {
  const problems: string[] = [];
  const left = createLocalCloud({ stateFile: at.state }).exportState();
  const journalForRollback = join(at.dir, 'journal-2.jsonl');
  if (existsSync(at.journal)) copyFileSync(at.journal, journalForRollback);

  const resumedCloud = cloudWith(left);
  const resumed = await resume(plan, { ...fastExecution(resumedCloud), journalPath: at.journal });
  await resumedCloud.settle();
  if (!resumed.ok) problems.push(`resume failed: ${resumed.error?.message}`);
  else if (JSON.stringify(withoutRunIds(resumedCloud.snapshot())) !== after)
    problems.push('resume differs from a clean apply');

  const rolledCloud = cloudWith(left);
  const rolled = await rollback({ ...fastExecution(rolledCloud), journalPath: journalForRollback });
  await rolledCloud.settle();
  if (!rolled.ok) problems.push(`rollback failed: ${rolled.error?.message}`);
  else if (JSON.stringify(rolledCloud.snapshot()) !== before) problems.push('rollback differs from before');
  return problems;
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

    // One apply, its files copied as they are right after each write.
    const live = leftoversIn('live');
    const cloud = createLocalCloud({ stateFile: live.state, delays: FAST_DELAYS });
    const atWrite: Leftovers[] = [];
    cloud.onCall((call) => {
      if (!call.write || call.error !== undefined) return;
      const at = leftoversIn(`k${atWrite.length + 1}`);
      copyFileSync(live.state, at.state);
      if (existsSync(live.journal)) copyFileSync(live.journal, at.journal);
      atWrite.push(at);
    });
    const applied = await apply(plan, { ...fastExecution(cloud), journalPath: live.journal });
    expect(applied.ok).toBe(true);
    expect(atWrite).toHaveLength(writes);

    const failing: string[] = [];
    const killed = [...new Set([1, Math.ceil(writes / 2), writes])];
    await Promise.all([
      forEachLimited(
        atWrite.map((at, index) => ({ at, k: index + 1 })),
        6,
        async ({ at, k }) => {
          for (const problem of await checkRecovery(plan, at, after, before))
            failing.push(`k=${k}: ${problem}`);
        },
      ),
      forEachLimited(killed, 2, async (k) => {
        const at = leftoversIn(`killed-k${k}`);
        const child = await runChild('apply-child', [at.state, at.journal, String(k)]);
        if (child.signal !== 'SIGKILL') {
          failing.push(
            `killed k=${k}: the child was not killed (${child.signal}): ${(child.out + child.err).trim()}`,
          );
          return;
        }
        for (const problem of await checkRecovery(plan, at, after, before))
          failing.push(`killed k=${k}: ${problem}`);
      }),
    ]);
    expect(failing.sort()).toEqual([]);
  }, 300_000);
});
