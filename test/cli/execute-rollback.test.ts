/**
 * rollback from the command line: an apply run with --no-rollback fails because of a resource
 * someone else owns, keeps what it created, and rollback then deletes exactly that.
 */
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import colorMeshBuilder from '../../examples/color-mesh.js';
import { planNetwork } from '../../src/cli/plan-network.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';
import { COLOR_MESH, cli, localCloudFiles } from './fixtures/run-cli.js';

const plan = colorMeshBuilder.plan();

describe('appmesh-builder rollback --local', () => {
  it('deletes what a failed apply --no-rollback created, and leaves what was there before', async () => {
    const files = localCloudFiles();
    // Someone else's load balancer under the plan's NLB name, but an application load balancer: apply
    // adopts it as it is (never writes to it), and then cannot give it the plan's TCP listener.
    const before = createLocalCloud({ stateFile: files.state });
    before.ensureNetwork(planNetwork(plan));
    const nlb = plan.resources.find((r) => r.kind === 'loadBalancer');
    await before.clients({ maxAttempts: 1 }).elbv2.send(
      new CreateLoadBalancerCommand({
        Name: nlb?.name,
        Type: 'application',
        Subnets: nlb?.kind === 'loadBalancer' ? nlb.input.Subnets : [],
      }),
    );
    await before.settle();
    const cloudBefore = before.snapshot();

    // One at a time, so that what runs before the failure (in plan order) is always the same.
    const applied = await cli(['apply', COLOR_MESH, ...files.flags, '--no-rollback', '--concurrency', '1']);
    expect(applied.code).toBe(1);
    expect(applied.out).toMatch(/^ {2}adopted +\S*color-gateway-nlb$/m);
    expect(applied.err).toMatch(/color-gateway-nlb\S*: \w+: /);
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
