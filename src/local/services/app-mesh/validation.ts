/**
 * Spec validation, one function per resource kind: every field constraint of the model
 * (aws-facts 3.5) and the semantic rules AWS adds (health-check port, prefix starting with '/').
 * References to other resources are checked in references.ts, against the state.
 */
import type {
  Duration,
  GatewayRouteSpec,
  GrpcGatewayRouteMetadata,
  GrpcRetryPolicy,
  GrpcRouteMetadata,
  HeaderMatchMethod,
  HealthCheckPolicy,
  HttpGatewayRoute,
  HttpPathMatch,
  HttpQueryParameter,
  HttpRetryPolicy,
  HttpRoute,
  HttpRouteHeader,
  Listener,
  Logging,
  MeshSpec,
  OutlierDetection,
  RouteSpec,
  VirtualGatewayHealthCheckPolicy,
  VirtualGatewayListener,
  VirtualGatewayLogging,
  VirtualGatewaySpec,
  VirtualNodeSpec,
  VirtualRouterSpec,
  VirtualServiceSpec,
  WeightedTarget,
} from '@aws-sdk/client-app-mesh';
import { GATEWAY_LISTENER_PROTOCOLS, LISTENER_PROTOCOLS } from '../../../validate/listeners.js';
import { EGRESS_FILTER_TYPES, IP_PREFERENCES } from '../../../validate/names.js';
import { ROUTE_MEMBERS } from '../../../validate/route-kinds.js';
import { GRPC_RETRY_EVENTS, HTTP_RETRY_EVENTS } from '../../../validate/routes.js';
import { TLS_MODES } from '../../../validate/tls.js';
import { badRequest } from './errors.js';
import {
  count,
  length,
  member,
  oneOf,
  range,
  required,
  requiredLength,
  requiredRange,
} from './field-checks.js';

/** In the model's order, which the error message prints (src/validate lists them in another order). */
const HTTP_METHODS = ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'];

/** Mesh, node, router, route, gateway and gateway route names, and provider/target references. */
export function checkResourceName(path: string, name: string | undefined): void {
  requiredLength(path, name, 1, 255);
}

export function checkMeshSpec(spec: MeshSpec): void {
  if (spec.egressFilter !== undefined) {
    oneOf(
      'spec.egressFilter.type',
      required('spec.egressFilter.type', spec.egressFilter.type),
      EGRESS_FILTER_TYPES,
    );
  }
  oneOf('spec.serviceDiscovery.ipPreference', spec.serviceDiscovery?.ipPreference, IP_PREFERENCES);
}

export function checkVirtualNodeSpec(spec: VirtualNodeSpec): void {
  const listeners = spec.listeners ?? [];
  for (const [i, listener] of listeners.entries())
    checkNodeListener(member('spec.listeners', i), listener, listeners);
  (spec.backends ?? []).forEach((backend, i) => {
    const path = `${member('spec.backends', i)}.virtualService`;
    const service = required(path, backend.virtualService);
    required(`${path}.virtualServiceName`, service.virtualServiceName);
    checkClientTls(`${path}.clientPolicy.tls`, service.clientPolicy?.tls);
  });
  checkClientTls('spec.backendDefaults.clientPolicy.tls', spec.backendDefaults?.clientPolicy?.tls);
  checkServiceDiscovery(spec);
  checkLogging('spec.logging.accessLog.file', spec.logging);
}

function checkNodeListener(path: string, listener: Listener, all: readonly Listener[]): void {
  const mapping = checkPortMapping(path, listener.portMapping, LISTENER_PROTOCOLS);
  if (listener.healthCheck !== undefined) {
    checkHealthCheck(
      `${path}.healthCheck`,
      listener.healthCheck,
      LISTENER_PROTOCOLS,
      all.map((l) => l.portMapping?.port),
    );
  }
  if (listener.outlierDetection !== undefined)
    checkOutlierDetection(`${path}.outlierDetection`, listener.outlierDetection);
  checkConnectionPool(path, listener.connectionPool, mapping.protocol);
  const timeout = listener.timeout;
  if (timeout !== undefined) {
    for (const [protocol, settings] of Object.entries(timeout)) {
      if (protocol !== mapping.protocol) {
        throw badRequest(
          `Listener timeout protocol ${protocol} must match the listener's port mapping protocol ${mapping.protocol}.`,
        );
      }
      for (const [field, duration] of Object.entries(settings as Record<string, Duration | undefined>)) {
        checkDuration(`${path}.timeout.${protocol}.${field}`, duration);
      }
    }
  }
  checkListenerTls(path, listener.tls);
}

