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

  it('limits Cloud Map attribute keys to 1-255 and values to 1-1024 printable ASCII characters', () => {
    const withAttributes = (attributes: Record<string, string>) =>
      withNode(minimalDefinition(), 'blue', (n) => ({
        ...n,
        serviceDiscovery: { kind: 'cloudMap', service: 'blue', attributes },
      }));
    const key = 'k'.repeat(256);
    expect(only(validate(withAttributes({ [key]: 'v' })), 'INVALID_VALUE')).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: `serviceDiscovery.attributes."${key}"`,
      expected: '1 to 255 printable ASCII characters (key)',
      received: `"${'k'.repeat(60)}..." (256 characters)`,
    });
    expect(only(validate(withAttributes({ 'a key': 'v' })), 'INVALID_VALUE').field).toBe(
      'serviceDiscovery.attributes."a key"',
    );
    expect(only(validate(withAttributes({ color: 'v'.repeat(1025) })), 'INVALID_VALUE')).toMatchObject({
      field: 'serviceDiscovery.attributes."color"',
      expected: '1 to 1024 printable ASCII characters (value)',
      received: `"${'v'.repeat(60)}..." (1025 characters)`,
    });
    expect(validate(withAttributes({ ['k'.repeat(255)]: 'v'.repeat(1024) }))).toEqual([]);
  });

  it('checks the ip preference of DNS and Cloud Map discovery, and accepts ENDPOINTS', () => {
    const dns = (ipPreference: string, responseType: 'LOADBALANCER' | 'ENDPOINTS' = 'LOADBALANCER') => ({
      ...withNode(minimalDefinition(), 'blue', (n) => ({
        ...n,
        serviceDiscovery: {
          kind: 'dns' as const,
          hostname: 'blue.example.com',
          responseType,
          ipPreference: ipPreference as never,
        },
        task: undefined,
      })),
      externalDns: ['blue.colors.local'],
    });
    const cloudMap = (ipPreference: string) =>
      withNode(minimalDefinition(), 'blue', (n) => ({
        ...n,
        serviceDiscovery: {
          kind: 'cloudMap',
          service: 'blue',
          attributes: {},
          ipPreference: ipPreference as never,
        },
      }));
    for (const definition of [dns('IPv5'), cloudMap('IPv5')]) {
      expect(only(validate(definition), 'INVALID_VALUE')).toMatchObject({
        path: 'mesh/color-mesh/virtualNode/blue',
        field: 'serviceDiscovery.ipPreference',
        expected: 'one of IPv6_PREFERRED, IPv4_PREFERRED, IPv4_ONLY, IPv6_ONLY',
        received: '"IPv5"',
      });
    }
    for (const ipPreference of ['IPv6_PREFERRED', 'IPv4_PREFERRED', 'IPv4_ONLY', 'IPv6_ONLY']) {
      expect(validate(dns(ipPreference, 'ENDPOINTS'))).toEqual([]);
      expect(validate(cloudMap(ipPreference))).toEqual([]);
    }
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
