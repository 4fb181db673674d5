import type { GatewayRouteSpec, VirtualGatewayListener } from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import { gateway, gatewayRoute, must, namedMatches, only, tutorialDefinition, validate } from './fixtures.js';

const PATH = 'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/r';

function withGatewayRoute(spec: GatewayRouteSpec, listeners?: VirtualGatewayListener[]): MeshDefinition {
  const base = tutorialDefinition();
  const [original] = base.gateways;
  return {
    ...base,
    gateways: [
      gateway('color-gateway', {
        routes: [gatewayRoute('r', spec)],
        spec: { ...must(original).spec, ...(listeners ? { listeners } : {}) },
      }),
    ],
  };
}

type HttpMatch = NonNullable<NonNullable<GatewayRouteSpec['httpRoute']>['match']>;
type HttpAction = NonNullable<NonNullable<GatewayRouteSpec['httpRoute']>['action']>;

const http = (
  match: HttpMatch = { prefix: '/router' },
  action: Partial<HttpAction> = {},
  spec: Partial<GatewayRouteSpec> = {},
) => ({
  httpRoute: {
    match,
    action: { target: { virtualService: { virtualServiceName: 'router.colors.local' } }, ...action },
  },
  ...spec,
});

describe('gateway routes rule', () => {
  it('accepts the tutorial gateway route', () => {
    expect(validate(withGatewayRoute(http()))).toEqual([]);
  });

  it('requires a match port on a gateway with several listeners', () => {
    const listeners: VirtualGatewayListener[] = [
      { portMapping: { port: 80, protocol: 'http' } },
      { portMapping: { port: 443, protocol: 'http' } },
    ];
    const issue = only(validate(withGatewayRoute(http(), listeners)), 'MISSING_GATEWAY_ROUTE_PORT');
    expect(issue).toMatchObject({
      path: PATH,
      field: 'spec.httpRoute.match.port',
      expected: 'a match port (one of 80, 443)',
      received: 'nothing',
    });
    expect(issue.message).toContain('has 2 listeners');
    expect(validate(withGatewayRoute(http({ prefix: '/', port: 443 }), listeners))).toEqual([]);
  });

  it('reports a grpc gateway route on an http-only gateway', () => {
    const spec: GatewayRouteSpec = {
      grpcRoute: {
        match: { serviceName: 'colors.Color' },
        action: { target: { virtualService: { virtualServiceName: 'blue' } } },
      },
    };
    const issue = only(validate(withGatewayRoute(spec)), 'PROTOCOL_MISMATCH');
    expect(issue).toMatchObject({ path: PATH, field: 'spec.grpcRoute' });
  });

  it('reports priority, target port and hostname limits', () => {
    const issues = validate(
      withGatewayRoute(
        http(
          { prefix: '/', hostname: { exact: 'h'.repeat(254) } },
          { target: { virtualService: { virtualServiceName: 'blue' }, port: 0 } },
          { priority: -1 },
        ),
      ),
    );
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['INVALID_PRIORITY', 'spec.priority'],
      ['INVALID_PORT', 'spec.httpRoute.action.target.port'],
      ['INVALID_MATCH', 'spec.httpRoute.match.hostname.exact'],
    ]);
  });

  it('reports a priority of 1001 and accepts 0 and 1000', () => {
    const issue = only(
      validate(withGatewayRoute(http(undefined, {}, { priority: 1001 }))),
      'INVALID_PRIORITY',
    );
    expect(issue).toMatchObject({
      path: PATH,
      field: 'spec.priority',
      expected: 'an integer from 0 to 1000',
      received: '1001',
    });
    for (const priority of [0, 1000]) {
      expect(validate(withGatewayRoute(http(undefined, {}, { priority })))).toEqual([]);
    }
  });

  it('limits the target port to 1-65535', () => {
    const withPort = (port: number) =>
      withGatewayRoute(
        http(undefined, { target: { virtualService: { virtualServiceName: 'router.colors.local' }, port } }),
      );
    expect(only(validate(withPort(65536)), 'INVALID_PORT')).toMatchObject({
      path: PATH,
      field: 'spec.httpRoute.action.target.port',
      expected: 'an integer from 1 to 65535',
      received: '65536',
    });
    for (const port of [1, 65535]) expect(validate(withPort(port))).toEqual([]);
  });

  it.each(['exact', 'suffix'] as const)('limits a hostname %s match to 1-253 characters', (member) => {
    const withHostname = (value: string) => withGatewayRoute(http({ hostname: { [member]: value } }));
    const rejected = [
      ['', '"" (0 characters)'],
      ['h'.repeat(254), `"${'h'.repeat(60)}..." (254 characters)`],
    ] as const;
    for (const [value, received] of rejected) {
      expect(only(validate(withHostname(value)), 'INVALID_MATCH')).toMatchObject({
        path: PATH,
        field: `spec.httpRoute.match.hostname.${member}`,
        expected: 'a string of 1 to 253 characters',
        received,
      });
    }
    expect(validate(withHostname('h'.repeat(253)))).toEqual([]);
  });

  it('limits a prefix rewrite value to 1-255 characters', () => {
    const withRewrite = (value: string) =>
      withGatewayRoute(http({ prefix: '/router/' }, { rewrite: { prefix: { value } } }));
    const tooLong = `/${'v'.repeat(254)}/`;
    expect(only(validate(withRewrite(tooLong)), 'INVALID_VALUE')).toMatchObject({
      path: PATH,
      field: 'spec.httpRoute.action.rewrite.prefix.value',
      expected: 'a string of 1 to 255 characters',
      received: `"/${'v'.repeat(59)}..." (256 characters)`,
    });
    expect(validate(withRewrite(`/${'v'.repeat(253)}/`))).toEqual([]);
  });

  it('takes ENABLED or DISABLED for defaultPrefix and defaultTargetHostname', () => {
    const rewrite = (defaultPrefix: string, defaultTargetHostname: string) =>
      withGatewayRoute(
        http(
          { prefix: '/router/' },
          {
            rewrite: {
              prefix: { defaultPrefix: defaultPrefix as never },
              hostname: { defaultTargetHostname: defaultTargetHostname as never },
            },
          },
        ),
      );
    expect(
      validate(rewrite('OFF', 'ON')).map((i) => [i.code, i.path, i.field, i.expected, i.received]),
    ).toEqual([
      [
        'INVALID_VALUE',
        PATH,
        'spec.httpRoute.action.rewrite.prefix.defaultPrefix',
        'one of ENABLED, DISABLED',
        '"OFF"',
      ],
      [
        'INVALID_VALUE',
        PATH,
        'spec.httpRoute.action.rewrite.hostname.defaultTargetHostname',
        'one of ENABLED, DISABLED',
        '"ON"',
      ],
    ]);
    expect(validate(rewrite('ENABLED', 'DISABLED'))).toEqual([]);
    expect(validate(rewrite('DISABLED', 'ENABLED'))).toEqual([]);

    const grpc = (defaultTargetHostname: string): GatewayRouteSpec => ({
      grpcRoute: {
        match: { serviceName: 'colors.Color' },
        action: {
          target: { virtualService: { virtualServiceName: 'router.colors.local' } },
          rewrite: { hostname: { defaultTargetHostname: defaultTargetHostname as never } },
        },
      },
    });
    const GRPC: VirtualGatewayListener[] = [{ portMapping: { port: 80, protocol: 'grpc' } }];
    expect(only(validate(withGatewayRoute(grpc('ON'), GRPC)), 'INVALID_VALUE')).toMatchObject({
      path: PATH,
      field: 'spec.grpcRoute.action.rewrite.hostname.defaultTargetHostname',
      expected: 'one of ENABLED, DISABLED',
      received: '"ON"',
    });
    expect(validate(withGatewayRoute(grpc('ENABLED'), GRPC))).toEqual([]);
  });

  it('requires a custom prefix rewrite, and the match prefix, to start and end with "/"', () => {
    const issues = validate(
      withGatewayRoute(http({ prefix: '/router' }, { rewrite: { prefix: { value: '/v2' } } })),
    );
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['INVALID_VALUE', 'spec.httpRoute.action.rewrite.prefix.value'],
      ['INVALID_MATCH', 'spec.httpRoute.match.prefix'],
    ]);
    expect(issues[0]?.message).toContain('expected a prefix that starts and ends with "/", received "/v2"');
    expect(
      validate(withGatewayRoute(http({ prefix: '/router/' }, { rewrite: { prefix: { value: '/' } } }))),
    ).toEqual([]);
  });

  it('rejects defaultPrefix and value together, and a path rewrite without a path match', () => {
    const issues = validate(
      withGatewayRoute(
        http(
          { prefix: '/a/' },
          { rewrite: { prefix: { defaultPrefix: 'DISABLED', value: '/b/' }, path: { exact: '/c' } } },
        ),
      ),
    );
    expect(issues.map((i) => i.field)).toEqual([
      'spec.httpRoute.action.rewrite.prefix',
      'spec.httpRoute.match.path',
    ]);
  });

  it.each(['headers', 'queryParameters'] as const)('reports 11 %s and accepts 10', (list) => {
    const matching = (count: number) =>
      withGatewayRoute(http({ prefix: '/router', [list]: namedMatches(count) }));
    expect(only(validate(matching(11)), 'INVALID_MATCH')).toMatchObject({
      path: PATH,
      field: `spec.httpRoute.match.${list}`,
      expected: '1 to 10 entries',
      received: '11 entries',
    });
    expect(validate(matching(10))).toEqual([]);
  });

  it('requires a prefix, path or hostname match', () => {
    const issue = only(validate(withGatewayRoute(http({ method: 'GET' }))), 'INVALID_MATCH');
    expect(issue.field).toBe('spec.httpRoute.match');
    expect(validate(withGatewayRoute(http({ hostname: { suffix: '.example.com' } })))).toEqual([]);
  });
});
