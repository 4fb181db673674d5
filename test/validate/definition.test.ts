import { describe, expect, it } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import { validateDefinition } from '../../src/index.js';
import { ISSUE_CODES } from '../../src/validate/issue.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';
import {
  cloudMapService,
  gateway,
  gatewayRoute,
  gatewayRouteSpec,
  httpListener,
  messages,
  minimalDefinition,
  must,
  node,
  nodeTask,
  route,
  router,
  service,
  tutorialDefinition,
  validate,
} from './fixtures.js';

describe('validateDefinition', () => {
  it('returns no issue for the minimal fixture', () => {
    expect(messages(validate(minimalDefinition()))).toEqual([]);
  });

  it('returns no issue for the tutorial-shaped fixture', () => {
    expect(messages(validate(tutorialDefinition()))).toEqual([]);
  });

  it('returns no issue for the color tutorial definition the plan tests use', () => {
    expect(messages(validate(colorMeshDefinition))).toEqual([]);
  });

  it('is exported from the package entry', () => {
    expect(validateDefinition(minimalDefinition())).toEqual([]);
  });

  it('returns every problem at once, errors and warnings, in rule then definition order', () => {
    const base = tutorialDefinition();
    const definition: MeshDefinition = {
      ...base,
      meshOwner: 'me',
      nodes: [
        ...base.nodes.map((n) => (n.name === 'blue' ? { ...n, backends: [{ ref: 'rde' }] } : n)),
        node('red', { task: undefined }),
        node('purple', {
          listeners: [
            httpListener(80, { healthCheck: { ...must(httpListener().healthCheck), intervalMillis: 1 } }),
          ],
          serviceDiscovery: { kind: 'cloudMap', service: 'purple', attributes: {} },
          task: nodeTask('purple', { cpu: 256, memory: 4096 }),
        }),
      ],
      routers: [
        router('color-router', {
          routes: [
            route('color-route', {
              httpRoute: {
                match: { prefix: '/' },
                action: { weightedTargets: [{ virtualNode: 'green', weight: 101 }] },
              },
            }),
          ],
        }),
      ],
      gateways: [
        gateway('color-gateway', { routes: [gatewayRoute('r', gatewayRouteSpec('nowhere'))] }),
        gateway('b', { task: undefined }),
        gateway('c', { task: undefined }),
        gateway('d', { task: undefined }),
      ],
      services: [...base.services, service('orphan.colors.local', { kind: 'none' })],
    };
    const issues = validate(definition);
    expect(issues.map((i) => `${i.code} ${i.path} ${i.field ?? ''}`)).toEqual([
      'INVALID_VALUE mesh/color-mesh meshOwner',
      'DUPLICATE_NAME mesh/color-mesh/virtualNode/red name',
      'UNKNOWN_BACKEND mesh/color-mesh/virtualNode/blue backends[0].ref',
      'UNKNOWN_GATEWAY_ROUTE_TARGET mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/r spec.httpRoute.action.target.virtualService.virtualServiceName',
      'INVALID_HEALTH_CHECK mesh/color-mesh/virtualNode/purple listeners[0].healthCheck.intervalMillis',
      'INVALID_WEIGHT mesh/color-mesh/virtualRouter/color-router/route/color-route spec.httpRoute.action.weightedTargets[0].weight',
      'UNKNOWN_CLOUD_MAP_SERVICE mesh/color-mesh/virtualNode/purple serviceDiscovery.service',
      'UNRESOLVABLE_SERVICE_NAME mesh/color-mesh/virtualService/orphan.colors.local name',
      'INVALID_FARGATE_SIZE mesh/color-mesh/virtualNode/purple/task memory',
      'QUOTA_EXCEEDED mesh/color-mesh gateways',
    ]);
    // No task of the plan serves the orphan, so its DNS issue is a warning, like the quota.
    expect(issues.filter((i) => i.severity === 'warning').map((i) => i.code)).toEqual([
      'UNRESOLVABLE_SERVICE_NAME',
      'QUOTA_EXCEEDED',
    ]);
    expect(issues.filter((i) => i.severity === 'error')).toHaveLength(8);
    for (const i of issues) {
      expect(ISSUE_CODES).toContain(i.code);
      expect(i.message).toContain(`expected ${i.expected}, received ${i.received}`);
      expect(i.message.startsWith(`${i.code} ${i.path}`)).toBe(true);
      expect(Object.isFrozen(i)).toBe(true);
    }
  });

  it('is deterministic', () => {
    const definition = { ...tutorialDefinition(), meshOwner: 'x', cloudMapServices: [cloudMapService('-')] };
    expect(validate(definition)).toEqual(validate(definition));
  });

  it('never throws, even on data that is not a definition', () => {
    const garbage = { kind: 'mesh', name: 'm', nodes: [null] } as unknown as MeshDefinition;
    const issues = validateDefinition(garbage);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ code: 'INVALID_VALUE', path: 'mesh/m', received: 'malformed data' });
  });

  // How fast: bench/plan.ts measures validation with the rest of the plan, at 1,000 and 5,000 nodes.
  it('validates 5,000 nodes behind 5,000 services: only the two quota issues, every reference resolved', () => {
    const count = 5000;
    const names = Array.from({ length: count }, (_, i) => `svc${i}`);
    const definition = minimalDefinition({
      cloudMapServices: names.map((name) => cloudMapService(name)),
      nodes: names.map((name, i) =>
        node(name, {
          backends: [
            { ref: must(names[(i + 1) % count]) },
            { ref: `${must(names[(i + 2) % count])}.colors.local` },
          ],
        }),
      ),
      services: names.map((name) => service(`${name}.colors.local`, { kind: 'virtualNode', name })),
      routers: [
        router('r', {
          routes: [
            route('all', {
              httpRoute: {
                match: { prefix: '/' },
                action: {
                  weightedTargets: names.slice(0, 10).map((virtualNode) => ({ virtualNode, weight: 1 })),
                },
              },
            }),
          ],
        }),
      ],
    });
    const issues = validate(definition);
    expect(issues.map((i) => i.code)).toEqual(['QUOTA_EXCEEDED', 'QUOTA_EXCEEDED']);
  });
});
