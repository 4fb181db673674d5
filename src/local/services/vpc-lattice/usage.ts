/** Which services forward to a target group: through a listener's default action or a rule. */
import type { RuleAction } from '@aws-sdk/client-vpc-lattice';
import type { World } from '../../world.js';
import { idOf } from './lookup.js';

export function forwardedGroups(action: RuleAction | undefined): string[] {
  return (action?.forward?.targetGroups ?? []).map((g) => idOf(g.targetGroupIdentifier ?? ''));
}

/** The ids of the services whose listeners or rules forward to the target group. */
export function servicesUsing(world: World, targetGroupId: string): string[] {
  const s = world.state.vpcLattice;
  const ids = new Set<string>();
  for (const listener of Object.values(s.listeners))
    if (forwardedGroups(listener.defaultAction).includes(targetGroupId)) ids.add(listener.serviceId);
  for (const rule of Object.values(s.rules))
    if (forwardedGroups(rule.action).includes(targetGroupId)) ids.add(rule.serviceId);
  return [...ids].sort();
}
