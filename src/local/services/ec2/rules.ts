/**
 * Security group rules: AWS takes and shows them as IpPermissions (a protocol and port range with
 * several peers) but keeps them one peer per rule, each with its own `sgr-` id.
 */
import type { IpPermission, SecurityGroupRule } from '@aws-sdk/client-ec2';
import { isIpv6Cidr, parseCidr } from '../../cidr.js';
import type { World } from '../../world.js';
import { ec2Error, invalidParameter } from './errors.js';
import { groupById, groupByName } from './lookup.js';
import { prefixListById } from './prefix-lists.js';
import type { RuleRecord, SecurityGroupRecord } from './state.js';

/** A rule before it has an id. */
export type RuleShape = Omit<RuleRecord, 'ruleId'>;

const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  icmpv6: 'icmpv6',
  '58': 'icmpv6',
  '-1': '-1',
  all: '-1',
};

function protocolOf(text: string | undefined): string {
  const lower = (text ?? '').toLowerCase();
  const named = PROTOCOL_NAMES[lower];
  if (named !== undefined) return named;
  if (/^\d+$/.test(lower) && Number(lower) <= 255) return lower;
  throw invalidParameter(`Invalid value '${text ?? ''}' for IP protocol. Unknown protocol.`);
}

/** Ports as AWS keeps them: -1/-1 when the protocol has none. */
function portsOf(protocol: string, permission: IpPermission): { fromPort: number; toPort: number } {
  if (protocol === 'tcp' || protocol === 'udp') {
    const { FromPort: from, ToPort: to } = permission;
    if (from === undefined || to === undefined) {
      throw invalidParameter(
        `Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange`,
      );
    }
    if (from < 0 || to > 65535 || from > to) {
      throw invalidParameter(`Invalid TCP/UDP port range ${from}-${to}`);
    }
    return { fromPort: from, toPort: to };
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    return { fromPort: permission.FromPort ?? -1, toPort: permission.ToPort ?? -1 };
  }
  return { fromPort: -1, toPort: -1 };
}

/** The group a UserIdGroupPair names: it must exist (reference check). */
function pairGroup(world: World, pair: { GroupId?: string | undefined; GroupName?: string | undefined }) {
  if (pair.GroupId !== undefined) return groupById(world, pair.GroupId);
  if (pair.GroupName !== undefined) return groupByName(world, pair.GroupName);
  throw invalidParameter('A UserIdGroupPair must name a group (GroupId or GroupName).');
}

/** One rule per peer of every permission, validated. */
export function rulesOf(
  world: World,
  group: SecurityGroupRecord,
  egress: boolean,
  permissions: readonly IpPermission[],
): RuleShape[] {
  const rules: RuleShape[] = [];
  for (const permission of permissions) {
    const protocol = protocolOf(permission.IpProtocol);
    const ports = portsOf(protocol, permission);
    const base = { egress, protocol, ...ports };
    const before = rules.length;
    for (const range of permission.IpRanges ?? []) {
      const cidr = range.CidrIp ?? '';
      if (parseCidrLoose(cidr) === undefined) throw invalidParameter(`CIDR block ${cidr} is malformed`);
      rules.push({ ...base, cidrIpv4: cidr, ...describedAs(range.Description) });
    }
    for (const range of permission.Ipv6Ranges ?? []) {
      const cidr = range.CidrIpv6 ?? '';
      if (!isIpv6Cidr(cidr)) throw invalidParameter(`CIDR block ${cidr} is malformed`);
      rules.push({ ...base, cidrIpv6: cidr, ...describedAs(range.Description) });
    }
    for (const pair of permission.UserIdGroupPairs ?? []) {
      const peer = pairGroup(world, pair);
      if (peer.vpcId !== group.vpcId) {
        throw ec2Error(
          'InvalidGroup.NotFound',
          `You have specified two resources that belong to different networks.`,
        );
      }
      rules.push({ ...base, groupId: peer.groupId, ...describedAs(pair.Description) });
    }
    for (const entry of permission.PrefixListIds ?? []) {
      const list = prefixListById(world, entry.PrefixListId ?? '');
      rules.push({ ...base, prefixListId: list.id, ...describedAs(entry.Description) });
    }
    if (rules.length === before) {
      throw ec2Error(
        'MissingParameter',
        'The request must contain the parameter ipPermissions.ipRanges, ipv6Ranges or groups',
      );
    }
  }
  return rules;
}

