/**
 * The journal: what an apply did, written before and after every write, so that a crash never
 * loses track of what was created. `resume` and `rollback` read it back. On disk it is JSON
 * lines, each appended and fsynced before the run moves on; without a path it lives in memory.
 *
 * A journal belongs to one mesh and plan, and to one cloud (account, region and endpoint): its
 * first record says which, and a run for another is refused. It is read strictly: a line that
 * cannot be read and is not the last is an error naming the line, never a silent end (the rest
 * would look undone). Only the last line may be torn (a crash mid-write); it is cut back to the
 * last whole record before anything is appended.
 *
 * A create is journaled as an intent (with the resolved input) BEFORE the call, after a read
 * found the resource absent; its outcome follows: done, or refused when the create found the
 * resource already there and someone else's. The journal holds resolved inputs (environment values included) and ids, never
 * credentials; it is written 0600.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { MeshError } from '../errors/mesh-error.js';
import type { ResourceKind } from '../plan/resource.js';
import type { ResourceAttributes } from './handlers/types.js';

/** The cloud a journal was written for. */
export interface CloudTarget {
  readonly account: string;
  readonly region: string;
  /** `aws` for AWS's own endpoints, else the custom endpoint (an emulator, the local cloud). */
  readonly endpoint: string;
}

export type JournalRecord =
  /** The first record: whose journal this is. */
  | {
      readonly type: 'journal';
      readonly meshName: string;
      readonly planName: string;
      readonly target: CloudTarget;
    }
  /** `runId` salts the run's idempotency tokens and tags what it creates; a resumed run keeps its chain's. */
  | { readonly type: 'apply'; readonly meshName: string; readonly planHash: string; readonly runId?: string }
  | { readonly type: 'destroy'; readonly meshName: string }
  /** The undo of the apply run `runId` starts: that run can no longer be resumed. */
  | { readonly type: 'rollback'; readonly runId?: string }
  /** About to create: the read found nothing. `at`: when (ms since the epoch). */
  | {
      readonly type: 'intent';
      readonly id: string;
      readonly kind: ResourceKind;
      readonly input: unknown;
      readonly dependsOn?: readonly string[];
      readonly at?: number;
    }
  /**
   * About to update: `previous` is the input that puts back what AWS has now, journaled before the
   * call so that a failure during the update (or a crash) can still be undone.
   */
  | {
      readonly type: 'updating';
      readonly id: string;
      readonly kind: ResourceKind;
      readonly input: unknown;
      readonly previous: unknown;
      readonly dependsOn?: readonly string[];
    }
  /** The create made nothing: the resource was already there, someone else's (it lacks the run's tag). */
  | { readonly type: 'refused'; readonly id: string }
  | {
      readonly type: 'done';
      readonly id: string;
      readonly kind: ResourceKind;
      /** The plan's dependencies of the resource: undo goes the other way, dependents first. */
      readonly dependsOn?: readonly string[];
      readonly outcome: 'created' | 'updated' | 'unchanged' | 'adopted';
      readonly attributes: ResourceAttributes;
      readonly input: unknown;
      /** For an update: the input that puts back what AWS had before, for rollback. */
      readonly previous?: unknown;
      readonly at?: number;
    }
  /**
   * Deleted, or (`gone`) not found for a whole consistency window after its create, or no
   * longer this tool's to delete (`released`: someone else's now, left in place).
   */
  | { readonly type: 'deleted'; readonly id: string; readonly gone?: true; readonly released?: true }
  /** The end of an apply, a rollback or a destroy; an apply without it was interrupted. */
  | { readonly type: 'finished'; readonly ok: boolean };

