/**
 * The color mesh planned with target `service-connect+vpc-lattice`: the view serviceConnectViewFromPlan
 * gives (its Lattice part built from the plan's lattice resources, the tasks' VPCs and task roles),
 * router.colors.local's 4:1 split coming back through Lattice, and the behaviour diff against App
 * Mesh listing exactly the changes the plan's warnings and the migration report name.
 */
import { describe, expect, it } from 'vitest';
import { type ColorMeshStage, colorMesh, exampleParams } from '../../examples/color-mesh.js';
import { diffBehaviour } from '../../src/local/simulator/behaviour-diff.js';
import { formatBehaviourDiff } from '../../src/local/simulator/format-behaviour-diff.js';
import { createServiceConnectSimulator } from '../../src/local/simulator/service-connect-simulator.js';
import { serviceConnectViewFromPlan } from '../../src/local/simulator/service-connect-view-from-plan.js';
import type { Plan } from '../../src/plan/plan.js';
import { colorView } from '../support/simulator-views.js';

const RED = 'http://red.colors.local/';
const BLUE = 'http://blue.colors.local/';
const ROUTER = 'http://router.colors.local/';
const GREEN_SC = 'http://green.color-mesh/';
const YELLOW_SC = 'http://yellow.color-mesh/';

function latticePlan(stage: ColorMeshStage = {}): Plan {
  return colorMesh(exampleParams, stage).plan({ target: 'service-connect+vpc-lattice' });
}

const plan = latticePlan();
const view = serviceConnectViewFromPlan(plan);

describe("serviceConnectViewFromPlan on the combined target's plan", () => {
  it("has the plan's Lattice service, network, rule and target groups, holding the planned tasks of green and yellow", () => {
    const lattice = view.lattice;
    expect(lattice?.serviceNetworks.map((n) => [n.name, n.authType, n.vpcIds])).toEqual([
      ['color-mesh-sc', 'NONE', [exampleParams.vpcId]],
    ]);
    const service = lattice?.services[0];
    expect(lattice?.services).toHaveLength(1);
    expect(service).toMatchObject({
      name: 'router-colors-local-sc',
      customDomainName: 'router.colors.local',
      authType: 'NONE',
    });
    expect(service?.serviceNetworks).toEqual([lattice?.serviceNetworks[0]?.id]);
    expect(service?.arn).toBe(
      `arn:aws:vpc-lattice:us-east-1:${exampleParams.accountId}:service/${service?.id}`,
    );
    const listener = service?.listeners[0];
    expect(listener).toMatchObject({
      port: 80,
      protocol: 'HTTP',
      defaultAction: { fixedResponse: { statusCode: 404 } },
    });
    const forward = listener?.rules[0]?.action.forward?.targetGroups ?? [];
    const groupOf = (id: string | undefined) => lattice?.targetGroups.find((g) => g.id === id);
    // Weights 4:1, scaled by 9; each identifier is one of the view's groups.
    expect(forward.map((g) => [groupOf(g.targetGroupIdentifier)?.name, g.weight])).toEqual([
      ['color-mesh-sc-green', 36],
      ['color-mesh-sc-yellow', 9],
    ]);
    for (const node of ['green', 'yellow']) {
      const tasks = view.tasks.filter((t) => t.serviceName === `${node}-sc`);
      const group = lattice?.targetGroups.find((g) => g.name === `color-mesh-sc-${node}`);
      expect(group?.targets).toEqual(tasks.map((t) => ({ ip: t.ip, port: 80, status: 'HEALTHY' })));
    }
  });

  it('gives each task its VPC and its task role ARN', () => {
    const red = view.tasks.find((t) => t.serviceName === 'red-sc');
    expect(red?.vpcId).toBe(exampleParams.vpcId);
    expect(red?.taskRoleArn).toBe(`arn:aws:iam::${exampleParams.accountId}:role/color-mesh-red-task-role-sc`);
  });
});

