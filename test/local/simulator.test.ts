import { describe, expect, it } from 'vitest';
import { formatReachability } from '../../src/local/simulator/reachability.js';
import type { SimResult } from '../../src/local/simulator/result.js';
import { createSimulator } from '../../src/local/simulator/simulator.js';
import {
  colorView,
  withCloudMapServiceRenamed,
  withGatewayRoutes,
  withoutTasksOf,
  withRouterRoutes,
} from '../support/simulator-views.js';

const RED = 'http://red.colors.local/';
const BLUE = 'http://blue.colors.local/';
const ROUTER = 'http://router.colors.local/';

function share(sample: { total: number; answers: Readonly<Record<string, number>> }, answer: string): number {
  return (sample.answers[answer] ?? 0) / sample.total;
}

function answerOf(result: SimResult): string {
  return result.ok ? result.body : `failed: ${result.reason}`;
}

describe('the color tutorial, from a plan', () => {
  it('from blue, red.colors.local answers red (blue has red as a backend)', () => {
    const result = createSimulator(colorView()).from('blue').get(RED);
    expect(result).toMatchObject({ ok: true, status: 200, body: 'red', servedBy: { node: 'red' } });
    expect(result.hops).toContain('envoy blue: red.colors.local is a backend');
  });

  it('curl localhost inside a task answers its own color', () => {
    expect(answerOf(createSimulator(colorView()).from('blue').get('http://localhost/'))).toBe('blue');
  });

  it('from red, blue.colors.local fails until blue is a backend of red, and fails again once removed', () => {
    const before = createSimulator(colorView()).from('red').get(BLUE);
    expect(before).toMatchObject({
      ok: false,
      reason: 'EGRESS_DENIED',
      curl: 'curl: (52) Empty reply from server',
    });

    const added = colorView({ redBackends: ['router.colors.local', 'blue.colors.local'] });
    expect(createSimulator(added).from('red').get(BLUE)).toMatchObject({ ok: true, body: 'blue' });

    const removed = colorView({ redBackends: ['router.colors.local'] });
    expect(createSimulator(removed).from('red').get(BLUE)).toMatchObject({
      ok: false,
      reason: 'EGRESS_DENIED',
    });
  });

  it('from red, router.colors.local answers green and yellow 4:1', () => {
    const sample = createSimulator(colorView(), { seed: 42 }).from('red').sample(ROUTER, 10_000);
    expect(sample.total).toBe(10_000);
    expect(Object.keys(sample.answers).sort()).toEqual(['green', 'yellow']);
    expect(share(sample, 'green')).toBeCloseTo(0.8, 1);
    expect(Math.abs(share(sample, 'green') - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(share(sample, 'yellow') - 0.2)).toBeLessThan(0.02);
    expect(sample.failures).toEqual({});
  });

  it("green's weight at 0 sends everything to yellow", () => {
    const sim = createSimulator(colorView({ routeTargets: { green: 0, yellow: 1 } }));
    expect(sim.from('red').sample(ROUTER, 2_000).answers).toEqual({ yellow: 2_000 });
  });

  it('with blue in place of green, no green answers although green is what router.colors.local resolves to', () => {
    const sim = createSimulator(colorView({ routeTargets: { blue: 4, yellow: 1 } }), { seed: 3 });
    const sample = sim.from('red').sample(ROUTER, 10_000);
    expect(sample.answers.green).toBeUndefined();
    expect(Math.abs(share(sample, 'blue') - 0.8)).toBeLessThan(0.02);
    // DNS still answers with green's task: Envoy, not DNS, picks the target.
    const result = sim.from('red').get(ROUTER);
    const greenIp = colorView().tasks.find((t) => t.color === 'green')?.ip;
    expect(result.hops).toContain(`dns router.colors.local -> ${greenIp}`);
  });

  it('through the gateway, / answers blue and /router answers green and yellow 4:1', () => {
    const gateway = createSimulator(colorView(), { seed: 9 }).gateway('color-gateway');
    expect(gateway.get('/')).toMatchObject({ ok: true, body: 'blue', path: '/' });
    // The matched prefix /router becomes / before the app sees it.
    expect(gateway.get('/router')).toMatchObject({ ok: true, path: '/' });
    const sample = gateway.sample('/router', 10_000);
    expect(Object.keys(sample.answers).sort()).toEqual(['green', 'yellow']);
    expect(Math.abs(share(sample, 'green') - 0.8)).toBeLessThan(0.02);
  });

  it('a virtual service whose name has no Cloud Map service fails in DNS before Envoy sees it', () => {
    // Name green's Cloud Map service "green" instead of "router", as the tutorial warns against.
    const view = withCloudMapServiceRenamed(colorView(), 'router', 'green');
    const sim = createSimulator(view);
    expect(sim.from('red').get(ROUTER)).toMatchObject({
      ok: false,
      reason: 'DNS_UNRESOLVED',
      curl: 'curl: (6) Could not resolve host: router.colors.local',
    });
    // The gateway's Envoy needs no DNS for the name, and finds green through its renamed service.
    const sample = sim.gateway('color-gateway').sample('/router', 1_000);
    expect(Object.keys(sample.answers).sort()).toEqual(['green', 'yellow']);
  });

  it('the same seed gives the same answers; another seed gives others', () => {
    const run = (seed: number) => {
      const red = createSimulator(colorView(), { seed }).from('red');
      return {
        sample: red.sample(ROUTER, 1_000),
        sequence: Array.from({ length: 40 }, () => answerOf(red.get(ROUTER))),
      };
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5).sequence).not.toEqual(run(6).sequence);
  });

  it('the reachability matrix shows who reaches whom', () => {
    const matrix = createSimulator(colorView()).reachability();
    expect(matrix.rows.map((r) => `${r.kind}:${r.name}`)).toEqual([
      'virtualNode:blue',
      'virtualNode:green',
      'virtualNode:red',
      'virtualNode:yellow',
      'virtualGateway:color-gateway',
    ]);
    expect(matrix.columns).toEqual(['blue.colors.local', 'red.colors.local', 'router.colors.local']);
    expect(formatReachability(matrix)).toBe(
      [
        'from \\ to              blue.colors.local  red.colors.local  router.colors.local',
        '---------------------  -----------------  ----------------  -------------------',
        'blue                   (EGRESS_DENIED)    red               (EGRESS_DENIED)',
        'green                  (EGRESS_DENIED)    (EGRESS_DENIED)   (EGRESS_DENIED)',
        'red                    (EGRESS_DENIED)    (EGRESS_DENIED)   green yellow',
        'yellow                 (EGRESS_DENIED)    (EGRESS_DENIED)   (EGRESS_DENIED)',
        'gateway color-gateway  blue               (NO_ROUTE)        green yellow',
        '',
      ].join('\n'),
    );
    expect(matrix.cells[2]?.[2]).toEqual({ reachable: true, answers: ['green', 'yellow'], failures: [] });
  });

  it('names an unknown caller clearly, and fails typed for a node without a running task', () => {
    const sim = createSimulator(withoutTasksOf(colorView(), 'blue'));
    expect(() => sim.from('purple')).toThrow(/no virtual node named "purple".*blue, green, red, yellow/);
    expect(() => sim.gateway('nope')).toThrow(/no virtual gateway named "nope"/);
    expect(sim.from('blue').get(RED)).toMatchObject({ ok: false, reason: 'NOT_RUNNING' });
    // The gateway's / route now has nobody behind blue.colors.local: DNS has no record either.
    expect(sim.gateway('color-gateway').get('/')).toMatchObject({
      ok: false,
      reason: 'NO_HEALTHY_UPSTREAM',
      status: 503,
      curl: 'no healthy upstream',
    });
  });
});

