/**
 * Definitions that bypass the TypeScript types: plain JavaScript, JSON loaded from a file, `as any`.
 * Whatever they hold, `plan()` reports each problem as an issue (code, resource path, field,
 * "expected ..., received ...") before anything reaches AWS, all at once, and never crashes.
 */
import { describe, expect, it } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import { PlanValidationError } from '../../src/errors/mesh-error.js';
import { container, gatewayListener, listener, mesh, plan, validateDefinition } from '../../src/index.js';
import type { PlanIssue } from '../../src/validate/issue.js';
import { minimalDefinition, must } from './fixtures.js';

/** The builder as plain JavaScript sees it: any argument, no name checks. */
type Step = (...args: unknown[]) => Js;
type Js = Readonly<
  Record<
    | 'namespace'
    | 'cloudMapService'
    | 'externalDns'
    | 'service'
    | 'ecs'
    | 'node'
    | 'router'
    | 'gateway'
    | 'listener'
    | 'tags'
    | 'logging'
    | 'backendDefaults'
    | 'serviceDiscovery'
    | 'cloudMap'
    | 'backend'
    | 'virtualService'
    | 'task'
    | 'route'
    | 'gatewayRoute'
    | 'plan',
    Step
  >
>;
const jsMesh = mesh as unknown as (name: unknown, options?: unknown) => Js;

const ECS = {
  region: 'us-east-1',
  accountId: '123456789012',
  vpcId: 'vpc-0123456789abcdef0',
  subnets: ['subnet-0123456789abcdef0'],
  cluster: 'c',
};
const APP = { image: 'colorapp', port: 80 };

/** A valid mesh: node `a` on ECS behind `a.ns.local`; `edit` continues the chain in node a's context. */
function colors(edit: (builder: Js) => Js = (builder) => builder): Js {
  const builder = jsMesh('m')
    .namespace('ns.local')
    .cloudMapService('a')
    .ecs(ECS)
    .node('a')
    .listener(listener.http(80))
    .cloudMap('a')
    .virtualService('a.ns.local')
    .task({ app: APP });
  return edit(builder);
}

/** The issues `plan()` throws for the builder's definition; fails the test when it throws anything else. */
function planIssues(builder: () => Js): readonly PlanIssue[] {
  return issuesOf(() => builder().plan());
}

function issuesOf(run: () => unknown): readonly PlanIssue[] {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, String(thrown)).toBeInstanceOf(PlanValidationError);
  return (thrown as PlanValidationError).issues;
}

/** Plain JavaScript data, as JSON from a file would be (no frozen objects, no builder). */
function plainDefinition(): Record<string, unknown> & MeshDefinition {
  return JSON.parse(JSON.stringify(minimalDefinition()));
}

/** `{ v: 'x', self: <itself> }` */
function cyclic(): Record<string, unknown> {
  const value: Record<string, unknown> = { v: 'x' };
  value.self = value;
  return value;
}

/** `{ v: { d: { d: ... } } }`, 100,000 levels. */
function deep(): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < 100_000; i++) value = { d: value };
  return { v: value };
}

const where = (issues: readonly PlanIssue[]) => issues.map((i) => `${i.code} ${i.path} ${i.field ?? ''}`);

