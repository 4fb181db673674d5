/**
 * A mesh that uses most of what App Mesh can express, as a plain MeshDefinition (every default
 * filled, as the builder would): http / http2 / grpc / tcp listeners, listener and client TLS
 * (mutual), health checks, outlier detection, timeouts, connection pools, JSON and text logs,
 * DNS and Cloud Map discovery with attributes, header / query / method / scheme matches, gRPC
 * metadata matches, retry policies, route priorities, a gateway with two listeners, hostname and
 * prefix / path rewrites, external DNS names, and ECS tasks behind an NLB.
 * The conformance tests plan it and check every input against the AWS API models.
 */
import type { MeshDefinition, TaskCommonDefinition } from '../../src/definition/mesh-definition.js';

const MESH = 'feature-mesh';
const NAMESPACE = 'features.local';

const CERT_CHAIN = '/certs/chain.pem';
const PRIVATE_KEY = '/keys/key.pem';
const CA_BUNDLE = '/certs/ca.pem';
export const PCA_ARN =
  'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012';
const ACM_CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';

const ms = (value: number) => ({ value, unit: 'ms' as const });
const s = (value: number) => ({ value, unit: 's' as const });

function taskCommon(name: string, overrides: Partial<TaskCommonDefinition> = {}): TaskCommonDefinition {
  return {
    family: `${MESH}-${name}`,
    serviceName: name,
    cpu: 512,
    memory: 1024,
    desiredCount: 2,
    enableExecuteCommand: false,
    securityGroups: [],
    envoy: { environment: { ENVOY_LOG_LEVEL: 'info' } },
    envoyAccess: 'scoped',
    taskRoleName: `${MESH}-${name}-task-role`,
    tags: {},
    ...overrides,
  };
}

const cloudMapService = (name: string) =>
  ({
    kind: 'cloudMapService',
    name,
    dnsRecords: [{ Type: 'A', TTL: 60 }],
    routingPolicy: 'MULTIVALUE',
    healthCheckCustomConfig: { FailureThreshold: 1 },
    tags: {},
  }) as const;

