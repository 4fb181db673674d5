/** VPCs and subnets: create, describe, delete, and the private addresses handed to network interfaces. */

import type {
  CreateSubnetCommandInput,
  CreateSubnetCommandOutput,
  CreateVpcCommandInput,
  CreateVpcCommandOutput,
  DeleteSubnetCommandInput,
  DeleteVpcCommandInput,
  DescribeSubnetsCommandInput,
  DescribeSubnetsCommandOutput,
  DescribeVpcsCommandInput,
  DescribeVpcsCommandOutput,
  Subnet,
  Vpc,
} from '@aws-sdk/client-ec2';
import { sha256Hex } from '../../../sha256.js';
import { addressAt, contains, overlaps, parseCidr, RESERVED_AT_START, usableAddresses } from '../../cidr.js';
import type { Output, World } from '../../world.js';
import { ec2Error, invalidParameter, missingParameter, subnetNotFound } from './errors.js';
import { findSubnet, subnetById, vpcById } from './lookup.js';
import { applyFilters, byKey, type FilterFields, page, tagsFor, tagsMember } from './query.js';
import { ruleIdFor } from './rules.js';
import { defaultGroupRules, type SubnetRecord, type VpcRecord, ZONES } from './state.js';

function cidrOf(text: string | undefined, parameter: string) {
  if (text === undefined) throw missingParameter(parameter);
  const cidr = parseCidr(text);
  if (cidr === undefined) {
    throw invalidParameter(
      `Value (${text}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`,
    );
  }
  return cidr;
}

/** VPCs and subnets are /16 to /28. */
function sizeAllowed(prefix: number): boolean {
  return prefix >= 16 && prefix <= 28;
}

/** Stores a new VPC with its `default` group, which every VPC has and which cannot be deleted on its own. */
export function addVpc(world: World, vpc: VpcRecord): void {
  world.state.ec2.vpcs[vpc.vpcId] = vpc;
  const groupId = world.newId('sg-', `${vpc.vpcId}/sg/default`);
  world.state.ec2.securityGroups[groupId] = {
    groupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId: vpc.vpcId,
    createdAt: vpc.createdAt,
    tags: {},
    rules: defaultGroupRules(groupId, (what) => ruleIdFor(world, groupId, `default/${what}`)),
  };
}

export function vpcOutput(world: World, vpc: VpcRecord): Vpc {
  return {
    VpcId: vpc.vpcId,
    CidrBlock: vpc.cidrBlock,
    State: 'available',
    OwnerId: world.accountId,
    InstanceTenancy: 'default',
    IsDefault: vpc.isDefault,
    CidrBlockAssociationSet: [{ CidrBlock: vpc.cidrBlock, CidrBlockState: { State: 'associated' } }],
    ...tagsMember(vpc.tags),
  };
}

function subnetOutput(world: World, subnet: SubnetRecord): Subnet {
  const cidr = parseCidr(subnet.cidrBlock);
  const free = (cidr === undefined ? 0 : usableAddresses(cidr)) - Object.keys(subnet.ips).length;
  return {
    SubnetId: subnet.subnetId,
    VpcId: subnet.vpcId,
    CidrBlock: subnet.cidrBlock,
    AvailabilityZone: `${world.region}${subnet.zone}`,
    AvailableIpAddressCount: free,
    DefaultForAz: subnet.defaultForAz,
    MapPublicIpOnLaunch: subnet.defaultForAz,
    State: 'available',
    OwnerId: world.accountId,
    SubnetArn: `arn:aws:ec2:${world.region}:${world.accountId}:subnet/${subnet.subnetId}`,
    ...tagsMember(subnet.tags),
  };
}

const VPC_FILTERS: FilterFields<VpcRecord> = {
  'vpc-id': (v) => [v.vpcId],
  'is-default': (v) => [String(v.isDefault)],
  cidr: (v) => [v.cidrBlock],
  'cidr-block-association.cidr-block': (v) => [v.cidrBlock],
  state: () => ['available'],
};

const SUBNET_FILTERS: FilterFields<SubnetRecord> = {
  'subnet-id': (s) => [s.subnetId],
  'vpc-id': (s) => [s.vpcId],
  'cidr-block': (s) => [s.cidrBlock],
  cidr: (s) => [s.cidrBlock],
  'default-for-az': (s) => [String(s.defaultForAz)],
  state: () => ['available'],
};