describe('Envoy behaviour around the tutorial', () => {
  it('color-route matches GET only: a POST finds no route (404)', () => {
    const result = createSimulator(colorView()).from('red').request('POST', ROUTER);
    expect(result).toMatchObject({ ok: false, reason: 'NO_ROUTE', status: 404, curl: '' });
  });

  it('a port the router does not listen on reaches nothing', () => {
    const result = createSimulator(colorView()).from('red').get('http://router.colors.local:8080/');
    expect(result).toMatchObject({
      ok: false,
      reason: 'NO_LISTENER',
      curl: 'curl: (52) Empty reply from server',
    });
  });

  it('with ALLOW_ALL egress, a host that is not a backend is reached directly', () => {
    const base = colorView();
    const view = { ...base, mesh: { ...base.mesh, spec: { egressFilter: { type: 'ALLOW_ALL' as const } } } };
    const result = createSimulator(view).from('red').get(BLUE);
    expect(result).toMatchObject({ ok: true, body: 'blue' });
    expect(result.hops.some((h) => h.includes('passed through'))).toBe(true);
    // router.colors.local is a backend: Envoy still routes it (no blue from DNS's green).
    expect(createSimulator(view).from('red').sample(ROUTER, 500).answers.blue).toBeUndefined();
  });

  it('a target without tasks gives 503 no healthy upstream for its share of the traffic', () => {
    const sample = createSimulator(withoutTasksOf(colorView(), 'yellow'), { seed: 1 })
      .from('red')
      .sample(ROUTER, 5_000);
    expect(Object.keys(sample.answers)).toEqual(['green']);
    expect(Math.abs((sample.failures.NO_HEALTHY_UPSTREAM ?? 0) / 5_000 - 0.2)).toBeLessThan(0.03);
  });

  it('a Cloud Map instance with no task behind its address fails to connect (503)', () => {
    const base = colorView();
    const view = {
      ...base,
      cloudMap: base.cloudMap.map((s) =>
        s.serviceName === 'yellow'
          ? {
              ...s,
              instances: [
                {
                  instanceId: 'dummy',
                  ipv4: '10.10.10.10',
                  attributes: { AWS_INSTANCE_IPV4: '10.10.10.10' },
                },
              ],
            }
          : s,
      ),
    };
    const sim = createSimulator(view);
    expect(sim.from('red').sample(ROUTER, 1_000).failures.UPSTREAM_CONNECT_FAILED).toBeGreaterThan(100);
  });

  it('routes: priority first, then the longest prefix; headers, query, method, path and port match', () => {
    const view = withRouterRoutes(colorView(), {
      // Listed first but without priority: tried after the prioritized ones.
      'catch-all': {
        httpRoute: {
          match: { prefix: '/' },
          action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] },
        },
      },
      'long-prefix': {
        httpRoute: {
          match: { prefix: '/colors/' },
          action: { weightedTargets: [{ virtualNode: 'red', weight: 1 }] },
        },
      },
      canary: {
        priority: 1,
        httpRoute: {
          match: { prefix: '/', headers: [{ name: 'X-Canary', match: { exact: 'true' } }] },
          action: { weightedTargets: [{ virtualNode: 'yellow', weight: 1 }] },
        },
      },
      'not-chrome': {
        priority: 2,
        httpRoute: {
          match: {
            prefix: '/',
            headers: [{ name: 'user-agent', invert: true, match: { suffix: 'Chrome' } }],
          },
          action: { weightedTargets: [{ virtualNode: 'blue', weight: 1 }] },
        },
      },
      debug: {
        priority: 0,
        httpRoute: {
          match: {
            path: { regex: '/debug/[0-9]+' },
            queryParameters: [{ name: 'v', match: { exact: '2' } }],
          },
          action: { weightedTargets: [{ virtualNode: 'red', weight: 1 }] },
        },
      },
      'version-range': {
        priority: 3,
        httpRoute: {
          match: {
            prefix: '/',
            method: 'PUT',
            headers: [{ name: 'x-version', match: { range: { start: 10, end: 20 } } }],
          },
          action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] },
        },
      },
      present: {
        priority: 4,
        httpRoute: {
          match: { path: { exact: '/exact' }, headers: [{ name: 'x-any' }] },
          action: { weightedTargets: [{ virtualNode: 'yellow', weight: 1 }] },
        },
      },
    });
    const red = createSimulator(view).from('red');
    const chrome = { 'user-agent': 'Mozilla Chrome' };
    const ask = (url: string, headers: Record<string, string> = chrome, method = 'GET') =>
      answerOf(red.request(method, `http://router.colors.local${url}`, { headers }));

    expect(ask('/', { ...chrome, 'x-canary': 'true' })).toBe('yellow');
    expect(ask('/', { 'user-agent': 'curl/8.5.0' })).toBe('blue');
    // Envoy: a missing header never matches a value rule, even an inverted one.
    expect(ask('/', {})).toBe('green');
    expect(ask('/')).toBe('green');
    expect(ask('/colors/x')).toBe('red');
    expect(ask('/debug/42?v=2')).toBe('red');
    expect(ask('/debug/42?v=3')).toBe('green');
    expect(ask('/debug/4x?v=2')).toBe('green');
    expect(ask('/', { ...chrome, 'x-version': '15' }, 'PUT')).toBe('green');
    expect(ask('/colors/', { ...chrome, 'x-version': '20' }, 'PUT')).toBe('red');
    expect(ask('/exact', { ...chrome, 'x-any': '' })).toBe('yellow');
    expect(ask('/exact/', { ...chrome, 'x-any': '' })).toBe('green');
  });

  it('a weighted target port must be one the target node listens on', () => {
    const target = (port: number) =>
      withRouterRoutes(colorView(), {
        r: {
          httpRoute: {
            match: { prefix: '/' },
            action: { weightedTargets: [{ virtualNode: 'green', weight: 1, port }] },
          },
        },
      });
    expect(answerOf(createSimulator(target(80)).from('red').get(ROUTER))).toBe('green');
    expect(answerOf(createSimulator(target(9080)).from('red').get(ROUTER))).toBe(
      'failed: UPSTREAM_CONNECT_FAILED',
    );
  });

  it('gateway routes: priority, then the longest prefix, whatever the listing order; rewrites and hostnames', () => {
    const toBlue = { target: { virtualService: { virtualServiceName: 'blue.colors.local' } } };
    const toRouter = { target: { virtualService: { virtualServiceName: 'router.colors.local' } } };
    const view = withGatewayRoutes(colorView(), {
      root: { httpRoute: { match: { prefix: '/' }, action: toBlue } },
      keep: {
        httpRoute: {
          match: { prefix: '/keep' },
          action: { ...toBlue, rewrite: { prefix: { defaultPrefix: 'DISABLED' } } },
        },
      },
      renamed: {
        httpRoute: {
          match: { prefix: '/old/' },
          action: { ...toBlue, rewrite: { prefix: { value: '/new/' } } },
        },
      },
      host: {
        priority: 5,
        httpRoute: { match: { prefix: '/', hostname: { suffix: '.router.example' } }, action: toRouter },
      },
      exact: {
        httpRoute: {
          match: { path: { exact: '/r' } },
          action: { ...toRouter, rewrite: { path: { exact: '/' } } },
        },
      },
    });
    const gateway = createSimulator(view).gateway('color-gateway');
    expect(gateway.get('/anything')).toMatchObject({ body: 'blue', path: '/anything' });
    expect(gateway.get('/keep/me')).toMatchObject({ body: 'blue', path: '/keep/me' });
    expect(gateway.get('/old/page')).toMatchObject({ body: 'blue', path: '/new/page' });
    expect(gateway.get('/r')).toMatchObject({ ok: true, path: '/' });
    expect(answerOf(gateway.get('/', { headers: { host: 'a.router.example' } }))).toMatch(/green|yellow/);
    expect(answerOf(gateway.get('http://a.router.example:8080/'))).toBe('failed: CONNECTION_REFUSED');
  });

  it('a gateway with no matching route answers 404', () => {
    const view = withGatewayRoutes(colorView(), {
      only: {
        httpRoute: {
          match: { prefix: '/only' },
          action: { target: { virtualService: { virtualServiceName: 'blue.colors.local' } } },
        },
      },
    });
    expect(createSimulator(view).gateway('color-gateway').get('/')).toMatchObject({
      ok: false,
      reason: 'NO_ROUTE',
      status: 404,
    });
  });
});
