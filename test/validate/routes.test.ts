import {
  type GrpcRouteMatch,
  HttpMethod,
  HttpScheme,
  type RouteSpec,
  type VirtualRouterListener,
} from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import {
  httpListener,
  namedMatches,
  only,
  route,
  router,
  tutorialDefinition,
  validate,
  withNode,
} from './fixtures.js';

const PATH = 'mesh/color-mesh/virtualRouter/color-router/route/color-route';

/** The tutorial with color-route replaced (and optionally the router's listeners). */
function withRoute(spec: RouteSpec, listeners?: VirtualRouterListener[]): MeshDefinition {
  const base = tutorialDefinition();
  return {
    ...base,
    routers: [
      router('color-router', { routes: [route('color-route', spec)], ...(listeners ? { listeners } : {}) }),
    ],
  };
}

const targets = (...weights: number[]) =>
  weights.map((weight, index) => ({ virtualNode: index % 2 === 0 ? 'green' : 'yellow', weight }));

const http = (
  patch: Partial<NonNullable<RouteSpec['httpRoute']>> = {},
  spec: Partial<RouteSpec> = {},
): RouteSpec => ({
  httpRoute: { match: { prefix: '/' }, action: { weightedTargets: targets(4, 1) }, ...patch },
  ...spec,
});

const GRPC_LISTENERS: VirtualRouterListener[] = [{ portMapping: { port: 80, protocol: 'grpc' } }];

const grpc = (match: GrpcRouteMatch): RouteSpec => ({
  grpcRoute: { match, action: { weightedTargets: targets(1) } },
});

