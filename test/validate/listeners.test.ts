import type { Listener, VirtualGatewayConnectionPool } from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import { gateway, httpListener, minimalDefinition, only, router, validate, withNode } from './fixtures.js';

const withListener = (listener: Listener) =>
  withNode(minimalDefinition(), 'blue', (n) => ({ ...n, listeners: [listener] }));

describe('listeners rule', () => {
  it('reports a listener port outside 1-65535', () => {
    const issue = only(validate(withListener(httpListener(70000))), 'INVALID_PORT');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: 'listeners[0].portMapping.port',
    });
    expect(issue.message).toContain('expected an integer from 1 to 65535, received 70000');
  });

  it('reports listener ports 0 and 65536 and accepts 1 and 65535', () => {
    for (const port of [0, 65536]) {
      expect(only(validate(withListener(httpListener(port))), 'INVALID_PORT')).toMatchObject({
        path: 'mesh/color-mesh/virtualNode/blue',
        field: 'listeners[0].portMapping.port',
        expected: 'an integer from 1 to 65535',
        received: String(port),
      });
    }
    for (const port of [1, 65535]) {
      const definition = minimalDefinition({
        routers: [router('r', { listeners: [{ portMapping: { port, protocol: 'http' } }] })],
      });
      expect(validate(definition)).toEqual([]);
    }
  });

  it('reports an unknown listener protocol', () => {
    const listener = { ...httpListener(), portMapping: { port: 80, protocol: 'udp' as never } };
    const issue = only(validate(withListener(listener)), 'INVALID_VALUE');
    expect(issue.field).toBe('listeners[0].portMapping.protocol');
  });

  it('checks outlier detection limits and durations', () => {
    const listener = httpListener(80, {
      outlierDetection: {
        maxServerErrors: 0,
        maxEjectionPercent: 101,
        interval: { value: -1, unit: 's' },
        baseEjectionDuration: { value: 10, unit: 'min' as never },
      },
    });
    const issues = validate(withListener(listener));
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['INVALID_VALUE', 'listeners[0].outlierDetection.maxServerErrors'],
      ['INVALID_VALUE', 'listeners[0].outlierDetection.maxEjectionPercent'],
      ['INVALID_DURATION', 'listeners[0].outlierDetection.interval.value'],
      ['INVALID_DURATION', 'listeners[0].outlierDetection.baseEjectionDuration.unit'],
    ]);
    expect(issues[3]?.message).toContain('expected one of s, ms, received "min"');
  });

  it('reports a maxEjectionPercent of -1 and accepts 0 and 100 with maxServerErrors 1', () => {
    const outlier = (maxServerErrors: number, maxEjectionPercent: number) =>
      withListener(
        httpListener(80, {
          outlierDetection: {
            maxServerErrors,
            maxEjectionPercent,
            interval: { value: 10, unit: 's' },
            baseEjectionDuration: { value: 30, unit: 's' },
          },
        }),
      );
    expect(only(validate(outlier(1, -1)), 'INVALID_VALUE')).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: 'listeners[0].outlierDetection.maxEjectionPercent',
      expected: 'an integer from 0 to 100',
      received: '-1',
    });
    expect(validate(outlier(1, 0))).toEqual([]);
    expect(validate(outlier(1, 100))).toEqual([]);
  });

  it('requires all four outlier detection fields', () => {
    const issues = validate(withListener(httpListener(80, { outlierDetection: {} as never })));
    expect(issues.map((i) => [i.code, i.path, i.field, i.expected, i.received])).toEqual([
      [
        'INVALID_VALUE',
        'mesh/color-mesh/virtualNode/blue',
        'listeners[0].outlierDetection.maxServerErrors',
        'an integer >= 1',
        'nothing',
      ],
      [
        'INVALID_VALUE',
        'mesh/color-mesh/virtualNode/blue',
        'listeners[0].outlierDetection.maxEjectionPercent',
        'an integer from 0 to 100',
        'nothing',
      ],
      [
        'INVALID_DURATION',
        'mesh/color-mesh/virtualNode/blue',
        'listeners[0].outlierDetection.interval',
        'a duration { value, unit }',
        'nothing',
      ],
      [
        'INVALID_DURATION',
        'mesh/color-mesh/virtualNode/blue',
        'listeners[0].outlierDetection.baseEjectionDuration',
        'a duration { value, unit }',
        'nothing',
      ],
    ]);
  });

  it('accepts valid outlier detection, timeout and connection pool', () => {
    const listener = httpListener(80, {
      outlierDetection: {
        maxServerErrors: 5,
        maxEjectionPercent: 50,
        interval: { value: 10, unit: 's' },
        baseEjectionDuration: { value: 30, unit: 's' },
      },
      timeout: { http: { perRequest: { value: 15, unit: 's' }, idle: { value: 0, unit: 'ms' } } },
      connectionPool: { http: { maxConnections: 100, maxPendingRequests: 10 } },
    });
    expect(validate(withListener(listener))).toEqual([]);
  });

  it('reports a connection pool whose protocol differs from the listener, and values below 1', () => {
    const listener = httpListener(80, { connectionPool: { tcp: { maxConnections: 0 } } });
    const issues = validate(withListener(listener));
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['PROTOCOL_MISMATCH', 'listeners[0].connectionPool'],
      ['INVALID_VALUE', 'listeners[0].connectionPool.tcp.maxConnections'],
    ]);
    expect(issues[0]?.message).toContain('expected "http" (the listener\'s protocol), received "tcp"');
  });

  it('reports connection pool values of 0 and accepts 1', () => {
    const pool = (value: number) =>
      withListener(
        httpListener(80, {
          connectionPool: { http: { maxConnections: value, maxPendingRequests: value } },
        }),
      );
    expect(validate(pool(0)).map((i) => [i.code, i.path, i.field, i.expected, i.received])).toEqual([
      [
        'INVALID_VALUE',
        'mesh/color-mesh/virtualNode/blue',
        'listeners[0].connectionPool.http.maxConnections',
        'an integer >= 1',
        '0',
      ],
      [
        'INVALID_VALUE',
        'mesh/color-mesh/virtualNode/blue',
        'listeners[0].connectionPool.http.maxPendingRequests',
        'an integer >= 1',
        '0',
      ],
    ]);
    expect(validate(pool(1))).toEqual([]);
    const http2 = (maxRequests: number) =>
      withListener(
        httpListener(80, {
          portMapping: { port: 80, protocol: 'http2' },
          connectionPool: { http2: { maxRequests } },
        }),
      );
    expect(only(validate(http2(0)), 'INVALID_VALUE')).toMatchObject({
      field: 'listeners[0].connectionPool.http2.maxRequests',
      expected: 'an integer >= 1',
      received: '0',
    });
    expect(validate(http2(1))).toEqual([]);
  });

  it("requires the limit each protocol's pool is made of", () => {
    const pool = (connectionPool: Listener['connectionPool'], protocol: 'http' | 'http2' | 'grpc' | 'tcp') =>
      withListener(httpListener(80, { portMapping: { port: 80, protocol }, connectionPool }));
    const missing = [
      validate(pool({ http: {} as never }, 'http')),
      validate(pool({ http2: {} as never }, 'http2')),
      validate(pool({ grpc: {} as never }, 'grpc')),
      validate(pool({ tcp: {} as never }, 'tcp')),
    ];
    expect(missing.map((issues) => issues.map((i) => [i.code, i.field, i.received]))).toEqual([
      [['INVALID_VALUE', 'listeners[0].connectionPool.http.maxConnections', 'nothing']],
      [['INVALID_VALUE', 'listeners[0].connectionPool.http2.maxRequests', 'nothing']],
      [['INVALID_VALUE', 'listeners[0].connectionPool.grpc.maxRequests', 'nothing']],
      [['INVALID_VALUE', 'listeners[0].connectionPool.tcp.maxConnections', 'nothing']],
    ]);
    // maxPendingRequests is optional.
    expect(validate(pool({ http: { maxConnections: 1 } }, 'http'))).toEqual([]);
  });

  it('reports a gateway connection pool for another protocol, and values below 1', () => {
    const definition = (connectionPool: VirtualGatewayConnectionPool) =>
      minimalDefinition({
        gateways: [
          gateway('g', {
            task: undefined,
            spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' }, connectionPool }] },
          }),
        ],
      });
    const issues = validate(definition({ grpc: { maxRequests: 0 } }));
    expect(issues.map((i) => [i.code, i.path, i.field, i.expected, i.received])).toEqual([
      [
        'PROTOCOL_MISMATCH',
        'mesh/color-mesh/virtualGateway/g',
        'spec.listeners[0].connectionPool',
        '"http" (the listener\'s protocol)',
        '"grpc"',
      ],
      [
        'INVALID_VALUE',
        'mesh/color-mesh/virtualGateway/g',
        'spec.listeners[0].connectionPool.grpc.maxRequests',
        'an integer >= 1',
        '0',
      ],
    ]);
    expect(validate(definition({ http: { maxConnections: 1, maxPendingRequests: 1 } }))).toEqual([]);
  });

  it('reports a listener timeout for another protocol', () => {
    const listener = httpListener(80, { timeout: { grpc: { perRequest: { value: 1, unit: 's' } } } });
    expect(only(validate(withListener(listener)), 'PROTOCOL_MISMATCH').field).toBe('listeners[0].timeout');
  });

  it('reports a router without listeners', () => {
    const issue = only(
      validate(minimalDefinition({ routers: [router('r', { listeners: [] })] })),
      'MISSING_LISTENER',
    );
    expect(issue).toMatchObject({ path: 'mesh/color-mesh/virtualRouter/r', field: 'listeners' });
  });

  it('reports a tcp gateway listener: gateways only listen on http, http2 or grpc', () => {
    const definition = minimalDefinition({
      gateways: [
        gateway('g', {
          task: undefined,
          spec: { listeners: [{ portMapping: { port: 80, protocol: 'tcp' as never } }] },
        }),
      ],
    });
    const issue = only(validate(definition), 'INVALID_VALUE');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualGateway/g',
      field: 'spec.listeners[0].portMapping.protocol',
    });
    expect(issue.message).toContain('expected one of http, http2, grpc, received "tcp"');
  });

  it('accepts http2 and grpc gateway listeners on distinct ports', () => {
    const definition = minimalDefinition({
      gateways: [
        gateway('g', {
          task: undefined,
          spec: {
            listeners: [
              { portMapping: { port: 80, protocol: 'http2' } },
              { portMapping: { port: 81, protocol: 'grpc' }, connectionPool: { grpc: { maxRequests: 5 } } },
            ],
          },
        }),
      ],
    });
    expect(validate(definition)).toEqual([]);
  });
});
