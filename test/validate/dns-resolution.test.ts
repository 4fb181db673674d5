import { describe, expect, it } from 'vitest';
import { listener, mesh } from '../../src/index.js';
import {
  cloudMapService,
  minimalDefinition,
  must,
  node,
  only,
  service,
  tutorialDefinition,
  validate,
} from './fixtures.js';

const WHY = 'Why: docs/validation.md#why-a-virtual-service-name-must-resolve';

/** The tutorial with green discovered in its own Cloud Map service: nothing registers in "router". */
function greenMovedOut(keepRouterService: boolean) {
  const base = tutorialDefinition();
  return {
    ...base,
    cloudMapServices: [
      ...base.cloudMapServices.filter((s) => keepRouterService || s.name !== 'router'),
      cloudMapService('green'),
    ],
    nodes: base.nodes.map((n) =>
      n.name === 'green'
        ? { ...n, serviceDiscovery: { kind: 'cloudMap' as const, service: 'green', attributes: {} } }
        : n,
    ),
  };
}

describe("dns resolution rule (the tutorial's DNS lesson)", () => {
  it("is an error when the plan's own tasks should answer for the name: it says which to register where", () => {
    const issue = only(validate(greenMovedOut(false)), 'UNRESOLVABLE_SERVICE_NAME');
    expect(issue).toMatchObject({
      severity: 'error',
      path: 'mesh/color-mesh/virtualService/router.colors.local',
      field: 'name',
      expected: 'a task registered in Cloud Map service "router" of "colors.local", or an externalDns entry',
      received: 'no Cloud Map service "router"',
    });
    expect(issue.message).toContain(
      `Declare .cloudMapService("router") and register the task of nodes "green" or "yellow" in "router" (.cloudMap() or task.registerIn). ${WHY}`,
    );
  });

  it('keeps the why in the docs: each issue says what to do and points there', () => {
    const issue = only(validate(greenMovedOut(false)), 'UNRESOLVABLE_SERVICE_NAME');
    expect(issue.message).not.toContain('Envoy');
    expect(issue.message.length).toBeLessThan(450);
  });

  it('distinguishes a Cloud Map service that exists but has no registered task', () => {
    const issue = only(validate(greenMovedOut(true)), 'UNRESOLVABLE_SERVICE_NAME');
    expect(issue.severity).toBe('error');
    expect(issue.received).toBe('no task of this plan registered in "router"');
    expect(issue.message).toContain(
      `Register the task of nodes "green" or "yellow" in "router" (.cloudMap() or task.registerIn).`,
    );
  });

  it('accepts a name resolved by a task that registers through task.registerIn', () => {
    const base = tutorialDefinition();
    const definition = {
      ...base,
      cloudMapServices: [...base.cloudMapServices, cloudMapService('green')],
      nodes: base.nodes.map((n) =>
        n.name === 'green'
          ? {
              ...n,
              serviceDiscovery: { kind: 'cloudMap' as const, service: 'green', attributes: {} },
              task: { ...must(n.task), registerIn: 'router' },
            }
          : n,
      ),
    };
    expect(validate(definition)).toEqual([]);
  });

  it('reports a name outside the namespace unless externalDns lists it (exactly or by wildcard)', () => {
    const base = minimalDefinition();
    const extra = service('api.mesh.local', { kind: 'virtualNode', name: 'blue' });
    const unresolved = { ...base, services: [...base.services, extra] };
    expect(only(validate(unresolved), 'UNRESOLVABLE_SERVICE_NAME')).toMatchObject({
      severity: 'error',
      expected: 'a name in Cloud Map namespace "colors.local", or an externalDns entry',
      received: 'a name outside "colors.local"',
    });
    expect(validate({ ...unresolved, externalDns: ['api.mesh.local'] })).toEqual([]);
    expect(validate({ ...unresolved, externalDns: ['*.mesh.local'] })).toEqual([]);
    expect(validate({ ...unresolved, externalDns: ['*.other.local'] }).map((i) => i.code)).toEqual([
      'UNRESOLVABLE_SERVICE_NAME',
    ]);
  });

  it('checks every virtual service, even one nothing calls: a node without a task gets a warning', () => {
    const base = minimalDefinition();
    const definition = {
      ...base,
      nodes: [...base.nodes, node('red', { task: undefined })],
      cloudMapServices: [...base.cloudMapServices, cloudMapService('red')],
      services: [...base.services, service('red.colors.local', { kind: 'virtualNode', name: 'red' })],
    };
    const issue = only(validate(definition), 'UNRESOLVABLE_SERVICE_NAME');
    expect(issue).toMatchObject({
      severity: 'warning',
      path: 'mesh/color-mesh/virtualService/red.colors.local',
    });
    expect(issue.message).toContain(
      `Its tasks run outside this plan: register the tasks of node "red" in "red" (the ECS service's service registry). ${WHY}`,
    );
  });

  it('is an error while any target of the router has a task of this plan', () => {
    const base = greenMovedOut(true);
    const definition = {
      ...base,
      nodes: base.nodes.map((n) => (n.name === 'yellow' ? { ...n, task: undefined } : n)),
    };
    const issue = only(validate(definition), 'UNRESOLVABLE_SERVICE_NAME');
    expect(issue.severity).toBe('error');
    expect(issue.message).toContain('Register the task of node "green" in "router"');
  });

  it("warns when the target Envoy finds in the name's Cloud Map service runs elsewhere, though another target has a task", () => {
    const base = tutorialDefinition();
    const definition = {
      ...base,
      nodes: base.nodes.map((n) => (n.name === 'green' ? { ...n, task: undefined } : n)),
    };
    const issue = only(validate(definition), 'UNRESOLVABLE_SERVICE_NAME');
    expect(issue.severity).toBe('warning');
    expect(issue.message).toContain('register the tasks of node "green" in "router"');
  });

  it('warns for a service with no provider: whoever serves it registers its tasks', () => {
    const base = minimalDefinition();
    const definition = {
      ...base,
      services: [...base.services, service('orphan.colors.local', { kind: 'none' })],
    };
    const issue = only(validate(definition), 'UNRESOLVABLE_SERVICE_NAME');
    expect(issue.severity).toBe('warning');
    expect(issue.message).toContain(
      'Its tasks run outside this plan: declare .cloudMapService("orphan") and register its tasks in "orphan"',
    );
  });

  it('lets a mesh whose tasks run elsewhere (no .ecs()) plan, with one warning per name saying what to register', () => {
    const canary = mesh('crystal')
      .namespace('crystal.local')
      .cloudMapService('v1')
      .cloudMapService('v2')
      .cloudMapService('crystal')
      .node('v1', (n) => n.listener(listener.http(80)).cloudMap('v1').virtualService('v1.crystal.local'))
      .node('v2', (n) => n.listener(listener.http(80)).cloudMap('v2'))
      .router('crystal-router', (r) =>
        r.listener(listener.http(80)).route('all', { match: { prefix: '/' }, targets: { v1: 9, v2: 1 } }),
      )
      .service('crystal.crystal.local', { router: 'crystal-router' })
      .service('outside.example.com', { router: 'crystal-router' });
    const plan = canary.plan();
    expect(plan.resources.length).toBeGreaterThan(0);
    expect(plan.warnings.map((w) => `${w.severity} ${w.path}: ${w.message.split('. ')[1]}`)).toEqual([
      'warning mesh/crystal/virtualService/v1.crystal.local: Its tasks run outside this plan: register the tasks of node "v1" in "v1" (the ECS service\'s service registry)',
      'warning mesh/crystal/virtualService/crystal.crystal.local: Its tasks run outside this plan: register the tasks of nodes "v1" or "v2" in "crystal" (the ECS service\'s service registry)',
      'warning mesh/crystal/virtualService/outside.example.com: Its tasks run outside this plan: make the name resolve there and list it in externalDns',
    ]);
    expect(canary.externalDns('*.crystal.local').externalDns('outside.example.com').plan().warnings).toEqual(
      [],
    );
  });

  it("names the router's target that Envoy already finds in the name's Cloud Map service, as the tutorial's green", () => {
    const canary = mesh('crystal')
      .namespace('crystal.local')
      .cloudMapService('crystal')
      .cloudMapService('v2')
      .node('v1', (n) => n.listener(listener.http(80)).cloudMap('crystal'))
      .node('v2', (n) => n.listener(listener.http(80)).cloudMap('v2'))
      .router('crystal-router', (r) =>
        r.listener(listener.http(80)).route('all', { match: { prefix: '/' }, targets: { v1: 9, v2: 1 } }),
      )
      .service('crystal.crystal.local', { router: 'crystal-router' });
    const warning = only(canary.plan().warnings, 'UNRESOLVABLE_SERVICE_NAME');
    expect(warning.message).toContain('register the tasks of node "v1" in "crystal"');
  });
});
