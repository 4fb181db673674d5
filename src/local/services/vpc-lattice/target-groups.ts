/**
 * Target groups: create (name unique in the account, AWS's defaults filled in), get, update (the
 * health check), delete (refused while a listener or rule forwards to it, or targets are
 * registered), list.
 */
import type {
  CreateTargetGroupCommandInput,
  CreateTargetGroupCommandOutput,
  DeleteTargetGroupCommandInput,
  DeleteTargetGroupCommandOutput,
  GetTargetGroupCommandInput,
  GetTargetGroupCommandOutput,
  HealthCheckConfig,
  ListTargetGroupsCommandInput,
  ListTargetGroupsCommandOutput,
  TargetGroupConfig,
  UpdateTargetGroupCommandInput,
  UpdateTargetGroupCommandOutput,
} from '@aws-sdk/client-vpc-lattice';
import type { Operation, Output, World } from '../../world.js';
import { conflict, invalidRequest, nameTaken, notFound } from './errors.js';
import { namePattern, oneOf, range, required, requiredText, text, VPC_ID } from './field-checks.js';
import { latticeArn, listed, page, targetGroupById } from './lookup.js';
import type { TargetGroupRecord } from './state.js';
import { checkTags } from './tags.js';
import { createOnce } from './tokens.js';
import { servicesUsing } from './usage.js';

const TYPES = ['IP', 'LAMBDA', 'INSTANCE', 'ALB'] as const;
const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP'] as const;
const PROTOCOL_VERSIONS = ['HTTP1', 'HTTP2', 'GRPC'] as const;
const HEALTH_CHECK_PATH = '.*(^/[a-zA-Z0-9@:%_+.~#?&/=-]*$|(^$)).*';
const HTTP_CODES = '.*(^[0-9-,]+$|(^$)).*';

/**
 * The health check after `given` is applied to `base`: the model's limits, then the ranges the
 * documentation gives (interval 5-300 s, timeout 1-120 s, thresholds 2-10) [U: the error's wording].
 */
function healthCheck(base: HealthCheckConfig, given: HealthCheckConfig | undefined): HealthCheckConfig {
  const hc = given ?? {};
  oneOf('healthCheck.protocol', hc.protocol, PROTOCOLS);
  oneOf('healthCheck.protocolVersion', hc.protocolVersion, ['HTTP1', 'HTTP2']);
  range('healthCheck.port', hc.port, 0, 65535);
  text('healthCheck.path', hc.path, 0, 2048, HEALTH_CHECK_PATH);
  range('healthCheck.healthCheckIntervalSeconds', hc.healthCheckIntervalSeconds, 5, 300);
  range('healthCheck.healthCheckTimeoutSeconds', hc.healthCheckTimeoutSeconds, 1, 120);
  range('healthCheck.healthyThresholdCount', hc.healthyThresholdCount, 2, 10);
  range('healthCheck.unhealthyThresholdCount', hc.unhealthyThresholdCount, 2, 10);
  text('healthCheck.matcher.httpCode', hc.matcher?.httpCode, 0, 2000, HTTP_CODES);
  const merged: HealthCheckConfig = {
    ...base,
    ...hc,
    ...(hc.matcher === undefined ? {} : { matcher: { ...hc.matcher } }),
  };
  if ((merged.healthCheckTimeoutSeconds ?? 0) >= (merged.healthCheckIntervalSeconds ?? 0))
    throw invalidRequest('The health check timeout must be smaller than the health check interval.');
  return merged;
}

/** AWS's documented defaults (HealthCheckConfig member docs): HTTP, HTTP1, `/`, 30 s, 5 s, 5, 2, 200. */
function defaultHealthCheck(protocol: string): HealthCheckConfig {
  return {
    enabled: true,
    protocol: protocol === 'HTTPS' ? 'HTTPS' : 'HTTP',
    protocolVersion: 'HTTP1',
    path: '/',
    healthCheckIntervalSeconds: 30,
    healthCheckTimeoutSeconds: 5,
    healthyThresholdCount: 5,
    unhealthyThresholdCount: 2,
    matcher: { httpCode: '200' },
  };
}

