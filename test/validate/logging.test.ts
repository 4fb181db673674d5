import type { Logging } from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import { gateway, minimalDefinition, only, validate, withNode } from './fixtures.js';

const withLogging = (logging: Logging) => withNode(minimalDefinition(), 'blue', (n) => ({ ...n, logging }));

describe('logging rule', () => {
  it('accepts the tutorial formats: text to /dev/stdout and json', () => {
    expect(
      validate(
        withLogging({
          accessLog: { file: { path: '/dev/stdout', format: { text: '[%START_TIME%] %REQ(:METHOD)%\n' } } },
        }),
      ),
    ).toEqual([]);
    expect(
      validate(
        withLogging({
          accessLog: {
            file: { path: '/dev/stdout', format: { json: [{ key: 'start', value: '%START_TIME%' }] } },
          },
        }),
      ),
    ).toEqual([]);
  });

  it('reports an empty path and an over-long text format', () => {
    const issues = validate(
      withLogging({ accessLog: { file: { path: '', format: { text: 'x'.repeat(1001) } } } }),
    );
    expect(issues.map((i) => i.field)).toEqual([
      'logging.accessLog.file.path',
      'logging.accessLog.file.format.text',
    ]);
    expect(issues[1]?.message).toContain('expected a string of 1 to 1000 characters');
  });

  it('reports an empty json format and a json key over 100 characters', () => {
    expect(
      only(
        validate(withLogging({ accessLog: { file: { path: '/dev/stdout', format: { json: [] } } } })),
        'INVALID_VALUE',
      ).field,
    ).toBe('logging.accessLog.file.format.json');
    const issue = only(
      validate(
        withLogging({
          accessLog: {
            file: { path: '/dev/stdout', format: { json: [{ key: 'k'.repeat(101), value: 'v' }] } },
          },
        }),
      ),
      'INVALID_VALUE',
    );
    expect(issue.field).toBe('logging.accessLog.file.format.json[0].key');
  });

  it('accepts the limits: a 255-character path, a 1000-character text format, 100-character json keys and values', () => {
    expect(
      validate(
        withLogging({ accessLog: { file: { path: 'p'.repeat(255), format: { text: 'x'.repeat(1000) } } } }),
      ),
    ).toEqual([]);
    expect(
      validate(
        withLogging({
          accessLog: {
            file: {
              path: '/dev/stdout',
              format: { json: [{ key: 'k'.repeat(100), value: 'v'.repeat(100) }] },
            },
          },
        }),
      ),
    ).toEqual([]);
  });

  it('reports an empty text format, an empty json key and a json value over 100 characters', () => {
    expect(
      only(
        validate(withLogging({ accessLog: { file: { path: '/dev/stdout', format: { text: '' } } } })),
        'INVALID_VALUE',
      ),
    ).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: 'logging.accessLog.file.format.text',
      expected: 'a string of 1 to 1000 characters',
      received: '"" (0 characters)',
    });
    const issues = validate(
      withLogging({
        accessLog: { file: { path: '/dev/stdout', format: { json: [{ key: '', value: 'v'.repeat(101) }] } } },
      }),
    );
    expect(issues.map((i) => [i.code, i.path, i.field, i.expected, i.received])).toEqual([
      [
        'INVALID_VALUE',
        'mesh/color-mesh/virtualNode/blue',
        'logging.accessLog.file.format.json[0].key',
        'a string of 1 to 100 characters',
        '"" (0 characters)',
      ],
      [
        'INVALID_VALUE',
        'mesh/color-mesh/virtualNode/blue',
        'logging.accessLog.file.format.json[0].value',
        'a string of 1 to 100 characters',
        `"${'v'.repeat(60)}..." (101 characters)`,
      ],
    ]);
  });

  it('checks gateway logging', () => {
    const definition = minimalDefinition({
      gateways: [
        gateway('g', {
          task: undefined,
          spec: {
            listeners: [{ portMapping: { port: 80, protocol: 'http' } }],
            logging: { accessLog: { file: { path: 'p'.repeat(256) } } },
          },
        }),
      ],
    });
    expect(only(validate(definition), 'INVALID_VALUE')).toMatchObject({
      path: 'mesh/color-mesh/virtualGateway/g',
      field: 'spec.logging.accessLog.file.path',
    });
  });
});
