/** CreateTags and DeleteTags on VPCs, subnets and security groups. */
import type { CreateTagsCommandInput, DeleteTagsCommandInput } from '@aws-sdk/client-ec2';
import type { World } from '../../world.js';
import { ec2Error } from './errors.js';
import { groupById, subnetById, vpcById } from './lookup.js';
import type { TagMap } from './state.js';

/** The tags of the resource an id names; its kind's NotFound error when there is none. */
function tagsOf(world: World, resourceId: string): TagMap {
  if (resourceId.startsWith('vpc-')) return vpcById(world, resourceId).tags;
  if (resourceId.startsWith('subnet-')) return subnetById(world, resourceId).tags;
  if (resourceId.startsWith('sg-')) return groupById(world, resourceId).tags;
  throw ec2Error('InvalidID', `The ID '${resourceId}' is not valid`);
}

export const tagOperations = {
  CreateTags(input: CreateTagsCommandInput, world: World): object {
    const targets = (input.Resources ?? []).map((id) => tagsOf(world, id));
    for (const tags of targets) {
      for (const tag of input.Tags ?? []) tags[tag.Key ?? ''] = tag.Value ?? '';
    }
    return {};
  },
  DeleteTags(input: DeleteTagsCommandInput, world: World): object {
    const targets = (input.Resources ?? []).map((id) => tagsOf(world, id));
    for (const tags of targets) {
      for (const tag of input.Tags ?? Object.keys(tags).map((Key) => ({ Key, Value: undefined }))) {
        const key = tag.Key ?? '';
        // A tag given with a value goes only when the value matches, as in AWS.
        if (tag.Value === undefined || tags[key] === tag.Value) delete tags[key];
      }
    }
    return {};
  },
};
