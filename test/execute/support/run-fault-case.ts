/**
 * Runs one case of the fault suite and returns every invariant it broke (empty: none), each a
 * sentence naming the stage. The stages: foreign resources in; the faulted run; the journal
 * damaged; a fault-free follow-up; then a rollback that must change nothing and a destroy that
 * must leave the cloud as it was before.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MeshError } from '../../../src/errors/mesh-error.js';
import { apply } from '../../../src/execute/apply.js';
import { destroy } from '../../../src/execute/destroy.js';
import { resume } from '../../../src/execute/resume.js';
import { rollback } from '../../../src/execute/rollback.js';
import { type CloudSnapshot, createLocalCloud, type LocalCloud } from '../../../src/local/local-cloud.js';
import type { Plan } from '../../../src/plan/plan.js';
import { runChild } from '../../support/child-scripts.js';
import { FAST_DELAYS, fastExecution } from '../../support/local-color-mesh.js';
import { type ForeignSetup, type MeshKind, planFor, putForeignResources } from './fault-meshes.js';
import { type FaultCase, faultOptions, type JournalDamage } from './fault-schedule.js';
import { foreignUnchanged, noDuplicates, sameCloud } from './snapshot-invariants.js';

const GARBAGE_LINE = '<<<<<<< HEAD';

/**
 * A stage that takes longer than this is reported as hung (and aborted). Far above a stage's time
 * (a second or two for the color mesh): with four workers on a busy machine, an apply with most
 * calls throttled took more than 20 s, and was reported as hung.
 */
const STAGE_TIMEOUT_MS: Record<MeshKind, number> = {
  color: 60_000,
  'color-sc': 60_000,
  'color-lattice': 60_000,
  large: 60_000,
};

export interface Reference {
  /** The cloud with the foreign resources only. */
  readonly before: CloudSnapshot;
  /** After a clean apply on top of that. */
  readonly clean: CloudSnapshot;
  /** Write calls of the clean apply. */
  readonly writes: number;
}

const references = new Map<string, Promise<Reference>>();

/** A clean apply of the plan on a fresh cloud with the same foreign resources (computed once per setup). */
export function referenceFor(kind: MeshKind, foreign: ForeignSetup): Promise<Reference> {
  const key = `${kind}:${foreign.otherMesh}:${[...foreign.adopted].sort().join(',')}`;
  let reference = references.get(key);
  if (reference === undefined) {
    reference = (async () => {
      const cloud = createLocalCloud({ delays: FAST_DELAYS });
      const plan = planFor(kind, cloud);
      await putForeignResources(cloud, plan, foreign, undefined);
      const before = cloud.snapshot();
      const calls = cloud.callLog().length;
      const result = await apply(plan, fastExecution(cloud));
      if (!result.ok) throw new Error(`The reference apply failed: ${result.error?.message}`);
      await cloud.settle();
      const writes = cloud
        .callLog()
        .slice(calls)
        .filter((c) => c.write).length;
      return { before, clean: cloud.snapshot(), writes };
    })();
    references.set(key, reference);
  }
  return reference;
}

interface Outcome<T> {
  readonly value?: T;
  readonly error?: unknown;
  readonly hung?: boolean;
}

/** Runs a stage with an abort signal; past the timeout it is aborted and reported hung. */
async function bounded<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<Outcome<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  const running = run(controller.signal).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const first = await Promise.race([running, timeout]);
  clearTimeout(timer);
  if (first !== 'hung') return first;
  controller.abort();
  // Give the aborted run a moment to stop calling the cloud.
  await Promise.race([running, new Promise((r) => setTimeout(r, 2_000))]);
  return { hung: true };
}

function describeFailure(outcome: Outcome<{ ok: boolean; error?: MeshError }>): string {
  if (outcome.hung) return 'hung';
  if (outcome.error !== undefined) {
    const e = outcome.error as { name?: string; message?: string };
    return `threw ${e.name}: ${e.message}`;
  }
  return `ok false: ${outcome.value?.error?.message}`;
}

