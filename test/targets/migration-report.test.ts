/**
 * The migration report to ECS Service Connect: one entry per App Mesh feature a definition uses,
 * each checked on the smallest mesh that uses it; the color tutorial's report against its golden
 * files; the same report whatever the declaration order; the migrate command.
 * Regenerate the golden files after an intended change: UPDATE_GOLDEN=1 npx vitest run test/targets
 */

import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import colorMesh from '../../examples/color-mesh.js';
import { migrateCommand } from '../../src/cli/migrate-command.js';
import { run } from '../../src/cli/run.js';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import {
  formatMigrationReport,
  gatewayListener,
  healthCheck,
  hostnameMatch,
  listener,
  logging,
  type MeshOptions,
  MIGRATION_CODES,
  type MigrationCode,
  type MigrationEntry,
  mesh,
  migrationReport,
  migrationReportJson,
  outlierDetection,
  type RouteOptions,
  tls,
} from '../../src/index.js';
import { plan } from '../../src/plan/build-plan.js';
import type { ServiceConnectOptions } from '../../src/plan/plan-options.js';
import { behaviourDiffSection } from '../../src/report/behaviour-diff-section.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';
import { LATTICE_CASES } from '../support/lattice-migration-cases.js';

// biome-ignore lint/suspicious/noExplicitAny: a test reaches into a definition as plain data
type Loose = any;

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/color-mesh-definition.ts');
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '../golden/color-mesh-service-connect');
const CA =
  'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555';
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';

const ECS = {
  region: 'us-east-1',
  accountId: '123456789012',
  vpcId: 'vpc-0123456789abcdef0',
  subnets: ['subnet-0aaaaaaaaaaaaaaa1'],
  cluster: 'shop',
};

/** A mesh with a namespace and an ECS environment, ready for nodes. */
function shop(options: MeshOptions = {}) {
  return mesh('shop', options)
    .namespace('shop.local')
    .cloudMapService('api')
    .cloudMapService('web')
    .cloudMapService('beta')
    .ecs(ECS);
}

const task = (image = 'example/api:1') => ({ app: { image, port: 8080 } });

/** One node `api` on port 8080 behind api.shop.local; `configure` adds what a test is about. */
function api(
  listenerOptions: Parameters<typeof listener.http>[1] = {},
  options: MeshOptions = {},
): MeshDefinition {
  return shop(options)
    .node('api', (n) => n.listener(listener.http(8080, listenerOptions)).cloudMap('api').task(task()))
    .service('api.shop.local', { node: 'api' })
    .build();
}

/** api and a web client calling it. */
function apiAndClient(clientPolicy?: ReturnType<typeof tls.client>): MeshDefinition {
  return shop()
    .node('api', (n) => n.listener(listener.http(8080)).cloudMap('api').task(task()))
    .service('api.shop.local', { node: 'api' })
    .node('web', (n) =>
      n
        .listener(listener.http(8080))
        .cloudMap('web')
        .backend('api.shop.local', clientPolicy === undefined ? {} : { clientPolicy })
        .task(task('example/web:1')),
    )
    .service('web.shop.local', { node: 'web' })
    .build();
}

/** api.shop.local through router `api-router` to api (and beta when given a weight). */
function routed(route: RouteOptions, betaImage = 'example/beta:1'): MeshDefinition {
  return shop()
    .node('api', (n) => n.listener(listener.http(8080)).cloudMap('api').task(task()))
    .node('beta', (n) => n.listener(listener.http(8080)).cloudMap('beta').task(task(betaImage)))
    .router('api-router', (r) => r.listener(listener.http(8080)).route('main', route as never))
    .service('api.shop.local', { router: 'api-router' })
    .build();
}

function report(definition: MeshDefinition, serviceConnect: ServiceConnectOptions = {}) {
  return migrationReport(definition, { to: 'service-connect', serviceConnect });
}

function entriesOf(
  definition: MeshDefinition,
  code: MigrationCode,
  serviceConnect: ServiceConnectOptions = {},
) {
  return report(definition, serviceConnect).entries.filter((entry) => entry.code === code);
}

function only(definition: MeshDefinition, code: MigrationCode, serviceConnect: ServiceConnectOptions = {}) {
  const found = entriesOf(definition, code, serviceConnect);
  expect(found, code).toHaveLength(1);
  return found[0] as MigrationEntry;
}

