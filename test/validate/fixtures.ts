/**
 * Plain MeshDefinition objects for validation tests: a minimal valid mesh and a tutorial-like
 * one, plus factories with every default filled so a test overrides only what it is about.
 */
import type { GatewayRouteSpec, Listener, RouteSpec } from '@aws-sdk/client-app-mesh';
import type {
  CloudMapServiceDefinition,
  EcsEnvironmentDefinition,
  GatewayRouteDefinition,
  GatewayTaskDefinition,
  MeshDefinition,
  NodeTaskDefinition,
  RouteDefinition,
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
  VirtualServiceDefinition,
  VirtualServiceProviderDefinition,
} from '../../src/definition/mesh-definition.js';
import type { PlanIssue } from '../../src/validate/issue.js';
import { validateDefinition } from '../../src/validate/validate-definition.js';

export const MESH = 'color-mesh';
export const NAMESPACE = 'colors.local';

export function httpListener(port = 80, overrides: Partial<Listener> = {}): Listener {
  return {
    portMapping: { port, protocol: 'http' },
    healthCheck: {
      protocol: 'http',
      path: '/healthcheck',
      healthyThreshold: 2,
      unhealthyThreshold: 2,
      intervalMillis: 5000,
      timeoutMillis: 2000,
    },
    ...overrides,
  };
}

export function cloudMapService(
  name: string,
  overrides: Partial<CloudMapServiceDefinition> = {},
): CloudMapServiceDefinition {
  return {
    kind: 'cloudMapService',
    name,
    dnsRecords: [{ Type: 'A', TTL: 300 }],
    routingPolicy: 'MULTIVALUE',
    healthCheckCustomConfig: { FailureThreshold: 1 },
    tags: {},
    ...overrides,
  };
}

export function nodeTask(name: string, overrides: Partial<NodeTaskDefinition> = {}): NodeTaskDefinition {
  return {
    kind: 'nodeTask',
    family: name,
    serviceName: name,
    cpu: 256,
    memory: 512,
    desiredCount: 1,
    enableExecuteCommand: false,
    securityGroups: [],
    envoy: { environment: {} },
    envoyAccess: 'scoped',
    taskRoleName: `${MESH}-${name}-task-role`,
    tags: {},
    containers: [
      {
        name: 'app',
        image: 'forsakenidol/colorapp',
        port: 80,
        environment: { COLOR: name },
        essential: true,
      },
    ],
    startOrder: 'envoy-first',
    ...overrides,
  };
}

/** A node on http 80 with a health check, discovered (and registered) in Cloud Map service `name`. */
export function node(name: string, overrides: Partial<VirtualNodeDefinition> = {}): VirtualNodeDefinition {
  return {
    kind: 'virtualNode',
    name,
    listeners: [httpListener()],
    serviceDiscovery: { kind: 'cloudMap', service: name, attributes: {} },
    backends: [],
    tags: {},
    task: nodeTask(name),
    ...overrides,
  };
}

export function service(
  name: string,
  provider: VirtualServiceProviderDefinition,
  overrides: Partial<VirtualServiceDefinition> = {},
): VirtualServiceDefinition {
  return { kind: 'virtualService', name, provider, tags: {}, ...overrides };
}

export function httpRouteSpec(targets: readonly [string, number][], prefix = '/'): RouteSpec {
  return {
    httpRoute: {
      match: { prefix },
      action: { weightedTargets: targets.map(([virtualNode, weight]) => ({ virtualNode, weight })) },
    },
  };
}

export function route(
  name: string,
  spec: RouteSpec,
  overrides: Partial<RouteDefinition> = {},
): RouteDefinition {
  return { kind: 'route', name, spec, tags: {}, ...overrides };
}

export function router(
  name: string,
  overrides: Partial<VirtualRouterDefinition> = {},
): VirtualRouterDefinition {
  return {
    kind: 'virtualRouter',
    name,
    listeners: [{ portMapping: { port: 80, protocol: 'http' } }],
    routes: [],
    tags: {},
    ...overrides,
  };
}

export function gatewayRouteSpec(target: string, prefix = '/'): GatewayRouteSpec {
  return {
    httpRoute: { match: { prefix }, action: { target: { virtualService: { virtualServiceName: target } } } },
  };
}

export function gatewayRoute(
  name: string,
  spec: GatewayRouteSpec,
  overrides: Partial<GatewayRouteDefinition> = {},
): GatewayRouteDefinition {
  return { kind: 'gatewayRoute', name, spec, tags: {}, ...overrides };
}

export function gatewayTask(
  name: string,
  overrides: Partial<GatewayTaskDefinition> = {},
): GatewayTaskDefinition {
  return {
    kind: 'gatewayTask',
    family: name,
    serviceName: name,
    cpu: 256,
    memory: 512,
    desiredCount: 1,
    enableExecuteCommand: false,
    securityGroups: [],
    envoy: { environment: {} },
    envoyAccess: 'scoped',
    taskRoleName: `${MESH}-${name}-task-role`,
    tags: {},
    securityGroupName: `${name}-sg`,
    ingressCidrs: ['0.0.0.0/0'],
    loadBalancer: {
      name: 'gateway-nlb',
      scheme: 'internet-facing',
      subnets: ['subnet-0bbbbbbbbbbbbbbb1', 'subnet-0bbbbbbbbbbbbbbb2'],
      targetGroupName: 'gateway-tg',
    },
    ...overrides,
  };
}