/** A rule's own CIDR may have host bits (AWS keeps 10.0.0.1/32 and also 10.0.0.5/24 as given). */
function parseCidrLoose(text: string) {
  const [address, prefix] = text.split('/');
  if (address === undefined || prefix === undefined) return undefined;
  const bits = Number(prefix);
  return parseCidr(`${address}/32`) !== undefined && Number.isInteger(bits) && bits >= 0 && bits <= 32
    ? text
    : undefined;
}

function describedAs(description: string | undefined): { description?: string } {
  return description === undefined ? {} : { description };
}

/** The one source (or destination) of a rule: a CIDR, a group or a prefix list. */
function peerOf(rule: RuleShape): string {
  return rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.groupId ?? rule.prefixListId ?? '';
}

/** What makes two rules the same (the description does not). */
export function ruleIdentity(rule: RuleShape): string {
  const peer = peerOf(rule);
  return `${rule.egress ? 'egress' : 'ingress'}/${rule.protocol}/${rule.fromPort}/${rule.toPort}/${peer}`;
}

export function ruleIdFor(world: World, groupId: string, what: string): string {
  return world.newId('sgr-', `${groupId}/rule/${what}`);
}

/** AWS's words for a rule in InvalidPermission.Duplicate. */
export function describeRule(rule: RuleShape): string {
  const peer = peerOf(rule);
  const ports =
    rule.fromPort === -1 && rule.toPort === -1
      ? ''
      : `, from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  const protocol = rule.protocol === '-1' ? 'ALL' : rule.protocol.toUpperCase();
  return `peer: ${peer}, ${protocol}${ports}, ALLOW`;
}

/** Rules grouped back into IpPermissions, as DescribeSecurityGroups shows them. */
export function permissionsOf(world: World, rules: readonly RuleRecord[]): IpPermission[] {
  const byRange = new Map<string, IpPermission>();
  for (const rule of rules) {
    const key = `${rule.protocol}/${rule.fromPort}/${rule.toPort}`;
    let permission = byRange.get(key);
    if (permission === undefined) {
      permission = {
        IpProtocol: rule.protocol,
        ...(rule.protocol === '-1' ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort }),
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      };
      byRange.set(key, permission);
    }
    const description = rule.description === undefined ? {} : { Description: rule.description };
    if (rule.cidrIpv4 !== undefined) permission.IpRanges?.push({ CidrIp: rule.cidrIpv4, ...description });
    if (rule.cidrIpv6 !== undefined) permission.Ipv6Ranges?.push({ CidrIpv6: rule.cidrIpv6, ...description });
    if (rule.groupId !== undefined) {
      permission.UserIdGroupPairs?.push({ GroupId: rule.groupId, UserId: world.accountId, ...description });
    }
    if (rule.prefixListId !== undefined)
      permission.PrefixListIds?.push({ PrefixListId: rule.prefixListId, ...description });
  }
  return [...byRange.values()];
}

export function ruleOutput(world: World, groupId: string, rule: RuleRecord): SecurityGroupRule {
  return {
    SecurityGroupRuleId: rule.ruleId,
    GroupId: groupId,
    GroupOwnerId: world.accountId,
    IsEgress: rule.egress,
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort,
    ToPort: rule.toPort,
    ...(rule.cidrIpv4 === undefined ? {} : { CidrIpv4: rule.cidrIpv4 }),
    ...(rule.cidrIpv6 === undefined ? {} : { CidrIpv6: rule.cidrIpv6 }),
    ...(rule.groupId === undefined
      ? {}
      : { ReferencedGroupInfo: { GroupId: rule.groupId, UserId: world.accountId } }),
    ...(rule.prefixListId === undefined ? {} : { PrefixListId: rule.prefixListId }),
    ...(rule.description === undefined ? {} : { Description: rule.description }),
    Tags: [],
    SecurityGroupRuleArn: `arn:aws:ec2:${world.region}:${world.accountId}:security-group-rule/${rule.ruleId}`,
  };
}
