import { describe, expect, test } from 'vitest';
import { cloudMapService } from '../../src/options/cloud-map.js';
import { duration } from '../../src/options/duration.js';
import { gatewayRouteSpec, rewrite } from '../../src/options/gateway-route.js';
import { healthCheck } from '../../src/options/health-check.js';
import { gatewayListener, listener } from '../../src/options/listener.js';
import { logging } from '../../src/options/logging.js';
import { outlierDetection } from '../../src/options/outlier-detection.js';
import { routeSpec } from '../../src/options/route.js';
import {
  headerMatch,
  hostnameMatch,
  metadataMatch,
  queryParameterMatch,
} from '../../src/options/route-match.js';
import { cloudMap } from '../../src/options/service-discovery.js';
import { container } from '../../src/options/task.js';
import { tls } from '../../src/options/tls.js';

describe('duration', () => {
  test('parses seconds and milliseconds and passes SDK durations through', () => {
    expect(duration('15s')).toEqual({ value: 15, unit: 's' });
    expect(duration('500ms')).toEqual({ value: 500, unit: 'ms' });
    expect(duration({ value: 2, unit: 's' })).toEqual({ value: 2, unit: 's' });
  });

  test('text that is not a duration is a TypeError', () => {
    expect(() => duration('15 minutes' as '15s')).toThrow(TypeError);
  });
});

describe('listeners and health checks', () => {
  test('health check defaults; the listener fills the port', () => {
    expect(healthCheck.http('/healthcheck')).toEqual({
      protocol: 'http',
      path: '/healthcheck',
      healthyThreshold: 2,
      unhealthyThreshold: 2,
      intervalMillis: 5000,
      timeoutMillis: 2000,
    });
    const l = listener.http(80, { healthCheck: healthCheck.http('/hc', { interval: '10s', timeout: 500 }) });
    expect(l.healthCheck).toMatchObject({ port: 80, intervalMillis: 10_000, timeoutMillis: 500 });
  });

  test('timeouts, pools and outlier detection use the protocol-keyed SDK shapes', () => {
    const l = listener.grpc(50051, {
      timeout: { idle: '30s', perRequest: '5s' },
      connectionPool: { maxRequests: 100 },
      outlierDetection: outlierDetection({
        maxServerErrors: 5,
        interval: '10s',
        baseEjectionDuration: '30s',
        maxEjectionPercent: 50,
      }),
    });
    expect(l).toEqual({
      portMapping: { port: 50051, protocol: 'grpc' },
      timeout: { grpc: { idle: { value: 30, unit: 's' }, perRequest: { value: 5, unit: 's' } } },
      connectionPool: { grpc: { maxRequests: 100 } },
      outlierDetection: {
        maxServerErrors: 5,
        interval: { value: 10, unit: 's' },
        baseEjectionDuration: { value: 30, unit: 's' },
        maxEjectionPercent: 50,
      },
    });
    expect(listener.tcp(5432, { timeout: { idle: '1s' } }).timeout).toEqual({
      tcp: { idle: { value: 1, unit: 's' } },
    });
  });

  test('gateway listener with pool and TLS', () => {
    expect(
      gatewayListener.http2(443, { connectionPool: { maxRequests: 10 }, tls: tls.listener(tls.sds('gw')) }),
    ).toEqual({
      portMapping: { port: 443, protocol: 'http2' },
      connectionPool: { http2: { maxRequests: 10 } },
      tls: { mode: 'STRICT', certificate: { sds: { secretName: 'gw' } } },
    });
  });
});

describe('tls', () => {
  test('listener TLS with mutual TLS validation', () => {
    expect(
      tls.listener(tls.file('/c.pem', '/k.pem'), {
        mode: 'PERMISSIVE',
        trust: tls.trustFile('/ca.pem'),
        subjectAlternativeNames: ['client.local'],
      }),
    ).toEqual({
      mode: 'PERMISSIVE',
      certificate: { file: { certificateChain: '/c.pem', privateKey: '/k.pem' } },
      validation: {
        trust: { file: { certificateChain: '/ca.pem' } },
        subjectAlternativeNames: { match: { exact: ['client.local'] } },
      },
    });
  });

  test('client policy enforces by default', () => {
    expect(tls.client({ trust: tls.trustAcm(['arn:ca']), ports: [443], certificate: tls.sds('me') })).toEqual(
      {
        tls: {
          enforce: true,
          ports: [443],
          certificate: { sds: { secretName: 'me' } },
          validation: { trust: { acm: { certificateAuthorityArns: ['arn:ca'] } } },
        },
      },
    );
  });
});

