/**
 * The Service Connect simulator through the ALB a `service-connect+vpc-lattice` plan makes of a
 * virtual gateway, against the App Mesh simulator's gateway on the same definition: the same apps
 * answer with the same path and Host, the 4:1 split comes back, and what no route takes gets 404.
 * The `vpc-lattice` plan's ALB answers the same, and reaches a service whose Lattice auth policy
 * denies everyone, since it forwards to the tasks directly.
 */
import { describe, expect, it } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import { meshViewFromPlan } from '../../src/local/simulator/mesh-view-from-plan.js';
import type { SimResult } from '../../src/local/simulator/result.js';
import { createServiceConnectSimulator } from '../../src/local/simulator/service-connect-simulator.js';
import { serviceConnectViewFromPlan } from '../../src/local/simulator/service-connect-view-from-plan.js';
import { type Caller, createSimulator } from '../../src/local/simulator/simulator.js';
import { plan } from '../../src/plan/build-plan.js';
import type { PlanOptions } from '../../src/plan/plan-options.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';

// biome-ignore lint/suspicious/noExplicitAny: a test edits a definition as plain data
type Loose = any;

function callers(
  definition: MeshDefinition,
  options: PlanOptions = { target: 'service-connect+vpc-lattice' },
  nameSuffix = '-sc',
): { appMesh: Caller; alb: Caller } {
  const appMesh = createSimulator(meshViewFromPlan(plan(definition))).gateway('color-gateway');
  const view = serviceConnectViewFromPlan(plan(definition, options));
  return {
    appMesh,
    alb: createServiceConnectSimulator(view, { nameSuffix }).loadBalancer('color-gateway-nlb'),
  };
}

/** What the app saw (or the status), without which task or node answered. */
function seen(result: SimResult): string {
  return result.ok
    ? `${result.body} ${result.path} ${result.host}`
    : `status ${result.status ?? result.reason}`;
}

/** Every distinct answer to `n` tries of one request. */
function answers(caller: Caller, method: string, path: string, n = 40): string[] {
  return [...new Set(Array.from({ length: n }, () => seen(caller.request(method, path))))].sort();
}

