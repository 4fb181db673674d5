import {
  type AppMeshClient,
  BadRequestException,
  ConflictException,
  CreateGatewayRouteCommand,
  type CreateGatewayRouteCommandInput,
  CreateMeshCommand,
  CreateRouteCommand,
  type CreateRouteCommandInput,
  CreateVirtualGatewayCommand,
  type CreateVirtualGatewayCommandInput,
  CreateVirtualNodeCommand,
  type CreateVirtualNodeCommandInput,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteGatewayRouteCommand,
  DeleteMeshCommand,
  DeleteRouteCommand,
  DeleteVirtualGatewayCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualRouterCommand,
  DeleteVirtualServiceCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualGatewayCommand,
  DescribeVirtualNodeCommand,
  LimitExceededException,
  ListMeshesCommand,
  ListRoutesCommand,
  ListTagsForResourceCommand,
  ListVirtualNodesCommand,
  NotFoundException,
  ResourceInUseException,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
  UpdateMeshCommand,
  UpdateRouteCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualServiceCommand,
} from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../src/local/local-cloud.js';

const MESH = 'color-mesh';

/** One SDK call, made on the test's client. */
type Call = (appMesh: AppMeshClient) => Promise<unknown>;
const COLORS = ['red', 'blue', 'green', 'yellow'] as const;

function nodeInput(color: string, backends: string[] = []): CreateVirtualNodeCommandInput {
  return {
    meshName: MESH,
    virtualNodeName: color,
    spec: {
      listeners: [
        {
          portMapping: { port: 80, protocol: 'http' },
          healthCheck: {
            protocol: 'http',
            path: '/ping',
            healthyThreshold: 2,
            unhealthyThreshold: 2,
            timeoutMillis: 2000,
            intervalMillis: 5000,
          },
        },
      ],
      serviceDiscovery: { awsCloudMap: { namespaceName: 'colors.local', serviceName: color } },
      backends: backends.map((name) => ({ virtualService: { virtualServiceName: name } })),
      logging: { accessLog: { file: { path: '/dev/stdout' } } },
    },
  };
}

function routeInput(
  targets: [string, number][],
  overrides: Partial<CreateRouteCommandInput> = {},
): CreateRouteCommandInput {
  return {
    meshName: MESH,
    virtualRouterName: 'color-router',
    routeName: 'color-route',
    spec: {
      httpRoute: {
        match: { prefix: '/' },
        action: { weightedTargets: targets.map(([virtualNode, weight]) => ({ virtualNode, weight })) },
      },
    },
    ...overrides,
  };
}

function gatewayInput(name = 'color-gateway'): CreateVirtualGatewayCommandInput {
  return {
    meshName: MESH,
    virtualGatewayName: name,
    spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] },
  };
}

function gatewayRouteInput(name: string, prefix: string, service: string): CreateGatewayRouteCommandInput {
  return {
    meshName: MESH,
    virtualGatewayName: 'color-gateway',
    gatewayRouteName: name,
    spec: {
      httpRoute: {
        match: { prefix },
        action: { target: { virtualService: { virtualServiceName: service } } },
      },
    },
  };
}

/** The color tutorial's mesh: four nodes, a router 4:1 green:yellow, services, a gateway with two routes. */
async function colorMesh(appMesh: AppMeshClient): Promise<void> {
  await appMesh.send(new CreateMeshCommand({ meshName: MESH, spec: { egressFilter: { type: 'DROP_ALL' } } }));
  for (const color of COLORS) await appMesh.send(new CreateVirtualNodeCommand(nodeInput(color)));
  await appMesh.send(
    new CreateVirtualRouterCommand({
      meshName: MESH,
      virtualRouterName: 'color-router',
      spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] },
    }),
  );
  await appMesh.send(
    new CreateRouteCommand(
      routeInput([
        ['green', 4],
        ['yellow', 1],
      ]),
    ),
  );
  for (const color of ['red', 'blue']) {
    await appMesh.send(
      new CreateVirtualServiceCommand({
        meshName: MESH,
        virtualServiceName: `${color}.colors.local`,
        spec: { provider: { virtualNode: { virtualNodeName: color } } },
      }),
    );
  }
  await appMesh.send(
    new CreateVirtualServiceCommand({
      meshName: MESH,
      virtualServiceName: 'color.colors.local',
      spec: { provider: { virtualRouter: { virtualRouterName: 'color-router' } } },
    }),
  );
  await appMesh.send(
    new UpdateVirtualNodeCommand({ ...nodeInput('red', ['blue.colors.local', 'color.colors.local']) }),
  );
  await appMesh.send(new CreateVirtualGatewayCommand(gatewayInput()));
  await appMesh.send(
    new CreateGatewayRouteCommand(gatewayRouteInput('gateway-route-router', '/router', 'color.colors.local')),
  );
  await appMesh.send(
    new CreateGatewayRouteCommand(gatewayRouteInput('gateway-route-red', '/', 'red.colors.local')),
  );
}

