/**
 * VPC Lattice auth policies as the simulator evaluates them. Under AWS_IAM, a request must be
 * allowed by the service network's policy and by the service's when both are AWS_IAM; a resource
 * without a policy allows nothing. The app is taken to sign its requests with its task role: that
 * role's ARN is the principal (a task without one sends anonymous requests, which only a `*`
 * principal allows). A policy's statements: Effect Allow or Deny (an explicit Deny wins); Principal
 * `*`, or {"AWS": an ARN, an account (id or `:root` ARN), `*`, or a list of them}; Action
 * `vpc-lattice-svcs:Invoke` (IAM wildcards and any case, so `vpc-lattice-svcs:*` and `*` too);
 * Resource `<service ARN>/<path>` with `*` and `?` wildcards. A statement with a Condition (or
 * NotPrincipal, NotAction, NotResource) is not evaluated: it neither allows nor denies. A policy
 * that is not valid JSON allows nothing.
 */
import type { LatticeService, LatticeServiceNetwork } from './lattice-view.js';

export type AuthDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface AuthRequest {
  /** The caller's IAM principal ARN; undefined for an unsigned request. */
  readonly principal: string | undefined;
  /** `<service ARN><path>`: what the Resource element is matched against. */
  readonly resource: string;
}

const INVOKE = 'vpc-lattice-svcs:Invoke';
const ACCOUNT = /^\d{12}$/;
const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

interface Statement {
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Resource?: unknown;
  readonly Condition?: unknown;
  readonly NotPrincipal?: unknown;
  readonly NotAction?: unknown;
  readonly NotResource?: unknown;
}

export function evaluateAuthPolicy(policy: string | undefined, request: AuthRequest): AuthDecision {
  let statements: Statement[];
  try {
    const parsed = JSON.parse(policy ?? '') as { Statement?: Statement | Statement[] };
    statements = [parsed.Statement ?? []].flat();
  } catch {
    return 'implicit-deny';
  }
  let allowed = false;
  for (const statement of statements) {
    if (!applies(statement, request)) continue;
    if (statement.Effect === 'Deny') return 'explicit-deny';
    if (statement.Effect === 'Allow') allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}

/** Why the request is refused, or undefined when every AWS_IAM resource on its way allows it. */
export function latticeAuthDenial(
  network: LatticeServiceNetwork,
  service: LatticeService,
  principal: string | undefined,
  path: string,
): string | undefined {
  const request = { principal, resource: `${service.arn}${path}` };
  const who = principal ?? 'an anonymous (unsigned) caller';
  for (const [what, owner] of [
    [`service network ${network.name}`, network],
    [`service ${service.name}`, service],
  ] as const) {
    if (owner.authType !== 'AWS_IAM') continue;
    const decision = evaluateAuthPolicy(owner.authPolicy, request);
    if (decision === 'allow') continue;
    return owner.authPolicy === undefined
      ? `${what} is AWS_IAM and has no auth policy: it allows no one`
      : decision === 'explicit-deny'
        ? `${what}'s auth policy denies ${who} ${INVOKE} on ${request.resource}`
        : `${what}'s auth policy allows ${who} no ${INVOKE} on ${request.resource}`;
  }
  return undefined;
}

function applies(statement: Statement, request: AuthRequest): boolean {
  if (
    statement.Condition !== undefined ||
    statement.NotPrincipal !== undefined ||
    statement.NotAction !== undefined ||
    statement.NotResource !== undefined
  )
    return false;
  return (
    principalMatches(statement.Principal, request.principal) &&
    texts(statement.Action).some((action) => glob(action, 'i').test(INVOKE)) &&
    texts(statement.Resource).some((resource) => glob(resource, '').test(request.resource))
  );
}

function principalMatches(principal: unknown, caller: string | undefined): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return texts((principal as { AWS?: unknown }).AWS).some((given) => {
    if (given === '*') return true;
    if (caller === undefined) return false;
    const account = ACCOUNT.test(given) ? given : ROOT.exec(given)?.[1];
    return account === undefined ? given === caller : caller.split(':')[4] === account;
  });
}

function texts(value: unknown): string[] {
  return [value].flat().filter((v): v is string => typeof v === 'string');
}

/** IAM's wildcards: `*` any run of characters, `?` one character; the whole value must match. */
function glob(pattern: string, flags: string): RegExp {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, flags);
}
