/**
 * Referenced kinds: resources the plan needs but never writes (an AWS-managed prefix list). The
 * executor only looks them up, before any write: one that is missing stops the apply with nothing
 * done. They are never created, updated, deleted, journaled or rolled back, and `diff` and
 * `destroy` report them as `referenced`. Their planned input is the input of the call that reads them.
 */
import type { ResourceKind } from './resource.js';

export const REFERENCED_KINDS = Object.freeze([
  'managedPrefixList',
] as const satisfies readonly ResourceKind[]);

export type ReferencedKind = (typeof REFERENCED_KINDS)[number];

/** The kinds the executor creates, updates and deletes. */
export type WrittenKind = Exclude<ResourceKind, ReferencedKind>;

export function isReferenced(kind: ResourceKind): kind is ReferencedKind {
  return (REFERENCED_KINDS as readonly ResourceKind[]).includes(kind);
}