/** What the journal says about one resource. */
export interface JournalEntry {
  readonly id: string;
  readonly kind: ResourceKind;
  /**
   * This tool created it: a done 'created', or an intent (written only after a read found the
   * resource absent) whose outcome a crash lost. Cleared by a 'deleted' or 'refused' record.
   */
  readonly created: boolean;
  /** An intent without an outcome: the create may or may not have happened. */
  readonly pending: boolean;
  readonly attributes: ResourceAttributes | undefined;
  readonly input: unknown;
  readonly deleted: boolean;
  /** Updated (and not created) by these records: the input that restores the spec it replaced. */
  readonly previous: unknown;
  /** Index of the record that last changed it: undo goes from the highest down. */
  readonly order: number;
  /** Its plan dependencies, when the journal recorded them (not before this field existed). */
  readonly dependsOn: readonly string[] | undefined;
  /** When its create was sent (ms since the epoch), if the journal says. */
  readonly createdAt: number | undefined;
}

type ApplyHeader = Extract<JournalRecord, { type: 'apply' }>;
type RunHeader = Extract<JournalRecord, { type: 'apply' | 'destroy' | 'rollback' }>;

/** The records of one apply run, with the interrupted runs it resumed (they share its run id). */
export interface ApplyRun {
  readonly header: ApplyHeader;
  readonly records: readonly JournalRecord[];
}

const RECORD_TYPES = new Set<string>([
  'journal',
  'apply',
  'destroy',
  'rollback',
  'intent',
  'refused',
  'updating',
  'done',
  'deleted',
  'finished',
]);

export class Journal {
  readonly path: string | undefined;
  readonly #records: JournalRecord[] = [];
  /** Where a torn last line starts (bytes), to cut before the first append; or where a newline is missing. */
  #repair: { readonly offset: number; readonly newline: boolean } | undefined;
  /** The file was made ready for appending (repaired, made private). */
  #ready = false;

  constructor(path?: string) {
    this.path = path;
    if (path !== undefined && existsSync(path)) this.#read(path);
  }

  get records(): readonly JournalRecord[] {
    return this.#records;
  }

