import { describe, expect, it } from 'vitest';
import {
  gateway,
  gatewayRoute,
  gatewayRouteSpec,
  httpRouteSpec,
  minimalDefinition,
  must,
  node,
  only,
  route,
  router,
  validate,
} from './fixtures.js';

const long = 'n'.repeat(256);

/** Names AWS refuses for App Mesh resources; each would also be shell syntax or break a line. */
const REFUSED_NAMES = [
  '$(touch pwned)',
  '`touch pwned`',
  'a;b',
  "it's",
  'say"hi"',
  'back\\slash',
  'line\nbreak',
  'carriage\rreturn',
  'caf\u00e9',
  'dot.name',
  'with space',
];

describe('names rule', () => {
  it('reports a node name over 255 characters with path, field and expected/received', () => {
    const definition = minimalDefinition({
      nodes: [
        ...minimalDefinition().nodes,
        node(long, { task: undefined, serviceDiscovery: { kind: 'dns', hostname: 'x.example.com' } }),
      ],
    });
    const found = validate(definition).filter((i) => i.code === 'INVALID_NAME');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      path: `mesh/color-mesh/virtualNode/${long}`,
      field: 'name',
      severity: 'error',
    });
    expect(found[0]?.message).toContain('expected a string of 1 to 255 characters, received');
    expect(found[0]?.message).toContain('(256 characters)');
  });

  it('accepts a 255-character node name', () => {
    const name = 'n'.repeat(255);
    const definition = minimalDefinition({
      nodes: [
        ...minimalDefinition().nodes,
        node(name, { task: undefined, serviceDiscovery: { kind: 'dns', hostname: 'x.example.com' } }),
      ],
    });
    expect(validate(definition).filter((i) => i.code === 'INVALID_NAME')).toEqual([]);
  });

  it('checks router, route, gateway and gateway route names', () => {
    const definition = minimalDefinition({
      routers: [router(long, { routes: [route('', httpRouteSpec([['blue', 1]]))] })],
      gateways: [gateway('', { task: undefined, routes: [gatewayRoute(long, gatewayRouteSpec('blue'))] })],
    });
    const paths = validate(definition)
      .filter((i) => i.code === 'INVALID_NAME')
      .map((i) => i.path);
    expect(paths).toEqual([
      `mesh/color-mesh/virtualRouter/${long}`,
      `mesh/color-mesh/virtualRouter/${long}/route/`,
      'mesh/color-mesh/virtualGateway/',
      `mesh/color-mesh/virtualGateway//gatewayRoute/${long}`,
    ]);
  });

  it('reports a 256-character mesh name and accepts 255', () => {
    const issue = only(validate(minimalDefinition({ name: long, plan: 'p' })), 'INVALID_NAME');
    expect(issue).toMatchObject({
      path: `mesh/${long}`,
      field: 'name',
      expected: 'a string of 1 to 255 characters',
      received: `"${'n'.repeat(60)}..." (256 characters)`,
    });
    expect(validate(minimalDefinition({ name: 'n'.repeat(255), plan: 'p' }))).toEqual([]);
  });

  it('without a plan name, the mesh name names the plan and its journal: one that cannot is reported', () => {
    // Valid App Mesh names that cannot name a plan (or a journal file).
    for (const name of ['n'.repeat(101), '-leading-hyphen', '_leading']) {
      const issue = only(validate(minimalDefinition({ name })), 'INVALID_NAME');
      expect(issue).toMatchObject({ path: `mesh/${name}`, field: 'plan' });
      expect(issue.message).toContain('or give the mesh a plan name');
      expect(validate(minimalDefinition({ name, plan: 'ok' }))).toEqual([]);
    }
    // A path in the mesh name is refused once, as a mesh name, and never names a journal.
    const traversal = only(validate(minimalDefinition({ name: '../../x/evil' })), 'INVALID_NAME');
    expect(traversal).toMatchObject({ path: 'mesh/../../x/evil', field: 'name' });
    expect(validate(minimalDefinition({ name: 'color-mesh_2' }))).toEqual([]);
  });

  it('accepts 255-character router, route, gateway and gateway route names', () => {
    const name = 'n'.repeat(255);
    const definition = minimalDefinition({
      routers: [router(name, { routes: [route(name, httpRouteSpec([['blue', 1]]))] })],
      gateways: [
        gateway(name, {
          task: undefined,
          routes: [gatewayRoute(name, gatewayRouteSpec('blue.colors.local'))],
        }),
      ],
    });
    expect(validate(definition).filter((i) => i.code === 'INVALID_NAME')).toEqual([]);
  });

  it('takes App Mesh names of letters, digits, hyphens and underscores only, as AWS documents', () => {
    const expected = 'letters, digits, hyphens and underscores only';
    for (const name of REFUSED_NAMES) {
      const received = `${JSON.stringify(name)} (${name.length} characters)`;
      expect(only(validate(minimalDefinition({ name })), 'INVALID_NAME')).toMatchObject({
        path: `mesh/${name}`,
        field: 'name',
        expected,
        received,
      });
      const definition = minimalDefinition({
        nodes: [
          ...minimalDefinition().nodes,
          node(name, { task: undefined, serviceDiscovery: { kind: 'dns', hostname: 'x.example.com' } }),
        ],
        routers: [router(name, { routes: [route(name, httpRouteSpec([['blue', 1]]))] })],
        gateways: [
          gateway(name, {
            task: undefined,
            routes: [gatewayRoute(name, gatewayRouteSpec('blue.colors.local'))],
          }),
        ],
      });
      const issues = validate(definition).filter((i) => i.code === 'INVALID_NAME');
      expect(issues.map((i) => [i.path, i.field, i.expected, i.received])).toEqual(
        [
          `mesh/color-mesh/virtualNode/${name}`,
          `mesh/color-mesh/virtualRouter/${name}`,
          `mesh/color-mesh/virtualRouter/${name}/route/${name}`,
          `mesh/color-mesh/virtualGateway/${name}`,
          `mesh/color-mesh/virtualGateway/${name}/gatewayRoute/${name}`,
        ].map((path) => [path, 'name', expected, received]),
      );
    }
  });

  it('accepts App Mesh names with every allowed character', () => {
    const name = 'Az09_-';
    expect(validate(minimalDefinition({ name }))).toEqual([]);
    const definition = minimalDefinition({
      routers: [router(name, { routes: [route(name, httpRouteSpec([['blue', 1]]))] })],
    });
    expect(validate(definition)).toEqual([]);
  });

  it('reports an empty mesh name and an empty virtual service name', () => {
    const base = minimalDefinition();
    const issues = validate({
      ...base,
      name: '',
      services: [{ ...must(base.services[0]), name: '' }],
    }).filter((i) => i.code === 'INVALID_NAME');
    expect(issues.map((i) => i.path)).toEqual(['mesh/', 'mesh//virtualService/']);
  });

  it('rejects an egress filter and an ip preference outside the enums', () => {
    const issues = validate(
      minimalDefinition({ egressFilter: 'DENY' as never, ipPreference: 'IPv5' as never }),
    );
    const values = issues.filter((i) => i.code === 'INVALID_VALUE');
    expect(values.map((i) => i.field)).toEqual(['egressFilter', 'ipPreference']);
    expect(values[0]?.message).toContain('expected one of ALLOW_ALL, DROP_ALL, received "DENY"');
  });

  it('accepts every valid ip preference and ALLOW_ALL', () => {
    for (const ipPreference of ['IPv6_PREFERRED', 'IPv4_PREFERRED', 'IPv4_ONLY', 'IPv6_ONLY'] as const) {
      expect(validate(minimalDefinition({ ipPreference, egressFilter: 'ALLOW_ALL' }))).toEqual([]);
    }
  });

  it('requires meshOwner to be 12 digits', () => {
    const issue = only(validate(minimalDefinition({ meshOwner: '12345' })), 'INVALID_VALUE');
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh',
      field: 'meshOwner',
      expected: 'a 12-digit account id',
    });
    expect(validate(minimalDefinition({ meshOwner: '123456789012' }))).toEqual([]);
  });

  it('reports a meshOwner of 11 or 13 digits', () => {
    for (const meshOwner of ['12345678901', '1234567890123']) {
      expect(only(validate(minimalDefinition({ meshOwner })), 'INVALID_VALUE')).toMatchObject({
        path: 'mesh/color-mesh',
        field: 'meshOwner',
        expected: 'a 12-digit account id',
        received: `"${meshOwner}" (${meshOwner.length} characters)`,
      });
    }
  });

  it('takes a plan name that fits a tag value and a file name', () => {
    for (const plan of ['', 'gateway team', '../up', '-dash', 'x'.repeat(101)]) {
      const issue = only(validate(minimalDefinition({ plan })), 'INVALID_NAME');
      expect(issue).toMatchObject({ path: 'mesh/color-mesh', field: 'plan' });
      expect(issue.message).toContain('letters, digits');
    }
    for (const plan of ['gateway-team', 'colors.prod_2', 'x'.repeat(100)]) {
      expect(validate(minimalDefinition({ plan }))).toEqual([]);
    }
  });
});
