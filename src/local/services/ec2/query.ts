/** What EC2's Describe calls share: Filters (with `*`/`?` wildcards and tags), tags and paging. */
import type { Filter, Tag, TagSpecification } from '@aws-sdk/client-ec2';
import { invalidParameter } from './errors.js';
import type { TagMap } from './state.js';

/** The values a record has for each filter name it supports. */
export type FilterFields<R> = Readonly<Record<string, (record: R) => readonly string[]>>;

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** Keeps the records that match every filter (any of its values); unknown filter names are AWS's error. */
export function applyFilters<R extends { tags: TagMap }>(
  records: readonly R[],
  filters: readonly Filter[] | undefined,
  fields: FilterFields<R>,
): R[] {
  const tests = (filters ?? []).map((filter) => {
    const name = filter.Name ?? '';
    const values = (filter.Values ?? []).map(wildcard);
    const field: ((record: R) => readonly string[]) | undefined = name.startsWith('tag:')
      ? (record) => {
          const value = record.tags[name.slice(4)];
          return value === undefined ? [] : [value];
        }
      : name === 'tag-key'
        ? (record) => Object.keys(record.tags)
        : fields[name];
    if (field === undefined) throw invalidParameter(`The filter '${name}' is invalid`);
    return (record: R) => field(record).some((actual) => values.some((value) => value.test(actual)));
  });
  return records.filter((record) => tests.every((test) => test(record)));
}

export function tagList(tags: TagMap): Tag[] {
  return Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key] }));
}

/** Tags given at create time for this resource type (a specification without a type applies too). */
export function tagsFor(specs: readonly TagSpecification[] | undefined, resourceType: string): TagMap {
  const tags: TagMap = {};
  for (const spec of specs ?? []) {
    if (spec.ResourceType !== undefined && spec.ResourceType !== resourceType) {
      throw invalidParameter(
        `'${spec.ResourceType}' is not a valid taggable resource type for this operation.`,
      );
    }
    for (const tag of spec.Tags ?? []) tags[tag.Key ?? ''] = tag.Value ?? '';
  }
  return tags;
}

/** `{ Tags }` when there are any, as AWS leaves the member out otherwise. */
export function tagsMember(tags: TagMap): { Tags?: Tag[] } {
  return Object.keys(tags).length === 0 ? {} : { Tags: tagList(tags) };
}

/** A page of already sorted items; the token is the next index. */
export function page<T>(
  items: readonly T[],
  nextToken: string | undefined,
  maxResults: number | undefined,
): { items: T[]; NextToken?: string } {
  const start = nextToken === undefined ? 0 : Number(nextToken);
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    throw invalidParameter(`Invalid value '${nextToken}' for nextToken`);
  }
  const end = maxResults === undefined ? items.length : start + maxResults;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { NextToken: String(end) } : {}),
  };
}

export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}
