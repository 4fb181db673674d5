/** ECS tags on clusters, services, task definitions and tasks, by ARN. */
import type {
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  Tag,
  TagResourceCommandInput,
  UntagResourceCommandInput,
} from '@aws-sdk/client-ecs';
import type { Operation, Output, World } from '../../world.js';
import { activeCluster } from './clusters.js';
import { invalidParameter, serviceNotFound } from './errors.js';
import { byKey } from './state.js';
import { findTaskDefinition } from './task-definitions.js';

/** The tag list of the resource an ARN names (the record's own array, to change in place). */
function tagsOf(world: World, arn: string | undefined): { tags: Tag[] } {
  const match = /^arn:aws:ecs:[^:]*:\d+:(cluster|service|task-definition|task)\/(.+)$/.exec(arn ?? '');
  if (match === null) throw invalidParameter(`The ARN provided is invalid: ${arn}`);
  const [, kind, path] = match as unknown as [string, string, string];
  const { ecs } = world.state;
  if (kind === 'cluster') return activeCluster(world, path);
  if (kind === 'service') {
    const service = byKey(ecs.services, path);
    if (service === undefined || service.status === 'INACTIVE' || !world.visible(service.createdAt)) {
      throw serviceNotFound();
    }
    return service;
  }
  if (kind === 'task-definition') {
    const definition = path.includes(':') ? findTaskDefinition(world, path) : undefined;
    if (definition === undefined) throw invalidParameter('The specified task definition does not exist.');
    return definition;
  }
  const task = byKey(ecs.tasks, path.split('/').pop() ?? '');
  if (task === undefined) throw invalidParameter('The specified task does not exist.');
  return task;
}

export const tagOperations: Record<string, Operation> = {
  TagResource(input: TagResourceCommandInput, world): object {
    const record = tagsOf(world, input.resourceArn);
    const added = input.tags ?? [];
    if (added.some((t) => !t.key)) throw invalidParameter('Tag keys must not be empty.');
    const keys = new Set(added.map((t) => t.key));
    const merged = [...record.tags.filter((t) => !keys.has(t.key)), ...added.map((t) => ({ ...t }))];
    if (merged.length > 50) throw invalidParameter('The number of tags on a resource must be at most 50.');
    record.tags.splice(0, record.tags.length, ...merged);
    return {};
  },
  UntagResource(input: UntagResourceCommandInput, world): object {
    const record = tagsOf(world, input.resourceArn);
    const removed = new Set(input.tagKeys ?? []);
    record.tags.splice(0, record.tags.length, ...record.tags.filter((t) => !removed.has(t.key ?? '')));
    return {};
  },
  ListTagsForResource(
    input: ListTagsForResourceCommandInput,
    world,
  ): Output<ListTagsForResourceCommandOutput> {
    return { tags: tagsOf(world, input.resourceArn).tags.map((t) => ({ ...t })) };
  },
};
