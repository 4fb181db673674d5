/** Tags on namespaces and services, by ARN. */
import {
  type ListTagsForResourceCommandInput,
  type ListTagsForResourceCommandOutput,
  ResourceNotFoundException,
  type TagResourceCommandInput,
  type UntagResourceCommandInput,
} from '@aws-sdk/client-servicediscovery';
import { awsError } from '../../aws-error.js';
import type { Output, World } from '../../world.js';
import { tagList, tagsFrom } from './state.js';

/** The record that carries the tags, if the ARN names a namespace or service that can be seen. */
function tagged(world: World, arn: string | undefined): { tags: Record<string, string> } {
  const state = world.state.cloudMap;
  const namespace = Object.values(state.namespaces).find((n) => n.arn === arn && n.ready);
  const service = Object.values(state.services).find((s) => s.arn === arn);
  const found = namespace ?? service;
  if (found === undefined || !world.visible(found.createdAt)) {
    throw awsError(ResourceNotFoundException, `Resource not found: ${arn ?? ''}`, 400);
  }
  return found;
}

export function TagResource(input: TagResourceCommandInput, world: World): object {
  const resource = tagged(world, input.ResourceARN);
  resource.tags = tagsFrom(input.Tags, resource.tags);
  return {};
}

export function UntagResource(input: UntagResourceCommandInput, world: World): object {
  const resource = tagged(world, input.ResourceARN);
  for (const key of input.TagKeys ?? []) delete resource.tags[key];
  return {};
}

export function ListTagsForResource(
  input: ListTagsForResourceCommandInput,
  world: World,
): Output<ListTagsForResourceCommandOutput> {
  return { Tags: tagList(tagged(world, input.ResourceARN).tags) };
}
