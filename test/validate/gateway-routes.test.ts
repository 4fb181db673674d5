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