describe('objects inside themselves and objects nested without end', () => {
  // Every builder method that takes a user's object: each copies it (or a factory's result) before
  // validation runs, and a copy that recursed without a bound crashed with a stack overflow.
  const entries: readonly [string, (hostile: unknown) => Js][] = [
    ['mesh tags', (x) => jsMesh('m', { tags: x })],
    ['namespace tags', (x) => colors((b) => b.namespace('ns.local', { tags: x }))],
    ['Cloud Map DNS records', (x) => colors((b) => b.cloudMapService('b', { dnsRecords: [x] }))],
    ['ECS tags', (x) => colors((b) => b.ecs({ ...ECS, tags: x }))],
    ['node listener', (x) => colors((b) => b.listener(x))],
    ['node tags', (x) => colors((b) => b.tags(x))],
    ['node logging', (x) => colors((b) => b.logging(x))],
    ['backend defaults', (x) => colors((b) => b.backendDefaults(x))],
    [
      'service discovery',
      (x) => colors((b) => b.serviceDiscovery({ kind: 'dns', hostname: 'a.ns.local', x })),
    ],
    ['Cloud Map attributes', (x) => colors((b) => b.cloudMap('a', { attributes: x }))],
    ['backend client policy', (x) => colors((b) => b.backend('a.ns.local', { clientPolicy: x }))],
    ['app environment', (x) => colors((b) => b.task({ app: { ...APP, environment: x } }))],
    ['Envoy environment', (x) => colors((b) => b.task({ app: APP, envoy: { environment: x } }))],
    ['task tags', (x) => colors((b) => b.task({ app: APP, tags: x }))],
    [
      'container health check',
      (x) => colors((b) => b.task({ containers: [container('c', { image: 'i', healthCheck: x as never })] })),
    ],
    ['service tags', (x) => colors((b) => b.service('s.ns.local', { node: 'a', tags: x }))],
    ['virtual service tags', (x) => colors((b) => b.virtualService('v.ns.local', { tags: x }))],
    ['mesh name', (x) => jsMesh(x).ecs(ECS).node('a').task({ app: APP })],
    ['node name', (x) => colors((b) => b.node(x).task({ app: APP }))],
    ['gateway name', (x) => colors((b) => b.gateway(x).task({}))],
    ['external DNS name', (x) => colors((b) => b.externalDns(x))],
    [
      'router listener',
      (x) => colors((b) => b.router('r').listener({ portMapping: { port: x, protocol: 'http' } })),
    ],
    [
      'route match',
      (x) =>
        colors((b) =>
          b
            .router('r')
            .listener(listener.http(80))
            .route('rt', { targets: { a: 1 }, match: x }),
        ),
    ],
    ['gateway listener', (x) => colors((b) => b.gateway('g').listener(x))],
    [
      'gateway route tags',
      (x) =>
        colors((b) =>
          b
            .gateway('g')
            .listener(gatewayListener.http(80))
            .gatewayRoute('gr', { target: 'a.ns.local', tags: x }),
        ),
    ],
    [
      'gateway task tags',
      (x) => colors((b) => b.gateway('g').listener(gatewayListener.http(80)).task({ tags: x })),
    ],
  ];

  it.each(entries)(
    '%s: an object inside itself is a CIRCULAR_DATA issue, not a stack overflow',
    (_, make) => {
      const issues = planIssues(() => make(cyclic()));
      expect(where(issues).filter((w) => w.startsWith('CIRCULAR_DATA')).length).toBeGreaterThan(0);
      expect(issues.map((i) => i.message).join('\n')).not.toContain('could not read it');
    },
  );

  it.each(entries)('%s: 100,000 levels of nesting is a TOO_DEEP issue, not a stack overflow', (_, make) => {
    const issues = planIssues(() => make(deep()));
    expect(where(issues).filter((w) => w.startsWith('TOO_DEEP')).length).toBeGreaterThan(0);
    expect(issues.map((i) => i.message).join('\n')).not.toContain('could not read it');
  });

  it('names the field and what it refers back to, in a definition given to plan() as plain data', () => {
    const definition = plainDefinition();
    const node = must(definition.nodes[0]) as unknown as { listeners: Record<string, unknown>[] };
    must(node.listeners[0]).back = node;
    const issues = issuesOf(() => plan(definition));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'CIRCULAR_DATA',
        path: 'mesh/color-mesh/virtualNode/blue',
        field: 'listeners[0].back',
        expected: 'data that does not contain itself',
        received: 'a reference back to nodes[0]',
      }),
    ]);
    expect(validateDefinition(definition)).toEqual(issues);
  });

  it('bounds the nesting of a definition read from JSON, and says where it starts', () => {
    const definition = plainDefinition();
    const depth = 100_000;
    (must(definition.nodes[0]).tags as Record<string, unknown>) = {
      team: JSON.parse(`${'{"d":'.repeat(depth)}1${'}'.repeat(depth)}`),
    };
    const issues = issuesOf(() => plan(definition)).filter((i) => i.code === 'TOO_DEEP');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'TOO_DEEP',
      path: 'mesh/color-mesh/virtualNode/blue',
      expected: 'data nested at most 64 levels deep',
    });
    expect(issues[0]?.field).toMatch(/^tags\["team"\]\.d\.d\.d/);
  });
});

