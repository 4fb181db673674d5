import { describe, expect, it } from 'vitest';
import {
  gatewayRoute,
  gatewayRouteSpec,
  httpRouteSpec,
  must,
  only,
  route,
  service,
  tutorialDefinition,
  validate,
  withNode,
} from './fixtures.js';

describe('references rule', () => {
  it('reports an unknown backend with a did-you-mean suggestion', () => {
    const definition = withNode(tutorialDefinition(), 'blue', (n) => ({
      ...n,
      backends: [{ ref: 'red.colors.locl' }],
    }));
    const issue = only(validate(definition), 'UNKNOWN_BACKEND');
    expect(issue).toMatchObject({ path: 'mesh/color-mesh/virtualNode/blue', field: 'backends[0].ref' });
    expect(issue.message).toContain(
      'expected a virtual service name, or a node that a virtual service fronts, received "red.colors.locl"',
    );
    expect(issue.message).toContain('Did you mean "red.colors.local"?');
  });

  it('explains a backend naming a node that no virtual service fronts', () => {
    const definition = withNode(tutorialDefinition(), 'blue', (n) => ({
      ...n,
      backends: [{ ref: 'green' }],
    }));
    expect(only(validate(definition), 'UNKNOWN_BACKEND').message).toContain(
      'Node "green" exists, but no virtual service fronts it.',
    );
  });

  it('accepts a backend by service name and by fronted node name', () => {
    const definition = withNode(tutorialDefinition(), 'blue', (n) => ({
      ...n,
      backends: [{ ref: 'red' }, { ref: 'router.colors.local' }],
    }));
    expect(validate(definition)).toEqual([]);
  });

  it('reports a node fronted by several virtual services as ambiguous', () => {
    const base = tutorialDefinition();
    const definition = {
      ...base,
      services: [
        ...base.services,
        service('crimson.example.com', { kind: 'virtualNode' as const, name: 'red' }),
      ],
      externalDns: ['crimson.example.com'],
    };
    const issue = only(validate(definition), 'AMBIGUOUS_REFERENCE');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: 'backends[0].ref',
      received: '"red"',
    });
    expect(issue.message).toContain('"red.colors.local", "crimson.example.com"');
  });

  it('reports an unknown virtual service provider', () => {
    const base = tutorialDefinition();
    const definition = {
      ...base,
      services: base.services.map((s) =>
        s.name === 'router.colors.local'
          ? { ...s, provider: { kind: 'virtualRouter' as const, name: 'colour-router' } }
          : s,
      ),
    };
    const issue = only(validate(definition), 'UNKNOWN_PROVIDER');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualService/router.colors.local',
      field: 'provider.name',
    });
    expect(issue.message).toContain(
      'expected a declared virtual router, received "colour-router". Did you mean "color-router"?',
    );
  });

  it('reports an unknown route target', () => {
    const base = tutorialDefinition();
    const [colorRouter] = base.routers;
    const definition = {
      ...base,
      routers: [
        {
          ...must(colorRouter),
          routes: [
            route(
              'color-route',
              httpRouteSpec([
                ['green', 4],
                ['yelow', 1],
              ]),
            ),
          ],
        },
      ],
    };
    const issue = only(validate(definition), 'UNKNOWN_ROUTE_TARGET');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualRouter/color-router/route/color-route',
      field: 'spec.httpRoute.action.weightedTargets[1].virtualNode',
    });
    expect(issue.message).toContain('Did you mean "yellow"?');
  });

  it('reports an unknown gateway route target and accepts a fronted node name', () => {
    const base = tutorialDefinition();
    const [colorGateway] = base.gateways;
    const definition = {
      ...base,
      gateways: [
        {
          ...must(colorGateway),
          routes: [
            gatewayRoute('to-nowhere', gatewayRouteSpec('purple.colors.local', '/purple')),
            gatewayRoute('to-blue', gatewayRouteSpec('blue', '/')),
          ],
        },
      ],
    };
    const issue = only(validate(definition), 'UNKNOWN_GATEWAY_ROUTE_TARGET');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/to-nowhere',
      field: 'spec.httpRoute.action.target.virtualService.virtualServiceName',
      received: '"purple.colors.local"',
    });
  });
});