export function gateway(
  name: string,
  overrides: Partial<VirtualGatewayDefinition> = {},
): VirtualGatewayDefinition {
  return {
    kind: 'virtualGateway',
    name,
    spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] },
    routes: [],
    tags: {},
    task: gatewayTask(name),
    ...overrides,
  };
}

export function ecsEnvironment(overrides: Partial<EcsEnvironmentDefinition> = {}): EcsEnvironmentDefinition {
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    vpcId: 'vpc-0123456789abcdef0',
    subnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
    cluster: MESH,
    createCluster: true,
    meshSecurityGroup: 'colorapp-sg',
    logGroup: `/ecs/${MESH}`,
    envoyImage: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod',
    executionRoleName: `${MESH}-execution-role`,
    launchType: 'FARGATE',
    assignPublicIp: false,
    tags: {},
    ...overrides,
  };
}

/** One node `blue` behind `blue.colors.local`, registered in Cloud Map service `blue`, on ECS. */
export function minimalDefinition(overrides: Partial<MeshDefinition> = {}): MeshDefinition {
  return {
    kind: 'mesh',
    name: MESH,
    egressFilter: 'DROP_ALL',
    tags: {},
    namespace: { kind: 'cloudMapNamespace', name: NAMESPACE, tags: {} },
    cloudMapServices: [cloudMapService('blue')],
    nodes: [node('blue')],
    services: [service(`blue.${NAMESPACE}`, { kind: 'virtualNode', name: 'blue' })],
    routers: [],
    gateways: [],
    externalDns: [],
    ecs: ecsEnvironment(),
    ...overrides,
  };
}

/** The color tutorial's shape: red, blue, green, yellow, color-router 4:1, color-gateway. */
export function tutorialDefinition(overrides: Partial<MeshDefinition> = {}): MeshDefinition {
  return minimalDefinition({
    cloudMapServices: ['red', 'blue', 'router', 'yellow'].map((name) => cloudMapService(name)),
    nodes: [
      node('red', { backends: [{ ref: `router.${NAMESPACE}` }] }),
      node('blue', { backends: [{ ref: 'red' }] }),
      // green has no Cloud Map service of its own: it registers in "router", so the router's name resolves.
      node('green', { serviceDiscovery: { kind: 'cloudMap', service: 'router', attributes: {} } }),
      node('yellow'),
    ],
    services: [
      service(`red.${NAMESPACE}`, { kind: 'virtualNode', name: 'red' }),
      service(`blue.${NAMESPACE}`, { kind: 'virtualNode', name: 'blue' }),
      service(`router.${NAMESPACE}`, { kind: 'virtualRouter', name: 'color-router' }),
    ],
    routers: [
      router('color-router', {
        routes: [
          route('color-route', {
            httpRoute: {
              match: { prefix: '/', method: 'GET' },
              action: {
                weightedTargets: [
                  { virtualNode: 'green', weight: 4 },
                  { virtualNode: 'yellow', weight: 1 },
                ],
              },
            },
          }),
        ],
      }),
    ],
    gateways: [
      gateway('color-gateway', {
        routes: [
          gatewayRoute('color-gateway-route-1', gatewayRouteSpec(`router.${NAMESPACE}`, '/router')),
          gatewayRoute('color-gateway-route-2', gatewayRouteSpec(`blue.${NAMESPACE}`, '/')),
        ],
      }),
    ],
    ...overrides,
  });
}

/** Replaces the node called `name` (the test reads as "blue, but with ..."). */
export function withNode(
  definition: MeshDefinition,
  name: string,
  patch: (node: VirtualNodeDefinition) => VirtualNodeDefinition,
): MeshDefinition {
  return { ...definition, nodes: definition.nodes.map((n) => (n.name === name ? patch(n) : n)) };
}

export function validate(definition: MeshDefinition): PlanIssue[] {
  return validateDefinition(definition);
}

/** The single issue with `code`; fails the test with every issue listed otherwise. */
export function only(issues: readonly PlanIssue[], code: PlanIssue['code']): PlanIssue {
  const matching = issues.filter((i) => i.code === code);
  if (matching.length !== 1) {
    throw new Error(
      `expected exactly one ${code}, got:\n${issues.map((i) => i.message).join('\n') || '(none)'}`,
    );
  }
  return matching[0] as PlanIssue;
}

/** Messages, for readable assertion failures. */
export function messages(issues: readonly PlanIssue[]): string[] {
  return issues.map((i) => i.message);
}

/** The value, or a test failure if it is missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value in the fixture');
  return value;
}

/** `count` header, metadata or query parameter matches with distinct names (for list-size limits). */
export function namedMatches(count: number): { name: string; match: { exact: string } }[] {
  return Array.from({ length: count }, (_, i) => ({ name: `n${i}`, match: { exact: 'v' } }));
}
