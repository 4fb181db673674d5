/**
 * The behaviour diff between the color mesh on App Mesh (meshViewFromPlan of its plan) and on
 * Service Connect (serviceConnectViewFromPlan of a Service Connect plan): exactly which caller
 * and URL change and how, the visibility and namespace rules seen through the diff, the noise
 * guard on distributions, determinism, and the text table.
 */
import { describe, expect, it } from 'vitest';
import { type BehaviourDiff, diffBehaviour } from '../../src/local/simulator/behaviour-diff.js';
import { formatBehaviourDiff } from '../../src/local/simulator/format-behaviour-diff.js';
import type { ServiceConnectView } from '../../src/local/simulator/service-connect-view.js';
import { serviceConnectViewFromPlan } from '../../src/local/simulator/service-connect-view-from-plan.js';
import type { Plan } from '../../src/plan/plan.js';
import {
  colorServiceConnectPlan,
  withoutServiceConnect,
  withServiceInput,
  withServiceOrder,
} from '../support/service-connect-plans.js';
import { colorView } from '../support/simulator-views.js';

const RED = 'http://red.colors.local/';
const BLUE = 'http://blue.colors.local/';
const ROUTER = 'http://router.colors.local/';
const YELLOW = 'http://yellow.color-mesh/';

/** The Service Connect plan of the tutorial's final state, compiled once. */
const colorPlan = colorServiceConnectPlan();

function scView(plan: Plan = colorPlan): ServiceConnectView {
  return serviceConnectViewFromPlan(plan);
}

/** The App Mesh view of the tutorial's final state, built once: views are plain data no diff changes. */
const colorMeshView = colorView();

/** `caller url change`, one per changed pair. */
function pairs(diff: BehaviourDiff): string[] {
  return diff.changes.map((c) => `${c.caller} ${c.url} ${c.change}`);
}

function change(diff: BehaviourDiff, caller: string, url: string) {
  return diff.changes.find((c) => c.caller === caller && c.url === url);
}

describe('the color mesh, App Mesh to Service Connect', () => {
  it('first deployment (servers before clients): exactly these pairs change', () => {
    const diff = diffBehaviour(colorMeshView, scView());
    expect(diff.callers).toEqual(['blue', 'green', 'red', 'yellow']);
    expect(diff.urls).toEqual([BLUE, RED, ROUTER, YELLOW]);
    expect(pairs(diff)).toEqual([
      // App Mesh gave blue only red.colors.local; Service Connect has no allow-list.
      `blue ${BLUE} newly-reachable`,
      `blue ${ROUTER} newly-reachable`,
      // yellow keeps no name of the definition: Service Connect names it discoveryName.namespace.
      `blue ${YELLOW} newly-reachable`,
      // yellow, then green (the router's name comes after its other targets), start before red
      // and blue exist: only the older endpoints are theirs.
      `green ${ROUTER} newly-reachable`,
      `green ${YELLOW} newly-reachable`,
      `red ${RED} newly-reachable`,
      // Service Connect cannot split: the router's name goes to green alone.
      `red ${ROUTER} different-distribution`,
      `red ${YELLOW} newly-reachable`,
      `yellow ${YELLOW} newly-reachable`,
    ]);
  });

  it('once every service is deployed again: every caller reaches every name', () => {
    const diff = diffBehaviour(
      colorView(),
      serviceConnectViewFromPlan(colorPlan, { tasksStart: 'after-every-endpoint' }),
    );
    const unchanged = [`blue ${RED}`];
    const expected = diff.callers.flatMap((caller) =>
      diff.urls
        .filter((url) => !unchanged.includes(`${caller} ${url}`))
        .map(
          (url) =>
            `${caller} ${url} ${caller === 'red' && url === ROUTER ? 'different-distribution' : 'newly-reachable'}`,
        ),
    );
    expect(pairs(diff)).toEqual(expected);
    for (const c of diff.changes.filter((c) => c.change === 'newly-reachable')) {
      expect(Object.keys(c.appMesh.answers)).toEqual([]);
      expect(c.serviceConnect.failures).toEqual({});
    }
  });

  it('router.colors.local from red: App Mesh green 4 : yellow 1, Service Connect green only, with both counts', () => {
    const diff = diffBehaviour(colorMeshView, scView(), { samples: 1000, seed: 5 });
    const router = change(diff, 'red', ROUTER);
    expect(router?.serviceConnect).toEqual({ total: 1000, answers: { green: 1000 }, failures: {} });
    const green = router?.appMesh.answers.green ?? 0;
    // Binomial(1000, 0.8): four standard deviations is about 51.
    expect(Math.abs(green - 800)).toBeLessThan(4 * Math.sqrt(1000 * 0.8 * 0.2));
    expect(router?.appMesh.answers.yellow).toBe(1000 - green);
    expect(router?.reason).toMatch(/^App Mesh: green \d+%, yellow \d+%; Service Connect: green 100%$/);
  });

  it('a newly reachable pair says why App Mesh refused it', () => {
    const blue = change(diffBehaviour(colorMeshView, scView()), 'blue', ROUTER);
    expect(blue?.appMesh.failures).toEqual({ EGRESS_DENIED: 1000 });
    expect(blue?.reason).toBe(
      'App Mesh: fails with EGRESS_DENIED (router.colors.local is not a backend of virtual node blue and mesh color-mesh drops other egress (DROP_ALL)); Service Connect: green 100%',
    );
  });
});

