import { describe, expect, it } from 'vitest';
import {
  cloudMapService,
  gateway,
  gatewayRoute,
  gatewayRouteSpec,
  gatewayTask,
  httpListener,
  httpRouteSpec,
  minimalDefinition,
  node,
  nodeTask,
  only,
  route,
  router,
  service,
  tutorialDefinition,
  validate,
  withNode,
} from './fixtures.js';

const duplicates = (definition: Parameters<typeof validate>[0]) =>
  validate(definition).filter((i) => i.code === 'DUPLICATE_NAME');

describe('duplicates rule', () => {
  it('reports a second node with the same name, pointing at the first', () => {
    const base = minimalDefinition();
    const found = duplicates({ ...base, nodes: [...base.nodes, node('blue', { task: undefined })] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'mesh/color-mesh/virtualNode/blue', field: 'name' });
    expect(found[0]?.message).toContain(
      'expected a virtual node name not used elsewhere, received "blue", already used by nodes[0]',
    );
  });

  it('reports duplicate services, routers, gateways and Cloud Map services', () => {
    const base = tutorialDefinition();
    const found = duplicates({
      ...base,
      services: [...base.services, service('red.colors.local', { kind: 'virtualNode', name: 'red' })],
      routers: [...base.routers, router('color-router')],
      gateways: [...base.gateways, gateway('color-gateway', { task: undefined })],
      cloudMapServices: [...base.cloudMapServices, cloudMapService('red')],
    });
    expect(found.map((i) => i.path)).toEqual([
      'mesh/color-mesh/virtualService/red.colors.local',
      'mesh/color-mesh/virtualRouter/color-router',
      'mesh/color-mesh/virtualGateway/color-gateway',
      'cloudMap/namespace/colors.local/service/red',
    ]);
  });

  it('reports routes repeated within a router and gateway routes within a gateway, not across', () => {
    const spec = httpRouteSpec([['blue', 1]]);
    const found = duplicates(
      minimalDefinition({
        routers: [
          router('a', { routes: [route('r', spec), route('r', spec)] }),
          router('b', { routes: [route('r', spec)] }),
        ],
        gateways: [
          gateway('g', {
            task: undefined,
            routes: [
              gatewayRoute('x', gatewayRouteSpec('blue')),
              gatewayRoute('x', gatewayRouteSpec('blue')),
            ],
          }),
        ],
      }),
    );
    expect(found.map((i) => [i.path, i.field])).toEqual([
      ['mesh/color-mesh/virtualRouter/a/route/r', 'name'],
      ['mesh/color-mesh/virtualGateway/g/gatewayRoute/x', 'name'],
    ]);
  });

  it('reports duplicate backends, also when one names the node and the other the service', () => {
    const definition = withNode(tutorialDefinition(), 'blue', (n) => ({
      ...n,
      backends: [{ ref: 'red' }, { ref: 'red.colors.local' }],
    }));
    const issue = only(validate(definition), 'DUPLICATE_NAME');
    expect(issue).toMatchObject({ path: 'mesh/color-mesh/virtualNode/blue', field: 'backends[1].ref' });
    expect(issue.message).toContain('aws-app-mesh-roadmap#170');
  });

  it('accepts distinct backends', () => {
    const definition = withNode(tutorialDefinition(), 'blue', (n) => ({
      ...n,
      backends: [{ ref: 'red' }, { ref: 'router.colors.local' }],
    }));
    expect(duplicates(definition)).toEqual([]);
  });

  it('reports a listener port repeated on one node', () => {
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      listeners: [httpListener(80), httpListener(80)],
    }));
    const issue = only(validate(definition), 'DUPLICATE_NAME');
    expect(issue).toMatchObject({
      field: 'listeners[1].portMapping.port',
      received: '"80", already used by listeners[0]',
    });
  });

  it('reports ECS service names, families and task roles shared by a node and a gateway', () => {
    const base = minimalDefinition();
    const found = duplicates({
      ...base,
      gateways: [
        gateway('gw', {
          task: gatewayTask('gw', {
            serviceName: 'blue',
            family: 'blue',
            taskRoleName: 'color-mesh-blue-task-role',
          }),
        }),
      ],
    });
    expect(found.map((i) => [i.path, i.field])).toEqual([
      ['mesh/color-mesh/virtualGateway/gw/task', 'serviceName'],
      ['mesh/color-mesh/virtualGateway/gw/task', 'family'],
      ['mesh/color-mesh/virtualGateway/gw/task', 'taskRoleName'],
    ]);
    expect(found[0]?.message).toContain('already used by node "blue"');
  });

  it('reports a gateway security group named like the mesh security group', () => {
    const base = minimalDefinition();
    const found = duplicates({
      ...base,
      gateways: [gateway('gw', { task: gatewayTask('gw', { securityGroupName: 'colorapp-sg' }) })],
    });
    expect(found.map((i) => i.field)).toEqual(['securityGroupName']);
  });

  it('accepts two nodes with their own task names', () => {
    const base = minimalDefinition();
    const extra = node('red', {
      task: nodeTask('red'),
      serviceDiscovery: { kind: 'dns', hostname: 'red.example.com' },
    });
    expect(duplicates({ ...base, nodes: [...base.nodes, extra] })).toEqual([]);
  });
});
