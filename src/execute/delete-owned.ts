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

/** Decides from a resource's tags (or its owner's) whether it may be deleted. */
export type TagVerdict = (tags: Readonly<Record<string, string>>) => boolean;

export type DeleteOutcome =
  /** Deleted now. */
  | 'deleted'
  /** Not there, for a whole consistency window after its create: nothing to delete. */
  | 'gone'
  /** There, but its tags (or its owner's) say it is not ours: left in place. */
  | 'notOurs';

/**
 * Reads a resource the journal knows; if it reads as absent within `consistencyWindowMs` of its
 * create, reads again until it shows or the window has passed: right after a create, AWS may
 * not list what it made yet, and "absent" then is not "gone".
 */
export async function readSettled(
  entry: JournalEntry,
  options: ResolvedOptions,
): Promise<Observed | undefined> {
  const context = stepContext(options);
  const handler = handlerFor(entry.kind);
  const read = () => runStep(options, entry, 'read', () => handler.read(entry.input as never, context));
  let observed = await read();
  const createdAt = entry.createdAt;
  if (createdAt === undefined) return observed;
  for (;;) {
    const left = createdAt + options.consistencyWindowMs - Date.now();
    if (observed !== undefined || left <= 0) return observed;
    await context.sleep(Math.min(Math.max(1, options.pollIntervalMs), left));
    observed = await read();
  }
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
  const ownerKind = OWNER_KIND[entry.kind];
  if (ownerKind === undefined) return observed.tags;
  // Journals from before dependencies were recorded: the owner's id heads the part's (`iam/role/x/policy/y`).
  const candidates = entry.dependsOn ?? [...entries.keys()].filter((id) => entry.id.startsWith(`${id}/`));
  const owner = candidates.map((id) => entries.get(id)).find((e) => e?.kind === ownerKind);
  if (owner === undefined) return undefined;
  const context = stepContext(options);
  const handler = handlerFor(owner.kind);
  const ownerNow = await runStep(options, owner, 'read', () => handler.read(owner.input as never, context));
  return ownerNow?.tags;
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
    journal.append({ type: 'deleted', id: entry.id, released: true });
    return 'notOurs';
  }
  await deleteAndWait(options, entry, observed.attributes, entry.input as never, stepContext(options));
  journal.append({ type: 'deleted', id: entry.id });
  return 'deleted';
}
