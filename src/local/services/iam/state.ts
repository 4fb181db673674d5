/** IAM's state: roles (with inline policies and attachments) and customer managed policies. */

export interface RoleRecord {
  readonly roleName: string;
  readonly path: string;
  readonly roleId: string;
  readonly arn: string;
  readonly createdAt: number;
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  /** In the order they were given, as IAM lists them. */
  tags: { Key: string; Value: string }[];
  /** Inline policies: name -> document as given. */
  inlinePolicies: Record<string, string>;
  /** Managed policy ARNs, in attach order. */
  attached: string[];
}

export interface PolicyVersionRecord {
  readonly versionId: string;
  readonly document: string;
  readonly createdAt: number;
}

export interface PolicyRecord {
  readonly policyName: string;
  readonly path: string;
  readonly policyId: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly description?: string;
  tags: { Key: string; Value: string }[];
  versions: PolicyVersionRecord[];
  defaultVersionId: string;
}

export interface IamState {
  /** By lower-case role name: IAM names are unique whatever their case. */
  roles: Record<string, RoleRecord>;
  /** Customer managed policies, by ARN. */
  policies: Record<string, PolicyRecord>;
}

export function initialIamState(): IamState {
  return { roles: {}, policies: {} };
}