  /**
   * Makes sure the journal is this mesh's and plan's, and this cloud's: a new journal is marked as
   * theirs; one marked for another is refused (JOURNAL_MISMATCH), before anything is read or written in AWS.
   */
  claim(
    owner: { readonly meshName: string; readonly planName: string } | undefined,
    target: CloudTarget,
  ): void {
    const headerAt = this.#records.findIndex((r) => r.type === 'journal');
    const header = this.#records[headerAt];
    const where = this.path ?? 'the journal';
    // Every run since journals were marked has an id; one without was written by hand.
    const forged =
      headerAt < 0
        ? -1
        : this.#records.findIndex((r, i) => i > headerAt && r.type === 'apply' && r.runId === undefined);
    if (forged >= 0) {
      throw new MeshError(
        'JOURNAL_CORRUPT',
        `${where}: record ${forged + 1}: expected an apply record with a run id, received one without: this tool did not write it. Nothing was done.`,
      );
    }
    if (header?.type !== 'journal') {
      // A new journal, or one from before journals were marked: its runs must be this mesh's.
      if (owner === undefined) return; // a rollback names no mesh: nothing to mark it with
      const foreign = this.#records.find(
        (r): r is Extract<JournalRecord, { meshName: string }> =>
          (r.type === 'apply' || r.type === 'destroy') && r.meshName !== owner.meshName,
      );
      if (foreign !== undefined) throw mismatch(where, `mesh ${foreign.meshName}`, `mesh ${owner.meshName}`);
      this.append({ type: 'journal', meshName: owner.meshName, planName: owner.planName, target });
      return;
    }
    if (owner !== undefined && (header.meshName !== owner.meshName || header.planName !== owner.planName)) {
      throw mismatch(
        where,
        `mesh ${header.meshName} (plan ${header.planName})`,
        `mesh ${owner.meshName} (plan ${owner.planName})`,
        'Each mesh and plan needs its own journal: give this one another plan name or journal path.',
      );
    }
    const was = header.target;
    if (was.account !== target.account || was.region !== target.region || was.endpoint !== target.endpoint) {
      throw mismatch(
        where,
        describeTarget(was),
        describeTarget(target),
        'A journal only speaks for the cloud it was written in: use the credentials, region and endpoint it was written with, or another journal path.',
      );
    }
  }

  append(record: JournalRecord): void {
    this.#records.push(record);
    if (this.path === undefined) return;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, 'a', 0o600);
    try {
      if (!this.#ready) {
        // A crash cut the last line short: drop it (its write never completed), or end a whole one.
        if (this.#repair?.newline === true) writeFileSync(fd, '\n');
        else if (this.#repair !== undefined) truncateSync(this.path, this.#repair.offset);
        // Journals written before they were private get the mode they should have had.
        chmodSync(this.path, 0o600);
        this.#ready = true;
      }
      // writeFileSync on a descriptor writes it all (writeSync may write part of it on a full disk).
      writeFileSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The interrupted apply this journal ends with, if any: its header, and the records of it and of
   * the interrupted applies it resumed (a chain of crashes is one run). Not one whose rollback
   * started: that run is being undone, and resuming it would replay its tokens.
   */
  interrupted(): ApplyRun | undefined {
    const last = this.#lastHeader();
    if (last === undefined || last.header.type !== 'apply' || this.#finishedAfter(last.index))
      return undefined;
    return this.#chain(last.index);
  }

  /** An interrupted rollback that the journal ends with: the run it was undoing is no longer resumable. */
  rollbackInterrupted(): boolean {
    const last = this.#lastHeader();
    return last?.header.type === 'rollback' && !this.#finishedAfter(last.index);
  }

  /**
   * The apply run that `rollback` should undo: an interrupted one; one that failed with rollback
   * off; or one whose rollback was interrupted or failed (undone again: what is already deleted is
   * skipped). Its records include those of the rollbacks so far.
   */
  runToUndo(): ApplyRun | undefined {
    const last = this.#lastHeader();
    if (last === undefined) return undefined;
    const finished = this.#finishedAfter(last.index);
    if (last.header.type === 'apply') {
      if (finished === undefined || !finished.ok) return this.#chain(last.index);
      return undefined;
    }
    if (last.header.type === 'rollback' && (finished === undefined || !finished.ok)) {
      const runId = last.header.runId;
      const applyAt = this.#records.findLastIndex(
        (r, i) => i < last.index && r.type === 'apply' && (runId === undefined || r.runId === runId),
      );
      return applyAt < 0 ? undefined : this.#chain(applyAt);
    }
    return undefined;
  }

  /**
   * What this tool created (and has not deleted) that is not among `keep`: a plan's dropped
   * resources, newest first, the order to delete them in.
   */
  orphans(keep: ReadonlySet<string>): JournalEntry[] {
    return [...this.entries().values()]
      .filter((e) => e.created && !e.deleted && !keep.has(e.id))
      .sort((a, b) => b.order - a.order);
  }

  /** Every resource the journal mentions, folded over all its records (or the given ones), in first-mention order. */
  entries(records: readonly JournalRecord[] = this.#records): Map<string, JournalEntry> {
    const entries = new Map<string, JournalEntry>();
    records.forEach((record, order) => {
      if (!('id' in record)) return;
      const before = entries.get(record.id);
      if (record.type === 'intent') {
        entries.set(record.id, {
          id: record.id,
          kind: record.kind,
          created: true,
          pending: true,
          attributes: before?.attributes,
          input: record.input,
          deleted: false,
          previous: undefined,
          order,
          dependsOn: record.dependsOn ?? before?.dependsOn,
          createdAt: record.at,
        });
      } else if (record.type === 'updating') {
        const created = before?.created ?? false;
        entries.set(record.id, {
          id: record.id,
          kind: record.kind,
          created,
          pending: before?.pending ?? false,
          attributes: before?.attributes,
          input: record.input,
          deleted: false,
          // The oldest spec replaced in these records is the one to put back.
          previous: created ? undefined : (before?.previous ?? record.previous),
          order,
          dependsOn: record.dependsOn ?? before?.dependsOn,
          createdAt: before?.createdAt,
        });
      } else if (record.type === 'done') {
        const createdNow = record.outcome === 'created';
        const created = (before?.created ?? false) || createdNow;
        // The oldest spec replaced in these records is the one to put back.
        const previous = created ? undefined : (before?.previous ?? record.previous);
        const changed = createdNow || record.outcome === 'updated';
        entries.set(record.id, {
          id: record.id,
          kind: record.kind,
          created,
          pending: false,
          attributes: record.attributes,
          input: record.input,
          deleted: false,
          previous,
          order: changed ? order : (before?.order ?? order),
          dependsOn: record.dependsOn ?? before?.dependsOn,
          // The later of the intent and the outcome: a create retried for a while shows up late.
          createdAt: created ? Math.max(before?.createdAt ?? 0, record.at ?? 0) || undefined : undefined,
        });
      } else if (before !== undefined) {
        // deleted, or refused: either way nothing of this tool's is there to undo.
        entries.set(record.id, {
          ...before,
          pending: false,
          deleted: record.type === 'deleted',
          created: false,
          previous: undefined,
          order,
        });
      }
    });
    return entries;
  }

  #read(path: string): void {
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    let offset = 0;
    lines.forEach((line, index) => {
      const start = offset;
      offset += Buffer.byteLength(line) + 1;
      if (line.trim() === '') return;
      const isLast = index === lines.length - 1; // no newline after it: a write that did not finish
      const record = parseRecord(line);
      if (record !== undefined) {
        this.#records.push(record);
        if (isLast) this.#repair = { offset: start, newline: true };
        return;
      }
      if (isLast) {
        this.#repair = { offset: start, newline: false };
        return;
      }
      const shown = line.length > 60 ? `${line.slice(0, 60)}...` : line;
      throw new MeshError(
        'JOURNAL_CORRUPT',
        `${path}:${index + 1}: expected a journal record (one JSON object per line), received ${JSON.stringify(shown)}. ` +
          'Nothing was done: the journal is what tells this tool which resources are its own. Restore the line, or remove it if you know what it recorded.',
      );
    });
  }

  #lastHeader(): { readonly header: RunHeader; readonly index: number } | undefined {
    const index = this.#records.findLastIndex(
      (r) => r.type === 'apply' || r.type === 'destroy' || r.type === 'rollback',
    );
    return index < 0 ? undefined : { header: this.#records[index] as RunHeader, index };
  }

  #finishedAfter(index: number): Extract<JournalRecord, { type: 'finished' }> | undefined {
    const finished = this.#records.find((r, i) => i >= index && r.type === 'finished');
    return finished?.type === 'finished' ? finished : undefined;
  }

  /** The apply at `index` and the interrupted runs of the same chain before it, to the end of the journal. */
  #chain(index: number): ApplyRun {
    const header = this.#records[index] as ApplyHeader;
    let start = index;
    if (header.runId !== undefined) {
      start = this.#records.findIndex((r) => r.type === 'apply' && r.runId === header.runId);
    } else {
      // Journals from before run ids: walk back over earlier interrupted runs of the same plan.
      for (;;) {
        const before = this.#records.slice(0, start);
        const previous = before.findLastIndex((r) => r.type === 'apply');
        if (previous < 0 || before.at(-1)?.type === 'finished') break;
        if ((this.#records[previous] as ApplyHeader).planHash !== header.planHash) break;
        start = previous;
      }
    }
    return { header, records: this.#records.slice(start) };
  }
}

function parseRecord(line: string): JournalRecord | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { type, target } = value as { type?: unknown; target?: unknown };
    if (typeof type !== 'string' || !RECORD_TYPES.has(type)) return undefined;
    // The first record's cloud is what every later run is checked against: it must be there.
    if (type === 'journal' && (typeof target !== 'object' || target === null)) return undefined;
    return value as JournalRecord;
  } catch {
    return undefined;
  }
}

function describeTarget(target: CloudTarget): string {
  const endpoint = target.endpoint === 'aws' ? 'AWS' : `endpoint ${target.endpoint}`;
  return `account ${target.account} in ${target.region} (${endpoint})`;
}

function mismatch(where: string, expected: string, received: string, advice = ''): MeshError {
  return new MeshError(
    'JOURNAL_MISMATCH',
    `${where} belongs to ${expected}, not ${received}: expected ${expected}, received ${received}. Nothing was done. ${advice}`.trim(),
  );
}
