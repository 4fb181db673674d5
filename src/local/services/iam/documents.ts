/**
 * Policy documents: what AWS accepts as a permissions policy or a trust policy, with the
 * MalformedPolicyDocument messages it gives (moto's validator follows AWS closely; so does this).
 */
import { limitExceeded, malformed } from './errors.js';

type Json = Record<string, unknown>;

const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const TRUST_ACTIONS = new Set([
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
]);

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringOrStrings(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

function listOf(value: unknown): string[] {
  return typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
}

/** The statements of a syntactically valid document; throws "Syntax errors in policy." otherwise. */
function statementsOf(text: string): Json[] {
  const syntax = () => malformed('Syntax errors in policy.');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw syntax();
  }
  if (!isObject(document) || Object.keys(document).some((k) => !TOP_ELEMENTS.has(k))) throw syntax();
  if (
    document.Version !== undefined &&
    document.Version !== '2012-10-17' &&
    document.Version !== '2008-10-17'
  ) {
    throw syntax();
  }
  const raw = document.Statement;
  const statements = isObject(raw) ? [raw] : Array.isArray(raw) ? raw : undefined;
  if (statements === undefined || statements.length === 0) throw syntax();
  for (const statement of statements) {
    if (!isObject(statement) || Object.keys(statement).some((k) => !STATEMENT_ELEMENTS.has(k)))
      throw syntax();
    if (typeof statement.Effect !== 'string' || !['allow', 'deny'].includes(statement.Effect.toLowerCase())) {
      throw syntax();
    }
    for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
      if (statement[key] !== undefined && !isStringOrStrings(statement[key])) throw syntax();
    }
    if (statement.Condition !== undefined && !isObject(statement.Condition)) throw syntax();
  }
  if (document.Version !== '2012-10-17') {
    throw malformed('Policy document must be version 2012-10-17 or greater.');
  }
  return statements as Json[];
}

function checkCommon(statements: readonly Json[]): void {
  const sids = statements.map((s) => s.Sid).filter((sid) => typeof sid === 'string' && sid !== '');
  if (new Set(sids).size !== sids.length) {
    throw malformed('Statement IDs (SID) in a single policy must be unique.');
  }
  for (const statement of statements) {
    const actions = listOf(statement.Action ?? statement.NotAction);
    if (actions.length === 0) throw malformed('Policy statement must contain actions.');
    for (const action of actions) {
      const parts = action.split(':');
      if (parts.length === 1 && action !== '*') {
        throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
      }
      if (parts.length > 2) throw malformed('Actions/Condition can contain only one colon.');
      const vendor = parts[0] ?? '';
      if (vendor !== '*' && /[^a-zA-Z0-9\-.]/.test(vendor)) throw malformed(`Vendor ${vendor} is not valid`);
    }
  }
}

/** A permissions policy (inline or managed): actions and resources, no principal. */
export function checkPermissionsPolicy(text: string): void {
  const statements = statementsOf(text);
  checkCommon(statements);
  for (const statement of statements) {
    if (listOf(statement.Resource ?? statement.NotResource).length === 0) {
      throw malformed('Policy statement must contain resources.');
    }
    if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) {
      throw malformed('Policy document should not specify a principal.');
    }
  }
}

/** A role's trust policy: who may assume it, no resources, within the size quota (checked last). */
export function checkTrustPolicy(text: string): void {
  const statements = statementsOf(text);
  checkCommon(statements);
  for (const statement of statements) {
    if (statement.Resource !== undefined || statement.NotResource !== undefined) {
      throw malformed('Has prohibited field Resource');
    }
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) {
      throw malformed('Missing required field Principal');
    }
    if (listOf(statement.Action).some((action) => !TRUST_ACTIONS.has(action))) {
      throw malformed(
        'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity',
      );
    }
  }
  if (policySize(text) > TRUST_POLICY_QUOTA) {
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`);
  }
}

/** IAM counts policy size without whitespace. */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}

export const TRUST_POLICY_QUOTA = 2048;
export const INLINE_POLICIES_QUOTA = 10240;
export const MANAGED_POLICY_QUOTA = 6144;

/** JSON for snapshots: documents compare by meaning, not by their whitespace. */
export function parsedDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
