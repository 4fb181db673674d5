import type { CreateSecurityGroupCommandInput } from '@aws-sdk/client-ec2';
import type { Tags } from '../../definition/mesh-definition.js';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { pascalCaseTags } from '../tags.js';

/** A security group; egress stays the AWS default (all outbound). */
export function securityGroupResource(
  groupName: string,
  description: string,
  vpcId: string,
  tags: Tags,
): PlannedResource<'securityGroup'> {
  return planned('securityGroup', resourceIds.securityGroup(groupName), groupName, [], {
    GroupName: groupName,
    Description: description,
    VpcId: vpcId,
    TagSpecifications: [{ ResourceType: 'security-group', Tags: pascalCaseTags(tags) }],
  } satisfies CreateSecurityGroupCommandInput);
}
