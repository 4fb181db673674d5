/** One problem found in a definition. Codes are stable: tools may match on them. */
export interface PlanIssue {
  readonly code: IssueCode;
  /** `error` stops `plan()`; `warning` is returned in `plan.warnings`. */
  readonly severity: 'error' | 'warning';
  /** Resource path, e.g. `mesh/color-mesh/virtualNode/blue`. */
  readonly path: string;
  /** The field inside the resource, e.g. `listeners[0].healthCheck.intervalMillis`. */
  readonly field?: string;
  readonly expected: string;
  readonly received: string;
  /** One line: `<path>: expected <expected>, received <received>` plus an explanation where useful. */
  readonly message: string;
}

export const ISSUE_CODES = Object.freeze([
  'INVALID_NAME',
  'DUPLICATE_NAME',
  'INVALID_PORT',
  'INVALID_WEIGHT',
  'INVALID_TARGET_COUNT',
  'ALL_WEIGHTS_ZERO',
  'INVALID_HEALTH_CHECK',
  'INVALID_MATCH',
  'INVALID_PRIORITY',
  'INVALID_DURATION',
  'INVALID_VALUE',
  'UNKNOWN_BACKEND',
  'UNKNOWN_PROVIDER',
  'UNKNOWN_ROUTE_TARGET',
  'UNKNOWN_GATEWAY_ROUTE_TARGET',
  'UNKNOWN_CLOUD_MAP_SERVICE',
  'UNKNOWN_SECURITY_GROUP',
  'MISSING_NAMESPACE',
  'MISSING_SERVICE_DISCOVERY',
  'MISSING_ECS_ENVIRONMENT',
  'MISSING_GATEWAY_ROUTE_PORT',
  'MISSING_LISTENER',
  'INVALID_FARGATE_SIZE',
  'INVALID_CLOUD_MAP_NAME',
  'UNRESOLVABLE_SERVICE_NAME',
  'CYCLE',
  'QUOTA_EXCEEDED',
  'AMBIGUOUS_REFERENCE',
  'UNKNOWN_NAMESPACE',
  'MISSING_ROUTE_PORT',
  'PROTOCOL_MISMATCH',
  'TIMEOUT_CHAIN',
  'CIRCULAR_DATA',
  'TOO_DEEP',
  'NOT_PLAIN_DATA',
  'UNKNOWN_TARGET',
  'INVALID_OPTION',
  'UNSUPPORTED_BY_TARGET',
  'CHANGED_BY_TARGET',
] as const);

export type IssueCode = (typeof ISSUE_CODES)[number];

/** Builds an issue with the standard message form. */
export function issue(
  code: IssueCode,
  path: string,
  expected: string,
  received: string,
  options: { field?: string; severity?: 'error' | 'warning'; explanation?: string } = {},
): PlanIssue {
  const where = options.field ? `${path} ${options.field}` : path;
  const explanation = options.explanation ? ` ${options.explanation}` : '';
  return Object.freeze({
    code,
    severity: options.severity ?? 'error',
    path,
    ...(options.field ? { field: options.field } : {}),
    expected,
    received,
    message: `${code} ${where}: expected ${expected}, received ${received}.${explanation}`,
  });
}

export { show } from './show.js';
