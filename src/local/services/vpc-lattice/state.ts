/**
 * VPC Lattice's state as plain data, each resource by id. Every resource is ACTIVE as soon as it is
 * created and gone as soon as it is deleted: AWS takes a moment for some of them (associations, a
 * service), which the local cloud does not model [U: how long].
 */
import type {
  AuthType,
  HealthCheckConfig,
  RuleAction,
  RuleMatch,
  TargetGroupConfig,
  TargetGroupType,
} from '@aws-sdk/client-vpc-lattice';
import type { TokenStore } from '../../idempotency.js';

export type TagMap = Record<string, string>;

interface Common {
  readonly id: string;
  readonly arn: string;
  readonly createdAt: number;
  lastUpdatedAt: number;
  tags: TagMap;
}

export interface ServiceNetworkRecord extends Common {
  readonly name: string;
  authType: AuthType;
  readonly sharingEnabled: boolean;
}

export interface VpcAssociationRecord extends Common {
  readonly serviceNetworkId: string;
  readonly vpcId: string;
  securityGroupIds: string[];
  readonly privateDnsEnabled?: boolean;
}

export interface ServiceAssociationRecord extends Common {
  readonly serviceNetworkId: string;
  readonly serviceId: string;
}

export interface ServiceRecord extends Common {
  readonly name: string;
  authType: AuthType;
  readonly customDomainName?: string;
  certificateArn?: string;
  idleTimeoutSeconds?: number;
  readonly dnsEntry: { readonly domainName: string; readonly hostedZoneId: string };
}

export interface TargetRecord {
  readonly id: string;
  readonly port: number;
}

export interface TargetGroupRecord extends Common {
  readonly name: string;
  readonly type: TargetGroupType;
  /** As AWS returns it: the given settings with AWS's defaults filled in. */
  config: TargetGroupConfig & { healthCheck?: HealthCheckConfig };
  /** By `<id>:<port>`. */
  targets: Record<string, TargetRecord>;
}

export interface ListenerRecord extends Common {
  readonly serviceId: string;
  readonly name: string;
  readonly protocol: 'HTTP' | 'HTTPS' | 'TLS_PASSTHROUGH';
  readonly port: number;
  defaultAction: RuleAction;
  /** The default rule's id: it stands for the default action in ListRules and GetRule. */
  readonly defaultRuleId: string;
}

export interface RuleRecord extends Common {
  readonly serviceId: string;
  readonly listenerId: string;
  readonly name: string;
  priority: number;
  match: RuleMatch;
  action: RuleAction;
}

export interface AuthPolicyRecord {
  policy: string;
  readonly createdAt: number;
  lastUpdatedAt: number;
}

export interface VpcLatticeState {
  serviceNetworks: Record<string, ServiceNetworkRecord>;
  vpcAssociations: Record<string, VpcAssociationRecord>;
  serviceAssociations: Record<string, ServiceAssociationRecord>;
  services: Record<string, ServiceRecord>;
  targetGroups: Record<string, TargetGroupRecord>;
  listeners: Record<string, ListenerRecord>;
  rules: Record<string, RuleRecord>;
  /** By the id of the service network or service it belongs to. */
  authPolicies: Record<string, AuthPolicyRecord>;
  tokens: TokenStore;
}

export const initialVpcLatticeState = (): VpcLatticeState => ({
  serviceNetworks: {},
  vpcAssociations: {},
  serviceAssociations: {},
  services: {},
  targetGroups: {},
  listeners: {},
  rules: {},
  authPolicies: {},
  tokens: {},
});
