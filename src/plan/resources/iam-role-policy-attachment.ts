import type { AttachRolePolicyCommandInput } from '@aws-sdk/client-iam';
import { managedPolicyName, resourceIds } from '../names.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';

/** A managed policy attached to a role of this plan. */
export function iamRolePolicyAttachmentResource(
  roleName: string,
  policyArn: string,
): PlannedResource<'iamRolePolicyAttachment'> {
  const policyName = managedPolicyName(policyArn);
  return planned(
    'iamRolePolicyAttachment',
    resourceIds.iamRolePolicyAttachment(roleName, policyName),
    policyName,
    [resourceIds.iamRole(roleName)],
    { RoleName: roleName, PolicyArn: policyArn } satisfies AttachRolePolicyCommandInput,
  );
}
