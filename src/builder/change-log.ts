/**
 * The changes of a chain of builders, in order: one append-only log that the builders of a chain
 * share, each knowing how many of its entries are its own. It is kept in chunks of a fixed size, so
 * appending never copies what is already written (a 5,000-node chain has about 45,000 changes, which
 * a growing array would copy about twice over), and a branch shares every full chunk of the log it
 * comes from. An entry is three slots of a chunk (change, value, resource): no object per change.
 */

/** A change of definition-updates.ts: applied to the draft, or to the draft of one resource. */
export type Change<Target, Value> = (target: Target, value: Value) => void;

/** Entries per chunk: 3,072 slots, small enough to stay out of V8's large-object space. */
const CHUNK_ENTRIES = 1024;
const SLOTS = 3;

export interface ChangeLog {
  readonly meshName: string;
  /** Full chunks are never written again; only the last one fills up. */
  readonly chunks: unknown[][];
  /** Entries written; the builder with exactly this many may append in place. */
  length: number;
}

export function newChangeLog(meshName: string): ChangeLog {
  return { meshName, chunks: [], length: 0 };
}

/**
 * The log holding the first `length` entries of `log` and then the new one: `log` itself when those
 * are all of its entries, else (another builder branched from the same place and appended first) a
 * new log that shares the full chunks and copies the rest.
 */
export function appended(
  log: ChangeLog,
  length: number,
  change: Change<never, never>,
  value: unknown,
  resource: unknown,
): ChangeLog {
  const target = log.length === length ? log : branch(log, length);
  const offset = (length % CHUNK_ENTRIES) * SLOTS;
  if (offset === 0) target.chunks.push(new Array(CHUNK_ENTRIES * SLOTS));
  const chunk = target.chunks[target.chunks.length - 1] as unknown[];
  chunk[offset] = change;
  chunk[offset + 1] = value;
  chunk[offset + 2] = resource;
  target.length = length + 1;
  return target;
}

function branch(log: ChangeLog, length: number): ChangeLog {
  const full = Math.floor(length / CHUNK_ENTRIES);
  const chunks = log.chunks.slice(0, full);
  const rest = (length % CHUNK_ENTRIES) * SLOTS;
  if (rest > 0) {
    const source = log.chunks[full] as unknown[];
    const partial = new Array(CHUNK_ENTRIES * SLOTS);
    for (let i = 0; i < rest; i++) partial[i] = source[i];
    chunks.push(partial);
  }
  return { meshName: log.meshName, chunks, length };
}

/** Applies the first `length` changes in order, each to the target that its resource stands for. */
export function replay(log: ChangeLog, length: number, targetOf: (resource: unknown) => unknown): void {
  for (let first = 0; first < length; first += CHUNK_ENTRIES) {
    const chunk = log.chunks[first / CHUNK_ENTRIES] as unknown[];
    const end = Math.min(CHUNK_ENTRIES, length - first) * SLOTS;
    for (let at = 0; at < end; at += SLOTS) {
      const change = chunk[at] as Change<unknown, unknown>;
      change(targetOf(chunk[at + 2]), chunk[at + 1]);
    }
  }
}
