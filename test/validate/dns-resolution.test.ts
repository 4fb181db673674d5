import { describe, expect, it } from 'vitest';
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

describe("dns resolution rule (the tutorial's DNS lesson)", () => {
  it('reports a virtual service whose Cloud Map service does not exist, and explains why', () => {
    const base = tutorialDefinition();
    // Drop the "router" Cloud Map service and move green to its own: router.colors.local has no record.
    const definition = {
      ...base,
      cloudMapServices: [
        ...base.cloudMapServices.filter((s) => s.name !== 'router'),
        cloudMapService('green'),
      ],
      nodes: base.nodes.map((n) =>
        n.name === 'green'
          ? { ...n, serviceDiscovery: { kind: 'cloudMap' as const, service: 'green', attributes: {} } }
          : n,
      ),
    };
    const issue = only(validate(definition), 'UNRESOLVABLE_SERVICE_NAME');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualService/router.colors.local',
      field: 'name',
      expected:
        'a Cloud Map service "router" in namespace "colors.local" with a registered task, or an externalDns entry',
      received: 'no DNS record for "router.colors.local"',
    });
    expect(issue.message).toContain('no request is ever made and Envoy never sees it');
    expect(issue.message).toContain('Declare Cloud Map service "router"');
  });

  it('distinguishes a Cloud Map service that exists but has no registered task', () => {
    const base = tutorialDefinition();
    const definition = {
      ...base,
      cloudMapServices: [...base.cloudMapServices, cloudMapService('green')],
      nodes: base.nodes.map((n) =>
        n.name === 'green'
          ? { ...n, serviceDiscovery: { kind: 'cloudMap' as const, service: 'green', attributes: {} } }
          : n,
      ),
    };
    const issue = only(validate(definition), 'UNRESOLVABLE_SERVICE_NAME');
    expect(issue.received).toBe(
      'Cloud Map service "router" exists but no task registers in it, so "router.colors.local" has no DNS record',
    );
    expect(issue.message).toContain('as the tutorial registers green in "router"');
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
    expect(only(validate(unresolved), 'UNRESOLVABLE_SERVICE_NAME').expected).toBe(
      'a name inside the Cloud Map namespace "colors.local" with a registered task, or an externalDns entry',
    );
    expect(validate({ ...unresolved, externalDns: ['api.mesh.local'] })).toEqual([]);
    expect(validate({ ...unresolved, externalDns: ['*.mesh.local'] })).toEqual([]);
    expect(validate({ ...unresolved, externalDns: ['*.other.local'] }).map((i) => i.code)).toEqual([
      'UNRESOLVABLE_SERVICE_NAME',
    ]);
  });

  it('checks every virtual service, even one nothing calls', () => {
    const base = minimalDefinition();
    const definition = {
      ...base,
      nodes: [...base.nodes, node('red', { task: undefined })],
      cloudMapServices: [...base.cloudMapServices, cloudMapService('red')],
      services: [...base.services, service('red.colors.local', { kind: 'virtualNode', name: 'red' })],
    };
    expect(only(validate(definition), 'UNRESOLVABLE_SERVICE_NAME').path).toBe(
      'mesh/color-mesh/virtualService/red.colors.local',
    );
  });
});