describe('what Service Connect takes away', () => {
  it('a server created after its client: the client loses it, and the diff says why', () => {
    // blue first, then red: blue's task starts before red.colors.local exists.
    const order = withServiceOrder(colorPlan, ['green', 'yellow', 'blue', 'red']);
    const lost = change(diffBehaviour(colorMeshView, scView(order)), 'blue', RED);
    expect(lost?.change).toBe('unreachable');
    expect(lost?.appMesh.answers).toEqual({ red: 1000 });
    expect(lost?.serviceConnect.failures).toEqual({ ENDPOINT_NEWER_THAN_TASK: 1000 });
    expect(lost?.reason).toContain('tasks only see endpoints that existed when they started');
  });

  it('a caller left outside Service Connect cannot resolve the names it called under App Mesh', () => {
    const lost = change(
      diffBehaviour(colorMeshView, scView(withoutServiceConnect(colorPlan, 'blue'))),
      'blue',
      RED,
    );
    expect(lost?.change).toBe('unreachable');
    expect(lost?.serviceConnect.failures).toEqual({ DNS_UNRESOLVED: 1000 });
    expect(lost?.reason).toContain(
      'ECS service blue-sc is not one (it has no Service Connect configuration)',
    );
  });

  it('an alias given to another node than App Mesh routed to: a different answer', () => {
    // App Mesh sends router.colors.local to green only; the Service Connect plan of a stage where
    // yellow weighs most gives the name to yellow.
    const yellowFirst = colorServiceConnectPlan({ routeTargets: { green: 1, yellow: 4 } });
    const diff = diffBehaviour(colorView({ routeTargets: { green: 1 } }), scView(yellowFirst));
    const router = change(diff, 'red', ROUTER);
    expect(router?.change).toBe('different-answer');
    expect(router?.appMesh.answers).toEqual({ green: 1000 });
    expect(router?.serviceConnect.answers).toEqual({ yellow: 1000 });
  });
});

describe('distributions', () => {
  /** Service Connect's router.colors.local served by two green tasks, one of them answering yellow. */
  function evenlySplitRouter(): ServiceConnectView {
    const view = scView(withServiceInput(colorPlan, 'green', (input) => ({ ...input, desiredCount: 2 })));
    const second = view.tasks.filter((t) => t.serviceName === 'green-sc')[1]?.ip;
    return { ...view, tasks: view.tasks.map((t) => (t.ip === second ? { ...t, color: 'yellow' } : t)) };
  }

  it('the same split on both sides is no change, whatever the seed (sampling noise is not a change)', () => {
    const appMesh = colorView({ routeTargets: { green: 1, yellow: 1 } });
    const serviceConnect = evenlySplitRouter();
    for (let seed = 1; seed <= 10; seed++) {
      const diff = diffBehaviour(appMesh, serviceConnect, { samples: 200, seed });
      expect(change(diff, 'red', ROUTER), `seed ${seed}`).toBeUndefined();
    }
  });

  it('a split that moves by more than the tolerance is a change', () => {
    const diff = diffBehaviour(colorView({ routeTargets: { green: 3, yellow: 1 } }), evenlySplitRouter(), {
      samples: 400,
    });
    expect(change(diff, 'red', ROUTER)?.change).toBe('different-distribution');
    const wide = diffBehaviour(colorView({ routeTargets: { green: 3, yellow: 1 } }), evenlySplitRouter(), {
      samples: 400,
      tolerance: 0.4,
    });
    expect(change(wide, 'red', ROUTER)).toBeUndefined();
  });
});

describe('determinism and the table', () => {
  it('the same seed gives the same diff; another seed other counts', () => {
    const first = diffBehaviour(colorMeshView, scView(), { seed: 9, samples: 200 });
    expect(diffBehaviour(colorMeshView, scView(), { seed: 9, samples: 200 })).toEqual(first);
    expect(formatBehaviourDiff(diffBehaviour(colorMeshView, scView(), { seed: 9, samples: 200 }))).toBe(
      formatBehaviourDiff(first),
    );
    const other = diffBehaviour(colorMeshView, scView(), { seed: 10, samples: 200 });
    expect(pairs(other)).toEqual(pairs(first));
    expect(change(other, 'red', ROUTER)?.appMesh).not.toEqual(change(first, 'red', ROUTER)?.appMesh);
  });

  it('formatBehaviourDiff: one row per change with both counts, and a summary line', () => {
    const diff = diffBehaviour(colorMeshView, scView(), { samples: 100 });
    const lines = formatBehaviourDiff(diff).split('\n');
    expect(lines[0]).toMatch(/^CALLER +URL +CHANGE +APP MESH +SERVICE CONNECT +WHY$/);
    const red = lines.find((l) => l.startsWith('red ') && l.includes(ROUTER)) ?? '';
    expect(red).toMatch(/different-distribution +green \d+ yellow \d+ +green 100 +App Mesh: green/);
    const blue = lines.find((l) => l.startsWith('blue ') && l.includes(BLUE)) ?? '';
    expect(blue).toMatch(/newly-reachable +EGRESS_DENIED 100 +blue 100 +App Mesh: fails with EGRESS_DENIED/);
    expect(lines.filter((l) => l !== '')).toHaveLength(1 + diff.changes.length + 1);
    expect(lines.at(-2)).toBe(
      '9 changes from App Mesh to Service Connect: 4 callers x 4 URLs, 100 requests each (seed 1).',
    );
  });

  it('formatBehaviourDiff without changes says so', () => {
    const none: BehaviourDiff = { samples: 10, seed: 1, callers: ['a'], urls: ['http://a/'], changes: [] };
    expect(formatBehaviourDiff(none)).toBe(
      'No behaviour changes from App Mesh to Service Connect: 1 callers x 1 URLs, 10 requests each (seed 1).\n',
    );
  });
});
