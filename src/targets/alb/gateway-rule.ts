/**
 * A virtual gateway route as ALB listener rule conditions and transforms, and, when it targets a
 * virtual router, each of the router's routes folded into it. App Mesh matches the router's routes
 * on the request the gateway has rewritten; an ALB rule matches the caller's request once: a router
 * route's path is translated back into the caller's path, so that the rule matches exactly what
 * App Mesh would send that way. Rewrites follow App Mesh (the traffic simulator's
 * gateway-route-table.ts): the matched prefix becomes `/` (or `rewrite.prefix.value`), an exact
 * path becomes `rewrite.path.exact`, and the Host header the target virtual service's name.
 * Whatever an ALB condition cannot say exactly is named, for a warning: never dropped silently.
 */
import type {
  GatewayRouteHostnameMatch,
  HttpGatewayRoute,
  HttpQueryParameter,
  HttpRoute,
  HttpRouteHeader,
} from '@aws-sdk/client-app-mesh';
import type { RuleCondition, RuleTransform } from '@aws-sdk/client-elastic-load-balancing-v2';

/** Which paths a rule takes, in the caller's request. */
export type PathCondition =
  | { readonly kind: 'any' }
  | { readonly kind: 'prefix'; readonly value: string }
  | { readonly kind: 'exact'; readonly value: string }
  /** No request takes this way (a router route the gateway's rewrite can never reach). */
  | { readonly kind: 'never' };

/**
 * How the path the router sees relates to the caller's: `prefix` (the caller's `from` + rest
 * arrives as `to` + rest), `constant` (always `value`), or `unknown` (a regex match kept as is).
 */
export type PathRewrite =
  | { readonly kind: 'prefix'; readonly from: string; readonly to: string }
  | { readonly kind: 'constant'; readonly value: string }
  | { readonly kind: 'unknown' };

export interface RuleMatch {
  readonly path: PathCondition;
  readonly method?: string;
  /** Two different methods asked for: nothing matches. */
  readonly noMethod?: boolean;
  readonly hostname?: GatewayRouteHostnameMatch;
  readonly headers: readonly { readonly header: HttpRouteHeader; readonly at: string }[];
  readonly query: readonly { readonly parameter: HttpQueryParameter; readonly at: string }[];
}

export interface GatewayRuleParts {
  readonly match: RuleMatch;
  readonly rewrite: PathRewrite;
  readonly transforms: RuleTransform[];
  /** The settings an ALB rule cannot carry exactly, named as the definition names them. */
  readonly notExact: string[];
}

/** The gateway route's own match, its path rewrite, and the transforms that reproduce App Mesh's. */
export function gatewayRuleParts(route: HttpGatewayRoute, targetService: string): GatewayRuleParts {
  const match = route.match ?? {};
  const rewrite = route.action?.rewrite;
  const notExact: string[] = [];
  let path: PathCondition;
  let pathRewrite: PathRewrite;
  if (match.path?.exact !== undefined) {
    path = { kind: 'exact', value: match.path.exact };
    pathRewrite = { kind: 'constant', value: rewrite?.path?.exact ?? match.path.exact };
  } else if (match.path?.regex !== undefined) {
    notExact.push('match.path.regex');
    path = { kind: 'any' };
    pathRewrite =
      rewrite?.path?.exact === undefined
        ? { kind: 'unknown' }
        : { kind: 'constant', value: rewrite.path.exact };
  } else {
    const from = match.prefix ?? '/';
    path = from === '/' ? { kind: 'any' } : { kind: 'prefix', value: from };
    const to = rewrite?.prefix?.value ?? (rewrite?.prefix?.defaultPrefix === 'DISABLED' ? from : '/');
    pathRewrite = { kind: 'prefix', from, to };
  }

  const transforms: RuleTransform[] = [];
  // ALB matches conditions on the request as received and rewrites after (rule-transforms.html).
  if (pathRewrite.kind === 'prefix' && pathRewrite.to !== pathRewrite.from) {
    if (pathRewrite.to.includes('$')) notExact.push('action.rewrite.prefix.value ($ in an ALB replacement)');
    transforms.push(urlRewrite(`^${escapeRegex(pathRewrite.from)}(.*)$`, `${pathRewrite.to}$1`));
  } else if (rewrite?.path?.exact !== undefined) {
    // The URL ALB rewrites may hold the query string: it is kept after the new path.
    if (rewrite.path.exact.includes('$'))
      notExact.push('action.rewrite.path.exact ($ in an ALB replacement)');
    transforms.push(urlRewrite('^[^?]*(.*)$', `${rewrite.path.exact}$1`));
  }
  // App Mesh's default: the Host header becomes the target virtual service's name.
  if (rewrite?.hostname?.defaultTargetHostname !== 'DISABLED' && targetService !== '')
    transforms.push({
      Type: 'host-header-rewrite',
      HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^.*$', Replace: targetService.toLowerCase() }] },
    });

  return {
    match: {
      path,
      ...(match.method === undefined ? {} : { method: match.method }),
      ...(match.hostname === undefined ? {} : { hostname: match.hostname }),
      headers: (match.headers ?? []).map((header, index) => ({ header, at: `match.headers[${index}]` })),
      query: (match.queryParameters ?? []).map((parameter, index) => ({
        parameter,
        at: `match.queryParameters[${index}]`,
      })),
    },
    rewrite: pathRewrite,
    transforms,
    notExact,
  };
}

