/** The vpc-lattice model's constraints (botocore 2022-11-30), each a ValidationException in AWS's wording. */
import { invalidField } from './errors.js';

export function required<T>(field: string, value: T | undefined | null): T {
  if (value === undefined || value === null) throw invalidField(field, 'null', 'Member must not be null');
  return value;
}

export function length(field: string, value: string | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (value.length < min)
    throw invalidField(field, value, `Member must have length greater than or equal to ${min}`);
  if (value.length > max)
    throw invalidField(field, value, `Member must have length less than or equal to ${max}`);
}

/** A model pattern matches the whole value. */
export function pattern(field: string, value: string | undefined, regex: string): void {
  if (value === undefined) return;
  if (!new RegExp(`^(?:${regex})$`).test(value))
    throw invalidField(field, value, `Member must satisfy regular expression pattern: ${regex}`);
}

/** Length, then pattern, of a string member that may be absent. */
export function text(
  field: string,
  value: string | undefined,
  min: number,
  max: number,
  regex?: string,
): void {
  length(field, value, min, max);
  if (regex !== undefined) pattern(field, value, regex);
}

export function requiredText(
  field: string,
  value: string | undefined,
  min: number,
  max: number,
  regex?: string,
): string {
  const given = required(field, value);
  text(field, given, min, max, regex);
  return given;
}

export function range(field: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value)) throw invalidField(field, value, 'Member must be an integer');
  if (value < min) throw invalidField(field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw invalidField(field, value, `Member must have value less than or equal to ${max}`);
}

export function oneOf<T extends string>(
  field: string,
  value: string | undefined,
  allowed: readonly T[],
): void {
  if (value === undefined) return;
  if (!(allowed as readonly string[]).includes(value))
    throw invalidField(field, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

export function count(field: string, list: readonly unknown[] | undefined, min: number, max: number): void {
  if (list === undefined) return;
  if (list.length < min)
    throw invalidField(
      field,
      `[${list.length} items]`,
      `Member must have length greater than or equal to ${min}`,
    );
  if (list.length > max)
    throw invalidField(
      field,
      `[${list.length} items]`,
      `Member must have length less than or equal to ${max}`,
    );
}

/** A union (RuleAction, PathMatchType, ...): exactly one of its members is set. */
export function exactlyOne(field: string, value: object | undefined, members: readonly string[]): string {
  const set = members.filter((m) => (value as Record<string, unknown> | undefined)?.[m] !== undefined);
  if (set.length !== 1)
    throw invalidField(
      field,
      set.length === 0 ? 'null' : set.join(', '),
      `Member must have exactly one of: [${members.join(', ')}]`,
    );
  return set[0] as string;
}

export const CLIENT_TOKEN = '.*[!-~]+.*';
/** Names: lowercase letters, digits and single inner hyphens; `prefix` (svc-, tg-, ...) is reserved. */
export const namePattern = (reservedPrefix?: string) =>
  `${reservedPrefix === undefined ? '' : `(?!${reservedPrefix})`}(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+`;
export const VPC_ID = 'vpc-(([0-9a-z]{8})|([0-9a-z]{17}))';
export const SECURITY_GROUP_ID = 'sg-(([0-9a-z]{8})|([0-9a-z]{17}))';
const ARN_HEAD = 'arn:[a-z0-9\\-]+:vpc-lattice:[a-zA-Z0-9\\-]+:\\d{12}:';
export const SERVICE_NETWORK_IDENTIFIER = `((sn-[0-9a-z]{17})|(${ARN_HEAD}servicenetwork/sn-[0-9a-z]{17}))`;
export const SERVICE_IDENTIFIER = `((svc-[0-9a-z]{17})|(${ARN_HEAD}service/svc-[0-9a-z]{17}))`;
export const TARGET_GROUP_IDENTIFIER = `((tg-[0-9a-z]{17})|(${ARN_HEAD}targetgroup/tg-[0-9a-z]{17}))`;
export const LISTENER_IDENTIFIER = `((listener-[0-9a-z]{17})|(^${ARN_HEAD}service/svc-[0-9a-z]{17}/listener/listener-[0-9a-z]{17}$))`;
export const RULE_IDENTIFIER = `((rule-[0-9a-z]{17})|(^${ARN_HEAD}service/svc-[0-9a-z]{17}/listener/listener-[0-9a-z]{17}/rule/rule-[0-9a-z]{17}$))`;
export const VPC_ASSOCIATION_IDENTIFIER = `((snva-[0-9a-z]{17})|(${ARN_HEAD}servicenetworkvpcassociation/snva-[0-9a-z]{17}))`;
export const SERVICE_ASSOCIATION_IDENTIFIER = `((snsa-[0-9a-z]{17})|(${ARN_HEAD}servicenetworkserviceassociation/snsa-[0-9a-z]{17}))`;
export const AUTH_RESOURCE_IDENTIFIER =
  '((((sn)|(svc)|(rcfg))-[0-9a-z]{17})|(arn(:[a-z0-9]+([.-][a-z0-9]+)*){2}(:([a-z0-9]+([.-][a-z0-9]+)*)?){2}:((servicenetwork/sn)|(resourceconfiguration/rcfg)|(service/svc))-[0-9a-z]{17}))';
export const AUTH_TYPES = ['NONE', 'AWS_IAM'] as const;
