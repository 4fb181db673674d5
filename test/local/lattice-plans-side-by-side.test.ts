/**
 * The two Lattice plans of the color tutorial in one account: `service-connect+vpc-lattice` and
 * `vpc-lattice` name every resource apart (their Lattice services carry the plan's suffix, as the
 * rest), so both apply into one local cloud, and destroying one leaves the other as it was. Each
 * has its own VPC: Lattice associates a VPC with one service network only, and each plan makes one.
 */
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { colorMesh, localCloudParams } from '../../examples/color-mesh.js';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

/** A second VPC with two private and two public subnets, in two zones. */
async function secondNetwork(cloud: LocalCloud): Promise<{ vpcId: string; subnetIds: string[] }> {
  const { ec2 } = cloud.clients({ maxAttempts: 1, direct: true });
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
  const vpcId = vpc.Vpc?.VpcId as string;
  const subnetIds: string[] = [];
  for (const [index, zone] of ['a', 'b', 'a', 'b'].entries()) {
    const subnet = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.1.${index}.0/24`,
        AvailabilityZone: `${cloud.region}${zone}`,
      }),
    );
    subnetIds.push(subnet.Subnet?.SubnetId as string);
  }
  return { vpcId, subnetIds };
}

describe('local cloud: the combined and the plain Lattice plans side by side', () => {
  it('both apply into one account, and destroying the combined plan leaves the plain one as it was', async () => {
    const cloud = fastLocalCloud();
    const { vpcId, subnetIds } = await secondNetwork(cloud);
    const plain = colorMesh({
      ...localCloudParams(cloud),
      vpcId,
      privateSubnets: subnetIds.slice(0, 2),
      publicSubnets: subnetIds.slice(2, 4),
    }).plan({ target: 'vpc-lattice' });
    const combined = colorMeshIn(cloud).plan({ target: 'service-connect+vpc-lattice' });

    const first = await apply(plain, fastExecution(cloud));
    expect(first.error?.message).toBeUndefined();
    await cloud.settle();
    const plainOnly = cloud.snapshot();

    const second = await apply(combined, fastExecution(cloud));
    expect(second.error?.message).toBeUndefined();
    // Nothing of the plain plan was taken over: every resource the combined plan needs is its own.
    expect(second.results.filter((r) => r.outcome === 'adopted').map((r) => r.id)).toEqual([]);
    await cloud.settle();
    const lattice = cloud.snapshot().vpcLattice as { services: { name: string }[] };
    expect(lattice.services.map((s) => s.name).sort()).toEqual([
      'blue-colors-local-lattice',
      'red-colors-local-lattice',
      'router-colors-local-lattice',
      'router-colors-local-sc',
    ]);

    const destroyed = await destroy(combined, fastExecution(cloud));
    expect(destroyed.error?.message).toBeUndefined();
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(plainOnly);
  });
});
