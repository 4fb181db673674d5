/**
 * rollback from the command line: an apply run with --no-rollback fails on a resource someone
 * else owns, keeps what it created, and rollback then deletes exactly that.
 */
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import colorMeshBuilder from '../../examples/color-mesh.js';
import { planNetwork } from '../../src/cli/plan-network.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';
import { COLOR_MESH, cli, localCloudFiles } from './fixtures/run-cli.js';

const plan = colorMeshBuilder.plan();

describe('appmesh-builder rollback --local', () => {
  it('deletes what a failed apply --no-rollback created, and leaves what was there before', async () => {
    const files = localCloudFiles();
    // Someone else's gateway-sg in the mesh's VPC, with another description: a security group
    // cannot be updated in place, so apply must fail on it, and must never delete it.
    const before = createLocalCloud({ stateFile: files.state });
    before.ensureNetwork(planNetwork(plan));
    const [vpcId] = planNetwork(plan).vpcIds;
    await before
      .clients({ maxAttempts: 1 })
      .ec2.send(
        new CreateSecurityGroupCommand({ GroupName: 'gateway-sg', Description: 'not ours', VpcId: vpcId }),
      );
    const cloudBefore = before.snapshot();

    // One at a time, so that what runs before the failure (in plan order) is always the same.
    const applied = await cli(['apply', COLOR_MESH, ...files.flags, '--no-rollback', '--concurrency', '1']);
    expect(applied.code).toBe(1);
    expect(applied.err).toContain('ec2/securityGroup/gateway-sg');
    expect(applied.err).toContain('cannot update a securityGroup in place');
    const created = [...applied.out.matchAll(/^ {2}created +(\S+)$/gm)].map((m) => m[1]);
    expect(created.length).toBeGreaterThan(0);
    // --no-rollback: what was created is still there.
    expect(createLocalCloud({ stateFile: files.state }).snapshot()).not.toEqual(cloudBefore);

    const rolledBack = await cli(['rollback', COLOR_MESH, ...files.flags]);
    expect(rolledBack.err).toBe('');
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.out).toContain(`Rolled back ${created.length} resources.`);
    expect(createLocalCloud({ stateFile: files.state }).snapshot()).toEqual(cloudBefore);
  });
});