describe('numbers JSON cannot write', () => {
  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('a port of %s is received as %s, not as null', (port, received) => {
    const issues = planIssues(() => colors((b) => b.listener(listener.http(port))));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'INVALID_PORT',
        path: 'mesh/m/virtualNode/a',
        field: 'listeners[1].portMapping.port',
        received,
      }),
    ]);
    expect(issues[0]?.message).toContain(`expected an integer from 1 to 65535, received ${received}.`);
  });

  it('shows bigints, symbols, functions and missing values as JavaScript would, once per field', () => {
    const definition = plainDefinition();
    const mapping = (port: unknown) => ({ port, protocol: 'http' });
    (definition.nodes as unknown as { listeners: unknown[] }[])[0] = {
      ...must(definition.nodes[0]),
      listeners: [
        { portMapping: mapping(80n) },
        { portMapping: mapping(Symbol('port')) },
        { portMapping: mapping(function port() {}) },
        { portMapping: mapping(() => 80) },
        { portMapping: mapping(undefined) },
        { portMapping: mapping({ value: Number.NaN }) },
      ],
    };
    const issues = issuesOf(() => plan(definition)).filter((i) => i.field?.endsWith('.port'));
    expect(issues.map((i) => [i.code, i.field, i.received])).toEqual([
      ['INVALID_PORT', 'listeners[0].portMapping.port', '80n'],
      ['INVALID_PORT', 'listeners[1].portMapping.port', 'Symbol(port)'],
      ['INVALID_PORT', 'listeners[2].portMapping.port', 'function port'],
      ['INVALID_PORT', 'listeners[3].portMapping.port', 'a function'],
      ['INVALID_PORT', 'listeners[4].portMapping.port', 'nothing'],
      ['INVALID_PORT', 'listeners[5].portMapping.port', '{"value":NaN}'],
    ]);
  });

  it('reports a value JSON cannot carry in a field no rule reads, instead of hashing it into the plan', () => {
    const definition = plainDefinition();
    const listeners = must(definition.nodes[0]).listeners as unknown as Record<string, unknown>[];
    Object.assign(must(listeners[0]), { weight: 10n, onReady: () => {}, ratio: Number.POSITIVE_INFINITY });
    const issues = issuesOf(() => plan(definition));
    expect(issues.map((i) => [i.code, i.field, i.expected, i.received])).toEqual([
      ['NOT_PLAIN_DATA', 'listeners[0].weight', 'a number, not a bigint', '10n'],
      [
        'NOT_PLAIN_DATA',
        'listeners[0].onReady',
        'plain data: an object, array, string, finite number, boolean or null',
        'function onReady',
      ],
      ['NOT_PLAIN_DATA', 'listeners[0].ratio', 'a finite number', 'Infinity'],
    ]);
  });
});

describe('environment values', () => {
  it('must be strings: numbers, null, booleans and objects are reported per variable', () => {
    const issues = planIssues(() =>
      colors((b) =>
        b.task({
          app: { ...APP, environment: { A: 1, B: null, C: { x: '1' }, D: true, OK: 'fine' } },
          envoy: { environment: { ENVOY_LOG_LEVEL: 3 } },
        }),
      ),
    );
    expect(issues.map((i) => [i.code, i.path, i.field, i.received])).toEqual([
      ['INVALID_VALUE', 'mesh/m/virtualNode/a/task', 'envoy.environment["ENVOY_LOG_LEVEL"]', '3'],
      ['INVALID_VALUE', 'mesh/m/virtualNode/a/task', 'containers[0].environment["A"]', '1'],
      ['INVALID_VALUE', 'mesh/m/virtualNode/a/task', 'containers[0].environment["B"]', 'null'],
      ['INVALID_VALUE', 'mesh/m/virtualNode/a/task', 'containers[0].environment["C"]', '{"x":"1"}'],
      ['INVALID_VALUE', 'mesh/m/virtualNode/a/task', 'containers[0].environment["D"]', 'true'],
    ]);
    expect(issues[1]?.message).toContain('expected a string, received 1.');
  });

  it('must be an object of variables, not a string or a list', () => {
    const definition = plainDefinition();
    const task = must(definition.nodes[0]).task as unknown as { containers: Record<string, unknown>[] };
    must(task.containers[0]).environment = 'COLOR=blue';
    const issues = issuesOf(() => plan(definition));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'INVALID_VALUE',
        path: 'mesh/color-mesh/virtualNode/blue/task',
        field: 'containers[0].environment',
        received: '"COLOR=blue"',
      }),
    ]);
  });
});

