/**
 * rollback: undoes what the journal says a run did: deletes what it created and puts back the
 * spec of what it updated, dependents first, with the run's concurrency (the journal records each
 * resource's plan dependencies). A journal without them is undone one change at a time, newest
 * first: a change is journaled only after everything it depends on was done, so that order is
 * safe too.
 *
 * Only what carries the run's own tag is deleted (for untaggable kinds, their owner's): what a
 * concurrent run or an earlier one made stays, even where this run's journal has an intent for it.
 */
import { MeshError } from '../errors/mesh-error.js';
import { OWNERSHIP_TAG_KEY } from '../plan/names.js';
import { type DeleteOutcome, deleteIfOurs, undoOrder } from './delete-owned.js';
import type { Journal, JournalEntry } from './journal.js';
import { withJournal } from './journal-session.js';
import { type ExecuteOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { madeByRun } from './run-tag.js';
import { handlerFor, runStep, stepContext } from './step.js';
import { walk } from './walk.js';

export interface UndoResult {
  /** Ids deleted or put back, newest first (not those found gone already). */
  readonly undone: readonly string[];
  /** Ids the run's journal names that are there but not the run's own (another run made them): left in place. */
  readonly kept: readonly string[];
  readonly failed: ReadonlyMap<string, unknown>;
}

/** Puts back the spec an update replaced. True when it wrote. */
async function restore(entry: JournalEntry, options: ResolvedOptions, journal: Journal): Promise<boolean> {
  const context = stepContext(options);
  const handler = handlerFor(entry.kind);
  const previous = entry.previous as never;
  const observed = await runStep(options, entry, 'read', () => handler.read(previous, context));
  const update = handler.update;
  if (observed === undefined || update === undefined || handler.changes(previous, observed).length === 0)
    return false;
  const attributes = await runStep(options, entry, 'update', () => update(previous, observed, context));
  journal.append({
    type: 'done',
    id: entry.id,
    kind: entry.kind,
    outcome: 'updated',
    attributes,
    input: previous,
    ...(entry.dependsOn === undefined ? {} : { dependsOn: entry.dependsOn }),
  });
  return true;
}

/**
 * Undoes what the given journal entries (one run's) did: deletes what the run created, puts back
 * the previous spec of what it updated, each after everything that depends on it. Adopted and
 * unchanged resources are not touched. A resource that cannot be undone is reported, and so is
 * what it still depends on, which is left in place; everything else is still undone.
 */
export async function undoEntries(
  entries: ReadonlyMap<string, JournalEntry>,
  run: { readonly runId: string | undefined; readonly meshName: string },
  options: ResolvedOptions,
  journal: Journal,
): Promise<UndoResult> {
  const changed = [...entries.values()]
    .filter((e) => !e.deleted && (e.created || e.previous !== undefined))
    .sort((a, b) => b.order - a.order);
  const waitsFor = undoOrder(changed);
  const outcomes = new Map<string, DeleteOutcome | 'restored' | 'unchanged'>();
  const failed = new Map<string, unknown>();
  // Runs from before run tags: the mesh's ownership tag, which those versions wrote too.
  const ours = (tags: Readonly<Record<string, string>>) =>
    run.runId === undefined ? tags[OWNERSHIP_TAG_KEY] === run.meshName : madeByRun(tags, run.runId);
  await walk(
    changed,
    async (entry) => {
      const blocker = waitsFor(entry).find((id) => failed.has(id));
      if (blocker !== undefined) {
        failed.set(entry.id, new Error(`Not undone: ${blocker}, which depends on it, could not be undone.`));
        return;
      }
      try {
        if (entry.created) outcomes.set(entry.id, await deleteIfOurs(entry, entries, ours, options, journal));
        else outcomes.set(entry.id, (await restore(entry, options, journal)) ? 'restored' : 'unchanged');
      } catch (error) {
        failed.set(entry.id, error);
      }
    },
    { concurrency: options.concurrency, waitsFor, stop: options.stop },
  );
  // Stopped (Ctrl-C): what was not reached is still to undo, and the next rollback does it.
  for (const entry of changed) {
    if (!outcomes.has(entry.id) && !failed.has(entry.id))
      failed.set(entry.id, new Error('Stopped before it was undone: run rollback again.'));
  }
  const ids = (...wanted: string[]) =>
    changed.map((e) => e.id).filter((id) => wanted.includes(outcomes.get(id) ?? ''));
  return { undone: ids('deleted', 'restored'), kept: ids('notOurs'), failed };
}

/**
 * Undoes the run `runId` of the journal: marks its undo as started (from then on the run can no
 * longer be resumed, and the next apply is a new run with new tokens), undoes, and marks the end.
 */
export async function undoRun(
  journal: Journal,
  run: {
    readonly runId: string | undefined;
    readonly meshName: string;
    readonly records: Parameters<Journal['entries']>[0];
  },
  options: ResolvedOptions,
): Promise<UndoResult> {
  journal.append({ type: 'rollback', ...(run.runId === undefined ? {} : { runId: run.runId }) });
  const result = await undoEntries(journal.entries(run.records), run, options, journal);
  journal.append({ type: 'finished', ok: result.failed.size === 0 });
  return result;
}

export interface RollbackResult {
  readonly ok: boolean;
  /** Ids deleted or put back, newest first. */
  readonly deleted: readonly string[];
  /** Ids the run's journal names that another run made: left in place. */
  readonly kept: readonly string[];
  readonly error?: MeshError;
}

/**
 * Undoes the apply that the journal ends with when it did not finish well: interrupted (a crash,
 * a kill, a stop), failed with rollback off, or whose rollback itself was cut short or failed.
 * Deletes nothing the run did not create.
 */
export async function rollback(
  options: ExecuteOptions & { readonly journalPath: string },
): Promise<RollbackResult> {
  const resolved = resolveOptions(options);
  const failed = (error: MeshError): RollbackResult => ({ ok: false, deleted: [], kept: [], error });
  return withJournal(resolved, { command: 'rollback', owner: undefined, failed }, async (journal) => {
    const run = journal.runToUndo();
    if (run === undefined) return { ok: true, deleted: [], kept: [] };
    const { undone, kept, failed } = await undoRun(
      journal,
      { runId: run.header.runId, meshName: run.header.meshName, records: run.records },
      resolved,
    );
    const [id, error] = [...failed][0] ?? [];
    if (id === undefined) return { ok: true, deleted: undone, kept };
    const e = error as { name?: string; message?: string };
    return {
      ok: false,
      deleted: undone,
      kept,
      error: new MeshError(
        'ROLLBACK_FAILED',
        `Rollback of ${id} failed: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`,
        { resourcePath: id, cause: error },
      ),
    };
  });
}
