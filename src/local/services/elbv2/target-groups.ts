/**
 * Target groups: create (idempotent for the same settings), describe, modify health checks,
 * delete (refused while a listener forwards to it), attributes.
 */
import {
  type CreateTargetGroupCommandInput,
  type CreateTargetGroupCommandOutput,
  type DeleteTargetGroupCommandInput,
  type DescribeTargetGroupAttributesCommandInput,
  type DescribeTargetGroupAttributesCommandOutput,
  type DescribeTargetGroupsCommandInput,
  type DescribeTargetGroupsCommandOutput,
  DuplicateTargetGroupNameException,
  InvalidConfigurationRequestException,
  type ModifyTargetGroupAttributesCommandInput,
  type ModifyTargetGroupAttributesCommandOutput,
  type ModifyTargetGroupCommandInput,
  type ModifyTargetGroupCommandOutput,
  type ProtocolEnum,
  ResourceInUseException,
  type TargetGroup,
  type TargetTypeEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../aws-error.js';
import { canonicalJson } from '../../idempotency.js';
import type { Operation, Output, World } from '../../world.js';
import { enumError, inRange, targetGroupNotFound, validationError } from './errors.js';
import {
  loadBalancersUsing,
  page,
  requireLoadBalancer,
  requireTargetGroup,
  sortedByName,
  tagList,
  visibleTargetGroup,
} from './lookup.js';
import type { HealthCheckSettings, TargetGroupRecord } from './state.js';
import { tagsFromInput } from './tags.js';

export const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE'];
const TARGET_TYPES = ['instance', 'ip', 'lambda', 'alb'];
const HEALTH_CHECK_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP'];
const HTTP_PROTOCOLS = ['HTTP', 'HTTPS'];

function validateName(name: string): void {
  if (name.length === 0) throw validationError('A target group name must be specified');
  if (name.length > 32)
    throw validationError(`Target group name '${name}' cannot be longer than '32' characters`);
  if (!/^[A-Za-z0-9-]+$/.test(name)) {
    throw validationError(
      `Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`,
    );
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    throw validationError(`Target group name '${name}' cannot begin or end with '-'`);
  }
}

/** The health check fields of CreateTargetGroup and ModifyTargetGroup. */
type HealthCheckInput = Pick<
  CreateTargetGroupCommandInput,
  | 'HealthCheckProtocol'
  | 'HealthCheckPort'
  | 'HealthCheckEnabled'
  | 'HealthCheckPath'
  | 'HealthCheckIntervalSeconds'
  | 'HealthCheckTimeoutSeconds'
  | 'HealthyThresholdCount'
  | 'UnhealthyThresholdCount'
  | 'Matcher'
>;

/** AWS's defaults for a target group of this protocol and target type. */
function defaultHealthCheck(protocol: string | undefined, targetType: string): HealthCheckSettings {
  if (targetType === 'lambda') {
    return {
      enabled: false,
      protocol: 'HTTP',
      port: 'traffic-port',
      path: '/',
      intervalSeconds: 35,
      timeoutSeconds: 30,
      healthyThresholdCount: 5,
      unhealthyThresholdCount: 2,
      matcher: { HttpCode: '200' },
    };
  }
  if (protocol !== undefined && HTTP_PROTOCOLS.includes(protocol)) {
    return {
      enabled: true,
      protocol: protocol as ProtocolEnum,
      port: 'traffic-port',
      path: '/',
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThresholdCount: 5,
      unhealthyThresholdCount: 2,
      matcher: { HttpCode: '200' },
    };
  }
  return {
    enabled: true,
    protocol: 'TCP',
    port: protocol === 'GENEVE' ? '80' : 'traffic-port',
    intervalSeconds: protocol === 'GENEVE' ? 10 : 30,
    timeoutSeconds: protocol === 'GENEVE' ? 5 : 10,
    healthyThresholdCount: 5,
    unhealthyThresholdCount: 2,
  };
}

/** The health check after applying `input` to `base`; throws on any invalid setting. */
function healthCheckFrom(
  base: HealthCheckSettings,
  input: HealthCheckInput,
  protocol: string | undefined,
): HealthCheckSettings {
  const hcProtocol = input.HealthCheckProtocol ?? base.protocol;
  if (!HEALTH_CHECK_PROTOCOLS.includes(hcProtocol))
    throw enumError(hcProtocol, 'healthCheckProtocol', HEALTH_CHECK_PROTOCOLS);
  if (protocol !== undefined && HTTP_PROTOCOLS.includes(protocol) && hcProtocol === 'TCP') {
    throw validationError(
      `Health check protocol '${hcProtocol}' is not supported for target groups with the ${protocol} protocol`,
    );
  }
  const port = input.HealthCheckPort ?? base.port;
  if (port !== 'traffic-port') inRange(Number(port), 'healthCheckPort', 1, 65535);
  inRange(input.HealthCheckIntervalSeconds, 'healthCheckIntervalSeconds', 5, 300);
  inRange(input.HealthCheckTimeoutSeconds, 'healthCheckTimeoutSeconds', 2, 120);
  inRange(input.HealthyThresholdCount, 'healthyThresholdCount', 2, 10);
  inRange(input.UnhealthyThresholdCount, 'unhealthyThresholdCount', 2, 10);
  const httpCheck = HTTP_PROTOCOLS.includes(hcProtocol);
  if (!httpCheck && (input.HealthCheckPath !== undefined || input.Matcher?.HttpCode !== undefined)) {
    throw validationError(
      `Health check path and matcher are not supported for health checks with the ${hcProtocol} protocol`,
    );
  }
  const path = input.HealthCheckPath ?? base.path ?? (httpCheck ? '/' : undefined);
  if (path !== undefined && !path.startsWith('/'))
    throw validationError(`Health check path '${path}' must begin with '/'`);
  const settings: HealthCheckSettings = {
    enabled: input.HealthCheckEnabled ?? base.enabled,
    protocol: hcProtocol as ProtocolEnum,
    port,
    intervalSeconds: input.HealthCheckIntervalSeconds ?? base.intervalSeconds,
    timeoutSeconds: input.HealthCheckTimeoutSeconds ?? base.timeoutSeconds,
    healthyThresholdCount: input.HealthyThresholdCount ?? base.healthyThresholdCount,
    unhealthyThresholdCount: input.UnhealthyThresholdCount ?? base.unhealthyThresholdCount,
    ...(httpCheck
      ? {
          path,
          matcher: input.Matcher ??
            base.matcher ?? {
              HttpCode: protocol !== undefined && HTTP_PROTOCOLS.includes(protocol) ? '200' : '200-399',
            },
        }
      : {}),
  };
  if (settings.timeoutSeconds >= settings.intervalSeconds) {
    throw validationError(
      `Health check timeout '${settings.timeoutSeconds}' must be smaller than the interval '${settings.intervalSeconds}'`,
    );
  }
  return settings;
}

function defaultAttributes(protocol: string | undefined, targetType: string): Record<string, string> {
  const common = {
    'deregistration_delay.timeout_seconds': '300',
    'stickiness.enabled': 'false',
    'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  };
  if (targetType === 'lambda') return { 'lambda.multi_value_headers.enabled': 'false' };
  if (protocol !== undefined && HTTP_PROTOCOLS.includes(protocol)) {
    return {
      ...common,
      'stickiness.type': 'lb_cookie',
      'stickiness.lb_cookie.duration_seconds': '86400',
      'stickiness.app_cookie.cookie_name': '',
      'stickiness.app_cookie.duration_seconds': '86400',
      'load_balancing.algorithm.type': 'round_robin',
      'load_balancing.algorithm.anomaly_mitigation': 'off',
      'slow_start.duration_seconds': '0',
    };
  }
  return {
    ...common,
    'stickiness.type': 'source_ip',
    'deregistration_delay.connection_termination.enabled': 'false',
    'preserve_client_ip.enabled': targetType === 'instance' || protocol === 'UDP' ? 'true' : 'false',
    'proxy_protocol_v2.enabled': 'false',
    'target_health_state.unhealthy.connection_termination.enabled': 'true',
  };
}

export function describeTargetGroup(world: World, tg: TargetGroupRecord): TargetGroup {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    ...(tg.protocol === undefined ? {} : { Protocol: tg.protocol }),
    ...(tg.port === undefined ? {} : { Port: tg.port }),
    ...(tg.vpcId === undefined ? {} : { VpcId: tg.vpcId }),
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThresholdCount,
    UnhealthyThresholdCount: hc.unhealthyThresholdCount,
    ...(hc.path === undefined ? {} : { HealthCheckPath: hc.path }),
    ...(hc.matcher === undefined ? {} : { Matcher: { ...hc.matcher } }),
    LoadBalancerArns: loadBalancersUsing(world, tg.arn),
    TargetType: tg.targetType,
    ...(tg.protocol !== undefined && HTTP_PROTOCOLS.includes(tg.protocol)
      ? { ProtocolVersion: 'HTTP1' }
      : {}),
    ...(tg.ipAddressType === undefined
      ? {}
      : { IpAddressType: tg.ipAddressType as TargetGroup['IpAddressType'] }),
  };
}

function settingsOf(
  tg: Pick<TargetGroupRecord, 'targetType' | 'protocol' | 'port' | 'vpcId' | 'healthCheck' | 'ipAddressType'>,
): string {
  return canonicalJson({
    targetType: tg.targetType,
    protocol: tg.protocol,
    port: tg.port,
    vpcId: tg.vpcId,
    healthCheck: tg.healthCheck,
    ipAddressType: tg.ipAddressType,
  });
}

export const targetGroupOperations: Record<string, Operation> = {
  CreateTargetGroup(input: CreateTargetGroupCommandInput, world): Output<CreateTargetGroupCommandOutput> {
    const name = input.Name ?? '';
    validateName(name);
    const targetType = input.TargetType ?? 'instance';
    if (!TARGET_TYPES.includes(targetType)) throw enumError(targetType, 'targetType', TARGET_TYPES);
    if (input.Protocol !== undefined && !PROTOCOLS.includes(input.Protocol))
      throw enumError(input.Protocol, 'protocol', PROTOCOLS);
    inRange(input.Port, 'port', 1, 65535);
    if (targetType === 'lambda') {
      for (const [field, value] of [
        ['Protocol', input.Protocol],
        ['Port', input.Port],
        ['VPC ID', input.VpcId],
      ] as const) {
        if (value !== undefined)
          throw validationError(`${field} cannot be specified for target groups with target type 'lambda'`);
      }
    } else {
      if (input.Protocol === undefined) throw validationError('A protocol must be specified');
      if (input.Port === undefined) throw validationError('A port must be specified');
      if (input.VpcId === undefined) throw validationError('A VPC ID must be specified');
      if (world.internal.ec2.vpc(input.VpcId) === undefined)
        throw validationError(`The VPC ID '${input.VpcId}' is not found`);
    }
    if (targetType === 'alb' && input.Protocol !== 'TCP' && input.Protocol !== 'TLS') {
      throw validationError("Target groups with target type 'alb' support only the TCP and TLS protocols");
    }
    const healthCheck = healthCheckFrom(
      defaultHealthCheck(input.Protocol, targetType),
      input,
      input.Protocol,
    );
    const tags = tagsFromInput(input.Tags);
    const wanted = {
      targetType: targetType as TargetTypeEnum,
      ...(input.Protocol === undefined ? {} : { protocol: input.Protocol }),
      ...(input.Port === undefined ? {} : { port: input.Port }),
      ...(input.VpcId === undefined ? {} : { vpcId: input.VpcId }),
      ...(targetType === 'lambda' ? {} : { ipAddressType: input.IpAddressType ?? 'ipv4' }),
      healthCheck,
    };

    // The name is taken even while the first target group is not yet visible to reads.
    const existing = Object.values(world.state.elbv2.targetGroups).find((tg) => tg.name === name);
    if (existing !== undefined) {
      if (settingsOf(existing) !== settingsOf(wanted)) {
        throw awsError(
          DuplicateTargetGroupNameException,
          'A target group with the specified name already exists.',
          400,
        );
      }
      return { TargetGroups: [describeTargetGroup(world, existing)] };
    }
    const id = world.newId('', `targetgroup/${name}`, 16);
    const record: TargetGroupRecord = {
      arn: `arn:aws:elasticloadbalancing:${world.region}:${world.accountId}:targetgroup/${name}/${id}`,
      name,
      ...wanted,
      attributes: defaultAttributes(input.Protocol, targetType),
      targets: {},
      tags,
      createdAt: world.now(),
    };
    world.state.elbv2.targetGroups[record.arn] = record;
    return { TargetGroups: [describeTargetGroup(world, record)] };
  },

  DescribeTargetGroups(
    input: DescribeTargetGroupsCommandInput,
    world,
  ): Output<DescribeTargetGroupsCommandOutput> {
    const filters = [input.LoadBalancerArn, input.TargetGroupArns, input.Names].filter(
      (f) => f !== undefined,
    );
    if (filters.length > 1) {
      throw validationError(
        'Target group names, target group ARNs, and a load balancer ARN cannot be specified at the same time',
      );
    }
    let selected = sortedByName(
      Object.values(world.state.elbv2.targetGroups).filter((tg) => world.visible(tg.createdAt)),
    );
    if (input.LoadBalancerArn !== undefined) {
      const lb = requireLoadBalancer(world, input.LoadBalancerArn);
      selected = selected.filter((tg) => loadBalancersUsing(world, tg.arn).includes(lb.arn));
    }
    if (input.TargetGroupArns !== undefined) {
      const arns = new Set(input.TargetGroupArns);
      selected = selected.filter((tg) => arns.has(tg.arn));
      if (selected.length < arns.size) throw targetGroupNotFound();
    }
    if (input.Names !== undefined) {
      const names = [...new Set(input.Names)];
      const missing = names.filter((n) => !selected.some((tg) => tg.name === n));
      if (missing.length > 0) throw targetGroupNotFound(`Target groups '[${missing.join(', ')}]' not found`);
      selected = selected.filter((tg) => names.includes(tg.name));
    }
    const { items, nextMarker } = page(selected, input.Marker, input.PageSize);
    return {
      TargetGroups: items.map((tg) => describeTargetGroup(world, tg)),
      ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }),
    };
  },

  ModifyTargetGroup(input: ModifyTargetGroupCommandInput, world): Output<ModifyTargetGroupCommandOutput> {
    const tg = requireTargetGroup(world, input.TargetGroupArn);
    tg.healthCheck = healthCheckFrom(tg.healthCheck, input, tg.protocol);
    return { TargetGroups: [describeTargetGroup(world, tg)] };
  },

  DeleteTargetGroup(input: DeleteTargetGroupCommandInput, world): object {
    if (input.TargetGroupArn === undefined) throw validationError('A target group ARN must be specified');
    // Like DeleteLoadBalancer, deleting a target group that is not there succeeds.
    const tg = visibleTargetGroup(world, input.TargetGroupArn);
    if (tg === undefined) return {};
    if (loadBalancersUsing(world, tg.arn).length > 0) {
      throw awsError(
        ResourceInUseException,
        `Target group '${tg.arn}' is currently in use by a listener or a rule`,
        400,
      );
    }
    delete world.state.elbv2.targetGroups[tg.arn];
    return {};
  },

  DescribeTargetGroupAttributes(
    input: DescribeTargetGroupAttributesCommandInput,
    world,
  ): Output<DescribeTargetGroupAttributesCommandOutput> {
    return { Attributes: tagList(requireTargetGroup(world, input.TargetGroupArn).attributes) };
  },

  ModifyTargetGroupAttributes(
    input: ModifyTargetGroupAttributesCommandInput,
    world,
  ): Output<ModifyTargetGroupAttributesCommandOutput> {
    const tg = requireTargetGroup(world, input.TargetGroupArn);
    const changes = input.Attributes ?? [];
    if (changes.length === 0) throw validationError('Attributes must be specified');
    for (const { Key, Value } of changes) {
      if (Key === undefined || !(Key in tg.attributes))
        throw validationError(`Target group attribute key '${Key}' is not recognized`);
      if (Key === 'deregistration_delay.timeout_seconds') {
        const seconds = Number(Value);
        if (!(Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600)) {
          throw validationError(
            `'deregistration_delay.timeout_seconds' value '${Value}' must be between '0-3600' inclusive`,
          );
        }
      }
      if (Key === 'stickiness.type' && tg.attributes[Key] === 'source_ip' && Value !== 'source_ip') {
        throw awsError(
          InvalidConfigurationRequestException,
          `Stickiness type '${Value}' is not supported for target groups with the ${tg.protocol} protocol`,
          400,
        );
      }
    }
    for (const { Key, Value } of changes) tg.attributes[Key as string] = Value ?? '';
    return { Attributes: tagList(tg.attributes) };
  },
};
