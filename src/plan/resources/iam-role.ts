import type { CreateRoleCommandInput } from '@aws-sdk/client-iam';
import type { Tags } from '../../definition/mesh-definition.js';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import { ECS_TASKS_TRUST_POLICY } from '../policies.js';
import type { PlannedResource } from '../resource.js';
import { pascalCaseTags } from '../tags.js';

/** A role ECS tasks assume (task role or execution role), or, given its trust policy, ECS itself. */
export function iamRoleResource(
  roleName: string,
  description: string,
  tags: Tags,
  trustPolicy: string = ECS_TASKS_TRUST_POLICY,
): PlannedResource<'iamRole'> {
  return planned('iamRole', resourceIds.iamRole(roleName), roleName, [], {
    RoleName: roleName,
    AssumeRolePolicyDocument: trustPolicy,
    Description: description,
    Tags: pascalCaseTags(tags),
  } satisfies CreateRoleCommandInput);
}
