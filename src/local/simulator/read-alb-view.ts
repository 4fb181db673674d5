/**
 * Reads the application load balancers of an account through the ELBv2 SDK client only
 * (DescribeLoadBalancers, DescribeListeners, DescribeRules, DescribeTargetGroups and
 * DescribeTargetHealth, with the SDK's paginators), for the Service Connect simulator's view.
 */
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancerListenerView, LoadBalancerView, TargetGroupView } from './alb-view.js';
import { chunk, collect } from './sdk-reading.js';

/** DescribeTargetGroups takes at most 20 ARNs a call. */
const DESCRIBE_TARGET_GROUPS_BATCH = 20;

export async function readLoadBalancerViews(
  elbv2: ElasticLoadBalancingV2Client,
): Promise<LoadBalancerView[]> {
  const balancers = (
    await collect(paginateDescribeLoadBalancers({ client: elbv2 }, {}), (page) => page.LoadBalancers ?? [])
  ).filter((balancer) => balancer.Type === 'application');
  return Promise.all(
    balancers.map(async (balancer): Promise<LoadBalancerView> => {
      const described = await collect(
        paginateDescribeListeners({ client: elbv2 }, { LoadBalancerArn: balancer.LoadBalancerArn }),
        (page) => page.Listeners ?? [],
      );
      const listeners = await Promise.all(
        described.map(async (listener): Promise<LoadBalancerListenerView> => {
          const rules = await collect(
            paginateDescribeRules({ client: elbv2 }, { ListenerArn: listener.ListenerArn }),
            (page) => page.Rules ?? [],
          );
          return {
            port: listener.Port ?? 0,
            protocol: listener.Protocol ?? 'HTTP',
            defaultActions: listener.DefaultActions ?? [],
            rules: rules
              .filter((rule) => rule.IsDefault !== true)
              .map((rule) => ({
                priority: Number(rule.Priority),
                conditions: rule.Conditions ?? [],
                actions: rule.Actions ?? [],
                transforms: rule.Transforms ?? [],
              })),
          };
        }),
      );
      const arns = [
        ...new Set(
          listeners.flatMap((listener) =>
            [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)].flatMap(
              (action) => [
                ...(action.TargetGroupArn === undefined ? [] : [action.TargetGroupArn]),
                ...(action.ForwardConfig?.TargetGroups ?? []).flatMap((tuple) =>
                  tuple.TargetGroupArn === undefined ? [] : [tuple.TargetGroupArn],
                ),
              ],
            ),
          ),
        ),
      ];
      return {
        name: balancer.LoadBalancerName ?? '',
        dnsName: (balancer.DNSName ?? '').toLowerCase(),
        listeners,
        targetGroups: await readTargetGroups(elbv2, arns),
      };
    }),
  );
}

async function readTargetGroups(
  elbv2: ElasticLoadBalancingV2Client,
  arns: readonly string[],
): Promise<TargetGroupView[]> {
  const groups = (
    await Promise.all(
      chunk(arns, DESCRIBE_TARGET_GROUPS_BATCH).map(
        async (batch) =>
          (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: batch }))).TargetGroups ?? [],
      ),
    )
  ).flat();
  return Promise.all(
    groups.map(async (group) => {
      const health = await elbv2.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }),
      );
      return {
        arn: group.TargetGroupArn ?? '',
        name: group.TargetGroupName ?? '',
        targets: (health.TargetHealthDescriptions ?? [])
          .filter((description) => description.TargetHealth?.State === 'healthy')
          .map((description) => ({ ip: description.Target?.Id ?? '', port: description.Target?.Port ?? 0 })),
      };
    }),
  );
}
