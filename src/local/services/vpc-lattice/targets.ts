/**
 * Targets of a target group: register, deregister, list with a status. A target is HEALTHY while a
 * listener or rule forwards to its group (the local cloud runs no health checks), UNUSED with
 * reason TargetGroupNotInUse otherwise (the code AWS reports, as Terraform's
 * aws_vpclattice_target_group_attachment sees it), UNAVAILABLE when health checks are off.
 * Deregistered targets go at once (AWS drains them first [U: for how long]).
 */

import { isIP } from 'node:net';
import type {
  DeregisterTargetsCommandInput,
  DeregisterTargetsCommandOutput,
  ListTargetsCommandInput,
  ListTargetsCommandOutput,
  RegisterTargetsCommandInput,
  RegisterTargetsCommandOutput,
  Target,
  TargetFailure,
  TargetSummary,
} from '@aws-sdk/client-vpc-lattice';
import type { Operation, Output, World } from '../../world.js';
import { count, range, required, requiredText } from './field-checks.js';
import { page, targetGroupById } from './lookup.js';
import type { TargetGroupRecord } from './state.js';
import { servicesUsing } from './usage.js';

export const targetKey = (id: string, port: number) => `${id}:${port}`;

function checkTargets(
  field: string,
  targets: readonly Target[] | undefined,
  min: number,
  max: number,
): Target[] {
  const list = required(field, targets);
  count(field, list, min, max);
  list.forEach((t, i) => {
    requiredText(`${field}.${i + 1}.member.id`, t.id, 1, 200);
    range(`${field}.${i + 1}.member.port`, t.port, 1, 65535);
  });
  return [...list];
}

/** Why a target can't join this group, if it can't [U: AWS's failure codes]. */
function unfit(tg: TargetGroupRecord, target: Target): string | undefined {
  if (tg.type !== 'IP') return undefined;
  const family = isIP(target.id ?? '');
  if (family === 0) return 'The target id is not an IP address.';
  if ((tg.config.ipAddressType === 'IPV6') !== (family === 6))
    return `The target's address family does not match the target group's (${tg.config.ipAddressType}).`;
  return undefined;
}

export function targetStatus(
  world: World,
  tg: TargetGroupRecord,
): Pick<TargetSummary, 'status' | 'reasonCode'> {
  if (servicesUsing(world, tg.id).length === 0)
    return { status: 'UNUSED', reasonCode: 'TargetGroupNotInUse' };
  if (tg.config.healthCheck?.enabled === false)
    return { status: 'UNAVAILABLE', reasonCode: 'HealthCheckDisabled' };
  return { status: 'HEALTHY' };
}

export const targetOperations: Record<string, Operation> = {
  RegisterTargets(input: RegisterTargetsCommandInput, world): Output<RegisterTargetsCommandOutput> {
    const tg = targetGroupById(world, input.targetGroupIdentifier);
    const targets = checkTargets('targets', input.targets, 1, 100);
    const successful: Target[] = [];
    const unsuccessful: TargetFailure[] = [];
    for (const target of targets) {
      const port = target.port ?? tg.config.port;
      const reason = unfit(tg, target);
      if (reason !== undefined || port === undefined) {
        unsuccessful.push({
          id: target.id,
          ...(port === undefined ? {} : { port }),
          failureCode: 'InvalidTarget',
          failureMessage: reason ?? 'A port is required.',
        });
        continue;
      }
      tg.targets[targetKey(target.id as string, port)] = { id: target.id as string, port };
      successful.push({ id: target.id, port });
    }
    return { successful, unsuccessful };
  },

  DeregisterTargets(input: DeregisterTargetsCommandInput, world): Output<DeregisterTargetsCommandOutput> {
    const tg = targetGroupById(world, input.targetGroupIdentifier);
    const targets = checkTargets('targets', input.targets, 1, 100);
    const successful: Target[] = [];
    for (const target of targets) {
      const port = target.port ?? tg.config.port ?? 0;
      delete tg.targets[targetKey(target.id as string, port)];
      successful.push({ id: target.id, port });
    }
    return { successful, unsuccessful: [] };
  },

  ListTargets(input: ListTargetsCommandInput, world): Output<ListTargetsCommandOutput> {
    const tg = targetGroupById(world, input.targetGroupIdentifier);
    const wanted = input.targets === undefined ? undefined : checkTargets('targets', input.targets, 0, 20);
    const status = targetStatus(world, tg);
    const items = Object.keys(tg.targets)
      .sort()
      .map((key) => tg.targets[key] as { id: string; port: number })
      .filter(
        (t) =>
          wanted === undefined ||
          wanted.some((w) => w.id === t.id && (w.port === undefined || w.port === t.port)),
      )
      .map((t) => ({ id: t.id, port: t.port, ...status }));
    return page(items, input.maxResults, input.nextToken);
  },
};
