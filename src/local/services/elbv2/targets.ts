/**
 * Targets of a target group: RegisterTargets, DeregisterTargets, DescribeTargetHealth, and the same
 * registration for ECS (through `internal`). In the local cloud every target passes its health
 * checks: a target is `healthy` as soon as a load balancer sends traffic to its group.
 */
import {
  type DeregisterTargetsCommandInput,
  type DescribeTargetHealthCommandInput,
  type DescribeTargetHealthCommandOutput,
  InvalidTargetException,
  type RegisterTargetsCommandInput,
  type TargetDescription,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../aws-error.js';
import { contains, parseCidr } from '../../cidr.js';
import type { Operation, Output, World } from '../../world.js';
import { inRange, validationError } from './errors.js';
import { loadBalancersUsing, requireTargetGroup, visibleLoadBalancer } from './lookup.js';
import type { LoadBalancerRecord, TargetGroupRecord, TargetRecord } from './state.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function invalidTarget(message: string): Error {
  return awsError(InvalidTargetException, message, 400);
}

export function targetKey(id: string, port: number): string {
  return `${id}:${port}`;
}

/** The target as it will be stored; throws when AWS would refuse it. */
function checkTarget(world: World, tg: TargetGroupRecord, target: TargetDescription): TargetRecord {
  const id = target.Id ?? '';
  if (id === '') throw validationError('A target ID must be specified');
  const port = target.Port ?? tg.port;
  if (tg.targetType !== 'lambda') {
    if (port === undefined) throw validationError('A port must be specified');
    inRange(port, 'targets.member.port', 1, 65535);
  }
  if (tg.targetType === 'ip') {
    if (!IPV4.test(id)) throw invalidTarget(`The IP address '${id}' is not a valid IPv4 address`);
    // EC2 only stores well-formed VPC blocks, and IPV4 has checked the address.
    const vpcCidr = parseCidr(world.internal.ec2.vpc(tg.vpcId ?? '')?.cidrBlock ?? '');
    const address = parseCidr(`${id}/32`);
    // Addresses outside the VPC (peered networks, on premises) must say AvailabilityZone 'all'.
    if (
      vpcCidr !== undefined &&
      address !== undefined &&
      !contains(vpcCidr, address) &&
      target.AvailabilityZone !== 'all'
    ) {
      throw invalidTarget(
        `The IP address '${id}' is not within the VPC '${tg.vpcId}'; specify the Availability Zone 'all' for addresses outside the VPC`,
      );
    }
  } else if (tg.targetType === 'instance') {
    // The local cloud runs no EC2 instances (ECS tasks use awsvpc, registered by IP).
    throw invalidTarget('The specified target does not exist or is not in the same VPC as the target group.');
  } else if (tg.targetType === 'alb') {
    const lb = visibleLoadBalancer(world, id);
    if (lb === undefined || lb.type !== 'application')
      throw invalidTarget(`The target '${id}' is not a valid Application Load Balancer`);
  }
  return {
    id,
    port: port ?? 0,
    ...(target.AvailabilityZone === undefined ? {} : { availabilityZone: target.AvailabilityZone }),
  };
}

function targetsOf(input: { Targets?: TargetDescription[] }): TargetDescription[] {
  const targets = input.Targets ?? [];
  if (targets.length === 0) throw validationError('Targets must be specified');
  return targets;
}

/** What DescribeTargetHealth says of a registered target (or of one that is not). */
function healthOf(
  tg: TargetGroupRecord,
  loadBalancers: readonly (LoadBalancerRecord | undefined)[],
  registered: boolean,
): TargetHealthDescription['TargetHealth'] {
  if (!registered) {
    return {
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group',
    };
  }
  if (loadBalancers.length === 0) {
    return {
      State: 'unused',
      Reason: 'Target.NotInUse',
      Description: 'Target group is not configured to receive traffic from the load balancer',
    };
  }
  if (!tg.healthCheck.enabled) {
    return {
      State: 'unavailable',
      Reason: 'Target.HealthCheckDisabled',
      Description: 'Health checks are disabled',
    };
  }
  if (loadBalancers.every((lb) => lb?.state === 'provisioning')) {
    return {
      State: 'initial',
      Reason: 'Elb.RegistrationInProgress',
      Description: 'Target registration is in progress',
    };
  }
  return { State: 'healthy' };
}

export const targetOperations: Record<string, Operation> = {
  RegisterTargets(input: RegisterTargetsCommandInput, world): object {
    const tg = requireTargetGroup(world, input.TargetGroupArn);
    const records = targetsOf(input).map((t) => checkTarget(world, tg, t));
    for (const record of records) tg.targets[targetKey(record.id, record.port)] = record;
    return {};
  },

  DeregisterTargets(input: DeregisterTargetsCommandInput, world): object {
    const tg = requireTargetGroup(world, input.TargetGroupArn);
    const keys = targetsOf(input).map((t) => targetKey(t.Id ?? '', t.Port ?? tg.port ?? 0));
    const missing = keys.filter((key) => tg.targets[key] === undefined);
    if (missing.length > 0) {
      throw invalidTarget(
        'The specified target does not exist or is not in the same VPC as the target group.',
      );
    }
    for (const key of keys) delete tg.targets[key];
    return {};
  },

  DescribeTargetHealth(
    input: DescribeTargetHealthCommandInput,
    world,
  ): Output<DescribeTargetHealthCommandOutput> {
    const tg = requireTargetGroup(world, input.TargetGroupArn);
    const loadBalancers = loadBalancersUsing(world, tg.arn).map(
      (arn) => world.state.elbv2.loadBalancers[arn],
    );
    const wanted =
      input.Targets === undefined
        ? Object.keys(tg.targets)
            .sort()
            .map((key) => tg.targets[key] as TargetRecord)
        : input.Targets.map((t) => ({
            id: t.Id ?? '',
            port: t.Port ?? tg.port ?? 0,
            ...(t.AvailabilityZone === undefined ? {} : { availabilityZone: t.AvailabilityZone }),
          }));
    return {
      TargetHealthDescriptions: wanted.map((target) => ({
        Target: {
          Id: target.id,
          ...(tg.targetType === 'lambda' ? {} : { Port: target.port }),
          ...(target.availabilityZone === undefined ? {} : { AvailabilityZone: target.availabilityZone }),
        },
        HealthCheckPort: tg.healthCheck.port === 'traffic-port' ? String(target.port) : tg.healthCheck.port,
        TargetHealth: healthOf(
          tg,
          loadBalancers,
          tg.targets[targetKey(target.id, target.port)] !== undefined,
        ),
      })),
    };
  },
};
