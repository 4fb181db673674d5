/** Request matching shared by routes and gateway routes: path, headers, query, method, metadata, hostname. */
import type {
  GatewayRouteHostnameMatch,
  HeaderMatchMethod,
  HttpPathMatch,
  HttpQueryParameter,
} from '@aws-sdk/client-app-mesh';
import {
  checkInteger,
  checkLength,
  checkListSize,
  checkOneOf,
  checkPattern,
  checkUnion,
  field,
  memberOf,
  REQUIRED,
} from './checks.js';
import { issue, type PlanIssue, show } from './issue.js';

export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const;
export const HTTP_SCHEMES = ['http', 'https'] as const;
const STARTS_WITH_SLASH = /^\//;
const VALUE_MEMBERS = ['exact', 'prefix', 'suffix', 'regex', 'range'] as const;

/** A header or gRPC metadata value match: one of exact/prefix/suffix/regex (1-255) or a range. */
function checkValueMatch(
  out: PlanIssue[],
  path: string,
  base: string,
  match: HeaderMatchMethod | undefined,
): void {
  const member = checkUnion(out, path, base, match, VALUE_MEMBERS);
  if (!member || !match) return;
  if (member === 'range') {
    const range = match.range;
    checkInteger(
      out,
      'INVALID_MATCH',
      path,
      field(base, 'range.start'),
      range?.start,
      Number.MIN_SAFE_INTEGER,
      undefined,
      REQUIRED,
    );
    checkInteger(
      out,
      'INVALID_MATCH',
      path,
      field(base, 'range.end'),
      range?.end,
      Number.MIN_SAFE_INTEGER,
      undefined,
      REQUIRED,
    );
    return;
  }
  checkLength(
    out,
    'INVALID_MATCH',
    path,
    field(base, member),
    memberOf<string>(match, member),
    1,
    255,
    REQUIRED,
  );
}

/** HTTP headers or gRPC metadata: 1-10 entries, names 1-50 characters. */
export function checkHeaders(
  out: PlanIssue[],
  path: string,
  base: string,
  headers:
    | readonly { readonly name?: string | undefined; readonly match?: HeaderMatchMethod | undefined }[]
    | undefined,
): void {
  if (headers === undefined) return;
  checkListSize(out, 'INVALID_MATCH', path, base, headers, 1, 10);
  headers.forEach((header, index) => {
    const at = `${base}[${index}]`;
    checkLength(out, 'INVALID_MATCH', path, field(at, 'name'), header.name, 1, 50, REQUIRED);
    checkValueMatch(out, path, field(at, 'match'), header.match);
  });
}

export function checkQueryParameters(
  out: PlanIssue[],
  path: string,
  base: string,
  parameters: readonly HttpQueryParameter[] | undefined,
): void {
  if (parameters === undefined) return;
  checkListSize(out, 'INVALID_MATCH', path, base, parameters, 1, 10);
  parameters.forEach((parameter, index) => {
    const at = `${base}[${index}]`;
    checkLength(
      out,
      'INVALID_MATCH',
      path,
      field(at, 'name'),
      parameter.name,
      1,
      Number.POSITIVE_INFINITY,
      REQUIRED,
    );
    checkUnion(out, path, field(at, 'match'), parameter.match, ['exact']);
  });
}

/** `prefix` starts with `/` (1-255); `path` is exactly one of exact or regex (1-255). */
export function checkPathMatch(
  out: PlanIssue[],
  path: string,
  base: string,
  prefix: string | undefined,
  pathMatch: HttpPathMatch | undefined,
): void {
  if (
    prefix !== undefined &&
    checkLength(out, 'INVALID_MATCH', path, field(base, 'prefix'), prefix, 1, 255)
  ) {
    checkPattern(
      out,
      'INVALID_MATCH',
      path,
      field(base, 'prefix'),
      prefix,
      STARTS_WITH_SLASH,
      'a prefix starting with "/"',
    );
  }
  const member = checkUnion(out, path, field(base, 'path'), pathMatch, ['exact', 'regex']);
  if (member && pathMatch) {
    checkLength(
      out,
      'INVALID_MATCH',
      path,
      field(base, `path.${member}`),
      pathMatch[member],
      1,
      255,
      REQUIRED,
    );
  }
}

export function checkMethod(out: PlanIssue[], path: string, base: string, method: string | undefined): void {
  checkOneOf(out, 'INVALID_MATCH', path, field(base, 'method'), method, HTTP_METHODS);
}

/** gRPC: metadata 1-10; methodName (1-50) only together with serviceName. */
export function checkGrpcMatch(
  out: PlanIssue[],
  path: string,
  base: string,
  match: {
    readonly serviceName?: string | undefined;
    readonly methodName?: string | undefined;
    readonly metadata?:
      | readonly { readonly name?: string | undefined; readonly match?: HeaderMatchMethod | undefined }[]
      | undefined;
  },
): void {
  checkLength(
    out,
    'INVALID_MATCH',
    path,
    field(base, 'serviceName'),
    match.serviceName,
    1,
    Number.POSITIVE_INFINITY,
  );
  if (match.methodName !== undefined) {
    checkLength(out, 'INVALID_MATCH', path, field(base, 'methodName'), match.methodName, 1, 50);
    if (match.serviceName === undefined) {
      out.push(
        issue('INVALID_MATCH', path, 'a serviceName alongside methodName', 'no serviceName', {
          field: field(base, 'serviceName'),
          explanation: `A gRPC method ${show(match.methodName)} only means something within a service.`,
        }),
      );
    }
  }
  checkHeaders(out, path, field(base, 'metadata'), match.metadata);
}

/** Gateway route hostname: exactly one of exact or suffix, 1-253 characters. */
export function checkHostnameMatch(
  out: PlanIssue[],
  path: string,
  base: string,
  hostname: GatewayRouteHostnameMatch | undefined,
): void {
  const member = checkUnion(out, path, base, hostname, ['exact', 'suffix']);
  if (member && hostname) {
    checkLength(out, 'INVALID_MATCH', path, field(base, member), hostname[member], 1, 253, REQUIRED);
  }
}
