/**
 * The fault suite's invariants over cloud snapshots. Each check returns what it found wrong, as
 * sentences (empty: nothing). Snapshots are compared up to the ids the cloud generates: a resource
 * deleted by a rollback and made again gets a new id, a new IP and the next task definition
 * revision, and is still the same resource. Counts are kept: a second copy is never "the same".
 */
import type { CloudSnapshot } from '../../../src/local/local-cloud.js';

/** Generated ids: UUIDs (the run tag's value), hex runs (ids, ARNs' suffixes, account), IPv4 addresses (not CIDRs), revisions. */
function normalizeString(value: string): string {
  return value
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '#uuid')
    .replace(/(task-definition\/[^:/]+):\d+/g, '$1:#')
    .replace(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b(?!\/)/g, '#ip')
    .replace(/[0-9A-Fa-f]{8,}/g, '#');
}

/** Plain data with generated ids replaced, arrays sorted, and objects keyed by ids turned into sorted entries. */
export function normalize(value: unknown): unknown {
  if (typeof value === 'string') return normalizeString(value);
  if (Array.isArray(value)) return sortedByJson(value.map(normalize));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const entries = Object.entries(value)
      // The revision number is the ARN's suffix: normalized there, dropped here.
      .filter(([key]) => key !== 'revision')
      .map(([key, v]) => [normalizeString(key), normalize(v)] as const);
    const renamed = entries.some(([key], i) => key !== keys[i]);
    if (renamed) return sortedByJson(entries.map(([k, v]) => [k, v]));
    return Object.fromEntries(entries);
  }
  return value;
}

/** Sorted by their JSON text, each item serialised once rather than at every comparison. */
function sortedByJson(items: unknown[]): unknown[] {
  return items
    .map((item) => ({ item, json: JSON.stringify(item) }))
    .sort((a, b) => (a.json < b.json ? -1 : a.json > b.json ? 1 : 0))
    .map(({ item }) => item);
}

type Records = Record<string, unknown[]>;

function categories(snapshot: CloudSnapshot): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
  for (const [service, byCategory] of Object.entries(snapshot)) {
    for (const [category, records] of Object.entries(byCategory as Records)) {
      if (Array.isArray(records)) out.push([`${service}.${category}`, records]);
    }
  }
  return out;
}

const NAME_FIELDS = [
  'family',
  'roleName',
  'policyName',
  'groupName',
  'logGroupName',
  'clusterName',
  'serviceName',
  'routeName',
  'gatewayRouteName',
  'virtualNodeName',
  'virtualServiceName',
  'virtualRouterName',
  'virtualGatewayName',
  'meshName',
  'name',
  'Name',
  'loadBalancerName',
  'targetGroupName',
  'subnetId',
  'vpcId',
] as const;

/** A short name for a record in messages, and the identity duplicates are counted by. */
function identity(record: unknown): string | undefined {
  if (record === null || typeof record !== 'object') return undefined;
  const r = record as Record<string, unknown>;
  const field = NAME_FIELDS.find((f) => typeof r[f] === 'string');
  if (field === undefined) return undefined;
  const scope = field !== 'meshName' && typeof r.meshName === 'string' ? `${r.meshName}/` : '';
  return `${scope}${r[field] as string}`;
}

function describe(record: unknown): string {
  return identity(record) ?? JSON.stringify(record).slice(0, 160);
}

/**
 * Everything in `before` (the account's network and the foreign resources) is still there,
 * unchanged, in `after`. The subnets' IP allocations are left out: tasks legitimately take addresses.
 */
export function foreignUnchanged(before: CloudSnapshot, after: CloudSnapshot): string[] {
  const problems: string[] = [];
  const afterByCategory = new Map(categories(after));
  for (const [category, records] of categories(before)) {
    const remaining = (afterByCategory.get(category) ?? []).map((r) => JSON.stringify(withoutIps(r)));
    for (const record of records) {
      const at = remaining.indexOf(JSON.stringify(withoutIps(record)));
      if (at >= 0) {
        remaining.splice(at, 1);
        continue;
      }
      const name = identity(record);
      const now = (afterByCategory.get(category) ?? []).find(
        (r) => name !== undefined && identity(r) === name,
      );
      problems.push(
        now === undefined
          ? `foreign ${category} ${describe(record)} was deleted`
          : `foreign ${category} ${describe(record)} was written: ${firstDifference(record, now)}`,
      );
    }
  }
  return problems;
}

function withoutIps(record: unknown): unknown {
  if (record === null || typeof record !== 'object' || !('ips' in record)) return record;
  const { ips: _ips, ...rest } = record as Record<string, unknown>;
  return rest;
}

/** The first field that differs, for a readable message. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (JSON.stringify(x) !== JSON.stringify(y)) return firstDifference(x, y, `${path}.${key}`);
    }
  }
  return `${path || '(record)'}: ${JSON.stringify(a)?.slice(0, 200)} -> ${JSON.stringify(b)?.slice(0, 200)}`;
}

/**
 * Each record's normalized JSON. Snapshots are never changed once taken, and the same ones (the
 * cloud before, a clean apply) are compared again at every stage: their keys are kept.
 */
const keysOf = new WeakMap<unknown[], string[]>();
function normalizedKeys(records: unknown[]): string[] {
  let keys = keysOf.get(records);
  if (keys === undefined) {
    keys = records.map((record) => JSON.stringify(normalize(record)));
    keysOf.set(records, keys);
  }
  return keys;
}

/**
 * `actual` equals `expected` up to generated ids. Reports per category what is missing and what
 * is extra (by name), so a leak, a loss and a second copy each read as such.
 */
export function sameCloud(expected: CloudSnapshot, actual: CloudSnapshot, what: string): string[] {
  const problems: string[] = [];
  const actualByCategory = new Map(categories(actual));
  for (const [category, records] of categories(expected)) {
    const keyed = (list: unknown[]) => normalizedKeys(list).map((key, i) => ({ raw: list[i], key }));
    const extra = keyed(actualByCategory.get(category) ?? []);
    const missing: unknown[] = [];
    for (const { raw, key } of keyed(records)) {
      const at = extra.findIndex((r) => r.key === key);
      if (at >= 0) extra.splice(at, 1);
      else missing.push(raw);
    }
    if (missing.length === 0 && extra.length === 0) continue;
    const names = (list: unknown[]) => list.map(describe).join(', ');
    const parts = [
      missing.length > 0 ? `missing or different: ${names(missing)}` : '',
      extra.length > 0 ? `extra or different: ${names(extra.map((r) => r.raw))}` : '',
    ].filter((p) => p !== '');
    problems.push(`${what}: ${category} ${parts.join('; ')}`);
  }
  return problems;
}

/**
 * No second copy: per category, each name occurs as often as in `expected` (a clean apply). Task
 * definitions count by family, whatever their status: one registration per family, not a chain.
 */
export function noDuplicates(expected: CloudSnapshot, actual: CloudSnapshot, what: string): string[] {
  const problems: string[] = [];
  const count = (snapshot: CloudSnapshot) => {
    const counts = new Map<string, number>();
    for (const [category, records] of categories(snapshot)) {
      for (const record of records) {
        const name = identity(record);
        if (name === undefined) continue;
        const key = `${category} ${name}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return counts;
  };
  const want = count(expected);
  for (const [key, n] of count(actual)) {
    const expectedCount = want.get(key) ?? 0;
    if (n > expectedCount && n > 1)
      problems.push(`${what}: ${n} of ${key}, a clean apply makes ${expectedCount}`);
  }
  return problems;
}
