/**
 * Load balancers: create (idempotent for the same settings), describe with paging, delete (with
 * their listeners), attributes. A new load balancer is `provisioning` until an `elbv2.loadBalancerActive` event.
 */
import {
  type CreateLoadBalancerCommandInput,
  type CreateLoadBalancerCommandOutput,
  type DeleteLoadBalancerCommandInput,
  type DescribeLoadBalancerAttributesCommandInput,
  type DescribeLoadBalancerAttributesCommandOutput,
  type DescribeLoadBalancersCommandInput,
  type DescribeLoadBalancersCommandOutput,
  DuplicateLoadBalancerNameException,
  InvalidConfigurationRequestException,
  InvalidSecurityGroupException,
  InvalidSubnetException,
  type LoadBalancer,
  type LoadBalancerSchemeEnum,
  type LoadBalancerTypeEnum,
  type ModifyLoadBalancerAttributesCommandInput,
  type ModifyLoadBalancerAttributesCommandOutput,
  OperationNotPermittedException,
  type SetSecurityGroupsCommandInput,
  type SetSecurityGroupsCommandOutput,
  SubnetNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../aws-error.js';
import { canonicalJson } from '../../idempotency.js';
import type { Operation, Output, World } from '../../world.js';
import { enumError, loadBalancerNotFound, validationError } from './errors.js';
import {
  deleteListenerRecord,
  listenersOf,
  page,
  requireLoadBalancer,
  sortedByName,
  tagList,
  visibleLoadBalancer,
} from './lookup.js';
import type { LoadBalancerRecord } from './state.js';
import { tagsFromInput } from './tags.js';

const TYPES = ['application', 'network', 'gateway'];
const SCHEMES = ['internet-facing', 'internal'];
const IP_ADDRESS_TYPES = ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'];

/** The ARN's and DNS name's short form of each type. */
const TYPE_CODE: Record<string, string> = { application: 'app', network: 'net', gateway: 'gwy' };

/** Route 53 zone ids of ELB's DNS names, by region (AWS publishes these); us-east-1's elsewhere. */
const HOSTED_ZONES: Record<string, { application: string; network: string }> = {
  'us-east-1': { application: 'Z35SXDOTRQ7X7K', network: 'Z26RNL4JYFTOTI' },
  'us-east-2': { application: 'Z3AADJGX6KTTL2', network: 'ZLMOA37VPKANP' },
  'us-west-2': { application: 'Z1H1FL5HABSF5', network: 'Z18D5FSROUN65G' },
  'eu-west-1': { application: 'Z32O12XQLNTSW2', network: 'Z2IFOLAFXWLO4F' },
};

const DEFAULT_ATTRIBUTES: Record<string, Record<string, string>> = {
  application: {
    'access_logs.s3.enabled': 'false',
    'access_logs.s3.bucket': '',
    'access_logs.s3.prefix': '',
    'deletion_protection.enabled': 'false',
    'idle_timeout.timeout_seconds': '60',
    'routing.http.desync_mitigation_mode': 'defensive',
    'routing.http.drop_invalid_header_fields.enabled': 'false',
    'routing.http.preserve_host_header.enabled': 'false',
    'routing.http.xff_client_port.enabled': 'false',
    'routing.http.xff_header_processing.mode': 'append',
    'routing.http2.enabled': 'true',
    'waf.fail_open.enabled': 'false',
    'client_keep_alive.seconds': '3600',
    'load_balancing.cross_zone.enabled': 'true',
    'zonal_shift.config.enabled': 'false',
  },
  network: {
    'access_logs.s3.enabled': 'false',
    'access_logs.s3.bucket': '',
    'access_logs.s3.prefix': '',
    'deletion_protection.enabled': 'false',
    'load_balancing.cross_zone.enabled': 'false',
    'dns_record.client_routing_policy': 'any_availability_zone',
    'zonal_shift.config.enabled': 'false',
  },
  gateway: {
    'deletion_protection.enabled': 'false',
    'load_balancing.cross_zone.enabled': 'false',
  },
};

const NAME_PATTERN = /^[A-Za-z0-9-]+$/;

function validateName(name: string): void {
  if (name.length === 0) throw validationError('A load balancer name must be specified');
  if (name.length > 32)
    throw validationError(`The load balancer name '${name}' cannot be longer than '32' characters`);
  if (!NAME_PATTERN.test(name)) {
    throw validationError(
      `The load balancer name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`,
    );
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    throw validationError(`The load balancer name '${name}' cannot begin or end with '-'`);
  }
  if (name.startsWith('internal-')) {
    throw validationError(`The load balancer name '${name}' cannot begin with 'internal-'`);
  }
}

/** Subnets (or subnet mappings) that exist, in one VPC, one per Availability Zone. */
function resolveSubnets(
  world: World,
  input: CreateLoadBalancerCommandInput,
  type: string,
): { vpcId: string; subnets: { subnetId: string; zoneName: string }[] } {
  if (input.Subnets !== undefined && input.SubnetMappings !== undefined) {
    throw validationError('You can specify subnets or subnet mappings, not both');
  }
  const ids = input.Subnets ?? (input.SubnetMappings ?? []).map((m) => m.SubnetId ?? '');
  if (ids.length === 0) throw validationError('At least one subnet must be specified');
  const subnets: { subnetId: string; zoneName: string }[] = [];
  const vpcs = new Set<string>();
  for (const subnetId of ids) {
    const subnet = world.internal.ec2.subnet(subnetId);
    if (subnet === undefined)
      throw awsError(SubnetNotFoundException, `The subnet ID '${subnetId}' is not valid`, 400);
    if (subnets.some((s) => s.zoneName === subnet.availabilityZone)) {
      throw awsError(
        InvalidConfigurationRequestException,
        'A load balancer cannot be attached to multiple subnets in the same Availability Zone',
        400,
      );
    }
    vpcs.add(subnet.vpcId);
    subnets.push({ subnetId, zoneName: subnet.availabilityZone });
  }
  if (vpcs.size > 1)
    throw awsError(InvalidSubnetException, 'The specified subnets must belong to the same VPC', 400);
  if (type === 'application' && subnets.length < 2) {
    throw validationError('At least two subnets in two different Availability Zones must be specified');
  }
  return {
    vpcId: [...vpcs][0] as string,
    subnets: subnets.sort((a, b) => (a.subnetId < b.subnetId ? -1 : 1)),
  };
}

function resolveSecurityGroups(
  world: World,
  groupIds: readonly string[] | undefined,
  type: string,
  vpcId: string,
): string[] {
  const groups = [...new Set(groupIds ?? [])].sort();
  if (type === 'gateway' && groups.length > 0) {
    throw validationError("Security groups are not supported for load balancers with type 'gateway'");
  }
  for (const groupId of groups) {
    const group = world.internal.ec2.securityGroup(groupId);
    if (group === undefined)
      throw awsError(InvalidSecurityGroupException, `Security group '${groupId}' does not exist`, 400);
    if (group.vpcId !== vpcId) {
      throw awsError(
        InvalidSecurityGroupException,
        `Security group '${groupId}' does not belong to VPC '${vpcId}'`,
        400,
      );
    }
  }
  return groups;
}

/** What makes two CreateLoadBalancer calls "the same settings" (AWS then answers with the existing one). */
function settingsOf(
  lb: Pick<LoadBalancerRecord, 'type' | 'scheme' | 'ipAddressType' | 'subnets' | 'securityGroups'>,
): string {
  return canonicalJson({
    type: lb.type,
    scheme: lb.scheme,
    ipAddressType: lb.ipAddressType,
    subnets: lb.subnets.map((s) => s.subnetId),
    securityGroups: lb.securityGroups,
  });
}

export function describeLoadBalancer(world: World, lb: LoadBalancerRecord): LoadBalancer {
  const zones =
    HOSTED_ZONES[world.region] ?? (HOSTED_ZONES['us-east-1'] as { application: string; network: string });
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.type === 'application' ? zones.application : zones.network,
    CreatedTime: new Date(lb.createdAt),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: lb.state },
    Type: lb.type,
    AvailabilityZones: lb.subnets.map((s) => ({
      ZoneName: s.zoneName,
      SubnetId: s.subnetId,
      LoadBalancerAddresses: [],
    })),
    ...(lb.type === 'gateway' ? {} : { SecurityGroups: [...lb.securityGroups] }),
    IpAddressType: lb.ipAddressType,
  };
}

