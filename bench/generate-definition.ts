/**
 * A synthetic mesh of `nodeCount` nodes as a plain MeshDefinition, shaped like a real one:
 * every node has an http listener with a health check, Cloud Map discovery, an ECS task, its own
 * virtual service and backends to 3 other nodes' services; one router per 10 nodes splits traffic
 * over its group with weighted targets; router services resolve through external DNS. Used when timing plan() without the builder.
 */
import type {
  CloudMapServiceDefinition,
  EcsEnvironmentDefinition,
  MeshDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
  VirtualServiceDefinition,
} from '../src/definition/mesh-definition.js';

export const BENCH_NAMESPACE = 'bench.local';
export const NODES_PER_ROUTER = 10;
export const BACKENDS_PER_NODE = 3;

export const benchEcs: EcsEnvironmentDefinition = {
  region: 'us-east-1',
  accountId: '123456789012',
  vpcId: 'vpc-0123456789abcdef0',
  subnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
  cluster: 'bench',
  createCluster: true,
  meshSecurityGroup: 'bench-mesh-sg',
  logGroup: '/ecs/bench-mesh',
  envoyImage: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod',
  executionRoleName: 'bench-mesh-execution-role',
  launchType: 'FARGATE',
  assignPublicIp: false,
  tags: {},
};

export const nodeName = (i: number) => `node-${i}`;
export const routerName = (k: number) => `router-${k}`;
export const serviceName = (name: string) => `${name}.${BENCH_NAMESPACE}`;

/** The indexes of node i's backends: the next 3 nodes, wrapping around (fewer in tiny meshes). */
export function backendIndexes(i: number, nodeCount: number): number[] {
  const count = Math.min(BACKENDS_PER_NODE, nodeCount - 1);
  return Array.from({ length: count }, (_, k) => (i + k + 1) % nodeCount);
}

/** Router k's group of nodes and their weights (1..10, so every split differs). */
export function routerTargets(k: number, nodeCount: number): { node: number; weight: number }[] {
  const first = k * NODES_PER_ROUTER;
  const last = Math.min(first + NODES_PER_ROUTER, nodeCount);
  return Array.from({ length: last - first }, (_, j) => ({ node: first + j, weight: j + 1 }));
}

export function routerCount(nodeCount: number): number {
  return Math.ceil(nodeCount / NODES_PER_ROUTER);
}

export function generateDefinition(nodeCount: number): MeshDefinition {
  const nodes: VirtualNodeDefinition[] = [];
  const services: VirtualServiceDefinition[] = [];
  const cloudMapServices: CloudMapServiceDefinition[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const name = nodeName(i);
    cloudMapServices.push(cloudMapService(name));
    services.push({
      kind: 'virtualService',
      name: serviceName(name),
      provider: { kind: 'virtualNode', name },
      tags: {},
    });
    nodes.push({
      kind: 'virtualNode',
      name,
      listeners: [
        {
          portMapping: { port: 8080, protocol: 'http' },
          healthCheck: {
            protocol: 'http',
            path: '/health',
            port: 8080,
            healthyThreshold: 2,
            unhealthyThreshold: 2,
            intervalMillis: 5000,
            timeoutMillis: 2000,
          },
        },
      ],
      serviceDiscovery: { kind: 'cloudMap', service: name, attributes: {} },
      backends: backendIndexes(i, nodeCount).map((b) => ({ ref: serviceName(nodeName(b)) })),
      logging: { accessLog: { file: { path: '/dev/stdout' } } },
      tags: {},
      task: {
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
        taskRoleName: `bench-mesh-${name}-task-role`,
        tags: {},
        containers: [
          {
            name: 'app',
            image: 'public.ecr.aws/example/app:1',
            port: 8080,
            environment: {},
            essential: true,
          },
        ],
        startOrder: 'envoy-first',
      },
    });
  }
  const routers: VirtualRouterDefinition[] = [];
  for (let k = 0; k < routerCount(nodeCount); k++) {
    const name = routerName(k);
    services.push({
      kind: 'virtualService',
      name: serviceName(name),
      provider: { kind: 'virtualRouter', name },
      tags: {},
    });
    routers.push({
      kind: 'virtualRouter',
      name,
      listeners: [{ portMapping: { port: 8080, protocol: 'http' } }],
      routes: [
        {
          kind: 'route',
          name: `${name}-route`,
          spec: {
            httpRoute: {
              match: { prefix: '/' },
              action: {
                weightedTargets: routerTargets(k, nodeCount).map((t) => ({
                  virtualNode: nodeName(t.node),
                  weight: t.weight,
                })),
              },
            },
          },
          tags: {},
        },
      ],
      tags: {},
    });
  }
  return {
    kind: 'mesh',
    name: 'bench-mesh',
    egressFilter: 'DROP_ALL',
    tags: {},
    namespace: { kind: 'cloudMapNamespace', name: BENCH_NAMESPACE, tags: {} },
    cloudMapServices,
    nodes,
    services,
    routers,
    gateways: [],
    // Router services resolve through DNS records the plan does not manage (a wildcard, say).
    externalDns: Array.from({ length: routerCount(nodeCount) }, (_, k) => serviceName(routerName(k))),
    ecs: benchEcs,
  };
}

function cloudMapService(name: string): CloudMapServiceDefinition {
  return {
    kind: 'cloudMapService',
    name,
    dnsRecords: [{ Type: 'A', TTL: 300 }],
    routingPolicy: 'MULTIVALUE',
    healthCheckCustomConfig: { FailureThreshold: 1 },
    tags: {},
  };
}