/** Each code, the smallest definition that uses its feature, and what the entry must say. */
const CASES: Record<MigrationCode, () => void> = {
  MESH_BECOMES_NAMESPACE: () => {
    const found = only(api(), 'MESH_BECOMES_NAMESPACE');
    expect(found.serviceConnect).toContain('Cloud Map HTTP namespace shop ');
    expect(only(api(), 'MESH_BECOMES_NAMESPACE', { namespace: 'green' }).serviceConnect).toContain(
      'namespace green ',
    );
  },
  EGRESS_FILTER_LOST: () => {
    const found = only(api(), 'EGRESS_FILTER_LOST');
    expect(found).toMatchObject({ status: 'lost', severity: 'warning', field: 'spec.egressFilter.type' });
    expect(found.alternative?.service).toBe('EC2 security groups');
    expect(JSON.stringify(found.alternative?.fields)).toContain('"FromPort":8080');
  },
  EGRESS_ALLOW_ALL_KEPT: () => {
    expect(only(api({}, { egressFilter: 'ALLOW_ALL' }), 'EGRESS_ALLOW_ALL_KEPT').status).toBe('kept');
    expect(entriesOf(api({}, { egressFilter: 'ALLOW_ALL' }), 'EGRESS_FILTER_LOST')).toEqual([]);
  },
  IP_PREFERENCE_IGNORED: () => {
    const found = only(api({}, { ipPreference: 'IPv4_PREFERRED' }), 'IP_PREFERENCE_IGNORED');
    expect(found).toMatchObject({ status: 'lost', severity: 'info', path: 'mesh/shop' });
  },
  IPV6_ONLY_UNSUPPORTED: () => {
    const found = only(api({}, { ipPreference: 'IPv6_ONLY' }), 'IPV6_ONLY_UNSUPPORTED');
    expect(found.severity).toBe('critical');
    expect(JSON.stringify(found.alternative?.fields)).toContain('"ipAddressType":"IPV6"');
  },
  SHARED_MESH_NEEDS_SHARED_NAMESPACE: () => {
    const shared = api({}, { meshOwner: '210987654321' });
    expect(only(shared, 'SHARED_MESH_NEEDS_SHARED_NAMESPACE').severity).toBe('critical');
    const arn = 'arn:aws:servicediscovery:us-east-1:210987654321:namespace/ns-abc';
    const withArn = only(shared, 'SHARED_MESH_NEEDS_SHARED_NAMESPACE', { existingNamespace: arn });
    expect(withArn.severity).toBe('warning');
    expect(withArn.serviceConnect).toContain(arn);
  },
  MESH_TAGS_KEPT: () => {
    expect(only(api({}, { tags: { team: 'payments' } }), 'MESH_TAGS_KEPT').appMesh).toContain('team');
  },
  RESOURCE_TAGS_LOST: () => {
    const definition = shop()
      .node('api', (n) => n.listener(listener.http(8080)).cloudMap('api').task(task()).tags({ owner: 'a' }))
      .service('api.shop.local', { node: 'api', tags: { owner: 'b' } })
      .build();
    expect(entriesOf(definition, 'RESOURCE_TAGS_LOST').map((entry) => entry.path)).toEqual([
      'mesh/shop/virtualNode/api',
      'mesh/shop/virtualService/api.shop.local',
    ]);
  },
  DNS_NAMESPACE_REPLACED: () => {
    expect(only(api(), 'DNS_NAMESPACE_REPLACED').serviceConnect).toContain(
      'not used: the services join shop;',
    );
  },
  CLOUD_MAP_SERVICE_REPLACED: () => {
    expect(entriesOf(api(), 'CLOUD_MAP_SERVICE_REPLACED').map((entry) => entry.path)).toEqual([
      'cloudMap/namespace/shop.local/service/api',
      'cloudMap/namespace/shop.local/service/beta',
      'cloudMap/namespace/shop.local/service/web',
    ]);
  },
  DISCOVERY_NAME_COLLISION: () => {
    expect(entriesOf(api(), 'DISCOVERY_NAME_COLLISION')).toEqual([]);
    const found = only(api(), 'DISCOVERY_NAME_COLLISION', { existingNamespace: 'shop.local' });
    expect(found).toMatchObject({ severity: 'critical', path: 'mesh/shop/virtualNode/api' });
    expect(found.serviceConnect).toContain('discoveryName api');
  },
  NODE_BECOMES_ECS_SERVICE: () => {
    expect(only(api(), 'NODE_BECOMES_ECS_SERVICE').serviceConnect).toContain(
      'ECS service api-sc in cluster shop-sc with serviceConnectConfiguration { enabled, namespace shop, services: http-8080 }',
    );
  },
  NODE_WITHOUT_TASK: () => {
    const definition = shop()
      .node('legacy', (n) => n.listener(listener.http(80)).dns('legacy.example.internal'))
      .build();
    expect(only(definition, 'NODE_WITHOUT_TASK').severity).toBe('critical');
  },
  LISTENER_PORT_KEPT: () => {
    expect(only(api(), 'LISTENER_PORT_KEPT').serviceConnect).toBe(
      'portMappings { name http-8080, containerPort 8080, appProtocol http } and services[] { portName http-8080, discoveryName api }',
    );
  },
  DISCOVERY_NAME_CHANGED: () => {
    const definition = shop()
      .node('api', (n) =>
        n.listener(listener.http(8080)).listener(listener.grpc(9090)).cloudMap('api').task(task()),
      )
      .build();
    expect(entriesOf(definition, 'DISCOVERY_NAME_CHANGED').map((entry) => entry.serviceConnect)).toEqual([
      'discoveryName api-8080',
      'discoveryName api-9090',
    ]);
  },
  HEALTH_CHECK_LOST: () => {
    const found = only(api({ healthCheck: healthCheck.http('/ready') }), 'HEALTH_CHECK_LOST');
    expect(found.alternative?.service).toBe('ECS task definition');
    expect(JSON.stringify(found.alternative?.fields)).toContain(
      'curl -f http://localhost:8080/ready || exit 1',
    );
  },
  TIMEOUT_KEPT: () => {
    expect(only(api({ timeout: { perRequest: '2s' } }), 'TIMEOUT_KEPT').serviceConnect).toContain(
      'perRequestTimeoutSeconds 2 }',
    );
  },
  TIMEOUT_ROUNDED: () => {
    const found = only(api({ timeout: { perRequest: '250ms' } }), 'TIMEOUT_ROUNDED');
    expect(found.status).toBe('approximated');
    expect(found.serviceConnect).toContain('perRequestTimeoutSeconds 1 (250 ms rounded up)');
  },
  OUTLIER_DETECTION_LOST: () => {
    const detection = outlierDetection({
      maxServerErrors: 5,
      interval: '10s',
      baseEjectionDuration: '30s',
      maxEjectionPercent: 50,
    });
    expect(only(api({ outlierDetection: detection }), 'OUTLIER_DETECTION_LOST').appMesh).toContain(
      'eject after 5 server errors in 10 s, for 30 s, at most 50%',
    );
  },
  CONNECTION_POOL_LOST: () => {
    expect(only(api({ connectionPool: { maxConnections: 10 } }), 'CONNECTION_POOL_LOST').appMesh).toContain(
      '"maxConnections":10',
    );
  },
  TLS_VIA_PRIVATE_CA: () => {
    const found = only(api({ tls: tls.listener(tls.acm(CERTIFICATE)) }), 'TLS_VIA_PRIVATE_CA', {
      tls: { certificateAuthorityArn: CA },
    });
    expect(found.serviceConnect).toContain(`awsPcaAuthorityArn ${CA}`);
    expect(found.serviceConnect).toContain('shop-ecs-infrastructure-role');
  },
  TLS_WITHOUT_CA: () => {
    expect(only(api({ tls: tls.listener(tls.acm(CERTIFICATE)) }), 'TLS_WITHOUT_CA').severity).toBe(
      'critical',
    );
  },
  MTLS_LOST: () => {
    const mutual = tls.listener(tls.file('/certs/api.pem', '/certs/api.key'), {
      trust: tls.trustFile('/certs/ca.pem'),
    });
    const found = only(api({ tls: mutual }), 'MTLS_LOST', { tls: { certificateAuthorityArn: CA } });
    expect(found).toMatchObject({ severity: 'critical', field: 'listeners[0].tls.validation' });
    expect(found.alternative?.service).toBe('VPC Lattice');
  },
  CLIENT_TLS_POLICY_LOST: () => {
    const policy = tls.client({ trust: tls.trustAcm([CA]), subjectAlternativeNames: ['api.shop.local'] });
    const found = only(apiAndClient(policy), 'CLIENT_TLS_POLICY_LOST', {
      tls: { certificateAuthorityArn: CA },
    });
    expect(found.path).toBe('mesh/shop/virtualNode/web');
    expect(found.appMesh).toContain('SANs api.shop.local');
  },
  BACKENDS_ALLOW_LIST_LOST: () => {
    const found = only(apiAndClient(), 'BACKENDS_ALLOW_LIST_LOST');
    expect(found.path).toBe('mesh/shop/virtualNode/web');
    expect(found.serviceConnect).toContain('now also web.shop.local:8080');
    expect(found.serviceConnect).toContain("web's ECS service is created after api's");
  },
  CLOUD_MAP_DISCOVERY_REPLACED: () => {
    expect(only(api(), 'CLOUD_MAP_DISCOVERY_REPLACED').appMesh).toBe(
      'Cloud Map service api in shop.local, found through DNS',
    );
  },
  CLOUD_MAP_ATTRIBUTES_LOST: () => {
    const definition = shop()
      .node('api', (n) =>
        n
          .listener(listener.http(8080))
          .cloudMap('api', { attributes: { stage: 'blue' } })
          .task(task()),
      )
      .build();
    expect(only(definition, 'CLOUD_MAP_ATTRIBUTES_LOST').appMesh).toContain('stage=blue');
  },
  DNS_DISCOVERY_REPLACED: () => {
    const definition = shop()
      .node('api', (n) => n.listener(listener.http(8080)).dns('api.shop.local').task(task()))
      .build();
    expect(only(definition, 'DNS_DISCOVERY_REPLACED').appMesh).toContain('api.shop.local');
  },
  ACCESS_LOG_KEPT: () => {
    const definition = shop()
      .node('api', (n) =>
        n.listener(listener.http(8080)).cloudMap('api').logging(logging.file('/dev/stdout')).task(task()),
      )
      .build();
    expect(only(definition, 'ACCESS_LOG_KEPT').serviceConnect).toContain(
      'accessLogConfiguration { format: TEXT }',
    );
  },
  ACCESS_LOG_FORMAT_LOST: () => {
    const definition = shop()
      .node('api', (n) =>
        n
          .listener(listener.http(8080))
          .cloudMap('api')
          .logging(logging.json('/dev/stdout', { code: '%RESPONSE_CODE%' }))
          .task(task()),
      )
      .build();
    const found = only(definition, 'ACCESS_LOG_FORMAT_LOST');
    expect(found.serviceConnect).toContain('format: JSON');
    expect(found.appMesh).toContain('keys code');
  },
  ACCESS_LOG_PATH_CHANGED: () => {
    const definition = shop()
      .node('api', (n) =>
        n.listener(listener.http(8080)).cloudMap('api').logging(logging.file('/tmp/access.log')).task(task()),
      )
      .build();
    expect(only(definition, 'ACCESS_LOG_PATH_CHANGED').appMesh).toBe('access log to /tmp/access.log');
  },
  ENVOY_SIDECAR_REMOVED: () => {
    expect(only(api(), 'ENVOY_SIDECAR_REMOVED').serviceConnect).toContain(
      'task definition api-sc without the Envoy',
    );
  },
  ENVOY_IMAGE_LOST: () => {
    const definition = shop()
      .node('api', (n) =>
        n
          .listener(listener.http(8080))
          .cloudMap('api')
          .task({ ...task(), envoy: { image: 'example/envoy:custom' } }),
      )
      .build();
    expect(only(definition, 'ENVOY_IMAGE_LOST').appMesh).toContain('example/envoy:custom');
    expect(entriesOf(definition, 'ENVOY_SIDECAR_REMOVED')).toEqual([]);
  },
  ENVOY_TRACING_LOST: () => {
    expect(
      only(envoyEnvironment({ ENABLE_ENVOY_XRAY_TRACING: '1' }), 'ENVOY_TRACING_LOST').appMesh,
    ).toContain('ENABLE_ENVOY_XRAY_TRACING=1');
  },
  ENVOY_STATS_LOST: () => {
    expect(only(envoyEnvironment({ ENABLE_ENVOY_STATS_TAGS: '1' }), 'ENVOY_STATS_LOST').appMesh).toContain(
      'ENABLE_ENVOY_STATS_TAGS=1',
    );
  },
  ENVOY_SETTING_LOST: () => {
    expect(only(envoyEnvironment({ ENVOY_LOG_LEVEL: 'debug' }), 'ENVOY_SETTING_LOST').appMesh).toContain(
      'ENVOY_LOG_LEVEL=debug',
    );
  },
  VIRTUAL_SERVICE_KEPT: () => {
    expect(only(api(), 'VIRTUAL_SERVICE_KEPT').serviceConnect).toBe(
      "clientAliases [{ dnsName api.shop.local, port 8080 }] on api's http-8080 endpoint",
    );
  },
  VIRTUAL_SERVICE_NO_PROVIDER: () => {
    const definition = shop().service('api.shop.local').build();
    expect(only(definition, 'VIRTUAL_SERVICE_NO_PROVIDER').severity).toBe('info');
  },
  VIRTUAL_SERVICE_NO_ENDPOINT: () => {
    const definition = shop()
      .node('api', (n) => n.listener(listener.http(8080)).cloudMap('api'))
      .service('api.shop.local', { node: 'api' })
      .build();
    expect(only(definition, 'VIRTUAL_SERVICE_NO_ENDPOINT').severity).toBe('critical');
  },
  VIRTUAL_SERVICE_ALIAS_TAKEN: () => {
    const definition = shop()
      .node('api', (n) => n.listener(listener.http(8080)).cloudMap('api').task(task()))
      .service('api.shop.local', { node: 'api' })
      .externalDns('api.example.com')
      .service('api.example.com', { node: 'api' })
      .build();
    const found = only(definition, 'VIRTUAL_SERVICE_ALIAS_TAKEN');
    expect(found.path).toBe('mesh/shop/virtualService/api.shop.local');
    expect(found.serviceConnect).toContain("api's http-8080 endpoint keeps api.example.com");
  },
  VIRTUAL_SERVICE_NAME_INVALID: () => {
    const name = `${'a'.repeat(120)}.shop.local`;
    const definition = shop()
      .externalDns(name)
      .node('api', (n) => n.listener(listener.http(8080)).cloudMap('api').task(task()))
      .service(name, { node: 'api' })
      .build();
    expect(only(definition, 'VIRTUAL_SERVICE_NAME_INVALID').severity).toBe('critical');
  },
  ROUTER_SINGLE_TARGET: () => {
    const found = only(routed({ targets: { api: 1 } }), 'ROUTER_SINGLE_TARGET');
    expect(found.status).toBe('kept');
    expect(found.serviceConnect).toContain("on api's http-8080 endpoint");
  },
  ROUTER_COLLAPSED: () => {
    const found = only(routed({ targets: { api: 4, beta: 1 } }), 'ROUTER_COLLAPSED');
    expect(found.serviceConnect).toContain(
      'every request to api.shop.local goes to api; beta is unreachable by that name',
    );
    expect(found.alternative?.service).toBe('VPC Lattice');
    // Two tags of one image: versions of one workload, shifted by an ECS deployment instead.
    const versions = only(routed({ targets: { api: 4, beta: 1 } }, 'example/api:2'), 'ROUTER_COLLAPSED');
    expect(versions.alternative?.service).toBe('ECS deployment');
    expect(JSON.stringify(versions.alternative?.fields)).toContain('"canaryPercent":20');
  },
  ROUTE_WEIGHTS_LOST: () => {
    const found = only(
      routed({ targets: { api: 4, beta: 1 }, match: { prefix: '/orders' } }),
      'ROUTE_WEIGHTS_LOST',
    );
    expect(found.alternative?.fields).toMatchObject({
      CreateRule: {
        match: { httpMatch: { pathMatch: { match: { prefix: '/orders' } } } },
        action: { forward: { targetGroups: [{ weight: 80 }, { weight: 20 }] } },
      },
    });
  },
  ROUTE_MATCH_LOST: () => {
    const found = only(
      routed({
        targets: { api: 1 },
        match: { prefix: '/', queryParameters: [{ name: 'v', match: { exact: '2' } }] },
      }),
      'ROUTE_MATCH_LOST',
    );
    // VPC Lattice cannot match query parameters: the rule is an ALB one.
    expect(found.alternative?.service).toBe('ALB');
    expect(JSON.stringify(found.alternative?.fields)).toContain(
      '"QueryStringConfig":{"Values":[{"Key":"v","Value":"2"}]}',
    );
  },
  ROUTE_NOT_TAKEN: () => {
    const definition = shop()
      .node('api', (n) => n.listener(listener.http(8080)).cloudMap('api').task(task()))
      .node('beta', (n) => n.listener(listener.http(8080)).cloudMap('beta').task(task('example/beta:1')))
      .router('api-router', (r) =>
        r
          .listener(listener.http(8080))
          .route('main', { targets: { api: 1 } })
          .route('beta', { targets: { beta: 1 }, match: { prefix: '/beta' }, priority: 0 }),
      )
      .service('api.shop.local', { router: 'api-router' })
      .build();
    const found = only(definition, 'ROUTE_NOT_TAKEN');
    expect(found.path).toBe('mesh/shop/virtualRouter/api-router/route/beta');
    expect(found.serviceConnect).toBe('its requests go to api instead; beta gets none of them');
  },
  ROUTE_RETRY_POLICY_LOST: () => {
    const found = only(
      routed({
        targets: { api: 1 },
        retryPolicy: { maxRetries: 0, perRetryTimeout: '1s', httpEvents: ['server-error'] },
      }),
      'ROUTE_RETRY_POLICY_LOST',
    );
    expect(found.severity).toBe('critical');
    expect(found.serviceConnect).toContain('[unverified]');
  },
  ROUTE_TIMEOUT_LOST: () => {
    expect(
      only(routed({ targets: { api: 1 }, timeout: { perRequest: '5s' } }), 'ROUTE_TIMEOUT_LOST').appMesh,
    ).toBe('route timeout perRequest 5 s');
  },
  GATEWAY_LOST: () => {
    const found = only(gatewayed(), 'GATEWAY_LOST');
    expect(found.alternative?.fields).toMatchObject({
      CreateService: [
        { serviceName: 'api-sc', loadBalancers: [{ containerName: 'api-app', containerPort: 8080 }] },
      ],
    });
  },
  GATEWAY_ROUTE_LOST: () => {
    expect(only(gatewayed(), 'GATEWAY_ROUTE_LOST').alternative?.fields).toMatchObject({
      CreateRule: { Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api*'] } }] },
    });
  },
  GATEWAY_REWRITE_LOST: () => {
    const found = only(gatewayed(), 'GATEWAY_REWRITE_LOST');
    expect(found.appMesh).toBe(
      "rewrites prefix /api to / (App Mesh's default) and Host header to api.shop.local (App Mesh's default)",
    );
  },
  GATEWAY_HOSTNAME_MATCH_LOST: () => {
    expect(entriesOf(gatewayed(), 'GATEWAY_HOSTNAME_MATCH_LOST')).toEqual([]);
    const found = only(
      gatewayed({ prefix: '/', hostname: hostnameMatch.suffix('.example.com') }),
      'GATEWAY_HOSTNAME_MATCH_LOST',
    );
    expect(JSON.stringify(found.alternative?.fields)).toContain('"Values":["*.example.com"]');
  },
  ...LATTICE_CASES,
};

function envoyEnvironment(environment: Record<string, string>): MeshDefinition {
  return shop()
    .node('api', (n) =>
      n
        .listener(listener.http(8080))
        .cloudMap('api')
        .task({ ...task(), envoy: { environment } }),
    )
    .build();
}

function gatewayed(match: Record<string, unknown> = { prefix: '/api' }): MeshDefinition {
  return shop()
    .node('api', (n) => n.listener(listener.http(8080)).cloudMap('api').task(task()))
    .service('api.shop.local', { node: 'api' })
    .gateway('edge', (g) =>
      g.listener(gatewayListener.http(80)).route('to-api', { match, target: 'api.shop.local' }),
    )
    .build();
}

describe('migrationReport to Service Connect: one entry per feature used', () => {
  it('has a case for every code, and the codes are frozen and unique', () => {
    expect(Object.keys(CASES).sort()).toEqual([...MIGRATION_CODES].sort());
    expect(new Set(MIGRATION_CODES).size).toBe(MIGRATION_CODES.length);
    expect(Object.isFrozen(MIGRATION_CODES)).toBe(true);
  });

  for (const code of MIGRATION_CODES) it(code, () => CASES[code]());

  it('reports no feature the definition does not use', () => {
    const codes = new Set(report(api()).entries.map((entry) => entry.code));
    expect([...codes].sort()).toEqual([
      'CLOUD_MAP_DISCOVERY_REPLACED',
      'CLOUD_MAP_SERVICE_REPLACED',
      'DNS_NAMESPACE_REPLACED',
      'EGRESS_FILTER_LOST',
      'ENVOY_SIDECAR_REMOVED',
      'LISTENER_PORT_KEPT',
      'MESH_BECOMES_NAMESPACE',
      'NODE_BECOMES_ECS_SERVICE',
      'VIRTUAL_SERVICE_KEPT',
    ]);
  });

  it('refuses an invalid definition with the plan issues, before any entry', () => {
    const broken = {
      ...api(),
      nodes: api().nodes.map((node) => ({ ...node, backends: [{ ref: 'nowhere' }] })),
    };
    expect(() => report(broken)).toThrow(/Invalid mesh definition/);
  });

  it("refuses the Service Connect options plan() refuses, with the same issues (the report names the plan's resources)", () => {
    const refused = (serviceConnect: unknown) => {
      try {
        migrationReport(api(), {
          to: 'service-connect',
          serviceConnect: serviceConnect as ServiceConnectOptions,
        });
      } catch (error) {
        return (error as { issues?: { code: string; field?: string }[] }).issues?.map(
          (i) => `${i.code} ${i.field}`,
        );
      }
      return [];
    };
    expect(refused({ nameSuffix: '$(touch x)' })).toEqual(['INVALID_OPTION serviceConnect.nameSuffix']);
    expect(refused({ namespace: 'a', existingNamespace: 'b' })).toEqual([
      'INVALID_OPTION serviceConnect.existingNamespace',
    ]);
    expect(refused(null)).toEqual(['INVALID_OPTION serviceConnect']);
    expect(refused({ tls: null })).toEqual(['INVALID_OPTION serviceConnect.tls']);
    expect(refused({ nameSuffix: '-green' })).toEqual([]);
    // api() runs in Cloud Map namespace shop.local: a Service Connect namespace cannot take its name.
    expect(refused({ namespace: 'shop.local' })).toEqual(['INVALID_OPTION serviceConnect.namespace']);
  });
});

describe('the color mesh report', () => {
  const definition = colorMesh.build();
  const colorReport = report(definition);
  const markdown = formatMigrationReport(colorReport);
  const json = migrationReportJson(colorReport);

  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(join(GOLDEN, 'migration-report.md'), markdown);
    writeFileSync(join(GOLDEN, 'migration-report.json'), json);
  }

  it('matches the golden Markdown and JSON', () => {
    const hint = 'run UPDATE_GOLDEN=1 npx vitest run test/targets if the change is intended';
    expect(markdown, hint).toBe(readFileSync(join(GOLDEN, 'migration-report.md'), 'utf8'));
    expect(json, hint).toBe(readFileSync(join(GOLDEN, 'migration-report.json'), 'utf8'));
  });

  it('says what the tutorial loses: the 4:1 split, yellow behind the router, the gateway', () => {
    const router = colorReport.entries.find((entry) => entry.code === 'ROUTER_COLLAPSED');
    expect(router?.serviceConnect).toContain('yellow is unreachable by that name');
    const weights = colorReport.entries.find((entry) => entry.code === 'ROUTE_WEIGHTS_LOST');
    expect(weights?.alternative?.fields).toMatchObject({
      CreateRule: {
        match: { httpMatch: { pathMatch: { match: { prefix: '/' } }, method: 'GET' } },
        action: { forward: { targetGroups: [{ weight: 80 }, { weight: 20 }] } },
      },
    });
    expect(colorReport.entries.filter((entry) => entry.code === 'GATEWAY_ROUTE_LOST')).toHaveLength(2);
  });

  it('orders the procedure: servers before clients, then App Mesh deleted gateway routes first', () => {
    const steps = new Map(colorReport.procedure.map((step) => [step.title, step.resources]));
    // yellow before green: the router's name (green's) can move to yellow when the weights change.
    expect(steps.get('Create the ECS services, servers before clients')).toEqual([
      'yellow-sc',
      'green-sc',
      'red-sc',
      'blue-sc',
    ]);
    expect(steps.get('Register the new task definitions')).toEqual([
      'blue-sc',
      'green-sc',
      'red-sc',
      'yellow-sc',
    ]);
    expect(steps.get('Shift traffic at the edge')).toEqual(['color-gateway', 'color-gateway-nlb']);
    const appMesh = steps.get('Delete the App Mesh resources') ?? [];
    expect(appMesh[0]).toBe('gateway route color-gateway/color-gateway-route-1');
    expect(appMesh.at(-1)).toBe('mesh color-mesh');
    expect(appMesh.indexOf('virtual service router.colors.local')).toBeLessThan(
      appMesh.indexOf('virtual router color-router'),
    );
    expect(colorReport.procedure.some((step) => step.title === 'Prepare Service Connect TLS')).toBe(false);
  });

  it("with nameSuffix '', does not promise that destroying the App Mesh plan leaves the Service Connect resources alone", () => {
    const steps = (nameSuffix?: string) =>
      new Map(
        migrationReport(definition, { to: 'service-connect', serviceConnect: { nameSuffix } }).procedure.map(
          (step) => [step.title, step.detail],
        ),
      );
    expect(steps().get('Delete the App Mesh ECS services')).toContain('are left alone');
    // Same names: the App Mesh plan's destroy deletes the roles, group, log group and cluster both use.
    expect(steps('').get('Delete the App Mesh ECS services')).not.toContain('are left alone');
  });

  it('names what the Service Connect plan creates, in the order it creates the services', () => {
    const compiled = plan(definition, { target: 'service-connect' });
    const services = compiled.resources
      .filter((resource) => resource.kind === 'ecsService')
      .map((resource) => resource.name);
    const families = compiled.resources
      .filter((resource) => resource.kind === 'taskDefinition')
      .map((resource) => resource.name)
      .sort();
    const steps = new Map(colorReport.procedure.map((step) => [step.title, step.resources]));
    expect(steps.get('Create the ECS services, servers before clients')).toEqual(services);
    expect(steps.get('Register the new task definitions')).toEqual(families);
    const namespace = compiled.resources.find((resource) => resource.kind === 'cloudMapHttpNamespace');
    expect(steps.get('Create the Service Connect namespace')).toEqual([namespace?.name]);
  });

  it('is the same whatever the declaration order', () => {
    const reversed: MeshDefinition = {
      ...definition,
      nodes: [...definition.nodes].reverse(),
      services: [...definition.services].reverse(),
      cloudMapServices: [...definition.cloudMapServices].reverse(),
      gateways: definition.gateways.map((gateway) => ({ ...gateway, routes: [...gateway.routes].reverse() })),
    };
    expect(migrationReportJson(report(reversed))).toBe(json);
    expect(formatMigrationReport(report(reversed))).toBe(markdown);
  });

  it('adds the sections it is given before the procedure', () => {
    const withDiff = formatMigrationReport(colorReport, {
      sections: [{ title: 'Behaviour diff', markdown: '| caller | url |' }],
    });
    expect(withDiff.indexOf('## Behaviour diff')).toBeGreaterThan(withDiff.indexOf('## Alternatives'));
    expect(withDiff.indexOf('## Behaviour diff')).toBeLessThan(withDiff.indexOf('## Procedure'));
  });
});

