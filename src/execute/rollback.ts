/**
 * rollback: undoes what the journal says a run did, newest change first: deletes what it created
 * (reading each resource before deleting it) and puts back the spec of what it updated. Journal
 * order is a valid undo order: a change is journaled only after everything it depends on was done.
 */
import { MeshError } from '../errors/mesh-error.js';
import type { JournalEntry } from './journal.js';
import { Journal } from './journal.js';
import { type ExecuteOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { deleteAndWait, handlerFor, runStep, stepContext } from './step.js';

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
  });
  return true;
}

/**
 * Undoes what the given journal entries did, newest change first: deletes what was created, puts
 * back the previous spec of what was updated. Adopted and unchanged resources are not touched.
 * A resource that cannot be undone is reported, and the others are still undone.
 */
export async function undoEntries(
  entries: ReadonlyMap<string, JournalEntry>,
  options: ResolvedOptions,
  journal: Journal,
): Promise<UndoResult> {
  const undone: string[] = [];
  const failed = new Map<string, unknown>();
  const changed = [...entries.values()]
    .filter((e) => !e.deleted && (e.created || e.previous !== undefined))
    .sort((a, b) => b.order - a.order);
  for (const entry of changed) {
    try {
      const wrote = entry.created
        ? await deleteJournaled(entry, options, journal)
        : await restore(entry, options, journal);
      // A create that never happened (its intent only) or a spec already back needs no undo.
      if (wrote) undone.push(entry.id);
    } catch (error) {
      failed.set(entry.id, error);
    }
  }
  return { undone, failed };
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
