/**
 * A definition names the VPC and subnets of the account it deploys to. On the local cloud those
 * ids mean nothing yet, so `--local` makes them: each missing VPC with a 10.x.0.0/16 block and
 * its default group, each missing subnet as a /24 of the first VPC (or of the default VPC).
 */
import { addressAt, overlaps, parseCidr } from '../../cidr.js';
import type { World } from '../../world.js';
import { addVpc } from './network.js';
import { DEFAULT_VPC_ID, ZONES } from './state.js';

export function adoptNetwork(world: World, vpcIds: readonly string[], subnetIds: readonly string[]): void {
  const ec2 = world.state.ec2;
  const createdAt = world.now();
  vpcIds.forEach((vpcId, index) => {
    if (ec2.vpcs[vpcId] !== undefined) return;
    addVpc(world, { vpcId, cidrBlock: `10.${index % 256}.0.0/16`, isDefault: false, createdAt, tags: {} });
  });
  const vpcId = vpcIds[0] ?? DEFAULT_VPC_ID;
  const vpcCidr = parseCidr((ec2.vpcs[vpcId] as { cidrBlock: string }).cidrBlock);
  if (vpcCidr === undefined) return;
  subnetIds.forEach((subnetId, index) => {
    if (ec2.subnets[subnetId] !== undefined) return;
    const taken = Object.values(ec2.subnets)
      .filter((s) => s.vpcId === vpcId)
      .map((s) => parseCidr(s.cidrBlock))
      .filter((c) => c !== undefined);
    for (let offset = 0; offset + 256 <= vpcCidr.size; offset += 256) {
      const cidrBlock = `${addressAt(vpcCidr, offset)}/24`;
      const cidr = parseCidr(cidrBlock);
      if (cidr === undefined || taken.some((t) => overlaps(t, cidr))) continue;
      ec2.subnets[subnetId] = {
        subnetId,
        vpcId,
        cidrBlock,
        zone: ZONES[index % ZONES.length] as string,
        defaultForAz: false,
        createdAt,
        tags: {},
        ips: {},
      };
      return;
    }
  });
}