/** The configuration as AWS keeps it: defaults filled in ("For HTTP, the default is 80. For HTTPS, 443"). */
function configFrom(
  world: World,
  type: string,
  given: TargetGroupConfig | undefined,
): TargetGroupRecord['config'] {
  if (type === 'LAMBDA') {
    const { lambdaEventStructureVersion, ...rest } = given ?? {};
    const unsupported = Object.keys(rest).filter((k) => (rest as Record<string, unknown>)[k] !== undefined);
    if (unsupported.length > 0)
      throw invalidRequest(`${unsupported.join(', ')} not supported for target groups of type LAMBDA.`);
    oneOf('config.lambdaEventStructureVersion', lambdaEventStructureVersion, ['V1', 'V2']);
    return { lambdaEventStructureVersion: lambdaEventStructureVersion ?? 'V1' };
  }
  const config = required('config', given);
  const protocol = required('config.protocol', config.protocol);
  oneOf('config.protocol', protocol, PROTOCOLS);
  oneOf('config.protocolVersion', config.protocolVersion, PROTOCOL_VERSIONS);
  oneOf('config.ipAddressType', config.ipAddressType, ['IPV4', 'IPV6']);
  range('config.port', config.port, 1, 65535);
  const vpcId = requiredText('config.vpcIdentifier', config.vpcIdentifier, 5, 50, VPC_ID);
  if (config.lambdaEventStructureVersion !== undefined)
    throw invalidRequest(`lambdaEventStructureVersion is supported for target groups of type LAMBDA only.`);
  if (config.ipAddressType !== undefined && type !== 'IP')
    throw invalidRequest('ipAddressType is supported for target groups of type IP only.');
  if (protocol === 'TCP' && config.protocolVersion !== undefined)
    throw invalidRequest('protocolVersion is not supported for target groups with the TCP protocol.');
  if (world.internal.ec2.vpc(vpcId) === undefined) throw notFound('TARGET_GROUP', vpcId);
  const port = config.port ?? (protocol === 'HTTP' ? 80 : protocol === 'HTTPS' ? 443 : undefined);
  if (port === undefined)
    throw invalidRequest('config.port is required for target groups with the TCP protocol.');
  return {
    port,
    protocol,
    ...(protocol === 'TCP' ? {} : { protocolVersion: config.protocolVersion ?? 'HTTP1' }),
    ...(type === 'IP' ? { ipAddressType: config.ipAddressType ?? 'IPV4' } : {}),
    vpcIdentifier: vpcId,
    ...(type === 'ALB' ? {} : { healthCheck: healthCheck(defaultHealthCheck(protocol), config.healthCheck) }),
  };
}

function describe(tg: TargetGroupRecord) {
  return {
    id: tg.id,
    arn: tg.arn,
    name: tg.name,
    type: tg.type,
    config: structuredClone(tg.config),
    status: 'ACTIVE' as const,
  };
}

const serviceArns = (world: World, tg: TargetGroupRecord) =>
  servicesUsing(world, tg.id).map(
    (id) => world.state.vpcLattice.services[id]?.arn ?? latticeArn(world, `service/${id}`),
  );

