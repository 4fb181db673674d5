/**
 * What the VPC Lattice model accepts (botocore `vpc-lattice` 2022-11-30): names, rule priorities,
 * forwards, weights and matches. Each is checked on what the compiler emits, so a definition that
 * would be refused by AWS is refused at plan time with the definition's own path.
 */
import type { RuleAction, RuleMatch } from '@aws-sdk/client-vpc-lattice';
import { issue, type PlanIssue, show } from '../../validate/issue.js';

/** Lowercase letters, digits and `-`, no leading, trailing or double `-`. */
const LATTICE_NAME = /^(?!-)(?!.*-$)(?!.*--)[a-z0-9-]+$/;
/** `PathMatchExact` and `PathMatchPrefix`. */
const LATTICE_PATH = /^\/[a-zA-Z0-9@:%_+.~#?&/=-]*$/;

export type LatticeNameKind = 'serviceNetwork' | 'service' | 'targetGroup' | 'listener' | 'rule';

/** Each kind's length limit and the prefix AWS keeps for its own ids. */
export const LATTICE_NAME_RULES: Readonly<Record<LatticeNameKind, { max: number; reserved?: string }>> = {
  serviceNetwork: { max: 63 },
  service: { max: 40, reserved: 'svc-' },
  targetGroup: { max: 128, reserved: 'tg-' },
  listener: { max: 63, reserved: 'listener-' },
  rule: { max: 63, reserved: 'rule-' },
};

export const LATTICE_LIMITS = Object.freeze({
  minPriority: 1,
  maxPriority: 2000,
  maxTargetGroups: 10,
  maxWeight: 999,
  maxPath: 200,
  maxHeaderMatches: 5,
  maxHeaderName: 100,
  maxHeaderValue: 200,
  maxMethod: 16,
});

/**
 * A name made valid for a kind: lowercase, other characters as `-`, runs of `-` as one, no `-` at
 * either end, cut to the kind's length; one starting with the reserved prefix gets `x` in front.
 */
export function latticeName(name: string, kind: LatticeNameKind): string {
  return trimHyphens(uncutLatticeName(name, kind).slice(0, LATTICE_NAME_RULES[kind].max));
}

/**
 * A Lattice service's name: the virtual service's, made valid, with the plan's name suffix, so
 * that the plans of several targets can run in one account. A suffixed name is never cut (the cut
 * would drop the suffix, and with it what keeps the plans apart): one too long is refused by
 * checkLatticeName. Without a suffix the name is cut to the limit, as every other Lattice name.
 */
export function latticeServiceName(virtualService: string, nameSuffix: string): string {
  return nameSuffix === ''
    ? latticeName(virtualService, 'service')
    : uncutLatticeName(`${virtualService}${nameSuffix}`, 'service');
}

function uncutLatticeName(name: string, kind: LatticeNameKind): string {
  const { reserved } = LATTICE_NAME_RULES[kind];
  const made = trimHyphens(
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/-{2,}/g, '-'),
  );
  return reserved !== undefined && made.startsWith(reserved) ? `x${made}` : made;
}

function trimHyphens(text: string): string {
  return text.replace(/^-+|-+$/g, '');
}

/** An issue when a name is not one AWS accepts for its kind. */
export function checkLatticeName(
  kind: LatticeNameKind,
  name: string,
  path: string,
  field?: string,
  explanation = "It is made from the definition's name.",
): PlanIssue[] {
  const { max, reserved } = LATTICE_NAME_RULES[kind];
  const valid =
    name.length >= 3 &&
    name.length <= max &&
    LATTICE_NAME.test(name) &&
    (reserved === undefined || !name.startsWith(reserved));
  if (valid) return [];
  return [
    issue(
      'INVALID_NAME',
      path,
      `a VPC Lattice ${kind} name of 3 to ${max} characters: a-z, 0-9 and -, no - at either end or twice${reserved === undefined ? '' : `, not starting with ${reserved}`}`,
      `${show(name)} (${name.length} characters)`,
      { ...(field === undefined ? {} : { field }), explanation },
    ),
  ];
}

/** The rule limits of one rule: priority, forward targets and weights, path, method, headers. */
export function checkLatticeRule(
  rule: { readonly priority: number; readonly match: RuleMatch; readonly action: RuleAction },
  path: string,
): PlanIssue[] {
  const found: PlanIssue[] = [];
  const limits = LATTICE_LIMITS;
  if (
    !Number.isInteger(rule.priority) ||
    rule.priority < limits.minPriority ||
    rule.priority > limits.maxPriority
  )
    found.push(
      issue(
        'INVALID_PRIORITY',
        path,
        `a VPC Lattice rule priority of ${limits.minPriority} to ${limits.maxPriority}`,
        show(rule.priority),
        { field: 'priority', explanation: "It is the route's priority + 1, else its position + 1." },
      ),
    );
  const groups = rule.action.forward?.targetGroups ?? [];
  if (groups.length < 1 || groups.length > limits.maxTargetGroups)
    found.push(
      issue(
        'INVALID_TARGET_COUNT',
        path,
        `1 to ${limits.maxTargetGroups} target groups in a VPC Lattice forward`,
        String(groups.length),
        { field: 'action.weightedTargets' },
      ),
    );
  groups.forEach((group, index) => {
    const weight = group.weight ?? 0;
    if (!Number.isInteger(weight) || weight < 0 || weight > limits.maxWeight)
      found.push(
        issue('INVALID_WEIGHT', path, `a VPC Lattice weight of 0 to ${limits.maxWeight}`, show(weight), {
          field: `action.weightedTargets[${index}].weight`,
        }),
      );
  });
  const http = rule.match.httpMatch ?? {};
  const pathMatch = http.pathMatch?.match;
  const pathValue = pathMatch?.exact ?? pathMatch?.prefix;
  if (pathValue !== undefined && (pathValue.length > limits.maxPath || !LATTICE_PATH.test(pathValue)))
    found.push(
      issue(
        'INVALID_MATCH',
        path,
        `a VPC Lattice path of 1 to ${limits.maxPath} characters starting with /, of a-z A-Z 0-9 @:%_+.~#?&/=-`,
        show(pathValue),
        { field: pathMatch?.exact === undefined ? 'match.prefix' : 'match.path.exact' },
      ),
    );
  if (http.method !== undefined && http.method.length > limits.maxMethod)
    found.push(
      issue('INVALID_MATCH', path, `a method of at most ${limits.maxMethod} characters`, show(http.method), {
        field: 'match.method',
      }),
    );
  const headers = http.headerMatches;
  if (headers !== undefined && (headers.length < 1 || headers.length > limits.maxHeaderMatches))
    found.push(
      issue(
        'INVALID_MATCH',
        path,
        `1 to ${limits.maxHeaderMatches} header matches in a VPC Lattice rule`,
        String(headers.length),
        { field: 'match.headers' },
      ),
    );
  (headers ?? []).forEach((header, index) => {
    const value = header.match?.exact ?? header.match?.prefix ?? header.match?.contains ?? '';
    const name = header.name ?? '';
    if (
      name.length < 1 ||
      name.length > limits.maxHeaderName ||
      value.length < 1 ||
      value.length > limits.maxHeaderValue
    )
      found.push(
        issue(
          'INVALID_MATCH',
          path,
          `a header name of 1 to ${limits.maxHeaderName} characters and a value of 1 to ${limits.maxHeaderValue}`,
          `${show(name)}: ${show(value)}`,
          { field: `match.headers[${index}]` },
        ),
      );
  });
  return found;
}