describe('logging, discovery, Cloud Map, containers', () => {
  test('logging formats', () => {
    expect(logging.text('/dev/stdout')).toEqual({ accessLog: { file: { path: '/dev/stdout' } } });
    expect(logging.json('/dev/stdout', { a: '%A%', b: '%B%' }).accessLog?.file?.format).toEqual({
      json: [
        { key: 'a', value: '%A%' },
        { key: 'b', value: '%B%' },
      ],
    });
  });

  test('cloudMap discovery attributes default to {} and the namespace stays unset', () => {
    expect(cloudMap('red')).toEqual({ kind: 'cloudMap', service: 'red', attributes: {} });
    expect(cloudMap('red', { namespace: 'other.local', ipPreference: 'IPv6_ONLY' })).toMatchObject({
      namespace: 'other.local',
      ipPreference: 'IPv6_ONLY',
    });
  });

  test('Cloud Map service defaults, and ttl as a shortcut', () => {
    expect(cloudMapService('red', { ttl: 60 })).toEqual({
      kind: 'cloudMapService',
      name: 'red',
      dnsRecords: [{ Type: 'A', TTL: 60 }],
      routingPolicy: 'MULTIVALUE',
      healthCheckCustomConfig: { FailureThreshold: 1 },
      tags: {},
    });
  });

  test('containers are essential by default', () => {
    expect(container('app', { image: 'img', port: 8080 })).toEqual({
      name: 'app',
      image: 'img',
      port: 8080,
      environment: {},
      essential: true,
    });
  });
});

describe('routes', () => {
  test('http route: default prefix, headers, query, retry policy, timeout, priority', () => {
    const spec = routeSpec({
      match: {
        method: 'POST',
        headers: [headerMatch.exact('x-canary', 'true'), headerMatch.range('x-n', 1, 5, { invert: true })],
        queryParameters: [queryParameterMatch.present('debug')],
      },
      targets: { green: 4, yellow: 1 },
      retryPolicy: {
        maxRetries: 3,
        perRetryTimeout: '2s',
        httpEvents: ['server-error'],
        tcpEvents: ['connection-error'],
      },
      timeout: { perRequest: '10s' },
      priority: 5,
    });
    expect(spec).toEqual({
      priority: 5,
      httpRoute: {
        match: {
          prefix: '/',
          method: 'POST',
          headers: [
            { name: 'x-canary', match: { exact: 'true' } },
            { name: 'x-n', invert: true, match: { range: { start: 1, end: 5 } } },
          ],
          queryParameters: [{ name: 'debug' }],
        },
        action: {
          weightedTargets: [
            { virtualNode: 'green', weight: 4 },
            { virtualNode: 'yellow', weight: 1 },
          ],
        },
        retryPolicy: {
          maxRetries: 3,
          perRetryTimeout: { value: 2, unit: 's' },
          httpRetryEvents: ['server-error'],
          tcpRetryEvents: ['connection-error'],
        },
        timeout: { perRequest: { value: 10, unit: 's' } },
      },
    });
  });

  test('http2, grpc and tcp routes, list targets with ports', () => {
    expect(routeSpec({ protocol: 'http2', match: { path: { exact: '/a' } }, targets: { a: 1 } })).toEqual({
      http2Route: {
        match: { path: { exact: '/a' } },
        action: { weightedTargets: [{ virtualNode: 'a', weight: 1 }] },
      },
    });
    expect(
      routeSpec({
        protocol: 'grpc',
        match: { serviceName: 'Svc', methodName: 'Get', metadata: [metadataMatch.prefix('k', 'v')] },
        targets: [{ node: 'a', weight: 1, port: 50051 }],
        retryPolicy: { maxRetries: 1, perRetryTimeout: '1s', grpcEvents: ['unavailable'] },
      }).grpcRoute,
    ).toEqual({
      match: { serviceName: 'Svc', methodName: 'Get', metadata: [{ name: 'k', match: { prefix: 'v' } }] },
      action: { weightedTargets: [{ virtualNode: 'a', weight: 1, port: 50051 }] },
      retryPolicy: {
        maxRetries: 1,
        perRetryTimeout: { value: 1, unit: 's' },
        grpcRetryEvents: ['unavailable'],
      },
    });
    expect(routeSpec({ protocol: 'tcp', targets: { db: 1 }, timeout: { idle: '60s' } })).toEqual({
      tcpRoute: {
        action: { weightedTargets: [{ virtualNode: 'db', weight: 1 }] },
        timeout: { idle: { value: 60, unit: 's' } },
      },
    });
  });

  test('gateway routes: target, port, hostname match and rewrites', () => {
    expect(
      gatewayRouteSpec({
        match: { prefix: '/api', hostname: hostnameMatch.suffix('.example.com') },
        target: 'api.local',
        port: 8080,
        rewrite: { ...rewrite.prefix('/v2/'), ...rewrite.hostname(false) },
        priority: 1,
      }),
    ).toEqual({
      priority: 1,
      httpRoute: {
        match: { prefix: '/api', hostname: { suffix: '.example.com' } },
        action: {
          target: { virtualService: { virtualServiceName: 'api.local' }, port: 8080 },
          rewrite: { prefix: { value: '/v2/' }, hostname: { defaultTargetHostname: 'DISABLED' } },
        },
      },
    });
    expect(gatewayRouteSpec({ protocol: 'grpc', match: { serviceName: 'S' }, target: 's.local' })).toEqual({
      grpcRoute: {
        match: { serviceName: 'S' },
        action: { target: { virtualService: { virtualServiceName: 's.local' } } },
      },
    });
  });
});
