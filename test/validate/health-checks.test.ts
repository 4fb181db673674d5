import type { HealthCheckPolicy } from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import { gateway, httpListener, minimalDefinition, must, only, validate, withNode } from './fixtures.js';

const withHealthCheck = (patch: Partial<HealthCheckPolicy>, protocol: 'http' | 'tcp' = 'http') =>
  withNode(minimalDefinition(), 'blue', (n) => {
    const listener = httpListener();
    return {
      ...n,
      listeners: [
        {
          ...listener,
          portMapping: { port: 80, protocol },
          healthCheck: { ...must(listener.healthCheck), ...patch },
        },
      ],
    };
  });

describe('health checks rule', () => {
  it.each([
    ['healthyThreshold', 1, 'an integer from 2 to 10'],
    ['unhealthyThreshold', 11, 'an integer from 2 to 10'],
    ['intervalMillis', 4999, 'an integer from 5000 to 300000'],
    ['timeoutMillis', 60001, 'an integer from 2000 to 60000'],
    ['healthyThreshold', 11, 'an integer from 2 to 10'],
    ['unhealthyThreshold', 1, 'an integer from 2 to 10'],
    ['intervalMillis', 300001, 'an integer from 5000 to 300000'],
    ['timeoutMillis', 1999, 'an integer from 2000 to 60000'],
  ] as const)('reports %s = %s', (key, value, expected) => {
    const issue = only(validate(withHealthCheck({ [key]: value })), 'INVALID_HEALTH_CHECK');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: `listeners[0].healthCheck.${key}`,
    });
    expect(issue.message).toContain(`expected ${expected}, received ${value}`);
  });

  it('accepts the limits themselves', () => {
    expect(
      validate(
        withHealthCheck({
          healthyThreshold: 10,
          unhealthyThreshold: 2,
          intervalMillis: 300000,
          timeoutMillis: 60000,
        }),
      ),
    ).toEqual([]);
  });

  it('accepts the other limits', () => {
    expect(
      validate(
        withHealthCheck({
          healthyThreshold: 2,
          unhealthyThreshold: 10,
          intervalMillis: 5000,
          timeoutMillis: 2000,
        }),
      ),
    ).toEqual([]);
  });

  it('requires the health check port to equal the listener port', () => {
    const issue = only(validate(withHealthCheck({ port: 8080 })), 'INVALID_HEALTH_CHECK');
    expect(issue).toMatchObject({
      field: 'listeners[0].healthCheck.port',
      expected: "80 (the listener's port)",
    });
    expect(validate(withHealthCheck({ port: 80 }))).toEqual([]);
  });

  it('requires a path for http health checks', () => {
    const issue = only(validate(withHealthCheck({ path: undefined })), 'INVALID_HEALTH_CHECK');
    expect(issue).toMatchObject({ field: 'listeners[0].healthCheck.path', received: 'nothing' });
  });

  it('rejects a path on a tcp health check and accepts tcp without one', () => {
    const issue = only(validate(withHealthCheck({ protocol: 'tcp' }, 'tcp')), 'INVALID_HEALTH_CHECK');
    expect(issue.message).toContain('expected no path for a tcp health check, received "/healthcheck"');
    expect(validate(withHealthCheck({ protocol: 'tcp', path: undefined }, 'tcp'))).toEqual([]);
  });

  it('checks gateway listener health checks too, with gateway protocols', () => {
    const definition = minimalDefinition({
      gateways: [
        gateway('g', {
          task: undefined,
          spec: {
            listeners: [
              {
                portMapping: { port: 80, protocol: 'http' },
                healthCheck: {
                  protocol: 'tcp' as never,
                  healthyThreshold: 2,
                  unhealthyThreshold: 2,
                  intervalMillis: 5000,
                  timeoutMillis: 2000,
                },
              },
            ],
          },
        }),
      ],
    });
    const issue = only(validate(definition), 'INVALID_HEALTH_CHECK');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualGateway/g',
      field: 'spec.listeners[0].healthCheck.protocol',
    });
  });
});