/**
 * The gateway route's match and one of its router's routes as one rule's match, in the caller's
 * terms; `notExact` names the router route's settings the rule cannot carry.
 */
export function withRouterRoute(
  gateway: GatewayRuleParts,
  route: HttpRoute,
): { match: RuleMatch; notExact: string[] } {
  const match = route.match ?? {};
  const notExact: string[] = [];
  let path = gateway.match.path;
  if (path.kind !== 'never') {
    const inRouter = routerPath(gateway.rewrite, match.prefix, match.path);
    if (inRouter === 'unexpressible')
      notExact.push(match.path?.regex === undefined ? 'match.prefix' : 'match.path.regex');
    else if (inRouter.kind !== 'any') path = inRouter;
  }
  let method = gateway.match.method;
  let noMethod = gateway.match.noMethod === true;
  if (match.method !== undefined) {
    if (method !== undefined && method !== match.method) noMethod = true;
    method = match.method;
  }
  const headers = [...gateway.match.headers];
  (match.headers ?? []).forEach((header, index) => {
    const at = `match.headers[${index}]`;
    // The router sees the Host the gateway rewrote, not the caller's.
    if ((header.name ?? '').toLowerCase() === 'host') notExact.push(`${at} (the Host the gateway rewrote)`);
    else headers.push({ header, at });
  });
  const query = [
    ...gateway.match.query,
    ...(match.queryParameters ?? []).map((parameter, index) => ({
      parameter,
      at: `match.queryParameters[${index}]`,
    })),
  ];
  if (match.scheme !== undefined) notExact.push('match.scheme');
  if (match.port !== undefined) notExact.push('match.port');
  if (route.retryPolicy !== undefined) notExact.push('retryPolicy');
  if (route.timeout !== undefined) notExact.push('timeout');
  return {
    match: {
      path,
      ...(method === undefined ? {} : { method }),
      ...(noMethod ? { noMethod } : {}),
      ...(gateway.match.hostname === undefined ? {} : { hostname: gateway.match.hostname }),
      headers,
      query,
    },
    notExact,
  };
}

/**
 * A router route's path (tested on the rewritten path) as a condition on the caller's path.
 * `any` keeps the gateway route's own path condition.
 */
