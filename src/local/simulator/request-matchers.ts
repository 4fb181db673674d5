/**
 * Envoy's request matchers as App Mesh configures them: headers (and gRPC metadata), query
 * parameters, gateway hostnames and paths. Each is compiled once into a predicate.
 */
import type {
  GatewayRouteHostnameMatch,
  HeaderMatchMethod,
  HttpPathMatch,
  HttpQueryParameter,
} from '@aws-sdk/client-app-mesh';
import type { SimRequest } from './request.js';

export type RequestPredicate = (request: SimRequest) => boolean;

/** The shape shared by route headers, gateway route headers and gRPC metadata. */
export interface HeaderRule {
  readonly name: string | undefined;
  readonly invert?: boolean | undefined;
  readonly match?: HeaderMatchMethod | undefined;
}

/**
 * Envoy's semantics: a rule without a match method asks for the header to be present; `invert`
 * flips the result for a present header. A missing header matches only an inverted presence rule.
 */
export function headerPredicate(rule: HeaderRule): RequestPredicate {
  const name = (rule.name ?? '').toLowerCase();
  const invert = rule.invert === true;
  const test = valueTest(rule.match);
  return (request) => {
    const value = request.headers[name];
    if (value === undefined) return test === undefined && invert;
    return (test === undefined ? true : test(value)) !== invert;
  };
}

function valueTest(match: HeaderMatchMethod | undefined): ((value: string) => boolean) | undefined {
  if (match === undefined) return undefined;
  if (match.exact !== undefined) {
    const exact = match.exact;
    return (value) => value === exact;
  }
  if (match.prefix !== undefined) {
    const prefix = match.prefix;
    return (value) => value.startsWith(prefix);
  }
  if (match.suffix !== undefined) {
    const suffix = match.suffix;
    return (value) => value.endsWith(suffix);
  }
  if (match.regex !== undefined) {
    const regex = fullMatch(match.regex);
    return (value) => regex.test(value);
  }
  if (match.range !== undefined) {
    // Envoy's range: an integer value, start inclusive, end exclusive.
    const start = match.range.start ?? Number.NEGATIVE_INFINITY;
    const end = match.range.end ?? Number.POSITIVE_INFINITY;
    return (value) => /^-?\d+$/.test(value) && Number(value) >= start && Number(value) < end;
  }
  return () => false;
}

/** A query parameter rule: `exact` compares the value; no match method asks for presence. */
export function queryPredicate(rule: HttpQueryParameter): RequestPredicate {
  const name = rule.name ?? '';
  const exact = rule.match?.exact;
  return (request) => {
    const value = request.query.get(name);
    return value !== undefined && (exact === undefined || value === exact);
  };
}

/** A gateway route's hostname: the `Host` header without its port, exact or by suffix. */
export function hostnamePredicate(match: GatewayRouteHostnameMatch): RequestPredicate {
  if (match.exact !== undefined) {
    const exact = match.exact.toLowerCase();
    return (request) => request.authority === exact;
  }
  const suffix = (match.suffix ?? '').toLowerCase();
  return (request) => request.authority.endsWith(suffix);
}

/** Path rules: `exact` and `regex` (which must match the whole path); `prefix` is a string prefix. */
export function pathPredicate(prefix: string | undefined, path: HttpPathMatch | undefined): RequestPredicate {
  if (path?.exact !== undefined) {
    const exact = path.exact;
    return (request) => request.path === exact;
  }
  if (path?.regex !== undefined) {
    const regex = fullMatch(path.regex);
    return (request) => regex.test(request.path);
  }
  const start = prefix ?? '/';
  return (request) => request.path.startsWith(start);
}

/** Envoy's safe_regex matches the whole value; an invalid expression matches nothing. */
function fullMatch(source: string): RegExp {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    return /(?!)/;
  }
}

/** All of them must hold. */
export function allOf(predicates: readonly RequestPredicate[]): RequestPredicate {
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0] as RequestPredicate;
  return (request) => {
    for (const predicate of predicates) if (!predicate(request)) return false;
    return true;
  };
}
