/**
 * A role and a security group made by hand under the plan's names: `apply` leaves their parts as
 * they are and prints how they differ from the plan; `--write-adopted` writes the parts.
 */
import { describe, expect, it } from 'vitest';
import colorMeshBuilder from '../../examples/color-mesh.js';
import { planNetwork } from '../../src/cli/plan-network.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';
import { handMadeExecutionRole, handMadeGatewayGroup } from '../execute/support/hand-made.js';
import { COLOR_MESH, cli, localCloudFiles } from './fixtures/run-cli.js';

const plan = colorMeshBuilder.plan();
const DRIFT_HEADING = "Not this tool's, left as they are (differences from the plan):\n";

/** A state file whose cloud holds the hand-made role and group. */
async function handMadeCloud() {
  const files = localCloudFiles();
  const cloud = createLocalCloud({ stateFile: files.state });
  cloud.ensureNetwork(planNetwork(plan));
  await handMadeExecutionRole(cloud, plan);
  await handMadeGatewayGroup(cloud, plan);
  return files;
}

/** The execution role and the gateway group's ingress rules, as the state file has them. */
function adoptedParts(stateFile: string) {
  const { iam, ec2 } = createLocalCloud({ stateFile }).snapshot() as unknown as {
    iam: { roles: { roleName: string; inlinePolicies: object; attachedPolicyArns: string[] }[] };
    ec2: { securityGroups: { groupName: string; rules: { egress: boolean; cidrIpv4?: string }[] }[] };
  };
  const role = iam.roles.find((r) => r.roleName === 'color-mesh-execution-role');
  const group = ec2.securityGroups.find((g) => g.groupName === 'gateway-sg');
  return {
    inlinePolicies: Object.keys(role?.inlinePolicies ?? {}),
    attachedPolicies: role?.attachedPolicyArns,
    ingress: group?.rules.filter((r) => !r.egress).map((r) => r.cidrIpv4),
  };
}

describe('appmesh-builder apply with a hand-made role and security group', () => {
  it('writes none of their parts and prints their differences from the plan', async () => {
    const files = await handMadeCloud();
    const result = await cli(['apply', COLOR_MESH, ...files.flags]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);

    const drift = result.out.split(DRIFT_HEADING)[1] ?? '';
    expect(result.out).toContain(DRIFT_HEADING);
    expect(drift).toMatch(/^ {2}iam\/role\/color-mesh-execution-role: \S/m);
    expect(drift).toMatch(/^ {2}ec2\/securityGroup\/gateway-sg: \S/m);
    expect(drift).toContain(
      '  iam/role/color-mesh-execution-role/attachment/AmazonECSTaskExecutionRolePolicy: (absent)\n',
    );
    expect(drift).toContain('  iam/role/color-mesh-execution-role/policy/create-log-group: (absent)\n');
    expect(drift).toContain('  ec2/securityGroup/gateway-sg/ingress/tcp-80: (absent)\n');

    expect(adoptedParts(files.state)).toEqual({ inlinePolicies: [], attachedPolicies: [], ingress: [] });
  });

  it('--write-adopted writes them', async () => {
    const files = await handMadeCloud();
    const result = await cli(['apply', COLOR_MESH, ...files.flags, '--write-adopted']);
    expect(result.code).toBe(0);
    expect(adoptedParts(files.state)).toEqual({
      inlinePolicies: ['create-log-group'],
      attachedPolicies: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
      ingress: ['0.0.0.0/0'],
    });
  });
});