/** A listener's port mapping (required): the port, and a protocol among those the owner takes. */
function checkPortMapping(
  path: string,
  portMapping: { port?: number; protocol?: string } | undefined,
  protocols: readonly string[],
): { port?: number; protocol?: string } {
  const mapping = required(`${path}.portMapping`, portMapping);
  requiredRange(`${path}.portMapping.port`, mapping.port, 1, 65535);
  oneOf(
    `${path}.portMapping.protocol`,
    required(`${path}.portMapping.protocol`, mapping.protocol),
    protocols,
  );
  return mapping;
}

/** A listener's connection pool: of the listener's protocol, every limit at least 1. */
function checkConnectionPool(path: string, pool: object | undefined, protocol: string | undefined): void {
  if (pool === undefined) return;
  const [poolProtocol, settings] = Object.entries(pool)[0] ?? ['', {}];
  if (poolProtocol !== protocol) {
    throw badRequest(
      `Listener connection pool protocol ${poolProtocol} must match the listener's port mapping protocol ${protocol}.`,
    );
  }
  for (const [field, value] of Object.entries(settings as Record<string, number | undefined>)) {
    range(`${path}.connectionPool.${poolProtocol}.${field}`, value, 1);
  }
}

function checkListenerTls(path: string, tls: { mode?: string } | undefined): void {
  if (tls !== undefined) {
    oneOf(`${path}.tls.mode`, required(`${path}.tls.mode`, tls.mode), TLS_MODES);
  }
}

function checkHealthCheck(
  path: string,
  check: HealthCheckPolicy | VirtualGatewayHealthCheckPolicy,
  protocols: readonly string[],
  listenerPorts: readonly (number | undefined)[],
): void {
  requiredRange(`${path}.healthyThreshold`, check.healthyThreshold, 2, 10);
  requiredRange(`${path}.unhealthyThreshold`, check.unhealthyThreshold, 2, 10);
  requiredRange(`${path}.intervalMillis`, check.intervalMillis, 5000, 300000);
  requiredRange(`${path}.timeoutMillis`, check.timeoutMillis, 2000, 60000);
  oneOf(`${path}.protocol`, required(`${path}.protocol`, check.protocol), protocols);
  range(`${path}.port`, check.port, 1, 65535);
  if (check.port !== undefined && !listenerPorts.includes(check.port)) {
    throw badRequest(
      `The health check port ${check.port} must match a listener port (${listenerPorts.join(', ')}).`,
    );
  }
}

function checkOutlierDetection(path: string, outlier: OutlierDetection): void {
  requiredRange(`${path}.maxServerErrors`, outlier.maxServerErrors, 1);
  requiredRange(`${path}.maxEjectionPercent`, outlier.maxEjectionPercent, 0, 100);
  checkDuration(`${path}.interval`, required(`${path}.interval`, outlier.interval));
  checkDuration(
    `${path}.baseEjectionDuration`,
    required(`${path}.baseEjectionDuration`, outlier.baseEjectionDuration),
  );
}

function checkDuration(path: string, duration: Duration | undefined): void {
  if (duration === undefined) return;
  range(`${path}.value`, duration.value, 0);
  oneOf(`${path}.unit`, duration.unit, ['s', 'ms']);
}

function checkClientTls(
  path: string,
  tls: { validation?: { trust?: { acm?: { certificateAuthorityArns?: string[] } } } } | undefined,
): void {
  if (tls === undefined) return;
  const validation = required(`${path}.validation`, tls.validation);
  count(
    `${path}.validation.trust.acm.certificateAuthorityArns`,
    validation.trust?.acm?.certificateAuthorityArns,
    1,
    3,
  );
}

