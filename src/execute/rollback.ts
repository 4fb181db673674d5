/**
 * rollback: deletes what the journal says this tool created (and has not deleted since), newest
 * first, reading each resource before deleting it. Journal order is a valid deletion order: a
 * create is journaled only after everything it depends on was done.
 */
import { MeshError } from '../errors/mesh-error.js';
import type { JournalEntry } from './journal.js';
import { Journal } from './journal.js';
import { type ExecuteOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { handlerFor, runStep, stepContext } from './step.js';

export async function rollbackEntries(
  entries: ReadonlyMap<string, JournalEntry>,
  options: ResolvedOptions,
  journal: Journal,
): Promise<Set<string>> {
  const context = stepContext(options);
  const done = new Set<string>();
  const created = [...entries.values()].filter((e) => e.created && !e.deleted).reverse();
  for (const entry of created) {
    const handler = handlerFor(entry.kind);
    const input = entry.input as never;
    const observed = await runStep(options, entry, 'read', () => handler.read(input, context));
    if (observed !== undefined) {
      await runStep(options, entry, 'delete', () => handler.delete(observed.attributes, input, context));
      const waitDeleted = handler.waitDeleted;
      if (waitDeleted !== undefined) {
        await runStep(options, entry, 'wait', () => waitDeleted(observed.attributes, context));
      }
    }
    journal.append({ type: 'deleted', id: entry.id });
    done.add(entry.id);
  }
  return done;
}

export interface RollbackResult {
  readonly ok: boolean;
  /** Ids deleted (or found already gone), newest first. */
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
  try {
    const deleted = await rollbackEntries(journal.entries(run), resolved, journal);
    journal.append({ type: 'finished', ok: true });
    return { ok: true, deleted: [...deleted] };
  } catch (error) {
    const e = error as { name?: string; message?: string };
    return {
      ok: false,
      deleted: [],
      error: new MeshError(
        'ROLLBACK_FAILED',
        `Rollback failed: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`,
        {
          cause: error,
        },
      ),
    };
  }
}

/** An apply that finished with ok false and rollbackOnFailure off: its records. */
function lastFailedRun(journal: Journal) {
  const records = journal.records;
  const last = records.at(-1);
  if (last?.type !== 'finished' || last.ok) return undefined;
  const start = records.findLastIndex((r) => r.type === 'apply');
  return start < 0 ? undefined : records.slice(start);
}
