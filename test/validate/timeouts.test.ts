import type { Duration, RouteSpec } from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import { plan } from '../../src/plan/build-plan.js';
import { httpListener, route, router, tutorialDefinition, validate, withNode } from './fixtures.js';

const PATH = 'mesh/color-mesh/virtualRouter/color-router/route/color-route';
const seconds = (value: number): Duration => ({ value, unit: 's' });

/** The tutorial, its route to green and yellow timing requests out after `routeTimeout` (unset: 15 s). */
function withTimeouts(
  routeTimeout: Duration | undefined,
  listenerTimeouts: { green?: Duration; yellow?: Duration } = {},
): MeshDefinition {
  const spec: RouteSpec = {
    httpRoute: {
      match: { prefix: '/' },
      action: {
        weightedTargets: [
          { virtualNode: 'green', weight: 4 },
          { virtualNode: 'yellow', weight: 1 },
        ],
      },
      ...(routeTimeout ? { timeout: { perRequest: routeTimeout } } : {}),
    },
  };
  let definition: MeshDefinition = {
    ...tutorialDefinition(),
    routers: [router('color-router', { routes: [route('color-route', spec)] })],
  };
  for (const name of ['green', 'yellow'] as const) {
    const perRequest = listenerTimeouts[name];
    if (perRequest) {
      definition = withNode(definition, name, (n) => ({
        ...n,
        listeners: [httpListener(80, { timeout: { http: { perRequest } } })],
      }));
    }
  }
  return definition;
}

const chain = (definition: MeshDefinition) => validate(definition).filter((i) => i.code === 'TIMEOUT_CHAIN');

describe('timeout chain rule', () => {
  it('warns when a route raises its timeout above 15 s and a target listener keeps the default', () => {
    const issues = chain(withTimeouts(seconds(30), { yellow: seconds(30) }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      severity: 'warning',
      path: PATH,
      field: 'spec.httpRoute.timeout.perRequest',
      expected: 'a per-request timeout of at least 30 s on the http listener of virtual node "green" too',
      received: '15 s (the default) on that listener',
    });
    expect(issues[0]?.message).toContain('requests through this route to green time out after 15 s');
  });

  it('warns when a target listener raises its timeout and the route keeps the default', () => {
    const [issue, ...rest] = chain(withTimeouts(undefined, { green: seconds(60) }));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      severity: 'warning',
      path: PATH,
      field: 'spec.httpRoute.timeout.perRequest',
      expected: 'at least 60 s, as on the http listener of virtual node "green"',
      received: '15 s (the default)',
    });
  });

  it('accepts a timeout raised on the route and on every target listener, and a lowered one anywhere', () => {
    expect(chain(withTimeouts(seconds(30), { green: seconds(60), yellow: seconds(30) }))).toEqual([]);
    expect(chain(withTimeouts({ value: 5000, unit: 'ms' }))).toEqual([]);
    expect(chain(withTimeouts(undefined, { green: seconds(10) }))).toEqual([]);
  });

  it('is a warning: the plan is still made, with the warning in plan.warnings', () => {
    const planned = plan(withTimeouts(seconds(30)));
    expect(planned.warnings.filter((w) => w.code === 'TIMEOUT_CHAIN').map((w) => w.expected)).toEqual([
      'a per-request timeout of at least 30 s on the http listener of virtual node "green" too',
      'a per-request timeout of at least 30 s on the http listener of virtual node "yellow" too',
    ]);
  });
});