function checkServiceDiscovery(spec: VirtualNodeSpec): void {
  const discovery = spec.serviceDiscovery;
  if (discovery?.awsCloudMap !== undefined) {
    const path = 'spec.serviceDiscovery.awsCloudMap';
    const cloudMap = discovery.awsCloudMap;
    requiredLength(`${path}.namespaceName`, cloudMap.namespaceName, 1, 1024);
    requiredLength(`${path}.serviceName`, cloudMap.serviceName, 1, 1024);
    oneOf(`${path}.ipPreference`, cloudMap.ipPreference, IP_PREFERENCES);
    (cloudMap.attributes ?? []).forEach((attribute, i) => {
      const at = member(`${path}.attributes`, i);
      requiredLength(`${at}.key`, attribute.key, 1, 255);
      if (!/^[a-zA-Z0-9!-~]+$/.test(attribute.key ?? '')) {
        throw badRequest(`${at}.key must satisfy regular expression pattern: ^[a-zA-Z0-9!-~]+$`);
      }
      requiredLength(`${at}.value`, attribute.value, 1, 1024);
    });
  }
  if (discovery?.dns !== undefined) {
    const path = 'spec.serviceDiscovery.dns';
    required(`${path}.hostname`, discovery.dns.hostname);
    oneOf(`${path}.responseType`, discovery.dns.responseType, ['LOADBALANCER', 'ENDPOINTS']);
    oneOf(`${path}.ipPreference`, discovery.dns.ipPreference, IP_PREFERENCES);
  }
}

function checkLogging(path: string, logging: Logging | VirtualGatewayLogging | undefined): void {
  const file = logging?.accessLog?.file;
  if (file === undefined) return;
  requiredLength(`${path}.path`, file.path, 1, 255);
  length(`${path}.format.text`, file.format?.text, 1, 1000);
  (file.format?.json ?? []).forEach((entry, i) => {
    const at = member(`${path}.format.json`, i);
    requiredLength(`${at}.key`, entry.key, 1, 100);
    requiredLength(`${at}.value`, entry.value, 1, 100);
  });
}

export function checkVirtualServiceSpec(spec: VirtualServiceSpec): void {
  const provider = spec.provider;
  if (provider?.virtualNode !== undefined) {
    checkResourceName('spec.provider.virtualNode.virtualNodeName', provider.virtualNode.virtualNodeName);
  }
  if (provider?.virtualRouter !== undefined) {
    checkResourceName(
      'spec.provider.virtualRouter.virtualRouterName',
      provider.virtualRouter.virtualRouterName,
    );
  }
}

export function checkVirtualRouterSpec(spec: VirtualRouterSpec): void {
  (spec.listeners ?? []).forEach((listener, i) => {
    checkPortMapping(member('spec.listeners', i), listener.portMapping, LISTENER_PROTOCOLS);
  });
}

/** The one route type a route spec sets: `httpRoute`, `http2Route`, `grpcRoute` or `tcpRoute`. */
export function routeTypeOf(spec: RouteSpec | GatewayRouteSpec): string {
  const types = ROUTE_MEMBERS.filter((type) => (spec as RouteSpec)[type] !== undefined);
  if (types.length !== 1) {
    throw badRequest(
      `A route spec must specify exactly one of httpRoute, http2Route, grpcRoute or tcpRoute; received ${types.length === 0 ? 'none' : types.join(', ')}.`,
    );
  }
  return types[0] as string;
}

export function checkRouteSpec(spec: RouteSpec): void {
  range('spec.priority', spec.priority, 0, 1000);
  const type = routeTypeOf(spec);
  const path = `spec.${type}`;
  if (spec.httpRoute !== undefined || spec.http2Route !== undefined) {
    checkHttpRoute(path, (spec.httpRoute ?? spec.http2Route) as HttpRoute);
  }
  if (spec.grpcRoute !== undefined) {
    const route = spec.grpcRoute;
    checkWeightedTargets(
      `${path}.action.weightedTargets`,
      required(`${path}.action`, route.action).weightedTargets,
    );
    const match = required(`${path}.match`, route.match);
    length(`${path}.match.methodName`, match.methodName, 1, 50);
    if (match.methodName !== undefined && match.serviceName === undefined) {
      throw badRequest('A gRPC route match with a methodName must also specify a serviceName.');
    }
    range(`${path}.match.port`, match.port, 1, 65535);
    checkGrpcMetadata(`${path}.match.metadata`, match.metadata);
    if (route.retryPolicy !== undefined) checkRetryPolicy(`${path}.retryPolicy`, route.retryPolicy);
    checkDuration(`${path}.timeout.perRequest`, route.timeout?.perRequest);
    checkDuration(`${path}.timeout.idle`, route.timeout?.idle);
  }
  if (spec.tcpRoute !== undefined) {
    const route = spec.tcpRoute;
    checkWeightedTargets(
      `${path}.action.weightedTargets`,
      required(`${path}.action`, route.action).weightedTargets,
    );
    range(`${path}.match.port`, route.match?.port, 1, 65535);
    checkDuration(`${path}.timeout.idle`, route.timeout?.idle);
  }
}