describe('__proto__ keys', () => {
  const reported = (issues: readonly PlanIssue[]) =>
    issues.filter((i) => i.code === 'NOT_PLAIN_DATA').map((i) => `${i.path} ${i.field} ${i.received}`);

  it('given by JSON.parse (an own key) in an environment or tags, are reported, not dropped', () => {
    const parsed = () => JSON.parse('{"__proto__": "x", "constructor": "y", "prototype": "z"}');
    const issues = planIssues(() =>
      colors((b) =>
        b
          .tags(parsed())
          .task({ app: { ...APP, environment: parsed() }, tags: parsed() })
          .ecs({ ...ECS, tags: parsed() }),
      ),
    );
    expect(reported(issues)).toEqual([
      'mesh/m/virtualNode/a tags["__proto__"] "__proto__"',
      'mesh/m/virtualNode/a/task tags["__proto__"] "__proto__"',
      'mesh/m/virtualNode/a/task containers[0].environment["__proto__"] "__proto__"',
      'mesh/m/ecs tags["__proto__"] "__proto__"',
    ]);
    expect(issues[0]?.expected).toBe('a key other than "__proto__"');
  });

  it('given in an object literal (which sets the prototype) are reported, not dropped', () => {
    const literal = () => ({ __proto__: { SECRET: 'x' }, B: 'y' });
    const issues = planIssues(() =>
      colors((b) =>
        b
          .tags(literal())
          .task({ app: { ...APP, environment: literal() }, tags: literal() })
          .ecs({ ...ECS, tags: literal() }),
      ),
    );
    const prototype =
      'an object with a prototype of its own (as `__proto__: {...}` in an object literal makes)';
    expect(reported(issues)).toEqual([
      `mesh/m/virtualNode/a tags ${prototype}`,
      `mesh/m/virtualNode/a/task tags ${prototype}`,
      `mesh/m/virtualNode/a/task containers[0].environment ${prototype}`,
      `mesh/m/ecs tags ${prototype}`,
    ]);
  });

  it('in a definition read from a JSON file are reported; constructor and prototype keys are kept', () => {
    const text = JSON.stringify(minimalDefinition()).replace(
      '"environment":{"COLOR":"blue"}',
      '"environment":{"COLOR":"blue","__proto__":"x","constructor":"y","prototype":"z"}',
    );
    const issues = issuesOf(() => plan(JSON.parse(text)));
    expect(reported(issues)).toEqual([
      'mesh/color-mesh/virtualNode/blue/task containers[0].environment["__proto__"] "__proto__"',
    ]);
    // Without it, the other keys that name Object's own properties reach the task definition.
    const planned = plan(JSON.parse(text.replace('"__proto__":"x",', '')));
    const taskDefinition = planned.resources.find((r) => r.kind === 'taskDefinition');
    expect(JSON.stringify(taskDefinition?.input)).toContain(
      '{"name":"COLOR","value":"blue"},{"name":"constructor","value":"y"},{"name":"prototype","value":"z"}',
    );
  });

  it('Maps and class instances given as records are reported, not read as empty', () => {
    class Tags {
      team = 'blue';
    }
    const issues = planIssues(() =>
      colors((b) => b.tags(new Map([['team', 'blue']])).task({ app: APP, tags: new Tags() })),
    );
    expect(reported(issues)).toEqual([
      'mesh/m/virtualNode/a tags a Map',
      'mesh/m/virtualNode/a/task tags an instance of Tags',
    ]);
  });
});

it('lists every problem of a definition at once, before anything is planned', () => {
  const definition = plainDefinition();
  const node = must(definition.nodes[0]) as unknown as Record<string, unknown> & {
    listeners: { portMapping: Record<string, unknown> }[];
    task: { containers: Record<string, unknown>[] };
  };
  node.self = node;
  must(node.listeners[0]).portMapping.port = Number.NaN;
  must(node.task.containers[0]).environment = JSON.parse('{"__proto__": "x", "PORT": 80}');
  node.tags = { team: JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`) };
  const issues = issuesOf(() => plan(definition));
  // The data problems first, in the order of the definition's keys, then each rule's.
  expect(where(issues)).toEqual([
    'TOO_DEEP mesh/color-mesh/virtualNode/blue tags["team"][0][0][0][0][0][0][0][0][0][0]...',
    'NOT_PLAIN_DATA mesh/color-mesh/virtualNode/blue/task containers[0].environment["__proto__"]',
    'CIRCULAR_DATA mesh/color-mesh/virtualNode/blue self',
    'INVALID_PORT mesh/color-mesh/virtualNode/blue listeners[0].portMapping.port',
    'INVALID_VALUE mesh/color-mesh/virtualNode/blue/task containers[0].environment["PORT"]',
    'INVALID_VALUE mesh/color-mesh/virtualNode/blue tags["team"].value',
  ]);
});