/** Damages the journal as a crash or a careless merge would; returns how to undo a garbage line. */
function damageJournal(journalPath: string, damage: JournalDamage): (() => void) | undefined {
  if (damage.type === 'none' || !existsSync(journalPath)) return undefined;
  const text = readFileSync(journalPath, 'utf8');
  const lines = text.split('\n').filter((l) => l !== '');
  if (damage.type === 'tornTail') {
    const last = lines.at(-1) ?? '';
    const kept = last.slice(0, Math.floor(damage.keep * last.length));
    writeFileSync(journalPath, text.slice(0, text.length - last.length - 1) + kept);
    return undefined;
  }
  if (lines.length < 3) return undefined;
  // Between two records, never first or last: a line that is not the journal's end.
  const at = 1 + Math.min(lines.length - 2, Math.floor(damage.at * (lines.length - 1)));
  writeFileSync(journalPath, `${[...lines.slice(0, at), GARBAGE_LINE, ...lines.slice(at)].join('\n')}\n`);
  return () => {
    const now = readFileSync(journalPath, 'utf8').split('\n');
    writeFileSync(journalPath, now.filter((l) => l !== GARBAGE_LINE).join('\n'));
  };
}

/** A refusal that must leave everything as it was: the journal is locked, another's, or damaged. */
function isRefusal(error: unknown): boolean {
  const code = (error as Partial<MeshError> | undefined)?.code;
  return code === 'JOURNAL_LOCKED' || code === 'JOURNAL_MISMATCH' || code === 'JOURNAL_CORRUPT';
}

