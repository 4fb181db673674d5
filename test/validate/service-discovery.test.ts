import { describe, expect, it } from 'vitest';
import { minimalDefinition, must, nodeTask, only, validate, withNode } from './fixtures.js';

describe('service discovery rule', () => {
  it('reports a node with a listener and no service discovery', () => {
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      serviceDiscovery: undefined,
      task: undefined,
    }));
    const issue = only(
      validate({ ...definition, externalDns: ['blue.colors.local'] }),
      'MISSING_SERVICE_DISCOVERY',
    );
    expect(issue).toMatchObject({ path: 'mesh/color-mesh/virtualNode/blue', field: 'serviceDiscovery' });
  });

  it('accepts a backend-only node (no listener) without service discovery', () => {
    const base = minimalDefinition();
    const definition = {
      ...base,
      nodes: [
        ...base.nodes,
        {
          ...must(base.nodes[0]),
          name: 'client',
          listeners: [],
          serviceDiscovery: undefined,
          task: undefined,
        },
      ],
    };
    expect(validate(definition)).toEqual([]);
  });

  it('reports a Cloud Map discovery service not declared in the namespace, with a suggestion', () => {
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      serviceDiscovery: { kind: 'cloudMap', service: 'bleu', attributes: {} },
    }));
    const issue = only(validate(definition), 'UNKNOWN_CLOUD_MAP_SERVICE');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: 'serviceDiscovery.service',
    });
    expect(issue.message).toContain(
      'expected a Cloud Map service declared in namespace "colors.local", received "bleu". Did you mean "blue"?',
    );
  });

  it('reports a discovery namespace other than the mesh namespace', () => {
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      serviceDiscovery: { kind: 'cloudMap', service: 'blue', namespace: 'colours.local', attributes: {} },
    }));
    expect(only(validate(definition), 'UNKNOWN_NAMESPACE')).toMatchObject({
      field: 'serviceDiscovery.namespace',
      expected: 'the mesh namespace "colors.local"',
      received: '"colours.local"',
    });
  });

  it('reports a task registering in an unknown Cloud Map service', () => {
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      task: nodeTask('blue', { registerIn: 'routr' }),
    }));
    const issue = only(validate(definition), 'UNKNOWN_CLOUD_MAP_SERVICE');
    expect(issue).toMatchObject({ path: 'mesh/color-mesh/virtualNode/blue/task', field: 'registerIn' });
  });

  it('checks DNS discovery and attribute values', () => {
    const dns = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      serviceDiscovery: { kind: 'dns', hostname: '', responseType: 'ROUND_ROBIN' as never },
      task: undefined,
    }));
    expect(validate({ ...dns, externalDns: ['blue.colors.local'] }).map((i) => i.field)).toEqual([
      'serviceDiscovery.hostname',
      'serviceDiscovery.responseType',
    ]);
    const attributes = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      serviceDiscovery: { kind: 'cloudMap', service: 'blue', attributes: { ECS_TASK_DEFINITION_FAMILY: '' } },
    }));
    expect(only(validate(attributes), 'INVALID_VALUE').field).toBe(
      'serviceDiscovery.attributes."ECS_TASK_DEFINITION_FAMILY"',
    );
  });
});
