/**
 * EC2: the default network, VPCs, subnets and security groups with their rules, the AWS-managed
 * prefix lists rules can name, and the private addresses ECS tasks get in a subnet. EC2's errors are unmodeled: EC2ServiceException named by code.
 */

import type { ServiceDefinition, World } from '../world.js';
import { adoptNetwork } from './ec2/adopt-network.js';
import { ec2Error } from './ec2/errors.js';
import { findGroup, findSubnet, findVpc } from './ec2/lookup.js';
import { allocateIp, networkOperations, releaseIp } from './ec2/network.js';
import { prefixListOperations } from './ec2/prefix-lists.js';
import { securityGroupOperations } from './ec2/security-groups.js';
import { DEFAULT_SUBNET_IDS, DEFAULT_VPC_ID, type Ec2State, initialEc2State } from './ec2/state.js';
import { tagOperations } from './ec2/tags.js';

export type { Ec2State } from './ec2/state.js';

function sortedById<T>(records: Record<string, T>): T[] {
  return Object.keys(records)
    .sort()
    .map((id) => records[id] as T);
}

export const ec2Service: ServiceDefinition<'ec2'> = {
  key: 'ec2',
  clientName: 'EC2Client',
  initialState: initialEc2State,
  operations: { ...networkOperations, ...securityGroupOperations, ...prefixListOperations, ...tagOperations },
  events: {},
  throttled: (message) => ec2Error('RequestLimitExceeded', message, 503),
  internalFailure: (message) => ec2Error('InternalError', message, 500),
  snapshot: (state: Ec2State) => ({
    vpcs: sortedById(state.vpcs).map(({ createdAt: _createdAt, ...vpc }) => vpc),
    subnets: sortedById(state.subnets).map(({ createdAt: _createdAt, ips, ...subnet }) => ({
      ...subnet,
      ips: Object.fromEntries(Object.entries(ips).sort(([a], [b]) => (a < b ? -1 : 1))),
    })),
    securityGroups: sortedById(state.securityGroups).map(({ createdAt: _createdAt, rules, ...group }) => ({
      ...group,
      rules: [...rules].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1)),
    })),
  }),
  internal: (world: World) => ({
    vpc: (vpcId) => {
      const vpc = findVpc(world, vpcId);
      return vpc === undefined ? undefined : { cidrBlock: vpc.cidrBlock };
    },
    subnet: (subnetId) => {
      const subnet = findSubnet(world, subnetId);
      return subnet === undefined
        ? undefined
        : { vpcId: subnet.vpcId, availabilityZone: `${world.region}${subnet.zone}` };
    },
    securityGroup: (groupId) => {
      const group = findGroup(world, groupId);
      return group === undefined ? undefined : { vpcId: group.vpcId };
    },
    allocateIp: (subnetId, key) => allocateIp(world, subnetId, key),
    releaseIp: (subnetId, ip) => releaseIp(world, subnetId, ip),
    defaultNetwork: () => ({ vpcId: DEFAULT_VPC_ID, subnetIds: [...DEFAULT_SUBNET_IDS] }),
    adoptNetwork: (vpcIds, subnetIds) => adoptNetwork(world, vpcIds, subnetIds),
  }),
};
