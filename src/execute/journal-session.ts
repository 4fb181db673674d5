/**
 * A run's journal: locked for the whole run (one run at a time per journal), read once the lock
 * is held, and checked to be this mesh's, this plan's and this cloud's before anything is read or
 * written in AWS. An in-memory journal (no path) needs neither.
 */
import { cloudTargetOf } from './cloud-target.js';
import { Journal } from './journal.js';
import { withLock } from './lock.js';
import type { ResolvedOptions } from './options.js';

export interface JournalOwner {
  readonly meshName: string;
  readonly planName: string;
}

/** The lock file of a journal (or of a local cloud's state file). */
export function lockPathOf(path: string): string {
  return `${path}.lock`;
}

export async function withJournal<T>(
  options: ResolvedOptions,
  run: { readonly command: string; readonly owner: JournalOwner | undefined },
  work: (journal: Journal) => Promise<T>,
): Promise<T> {
  const path = options.journalPath;
  if (path === undefined) return work(new Journal());
  return withLock(lockPathOf(path), run.command, async () => {
    const journal = new Journal(path);
    const target = await cloudTargetOf(options);
    journal.claim(run.owner, target);
    return work(journal);
  });
}
