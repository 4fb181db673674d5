/**
 * The run tag on what a run creates (RUN_TAG_KEY = its run id), in each API's own spelling of
 * tags: App Mesh and ECS `tags: [{ key, value }]`, Cloud Map, IAM and ELBv2 `Tags: [{ Key, Value }]`,
 * EC2 `TagSpecifications`, CloudWatch Logs `tags: { key: value }`. Inputs without tags (inline
 * policies, attachments) are returned as they are: those follow their role.
 */
import { RUN_TAG_KEY } from '../plan/names.js';

type TagList = readonly { readonly key?: string; readonly Key?: string }[];

export function withRunTag<T extends object>(input: T, runId: string): T {
  const fields = input as {
    tags?: TagList | Readonly<Record<string, string>>;
    Tags?: TagList;
    TagSpecifications?: readonly { readonly Tags?: TagList }[];
  };
  if (Array.isArray(fields.tags))
    return { ...input, tags: [...fields.tags, { key: RUN_TAG_KEY, value: runId }] };
  if (fields.tags !== undefined) return { ...input, tags: { ...fields.tags, [RUN_TAG_KEY]: runId } };
  if (Array.isArray(fields.Tags))
    return { ...input, Tags: [...fields.Tags, { Key: RUN_TAG_KEY, Value: runId }] };
  if (Array.isArray(fields.TagSpecifications)) {
    const TagSpecifications = fields.TagSpecifications.map((spec) => ({
      ...spec,
      Tags: [...(spec.Tags ?? []), { Key: RUN_TAG_KEY, Value: runId }],
    }));
    return { ...input, TagSpecifications };
  }
  return input;
}

/** The tags say this run made it. */
export function madeByRun(tags: Readonly<Record<string, string>>, runId: string): boolean {
  return tags[RUN_TAG_KEY] === runId;
}