export const networkOperations = {
  CreateVpc(input: CreateVpcCommandInput, world: World): Output<CreateVpcCommandOutput> {
    const cidr = cidrOf(input.CidrBlock, 'cidrBlock');
    if (!sizeAllowed(cidr.prefix))
      throw ec2Error('InvalidVpc.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
    const tags = tagsFor(input.TagSpecifications, 'vpc');
    const vpcId = world.newId('vpc-', `vpc/${input.CidrBlock}`);
    const createdAt = world.now();
    const vpc: VpcRecord = { vpcId, cidrBlock: input.CidrBlock as string, isDefault: false, createdAt, tags };
    addVpc(world, vpc);
    return { Vpc: vpcOutput(world, vpc) };
  },

  DescribeVpcs(input: DescribeVpcsCommandInput, world: World): Output<DescribeVpcsCommandOutput> {
    const ids = input.VpcIds ?? [];
    for (const id of ids) vpcById(world, id);
    const visible = Object.values(world.state.ec2.vpcs).filter(
      (v) => world.visible(v.createdAt) && (ids.length === 0 || ids.includes(v.vpcId)),
    );
    const matching = applyFilters(visible, input.Filters, VPC_FILTERS).sort(byKey((v) => v.vpcId));
    const { items, NextToken } = page(matching, input.NextToken, input.MaxResults);
    return { Vpcs: items.map((v) => vpcOutput(world, v)), ...(NextToken === undefined ? {} : { NextToken }) };
  },

  DeleteVpc(input: DeleteVpcCommandInput, world: World): object {
    const vpc = vpcById(world, input.VpcId);
    const ec2 = world.state.ec2;
    const hasSubnets = Object.values(ec2.subnets).some((s) => s.vpcId === vpc.vpcId);
    const groups = Object.values(ec2.securityGroups).filter((g) => g.vpcId === vpc.vpcId);
    if (hasSubnets || groups.some((g) => g.groupName !== 'default')) {
      throw ec2Error('DependencyViolation', `The vpc '${vpc.vpcId}' has dependencies and cannot be deleted.`);
    }
    for (const group of groups) delete ec2.securityGroups[group.groupId];
    delete ec2.vpcs[vpc.vpcId];
    return {};
  },

  CreateSubnet(input: CreateSubnetCommandInput, world: World): Output<CreateSubnetCommandOutput> {
    if (input.VpcId === undefined) throw missingParameter('vpcId');
    const vpc = vpcById(world, input.VpcId);
    const cidr = cidrOf(input.CidrBlock, 'cidrBlock');
    const vpcCidr = parseCidr(vpc.cidrBlock);
    if (!sizeAllowed(cidr.prefix) || vpcCidr === undefined || !contains(vpcCidr, cidr)) {
      throw ec2Error('InvalidSubnet.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
    }
    const clash = Object.values(world.state.ec2.subnets).some((s) => {
      const other = parseCidr(s.cidrBlock);
      return s.vpcId === vpc.vpcId && other !== undefined && overlaps(other, cidr);
    });
    if (clash) {
      throw ec2Error('InvalidSubnet.Conflict', `The CIDR '${input.CidrBlock}' conflicts with another subnet`);
    }
    const zone = zoneOf(world, input.AvailabilityZone);
    const tags = tagsFor(input.TagSpecifications, 'subnet');
    const subnetId = world.newId('subnet-', `${vpc.vpcId}/subnet/${input.CidrBlock}`);
    const subnet: SubnetRecord = {
      subnetId,
      vpcId: vpc.vpcId,
      cidrBlock: input.CidrBlock as string,
      zone,
      defaultForAz: false,
      createdAt: world.now(),
      tags,
      ips: {},
    };
    world.state.ec2.subnets[subnetId] = subnet;
    return { Subnet: subnetOutput(world, subnet) };
  },

  DescribeSubnets(input: DescribeSubnetsCommandInput, world: World): Output<DescribeSubnetsCommandOutput> {
    const ids = input.SubnetIds ?? [];
    for (const id of ids) subnetById(world, id);
    const visible = Object.values(world.state.ec2.subnets).filter(
      (s) => world.visible(s.createdAt) && (ids.length === 0 || ids.includes(s.subnetId)),
    );
    const fields: FilterFields<SubnetRecord> = {
      ...SUBNET_FILTERS,
      'availability-zone': (s) => [`${world.region}${s.zone}`],
    };
    const matching = applyFilters(visible, input.Filters, fields).sort(byKey((s) => s.subnetId));
    const { items, NextToken } = page(matching, input.NextToken, input.MaxResults);
    return {
      Subnets: items.map((s) => subnetOutput(world, s)),
      ...(NextToken === undefined ? {} : { NextToken }),
    };
  },

  DeleteSubnet(input: DeleteSubnetCommandInput, world: World): object {
    const subnet = subnetById(world, input.SubnetId);
    if (Object.keys(subnet.ips).length > 0) {
      throw ec2Error(
        'DependencyViolation',
        `The subnet '${subnet.subnetId}' has dependencies and cannot be deleted.`,
      );
    }
    delete world.state.ec2.subnets[subnet.subnetId];
    return {};
  },
};

/** The zone letter of `us-east-1b`; the first zone when none is given (AWS picks one). */
function zoneOf(world: World, availabilityZone: string | undefined): string {
  if (availabilityZone === undefined) return 'a';
  const zone = availabilityZone.slice(world.region.length);
  if (!availabilityZone.startsWith(world.region) || !ZONES.includes(zone)) {
    throw invalidParameter(
      `Value (${availabilityZone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${ZONES.map((z) => world.region + z).join(', ')}.`,
    );
  }
  return zone;
}

/**
 * A free address in the subnet, deterministic from `key`: a hash of the key picks the first
 * candidate, taken addresses push it on. The same key keeps the address it already holds.
 */
export function allocateIp(world: World, subnetId: string, key: string): string {
  const subnet = findSubnet(world, subnetId);
  if (subnet === undefined) throw subnetNotFound(subnetId);
  const held = Object.entries(subnet.ips).find(([, holder]) => holder === key);
  if (held !== undefined) return held[0];
  const cidr = parseCidr(subnet.cidrBlock);
  const usable = cidr === undefined ? 0 : usableAddresses(cidr);
  const start = Number.parseInt(sha256Hex(key).slice(0, 8), 16) % Math.max(usable, 1);
  for (let i = 0; cidr !== undefined && i < usable; i++) {
    const address = addressAt(cidr, RESERVED_AT_START + ((start + i) % usable));
    if (subnet.ips[address] === undefined) {
      subnet.ips[address] = key;
      return address;
    }
  }
  throw ec2Error(
    'InsufficientFreeAddressesInSubnet',
    `There are not enough free addresses in subnet '${subnetId}' to satisfy the requested number of instances.`,
  );
}

export function releaseIp(world: World, subnetId: string, ip: string): void {
  const subnet = world.state.ec2.subnets[subnetId];
  if (subnet !== undefined) delete subnet.ips[ip];
}
