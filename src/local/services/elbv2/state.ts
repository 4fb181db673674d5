/**
 * ELBv2's state as plain data: load balancers, target groups (with their registered targets) and
 * listeners, each by ARN. Which load balancers a target group serves is derived from the listeners.
 */
import type {
  Action,
  Certificate,
  IpAddressType,
  LoadBalancerSchemeEnum,
  LoadBalancerTypeEnum,
  Matcher,
  ProtocolEnum,
  RuleCondition,
  RuleTransform,
  TargetTypeEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';

export type TagMap = Record<string, string>;

export interface LoadBalancerRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: LoadBalancerTypeEnum;
  readonly scheme: LoadBalancerSchemeEnum;
  readonly ipAddressType: IpAddressType;
  readonly vpcId: string;
  readonly subnets: readonly { readonly subnetId: string; readonly zoneName: string }[];
  /** SetSecurityGroups replaces them. */
  securityGroups: readonly string[];
  /** A network load balancer made without security groups can never get any (AWS). */
  readonly createdWithoutSecurityGroups?: true;
  readonly dnsName: string;
  state: 'provisioning' | 'active';
  attributes: Record<string, string>;
  tags: TagMap;
  readonly createdAt: number;
}

export interface HealthCheckSettings {
  enabled: boolean;
  protocol: ProtocolEnum;
  port: string;
  path?: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  matcher?: Matcher;
}

export interface TargetRecord {
  readonly id: string;
  readonly port: number;
  readonly availabilityZone?: string;
}

export interface TargetGroupRecord {
  readonly arn: string;
  readonly name: string;
  readonly targetType: TargetTypeEnum;
  readonly protocol?: ProtocolEnum;
  readonly port?: number;
  readonly vpcId?: string;
  readonly ipAddressType?: string;
  healthCheck: HealthCheckSettings;
  attributes: Record<string, string>;
  /** By `<id>:<port>`, so that the same address on two ports is two targets (as AWS). */
  targets: Record<string, TargetRecord>;
  tags: TagMap;
  readonly createdAt: number;
}

export interface ListenerRecord {
  readonly arn: string;
  readonly loadBalancerArn: string;
  port?: number;
  protocol?: ProtocolEnum;
  defaultActions: Action[];
  certificates?: Certificate[];
  sslPolicy?: string;
  alpnPolicy?: string[];
  tags: TagMap;
  readonly createdAt: number;
}

/** A listener's rule (not its default rule, which is the listener's default actions). */
export interface RuleRecord {
  readonly arn: string;
  readonly listenerArn: string;
  priority: number;
  conditions: RuleCondition[];
  actions: Action[];
  transforms: RuleTransform[];
  tags: TagMap;
  readonly createdAt: number;
}

export interface Elbv2State {
  loadBalancers: Record<string, LoadBalancerRecord>;
  targetGroups: Record<string, TargetGroupRecord>;
  listeners: Record<string, ListenerRecord>;
  rules: Record<string, RuleRecord>;
}

export const initialElbv2State = (): Elbv2State => ({
  loadBalancers: {},
  targetGroups: {},
  listeners: {},
  rules: {},
});