describe('the Markdown with names that Markdown reads as syntax', () => {
  it('keeps every row, list item and heading whole: |, backticks and line breaks of any kind in a name', () => {
    // An external name App Mesh accepts (any text) that no Service Connect endpoint keeps.
    const name = 'ext|a`b\r# injected\n```\n# injected\r\n- x.example.com';
    const definition = structuredClone(colorMeshDefinition) as Loose;
    const client = { ...structuredClone(definition.nodes[0]), name: 'client', listeners: [], backends: [] };
    delete client.task;
    delete client.logging;
    definition.nodes.push(client);
    definition.externalDns = [name];
    definition.services.push({
      kind: 'virtualService',
      name,
      provider: { kind: 'virtualNode', name: 'client' },
      tags: {},
    });
    definition.nodes[0].backends.push({ ref: name });
    const markdown = formatMigrationReport(migrationReport(definition, { to: 'service-connect' }), {
      sections: [behaviourDiffSection(definition, 'service-connect').section],
    });
    const lines = markdown.split(/\r\n|\r|\n/);
    expect(lines.filter((line) => /^(#|- |```\s*$)/.test(line) && line.includes('injected'))).toEqual([]);
    const rows = lines.filter((line) => line.startsWith('| '));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.replaceAll('\\|', '').split('|').length - 2, row).toBe(7);
    // The name's text is all there, in a code span that its backticks do not end.
    expect(markdown).toContain(
      '````mesh/color-mesh/virtualService/ext\\|a`b # injected ``` # injected - x.example.com````',
    );
  });
});

describe('the procedure calls out backend cycles', () => {
  it('breaks a cycle and says so', () => {
    const definition = shop()
      .node('api', (n) =>
        n.listener(listener.http(8080)).cloudMap('api').backend('web.shop.local').task(task()),
      )
      .service('api.shop.local', { node: 'api' })
      .node('web', (n) =>
        n.listener(listener.http(8080)).cloudMap('web').backend('api.shop.local').task(task()),
      )
      .service('web.shop.local', { node: 'web' })
      .build();
    const step = report(definition).procedure.find((candidate) =>
      candidate.title.startsWith('Create the ECS'),
    );
    expect(step?.resources).toEqual(['web-sc', 'api-sc']);
    expect(step?.detail).toContain('web-sc calls api-sc but cannot wait for it (a loop of backends)');
  });
});

describe('appmesh-builder migrate', () => {
  const definition = colorMesh.build();

  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  it('prints the Markdown, or the JSON with --json', async () => {
    let out = '';
    const io = { out: (text: string) => (out += text), err: () => {} };
    expect(await migrateCommand(definition, { to: 'service-connect', json: false }, io)).toBe(0);
    expect(out).toBe(
      formatMigrationReport(report(definition), {
        sections: [behaviourDiffSection(definition, 'service-connect').section],
      }),
    );
    // The behaviour diff is in it: the router's 4:1 split becomes green only.
    expect(out).toMatch(
      /^red +http:\/\/router\.colors\.local\/ +different-distribution +green \d+ yellow \d+ +green 1000/m,
    );
    out = '';
    expect(await migrateCommand(definition, { to: 'service-connect', json: true }, io)).toBe(0);
    expect(JSON.parse(out).kind).toBe('migrationReport');
  });

  it('writes both files, readable by their owner only, with --out', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'appmesh-migrate-')), 'out');
    const io = { out: () => {}, err: () => {} };
    expect(await migrateCommand(definition, { to: 'service-connect', out: dir, json: false }, io)).toBe(0);
    for (const name of ['migration-report.md', 'migration-report.json']) {
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    }
    expect(JSON.parse(readFileSync(join(dir, 'migration-report.json'), 'utf8')).mesh).toBe('color-mesh');
  });

  it('loads the mesh of a module and reports on it', async () => {
    const result = await cli('migrate', FIXTURE, '--to', 'service-connect', '--json');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      migrationReportJson(
        report(colorMeshDefinition),
        behaviourDiffSection(colorMeshDefinition, 'service-connect').json,
      ),
    );
    const changes = JSON.parse(result.out).behaviourDiff.changes as {
      caller: string;
      url: string;
      change: string;
    }[];
    expect(
      changes.filter((c) => c.change !== 'newly-reachable').map((c) => [c.caller, c.url, c.change]),
    ).toEqual([['red', 'http://router.colors.local/', 'different-distribution']]);
  });

  it('refuses a module that exports a plan: the report needs the definition', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appmesh-migrate-plan-'));
    const module = join(dir, 'plan.mjs');
    writeFileSync(module, "export default { kind: 'plan', meshName: 'm', resources: [] };\n");
    const result = await cli('migrate', module, '--to', 'service-connect');
    expect(result.code).toBe(2);
    expect(result.err).toContain('is a plan, not a mesh');
  });

  it('rejects an unknown --to in one sentence with exit code 2, before loading the module', async () => {
    const result = await cli('migrate', '/nonexistent/mesh.ts', '--to', 'istio');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'appmesh-builder: --to: unknown target "istio", expected one of service-connect, service-connect+vpc-lattice, vpc-lattice. Run appmesh-builder --help for usage.\n',
    );
    expect((await cli('migrate', '/nonexistent/mesh.ts')).code).toBe(2);
  });
});
