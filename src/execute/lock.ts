/**
 * A lock file next to a journal (or the local cloud's state file): one run at a time. It is made
 * whole in one step (written aside, then hard-linked into place, which fails if a lock exists),
 * so a reader never sees half a holder. A lock whose holder is a process of this machine that no
 * longer runs is stale and taken over; a live holder, or one on another machine (whose processes
 * cannot be checked from here), is named in the error.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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
  /** The holder's pid namespace (Linux): a pid means nothing in another one (another container). */
  readonly pidNamespace?: string;
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
    ...(PID_NAMESPACE === undefined ? {} : { pidNamespace: PID_NAMESPACE }),
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

/** This process's pid namespace, where Linux says (containers sharing a host name and a volume have different ones). */
const PID_NAMESPACE = (() => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
})();

/**
 * A holder that is a process of this machine, in this pid namespace, no longer running. A lock
 * that cannot be read, or whose holder cannot be checked from here, is not stale: it is reported.
 */
function isStale(holder: LockHolder | undefined): boolean {
  if (holder === undefined || holder.host !== hostname() || !Number.isInteger(holder.pid)) return false;
  if (holder.pidNamespace !== undefined && holder.pidNamespace !== PID_NAMESPACE) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes a lock judged stale, if it is still that lock. Takeovers are serialised by a second
 * lock file made exclusively: without it, a run that judged the lock stale a moment ago could
 * remove the lock another run has just taken over. A takeover lock is only ever held for a few
 * file operations; one older than a minute was left by a crash and is cleared.
 */
function clearStale(lockPath: string, stale: LockHolder | undefined): void {
  const takeover = `${lockPath}.takeover`;
  let fd: number;
  try {
    fd = openSync(takeover, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const since = statSync(takeover, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - since > 60_000) rmSync(takeover, { force: true });
    return; // Another run is taking over: the next link attempt tells who won.
  }
  try {
    if (readHolder(lockPath)?.token === stale?.token) rmSync(lockPath, { force: true });
  } finally {
    closeSync(fd);
    rmSync(takeover, { force: true });
  }
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