export const loadBalancerOperations: Record<string, Operation> = {
  CreateLoadBalancer(input: CreateLoadBalancerCommandInput, world): Output<CreateLoadBalancerCommandOutput> {
    const name = input.Name ?? '';
    validateName(name);
    const type = input.Type ?? 'application';
    if (!TYPES.includes(type)) throw enumError(type, 'type', TYPES);
    const scheme = input.Scheme ?? 'internet-facing';
    if (!SCHEMES.includes(scheme)) throw enumError(scheme, 'scheme', SCHEMES);
    const ipAddressType = input.IpAddressType ?? 'ipv4';
    if (!IP_ADDRESS_TYPES.includes(ipAddressType))
      throw enumError(ipAddressType, 'ipAddressType', IP_ADDRESS_TYPES);
    const { vpcId, subnets } = resolveSubnets(world, input, type);
    const securityGroups = resolveSecurityGroups(world, input.SecurityGroups, type, vpcId);
    const tags = tagsFromInput(input.Tags);
    const wanted = {
      type: type as LoadBalancerTypeEnum,
      scheme: scheme as LoadBalancerSchemeEnum,
      ipAddressType,
      subnets,
      securityGroups,
    };

    // Names are unique per region and account; the name is taken even while the first is not yet visible.
    const existing = Object.values(world.state.elbv2.loadBalancers).find((lb) => lb.name === name);
    if (existing !== undefined) {
      if (settingsOf(existing) !== settingsOf(wanted)) {
        throw awsError(
          DuplicateLoadBalancerNameException,
          'A load balancer with the specified name already exists.',
          400,
        );
      }
      return { LoadBalancers: [describeLoadBalancer(world, existing)] };
    }

    const code = TYPE_CODE[type] as string;
    const id = world.newId('', `loadbalancer/${code}/${name}`, 16);
    const host = `${scheme === 'internal' ? 'internal-' : ''}${name}-${id}`;
    const record: LoadBalancerRecord = {
      arn: `arn:aws:elasticloadbalancing:${world.region}:${world.accountId}:loadbalancer/${code}/${name}/${id}`,
      name,
      ...wanted,
      vpcId,
      ...(type === 'network' && securityGroups.length === 0
        ? { createdWithoutSecurityGroups: true as const }
        : {}),
      dnsName:
        type === 'network'
          ? `${host}.elb.${world.region}.amazonaws.com`
          : `${host}.${world.region}.elb.amazonaws.com`,
      state: 'provisioning',
      attributes: { ...DEFAULT_ATTRIBUTES[type] },
      tags,
      createdAt: world.now(),
    };
    world.state.elbv2.loadBalancers[record.arn] = record;
    world.schedule(world.delays.loadBalancerProvisioningMs, 'elbv2.loadBalancerActive', { arn: record.arn });
    return { LoadBalancers: [describeLoadBalancer(world, record)] };
  },

  DescribeLoadBalancers(
    input: DescribeLoadBalancersCommandInput,
    world,
  ): Output<DescribeLoadBalancersCommandOutput> {
    if (input.LoadBalancerArns !== undefined && input.Names !== undefined) {
      throw validationError(
        'Load balancer names and load balancer ARNs cannot be specified at the same time',
      );
    }
    const visible = Object.values(world.state.elbv2.loadBalancers).filter((lb) =>
      world.visible(lb.createdAt),
    );
    let selected = sortedByName(visible);
    if (input.LoadBalancerArns !== undefined) {
      const arns = new Set(input.LoadBalancerArns);
      selected = selected.filter((lb) => arns.has(lb.arn));
      if (selected.length < arns.size) throw loadBalancerNotFound();
    }
    if (input.Names !== undefined) {
      const names = [...new Set(input.Names)];
      const missing = names.filter((n) => !selected.some((lb) => lb.name === n));
      if (missing.length > 0)
        throw loadBalancerNotFound(`Load balancers '[${missing.join(', ')}]' not found`);
      selected = selected.filter((lb) => names.includes(lb.name));
    }
    const { items, nextMarker } = page(selected, input.Marker, input.PageSize);
    return {
      LoadBalancers: items.map((lb) => describeLoadBalancer(world, lb)),
      ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }),
    };
  },

  DeleteLoadBalancer(input: DeleteLoadBalancerCommandInput, world): object {
    if (input.LoadBalancerArn === undefined) throw validationError('A load balancer ARN must be specified');
    // AWS answers a delete of a load balancer that does not exist (any more) with success.
    const lb = visibleLoadBalancer(world, input.LoadBalancerArn);
    if (lb === undefined) return {};
    if (lb.attributes['deletion_protection.enabled'] === 'true') {
      throw awsError(
        OperationNotPermittedException,
        `Load balancer '${lb.arn}' cannot be deleted because deletion protection is enabled`,
        400,
      );
    }
    for (const listener of listenersOf(world, lb.arn)) deleteListenerRecord(world, listener.arn);
    delete world.state.elbv2.loadBalancers[lb.arn];
    return {};
  },

  /**
   * Replaces the security groups. A network load balancer made without any can never get any;
   * a gateway load balancer takes none.
   */
  SetSecurityGroups(input: SetSecurityGroupsCommandInput, world): Output<SetSecurityGroupsCommandOutput> {
    if (input.SecurityGroups === undefined) throw validationError('Security groups must be specified');
    const enforce = input.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic;
    if (enforce !== undefined && enforce !== 'on' && enforce !== 'off') {
      throw enumError(enforce, 'enforceSecurityGroupInboundRulesOnPrivateLinkTraffic', ['on', 'off']);
    }
    const lb = requireLoadBalancer(world, input.LoadBalancerArn);
    if (lb.type === 'gateway') {
      throw awsError(
        InvalidConfigurationRequestException,
        "Security groups are not supported for load balancers with type 'gateway'",
        400,
      );
    }
    if (lb.createdWithoutSecurityGroups === true && input.SecurityGroups.length > 0) {
      throw awsError(
        InvalidConfigurationRequestException,
        'You cannot set security groups on a Network Load Balancer which was created without any security groups.',
        400,
      );
    }
    lb.securityGroups = resolveSecurityGroups(world, input.SecurityGroups, lb.type, lb.vpcId);
    return {
      SecurityGroupIds: [...lb.securityGroups],
      ...(lb.type === 'network'
        ? { EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: enforce ?? 'on' }
        : {}),
    };
  },

  DescribeLoadBalancerAttributes(
    input: DescribeLoadBalancerAttributesCommandInput,
    world,
  ): Output<DescribeLoadBalancerAttributesCommandOutput> {
    return { Attributes: tagList(requireLoadBalancer(world, input.LoadBalancerArn).attributes) };
  },

  ModifyLoadBalancerAttributes(
    input: ModifyLoadBalancerAttributesCommandInput,
    world,
  ): Output<ModifyLoadBalancerAttributesCommandOutput> {
    const lb = requireLoadBalancer(world, input.LoadBalancerArn);
    const changes = input.Attributes ?? [];
    if (changes.length === 0) throw validationError('Attributes must be specified');
    for (const { Key, Value } of changes) {
      if (Key === undefined || !(Key in lb.attributes)) {
        throw validationError(`Load balancer attribute key '${Key}' is not recognized`);
      }
      if (Key.endsWith('.enabled') && Value !== 'true' && Value !== 'false') {
        throw validationError(
          `Load balancer attribute value '${Value}' is not valid for attribute key '${Key}'`,
        );
      }
    }
    for (const { Key, Value } of changes) lb.attributes[Key as string] = Value ?? '';
    return { Attributes: tagList(lb.attributes) };
  },
};

/** The end of provisioning: AWS's load balancer becomes `active` (unless it was deleted meanwhile). */
export function activateLoadBalancer(world: World, data: Readonly<Record<string, unknown>>): void {
  const lb = world.state.elbv2.loadBalancers[String(data.arn)];
  if (lb !== undefined) lb.state = 'active';
}
