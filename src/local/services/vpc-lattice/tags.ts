/** Tags: given at create, or by TagResource/UntagResource on any resource's ARN. */
import type {
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  TagResourceCommandInput,
  UntagResourceCommandInput,
} from '@aws-sdk/client-vpc-lattice';
import type { Operation, Output, World } from '../../world.js';
import { invalidField, notFound, type ResourceType } from './errors.js';
import { count, length, required, requiredText } from './field-checks.js';
import type { TagMap } from './state.js';

const MAX_TAGS = 200;
const ARN = 'arn:[a-z0-9][-.a-z0-9]{0,62}:vpc-lattice:([a-z0-9][-.a-z0-9]{0,62})?:\\d{12}?:[^/].{0,1023}';

/** The model's TagMap: keys 1-128, values 0-256, at most 200. */
export function checkTags(tags: Record<string, string> | undefined, field = 'tags'): TagMap {
  const map = { ...(tags ?? {}) };
  const keys = Object.keys(map);
  if (keys.length > MAX_TAGS)
    throw invalidField(
      field,
      `[${keys.length} items]`,
      `Member must have length less than or equal to ${MAX_TAGS}`,
    );
  for (const key of keys) {
    length(`${field}.key`, key, 1, 128);
    length(`${field}.${key}.value`, required(`${field}.${key}.value`, map[key]), 0, 256);
  }
  return map;
}

/** What an ARN's path names: `service/svc-.../listener/listener-...` is a listener. */
function typeOfArn(arn: string): ResourceType {
  const kinds: [RegExp, ResourceType][] = [
    [/\/rule\//, 'RULE'],
    [/\/listener\//, 'LISTENER'],
    [/:service\//, 'SERVICE'],
    [/:servicenetwork\//, 'SERVICE_NETWORK'],
    [/:servicenetworkvpcassociation\//, 'SERVICE_NETWORK_VPC_ASSOCIATION'],
    [/:servicenetworkserviceassociation\//, 'SERVICE_NETWORK_SERVICE_ASSOCIATION'],
  ];
  return kinds.find(([pattern]) => pattern.test(arn))?.[1] ?? 'TARGET_GROUP';
}

/** The resource of any kind with this ARN. */
function taggable(world: World, arn: string | undefined): { tags: TagMap } {
  const given = requiredText('resourceArn', arn, 0, 1224, ARN);
  const s = world.state.vpcLattice;
  for (const table of [
    s.serviceNetworks,
    s.vpcAssociations,
    s.serviceAssociations,
    s.services,
    s.targetGroups,
    s.listeners,
    s.rules,
  ] as Record<string, { arn: string; createdAt: number; tags: TagMap }>[]) {
    const found = Object.values(table).find((r) => r.arn === given && world.visible(r.createdAt));
    if (found !== undefined) return found;
  }
  throw notFound(typeOfArn(given), given);
}

export const tagOperations: Record<string, Operation> = {
  TagResource(input: TagResourceCommandInput, world): object {
    const added = checkTags(required('tags', input.tags));
    const resource = taggable(world, input.resourceArn);
    const merged = { ...resource.tags, ...added };
    if (Object.keys(merged).length > MAX_TAGS)
      throw invalidField(
        'tags',
        `[${Object.keys(merged).length} items]`,
        `Member must have length less than or equal to ${MAX_TAGS}`,
      );
    resource.tags = merged;
    return {};
  },
  UntagResource(input: UntagResourceCommandInput, world): object {
    const keys = required('tagKeys', input.tagKeys);
    count('tagKeys', keys, 0, MAX_TAGS);
    const resource = taggable(world, input.resourceArn);
    for (const key of keys) delete resource.tags[key];
    return {};
  },
  ListTagsForResource(
    input: ListTagsForResourceCommandInput,
    world,
  ): Output<ListTagsForResourceCommandOutput> {
    return { tags: { ...taggable(world, input.resourceArn).tags } };
  },
};