function routerPath(
  rewrite: PathRewrite,
  prefix: string | undefined,
  path: { exact?: string; regex?: string } | undefined,
): PathCondition | 'unexpressible' {
  if (rewrite.kind === 'constant') {
    const value = rewrite.value;
    const holds =
      path?.exact !== undefined
        ? value === path.exact
        : path?.regex !== undefined
          ? fullMatch(path.regex, value)
          : value.startsWith(prefix ?? '/');
    return holds ? { kind: 'any' } : { kind: 'never' };
  }
  if (rewrite.kind === 'unknown') {
    return path === undefined && (prefix ?? '/') === '/' ? { kind: 'any' } : 'unexpressible';
  }
  const { from, to } = rewrite;
  if (path?.regex !== undefined) return 'unexpressible';
  if (path?.exact !== undefined) {
    return path.exact.startsWith(to)
      ? { kind: 'exact', value: from + path.exact.slice(to.length) }
      : { kind: 'never' };
  }
  const wanted = prefix ?? '/';
  if (to.startsWith(wanted)) return { kind: 'any' };
  if (!wanted.startsWith(to)) return { kind: 'never' };
  const value = from + wanted.slice(to.length);
  return value === '/' ? { kind: 'any' } : { kind: 'prefix', value };
}

/**
 * The rule's conditions. ALB compares header, query and host values without case and reads `*`
 * and `?` as wildcards: a value where that changes the match is named in `notExact`.
 */
export function albConditions(match: RuleMatch): { conditions: RuleCondition[]; notExact: string[] } {
  const conditions: RuleCondition[] = [];
  const notExact: string[] = [];
  const wildcards = (value: string, at: string) => {
    if (/[*?]/.test(value)) notExact.push(`${at} (ALB reads * and ? as wildcards)`);
  };
  const { path } = match;
  if (path.kind === 'prefix') {
    wildcards(path.value, 'match.prefix');
    conditions.push({ Field: 'path-pattern', PathPatternConfig: { Values: [`${path.value}*`] } });
  } else if (path.kind === 'exact') {
    wildcards(path.value, 'match.path.exact');
    conditions.push({ Field: 'path-pattern', PathPatternConfig: { Values: [path.value] } });
  }
  if (match.hostname?.exact !== undefined)
    conditions.push({ Field: 'host-header', HostHeaderConfig: { Values: [match.hostname.exact] } });
  else if (match.hostname?.suffix !== undefined)
    conditions.push({ Field: 'host-header', HostHeaderConfig: { Values: [`*${match.hostname.suffix}`] } });
  if (match.method !== undefined)
    conditions.push({ Field: 'http-request-method', HttpRequestMethodConfig: { Values: [match.method] } });
  for (const { header, at } of match.headers) {
    const value = headerValue(header, at, notExact);
    if (value === undefined) continue;
    wildcards(value.text, at);
    if (value.caseMatters) notExact.push(`${at} (ALB compares header values without case)`);
    conditions.push({
      Field: 'http-header',
      HttpHeaderConfig: { HttpHeaderName: header.name, Values: [value.pattern] },
    });
  }
  for (const { parameter, at } of match.query) {
    const exact = parameter.match?.exact;
    if (exact !== undefined) {
      wildcards(exact, at);
      notExact.push(`${at} (ALB compares query strings without case)`);
    }
    conditions.push({
      Field: 'query-string',
      QueryStringConfig: { Values: [{ Key: parameter.name, Value: exact ?? '*' }] },
    });
  }
  // A rule needs a condition: every path, as the route without one.
  if (conditions.length === 0)
    conditions.push({ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } });
  return { conditions, notExact };
}

function headerValue(
  header: HttpRouteHeader,
  at: string,
  notExact: string[],
): { pattern: string; text: string; caseMatters: boolean } | undefined {
  const match = header.match;
  if (header.invert === true) {
    notExact.push(`${at}.invert`);
    return undefined;
  }
  if (match === undefined) return { pattern: '*', text: '', caseMatters: false };
  if (match.exact !== undefined) return { pattern: match.exact, text: match.exact, caseMatters: true };
  if (match.prefix !== undefined)
    return { pattern: `${match.prefix}*`, text: match.prefix, caseMatters: true };
  if (match.suffix !== undefined)
    return { pattern: `*${match.suffix}`, text: match.suffix, caseMatters: true };
  notExact.push(`${at}.match.${match.regex !== undefined ? 'regex' : 'range'}`);
  return undefined;
}

function urlRewrite(regex: string, replace: string): RuleTransform {
  return { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: regex, Replace: replace }] } };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Envoy's safe_regex matches the whole value; an invalid expression matches nothing. */
function fullMatch(source: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${source})$`).test(value);
  } catch {
    return false;
  }
}
