/**
 * The journal: what an apply did, written before and after every write, so that a crash never
 * loses track of what was created. `resume` and `rollback` read it back. On disk it is JSON
 * lines, each appended and fsynced before the run moves on; without a path it lives in memory.
 * (Appending keeps every write O(1); a crash can only cut the last line short, which reading
 * tolerates. The journal holds resolved inputs and ids, never credentials: the SDK's inputs carry none.)
 *
 * A create is journaled as an intent (with the resolved input) BEFORE the call, after a read
 * found the resource absent; so an intent without its outcome, whose resource exists, was ours.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ResourceKind } from '../plan/resource.js';
import type { ResourceAttributes } from './handlers/types.js';

export type JournalRecord =
  /** `runId` salts the run's idempotency tokens; a resumed run keeps its chain's first. */
  | { readonly type: 'apply'; readonly meshName: string; readonly planHash: string; readonly runId?: string }
  | { readonly type: 'destroy'; readonly meshName: string }
  /** About to create: the read found nothing. */
  | {
      readonly type: 'intent';
      readonly id: string;
      readonly kind: ResourceKind;
      readonly input: unknown;
      readonly dependsOn?: readonly string[];
    }
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
    }
  | { readonly type: 'deleted'; readonly id: string }
  /** The end of an apply, a rollback or a destroy; an apply without it was interrupted. */
  | { readonly type: 'finished'; readonly ok: boolean };

/** What the journal says about one resource. */
export interface JournalEntry {
  readonly id: string;
  readonly kind: ResourceKind;
  /**
   * This tool created it: a done 'created', or an intent (written only after a read found the
   * resource absent) whose outcome a crash lost. Cleared by a 'deleted' record.
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
}

type ApplyHeader = Extract<JournalRecord, { type: 'apply' }>;

export class Journal {
  readonly path: string | undefined;
  readonly #records: JournalRecord[] = [];

  constructor(path?: string) {
    this.path = path;
    if (path !== undefined && existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        // A crash can cut the last line short; everything before it is whole.
        if (line.trim() === '') continue;
        try {
          this.#records.push(JSON.parse(line) as JournalRecord);
        } catch {
          break;
        }
      }
    }
  }

  get records(): readonly JournalRecord[] {
    return this.#records;
  }

  append(record: JournalRecord): void {
    this.#records.push(record);
    if (this.path === undefined) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const fd = openSync(this.path, 'a');
    try {
      writeSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The interrupted apply this journal ends with, if any: its header, and the records of it and of
   * the interrupted applies of the same plan that it resumed (a chain of crashes is one run).
   */
  interrupted(): { readonly header: ApplyHeader; readonly records: readonly JournalRecord[] } | undefined {
    const records = this.#records;
    if (records.length === 0 || records.at(-1)?.type === 'finished') return undefined;
    let start = records.findLastIndex((r) => r.type === 'apply' || r.type === 'destroy');
    if (start < 0 || records[start]?.type === 'destroy') return undefined;
    const header = records[start] as ApplyHeader;
    // Walk back over earlier interrupted runs of the same plan.
    for (;;) {
      const before = records.slice(0, start);
      const previous = before.findLastIndex((r) => r.type === 'apply');
      if (previous < 0 || before.at(-1)?.type === 'finished') break;
      if ((records[previous] as ApplyHeader).planHash !== header.planHash) break;
      start = previous;
    }
    return { header, records: records.slice(start) };
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
      if (record.type === 'apply' || record.type === 'destroy' || record.type === 'finished') return;
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
        });
      } else if (record.type === 'done') {
        const created = (before?.created ?? false) || record.outcome === 'created';
        // The oldest spec replaced in these records is the one to put back.
        const previous = created ? undefined : (before?.previous ?? record.previous);
        const changed = record.outcome === 'created' || record.outcome === 'updated';
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
        });
      } else if (before !== undefined) {
        entries.set(record.id, {
          ...before,
          pending: false,
          deleted: true,
          created: false,
          previous: undefined,
          order,
        });
      }
    });
    return entries;
  }
}