describe('routes rule', () => {
  it('accepts the tutorial route', () => {
    expect(validate(withRoute(http()))).toEqual([]);
  });

  it('reports a weight over 100', () => {
    const issue = only(
      validate(withRoute(http({ action: { weightedTargets: targets(101, 1) } }))),
      'INVALID_WEIGHT',
    );
    expect(issue).toMatchObject({ path: PATH, field: 'spec.httpRoute.action.weightedTargets[0].weight' });
    expect(issue.message).toContain('expected an integer from 0 to 100, received 101');
  });

  it('reports a fractional weight', () => {
    expect(
      only(validate(withRoute(http({ action: { weightedTargets: targets(0.5, 1) } }))), 'INVALID_WEIGHT')
        .received,
    ).toBe('0.5');
  });

  it('reports 11 weighted targets as an error, not a quota warning', () => {
    const issue = only(
      validate(withRoute(http({ action: { weightedTargets: targets(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1) } }))),
      'INVALID_TARGET_COUNT',
    );
    expect(issue).toMatchObject({ severity: 'error', expected: '1 to 10 entries', received: '11 entries' });
  });

  it('accepts a weight of exactly 100', () => {
    expect(validate(withRoute(http({ action: { weightedTargets: targets(100, 1) } })))).toEqual([]);
  });

  it('accepts exactly 10 weighted targets', () => {
    expect(
      validate(withRoute(http({ action: { weightedTargets: targets(1, 1, 1, 1, 1, 1, 1, 1, 1, 1) } }))),
    ).toEqual([]);
  });

  it('reports a negative weight and a missing weight', () => {
    const issue = only(
      validate(withRoute(http({ action: { weightedTargets: targets(-1, 1) } }))),
      'INVALID_WEIGHT',
    );
    expect(issue).toMatchObject({
      path: PATH,
      field: 'spec.httpRoute.action.weightedTargets[0].weight',
      expected: 'an integer from 0 to 100',
      received: '-1',
    });
    const missing = [{ virtualNode: 'green' } as never, { virtualNode: 'yellow', weight: 1 }];
    expect(
      only(validate(withRoute(http({ action: { weightedTargets: missing } }))), 'INVALID_WEIGHT'),
    ).toMatchObject({ field: 'spec.httpRoute.action.weightedTargets[0].weight', received: 'nothing' });
  });

  it('limits weighted target ports and match ports to 1-65535', () => {
    for (const port of [0, 65536]) {
      const target = only(
        validate(
          withRoute(http({ action: { weightedTargets: [{ virtualNode: 'green', weight: 1, port }] } })),
        ),
        'INVALID_PORT',
      );
      expect(target).toMatchObject({
        path: PATH,
        field: 'spec.httpRoute.action.weightedTargets[0].port',
        expected: 'an integer from 1 to 65535',
        received: String(port),
      });
      // Reported once: out of range, not also "not a listener port".
      expect(only(validate(withRoute(http({ match: { prefix: '/', port } }))), 'INVALID_PORT')).toMatchObject(
        {
          path: PATH,
          field: 'spec.httpRoute.match.port',
          expected: 'an integer from 1 to 65535',
          received: String(port),
        },
      );
    }
    const edge = withNode(
      withNode(
        withRoute(
          http({
            match: { prefix: '/', port: 65535 },
            action: {
              weightedTargets: [
                { virtualNode: 'green', weight: 1, port: 65535 },
                { virtualNode: 'yellow', weight: 1, port: 1 },
              ],
            },
          }),
          [{ portMapping: { port: 65535, protocol: 'http' } }],
        ),
        'green',
        (n) => ({ ...n, listeners: [httpListener(65535)] }),
      ),
      'yellow',
      (n) => ({ ...n, listeners: [httpListener(1)] }),
    );
    // Only the route: the tasks' app containers stay on 80 (a warning of the ECS rule).
    expect(validate(edge).filter((i) => i.path === PATH)).toEqual([]);
  });

  it('reports no weighted target and all weights zero', () => {
    expect(
      only(validate(withRoute(http({ action: { weightedTargets: [] } }))), 'INVALID_TARGET_COUNT').received,
    ).toBe('0 entries');
    const issue = only(
      validate(withRoute(http({ action: { weightedTargets: targets(0, 0) } }))),
      'ALL_WEIGHTS_ZERO',
    );
    expect(issue).toMatchObject({ field: 'spec.httpRoute.action.weightedTargets', received: '0, 0' });
    expect(validate(withRoute(http({ action: { weightedTargets: targets(0, 1) } })))).toEqual([]);
  });

  it('reports a priority outside 0-1000', () => {
    const issue = only(validate(withRoute(http({}, { priority: 1001 }))), 'INVALID_PRIORITY');
    expect(issue).toMatchObject({ field: 'spec.priority', expected: 'an integer from 0 to 1000' });
    expect(validate(withRoute(http({}, { priority: 0 })))).toEqual([]);
  });

  it('accepts a priority of exactly 1000', () => {
    expect(validate(withRoute(http({}, { priority: 1000 })))).toEqual([]);
  });

  it('reports a spec with two protocol members or none', () => {
    const both = { ...http(), tcpRoute: { action: { weightedTargets: targets(1) } } };
    expect(only(validate(withRoute(both)), 'INVALID_VALUE')).toMatchObject({
      field: 'spec',
      received: 'httpRoute, tcpRoute',
    });
    expect(only(validate(withRoute({ priority: 1 })), 'INVALID_VALUE').received).toBe('none');
  });

  it('reports an http route on a router that only has a tcp listener', () => {
    const issue = only(
      validate(withRoute(http(), [{ portMapping: { port: 80, protocol: 'tcp' } }])),
      'PROTOCOL_MISMATCH',
    );
    expect(issue).toMatchObject({ path: PATH, field: 'spec.httpRoute' });
    expect(issue.message).toContain(
      'expected a "tcp" route (the listener\'s protocol), received a "http" route',
    );
  });

  it('requires a match port on a router with several listeners, and that port to be a listener port', () => {
    const listeners: VirtualRouterListener[] = [
      { portMapping: { port: 80, protocol: 'http' } },
      { portMapping: { port: 8080, protocol: 'http' } },
    ];
    const missing = only(validate(withRoute(http(), listeners)), 'MISSING_ROUTE_PORT');
    expect(missing).toMatchObject({
      field: 'spec.httpRoute.match.port',
      expected: 'a match port (one of 80, 8080)',
    });
    const wrong = only(
      validate(withRoute(http({ match: { prefix: '/', port: 9090 } }), listeners)),
      'INVALID_PORT',
    );
    expect(wrong.field).toBe('spec.httpRoute.match.port');
    expect(validate(withRoute(http({ match: { prefix: '/', port: 8080 } }), listeners))).toEqual([]);
  });

  it('checks weighted target ports against the target node listeners', () => {
    const issue = only(
      validate(
        withRoute(http({ action: { weightedTargets: [{ virtualNode: 'green', weight: 1, port: 8080 }] } })),
      ),
      'INVALID_PORT',
    );
    expect(issue).toMatchObject({
      field: 'spec.httpRoute.action.weightedTargets[0].port',
      expected: 'a listener port of node "green" (80)',
    });
    const twoListeners = withNode(withRoute(http()), 'green', (n) => ({
      ...n,
      listeners: [httpListener(80), httpListener(81)],
    }));
    expect(only(validate(twoListeners), 'MISSING_ROUTE_PORT').field).toBe(
      'spec.httpRoute.action.weightedTargets[0].port',
    );
  });

  it('checks http matches: prefix, path, headers, query parameters, method, scheme', () => {
    const issues = validate(
      withRoute(
        http({
          match: {
            prefix: 'router',
            path: { exact: '' },
            headers: [{ name: 'x'.repeat(51), match: { exact: 'v'.repeat(256) } }],
            queryParameters: [],
            method: 'FETCH' as never,
            scheme: 'ftp' as never,
          },
        }),
      ),
    );
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['INVALID_MATCH', 'spec.httpRoute.match.prefix'],
      ['INVALID_MATCH', 'spec.httpRoute.match.path.exact'],
      ['INVALID_MATCH', 'spec.httpRoute.match.headers[0].name'],
      ['INVALID_MATCH', 'spec.httpRoute.match.headers[0].match.exact'],
      ['INVALID_MATCH', 'spec.httpRoute.match.queryParameters'],
      ['INVALID_MATCH', 'spec.httpRoute.match.method'],
      ['INVALID_MATCH', 'spec.httpRoute.match.scheme'],
    ]);
    expect(issues[0]?.message).toContain('expected a prefix starting with "/", received "router"');
  });

  it('limits a header name to 1-50 characters and a header match value to 1-255', () => {
    const withHeader = (name: string, exact: string) =>
      withRoute(http({ match: { prefix: '/', headers: [{ name, match: { exact } }] } }));
    const issues = validate(withHeader('', 'v'.repeat(256)));
    expect(issues.map((i) => [i.code, i.path, i.field, i.expected, i.received])).toEqual([
      [
        'INVALID_MATCH',
        PATH,
        'spec.httpRoute.match.headers[0].name',
        'a string of 1 to 50 characters',
        '"" (0 characters)',
      ],
      [
        'INVALID_MATCH',
        PATH,
        'spec.httpRoute.match.headers[0].match.exact',
        'a string of 1 to 255 characters',
        `"${'v'.repeat(60)}..." (256 characters)`,
      ],
    ]);
    expect(only(validate(withHeader('x-color', '')), 'INVALID_MATCH')).toMatchObject({
      field: 'spec.httpRoute.match.headers[0].match.exact',
      received: '"" (0 characters)',
    });
    expect(validate(withHeader('x'.repeat(50), 'v'.repeat(255)))).toEqual([]);
  });

  it('limits an exact or regex path match to 1-255 characters', () => {
    for (const member of ['exact', 'regex'] as const) {
      const withPath = (value: string) => withRoute(http({ match: { path: { [member]: value } } }));
      expect(only(validate(withPath(`/${'p'.repeat(255)}`)), 'INVALID_MATCH')).toMatchObject({
        path: PATH,
        field: `spec.httpRoute.match.path.${member}`,
        expected: 'a string of 1 to 255 characters',
        received: `"/${'p'.repeat(59)}..." (256 characters)`,
      });
      expect(validate(withPath(`/${'p'.repeat(254)}`))).toEqual([]);
    }
  });

  it('takes only an exact query parameter match', () => {
    const queryParameters = [{ name: 'color', match: { prefix: 'bl' } as never }];
    expect(
      only(validate(withRoute(http({ match: { prefix: '/', queryParameters } }))), 'INVALID_VALUE'),
    ).toMatchObject({
      path: PATH,
      field: 'spec.httpRoute.match.queryParameters[0].match',
      expected: 'exactly one of exact',
      received: 'prefix',
    });
    expect(
      validate(
        withRoute(
          http({ match: { prefix: '/', queryParameters: [{ name: 'color', match: { exact: 'blue' } }] } }),
        ),
      ),
    ).toEqual([]);
  });

  it('accepts every HTTP method and both schemes', () => {
    // The SDK's own enums: the model's nine verbs and two schemes.
    for (const method of Object.values(HttpMethod)) {
      for (const scheme of Object.values(HttpScheme)) {
        expect(validate(withRoute(http({ match: { prefix: '/', method, scheme } })))).toEqual([]);
      }
    }
  });

  it('reports 11 headers and requires a prefix or path', () => {
    const headers = Array.from({ length: 11 }, (_, i) => ({ name: `h${i}`, match: { exact: 'v' } }));
    expect(
      only(validate(withRoute(http({ match: { prefix: '/', headers } }))), 'INVALID_MATCH').received,
    ).toBe('11 entries');
    expect(only(validate(withRoute(http({ match: { method: 'GET' } }))), 'INVALID_MATCH').field).toBe(
      'spec.httpRoute.match',
    );
  });

  it('accepts exactly 10 headers', () => {
    expect(validate(withRoute(http({ match: { prefix: '/', headers: namedMatches(10) } })))).toEqual([]);
  });

  it('reports 11 query parameters and accepts 10', () => {
    const issue = only(
      validate(withRoute(http({ match: { prefix: '/', queryParameters: namedMatches(11) } }))),
      'INVALID_MATCH',
    );
    expect(issue).toMatchObject({
      path: PATH,
      field: 'spec.httpRoute.match.queryParameters',
      expected: '1 to 10 entries',
      received: '11 entries',
    });
    expect(validate(withRoute(http({ match: { prefix: '/', queryParameters: namedMatches(10) } })))).toEqual(
      [],
    );
  });

  it('reports 11 grpc metadata entries or none, and accepts 10', () => {
    const match = (metadata: GrpcRouteMatch['metadata']) => ({ serviceName: 'colors.Color', metadata });
    const issue = only(validate(withRoute(grpc(match(namedMatches(11))), GRPC_LISTENERS)), 'INVALID_MATCH');
    expect(issue).toMatchObject({
      path: PATH,
      field: 'spec.grpcRoute.match.metadata',
      expected: '1 to 10 entries',
      received: '11 entries',
    });
    expect(only(validate(withRoute(grpc(match([])), GRPC_LISTENERS)), 'INVALID_MATCH').received).toBe(
      '0 entries',
    );
    expect(validate(withRoute(grpc(match(namedMatches(10))), GRPC_LISTENERS))).toEqual([]);
  });

  it('limits a grpc methodName to 1-50 characters', () => {
    const match = (methodName: string) => ({ serviceName: 'colors.Color', methodName });
    const issue = only(validate(withRoute(grpc(match('m'.repeat(51))), GRPC_LISTENERS)), 'INVALID_MATCH');
    expect(issue).toMatchObject({
      path: PATH,
      field: 'spec.grpcRoute.match.methodName',
      expected: 'a string of 1 to 50 characters',
      received: `"${'m'.repeat(51)}" (51 characters)`,
    });
    expect(only(validate(withRoute(grpc(match('')), GRPC_LISTENERS)), 'INVALID_MATCH').received).toBe(
      '"" (0 characters)',
    );
    expect(validate(withRoute(grpc(match('m'.repeat(50))), GRPC_LISTENERS))).toEqual([]);
  });

  it('checks retry policies', () => {
    const issues = validate(
      withRoute(
        http({
          retryPolicy: {
            maxRetries: -1,
            perRetryTimeout: undefined,
            httpRetryEvents: ['server-error', 'teapot'],
            tcpRetryEvents: ['connection-error', 'connection-error' as never],
          },
        }),
      ),
    );
    expect(issues.map((i) => i.field)).toEqual([
      'spec.httpRoute.retryPolicy.maxRetries',
      'spec.httpRoute.retryPolicy.perRetryTimeout',
      'spec.httpRoute.retryPolicy.httpRetryEvents[1]',
      'spec.httpRoute.retryPolicy.tcpRetryEvents',
    ]);
    const good = http({
      retryPolicy: {
        maxRetries: 2,
        perRetryTimeout: { value: 1, unit: 's' },
        httpRetryEvents: ['server-error', 'gateway-error'],
      },
      timeout: { perRequest: { value: 10, unit: 's' } },
    });
    expect(validate(withRoute(good))).toEqual([]);
  });

  it('limits retry event lists: http 1-25, tcp exactly 1, grpc 1-5', () => {
    const retry = { maxRetries: 0, perRetryTimeout: { value: 1, unit: 's' as const } };
    const httpEvents = (httpRetryEvents: string[]) =>
      withRoute(http({ retryPolicy: { ...retry, httpRetryEvents } }));
    for (const count of [0, 26]) {
      expect(only(validate(httpEvents(Array(count).fill('server-error'))), 'INVALID_VALUE')).toMatchObject({
        path: PATH,
        field: 'spec.httpRoute.retryPolicy.httpRetryEvents',
        expected: '1 to 25 entries',
        received: `${count} entries`,
      });
    }
    expect(validate(httpEvents(Array(25).fill('server-error')))).toEqual([]);

    const tcpEvents = (tcpRetryEvents: 'connection-error'[]) =>
      withRoute(http({ retryPolicy: { ...retry, tcpRetryEvents } }));
    expect(only(validate(tcpEvents([])), 'INVALID_VALUE')).toMatchObject({
      path: PATH,
      field: 'spec.httpRoute.retryPolicy.tcpRetryEvents',
      expected: 'exactly 1 entry',
      received: '0 entries',
    });
    expect(validate(tcpEvents(['connection-error']))).toEqual([]);

    const grpcEvents = (grpcRetryEvents: string[]) =>
      withRoute(
        {
          grpcRoute: {
            match: { serviceName: 'colors.Color' },
            action: { weightedTargets: targets(1) },
            retryPolicy: { ...retry, grpcRetryEvents: grpcRetryEvents as never },
          },
        },
        GRPC_LISTENERS,
      );
    const five = ['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'];
    for (const events of [[], [...five, 'unavailable']]) {
      expect(only(validate(grpcEvents(events)), 'INVALID_VALUE')).toMatchObject({
        path: PATH,
        field: 'spec.grpcRoute.retryPolicy.grpcRetryEvents',
        expected: '1 to 5 entries',
        received: `${events.length} entries`,
      });
    }
    expect(validate(grpcEvents(five))).toEqual([]);
  });

  it('checks grpc routes: retry events and methodName without serviceName', () => {
    const spec: RouteSpec = {
      grpcRoute: {
        match: { methodName: 'Get', metadata: [{ name: 'tenant', match: { prefix: 'a' } }] },
        action: { weightedTargets: targets(1) },
        retryPolicy: {
          maxRetries: 1,
          perRetryTimeout: { value: 1, unit: 's' },
          grpcRetryEvents: ['unavailable', 'oops' as never],
        },
      },
    };
    const issues = validate(withRoute(spec, [{ portMapping: { port: 80, protocol: 'grpc' } }]));
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['INVALID_MATCH', 'spec.grpcRoute.match.serviceName'],
      ['INVALID_VALUE', 'spec.grpcRoute.retryPolicy.grpcRetryEvents[1]'],
    ]);
  });

  it('accepts a tcp route on a tcp router', () => {
    const spec: RouteSpec = {
      tcpRoute: { action: { weightedTargets: targets(1) }, timeout: { idle: { value: 0, unit: 's' } } },
    };
    expect(validate(withRoute(spec, [{ portMapping: { port: 80, protocol: 'tcp' } }]))).toEqual([]);
  });
});
