/** TLS on listeners (server side) and in client policies (backend side) of nodes and gateways. */
import type { ClientPolicy, Listener, SubjectAlternativeNames } from '@aws-sdk/client-app-mesh';
import type { BackendDefinition, VirtualNodeDefinition } from '../definition/mesh-definition.js';
import {
  checkLength,
  checkListSize,
  checkOneOf,
  checkPort,
  checkUnion,
  field,
  memberOf,
  REQUIRED,
} from './checks.js';
import type { ValidationContext } from './context.js';
import type { PlanIssue } from './issue.js';

export const TLS_MODES = ['STRICT', 'PERMISSIVE', 'DISABLED'] as const;

/** The strings each certificate member must carry, with their maximum length (file paths: 255). */
const REQUIRED_STRINGS: Record<string, readonly (readonly [string, number])[]> = {
  acm: [['certificateArn', Number.POSITIVE_INFINITY]],
  file: [
    ['certificateChain', 255],
    ['privateKey', 255],
  ],
  sds: [['secretName', Number.POSITIVE_INFINITY]],
};

function checkCertificate(
  out: PlanIssue[],
  path: string,
  base: string,
  certificate: object | undefined,
  members: readonly ('acm' | 'file' | 'sds')[],
  required: boolean,
): void {
  const member = checkUnion(out, path, base, certificate, members, { required });
  if (!member || !certificate) return;
  const value = memberOf<Record<string, unknown>>(certificate, member) ?? {};
  for (const [key, max] of REQUIRED_STRINGS[member] ?? []) {
    checkLength(out, 'INVALID_VALUE', path, field(base, `${member}.${key}`), value[key], 1, max, REQUIRED);
  }
}

function checkSubjectAlternativeNames(
  out: PlanIssue[],
  path: string,
  base: string,
  names: SubjectAlternativeNames | undefined,
): void {
  if (!names) return;
  const exact = names.match?.exact;
  checkListSize(
    out,
    'INVALID_VALUE',
    path,
    field(base, 'match.exact'),
    exact,
    1,
    Number.POSITIVE_INFINITY,
    REQUIRED,
  );
  (exact ?? []).forEach((name, index) => {
    checkLength(out, 'INVALID_VALUE', path, `${field(base, 'match.exact')}[${index}]`, name, 1, 254);
  });
}

function checkTrust(
  out: PlanIssue[],
  path: string,
  base: string,
  validation:
    | { readonly trust?: object | undefined; readonly subjectAlternativeNames?: SubjectAlternativeNames }
    | undefined,
  members: readonly ('acm' | 'file' | 'sds')[],
  required: boolean,
): void {
  if (!validation) {
    if (required) checkUnion(out, path, field(base, 'trust'), undefined, members, REQUIRED);
    return;
  }
  const trustField = field(base, 'trust');
  const member = checkUnion(out, path, trustField, validation.trust, members, REQUIRED);
  const trust = (validation.trust ?? {}) as Record<string, Record<string, unknown> | undefined>;
  if (member === 'acm') {
    const arns = trust.acm?.certificateAuthorityArns as readonly string[] | undefined;
    const arnsField = field(trustField, 'acm.certificateAuthorityArns');
    checkListSize(out, 'INVALID_VALUE', path, arnsField, arns, 1, 3, REQUIRED);
  } else if (member === 'file') {
    checkLength(
      out,
      'INVALID_VALUE',
      path,
      field(trustField, 'file.certificateChain'),
      trust.file?.certificateChain,
      1,
      255,
      REQUIRED,
    );
  } else if (member === 'sds') {
    checkLength(
      out,
      'INVALID_VALUE',
      path,
      field(trustField, 'sds.secretName'),
      trust.sds?.secretName,
      1,
      Number.POSITIVE_INFINITY,
      REQUIRED,
    );
  }
  checkSubjectAlternativeNames(
    out,
    path,
    field(base, 'subjectAlternativeNames'),
    validation.subjectAlternativeNames,
  );
}

function checkListenerTls(
  out: PlanIssue[],
  path: string,
  base: string,
  tls: { readonly mode?: string; readonly certificate?: object; readonly validation?: object } | undefined,
): void {
  if (!tls) return;
  checkOneOf(out, 'INVALID_VALUE', path, field(base, 'mode'), tls.mode, TLS_MODES, REQUIRED);
  checkCertificate(out, path, field(base, 'certificate'), tls.certificate, ['acm', 'file', 'sds'], true);
  checkTrust(out, path, field(base, 'validation'), tls.validation, ['file', 'sds'], false);
}

function checkClientPolicy(
  out: PlanIssue[],
  path: string,
  base: string,
  policy: ClientPolicy | undefined,
): void {
  const tls = policy?.tls;
  if (!tls) return;
  const at = field(base, 'tls');
  tls.ports?.forEach((port, index) => {
    checkPort(out, path, `${field(at, 'ports')}[${index}]`, port);
  });
  checkCertificate(out, path, field(at, 'certificate'), tls.certificate, ['file', 'sds'], false);
  checkTrust(out, path, field(at, 'validation'), tls.validation, ['acm', 'file', 'sds'], true);
}

// TLS is checked where it is set: most listeners and backends have none, and naming their fields
// for nothing adds up over thousands of nodes.
export function checkTls(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition } = context;
  const { nodes } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const { listeners, backends, backendDefaults } = nodes[i] as VirtualNodeDefinition;
    const path = context.nodePaths[i] as string;
    for (let index = 0; index < listeners.length; index++) {
      const tls = (listeners[index] as Listener).tls;
      if (tls) checkListenerTls(out, path, `listeners[${index}].tls`, tls);
    }
    checkClientPolicy(out, path, 'backendDefaults.clientPolicy', backendDefaults?.clientPolicy);
    for (let index = 0; index < backends.length; index++) {
      const clientPolicy = (backends[index] as BackendDefinition).clientPolicy;
      if (clientPolicy) checkClientPolicy(out, path, `backends[${index}].clientPolicy`, clientPolicy);
    }
  }
  definition.gateways.forEach((gateway, g) => {
    const path = context.gatewayPaths[g] as string;
    (gateway.spec.listeners ?? []).forEach((listener, index) => {
      if (listener.tls) checkListenerTls(out, path, `spec.listeners[${index}].tls`, listener.tls);
    });
    checkClientPolicy(
      out,
      path,
      'spec.backendDefaults.clientPolicy',
      gateway.spec.backendDefaults?.clientPolicy,
    );
  });
  return out;
}
