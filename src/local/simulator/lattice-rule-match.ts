/**
 * A VPC Lattice rule's match as a predicate: the method exactly (case-sensitive); the path exact or
 * by prefix, case-sensitive unless `caseSensitive` is false; every header match (names in any
 * case; the value exact, by prefix or contained, case-insensitive unless `caseSensitive` is true).
 * A match of a kind this file does not know matches nothing.
 */
import type { HeaderMatch, PathMatch, RuleMatch } from '@aws-sdk/client-vpc-lattice';
import { allOf, type RequestPredicate } from './request-matchers.js';

const NOTHING: RequestPredicate = () => false;

export function latticeRulePredicate(match: RuleMatch): RequestPredicate {
  const http = match.httpMatch;
  if (http === undefined) return NOTHING;
  const predicates: RequestPredicate[] = [];
  if (http.method !== undefined) {
    const method = http.method;
    predicates.push((request) => request.method === method);
  }
  if (http.pathMatch !== undefined) predicates.push(pathPredicate(http.pathMatch));
  for (const header of http.headerMatches ?? []) predicates.push(headerPredicate(header));
  return allOf(predicates);
}

function pathPredicate(path: PathMatch): RequestPredicate {
  const fold = path.caseSensitive === false ? (text: string) => text.toLowerCase() : (text: string) => text;
  const { exact, prefix } = path.match ?? {};
  if (exact !== undefined) {
    const wanted = fold(exact);
    return (request) => fold(request.path) === wanted;
  }
  if (prefix !== undefined) {
    const wanted = fold(prefix);
    return (request) => fold(request.path).startsWith(wanted);
  }
  return NOTHING;
}

function headerPredicate(header: HeaderMatch): RequestPredicate {
  const name = (header.name ?? '').toLowerCase();
  const fold = header.caseSensitive === true ? (text: string) => text : (text: string) => text.toLowerCase();
  const { exact, prefix, contains } = header.match ?? {};
  const test =
    exact !== undefined
      ? (value: string) => value === fold(exact)
      : prefix !== undefined
        ? (value: string) => value.startsWith(fold(prefix))
        : contains !== undefined
          ? (value: string) => value.includes(fold(contains))
          : undefined;
  if (test === undefined) return NOTHING;
  return (request) => {
    const value = request.headers[name];
    return value !== undefined && test(fold(value));
  };
}