function checkHttpRoute(path: string, route: HttpRoute): void {
  checkWeightedTargets(
    `${path}.action.weightedTargets`,
    required(`${path}.action`, route.action).weightedTargets,
  );
  const match = required(`${path}.match`, route.match);
  checkHttpMatch(`${path}.match`, match);
  oneOf(`${path}.match.scheme`, match.scheme, ['http', 'https']);
  if (route.retryPolicy !== undefined) checkRetryPolicy(`${path}.retryPolicy`, route.retryPolicy);
  checkDuration(`${path}.timeout.perRequest`, route.timeout?.perRequest);
  checkDuration(`${path}.timeout.idle`, route.timeout?.idle);
}

/** What route and gateway route HTTP matches share. */
function checkHttpMatch(
  path: string,
  match: {
    prefix?: string;
    path?: HttpPathMatch;
    headers?: HttpRouteHeader[];
    queryParameters?: HttpQueryParameter[];
    method?: string;
    port?: number;
  },
): void {
  if (match.prefix !== undefined && !match.prefix.startsWith('/')) {
    throw badRequest(`The route match prefix must start with '/'; received '${match.prefix}'.`);
  }
  if (match.prefix !== undefined && match.path !== undefined) {
    throw badRequest('A route match may specify a prefix or a path, not both.');
  }
  if (match.path !== undefined) {
    const { exact, regex } = match.path;
    if ((exact === undefined) === (regex === undefined)) {
      throw badRequest('A route path match must specify exactly one of exact or regex.');
    }
    length(`${path}.path.exact`, exact, 1, 255);
    length(`${path}.path.regex`, regex, 1, 255);
  }
  count(`${path}.headers`, match.headers, 1, 10);
  (match.headers ?? []).forEach((header, i) => {
    const at = member(`${path}.headers`, i);
    requiredLength(`${at}.name`, header.name, 1, 50);
    checkHeaderMatch(`${at}.match`, header.match);
  });
  count(`${path}.queryParameters`, match.queryParameters, 1, 10);
  (match.queryParameters ?? []).forEach((parameter, i) => {
    required(`${member(`${path}.queryParameters`, i)}.name`, parameter.name);
  });
  oneOf(`${path}.method`, match.method, HTTP_METHODS);
  range(`${path}.port`, match.port, 1, 65535);
}

function checkHeaderMatch(path: string, match: HeaderMatchMethod | undefined): void {
  if (match === undefined) return;
  for (const field of ['exact', 'prefix', 'suffix', 'regex'] as const)
    length(`${path}.${field}`, match[field], 1, 255);
  if (match.range !== undefined) {
    required(`${path}.range.start`, match.range.start);
    required(`${path}.range.end`, match.range.end);
  }
}

function checkGrpcMetadata(
  path: string,
  metadata: readonly (GrpcRouteMetadata | GrpcGatewayRouteMetadata)[] | undefined,
): void {
  count(path, metadata, 1, 10);
  (metadata ?? []).forEach((entry, i) => {
    const at = member(path, i);
    requiredLength(`${at}.name`, entry.name, 1, 50);
    checkHeaderMatch(`${at}.match`, entry.match);
  });
}

function checkWeightedTargets(path: string, targets: readonly WeightedTarget[] | undefined): void {
  count(path, required(path, targets), 1, 10);
  (targets ?? []).forEach((target, i) => {
    const at = member(path, i);
    checkResourceName(`${at}.virtualNode`, target.virtualNode);
    requiredRange(`${at}.weight`, target.weight, 0, 100);
    range(`${at}.port`, target.port, 1, 65535);
  });
}

function checkRetryPolicy(path: string, policy: HttpRetryPolicy | GrpcRetryPolicy): void {
  requiredRange(`${path}.maxRetries`, policy.maxRetries, 0);
  checkDuration(`${path}.perRetryTimeout`, required(`${path}.perRetryTimeout`, policy.perRetryTimeout));
  const grpcEvents = 'grpcRetryEvents' in policy ? policy.grpcRetryEvents : undefined;
  count(`${path}.httpRetryEvents`, policy.httpRetryEvents, 1, 25);
  count(`${path}.tcpRetryEvents`, policy.tcpRetryEvents, 1, 1);
  count(`${path}.grpcRetryEvents`, grpcEvents, 1, 5);
  const events: [string, readonly string[] | undefined, readonly string[]][] = [
    ['httpRetryEvents', policy.httpRetryEvents, HTTP_RETRY_EVENTS],
    ['tcpRetryEvents', policy.tcpRetryEvents, ['connection-error']],
    ['grpcRetryEvents', grpcEvents, GRPC_RETRY_EVENTS],
  ];
  for (const [field, list, allowed] of events) {
    for (const [i, event] of (list ?? []).entries()) oneOf(member(`${path}.${field}`, i), event, allowed);
  }
  if (
    policy.httpRetryEvents === undefined &&
    policy.tcpRetryEvents === undefined &&
    grpcEvents === undefined
  ) {
    throw badRequest('A retry policy must specify at least one value for at least one type of retry event.');
  }
}

