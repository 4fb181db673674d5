import { describe, expect, test } from 'vitest';
import { colorMesh, exampleParams } from '../../examples/color-mesh.js';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import { PlanValidationError } from '../../src/errors/mesh-error.js';
import { mesh } from '../../src/mesh.js';
import { healthCheck } from '../../src/options/health-check.js';
import { gatewayListener, listener } from '../../src/options/listener.js';
import { logging } from '../../src/options/logging.js';
import { tls } from '../../src/options/tls.js';
import { colorMeshDefinition, PRIVATE_SUBNETS, PUBLIC_SUBNETS } from '../fixtures/color-mesh-definition.js';

const ECS = {
  region: 'us-east-1',
  accountId: '123456789012',
  vpcId: 'vpc-0123456789abcdef0',
  subnets: ['subnet-1'],
  cluster: 'c',
};

function isDeeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('color example', () => {
  test('builds exactly the tutorial fixture definition', () => {
    const params = {
      region: 'us-east-1',
      accountId: '123456789012',
      vpcId: 'vpc-0123456789abcdef0',
      privateSubnets: PRIVATE_SUBNETS,
      publicSubnets: PUBLIC_SUBNETS,
    };
    expect(colorMesh(params).build()).toStrictEqual(colorMeshDefinition);
  });

  test('plans without issues', () => {
    const planned = colorMesh(exampleParams).plan();
    expect(planned.meshName).toBe('color-mesh');
    expect(planned.resources.map((r) => r.id)).toContain('mesh/color-mesh/virtualNode/green');
  });
});

describe('immutability', () => {
  test('branching from one builder gives independent definitions', () => {
    const base = mesh('m').node('red').listener(listener.http(80)).virtualService('red.svc');
    const withBlue = base.node('blue');
    const withGreen = base.node('green').backend('red');
    expect(base.build().nodes.map((n) => n.name)).toEqual(['red']);
    expect(withBlue.build().nodes.map((n) => n.name)).toEqual(['red', 'blue']);
    expect(withGreen.build().nodes.map((n) => n.name)).toEqual(['red', 'green']);
    expect(withGreen.build().nodes[1]?.backends).toEqual([{ ref: 'red' }]);
    expect(withBlue.build().nodes[0]).toStrictEqual(base.build().nodes[0]);
    expect(base.build()).toBe(base.build()); // built once, then reused
  });

  test('in-context calls on a branch leave the parent node unchanged', () => {
    const red = mesh('m').service('a.svc').service('b.svc').node('red');
    const a = red.backend('a.svc');
    const b = red.backend('b.svc');
    expect(red.build().nodes[0]?.backends).toEqual([]);
    expect(a.build().nodes[0]?.backends).toEqual([{ ref: 'a.svc' }]);
    expect(b.build().nodes[0]?.backends).toEqual([{ ref: 'b.svc' }]);
  });

  test('the definition is deeply frozen, even parts the user passed in, and survives a JSON round trip', () => {
    const match = { prefix: '/', headers: [{ name: 'x', match: { exact: 'y' } }] };
    const definition = colorMesh(exampleParams)
      .router('other')
      .listener(listener.http(8080))
      .route('r', { match, targets: { green: 1 } })
      .build();
    expect(isDeeplyFrozen(definition)).toBe(true);
    match.headers.push({ name: 'z', match: { exact: 'late' } });
    expect(definition.routers[1]?.routes[0]?.spec.httpRoute?.match?.headers).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(definition))).toStrictEqual(definition);
  });

  test('a listener reused across nodes is copied as it is at each call, changes included', () => {
    const shared = listener.http(80, { healthCheck: healthCheck.http('/health') });
    const base = mesh('m').node('a').listener(shared).node('b').listener(shared);
    if (shared.healthCheck) shared.healthCheck.path = '/changed';
    const definition = base.node('c').listener(shared).build();
    const paths = definition.nodes.map((node) => node.listeners[0]?.healthCheck?.path);
    expect(paths).toEqual(['/health', '/health', '/changed']);
    expect(Object.isFrozen(shared)).toBe(false);
  });
});

describe('chained and callback forms', () => {
  test('produce equal definitions', () => {
    const chained = mesh('m')
      .node('red')
      .listener(listener.http(80))
      .cloudMap('red')
      .backend('blue')
      .logging(logging.file('/dev/stdout'))
      .tags({ team: 'a' })
      .node('blue')
      .virtualService('blue')
      .router('r')
      .listener(listener.http(80))
      .route('r1', { targets: { red: 1 } })
      .gateway('g')
      .listener(gatewayListener.http(8080))
      .route('g1', { target: 'blue' })
      .build();
    const callbacks = mesh('m')
      .node('red', (n) =>
        n
          .listener(listener.http(80))
          .cloudMap('red')
          .backend('blue')
          .logging(logging.file('/dev/stdout'))
          .tags({ team: 'a' }),
      )
      .node('blue', (n) => n.virtualService('blue'))
      .router('r', (r) => r.listener(listener.http(80)).route('r1', { targets: { red: 1 } }))
      .gateway('g', (g) => g.listener(gatewayListener.http(8080)).route('g1', { target: 'blue' }))
      .build();
    expect(callbacks).toStrictEqual(chained);
  });

  test('mesh-level methods end the node context', () => {
    const definition = mesh('m').node('red').service('s', { node: 'red' }).node('blue').backend('s').build();
    expect(definition.nodes.map((n) => [n.name, n.backends])).toEqual([
      ['red', []],
      ['blue', [{ ref: 's' }]],
    ]);
  });
});

