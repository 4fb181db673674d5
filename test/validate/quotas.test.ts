import { describe, expect, it } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import {
  gateway,
  gatewayRoute,
  gatewayRouteSpec,
  httpRouteSpec,
  minimalDefinition,
  must,
  node,
  route,
  router,
  validate,
} from './fixtures.js';

const quotaIssues = (definition: MeshDefinition) =>
  validate(definition).filter((i) => i.code === 'QUOTA_EXCEEDED');

describe('quotas rule', () => {
  it('warns above 200 nodes, and not at 200', () => {
    const base = minimalDefinition();
    const extra = (count: number) =>
      Array.from({ length: count }, (_, i) =>
        node(`n${i}`, { task: undefined, listeners: [], serviceDiscovery: undefined }),
      );
    const issues = quotaIssues({ ...base, nodes: [...base.nodes, ...extra(200)] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      severity: 'warning',
      path: 'mesh/color-mesh',
      field: 'nodes',
      received: '201',
    });
    expect(issues[0]?.message).toContain('L-E043DFB4');
    expect(quotaIssues({ ...base, nodes: [...base.nodes, ...extra(199)] })).toEqual([]);
  });

  it('warns above 3 gateways, 50 routes per router and 10 gateway routes per gateway', () => {
    const routes = Array.from({ length: 51 }, (_, i) =>
      route(`r${i}`, httpRouteSpec([['blue', 1]], `/p${i}`)),
    );
    const gatewayRoutes = Array.from({ length: 11 }, (_, i) =>
      gatewayRoute(`g${i}`, gatewayRouteSpec('blue', `/p${i}`)),
    );
    const gateways = [0, 1, 2, 3].map((i) =>
      gateway(`gw${i}`, { task: undefined, routes: i === 0 ? gatewayRoutes : [] }),
    );
    const issues = quotaIssues(minimalDefinition({ routers: [router('r', { routes })], gateways }));
    expect(issues.map((i) => [i.path, i.field, i.received])).toEqual([
      ['mesh/color-mesh', 'gateways', '4'],
      ['mesh/color-mesh/virtualRouter/r', 'routes', '51'],
      ['mesh/color-mesh/virtualGateway/gw0', 'routes', '11'],
    ]);
  });

  it('warns above 50 backends on a node', () => {
    const base = minimalDefinition();
    const backends = Array.from({ length: 51 }, (_, i) => ({ ref: `s${i}.example.com` }));
    const services = backends.map((b) => ({
      kind: 'virtualService' as const,
      name: b.ref,
      provider: { kind: 'none' as const },
      tags: {},
    }));
    const definition: MeshDefinition = {
      ...base,
      nodes: [{ ...must(base.nodes[0]), backends }],
      services: [...base.services, ...services],
      externalDns: ['*.example.com'],
    };
    expect(validate(definition).map((i) => [i.code, i.severity, i.field])).toEqual([
      ['QUOTA_EXCEEDED', 'warning', 'backends'],
    ]);
  });
});
