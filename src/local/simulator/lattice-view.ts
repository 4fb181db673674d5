/**
 * What the traffic simulator reads for VPC Lattice, beside a ServiceConnectView: the service
 * networks the tasks' VPCs are associated with, their services (names, listeners and rules as the
 * VPC Lattice SDK types them, auth policies) and the target groups those rules forward to, with
 * each target's health. Plain data, like the rest of the view.
 */
import type {
  AuthType,
  DnsEntry,
  ListenerProtocol,
  RuleAction,
  RuleMatch,
  TargetStatus,
} from '@aws-sdk/client-vpc-lattice';

export interface LatticeView {
  readonly serviceNetworks: readonly LatticeServiceNetwork[];
  readonly services: readonly LatticeService[];
  readonly targetGroups: readonly LatticeTargetGroup[];
}

export interface LatticeServiceNetwork {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** AWS_IAM: every request must also be allowed by `authPolicy`. */
  readonly authType: AuthType;
  /** The associated VPCs: their tasks reach the network's services. */
  readonly vpcIds: readonly string[];
  /** The auth policy document (JSON); undefined when there is none. Only read under AWS_IAM. */
  readonly authPolicy: string | undefined;
}

export interface LatticeService {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** The name callers keep calling (its DNS record, a CNAME to `dnsEntry.domainName`, is the user's). */
  readonly customDomainName: string | undefined;
  /** The name AWS gives the service. */
  readonly dnsEntry: DnsEntry | undefined;
  readonly authType: AuthType;
  /** The auth policy document (JSON); undefined when there is none. Only read under AWS_IAM. */
  readonly authPolicy: string | undefined;
  /** The service networks it is associated with (ids or ARNs). */
  readonly serviceNetworks: readonly string[];
  readonly listeners: readonly LatticeListener[];
}

export interface LatticeListener {
  readonly name: string;
  readonly port: number;
  readonly protocol: ListenerProtocol;
  /** What a request no rule matches gets: a fixed response (404 unless set) or a forward. */
  readonly defaultAction: RuleAction;
  /** In any order: they are tried by priority. */
  readonly rules: readonly LatticeRule[];
}

export interface LatticeRule {
  readonly name: string;
  /** 1-2000, unique in the listener; the lowest is tried first. */
  readonly priority: number;
  readonly match: RuleMatch;
  readonly action: RuleAction;
}

export interface LatticeTargetGroup {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** The port targets registered without one get. */
  readonly port: number | undefined;
  readonly targets: readonly LatticeTarget[];
}

export interface LatticeTarget {
  /** The task's private IPv4 address (an IP target group). */
  readonly ip: string;
  readonly port: number;
  /** HEALTHY targets, and UNAVAILABLE ones (health checks off), receive requests. */
  readonly status: TargetStatus;
}
