/** Finding EC2 resources as reads and references see them (missing while not yet visible). */
import type { World } from '../../world.js';
import { ec2Error, groupNotFound, missingParameter, subnetNotFound, vpcNotFound } from './errors.js';
import type { SecurityGroupRecord, SubnetRecord, VpcRecord } from './state.js';

export function findVpc(world: World, vpcId: string): VpcRecord | undefined {
  const vpc = world.state.ec2.vpcs[vpcId];
  return vpc !== undefined && world.visible(vpc.createdAt) ? vpc : undefined;
}

export function findSubnet(world: World, subnetId: string): SubnetRecord | undefined {
  const subnet = world.state.ec2.subnets[subnetId];
  return subnet !== undefined && world.visible(subnet.createdAt) ? subnet : undefined;
}

export function findGroup(world: World, groupId: string): SecurityGroupRecord | undefined {
  const group = world.state.ec2.securityGroups[groupId];
  return group !== undefined && world.visible(group.createdAt) ? group : undefined;
}

export function vpcById(world: World, vpcId: string | undefined): VpcRecord {
  const vpc = findVpc(world, vpcId ?? '');
  if (vpc === undefined) throw vpcNotFound(vpcId ?? '');
  return vpc;
}

export function subnetById(world: World, subnetId: string | undefined): SubnetRecord {
  const subnet = findSubnet(world, subnetId ?? '');
  if (subnet === undefined) throw subnetNotFound(subnetId ?? '');
  return subnet;
}

export function groupById(world: World, groupId: string | undefined): SecurityGroupRecord {
  const group = findGroup(world, groupId ?? '');
  if (group === undefined) throw groupNotFound(groupId ?? '');
  return group;
}

/** The account's default VPC, if it still exists. */
export function defaultVpc(world: World): VpcRecord | undefined {
  return Object.values(world.state.ec2.vpcs).find((vpc) => vpc.isDefault && world.visible(vpc.createdAt));
}

/**
 * A group by name, as `GroupName` parameters mean it: only in the default VPC (for any other VPC,
 * AWS wants the id or a `group-name` filter).
 */
export function groupByName(world: World, groupName: string): SecurityGroupRecord {
  const vpc = defaultVpc(world);
  const group = Object.values(world.state.ec2.securityGroups).find(
    (g) => g.vpcId === vpc?.vpcId && g.groupName === groupName && world.visible(g.createdAt),
  );
  if (group === undefined) {
    throw vpc === undefined
      ? groupNotFound(groupName)
      : ec2Error(
          'InvalidGroup.NotFound',
          `The security group '${groupName}' does not exist in default VPC '${vpc.vpcId}'`,
        );
  }
  return group;
}

/** `GroupId` or, failing that, `GroupName` (default VPC), as SG operations accept them. */
export function groupByIdOrName(
  world: World,
  input: { GroupId?: string | undefined; GroupName?: string | undefined },
): SecurityGroupRecord {
  if (input.GroupId !== undefined) return groupById(world, input.GroupId);
  if (input.GroupName !== undefined) return groupByName(world, input.GroupName);
  throw missingParameter('groupName or groupId');
}