describe('Service Connect simulator: through the ALB of the color gateway', () => {
  const { appMesh, alb } = callers(colorMeshDefinition);

  it('/router reaches green about 80 % and yellow about 20 % of 10,000 requests, as on App Mesh', () => {
    const sample = alb.sample('/router', 10_000);
    expect(sample.failures).toEqual({});
    expect(Object.keys(sample.answers).sort()).toEqual(['green', 'yellow']);
    expect((sample.answers.green ?? 0) / 10_000).toBeCloseTo(0.8, 1);
    expect((sample.answers.yellow ?? 0) / 10_000).toBeCloseTo(0.2, 1);
  });

  it('each app receives the path and Host the App Mesh gateway gives it', () => {
    const router = alb.get('/router');
    expect(router.ok && [router.path, router.host]).toEqual(['/', 'router.colors.local']);
    const blue = alb.get('/');
    expect(blue.ok && [blue.body, blue.path, blue.host]).toEqual(['blue', '/', 'blue.colors.local']);
    for (const [method, path] of [
      ['GET', '/router'],
      ['GET', '/router/x'],
      ['GET', '/routerx'],
      ['GET', '/'],
      ['GET', '/blue/y'],
      ['POST', '/'],
      // The router takes only GET: App Mesh answers 404 and does not fall through to blue.
      ['POST', '/router'],
    ] as const)
      expect(answers(alb, method, path), `${method} ${path}`).toEqual(answers(appMesh, method, path));
  });

  it('keeps answering as App Mesh with rewritten prefixes, exact paths and routers with several routes', () => {
    const definition = structuredClone(colorMeshDefinition) as Loose;
    const [toRouter, toBlue] = definition.gateways[0].routes.map((r: Loose) => r.spec.httpRoute);
    toRouter.match = { prefix: '/router/' };
    toRouter.action.rewrite = { prefix: { value: '/api/' } };
    toBlue.match = { path: { exact: '/blue' } };
    toBlue.action.rewrite = { path: { exact: '/color' }, hostname: { defaultTargetHostname: 'DISABLED' } };
    const route = definition.routers[0].routes[0];
    definition.routers[0].routes = [
      {
        ...structuredClone(route),
        name: 'green-only',
        spec: {
          priority: 0,
          httpRoute: {
            match: { prefix: '/api/green', headers: [{ name: 'x-pick', match: { prefix: 'g' } }] },
            action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] },
          },
        },
      },
      {
        ...structuredClone(route),
        name: 'yellow-exact',
        spec: {
          httpRoute: {
            match: { path: { exact: '/api/yellow' } },
            action: { weightedTargets: [{ virtualNode: 'yellow', weight: 1 }] },
          },
        },
      },
    ];
    const { appMesh: variantMesh, alb: variantAlb } = callers(definition);
    const requests: [string, string, Record<string, string>?][] = [
      ['GET', '/router/green/1', { 'x-pick': 'go' }],
      ['GET', '/router/green/1'],
      ['GET', '/router/yellow'],
      ['GET', '/router/yellow/2'],
      ['GET', '/router/'],
      ['GET', '/blue'],
      ['GET', '/blue/'],
      ['GET', '/'],
    ];
    for (const [method, path, own] of requests) {
      // The caller's Host, which the route to /blue keeps.
      const headers = { host: 'www.example.com', ...own };
      const both = [variantAlb, variantMesh].map((caller) =>
        [
          ...new Set(Array.from({ length: 10 }, () => seen(caller.request(method, path, { headers })))),
        ].sort(),
      );
      expect(both[0], `${method} ${path} ${JSON.stringify(headers)}`).toEqual(both[1]);
    }
    expect(seen(variantAlb.get('/router/green/1', { headers: { 'x-pick': 'go' } }))).toBe(
      'green /api/green/1 router.colors.local',
    );
    expect(seen(variantAlb.get('/blue', { headers: { host: 'www.example.com' } }))).toBe(
      'blue /color www.example.com',
    );
  });
});

describe('Service Connect simulator: through the ALB of the vpc-lattice plan', () => {
  it('/router reaches green about 80 % and yellow about 20 %, / reaches blue, the rest as on App Mesh', () => {
    const { appMesh, alb } = callers(colorMeshDefinition, { target: 'vpc-lattice' }, '-lattice');
    const sample = alb.sample('/router', 2000);
    expect(sample.failures).toEqual({});
    expect((sample.answers.green ?? 0) / 2000).toBeCloseTo(0.8, 1);
    expect((sample.answers.yellow ?? 0) / 2000).toBeCloseTo(0.2, 1);
    expect(seen(alb.get('/'))).toBe('blue / blue.colors.local');
    for (const [method, path] of [
      ['GET', '/router/x'],
      ['GET', '/blue/y'],
      ['POST', '/router'],
    ] as const)
      expect(answers(alb, method, path), `${method} ${path}`).toEqual(answers(appMesh, method, path));
  });

  it("with AWS_IAM, blue's policy denies every caller through Lattice, yet the ALB reaches blue", () => {
    const options: PlanOptions = { target: 'vpc-lattice', vpcLattice: { auth: 'AWS_IAM' } };
    const { alb } = callers(colorMeshDefinition, options, '-lattice');
    expect(seen(alb.get('/'))).toBe('blue / blue.colors.local');
    const view = serviceConnectViewFromPlan(plan(colorMeshDefinition, options));
    const red = createServiceConnectSimulator(view, { nameSuffix: '-lattice' }).from('red');
    expect(red.get('http://blue.colors.local/')).toMatchObject({ ok: false, reason: 'AUTH_DENIED' });
  });
});