describe('the 4:1 split comes back', () => {
  it('router.colors.local from red: green about 80 %, yellow about 20 % over 10,000 requests', () => {
    const split = createServiceConnectSimulator(view, { seed: 11 }).from('red').sample(ROUTER, 10_000);
    const green = split.answers.green ?? 0;
    // Binomial(10000, 0.8): four standard deviations is 160.
    expect(Math.abs(green - 8000)).toBeLessThan(160);
    expect(split).toEqual({ total: 10_000, answers: { green, yellow: 10_000 - green }, failures: {} });
  });

  it('a stage that weighs them 1:1 splits evenly: the weights come from the plan', () => {
    const even = serviceConnectViewFromPlan(latticePlan({ routeTargets: { green: 1, yellow: 1 } }));
    const split = createServiceConnectSimulator(even, { seed: 11 }).from('red').sample(ROUTER, 1000);
    expect(Math.abs((split.answers.green ?? 0) - 500)).toBeLessThan(4 * Math.sqrt(1000 * 0.25));
  });
});

describe('the behaviour diff, App Mesh to Service Connect + VPC Lattice', () => {
  it('lists exactly these changes; the router keeps its split', () => {
    // 300 requests a pair: a 4:1 split on both sides stays within the noise guard.
    const diff = diffBehaviour(colorView(), view, { samples: 300 });
    const awsName = `http://${view.lattice?.services[0]?.dnsEntry?.domainName}/`;
    expect(diff.to).toBe('Service Connect + VPC Lattice');
    expect(diff.urls).toEqual([BLUE, GREEN_SC, RED, awsName, ROUTER, YELLOW_SC].sort());
    expect(diff.changes.map((c) => `${c.caller} ${c.url} ${c.change}`).sort()).toEqual(
      [
        // The allow-list App Mesh enforced (each node's backends) is gone: the migration report
        // says "Service Connect has no allow-list", and the Lattice service's auth type is NONE.
        // A task knows the endpoints older than itself: the services are created red, blue, then
        // green and yellow (the targets of the gateway's ALB come after its rules).
        `blue ${BLUE} newly-reachable`,
        `blue ${ROUTER} newly-reachable`,
        `green ${BLUE} newly-reachable`,
        `green ${RED} newly-reachable`,
        `green ${ROUTER} newly-reachable`,
        `red ${RED} newly-reachable`,
        `yellow ${BLUE} newly-reachable`,
        `yellow ${RED} newly-reachable`,
        `yellow ${ROUTER} newly-reachable`,
        // The Lattice service's own DNS name, which the plan's warning names (dnsEntry.domainName).
        ...['blue', 'green', 'red', 'yellow'].map((caller) => `${caller} ${awsName} newly-reachable`),
        // Nodes whose name goes to no alias are called discoveryName.namespace under Service Connect.
        ...['green', 'yellow'].map((caller) => `${caller} ${GREEN_SC} newly-reachable`),
        `yellow ${YELLOW_SC} newly-reachable`,
      ].sort(),
    );
    // No different-distribution: red's router.colors.local is 4:1 on both sides.
    expect(diff.changes.find((c) => c.caller === 'red' && c.url === ROUTER)).toBeUndefined();
    const blue = diff.changes.find((c) => c.caller === 'blue' && c.url === ROUTER);
    expect(blue?.reason).toMatch(
      /^App Mesh: fails with EGRESS_DENIED \(router.colors.local is not a backend of virtual node blue .*\); Service Connect \+ VPC Lattice: green \d+%, yellow \d+%$/,
    );
  });

  it('formatBehaviourDiff names the combined target', () => {
    const text = formatBehaviourDiff(diffBehaviour(colorView(), view, { samples: 20 }));
    expect(text.trimEnd().split('\n').at(-1)).toMatch(
      /^\d+ changes from App Mesh to Service Connect \+ VPC Lattice: 4 callers x 6 URLs, 20 requests each \(seed 1\)\.$/,
    );
  });
});
