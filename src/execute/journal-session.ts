/**
 * A run's journal: locked for the whole run (one run at a time per journal), read once the lock
 * is held, and checked to be this mesh's, this plan's and this cloud's before anything is read or
 * written in AWS. An in-memory journal (no path) needs neither.
 */
import { mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { MeshError } from '../errors/mesh-error.js';
import { cloudTargetOf, missingCredentials } from './cloud-target.js';
import { asExecuteError } from './execute-error.js';
import { type CloudTarget, Journal } from './journal.js';
import { withLock } from './lock.js';
import type { ResolvedOptions } from './options.js';

export interface JournalOwner {
  readonly meshName: string;
  readonly planName: string;
}

/** The journal's path with links resolved (its folder's, when the journal does not exist yet). */
function realJournalPath(path: string): string {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    return realpathSync(path);
  } catch {
    return join(realpathSync(dirname(path)), basename(path));
  }
}

/** The lock file of a journal (or of a local cloud's state file). */
export function lockPathOf(path: string): string {
  return `${path}.lock`;
}

/**
 * Runs `work` on the run's journal. A lock held by another run, or a journal that is damaged or
 * another's, throws (nothing was done: the user must act); the account lookup failing in AWS is
 * the run's failure, answered by `failed` like any other AWS error.
 */
export async function withJournal<T>(
  options: ResolvedOptions,
  run: {
    readonly command: string;
    readonly owner: JournalOwner | undefined;
    readonly failed: (error: MeshError) => T;
  },
  work: (journal: Journal) => Promise<T>,
): Promise<T> {
  // Without credentials the run stops here, before it makes the journal's folder or its lock.
  const noCredentials = await missingCredentials(options);
  if (noCredentials !== undefined) return run.failed(noCredentials);
  const path = options.journalPath;
  if (path === undefined) return work(new Journal());
  // One lock per file, however it is named: a symlink or a relative path leads to the same lock.
  return withLock(lockPathOf(realJournalPath(path)), run.command, async () => {
    const journal = new Journal(path);
    let target: CloudTarget;
    try {
      target = await cloudTargetOf(options);
    } catch (error) {
      return run.failed(asExecuteError({ id: 'sts:GetCallerIdentity' }, error));
    }
    journal.claim(run.owner, target);
    return work(journal);
  });
}
