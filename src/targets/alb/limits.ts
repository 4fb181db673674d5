/**
 * What ELBv2 accepts for the application load balancer a gateway becomes (botocore `elbv2`, the ALB
 * guide's listener rules page): names, rule priorities, condition values, forwards and weights.
 * Each is checked on what the compiler emits, so a definition AWS would refuse is refused at plan
 * time with the definition's own path.
 */
import type { CreateRuleCommandInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import { issue, type PlanIssue, show } from '../../validate/issue.js';

export const ALB_LIMITS = Object.freeze({
  minPriority: 1,
  maxPriority: 50_000,
  /** "up to five [comparison strings] per rule" (ALB guide, listener rules). */
  maxConditionValues: 5,
  maxPathPattern: 128,
  maxHeaderName: 40,
  minWeight: 0,
  maxWeight: 999,
  /**
   * Target groups in one forward action: commonly documented as 5, but not verified in AWS's
   * model or API reference (the model has no bound): treat it as an assumption.
   */
  maxForwardTargetGroups: 5,
  /** ECS: "you cannot attach more than five target groups to a service". */
  maxServiceTargetGroups: 5,
  /** Load balancer and target group names. */
  maxName: 32,
  /** A tag value (ELBv2's TagValue): a rule's plan name is one. */
  maxTagValue: 256,
});

/** The characters a path condition's value match takes (ALB guide, path conditions). */
const ALB_PATH_PATTERN = /^[A-Za-z0-9_\-.$/~"'@:+;&*?]+$/;

/** Letters, digits and `-`, not at either end (load balancer and target group names). */
const ELBV2_NAME = /^(?!-)[A-Za-z0-9-]+(?<!-)$/;

/** An issue when a load balancer or target group name is not one ELBv2 accepts. */
export function checkElbv2Name(
  kind: 'load balancer' | 'target group',
  name: string,
  path: string,
  explanation: string,
): PlanIssue[] {
  const reserved = kind === 'load balancer' && name.toLowerCase().startsWith('internal-');
  if (name.length <= ALB_LIMITS.maxName && ELBV2_NAME.test(name) && !reserved) return [];
  return [
    issue(
      'INVALID_NAME',
      path,
      `a ${kind} name of 1 to ${ALB_LIMITS.maxName} letters, digits and -, not at either end${kind === 'load balancer' ? ', not starting with internal-' : ''}`,
      `${show(name)} (${name.length} characters)`,
      { explanation },
    ),
  ];
}

/** Every limit of one rule's input, as issues on the gateway route it comes from. */
export function checkAlbRule(input: CreateRuleCommandInput, path: string): PlanIssue[] {
  const found: PlanIssue[] = [];
  const priority = input.Priority ?? 0;
  if (!Number.isInteger(priority) || priority < ALB_LIMITS.minPriority || priority > ALB_LIMITS.maxPriority)
    found.push(
      issue(
        'INVALID_PRIORITY',
        path,
        `an ALB rule priority of ${ALB_LIMITS.minPriority} to ${ALB_LIMITS.maxPriority}`,
        String(priority),
        { field: 'priority' },
      ),
    );
  let values = 0;
  for (const condition of input.Conditions ?? []) {
    const patterns = condition.PathPatternConfig?.Values ?? [];
    values +=
      patterns.length +
      (condition.HostHeaderConfig?.Values?.length ?? 0) +
      (condition.HttpHeaderConfig?.Values?.length ?? 0) +
      (condition.HttpRequestMethodConfig?.Values?.length ?? 0) +
      (condition.QueryStringConfig?.Values?.length ?? 0);
    for (const pattern of patterns) {
      if (!ALB_PATH_PATTERN.test(pattern))
        found.push(
          issue(
            'INVALID_MATCH',
            path,
            `an ALB path pattern of a-z A-Z 0-9 _ - . $ / ~ " ' @ : + ; & and the wildcards * ?`,
            show(pattern),
            { field: 'match' },
          ),
        );
      if (pattern.length > ALB_LIMITS.maxPathPattern)
        found.push(
          issue(
            'INVALID_MATCH',
            path,
            `an ALB path pattern of at most ${ALB_LIMITS.maxPathPattern} characters`,
            `${show(pattern)} (${pattern.length} characters)`,
            { field: 'match' },
          ),
        );
    }
    const header = condition.HttpHeaderConfig?.HttpHeaderName;
    if (header !== undefined && header.length > ALB_LIMITS.maxHeaderName)
      found.push(
        issue(
          'INVALID_MATCH',
          path,
          `an ALB header name of at most ${ALB_LIMITS.maxHeaderName} characters`,
          `${show(header)} (${header.length} characters)`,
          { field: 'match.headers' },
        ),
      );
  }
  if (values > ALB_LIMITS.maxConditionValues)
    found.push(
      issue(
        'INVALID_MATCH',
        path,
        `at most ${ALB_LIMITS.maxConditionValues} condition values in one ALB rule`,
        `${values} (path, host, method, each header and query parameter count one)`,
        { field: 'match' },
      ),
    );
  for (const action of input.Actions ?? []) {
    const groups = action.ForwardConfig?.TargetGroups;
    if (groups === undefined) continue;
    if (groups.length < 1 || groups.length > ALB_LIMITS.maxForwardTargetGroups)
      found.push(
        issue(
          'INVALID_TARGET_COUNT',
          path,
          `1 to ${ALB_LIMITS.maxForwardTargetGroups} target groups in one ALB forward`,
          String(groups.length),
          { field: 'action' },
        ),
      );
    for (const group of groups) {
      const weight = group.Weight ?? 0;
      if (!Number.isInteger(weight) || weight < ALB_LIMITS.minWeight || weight > ALB_LIMITS.maxWeight)
        found.push(
          issue(
            'INVALID_WEIGHT',
            path,
            `an ALB target group weight of ${ALB_LIMITS.minWeight} to ${ALB_LIMITS.maxWeight}`,
            String(weight),
            { field: 'action' },
          ),
        );
    }
  }
  return found;
}
