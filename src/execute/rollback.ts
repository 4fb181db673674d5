/**
 * rollback: undoes what the journal says a run did: deletes what it created (reading each
 * resource before deleting it) and puts back the spec of what it updated, dependents first, with
 * the run's concurrency (the journal records each resource's plan dependencies). A journal
 * without them is undone one change at a time, newest first: a change is journaled only after
 * everything it depends on was done, so that order is safe too.
 */
import { MeshError } from '../errors/mesh-error.js';
import type { JournalEntry } from './journal.js';
import { Journal } from './journal.js';
import { type ExecuteOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { deleteAndWait, handlerFor, runStep, stepContext } from './step.js';
import { dependentsOf, walk } from './walk.js';

export interface UndoResult {
  /** Ids deleted or put back, newest first (not those found gone already). */
  readonly undone: readonly string[];
  readonly failed: ReadonlyMap<string, unknown>;
}

/** Deletes a resource the journal says this tool created, if it still exists. True when it deleted it. */
export async function deleteJournaled(
  entry: JournalEntry,
  options: ResolvedOptions,
  journal: Journal,
): Promise<boolean> {
  const context = stepContext(options);
  const handler = handlerFor(entry.kind);
  const input = entry.input as never;
  const observed = await runStep(options, entry, 'read', () => handler.read(input, context));
  if (observed !== undefined) await deleteAndWait(options, entry, observed.attributes, input, context);
  journal.append({ type: 'deleted', id: entry.id });
  return observed !== undefined;
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
 * Undoes what the given journal entries did: deletes what was created, puts back the previous
 * spec of what was updated, each after everything that depends on it. Adopted and unchanged
 * resources are not touched. A resource that cannot be undone is reported, and so is what it
 * still depends on, which is left in place; everything else is still undone.
 */
export async function undoEntries(
  entries: ReadonlyMap<string, JournalEntry>,
  options: ResolvedOptions,
  journal: Journal,
): Promise<UndoResult> {
  const changed = [...entries.values()]
    .filter((e) => !e.deleted && (e.created || e.previous !== undefined))
    .sort((a, b) => b.order - a.order);
  const waitsFor = undoOrder(changed);
  const undone = new Set<string>();
  const failed = new Map<string, unknown>();
  await walk(
    changed,
    async (entry) => {
      const blocker = waitsFor(entry).find((id) => failed.has(id));
      if (blocker !== undefined) {
        failed.set(entry.id, new Error(`Not undone: ${blocker}, which depends on it, could not be undone.`));
        return;
      }
      try {
        const wrote = entry.created
          ? await deleteJournaled(entry, options, journal)
          : await restore(entry, options, journal);
        // A create that never happened (its intent only) or a spec already back needs no undo.
        if (wrote) undone.add(entry.id);
      } catch (error) {
        failed.set(entry.id, error);
      }
    },
    { concurrency: options.concurrency, waitsFor },
  );
  return { undone: changed.map((e) => e.id).filter((id) => undone.has(id)), failed };
}

/**
 * What each entry's undo waits for: the entries that depend on it; or, when the journal did not
 * record dependencies, the next newer change.
 */
function undoOrder(newestFirst: readonly JournalEntry[]): (entry: JournalEntry) => readonly string[] {
  let waits: Map<string, string[]>;
  if (newestFirst.some((e) => e.dependsOn === undefined)) {
    waits = new Map();
    newestFirst.forEach((entry, i) => {
      const newer = newestFirst[i - 1];
      waits.set(entry.id, newer === undefined ? [] : [newer.id]);
    });
  } else {
    waits = dependentsOf(newestFirst as readonly (JournalEntry & { dependsOn: readonly string[] })[]);
  }
  return (entry) => waits.get(entry.id) ?? [];
}

export interface RollbackResult {
  readonly ok: boolean;
  /** Ids deleted (or found already gone) or put back, newest first. */
  readonly deleted: readonly string[];
  readonly error?: MeshError;
}

/**
 * Undoes the interrupted (crashed or failed without rollback) apply that the journal ends with,
 * including the interrupted runs it resumed. Deletes nothing the journal does not say it created.
 */
export async function rollback(
  options: ExecuteOptions & { readonly journalPath: string },
): Promise<RollbackResult> {
  const resolved = resolveOptions(options);
  const journal = new Journal(resolved.journalPath);
  const run = journal.interrupted()?.records ?? lastFailedRun(journal);
  if (run === undefined) return { ok: true, deleted: [] };
  const { undone, failed } = await undoEntries(journal.entries(run), resolved, journal);
  journal.append({ type: 'finished', ok: failed.size === 0 });
  const [id, error] = [...failed][0] ?? [];
  if (id === undefined) return { ok: true, deleted: undone };
  const e = error as { name?: string; message?: string };
  return {
    ok: false,
    deleted: undone,
    error: new MeshError(
      'ROLLBACK_FAILED',
      `Rollback of ${id} failed: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`,
      {
        resourcePath: id,
        cause: error,
      },
    ),
  };
}

/** An apply that finished with ok false and rollback off: its records. */
function lastFailedRun(journal: Journal) {
  const records = journal.records;
  const last = records.at(-1);
  if (last?.type !== 'finished' || last.ok) return undefined;
  const start = records.findLastIndex((r) => r.type === 'apply');
  return start < 0 ? undefined : records.slice(start);
}
