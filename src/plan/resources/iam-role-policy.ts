import type { PutRolePolicyCommandInput } from '@aws-sdk/client-iam';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';

/** An inline policy on a role of this plan; `dependsOn`: what its document refers to. */
export function iamRolePolicyResource(
  roleName: string,
  policyName: string,
  policyDocument: string,
  dependsOn: readonly string[] = [],
): PlannedResource<'iamRolePolicy'> {
  return planned(
    'iamRolePolicy',
    resourceIds.iamRolePolicy(roleName, policyName),
    policyName,
    [resourceIds.iamRole(roleName), ...dependsOn],
    {
      RoleName: roleName,
      PolicyName: policyName,
      PolicyDocument: policyDocument,
    } satisfies PutRolePolicyCommandInput,
  );
}
