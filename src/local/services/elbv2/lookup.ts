/**
 * Finding records as AWS would: a record still inside the eventual-consistency window is missing
 * to reads and references. Also paging (Marker/PageSize) and the tag list shape.
 */
import type { Tag } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { World } from '../../world.js';
import { listenerNotFound, loadBalancerNotFound, targetGroupNotFound, validationError } from './errors.js';
import type { ListenerRecord, LoadBalancerRecord, RuleRecord, TagMap, TargetGroupRecord } from './state.js';

export function visibleLoadBalancer(world: World, arn: string | undefined): LoadBalancerRecord | undefined {
  const record = world.state.elbv2.loadBalancers[arn ?? ''];
  return record !== undefined && world.visible(record.createdAt) ? record : undefined;
}

export function visibleTargetGroup(world: World, arn: string | undefined): TargetGroupRecord | undefined {
  const record = world.state.elbv2.targetGroups[arn ?? ''];
  return record !== undefined && world.visible(record.createdAt) ? record : undefined;
}

export function visibleListener(world: World, arn: string | undefined): ListenerRecord | undefined {
  const record = world.state.elbv2.listeners[arn ?? ''];
  return record !== undefined && world.visible(record.createdAt) ? record : undefined;
}

export function requireLoadBalancer(world: World, arn: string | undefined): LoadBalancerRecord {
  const record = visibleLoadBalancer(world, arn);
  if (record === undefined) throw loadBalancerNotFound();
  return record;
}

export function requireTargetGroup(world: World, arn: string | undefined): TargetGroupRecord {
  const record = visibleTargetGroup(world, arn);
  if (record === undefined) throw targetGroupNotFound();
  return record;
}

export function requireListener(world: World, arn: string | undefined): ListenerRecord {
  const record = visibleListener(world, arn);
  if (record === undefined) throw listenerNotFound();
  return record;
}

/** Listeners of every load balancer, in ARN order. */
export function listenersOf(world: World, loadBalancerArn: string): ListenerRecord[] {
  return Object.values(world.state.elbv2.listeners)
    .filter((l) => l.loadBalancerArn === loadBalancerArn)
    .sort((a, b) => (a.arn < b.arn ? -1 : 1));
}

/** Target group ARNs an action sends traffic to (TargetGroupArn or ForwardConfig). */
export function forwardedTargetGroups(
  actions: readonly {
    TargetGroupArn?: string;
    ForwardConfig?: { TargetGroups?: { TargetGroupArn?: string }[] };
  }[],
): string[] {
  const arns = new Set<string>();
  for (const action of actions) {
    if (action.TargetGroupArn !== undefined) arns.add(action.TargetGroupArn);
    for (const tg of action.ForwardConfig?.TargetGroups ?? [])
      if (tg.TargetGroupArn !== undefined) arns.add(tg.TargetGroupArn);
  }
  return [...arns];
}

/** Load balancers whose listeners (their default actions or their rules) forward to this target group. */
export function loadBalancersUsing(world: World, targetGroupArn: string): string[] {
  const arns = new Set<string>();
  const { listeners, rules } = world.state.elbv2;
  for (const listener of Object.values(listeners)) {
    if (forwardedTargetGroups(listener.defaultActions).includes(targetGroupArn))
      arns.add(listener.loadBalancerArn);
  }
  for (const rule of Object.values(rules)) {
    const listener = listeners[rule.listenerArn];
    if (listener !== undefined && forwardedTargetGroups(rule.actions).includes(targetGroupArn))
      arns.add(listener.loadBalancerArn);
  }
  return [...arns].sort();
}

/** A listener's rules, by priority. */
export function rulesOf(world: World, listenerArn: string): RuleRecord[] {
  return Object.values(world.state.elbv2.rules)
    .filter((rule) => rule.listenerArn === listenerArn)
    .sort((a, b) => a.priority - b.priority);
}

/** Deletes a listener and its rules ("When you delete a listener, all its rules are deleted": ALB guide, delete-rule). */
export function deleteListenerRecord(world: World, listenerArn: string): void {
  for (const rule of rulesOf(world, listenerArn)) delete world.state.elbv2.rules[rule.arn];
  delete world.state.elbv2.listeners[listenerArn];
}

/** One page of `items` (already sorted): Marker is the next index as a string. */
export function page<T>(
  items: readonly T[],
  marker: string | undefined,
  pageSize: number | undefined,
): { items: T[]; nextMarker?: string } {
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 400)) {
    throw validationError(
      `1 validation error detected: Value '${pageSize}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`,
    );
  }
  const start = marker === undefined ? 0 : Number(marker);
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw validationError('Invalid marker');
  const end = start + (pageSize ?? 400);
  return end < items.length
    ? { items: items.slice(start, end), nextMarker: String(end) }
    : { items: items.slice(start) };
}

/** Tags, or attributes (the same Key/Value shape), sorted by key. */
export function tagList(tags: TagMap): Tag[] {
  return Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key] as string }));
}

export function sortedByName<T extends { name: string; arn: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.arn < b.arn ? -1 : 1));
}
