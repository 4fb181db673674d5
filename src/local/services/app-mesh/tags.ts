/** Tags: given at create, or by TagResource/UntagResource; 50 per resource (aws-facts 3.5). */
import type { TagRef } from '@aws-sdk/client-app-mesh';
import type { World } from '../../world.js';
import { notFound, tooManyTags } from './errors.js';
import { length, member, required, requiredLength } from './field-checks.js';
import { KINDS, type Kind, TAGS_PER_RESOURCE } from './kinds.js';
import { type ResourceRecord, tableOf } from './records.js';

export function checkTags(tags: readonly TagRef[]): void {
  tags.forEach((tag, i) => {
    requiredLength(`${member('tags', i)}.key`, tag.key, 1, 128);
    length(`${member('tags', i)}.value`, required(`${member('tags', i)}.value`, tag.value), 0, 256);
  });
  if (new Set(tags.map((t) => t.key)).size > TAGS_PER_RESOURCE) throw tooManyTags();
}

export function tagRecord(tags: readonly TagRef[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.key as string, t.value as string]));
}

/** Tags as the SDK lists them, sorted by key. */
export function tagList(tags: Readonly<Record<string, string>>): TagRef[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] }));
}

/** The visible resource with this ARN, of any kind. */
export function recordByArn(world: World, arn: string | undefined): ResourceRecord<object> {
  requiredLength('resourceArn', arn, 1, 2048);
  for (const kind of KINDS) {
    const record = firstWithArn(tableOf(world, kind.table), arn);
    if (record !== undefined && world.visible(record.createdAt)) return record;
  }
  throw notFound(world, kindFromArn(arn as string), {
    meshName: /:mesh\/([^/]+)/.exec(arn as string)?.[1] ?? '',
    name: (arn as string).split('/').pop() ?? '',
  });
}

/**
 * The record with this ARN that comes first by key, in one pass (no sort). Names may hold '/', so
 * two records can share an ARN; the first by key is the one a key-ordered listing would show.
 */
function firstWithArn(
  table: Record<string, ResourceRecord<object>>,
  arn: string | undefined,
): ResourceRecord<object> | undefined {
  let first: ResourceRecord<object> | undefined;
  let firstKey = '';
  for (const [key, record] of Object.entries(table)) {
    if (record.arn === arn && (first === undefined || key < firstKey)) {
      first = record;
      firstKey = key;
    }
  }
  return first;
}

function kindFromArn(arn: string): Kind {
  const segment = arn.split('/').at(-2) ?? '';
  const label = segment.charAt(0).toUpperCase() + segment.slice(1);
  return KINDS.find((k) => k.label === label) ?? (KINDS[0] as Kind);
}