export const targetGroupOperations: Record<string, Operation> = {
  CreateTargetGroup(input: CreateTargetGroupCommandInput, world): Output<CreateTargetGroupCommandOutput> {
    const s = world.state.vpcLattice;
    const tg = createOnce(
      world,
      'CreateTargetGroup',
      input,
      'TARGET_GROUP',
      (id) => s.targetGroups[id],
      () => {
        const name = requiredText('name', input.name, 3, 128, namePattern('tg-'));
        const type = required('type', input.type);
        oneOf('type', type, TYPES);
        const tags = checkTags(input.tags);
        const config = configFrom(world, type, input.config);
        if (Object.values(s.targetGroups).some((g) => g.name === name)) throw nameTaken('TARGET_GROUP', name);
        const id = world.newId('tg-', `targetgroup/${name}`);
        const record: TargetGroupRecord = {
          id,
          arn: latticeArn(world, `targetgroup/${id}`),
          name,
          type,
          config,
          targets: {},
          createdAt: world.now(),
          lastUpdatedAt: world.now(),
          tags,
        };
        s.targetGroups[id] = record;
        return record;
      },
    );
    return describe(tg);
  },

  GetTargetGroup(input: GetTargetGroupCommandInput, world): Output<GetTargetGroupCommandOutput> {
    const tg = targetGroupById(world, input.targetGroupIdentifier);
    return {
      ...describe(tg),
      createdAt: new Date(tg.createdAt),
      lastUpdatedAt: new Date(tg.lastUpdatedAt),
      serviceArns: serviceArns(world, tg),
    };
  },

  UpdateTargetGroup(input: UpdateTargetGroupCommandInput, world): Output<UpdateTargetGroupCommandOutput> {
    const tg = targetGroupById(world, input.targetGroupIdentifier);
    const given = required('healthCheck', input.healthCheck);
    if (tg.type === 'LAMBDA' || tg.type === 'ALB')
      throw invalidRequest(`Health checks are not supported for target groups of type ${tg.type}.`);
    tg.config = { ...tg.config, healthCheck: healthCheck(tg.config.healthCheck ?? {}, given) };
    tg.lastUpdatedAt = world.now();
    return describe(tg);
  },

  DeleteTargetGroup(input: DeleteTargetGroupCommandInput, world): Output<DeleteTargetGroupCommandOutput> {
    const tg = targetGroupById(world, input.targetGroupIdentifier);
    // "You can't delete a target group if it is used in a listener rule" (API reference).
    if (servicesUsing(world, tg.id).length > 0)
      throw conflict(`Target group ${tg.id} is in use by a listener or a rule.`, 'TARGET_GROUP', tg.id);
    // Not documented; refused here so that a teardown deregisters (or lets ECS deregister) first [U].
    if (Object.keys(tg.targets).length > 0)
      throw conflict(`Target group ${tg.id} has registered targets.`, 'TARGET_GROUP', tg.id);
    delete world.state.vpcLattice.targetGroups[tg.id];
    return { id: tg.id, arn: tg.arn, status: 'DELETE_IN_PROGRESS' };
  },

  ListTargetGroups(input: ListTargetGroupsCommandInput, world): Output<ListTargetGroupsCommandOutput> {
    text('vpcIdentifier', input.vpcIdentifier, 5, 50, VPC_ID);
    oneOf('targetGroupType', input.targetGroupType, TYPES);
    const items = listed(world, world.state.vpcLattice.targetGroups)
      .filter(
        (tg) =>
          (input.vpcIdentifier === undefined || tg.config.vpcIdentifier === input.vpcIdentifier) &&
          (input.targetGroupType === undefined || tg.type === input.targetGroupType),
      )
      .map((tg) => ({
        id: tg.id,
        arn: tg.arn,
        name: tg.name,
        type: tg.type,
        status: 'ACTIVE' as const,
        createdAt: new Date(tg.createdAt),
        lastUpdatedAt: new Date(tg.lastUpdatedAt),
        ...(tg.config.port === undefined ? {} : { port: tg.config.port }),
        ...(tg.config.protocol === undefined ? {} : { protocol: tg.config.protocol }),
        ...(tg.config.ipAddressType === undefined ? {} : { ipAddressType: tg.config.ipAddressType }),
        ...(tg.config.vpcIdentifier === undefined ? {} : { vpcIdentifier: tg.config.vpcIdentifier }),
        ...(tg.config.lambdaEventStructureVersion === undefined
          ? {}
          : { lambdaEventStructureVersion: tg.config.lambdaEventStructureVersion }),
        serviceArns: serviceArns(world, tg),
      }));
    return page(items, input.maxResults, input.nextToken);
  },
};
