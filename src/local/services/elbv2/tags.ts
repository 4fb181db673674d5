/** AddTags, RemoveTags and DescribeTags over load balancers, target groups and listeners alike. */
import {
  type AddTagsCommandInput,
  type DescribeTagsCommandInput,
  type DescribeTagsCommandOutput,
  DuplicateTagKeysException,
  type RemoveTagsCommandInput,
  type Tag,
  TooManyTagsException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../aws-error.js';
import type { Operation, Output, World } from '../../world.js';
import { validationError } from './errors.js';
import { requireListener, requireLoadBalancer, requireTargetGroup, tagList } from './lookup.js';
import { ruleNotFound, visibleRule } from './rules.js';
import type { TagMap } from './state.js';

const MAX_TAGS = 50;

/** Tags given in a request, as a map; a key given twice is AWS's DuplicateTagKeys. */
export function tagsFromInput(tags: readonly Tag[] | undefined): TagMap {
  const map: TagMap = {};
  for (const tag of tags ?? []) {
    const key = tag.Key ?? '';
    if (key.length < 1 || key.length > 128) {
      throw validationError(
        `1 validation error detected: Value '${key}' at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128`,
      );
    }
    if (key in map)
      throw awsError(DuplicateTagKeysException, `Tag key was specified more than once: ${key}`, 400);
    map[key] = tag.Value ?? '';
  }
  if (Object.keys(map).length > MAX_TAGS) throw tooManyTags();
  return map;
}

function tooManyTags(): Error {
  return awsError(
    TooManyTagsException,
    'The quota for the number of tags that can be assigned to a resource has been reached',
    400,
  );
}

/** The tags of any ELBv2 resource, by its ARN's kind, with that kind's not-found error. */
function taggable(world: World, arn: string): { tags: TagMap } {
  if (arn.includes(':targetgroup/')) return requireTargetGroup(world, arn);
  if (arn.includes(':listener/')) return requireListener(world, arn);
  if (arn.includes(':listener-rule/')) {
    const rule = visibleRule(world, arn);
    if (rule === undefined) throw ruleNotFound();
    return rule;
  }
  return requireLoadBalancer(world, arn);
}

function resourceArns(arns: readonly string[] | undefined, max: number): string[] {
  const list = [...(arns ?? [])];
  if (list.length === 0) throw validationError('ResourceArns must be specified');
  if (list.length > max) {
    throw validationError(
      `1 validation error detected: Value at 'resourceArns' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return list;
}

export const tagOperations: Record<string, Operation> = {
  AddTags(input: AddTagsCommandInput, world): object {
    const added = tagsFromInput(input.Tags);
    const resources = resourceArns(input.ResourceArns, 20).map((arn) => taggable(world, arn));
    for (const resource of resources) {
      if (Object.keys({ ...resource.tags, ...added }).length > MAX_TAGS) throw tooManyTags();
    }
    for (const resource of resources) Object.assign(resource.tags, added);
    return {};
  },
  RemoveTags(input: RemoveTagsCommandInput, world): object {
    const resources = resourceArns(input.ResourceArns, 20).map((arn) => taggable(world, arn));
    for (const resource of resources) for (const key of input.TagKeys ?? []) delete resource.tags[key];
    return {};
  },
  DescribeTags(input: DescribeTagsCommandInput, world): Output<DescribeTagsCommandOutput> {
    const arns = resourceArns(input.ResourceArns, 20);
    return {
      TagDescriptions: arns.map((arn) => ({ ResourceArn: arn, Tags: tagList(taggable(world, arn).tags) })),
    };
  },
};
