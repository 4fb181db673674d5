/**
 * A lock file next to a journal (or the local cloud's state file): one run at a time. It is made
 * whole in one step (written aside, then hard-linked into place, which fails if a lock exists),
 * so a reader never sees half a holder. A lock whose holder is a process of this machine that no
 * longer runs is stale and taken over; a live holder, or one on another machine (whose processes
 * cannot be checked from here), is named in the error.
 */
import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { MeshError } from '../errors/mesh-error.js';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO time the lock was taken. */
  readonly since: string;
  /** What holds it: `apply color-mesh`. */
  readonly command: string;
  /** Tells this holder from a later one with the same pid. */
  readonly token: string;
}

/** Takes the lock at `lockPath` for `command`, or throws JOURNAL_LOCKED naming its holder. Returns the release. */
export function acquireLock(lockPath: string, command: string): () => void {
  mkdirSync(dirname(lockPath), { recursive: true, mode: 0o700 });
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command,
    token: randomUUID(),
  };
  const aside = `${lockPath}.${holder.token}`;
  writeFileSync(aside, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  try {
    // Twice at most: once, and once more after clearing a stale lock.
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(aside, lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const current = readHolder(lockPath);
        if (attempt > 0 || !isStale(current)) throw lockedError(lockPath, current);
        clearStale(lockPath, current);
      }
    }
  } finally {
    rmSync(aside, { force: true });
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: never one a later run took over after ours was judged stale.
    if (readHolder(lockPath)?.token === holder.token) rmSync(lockPath, { force: true });
  };
  process.on('exit', release);
  return release;
}

/** Runs `work` holding the lock, and releases it however `work` ends. */
export async function withLock<T>(lockPath: string, command: string, work: () => Promise<T>): Promise<T> {
  const release = acquireLock(lockPath, command);
  try {
    return await work();
  } finally {
    release();
  }
}

function readHolder(lockPath: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** A holder that is a process of this machine no longer running. Unreadable locks are not stale: they are reported. */
function isStale(holder: LockHolder | undefined): boolean {
  if (holder === undefined || holder.host !== hostname() || !Number.isInteger(holder.pid)) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves the stale lock aside before deleting it, and only if it is still the one judged stale:
 * two runs that both found it stale cannot both take over (the second finds the first's lock).
 */
function clearStale(lockPath: string, stale: LockHolder | undefined): void {
  const moved = `${lockPath}.stale-${randomUUID()}`;
  try {
    renameSync(lockPath, moved);
  } catch {
    return; // Someone else cleared it: the next link attempt decides.
  }
  const holder = readHolder(moved);
  if (holder?.token !== stale?.token) {
    // Not the one judged stale (another run took over in between): put it back if the place is free.
    try {
      linkSync(moved, lockPath);
    } catch {}
  }
  rmSync(moved, { force: true });
}

function lockedError(lockPath: string, holder: LockHolder | undefined): MeshError {
  const who =
    holder === undefined
      ? 'a holder whose lock file cannot be read'
      : `${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
  const sameHost = holder?.host === hostname();
  return new MeshError(
    'JOURNAL_LOCKED',
    `${lockPath} is held by ${who}. Wait for it to finish.${
      sameHost ? '' : ' It cannot be checked from this machine:'
    } If no such run is going on any more, delete ${lockPath} and try again.`,
  );
}