export const featureMeshDefinition: MeshDefinition = {
  kind: 'mesh',
  name: MESH,
  egressFilter: 'DROP_ALL',
  ipPreference: 'IPv4_PREFERRED',
  tags: { team: 'platform', 'cost-center': 'cc-42' },
  namespace: { kind: 'cloudMapNamespace', name: NAMESPACE, description: 'feature mesh names', tags: {} },
  cloudMapServices: ['web', 'api', 'grpc', 'orders'].map(cloudMapService),
  externalDns: ['db.features.local'],
  nodes: [
    {
      kind: 'virtualNode',
      name: 'web',
      listeners: [
        {
          portMapping: { port: 8080, protocol: 'http' },
          healthCheck: {
            protocol: 'http',
            port: 8080,
            path: '/health',
            healthyThreshold: 2,
            unhealthyThreshold: 3,
            intervalMillis: 5000,
            timeoutMillis: 2000,
          },
          outlierDetection: {
            maxServerErrors: 5,
            interval: s(10),
            baseEjectionDuration: s(30),
            maxEjectionPercent: 50,
          },
          timeout: { http: { perRequest: s(30), idle: s(300) } },
          connectionPool: { http: { maxConnections: 100, maxPendingRequests: 50 } },
          tls: {
            mode: 'STRICT',
            certificate: { file: { certificateChain: CERT_CHAIN, privateKey: PRIVATE_KEY } },
            validation: {
              trust: { file: { certificateChain: CA_BUNDLE } },
              subjectAlternativeNames: { match: { exact: ['edge.features.local'] } },
            },
          },
        },
      ],
      serviceDiscovery: {
        kind: 'cloudMap',
        service: 'web',
        attributes: { ECS_TASK_DEFINITION_FAMILY: `${MESH}-web` },
        ipPreference: 'IPv4_ONLY',
      },
      backends: [
        {
          ref: 'api.features.local',
          clientPolicy: {
            tls: {
              enforce: true,
              ports: [9080],
              validation: { trust: { acm: { certificateAuthorityArns: [PCA_ARN] } } },
            },
          },
        },
        { ref: 'grpc.features.local' },
        { ref: 'db.features.local' },
      ],
      backendDefaults: {
        clientPolicy: {
          tls: {
            enforce: true,
            certificate: { file: { certificateChain: CERT_CHAIN, privateKey: PRIVATE_KEY } },
            validation: {
              trust: { file: { certificateChain: CA_BUNDLE } },
              subjectAlternativeNames: { match: { exact: ['api.features.local', 'grpc.features.local'] } },
            },
          },
        },
      },
      logging: {
        accessLog: {
          file: {
            path: '/dev/stdout',
            format: {
              json: [
                { key: 'start', value: '%START_TIME%' },
                { key: 'status', value: '%RESPONSE_CODE%' },
              ],
            },
          },
        },
      },
      tags: { tier: 'front' },
      task: {
        kind: 'nodeTask',
        ...taskCommon('web', { enableExecuteCommand: true, envoyAccess: 'managed' }),
        containers: [
          {
            name: 'app',
            image: 'public.ecr.aws/nginx/nginx:1.27',
            port: 8080,
            environment: { MODE: 'production' },
            healthCheck: {
              command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'],
              interval: 10,
              timeout: 5,
              retries: 3,
              startPeriod: 10,
            },
            essential: true,
          },
        ],
        startOrder: 'envoy-first',
      },
    },
    ...(['api-v1', 'api-v2'] as const).map((name) => ({
      kind: 'virtualNode' as const,
      name,
      listeners: [
        {
          portMapping: { port: 9080, protocol: 'http2' as const },
          healthCheck: {
            protocol: 'http2' as const,
            port: 9080,
            path: '/ping',
            healthyThreshold: 3,
            unhealthyThreshold: 2,
            intervalMillis: 10000,
            timeoutMillis: 5000,
          },
          timeout: { http2: { perRequest: ms(15000), idle: s(600) } },
          connectionPool: { http2: { maxRequests: 250 } },
          tls: {
            mode: 'PERMISSIVE' as const,
            certificate: { sds: { secretName: `spiffe://features.local/${name}` } },
          },
        },
      ],
      // Both versions register in one Cloud Map service; the family attribute tells them apart.
      serviceDiscovery: {
        kind: 'cloudMap' as const,
        service: 'api',
        attributes: { ECS_TASK_DEFINITION_FAMILY: `${MESH}-${name}` },
      },
      backends: [{ ref: 'orders' }],
      logging: {
        accessLog: { file: { path: '/dev/stdout', format: { text: '[%START_TIME%] %REQ(:METHOD)%' } } },
      },
      tags: {},
      task: {
        kind: 'nodeTask' as const,
        ...taskCommon(name),
        containers: [
          {
            name: 'app',
            image: 'public.ecr.aws/example/api:2',
            port: 9080,
            environment: {},
            healthCheck: { command: ['CMD', '/bin/healthcheck'], interval: 5, timeout: 2, retries: 3 },
            essential: true,
          },
        ],
        startOrder: 'app-first' as const,
      },
    })),
    {
      kind: 'virtualNode',
      name: 'grpc-backend',
      listeners: [
        {
          portMapping: { port: 50051, protocol: 'grpc' },
          healthCheck: {
            protocol: 'grpc',
            port: 50051,
            healthyThreshold: 2,
            unhealthyThreshold: 2,
            intervalMillis: 5000,
            timeoutMillis: 2000,
          },
          timeout: { grpc: { perRequest: s(5), idle: s(60) } },
          connectionPool: { grpc: { maxRequests: 1000 } },
        },
      ],
      serviceDiscovery: { kind: 'cloudMap', service: 'grpc', attributes: {}, ipPreference: 'IPv6_PREFERRED' },
      backends: [],
      tags: {},
      task: {
        kind: 'nodeTask',
        ...taskCommon('grpc-backend', {
          cpu: 1024,
          memory: 2048,
          envoy: { environment: {}, cpu: 256, memory: 512 },
        }),
        containers: [
          {
            name: 'server',
            image: 'public.ecr.aws/example/grpc:1',
            port: 50051,
            environment: { GRPC_PORT: '50051' },
            cpu: 512,
            memory: 1024,
            essential: true,
          },
          {
            name: 'sidecar-metrics',
            image: 'public.ecr.aws/example/metrics:1',
            environment: {},
            essential: false,
          },
        ],
        startOrder: 'envoy-first',
      },
    },
    {
      kind: 'virtualNode',
      name: 'orders',
      listeners: [
        {
          portMapping: { port: 7000, protocol: 'http' },
          timeout: { http: { perRequest: s(15) } },
        },
      ],
      serviceDiscovery: { kind: 'cloudMap', service: 'orders', attributes: {} },
      backends: [],
      tags: {},
      task: {
        kind: 'nodeTask',
        ...taskCommon('orders', { desiredCount: 1, securityGroups: ['edge-sg'] }),
        containers: [
          {
            name: 'orders',
            image: 'public.ecr.aws/example/orders:3',
            port: 7000,
            environment: {},
            essential: true,
          },
        ],
        startOrder: 'envoy-first',
      },
    },
    {
      kind: 'virtualNode',
      name: 'db',
      listeners: [
        {
          portMapping: { port: 5432, protocol: 'tcp' },
          healthCheck: {
            protocol: 'tcp',
            port: 5432,
            healthyThreshold: 2,
            unhealthyThreshold: 10,
            intervalMillis: 30000,
            timeoutMillis: 10000,
          },
          timeout: { tcp: { idle: s(3600) } },
          connectionPool: { tcp: { maxConnections: 20 } },
        },
      ],
      serviceDiscovery: {
        kind: 'dns',
        hostname: 'db.internal.example.com',
        responseType: 'ENDPOINTS',
        ipPreference: 'IPv4_ONLY',
      },
      backends: [],
      tags: {},
    },
  ],
  services: [
    {
      kind: 'virtualService',
      name: 'web.features.local',
      provider: { kind: 'virtualNode', name: 'web' },
      tags: {},
    },
    {
      kind: 'virtualService',
      name: 'api.features.local',
      provider: { kind: 'virtualRouter', name: 'api-router' },
      tags: {},
    },
    {
      kind: 'virtualService',
      name: 'grpc.features.local',
      provider: { kind: 'virtualRouter', name: 'grpc-router' },
      tags: {},
    },
    {
      kind: 'virtualService',
      name: 'orders.features.local',
      provider: { kind: 'virtualNode', name: 'orders' },
      tags: {},
    },
    {
      kind: 'virtualService',
      name: 'db.features.local',
      provider: { kind: 'virtualRouter', name: 'db-router' },
      tags: {},
    },
  ],
  routers: [
    {
      kind: 'virtualRouter',
      name: 'api-router',
      listeners: [{ portMapping: { port: 9080, protocol: 'http2' } }],
      routes: [
        {
          kind: 'route',
          name: 'api-canary',
          spec: {
            priority: 10,
            http2Route: {
              match: {
                prefix: '/',
                method: 'GET',
                scheme: 'https',
                headers: [
                  { name: 'x-canary', match: { exact: 'true' } },
                  { name: 'x-client', invert: true, match: { prefix: 'legacy-' } },
                  { name: 'x-build', match: { range: { start: 100, end: 200 } } },
                  { name: 'user-agent', match: { regex: '.*Mobile.*' } },
                ],
                queryParameters: [{ name: 'beta', match: { exact: '1' } }],
              },
              action: { weightedTargets: [{ virtualNode: 'api-v2', weight: 1 }] },
              retryPolicy: {
                maxRetries: 3,
                perRetryTimeout: s(2),
                httpRetryEvents: ['server-error', 'gateway-error'],
                tcpRetryEvents: ['connection-error'],
              },
              timeout: { perRequest: s(20), idle: s(120) },
            },
          },
          tags: {},
        },
        {
          kind: 'route',
          name: 'api-default',
          spec: {
            priority: 100,
            http2Route: {
              match: { path: { exact: '/v1/orders' } },
              action: {
                weightedTargets: [
                  { virtualNode: 'api-v1', weight: 80 },
                  { virtualNode: 'api-v2', weight: 20 },
                ],
              },
            },
          },
          tags: {},
        },
        {
          kind: 'route',
          name: 'api-regex',
          spec: {
            priority: 200,
            http2Route: {
              match: {
                path: { regex: '^/v[0-9]+/.*$' },
                headers: [{ name: 'accept', match: { suffix: 'json' } }],
              },
              action: { weightedTargets: [{ virtualNode: 'api-v1', weight: 100 }] },
            },
          },
          tags: {},
        },
      ],
      tags: {},
    },
    {
      kind: 'virtualRouter',
      name: 'grpc-router',
      listeners: [{ portMapping: { port: 50051, protocol: 'grpc' } }],
      routes: [
        {
          kind: 'route',
          name: 'grpc-route',
          spec: {
            grpcRoute: {
              match: {
                serviceName: 'orders.OrderService',
                methodName: 'Create',
                metadata: [
                  { name: 'region', match: { exact: 'eu' } },
                  { name: 'tenant', invert: true, match: { suffix: '-test' } },
                ],
              },
              action: { weightedTargets: [{ virtualNode: 'grpc-backend', weight: 1 }] },
              retryPolicy: {
                maxRetries: 2,
                perRetryTimeout: ms(500),
                grpcRetryEvents: ['unavailable', 'deadline-exceeded', 'resource-exhausted'],
                httpRetryEvents: ['stream-error'],
              },
              timeout: { perRequest: s(10) },
            },
          },
          tags: {},
        },
      ],
      tags: {},
    },
    {
      kind: 'virtualRouter',
      name: 'db-router',
      listeners: [{ portMapping: { port: 5432, protocol: 'tcp' } }],
      routes: [
        {
          kind: 'route',
          name: 'db-route',
          spec: {
            tcpRoute: {
              action: { weightedTargets: [{ virtualNode: 'db', weight: 1 }] },
              timeout: { idle: s(3600) },
            },
          },
          tags: {},
        },
      ],
      tags: {},
    },
  ],
  gateways: [
    {
      kind: 'virtualGateway',
      name: 'edge',
      spec: {
        listeners: [
          {
            portMapping: { port: 8443, protocol: 'http' },
            healthCheck: {
              protocol: 'http',
              port: 8443,
              path: '/ready',
              healthyThreshold: 2,
              unhealthyThreshold: 2,
              intervalMillis: 5000,
              timeoutMillis: 2000,
            },
            tls: { mode: 'STRICT', certificate: { acm: { certificateArn: ACM_CERT_ARN } } },
            connectionPool: { http: { maxConnections: 500, maxPendingRequests: 100 } },
          },
          {
            portMapping: { port: 50052, protocol: 'grpc' },
            connectionPool: { grpc: { maxRequests: 100 } },
          },
        ],
        backendDefaults: {
          clientPolicy: {
            tls: {
              enforce: true,
              validation: { trust: { file: { certificateChain: CA_BUNDLE } } },
            },
          },
        },
        logging: {
          accessLog: { file: { path: '/dev/stdout', format: { text: '%REQ(:PATH)% %RESPONSE_CODE%' } } },
        },
      },
      routes: [
        {
          kind: 'gatewayRoute',
          name: 'edge-api',
          spec: {
            priority: 1,
            httpRoute: {
              match: {
                prefix: '/api/',
                port: 8443,
                hostname: { suffix: '.example.com' },
                method: 'POST',
                headers: [{ name: 'x-version', match: { exact: '2' } }],
                queryParameters: [{ name: 'debug', match: { exact: 'false' } }],
              },
              action: {
                target: { virtualService: { virtualServiceName: 'api.features.local' } },
                rewrite: { prefix: { value: '/v1/' }, hostname: { defaultTargetHostname: 'DISABLED' } },
              },
            },
          },
          tags: {},
        },
        {
          kind: 'gatewayRoute',
          name: 'edge-health',
          spec: {
            priority: 2,
            httpRoute: {
              match: { path: { exact: '/status' }, port: 8443, hostname: { exact: 'www.example.com' } },
              action: {
                target: { virtualService: { virtualServiceName: 'web' } },
                rewrite: { path: { exact: '/health' } },
              },
            },
          },
          tags: {},
        },
        {
          kind: 'gatewayRoute',
          name: 'edge-web',
          spec: {
            priority: 50,
            httpRoute: {
              match: { prefix: '/', port: 8443 },
              action: {
                target: { virtualService: { virtualServiceName: 'web.features.local' } },
                rewrite: { prefix: { defaultPrefix: 'ENABLED' } },
              },
            },
          },
          tags: {},
        },
        {
          kind: 'gatewayRoute',
          name: 'edge-grpc',
          spec: {
            grpcRoute: {
              match: {
                serviceName: 'orders.OrderService',
                port: 50052,
                metadata: [{ name: 'x-tenant', match: { prefix: 'acme' } }],
              },
              action: {
                target: { virtualService: { virtualServiceName: 'grpc.features.local' } },
                rewrite: { hostname: { defaultTargetHostname: 'ENABLED' } },
              },
            },
          },
          tags: {},
        },
      ],
      tags: { tier: 'edge' },
      task: {
        kind: 'gatewayTask',
        ...taskCommon('edge', { desiredCount: 3, assignPublicIp: false }),
        securityGroupName: 'edge-sg',
        ingressCidrs: ['10.0.0.0/16', '192.168.0.0/24'],
        loadBalancer: {
          name: 'edge-nlb',
          scheme: 'internal',
          subnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
          targetGroupName: 'edge-tg',
          port: 8443,
        },
      },
    },
  ],
  ecs: {
    region: 'us-east-1',
    accountId: '123456789012',
    vpcId: 'vpc-0123456789abcdef0',
    subnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
    cluster: 'features',
    createCluster: true,
    meshSecurityGroup: `${MESH}-sg`,
    logGroup: `/ecs/${MESH}`,
    logRetentionDays: 14,
    envoyImage: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod',
    executionRoleName: `${MESH}-execution-role`,
    launchType: 'FARGATE',
    assignPublicIp: false,
    tags: { env: 'test' },
  },
};
