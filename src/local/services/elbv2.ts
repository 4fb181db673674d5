/**
 * Elastic Load Balancing v2: load balancers (network, application, gateway), target groups with
 * their targets, listeners and their rules, attributes and tags. Errors are the SDK's modeled exceptions; the
 * unmodeled ones (ValidationError, Throttling) are ElasticLoadBalancingV2ServiceException by name.
 */
import type { ServiceDefinition, World } from '../world.js';
import { elbv2Error } from './elbv2/errors.js';
import { listenerOperations } from './elbv2/listeners.js';
import { activateLoadBalancer, loadBalancerOperations } from './elbv2/load-balancers.js';
import { sortedByName, tagList, visibleTargetGroup } from './elbv2/lookup.js';
import { ruleOperations } from './elbv2/rules.js';
import { type Elbv2State, initialElbv2State } from './elbv2/state.js';
import { tagOperations } from './elbv2/tags.js';
import { targetGroupOperations } from './elbv2/target-groups.js';
import { targetKey, targetOperations } from './elbv2/targets.js';

export type { Elbv2State } from './elbv2/state.js';

function byKey<T>(records: Record<string, T>): T[] {
  return Object.keys(records)
    .sort()
    .map((key) => records[key] as T);
}

function snapshot(state: Elbv2State): Record<string, unknown> {
  return {
    loadBalancers: sortedByName(Object.values(state.loadBalancers)).map(
      ({ createdAt: _createdAt, createdWithoutSecurityGroups: _without, tags, ...lb }) => ({
        ...lb,
        tags: tagList(tags),
      }),
    ),
    targetGroups: sortedByName(Object.values(state.targetGroups)).map(
      ({ createdAt: _createdAt, tags, targets, ...tg }) => ({
        ...tg,
        targets: byKey(targets),
        tags: tagList(tags),
      }),
    ),
    listeners: Object.values(state.listeners)
      .sort((a, b) => (a.arn < b.arn ? -1 : 1))
      .map(({ createdAt: _createdAt, tags, ...listener }) => ({ ...listener, tags: tagList(tags) })),
    rules: Object.values(state.rules)
      .sort((a, b) =>
        a.listenerArn < b.listenerArn ? -1 : a.listenerArn > b.listenerArn ? 1 : a.priority - b.priority,
      )
      .map(({ createdAt: _createdAt, tags, ...rule }) => ({ ...rule, tags: tagList(tags) })),
  };
}

export const elbv2Service: ServiceDefinition<'elbv2'> = {
  key: 'elbv2',
  clientName: 'ElasticLoadBalancingV2Client',
  initialState: initialElbv2State,
  operations: {
    ...loadBalancerOperations,
    ...targetGroupOperations,
    ...targetOperations,
    ...listenerOperations,
    ...ruleOperations,
    ...tagOperations,
  },
  events: { 'elbv2.loadBalancerActive': activateLoadBalancer },
  throttled: (message) => elbv2Error('Throttling', message, 400),
  internalFailure: (message) => elbv2Error('InternalFailure', message, 500),
  snapshot,
  internal: (world: World) => ({
    targetGroup: (targetGroupArn) => {
      const tg = visibleTargetGroup(world, targetGroupArn);
      return tg?.vpcId === undefined || tg.port === undefined
        ? undefined
        : { vpcId: tg.vpcId, port: tg.port };
    },
    // ECS registers and deregisters its tasks itself, the way the real service does, without AWS's checks.
    registerTarget: (targetGroupArn, id, port) => {
      const tg = world.state.elbv2.targetGroups[targetGroupArn];
      if (tg !== undefined) tg.targets[targetKey(id, port)] = { id, port };
    },
    deregisterTarget: (targetGroupArn, id) => {
      const tg = world.state.elbv2.targetGroups[targetGroupArn];
      if (tg === undefined) return;
      for (const [key, target] of Object.entries(tg.targets)) if (target.id === id) delete tg.targets[key];
    },
    usesSecurityGroup: (groupId) =>
      Object.values(world.state.elbv2.loadBalancers).some((lb) => lb.securityGroups.includes(groupId)),
  }),
};
