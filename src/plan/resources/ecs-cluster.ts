import type { CreateClusterCommandInput } from '@aws-sdk/client-ecs';
import type { Tags } from '../../definition/mesh-definition.js';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

export function ecsClusterResource(clusterName: string, tags: Tags): PlannedResource<'ecsCluster'> {
  return planned('ecsCluster', resourceIds.ecsCluster(clusterName), clusterName, [], {
    clusterName,
    tags: lowerCaseTags(tags),
  } satisfies CreateClusterCommandInput);
}
