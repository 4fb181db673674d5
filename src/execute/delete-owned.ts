/**
 * Deleting what the journal names, only when the cloud agrees it is ours. The journal says what
 * to look at; the resource's own tags decide (its owner's, for the kinds AWS cannot tag: inline
 * policies and attachments follow their role, ingress rules their security group). A journal
 * shared by mistake, a concurrent run, or a reused name can then never make this tool delete
 * what someone else made.
 */
import type { Observed } from './handlers/types.js';
import type { Journal, JournalEntry } from './journal.js';
import type { ResolvedOptions } from './options.js';
import { OWNER_KIND } from './ownership.js';
import { deleteAndWait, handlerFor, runStep, stepContext } from './step.js';
import { dependentsOf, walk } from './walk.js';

/** Decides from a resource's tags (or its owner's) whether it may be deleted. */
export type TagVerdict = (tags: Readonly<Record<string, string>>) => boolean;

export type DeleteOutcome =
  /** Deleted now. */
  | 'deleted'
  /** Not there, for a whole consistency window after its create: nothing to delete. */
  | 'gone'
  /** There, but its tags (or its owner's) say it is not ours: left in place. */
  | 'notOurs';

/** One read of a resource the journal knows, by its journaled input (with the run's retries). */
export function readEntry(entry: JournalEntry, options: ResolvedOptions): Promise<Observed | undefined> {
  const context = stepContext(options);
  const handler = handlerFor(entry.kind);
  return runStep(options, entry, 'read', () => handler.read(entry.input as never, context));
}

/**
 * Runs `read` until it finds the resource or `deadline` (ms since the epoch) has passed: right
 * after a create, AWS may not list what it made yet, and "absent" then is not "gone".
 */
export async function readUntil(
  read: () => Promise<Observed | undefined>,
  deadline: number,
  options: ResolvedOptions,
): Promise<Observed | undefined> {
  const sleep = stepContext(options).sleep;
  for (;;) {
    const observed = await read();
    const left = deadline - Date.now();
    if (observed !== undefined || left <= 0) return observed;
    await sleep(Math.min(Math.max(1, options.pollIntervalMs), left));
  }
}

/**
 * Reads a resource the journal knows; if it reads as absent within `consistencyWindowMs` of its
 * create, reads again until it shows or the window has passed.
 */
export function readSettled(entry: JournalEntry, options: ResolvedOptions): Promise<Observed | undefined> {
  const deadline = (entry.createdAt ?? 0) + options.consistencyWindowMs;
  return readUntil(() => readEntry(entry, options), deadline, options);
}

/**
 * The tags that decide whether `entry` is ours: its own, or for an untaggable kind its owner's
 * (found among `entries` by kind and dependency). undefined when the owner is unknown or gone.
 */
export async function decidingTags(
  entry: JournalEntry,
  observed: Observed,
  entries: ReadonlyMap<string, JournalEntry>,
  options: ResolvedOptions,
): Promise<Readonly<Record<string, string>> | undefined> {
  const ownerKinds = OWNER_KIND[entry.kind];
  if (ownerKinds === undefined) return observed.tags;
  // Journals from before dependencies were recorded: the owner's id heads the part's (`iam/role/x/policy/y`).
  const candidates = entry.dependsOn ?? [...entries.keys()].filter((id) => entry.id.startsWith(`${id}/`));
  const owner = candidates
    .map((id) => entries.get(id))
    .find((e) => e !== undefined && ownerKinds.includes(e.kind));
  if (owner === undefined) return undefined;
  return (await readEntry(owner, options))?.tags;
}

/** Deletes `entry` if it is still there and `verdict` accepts its deciding tags; journals what happened. */
export async function deleteIfOurs(
  entry: JournalEntry,
  entries: ReadonlyMap<string, JournalEntry>,
  verdict: TagVerdict,
  options: ResolvedOptions,
  journal: Journal,
): Promise<DeleteOutcome> {
  const observed = await readSettled(entry, options);
  if (observed === undefined) {
    const leftovers = handlerFor(entry.kind).deleteLeftovers;
    if (leftovers !== undefined) {
      const context = stepContext(options);
      await runStep(options, entry, 'delete', () => leftovers(entry.input as never, verdict, context));
    }
    journal.append({ type: 'deleted', id: entry.id, gone: true });
    return 'gone';
  }
  const tags = await decidingTags(entry, observed, entries, options);
  if (tags === undefined || !verdict(tags)) {
    // Someone else's: no longer this journal's concern. But a part judged by its owner (a policy
    // this run put on an older role of the plan) stays this plan's: a later apply without it, or
    // destroy, removes it.
    if (OWNER_KIND[entry.kind] === undefined)
      journal.append({ type: 'deleted', id: entry.id, released: true });
    return 'notOurs';
  }
  await deleteAndWait(
    options,
    entry,
    observed.attributes,
    entry.input as never,
    stepContext(options),
    verdict,
  );
  journal.append({ type: 'deleted', id: entry.id });
  return 'deleted';
}

/**
 * What each entry's undo waits for: the entries that depend on it; or, when the journal did not
 * record dependencies, the next newer change.
 */
export function undoOrder(newestFirst: readonly JournalEntry[]): (entry: JournalEntry) => readonly string[] {
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

/** What became of a resource dropped from the plan: deleted, already gone, left (not ours), or the error. */
export type OrphanOutcome = DeleteOutcome | { readonly error: unknown };

/**
 * Deletes the resources earlier applies created that the plan no longer has, dependents first
 * (as an undo: by their recorded dependencies), where `verdict` accepts their tags. After the
 * first failure, or a stop, nothing new starts.
 */
export async function deleteOrphans(
  orphans: readonly JournalEntry[],
  entries: ReadonlyMap<string, JournalEntry>,
  verdict: TagVerdict,
  options: ResolvedOptions,
  journal: Journal,
): Promise<Map<string, OrphanOutcome>> {
  const outcomes = await walk(orphans, (orphan) => deleteIfOurs(orphan, entries, verdict, options, journal), {
    concurrency: options.concurrency,
    waitsFor: undoOrder(orphans),
    stop: options.stop,
  });
  const results = new Map<string, OrphanOutcome>();
  for (const [id, outcome] of outcomes) {
    if (outcome.status === 'done') results.set(id, outcome.value);
    else if (outcome.status === 'failed') results.set(id, { error: outcome.error });
  }
  return results;
}
