/** What a simulated request gives back: an answer from an app, or why it failed and what curl shows. */

/** Why a request failed, in the order the request meets them. */
export type FailureReason =
  /** The caller (virtual node or gateway) has no running task: there is nothing to curl from. */
  | 'NOT_RUNNING'
  /**
   * The app cannot resolve the host name, so no request is sent and Envoy never sees it. A virtual
   * service's name must resolve (any A record) even when Envoy routes it elsewhere: the tutorial's
   * reason for the `router` Cloud Map service. curl: (6) Could not resolve host.
   */
  | 'DNS_UNRESOLVED'
  /**
   * Service Connect: the name is an endpoint of the caller's namespace, but its Cloud Map service
   * was created after the caller's task started. A task only knows the endpoints that existed when
   * it started (they are written into it at start), so the app cannot resolve the name until the
   * caller's service is deployed again. curl: (6) Could not resolve host.
   */
  | 'ENDPOINT_NEWER_THAN_TASK'
  /**
   * The host is not one of the caller node's backends and the mesh's egress filter is DROP_ALL:
   * Envoy drops the connection. curl: (52) Empty reply from server.
   */
  | 'EGRESS_DENIED'
  /** The backend's virtual service has no provider: Envoy has nothing to send it to. curl: (52). */
  | 'NO_PROVIDER'
  /**
   * The request's port is not a listener port of the virtual service's provider (its virtual
   * router, or its virtual node): Envoy has no route for that host and port. curl: (52).
   */
  | 'NO_LISTENER'
  /**
   * No route (or gateway route) matches the request: Envoy answers 404 with an empty body. VPC
   * Lattice: no rule matches, and the listener's default action answers its fixed status (404).
   */
  | 'NO_ROUTE'
  /** VPC Lattice: a service network's or service's AWS_IAM auth policy does not allow the caller: 403. */
  | 'AUTH_DENIED'
  /** VPC Lattice: the matching rule answers a fixed status itself (no target sees the request). */
  | 'FIXED_RESPONSE'
  /**
   * The chosen virtual node has no endpoint: no Cloud Map instance (or DNS record) for its service
   * discovery, every route weight is 0, or it has no service discovery. Envoy answers 503
   * "no healthy upstream".
   */
  | 'NO_HEALTHY_UPSTREAM'
  /**
   * The endpoint's address has no running task behind it (a stale or dummy Cloud Map instance) or
   * its task does not listen on the target port. Envoy answers 503 "upstream connect error ...".
   */
  | 'UPSTREAM_CONNECT_FAILED'
  /** Outside Envoy (ALLOW_ALL pass-through, or a gateway's port): a task that does not listen on the port. curl: (7). */
  | 'CONNECTION_REFUSED'
  /** Outside Envoy (ALLOW_ALL pass-through): no task owns the address. curl: (28) Connection timed out. */
  | 'CONNECTION_TIMEOUT';

export const FAILURE_REASONS: readonly FailureReason[] = Object.freeze([
  'NOT_RUNNING',
  'DNS_UNRESOLVED',
  'ENDPOINT_NEWER_THAN_TASK',
  'EGRESS_DENIED',
  'NO_PROVIDER',
  'NO_LISTENER',
  'NO_ROUTE',
  'AUTH_DENIED',
  'FIXED_RESPONSE',
  'NO_HEALTHY_UPSTREAM',
  'UPSTREAM_CONNECT_FAILED',
  'CONNECTION_REFUSED',
  'CONNECTION_TIMEOUT',
] as const);

export interface ServedBy {
  /**
   * The virtual node whose task answered (App Mesh), or its ECS service (Service Connect);
   * undefined for a task outside the mesh.
   */
  readonly node: string | undefined;
  readonly ip: string;
}

export interface SimAnswer {
  readonly ok: true;
  readonly status: number;
  /** What the app answered: its task's COLOR (or the node's name), `hi` on /healthcheck. */
  readonly body: string;
  readonly servedBy: ServedBy;
  /** The path the app received, after any gateway rewrite. */
  readonly path: string;
  /** The Host the app received (without its port), after any gateway rewrite; set by gateways and load balancers. */
  readonly host?: string;
  /** What the request went through, one line per step. */
  readonly hops: readonly string[];
}

export interface SimFailure {
  readonly ok: false;
  readonly reason: FailureReason;
  /** Set when Envoy (or VPC Lattice) answered with an HTTP error (403, 404, 503). */
  readonly status?: number;
  readonly message: string;
  /** What `curl <url>` prints. */
  readonly curl: string;
  readonly hops: readonly string[];
}

export type SimResult = SimAnswer | SimFailure;

const NO_HEALTHY_UPSTREAM_BODY = 'no healthy upstream';
const UPSTREAM_CONNECT_BODY =
  'upstream connect error or disconnect/reset before headers. reset reason: connection failure';
const EMPTY_REPLY = 'curl: (52) Empty reply from server';

/** Builds a failure with the status and curl output each reason has. */
export function failure(
  reason: FailureReason,
  message: string,
  hops: readonly string[],
  target: { readonly host: string; readonly port: number },
): SimFailure {
  switch (reason) {
    case 'NOT_RUNNING':
      return { ok: false, reason, message, curl: `(no running task to run curl in: ${message})`, hops };
    case 'DNS_UNRESOLVED':
    case 'ENDPOINT_NEWER_THAN_TASK':
      return { ok: false, reason, message, curl: `curl: (6) Could not resolve host: ${target.host}`, hops };
    case 'EGRESS_DENIED':
    case 'NO_PROVIDER':
    case 'NO_LISTENER':
      return { ok: false, reason, message, curl: EMPTY_REPLY, hops };
    case 'NO_ROUTE':
      return { ok: false, reason, status: 404, message, curl: '', hops };
    case 'AUTH_DENIED':
      return { ok: false, reason, status: 403, message, curl: 'AccessDeniedException', hops };
    case 'FIXED_RESPONSE':
      return { ok: false, reason, message, curl: '', hops };
    case 'NO_HEALTHY_UPSTREAM':
      return { ok: false, reason, status: 503, message, curl: NO_HEALTHY_UPSTREAM_BODY, hops };
    case 'UPSTREAM_CONNECT_FAILED':
      return { ok: false, reason, status: 503, message, curl: UPSTREAM_CONNECT_BODY, hops };
    case 'CONNECTION_REFUSED':
      return {
        ok: false,
        reason,
        message,
        curl: `curl: (7) Failed to connect to ${target.host} port ${target.port}: Connection refused`,
        hops,
      };
    case 'CONNECTION_TIMEOUT':
      return {
        ok: false,
        reason,
        message,
        curl: `curl: (28) Failed to connect to ${target.host} port ${target.port}: Connection timed out`,
        hops,
      };
  }
}
