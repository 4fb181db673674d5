/**
 * A listener's default action or a rule's action: forward to 1-10 target groups (weights 0-999) or
 * a fixed response (status 100-599). The target groups must exist, speak a protocol the listener
 * can forward to, and serve no other service ("A target group can only be used by a single
 * service", CreateTargetGroup, API reference) [U: the errors' wording].
 */
import type { RuleAction } from '@aws-sdk/client-vpc-lattice';
import type { World } from '../../world.js';
import { conflict, invalidRequest } from './errors.js';
import { count, exactlyOne, range, required } from './field-checks.js';
import { targetGroupById } from './lookup.js';
import type { ListenerRecord } from './state.js';
import { servicesUsing } from './usage.js';

export function checkAction(
  world: World,
  field: string,
  given: RuleAction | undefined,
  listener: Pick<ListenerRecord, 'serviceId' | 'protocol'>,
): RuleAction {
  const action = required(field, given);
  const kind = exactlyOne(field, action, ['forward', 'fixedResponse']);
  if (kind === 'fixedResponse') {
    range(
      `${field}.fixedResponse.statusCode`,
      required(`${field}.fixedResponse.statusCode`, action.fixedResponse?.statusCode),
      100,
      599,
    );
    if (listener.protocol === 'TLS_PASSTHROUGH')
      throw invalidRequest('A TLS_PASSTHROUGH listener can only forward to target groups.');
    return { fixedResponse: { statusCode: action.fixedResponse?.statusCode } };
  }
  const groupsField = `${field}.forward.targetGroups`;
  const groups = required(groupsField, action.forward?.targetGroups);
  count(groupsField, groups, 1, 10);
  groups.forEach((group, i) => {
    const at = `${groupsField}.${i + 1}.member`;
    range(`${at}.weight`, group.weight, 0, 999);
    const tg = targetGroupById(world, group.targetGroupIdentifier, `${at}.targetGroupIdentifier`);
    const tcp = tg.config.protocol === 'TCP';
    if (
      tg.type === 'LAMBDA'
        ? listener.protocol === 'TLS_PASSTHROUGH'
        : tcp !== (listener.protocol === 'TLS_PASSTHROUGH')
    ) {
      throw invalidRequest(
        `Target group ${tg.id} (${tg.config.protocol ?? tg.type}) can't be used by a ${listener.protocol} listener.`,
      );
    }
    const others = servicesUsing(world, tg.id).filter((id) => id !== listener.serviceId);
    if (others.length > 0)
      throw conflict(`Target group ${tg.id} is already used by service ${others[0]}.`, 'TARGET_GROUP', tg.id);
  });
  return { forward: { targetGroups: groups.map((g) => ({ ...g })) } };
}
