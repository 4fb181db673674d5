/**
 * What the Service Connect simulator reads of the application load balancers in front of the
 * services (a virtual gateway's replacement): each listener with its rules as ELBv2 describes them
 * (conditions, actions, transforms), and the target groups the rules forward to with their healthy
 * targets. Plain data: `serviceConnectViewFromPlan` and `readServiceConnectView` fill it.
 */
import type { Action, RuleCondition, RuleTransform } from '@aws-sdk/client-elastic-load-balancing-v2';

export interface LoadBalancerView {
  readonly name: string;
  /** The host clients call. */
  readonly dnsName: string;
  readonly listeners: readonly LoadBalancerListenerView[];
  /** The target groups its rules and default actions forward to. */
  readonly targetGroups: readonly TargetGroupView[];
}

export interface LoadBalancerListenerView {
  readonly port: number;
  readonly protocol: string;
  /** What a request no rule matches gets. */
  readonly defaultActions: readonly Action[];
  /** Its rules besides the default one, in any order: they are tried by priority. */
  readonly rules: readonly LoadBalancerRuleView[];
}

export interface LoadBalancerRuleView {
  readonly priority: number;
  readonly conditions: readonly RuleCondition[];
  readonly actions: readonly Action[];
  readonly transforms: readonly RuleTransform[];
}

export interface TargetGroupView {
  readonly arn: string;
  readonly name: string;
  /** Its healthy targets: task IPs and ports. */
  readonly targets: readonly { readonly ip: string; readonly port: number }[];
}
