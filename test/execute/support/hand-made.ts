/**
 * Resources someone made by hand (no appmesh-builder tags) under the names the color mesh's plan
 * uses: its execution role, trusting another account, and its gateway's security group.
 */
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import type { LocalCloud } from '../../../src/local/local-cloud.js';
import type { Plan } from '../../../src/plan/plan.js';

export const HAND_MADE_DESCRIPTION = 'made by hand, not by appmesh-builder';

/** The trust policy of the hand-made role: another account may assume it. */
export const FOREIGN_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::210987654321:root' },
      Action: 'sts:AssumeRole',
    },
  ],
};

export async function handMadeExecutionRole(cloud: LocalCloud, plan: Plan): Promise<void> {
  await cloud.clients().iam.send(
    new CreateRoleCommand({
      RoleName: `${plan.meshName}-execution-role`,
      Description: HAND_MADE_DESCRIPTION,
      AssumeRolePolicyDocument: JSON.stringify(FOREIGN_TRUST),
    }),
  );
}

/** The gateway's security group, in the VPC the plan names, without any rule. */
export async function handMadeGatewayGroup(cloud: LocalCloud, plan: Plan): Promise<void> {
  const group = plan.resources.find((r) => r.kind === 'securityGroup' && r.name === 'gateway-sg');
  if (group?.kind !== 'securityGroup') throw new Error('The plan has no gateway-sg.');
  await cloud.clients().ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: 'gateway-sg',
      Description: HAND_MADE_DESCRIPTION,
      VpcId: group.input.VpcId,
    }),
  );
}