export async function runFaultCase(kind: MeshKind, c: FaultCase, root: string): Promise<string[]> {
  const violations: string[] = [];
  const dir = mkdtempSync(join(root, 'case-'));
  let journalPath = join(dir, 'journal.jsonl');
  const stateFile = join(dir, 'cloud.json');
  const timeout = STAGE_TIMEOUT_MS[kind];
  const reference = await referenceFor(kind, c.foreign);

  let cloud: LocalCloud = createLocalCloud({
    delays: FAST_DELAYS,
    ...(c.run.type === 'kill' ? { stateFile } : {}),
  });
  const plan: Plan = planFor(kind, cloud);
  await putForeignResources(cloud, plan, c.foreign, c.foreign.sharedJournal ? journalPath : undefined);
  const before = cloud.snapshot();
  const faults = faultOptions(c.faults);
  if (c.foreign.sharedJournal) {
    // The other mesh's journal: this mesh must be refused there, without a single write; then it
    // goes on with a journal of its own, as its user would have to.
    const refused = await bounded(timeout, (signal) =>
      apply(plan, { ...fastExecution(cloud), journalPath, signal }),
    );
    if (!isRefusal(refused.error))
      violations.push(`apply with another mesh's journal was not refused: ${describeFailure(refused)}`);
    violations.push(
      ...sameCloud(before, cloud.snapshot(), "apply with another mesh's journal changed the cloud"),
    );
    journalPath = join(dir, 'own-journal.jsonl');
  }

  const check = (stage: string, expected: 'clean' | 'before' | undefined) => {
    const now = cloud.snapshot();
    violations.push(...foreignUnchanged(before, now).map((v) => `${stage}: ${v}`));
    if (expected === 'clean') {
      violations.push(...sameCloud(reference.clean, now, `${stage}: differs from a clean apply`));
      violations.push(...noDuplicates(reference.clean, now, `${stage}: duplicate`));
    }
    if (expected === 'before')
      violations.push(...sameCloud(before, now, `${stage}: differs from the cloud before`));
  };

  // 1. The faulted run.
  let faultedApplyOk = false;
  if (c.run.type === 'kill') {
    // The child's verdict is on stdout; stderr (Node's warnings, a crash) is kept for the message.
    const child = await runChild('fault-apply-child', [
      JSON.stringify({ kind, stateFile, journalPath, atWrite: c.run.atWrite, faults }),
    ]);
    // What the child left, in memory from here on: saving a large mesh's state at every write is slow.
    cloud = createLocalCloud({ delays: FAST_DELAYS });
    cloud.importState(createLocalCloud({ stateFile }).exportState());
    await cloud.settle();
    if (child.signal === 'SIGKILL') check(`killed at write ${c.run.atWrite}`, undefined);
    else if (child.out.startsWith('finished ok')) {
      faultedApplyOk = true;
      check('child apply, ok', 'clean');
    } else if (!child.out.startsWith('finished failed')) {
      violations.push(`the child apply crashed: ${(child.out + child.err).trim().slice(-600)}`);
    } else check('child apply, failed', undefined);
  } else {
    cloud.setFaults(faults);
    const runs = c.run.type === 'concurrent' ? 2 : 1;
    const outcomes = await Promise.all(
      Array.from({ length: runs }, () =>
        bounded(timeout, (signal) => apply(plan, { ...fastExecution(cloud), journalPath, signal })),
      ),
    );
    await cloud.settle();
    const label = c.run.type === 'concurrent' ? 'two applies at once' : 'faulted apply';
    const results = outcomes.flatMap((o) => (o.value === undefined ? [] : [o.value]));
    outcomes.forEach((o, i) => {
      if (o.hung) violations.push(`${label}: apply ${i + 1} hung (aborted after ${timeout} ms)`);
      // The second of two runs on one journal is refused by its lock: right, and it changed nothing.
      if (o.error !== undefined && !(runs === 2 && isRefusal(o.error)))
        violations.push(`${label}: apply ${i + 1} ${describeFailure(o)}`);
    });
    if (outcomes.every((o) => o.error !== undefined)) violations.push(`${label}: every apply was refused`);
    faultedApplyOk = results.some((r) => r?.ok === true);
    if (faultedApplyOk) check(`${label}, ok`, 'clean');
    // A rollback that reports resources it could not undo promises nothing about them.
    else if (
      results.every((r) => r?.rolledBack === true && r.results.every((x) => x.outcome !== 'rollbackFailed'))
    )
      check(`${label}, failed (${results[0]?.error?.message}) and rolled back`, 'before');
    else check(`${label}, failed`, undefined);
  }

  // 2. The journal damaged; 3. the fault-free follow-up (the consistency window may stay).
  const repair = damageJournal(journalPath, c.damage);
  cloud.setFaults(c.windowDuringFollowUp ? { consistencyWindowMs: c.faults.consistencyWindowMs } : {});
  const target =
    c.followUp === 'continue' ? 'clean' : c.followUp === 'destroy' || !faultedApplyOk ? 'before' : 'clean';
  const followUp = (signal: AbortSignal): Promise<{ ok: boolean; error?: MeshError }> => {
    const options = { ...fastExecution(cloud), journalPath, signal };
    if (c.followUp === 'rollback') return rollback(options);
    if (c.followUp === 'destroy') return destroy(plan, options);
    return resume(plan, options).catch((error: unknown) => {
      if ((error as MeshError).code === 'NOTHING_TO_RESUME') return apply(plan, options);
      throw error;
    });
  };
  const stage = `${c.followUp} after it${c.damage.type === 'none' ? '' : ` (journal: ${c.damage.type})`}`;
  const beforeFollowUp = cloud.snapshot();
  let outcome = await bounded(timeout, followUp);
  await cloud.settle();
  if (repair !== undefined && outcome.value?.ok !== true) {
    // Refusing a corrupt journal (throwing) is right, as long as the refusal changed nothing; then the line goes.
    if (outcome.error !== undefined) {
      const refused = `${stage}: refused, but changed the cloud`;
      violations.push(...sameCloud(beforeFollowUp, cloud.snapshot(), refused));
    }
    repair();
    outcome = await bounded(timeout, followUp);
    await cloud.settle();
  }
  const followUpOk = outcome.value?.ok === true;
  if (!followUpOk) violations.push(`${stage}: ${describeFailure(outcome)}`);
  check(stage, target);

  // 4. A rollback now has nothing to undo; a destroy leaves the cloud as it was before.
  const settled = cloud.snapshot();
  const rolled = await bounded(timeout, (signal) =>
    rollback({ ...fastExecution(cloud), journalPath, signal }),
  );
  await cloud.settle();
  if (rolled.value?.ok !== true)
    violations.push(`rollback after the ${c.followUp}: ${describeFailure(rolled)}`);
  if (followUpOk) {
    const changed = `rollback after the finished ${c.followUp} changed the cloud`;
    violations.push(...sameCloud(settled, cloud.snapshot(), changed));
  }
  const destroyed = await bounded(timeout, (signal) =>
    destroy(plan, { ...fastExecution(cloud), journalPath, signal }),
  );
  await cloud.settle();
  if (destroyed.value?.ok !== true) violations.push(`final destroy: ${describeFailure(destroyed)}`);
  check('final destroy', 'before');
  return violations;
}