async function colorCloud(
  options: LocalCloudOptions = {},
): Promise<{ cloud: LocalCloud; appMesh: AppMeshClient }> {
  const cloud = createLocalCloud({ clock: new ManualClock(), ...options });
  const { appMesh } = cloud.clients({ maxAttempts: 1 });
  await colorMesh(appMesh);
  return { cloud, appMesh };
}

/** The error a call fails with, checked to change nothing in the cloud. */
async function failure(cloud: LocalCloud, call: Promise<unknown>): Promise<Error> {
  const before = cloud.snapshot().appMesh;
  const error = await call.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e as Error,
  );
  expect(cloud.snapshot().appMesh).toEqual(before);
  return error;
}

describe('local cloud: App Mesh through the real SDK client', () => {
  it("creates the color mesh's shape and describes it with AWS's metadata", async () => {
    const { cloud, appMesh } = await colorCloud();
    const mesh = (await appMesh.send(new DescribeMeshCommand({ meshName: MESH }))).mesh;
    expect(mesh?.spec).toEqual({ egressFilter: { type: 'DROP_ALL' } });
    expect(mesh?.status?.status).toBe('ACTIVE');
    expect(mesh?.metadata).toMatchObject({
      arn: 'arn:aws:appmesh:us-east-1:123456789012:mesh/color-mesh',
      version: 1,
      meshOwner: '123456789012',
      resourceOwner: '123456789012',
    });
    expect(mesh?.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(mesh?.metadata?.createdAt).toEqual(new Date(Date.UTC(2026, 0, 1)));

    const red = (
      await appMesh.send(new DescribeVirtualNodeCommand({ meshName: MESH, virtualNodeName: 'red' }))
    ).virtualNode;
    expect(red?.metadata?.arn).toBe('arn:aws:appmesh:us-east-1:123456789012:mesh/color-mesh/virtualNode/red');
    expect(red?.metadata?.version).toBe(2);
    expect(red?.spec?.backends?.map((b) => b.virtualService?.virtualServiceName)).toEqual([
      'blue.colors.local',
      'color.colors.local',
    ]);
    const route = (
      await appMesh.send(
        new DescribeRouteCommand({
          meshName: MESH,
          virtualRouterName: 'color-router',
          routeName: 'color-route',
        }),
      )
    ).route;
    expect(route?.metadata?.arn).toBe(
      'arn:aws:appmesh:us-east-1:123456789012:mesh/color-mesh/virtualRouter/color-router/route/color-route',
    );
    expect(route?.spec?.httpRoute?.action?.weightedTargets).toEqual([
      { virtualNode: 'green', weight: 4 },
      { virtualNode: 'yellow', weight: 1 },
    ]);
    const nodes = await appMesh.send(new ListVirtualNodesCommand({ meshName: MESH }));
    expect(nodes.virtualNodes?.map((n) => n.virtualNodeName)).toEqual(['blue', 'green', 'red', 'yellow']);
    expect(nodes.nextToken).toBeUndefined();

    const snapshot = cloud.snapshot().appMesh as Record<string, { arn: string }[]>;
    expect(Object.fromEntries(Object.entries(snapshot).map(([k, v]) => [k, v.length]))).toEqual({
      meshes: 1,
      virtualNodes: 4,
      virtualServices: 3,
      virtualRouters: 1,
      routes: 1,
      virtualGateways: 1,
      gatewayRoutes: 2,
    });
    expect(JSON.stringify(snapshot)).not.toMatch(/createdAt|uid|clientToken/);
    const again = await colorCloud();
    expect(again.cloud.snapshot().appMesh).toEqual(snapshot);
  });

  it('defaults the egress filter to DROP_ALL, bumps the version on every update and returns DELETED on delete', async () => {
    const cloud = createLocalCloud({ clock: new ManualClock() });
    const { appMesh } = cloud.clients({ maxAttempts: 1 });
    const created = (await appMesh.send(new CreateMeshCommand({ meshName: 'plain' }))).mesh;
    expect(created?.spec).toEqual({ egressFilter: { type: 'DROP_ALL' } });
    const first = await appMesh.send(
      new UpdateMeshCommand({ meshName: 'plain', spec: { egressFilter: { type: 'ALLOW_ALL' } } }),
    );
    const second = await appMesh.send(
      new UpdateMeshCommand({ meshName: 'plain', spec: { egressFilter: { type: 'ALLOW_ALL' } } }),
    );
    expect([first.mesh?.metadata?.version, second.mesh?.metadata?.version]).toEqual([2, 3]);
    const deleted = (await appMesh.send(new DeleteMeshCommand({ meshName: 'plain' }))).mesh;
    expect(deleted?.status?.status).toBe('DELETED');
    expect(deleted?.spec).toEqual({ egressFilter: { type: 'ALLOW_ALL' } });
    await expect(appMesh.send(new DescribeMeshCommand({ meshName: 'plain' }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it.each([
    ['a name longer than 255', nodeInput('x'.repeat(256))],
    [
      'a port of 0',
      { ...nodeInput('x'), spec: { listeners: [{ portMapping: { port: 0, protocol: 'http' } }] } },
    ],
    [
      'an unknown protocol',
      { ...nodeInput('x'), spec: { listeners: [{ portMapping: { port: 80, protocol: 'udp' } }] } },
    ],
    [
      'a health-check threshold of 1',
      {
        ...nodeInput('x'),
        spec: {
          listeners: [
            {
              portMapping: { port: 80, protocol: 'http' },
              healthCheck: {
                protocol: 'http',
                healthyThreshold: 1,
                unhealthyThreshold: 2,
                timeoutMillis: 2000,
                intervalMillis: 5000,
              },
            },
          ],
        },
      },
    ],
    [
      'a health-check interval below 5000 ms',
      {
        ...nodeInput('x'),
        spec: {
          listeners: [
            {
              portMapping: { port: 80, protocol: 'http' },
              healthCheck: {
                protocol: 'http',
                healthyThreshold: 2,
                unhealthyThreshold: 2,
                timeoutMillis: 2000,
                intervalMillis: 4999,
              },
            },
          ],
        },
      },
    ],
    [
      'a health-check port that is no listener port',
      {
        ...nodeInput('x'),
        spec: {
          listeners: [
            {
              portMapping: { port: 80, protocol: 'http' },
              healthCheck: {
                protocol: 'http',
                port: 8080,
                healthyThreshold: 2,
                unhealthyThreshold: 2,
                timeoutMillis: 2000,
                intervalMillis: 5000,
              },
            },
          ],
        },
      },
    ],
  ] as [string, CreateVirtualNodeCommandInput][])(
    'rejects a virtual node with %s (BadRequestException)',
    async (_what, input) => {
      const { cloud, appMesh } = await colorCloud();
      expect(await failure(cloud, appMesh.send(new CreateVirtualNodeCommand(input)))).toBeInstanceOf(
        BadRequestException,
      );
    },
  );

  it.each([
    ['a weight above 100', routeInput([['green', 101]])],
    ['no weighted target', routeInput([])],
    [
      'eleven weighted targets',
      routeInput(Array.from({ length: 11 }, () => ['green', 1] as [string, number])),
    ],
    [
      'a prefix without a leading slash',
      routeInput([['green', 1]], {
        spec: {
          httpRoute: {
            match: { prefix: 'x' },
            action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] },
          },
        },
      }),
    ],
    [
      'a priority above 1000',
      routeInput([['green', 1]], {
        spec: {
          priority: 1001,
          httpRoute: {
            match: { prefix: '/' },
            action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] },
          },
        },
      }),
    ],
    [
      'eleven headers',
      routeInput([['green', 1]], {
        spec: {
          httpRoute: {
            match: { prefix: '/', headers: Array.from({ length: 11 }, (_, i) => ({ name: `h${i}` })) },
            action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] },
          },
        },
      }),
    ],
    [
      'a retry policy without maxRetries',
      routeInput([['green', 1]], {
        spec: {
          httpRoute: {
            match: { prefix: '/' },
            action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] },
            retryPolicy: {
              perRetryTimeout: { unit: 's', value: 1 },
              httpRetryEvents: ['server-error'],
            } as never,
          },
        },
      }),
    ],
    [
      'a tcpRoute on an http router',
      routeInput([['green', 1]], {
        spec: { tcpRoute: { action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] } } },
      }),
    ],
    [
      'two route types at once',
      routeInput([['green', 1]], {
        spec: {
          httpRoute: {
            match: { prefix: '/' },
            action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] },
          },
          tcpRoute: { action: { weightedTargets: [{ virtualNode: 'green', weight: 1 }] } },
        },
      }),
    ],
  ] as [string, CreateRouteCommandInput][])(
    'rejects a route with %s (BadRequestException)',
    async (_what, input) => {
      const { cloud, appMesh } = await colorCloud();
      const error = await failure(
        cloud,
        appMesh.send(new CreateRouteCommand({ ...input, routeName: 'other' })),
      );
      expect(error).toBeInstanceOf(BadRequestException);
    },
  );

  it('conflicts on a taken name, even for a different spec', async () => {
    const { cloud, appMesh } = await colorCloud();
    const error = await failure(cloud, appMesh.send(new CreateVirtualNodeCommand(nodeInput('red', ['x']))));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toMatch(/VirtualNode with name red already exists under mesh color-mesh/);
    expect(await failure(cloud, appMesh.send(new CreateMeshCommand({ meshName: MESH })))).toBeInstanceOf(
      ConflictException,
    );
  });

  it.each([
    [
      'a missing mesh',
      (c: AppMeshClient) => c.send(new CreateVirtualNodeCommand({ ...nodeInput('x'), meshName: 'nope' })),
      /Mesh with name nope/,
    ],
    [
      'a missing router',
      (c: AppMeshClient) =>
        c.send(new CreateRouteCommand(routeInput([['green', 1]], { virtualRouterName: 'nope' }))),
      /VirtualRouter with name nope/,
    ],
    [
      'a missing gateway',
      (c: AppMeshClient) =>
        c.send(
          new CreateGatewayRouteCommand({
            ...gatewayRouteInput('x', '/x', 'red.colors.local'),
            virtualGatewayName: 'nope',
          }),
        ),
      /VirtualGateway with name nope/,
    ],
    [
      'a missing provider node',
      (c: AppMeshClient) =>
        c.send(
          new CreateVirtualServiceCommand({
            meshName: MESH,
            virtualServiceName: 's',
            spec: { provider: { virtualNode: { virtualNodeName: 'nope' } } },
          }),
        ),
      /VirtualNode with name nope is not present under mesh color-mesh/,
    ],
    [
      'a missing provider router',
      (c: AppMeshClient) =>
        c.send(
          new CreateVirtualServiceCommand({
            meshName: MESH,
            virtualServiceName: 's',
            spec: { provider: { virtualRouter: { virtualRouterName: 'nope' } } },
          }),
        ),
      /VirtualRouter with name nope/,
    ],
    [
      'a missing route target node',
      (c: AppMeshClient) => c.send(new CreateRouteCommand(routeInput([['nope', 1]], { routeName: 'r2' }))),
      /VirtualNode with name nope/,
    ],
    [
      'a missing gateway route target service',
      (c: AppMeshClient) =>
        c.send(new CreateGatewayRouteCommand(gatewayRouteInput('x', '/x', 'nope.colors.local'))),
      /VirtualService with name nope.colors.local/,
    ],
    [
      'a missing resource on update',
      (c: AppMeshClient) => c.send(new UpdateRouteCommand(routeInput([['green', 1]], { routeName: 'nope' }))),
      /Route with name nope/,
    ],
  ] as [string, Call, RegExp][])('answers NotFoundException for %s', async (_what, call, message) => {
    const { cloud, appMesh } = await colorCloud();
    const error = await failure(cloud, call(appMesh));
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error.message).toMatch(message);
  });

  it('lets a node list backends that do not exist', async () => {
    const { appMesh } = await colorCloud();
    const created = await appMesh.send(
      new CreateVirtualNodeCommand(nodeInput('purple', ['ghost.colors.local'])),
    );
    expect(created.virtualNode?.spec?.backends).toHaveLength(1);
  });

  it('enforces the deletion order with AWS wording, and allows the reverse order', async () => {
    const { cloud, appMesh } = await colorCloud();
    const blocked: [Call, RegExp][] = [
      [(c) => c.send(new DeleteMeshCommand({ meshName: MESH })), /Mesh color-mesh cannot be deleted/],
      [
        (c) => c.send(new DeleteVirtualNodeCommand({ meshName: MESH, virtualNodeName: 'green' })),
        /^VirtualNode with name green cannot be deleted because it is the target of one or more routes\.$/,
      ],
      [
        (c) => c.send(new DeleteVirtualNodeCommand({ meshName: MESH, virtualNodeName: 'blue' })),
        /^VirtualNode with name blue cannot be deleted because it is a VirtualService provider$/,
      ],
      [
        (c) => c.send(new DeleteVirtualRouterCommand({ meshName: MESH, virtualRouterName: 'color-router' })),
        /^VirtualRouter with name color-router cannot be deleted because it is a VirtualService provider$/,
      ],
      [
        (c) =>
          c.send(new DeleteVirtualGatewayCommand({ meshName: MESH, virtualGatewayName: 'color-gateway' })),
        /has active gateway routes/,
      ],
      [
        (c) =>
          c.send(new DeleteVirtualServiceCommand({ meshName: MESH, virtualServiceName: 'red.colors.local' })),
        /^VirtualService red.colors.local is being referenced in the following: GATEWAY_ROUTE: \[/,
      ],
    ];
    for (const [call, message] of blocked) {
      const error = await failure(cloud, call(appMesh));
      expect(error).toBeInstanceOf(ResourceInUseException);
      expect(error.message).toMatch(message);
    }
    // A router that provides nothing is still blocked by its routes.
    await appMesh.send(
      new UpdateVirtualServiceCommand({ meshName: MESH, virtualServiceName: 'color.colors.local', spec: {} }),
    );
    const routes = await failure(
      cloud,
      appMesh.send(new DeleteVirtualRouterCommand({ meshName: MESH, virtualRouterName: 'color-router' })),
    );
    expect(routes.message).toMatch(/color-router has active routes/);

    for (const name of ['gateway-route-router', 'gateway-route-red']) {
      await appMesh.send(
        new DeleteGatewayRouteCommand({
          meshName: MESH,
          virtualGatewayName: 'color-gateway',
          gatewayRouteName: name,
        }),
      );
    }
    await appMesh.send(
      new DeleteVirtualGatewayCommand({ meshName: MESH, virtualGatewayName: 'color-gateway' }),
    );
    for (const name of ['red.colors.local', 'blue.colors.local', 'color.colors.local']) {
      await appMesh.send(new DeleteVirtualServiceCommand({ meshName: MESH, virtualServiceName: name }));
    }
    await appMesh.send(
      new DeleteRouteCommand({ meshName: MESH, virtualRouterName: 'color-router', routeName: 'color-route' }),
    );
    await appMesh.send(new DeleteVirtualRouterCommand({ meshName: MESH, virtualRouterName: 'color-router' }));
    for (const color of COLORS)
      await appMesh.send(new DeleteVirtualNodeCommand({ meshName: MESH, virtualNodeName: color }));
    const deleted = await appMesh.send(new DeleteMeshCommand({ meshName: MESH }));
    expect(deleted.mesh?.status?.status).toBe('DELETED');
    expect(cloud.snapshot().appMesh).toEqual({
      meshes: [],
      virtualNodes: [],
      virtualServices: [],
      virtualRouters: [],
      routes: [],
      virtualGateways: [],
      gatewayRoutes: [],
    });
  });

  it('replays a client token without a second resource or version, and conflicts on a reused token', async () => {
    const { cloud, appMesh } = await colorCloud();
    const create = { ...nodeInput('purple'), clientToken: 'token-1' };
    const first = await appMesh.send(new CreateVirtualNodeCommand(create));
    const again = await appMesh.send(new CreateVirtualNodeCommand(create));
    expect(again.virtualNode).toEqual(first.virtualNode);
    const reused = await failure(
      cloud,
      appMesh.send(new CreateVirtualNodeCommand({ ...nodeInput('orange'), clientToken: 'token-1' })),
    );
    expect(reused).toBeInstanceOf(ConflictException);
    expect(reused.message).toMatch(
      /client token that was used for a previous update resource call with different specifications/,
    );

    const update = {
      ...routeInput([
        ['green', 1],
        ['yellow', 1],
      ]),
      clientToken: 'token-2',
    };
    const updated = await appMesh.send(new UpdateRouteCommand(update));
    const replayed = await appMesh.send(new UpdateRouteCommand(update));
    expect(updated.route?.metadata?.version).toBe(2);
    expect(replayed.route).toEqual(updated.route);
    const described = await appMesh.send(
      new DescribeRouteCommand({
        meshName: MESH,
        virtualRouterName: 'color-router',
        routeName: 'color-route',
      }),
    );
    expect(described.route?.metadata?.version).toBe(2);
    const changed = { ...update, spec: routeInput([['green', 1]]).spec };
    expect(await failure(cloud, appMesh.send(new UpdateRouteCommand(changed)))).toBeInstanceOf(
      ConflictException,
    );
  });

  it('validates an update like a create and overwrites the whole spec', async () => {
    const { cloud, appMesh } = await colorCloud();
    expect(
      await failure(cloud, appMesh.send(new UpdateRouteCommand(routeInput([['nope', 1]])))),
    ).toBeInstanceOf(NotFoundException);
    const updated = await appMesh.send(
      new UpdateVirtualNodeCommand({ meshName: MESH, virtualNodeName: 'blue', spec: {} }),
    );
    expect(updated.virtualNode?.spec).toEqual({});
  });

  it('enforces the default quotas with LimitExceededException', async () => {
    const { cloud, appMesh } = await colorCloud();
    await appMesh.send(new CreateVirtualGatewayCommand(gatewayInput('gateway-2')));
    await appMesh.send(new CreateVirtualGatewayCommand(gatewayInput('gateway-3')));
    expect(
      await failure(cloud, appMesh.send(new CreateVirtualGatewayCommand(gatewayInput('gateway-4')))),
    ).toBeInstanceOf(LimitExceededException);
    const backends = Array.from({ length: 51 }, (_, i) => `service-${i}`);
    expect(
      await failure(cloud, appMesh.send(new UpdateVirtualNodeCommand(nodeInput('blue', backends)))),
    ).toBeInstanceOf(LimitExceededException);
    for (let i = 1; i < 15; i++) await appMesh.send(new CreateMeshCommand({ meshName: `mesh-${i}` }));
    expect(await failure(cloud, appMesh.send(new CreateMeshCommand({ meshName: 'mesh-15' })))).toBeInstanceOf(
      LimitExceededException,
    );
    for (let i = 3; i <= 10; i++) {
      await appMesh.send(
        new CreateGatewayRouteCommand(gatewayRouteInput(`route-${i}`, `/p${i}`, 'red.colors.local')),
      );
    }
    expect(
      await failure(
        cloud,
        appMesh.send(
          new CreateGatewayRouteCommand(gatewayRouteInput('route-11', '/p11', 'red.colors.local')),
        ),
      ),
    ).toBeInstanceOf(LimitExceededException);
  });

  it('takes raised quotas, as after a Service Quotas increase, and enforces those instead', async () => {
    const { cloud, appMesh } = await colorCloud({ quotas: { gatewaysPerMesh: 4, backendsPerNode: 60 } });
    for (const name of ['gateway-2', 'gateway-3', 'gateway-4']) {
      await appMesh.send(new CreateVirtualGatewayCommand(gatewayInput(name)));
    }
    expect(
      await failure(cloud, appMesh.send(new CreateVirtualGatewayCommand(gatewayInput('gateway-5')))),
    ).toBeInstanceOf(LimitExceededException);
    const backends = (n: number) => Array.from({ length: n }, (_, i) => `service-${i}`);
    await appMesh.send(new UpdateVirtualNodeCommand(nodeInput('blue', backends(60))));
    expect(
      await failure(cloud, appMesh.send(new UpdateVirtualNodeCommand(nodeInput('blue', backends(61))))),
    ).toBeInstanceOf(LimitExceededException);
  });

  it('tags at create and by ARN, with TooManyTagsException above 50', async () => {
    const { cloud, appMesh } = await colorCloud();
    const created = await appMesh.send(
      new CreateVirtualGatewayCommand({
        ...gatewayInput('tagged'),
        tags: [{ key: 'team', value: 'colors' }],
      }),
    );
    const resourceArn = created.virtualGateway?.metadata?.arn;
    await appMesh.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'env', value: 'dev' }] }));
    await appMesh.send(new UntagResourceCommand({ resourceArn, tagKeys: ['team'] }));
    expect((await appMesh.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual([
      { key: 'env', value: 'dev' },
    ]);
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(
      await failure(cloud, appMesh.send(new TagResourceCommand({ resourceArn, tags: many }))),
    ).toBeInstanceOf(TooManyTagsException);
    expect(
      await failure(
        cloud,
        appMesh.send(
          new CreateVirtualGatewayCommand({
            ...gatewayInput('t2'),
            tags: [...many, { key: 'x', value: 'y' }],
          }),
        ),
      ),
    ).toBeInstanceOf(TooManyTagsException);
    const missing = `${resourceArn}-nope`;
    await expect(
      appMesh.send(new ListTagsForResourceCommand({ resourceArn: missing })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('hides a new resource from reads and references during the consistency window, not from conflicts', async () => {
    const clock = new ManualClock();
    const cloud = createLocalCloud({ clock, faults: { consistencyWindowMs: 1000 } });
    const { appMesh } = cloud.clients({ maxAttempts: 1 });
    await appMesh.send(new CreateMeshCommand({ meshName: MESH }));
    await expect(appMesh.send(new DescribeMeshCommand({ meshName: MESH }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
    expect((await appMesh.send(new ListMeshesCommand({}))).meshes).toEqual([]);
    await expect(appMesh.send(new CreateVirtualNodeCommand(nodeInput('red')))).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await expect(appMesh.send(new CreateMeshCommand({ meshName: MESH }))).rejects.toBeInstanceOf(
      ConflictException,
    );
    clock.advance(1000);
    await appMesh.send(new CreateVirtualNodeCommand(nodeInput('red')));
    const provider = new CreateVirtualServiceCommand({
      meshName: MESH,
      virtualServiceName: 'red.colors.local',
      spec: { provider: { virtualNode: { virtualNodeName: 'red' } } },
    });
    await expect(appMesh.send(provider)).rejects.toBeInstanceOf(NotFoundException);
    clock.advance(1000);
    await appMesh.send(provider);
    expect((await appMesh.send(new ListMeshesCommand({}))).meshes?.map((m) => m.meshName)).toEqual([MESH]);
  });

  it('pages lists by name with limit and nextToken', async () => {
    const { appMesh } = await colorCloud();
    const first = await appMesh.send(new ListVirtualNodesCommand({ meshName: MESH, limit: 3 }));
    expect(first.virtualNodes?.map((n) => n.virtualNodeName)).toEqual(['blue', 'green', 'red']);
    expect(first.nextToken).toBeDefined();
    const second = await appMesh.send(
      new ListVirtualNodesCommand({ meshName: MESH, limit: 3, nextToken: first.nextToken }),
    );
    expect(second.virtualNodes?.map((n) => n.virtualNodeName)).toEqual(['yellow']);
    expect(second.nextToken).toBeUndefined();
    await expect(
      appMesh.send(new ListVirtualNodesCommand({ meshName: MESH, limit: 101 })),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      appMesh.send(new ListVirtualNodesCommand({ meshName: MESH, limit: 0 })),
    ).rejects.toBeInstanceOf(BadRequestException);
    const routes = await appMesh.send(
      new ListRoutesCommand({ meshName: MESH, virtualRouterName: 'color-router' }),
    );
    expect(routes.routes?.map((r) => [r.virtualRouterName, r.routeName])).toEqual([
      ['color-router', 'color-route'],
    ]);
    await expect(
      appMesh.send(new ListRoutesCommand({ meshName: MESH, virtualRouterName: 'nope' })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('describes a gateway with its listeners', async () => {
    const { appMesh } = await colorCloud();
    const gateway = await appMesh.send(
      new DescribeVirtualGatewayCommand({ meshName: MESH, virtualGatewayName: 'color-gateway' }),
    );
    expect(gateway.virtualGateway?.spec?.listeners).toEqual([
      { portMapping: { port: 80, protocol: 'http' } },
    ]);
    expect(gateway.virtualGateway?.metadata?.arn).toBe(
      'arn:aws:appmesh:us-east-1:123456789012:mesh/color-mesh/virtualGateway/color-gateway',
    );
  });
});
