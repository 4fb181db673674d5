/** Finding IAM entities as reads and references see them, and IAM's Marker/MaxItems paging. */
import type { World } from '../../world.js';
import { AWS_MANAGED_POLICIES } from './aws-managed.js';
import { noSuchEntity, roleNotFound, validationError } from './errors.js';
import type { PolicyRecord, RoleRecord } from './state.js';

/** `record[key]` when the record has it as its own (a role may well be called `constructor`). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The role, whatever the case of its name (IAM names are case-insensitive). */
export function roleNamed(world: World, roleName: string | undefined): RoleRecord {
  const role = own(world.state.iam.roles, (roleName ?? '').toLowerCase());
  if (role === undefined || !world.visible(role.createdAt)) throw roleNotFound(roleName ?? '');
  return role;
}

/** An AWS managed or customer managed policy, if it exists (and is visible). */
export function findPolicy(world: World, policyArn: string): PolicyRecord | undefined {
  const managed = own(AWS_MANAGED_POLICIES, policyArn);
  if (managed !== undefined) return managed;
  const policy = own(world.state.iam.policies, policyArn);
  return policy !== undefined && world.visible(policy.createdAt) ? policy : undefined;
}

export function policyByArn(world: World, policyArn: string | undefined): PolicyRecord {
  const policy = findPolicy(world, policyArn ?? '');
  if (policy === undefined) throw noSuchEntity(`Policy ${policyArn ?? ''} was not found.`);
  return policy;
}

/** How many roles have this policy attached. */
export function attachmentCount(world: World, policyArn: string): number {
  return Object.values(world.state.iam.roles).filter((role) => role.attached.includes(policyArn)).length;
}

/** A page of sorted items; the marker is the next index, as a string. */
export function markerPage<T>(
  items: readonly T[],
  marker: string | undefined,
  maxItems: number | undefined,
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const start = marker === undefined ? 0 : Number(marker);
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    throw validationError(`Invalid Marker: ${marker}`);
  }
  const end = start + (maxItems ?? 100);
  return end < items.length
    ? { items: items.slice(start, end), IsTruncated: true, Marker: String(end) }
    : { items: items.slice(start), IsTruncated: false };
}

export function byName<T>(name: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
}