export function checkVirtualGatewaySpec(spec: VirtualGatewaySpec): void {
  const listeners = required('spec.listeners', spec.listeners);
  for (const [i, listener] of listeners.entries()) {
    checkGatewayListener(member('spec.listeners', i), listener, listeners);
  }
  checkClientTls('spec.backendDefaults.clientPolicy.tls', spec.backendDefaults?.clientPolicy?.tls);
  checkLogging('spec.logging.accessLog.file', spec.logging);
}

function checkGatewayListener(
  path: string,
  listener: VirtualGatewayListener,
  all: readonly VirtualGatewayListener[],
): void {
  const mapping = checkPortMapping(path, listener.portMapping, GATEWAY_LISTENER_PROTOCOLS);
  if (listener.healthCheck !== undefined) {
    checkHealthCheck(
      `${path}.healthCheck`,
      listener.healthCheck,
      GATEWAY_LISTENER_PROTOCOLS,
      all.map((l) => l.portMapping?.port),
    );
  }
  checkConnectionPool(path, listener.connectionPool, mapping.protocol);
  checkListenerTls(path, listener.tls);
}

export function checkGatewayRouteSpec(spec: GatewayRouteSpec): void {
  range('spec.priority', spec.priority, 0, 1000);
  const type = routeTypeOf(spec);
  const path = `spec.${type}`;
  const http = spec.httpRoute ?? spec.http2Route;
  if (http !== undefined) checkHttpGatewayRoute(path, http);
  if (spec.grpcRoute !== undefined) {
    const route = spec.grpcRoute;
    checkGatewayTarget(`${path}.action.target`, required(`${path}.action`, route.action).target);
    const match = required(`${path}.match`, route.match);
    checkHostnameMatch(`${path}.match.hostname`, match.hostname);
    checkGrpcMetadata(`${path}.match.metadata`, match.metadata);
    range(`${path}.match.port`, match.port, 1, 65535);
    oneOf(
      `${path}.action.rewrite.hostname.defaultTargetHostname`,
      route.action?.rewrite?.hostname?.defaultTargetHostname,
      ['ENABLED', 'DISABLED'],
    );
  }
}

function checkHttpGatewayRoute(path: string, route: HttpGatewayRoute): void {
  const action = required(`${path}.action`, route.action);
  checkGatewayTarget(`${path}.action.target`, action.target);
  const match = required(`${path}.match`, route.match);
  checkHttpMatch(`${path}.match`, match);
  checkHostnameMatch(`${path}.match.hostname`, match.hostname);
  const rewrite = action.rewrite;
  oneOf(`${path}.action.rewrite.prefix.defaultPrefix`, rewrite?.prefix?.defaultPrefix, [
    'ENABLED',
    'DISABLED',
  ]);
  length(`${path}.action.rewrite.prefix.value`, rewrite?.prefix?.value, 1, 255);
  length(`${path}.action.rewrite.path.exact`, rewrite?.path?.exact, 1, 255);
  oneOf(`${path}.action.rewrite.hostname.defaultTargetHostname`, rewrite?.hostname?.defaultTargetHostname, [
    'ENABLED',
    'DISABLED',
  ]);
}

function checkGatewayTarget(
  path: string,
  target: { virtualService?: { virtualServiceName?: string }; port?: number } | undefined,
): void {
  const service = required(`${path}.virtualService`, required(path, target).virtualService);
  required(`${path}.virtualService.virtualServiceName`, service.virtualServiceName);
  range(`${path}.port`, target?.port, 1, 65535);
}

function checkHostnameMatch(path: string, hostname: { exact?: string; suffix?: string } | undefined): void {
  length(`${path}.exact`, hostname?.exact, 1, 253);
  length(`${path}.suffix`, hostname?.suffix, 1, 253);
}