describe('defaults', () => {
  test('a bare mesh is complete data', () => {
    expect(mesh('m').build()).toStrictEqual({
      kind: 'mesh',
      name: 'm',
      egressFilter: 'DROP_ALL',
      tags: {},
      cloudMapServices: [],
      nodes: [],
      services: [],
      routers: [],
      gateways: [],
      externalDns: [],
    } satisfies MeshDefinition);
  });

  test('mesh options, ECS environment and node task defaults', () => {
    const definition = mesh('m', {
      egressFilter: 'ALLOW_ALL',
      ipPreference: 'IPv4_ONLY',
      tags: { env: 'dev' },
    })
      .ecs(ECS)
      .node('red')
      .task({ app: { image: 'img' } })
      .build();
    expect(definition.egressFilter).toBe('ALLOW_ALL');
    expect(definition.ipPreference).toBe('IPv4_ONLY');
    expect(definition.ecs).toStrictEqual({
      ...ECS,
      createCluster: true,
      meshSecurityGroup: 'm-sg',
      logGroup: '/ecs/m',
      envoyImage: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod',
      executionRoleName: 'm-execution-role',
      launchType: 'FARGATE',
      assignPublicIp: false,
      tags: {},
    });
    expect(definition.nodes[0]?.task).toStrictEqual({
      kind: 'nodeTask',
      family: 'red',
      serviceName: 'red',
      cpu: 256,
      memory: 512,
      desiredCount: 1,
      enableExecuteCommand: false,
      securityGroups: [],
      envoy: { environment: {} },
      envoyAccess: 'scoped',
      taskRoleName: 'm-red-task-role',
      tags: {},
      containers: [{ name: 'red-app', image: 'img', environment: {}, essential: true }],
      startOrder: 'envoy-first',
    });
  });

  test('gateway task defaults keep the world out, and loadBalancer() before task() is kept', () => {
    const gateway = mesh('m')
      .gateway('g')
      .loadBalancer({ name: 'nlb', subnets: ['subnet-p'] })
      .task({ cpu: 512, memory: 1024 })
      .build().gateways[0];
    expect(gateway?.task).toMatchObject({
      kind: 'gatewayTask',
      cpu: 512,
      securityGroupName: 'g-sg',
      ingressCidrs: [],
      loadBalancer: {
        name: 'nlb',
        scheme: 'internet-facing',
        subnets: ['subnet-p'],
        targetGroupName: 'nlb-tg',
      },
    });
  });

  test('services: node, router and no provider', () => {
    const services = mesh('m')
      .node('n')
      .router('r')
      .service('a', { node: 'n' })
      .service('b', { router: 'r', tags: { x: 'y' } })
      .service('c')
      .build().services;
    expect(services.map((s) => [s.name, s.provider, s.tags])).toEqual([
      ['a', { kind: 'virtualNode', name: 'n' }, {}],
      ['b', { kind: 'virtualRouter', name: 'r' }, { x: 'y' }],
      ['c', { kind: 'none' }, {}],
    ]);
  });

  test('node-level TLS, backend client policy, backend defaults and listener health check port', () => {
    const client = tls.client({ trust: tls.trustFile('/certs/ca.pem') });
    const node = mesh('m')
      .service('s')
      .node('red')
      .listener(
        listener.http(8080, {
          healthCheck: healthCheck.http('/health'),
          tls: tls.listener(tls.acm('arn:x')),
        }),
      )
      .backend('s', { clientPolicy: client })
      .backendDefaults({ clientPolicy: client })
      .dns('red.example.com', { responseType: 'ENDPOINTS' })
      .build().nodes[0];
    expect(node?.listeners[0]?.healthCheck?.port).toBe(8080);
    expect(node?.backends).toEqual([{ ref: 's', clientPolicy: client }]);
    expect(node?.backendDefaults).toEqual({ clientPolicy: client });
    expect(node?.serviceDiscovery).toEqual({
      kind: 'dns',
      hostname: 'red.example.com',
      responseType: 'ENDPOINTS',
    });
  });
});

describe('errors', () => {
  test('a duplicate node is kept in the definition and plan() reports DUPLICATE_NAME', () => {
    // @ts-expect-error: red is declared twice
    const duplicated = mesh('m').node('red').node('red');
    expect(duplicated.build().nodes).toHaveLength(2);
    try {
      duplicated.plan();
      expect.unreachable('plan() should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(PlanValidationError);
      expect((error as PlanValidationError).issues.map((i) => i.code)).toContain('DUPLICATE_NAME');
    }
  });

  test('a callback that is not a function, or returns something else, is a TypeError', () => {
    const builder = mesh('m') as unknown as { node(name: string, configure: unknown): unknown };
    expect(() => builder.node('red', 'not a function')).toThrow(TypeError);
    expect(() => builder.node('red', () => ({}))).toThrow(/return the builder it was given/);
  });

  test('an in-context method without its context is a TypeError (JavaScript callers)', () => {
    const builder = mesh('m') as unknown as { backend(name: string): unknown };
    expect(() => builder.backend('x')).toThrow(/after \.node\(name\)/);
  });
});
