/**
 * EC2's state: VPCs, subnets and security groups with their rules, as plain data; and the
 * default network every new local cloud starts with (like an account's default VPC).
 */
import { sha256Hex } from '../../../sha256.js';

export type TagMap = Record<string, string>;

export interface VpcRecord {
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly isDefault: boolean;
  readonly createdAt: number;
  tags: TagMap;
}

export interface SubnetRecord {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly cidrBlock: string;
  /** The zone letter (`a`); the full name depends on the region, which state does not know. */
  readonly zone: string;
  readonly defaultForAz: boolean;
  readonly createdAt: number;
  tags: TagMap;
  /** Addresses handed to network interfaces: address -> the key (task id) that holds it. */
  ips: Record<string, string>;
}

/** One rule: a protocol, a port range and ONE peer (AWS's SecurityGroupRule). */
export interface RuleRecord {
  readonly ruleId: string;
  readonly egress: boolean;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, `-1` (all) or a protocol number. */
  readonly protocol: string;
  /** -1 when the protocol has no ports (`-1`). */
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly groupId?: string;
  /** A prefix list's id (an AWS-managed list: prefix-lists.ts). */
  readonly prefixListId?: string;
  readonly description?: string;
}

export interface SecurityGroupRecord {
  readonly groupId: string;
  readonly groupName: string;
  readonly description: string;
  readonly vpcId: string;
  readonly createdAt: number;
  tags: TagMap;
  rules: RuleRecord[];
}

export interface Ec2State {
  vpcs: Record<string, VpcRecord>;
  subnets: Record<string, SubnetRecord>;
  securityGroups: Record<string, SecurityGroupRecord>;
}

/** The default network exists before any clock reading: visible whatever the consistency window. */
const ALWAYS = Number.MIN_SAFE_INTEGER;

/** Ids of the default network: fixed, so every local cloud has the same default VPC. */
function fixedId(prefix: string, key: string): string {
  return prefix + sha256Hex(`default-network/${key}`).slice(0, 17);
}

/** The zone letters of the local cloud's regions: the default network has a subnet in each. */
export const ZONES: readonly string[] = ['a', 'b', 'c', 'd', 'e', 'f'];

export const DEFAULT_VPC_ID = fixedId('vpc-', 'vpc');
export const DEFAULT_SUBNET_IDS: readonly string[] = ZONES.map((zone) =>
  fixedId('subnet-', `subnet/${zone}`),
);
const DEFAULT_GROUP_ID = fixedId('sg-', 'sg/default');

/** What a VPC's `default` group allows, as AWS creates it: all in from itself, all out. */
export function defaultGroupRules(groupId: string, ruleId: (what: string) => string): RuleRecord[] {
  return [
    { ruleId: ruleId('ingress'), egress: false, protocol: '-1', fromPort: -1, toPort: -1, groupId },
    egressToAnywhere(ruleId('egress')),
  ];
}

/** The egress rule AWS adds to every new group. */
export function egressToAnywhere(ruleId: string): RuleRecord {
  return { ruleId, egress: true, protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' };
}

export function initialEc2State(): Ec2State {
  const subnets: Record<string, SubnetRecord> = {};
  ZONES.forEach((zone, i) => {
    const subnetId = DEFAULT_SUBNET_IDS[i] as string;
    subnets[subnetId] = {
      subnetId,
      vpcId: DEFAULT_VPC_ID,
      cidrBlock: `172.31.${i * 16}.0/20`,
      zone,
      defaultForAz: true,
      createdAt: ALWAYS,
      tags: {},
      ips: {},
    };
  });
  return {
    vpcs: {
      [DEFAULT_VPC_ID]: {
        vpcId: DEFAULT_VPC_ID,
        cidrBlock: '172.31.0.0/16',
        isDefault: true,
        createdAt: ALWAYS,
        tags: {},
      },
    },
    subnets,
    securityGroups: {
      [DEFAULT_GROUP_ID]: {
        groupId: DEFAULT_GROUP_ID,
        groupName: 'default',
        description: 'default VPC security group',
        vpcId: DEFAULT_VPC_ID,
        createdAt: ALWAYS,
        tags: {},
        rules: defaultGroupRules(DEFAULT_GROUP_ID, (what) => fixedId('sgr-', `sg/default/${what}`)),
      },
    },
  };
}
