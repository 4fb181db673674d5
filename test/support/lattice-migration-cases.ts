/**
 * The migration report's codes for the VPC Lattice targets, one case each: the smallest mesh that
 * uses the feature, the report for the target that keeps it, and what the entry must say. Spread
 * into the per-code cases of test/targets/migration-report.test.ts.
 */
import { expect } from 'vitest';
import colorMesh from '../../examples/color-mesh.js';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import {
  healthCheck,
  listener,
  logging,
  type MigrationCode,
  type MigrationEntry,
  type MigrationReportOptions,
  mesh,
  migrationReport,
  type RouteOptions,
} from '../../src/index.js';
import { plan } from '../../src/plan/build-plan.js';
import { ENV, task } from '../fixtures/lattice-routing-mesh.js';

// biome-ignore lint/suspicious/noExplicitAny: a case edits a definition as plain data
type Loose = any;

type LatticeCode =
  | 'MESH_BECOMES_SERVICE_NETWORK'
  | 'VIRTUAL_SERVICE_ON_LATTICE'
  | 'ROUTER_ON_LATTICE'
  | 'ROUTE_WEIGHTS_KEPT'
  | 'ROUTE_MATCH_KEPT'
  | 'ROUTE_MATCH_APPROXIMATED'
  | 'BACKENDS_ALLOW_LIST_KEPT'
  | 'HEALTH_CHECK_ON_TARGET_GROUP'
  | 'LISTENER_TIMEOUT_LOST'
  | 'ACCESS_LOG_LOST'
  | 'TLS_LOST'
  | 'GATEWAY_ON_ALB'
  | 'GATEWAY_ROUTE_ON_ALB'
  | 'GATEWAY_REWRITE_KEPT';

type Options = Omit<MigrationReportOptions, 'to'>;

function entries(
  definition: MeshDefinition,
  to: MigrationReportOptions['to'],
  code: MigrationCode,
  options: Options = {},
): MigrationEntry[] {
  return migrationReport(definition, { to, ...options }).entries.filter((entry) => entry.code === code);
}

function only(
  definition: MeshDefinition,
  to: MigrationReportOptions['to'],
  code: MigrationCode,
  options: Options = {},
): MigrationEntry {
  const found = entries(definition, to, code, options);
  expect(found, code).toHaveLength(1);
  return found[0] as MigrationEntry;
}

const color = () => colorMesh.build();
/** The color mesh with one edit, made on a copy. */
function colorEdited(edit: (definition: Loose) => void): MeshDefinition {
  const definition = structuredClone(color()) as Loose;
  edit(definition);
  return definition;
}
const GATEWAY_ROUTES = 'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute';
/** A valid App Mesh definition (the report's input) with routes Lattice can and cannot express. */
function routing(): MeshDefinition {
  const routes: Record<string, RouteOptions> = {
    beta: {
      priority: 1,
      targets: { beta: 1 },
      match: { prefix: '/api', method: 'POST', headers: [{ name: 'x-tenant', match: { exact: 'beta' } }] },
    },
    lossy: {
      priority: 5,
      targets: { api: 1 },
      match: {
        path: { regex: '^/r.*' },
        headers: [
          { name: 'x-a', match: { suffix: 'z' } },
          { name: 'x-b', match: { regex: 'b+' } },
          { name: 'x-c', match: { range: { start: 1, end: 5 } } },
          { name: 'x-d', invert: true, match: { exact: 'no' } },
        ],
        queryParameters: [{ name: 'q', match: { exact: '1' } }],
        scheme: 'https',
        port: 8080,
      },
      retryPolicy: { maxRetries: 2, perRetryTimeout: '1s', httpEvents: ['server-error'] },
      timeout: { perRequest: '3s' },
    },
  };
  return mesh('shop')
    .namespace('shop.local')
    .cloudMapService('api')
    .cloudMapService('beta')
    .cloudMapService('web')
    .ecs(ENV)
    .node('api', (n) =>
      n
        .cloudMap('api')
        .listener(
          listener.http(8080, {
            healthCheck: healthCheck.http('/ping', { interval: 10_000, timeout: 2500 }),
          }),
        )
        .task(task('api')),
    )
    .node('beta', (n) => n.cloudMap('beta').listener(listener.http(8080)).task(task('beta')))
    .router('api-router', (r) => {
      let router = r.listener(listener.http(8080));
      for (const [name, options] of Object.entries(routes)) router = router.route(name, options as never);
      return router;
    })
    .service('api.shop.local', { router: 'api-router' })
    .node('web', (n) =>
      n.cloudMap('web').listener(listener.http(80)).backend('api.shop.local').task(task('web', 80)),
    )
    .build();
}

/** One node behind web.shop.local; `configure` sets its listener. */
function web(listenerOptions: Parameters<typeof listener.http>[1] = {}, withLog = false): MeshDefinition {
  return mesh('shop')
    .namespace('shop.local')
    .cloudMapService('web')
    .ecs(ENV)
    .node('web', (n) => {
      const node = n.cloudMap('web').listener(listener.http(80, listenerOptions)).task(task('web', 80));
      return withLog ? node.logging(logging.file('/dev/stdout')) : node;
    })
    .service('web.shop.local', { node: 'web' })
    .build();
}

export const LATTICE_CASES: Record<LatticeCode, () => void> = {
  MESH_BECOMES_SERVICE_NETWORK: () => {
    expect(entries(color(), 'service-connect', 'MESH_BECOMES_SERVICE_NETWORK')).toEqual([]);
    expect(
      only(color(), 'service-connect+vpc-lattice', 'MESH_BECOMES_SERVICE_NETWORK').serviceConnect,
    ).toContain('service network color-mesh-sc (authType NONE)');
    const plain = only(color(), 'vpc-lattice', 'MESH_BECOMES_SERVICE_NETWORK', {
      vpcLattice: { nameSuffix: '-vl', auth: 'AWS_IAM' },
    });
    expect(plain.serviceConnect).toContain('service network color-mesh-vl (authType AWS_IAM)');
    // Without Service Connect, no namespace.
    expect(entries(color(), 'vpc-lattice', 'MESH_BECOMES_NAMESPACE')).toEqual([]);
  },
  VIRTUAL_SERVICE_ON_LATTICE: () => {
    const router = only(color(), 'service-connect+vpc-lattice', 'VIRTUAL_SERVICE_ON_LATTICE');
    expect(router.path).toBe('mesh/color-mesh/virtualService/router.colors.local');
    expect(router.serviceConnect).toContain(
      'Needs a DNS record: router.colors.local CNAME <dnsEntry.domainName of router-colors-local-sc>',
    );
    // On vpc-lattice the nodes' names too, each forwarding to its node's target group.
    const plain = entries(color(), 'vpc-lattice', 'VIRTUAL_SERVICE_ON_LATTICE');
    expect(plain.map((entry) => entry.path.split('/').pop())).toEqual([
      'blue.colors.local',
      'red.colors.local',
      'router.colors.local',
    ]);
    expect(plain[1]?.serviceConnect).toContain(
      'listener HTTP 80 forwarding to target group color-mesh-lattice-red',
    );
  },
  ROUTER_ON_LATTICE: () => {
    const found = only(color(), 'service-connect+vpc-lattice', 'ROUTER_ON_LATTICE');
    expect(found.status).toBe('kept');
    expect(found.serviceConnect).toContain('listener http-80 (HTTP, port 80) on router-colors-local-sc');
    expect(entries(color(), 'service-connect', 'ROUTER_COLLAPSED')).toHaveLength(1);
    expect(entries(color(), 'service-connect+vpc-lattice', 'ROUTER_COLLAPSED')).toEqual([]);
  },
  ROUTE_WEIGHTS_KEPT: () => {
    const found = only(color(), 'service-connect+vpc-lattice', 'ROUTE_WEIGHTS_KEPT');
    expect(found.appMesh).toBe('weighted targets green 4 : yellow 1');
    expect(found.serviceConnect).toBe(
      'rule color-route forwards to color-mesh-sc-green 36 : color-mesh-sc-yellow 9',
    );
    expect(entries(color(), 'service-connect+vpc-lattice', 'ROUTE_WEIGHTS_LOST')).toEqual([]);
  },
  ROUTE_MATCH_KEPT: () => {
    const beta = entries(routing(), 'service-connect+vpc-lattice', 'ROUTE_MATCH_KEPT').find((entry) =>
      entry.path.endsWith('/route/beta'),
    );
    expect(beta?.serviceConnect).toContain(
      'rule beta, priority 2, match {"httpMatch":{"pathMatch":{"match":{"prefix":"/api"}',
    );
    expect(beta?.serviceConnect).toContain(
      '{"name":"x-tenant","match":{"exact":"beta"},"caseSensitive":true}',
    );
    expect(beta?.status).toBe('kept');
  },
  ROUTE_MATCH_APPROXIMATED: () => {
    const found = only(routing(), 'service-connect+vpc-lattice', 'ROUTE_MATCH_APPROXIMATED');
    expect(found.path).toBe('mesh/shop/virtualRouter/api-router/route/lossy');
    expect([found.status, found.severity]).toEqual(['approximated', 'critical']);
    for (const gap of [
      'match.path.regex',
      'match.headers[0].match.suffix',
      'match.headers[1].match.regex',
      'match.headers[2].match.range',
      'match.headers[3].invert',
      'match.queryParameters',
      'match.scheme',
      'match.port',
    ])
      expect(found.serviceConnect).toContain(gap);
    // Its retry policy and timeout are entries of their own, in Lattice's terms.
    const retry = only(routing(), 'service-connect+vpc-lattice', 'ROUTE_RETRY_POLICY_LOST');
    expect(retry.serviceConnect).toContain('VPC Lattice has no retry settings');
    expect(only(routing(), 'vpc-lattice', 'ROUTE_TIMEOUT_LOST').serviceConnect).toContain(
      'idleTimeoutSeconds',
    );
  },
  BACKENDS_ALLOW_LIST_KEPT: () => {
    const iam = { vpcLattice: { auth: 'AWS_IAM' as const } };
    expect(entries(routing(), 'service-connect+vpc-lattice', 'BACKENDS_ALLOW_LIST_KEPT')).toEqual([]);
    const found = only(routing(), 'service-connect+vpc-lattice', 'BACKENDS_ALLOW_LIST_KEPT', iam);
    expect(found.path).toBe('mesh/shop/virtualNode/web');
    expect(found.serviceConnect).toContain('allow task role shop-web-task-role-sc');
    expect(found.serviceConnect).toContain('api-shop-local');
    expect(found.reason).toContain('SigV4');
    // On vpc-lattice with AWS_IAM nothing of the allow-list is lost; with NONE all of it is.
    expect(entries(color(), 'vpc-lattice', 'BACKENDS_ALLOW_LIST_LOST', iam)).toEqual([]);
    expect(entries(color(), 'vpc-lattice', 'BACKENDS_ALLOW_LIST_LOST').length).toBeGreaterThan(0);
  },
  HEALTH_CHECK_ON_TARGET_GROUP: () => {
    const found = entries(routing(), 'vpc-lattice', 'HEALTH_CHECK_ON_TARGET_GROUP');
    expect(found.map((entry) => [entry.path, entry.status])).toEqual([
      ['mesh/shop/virtualNode/api', 'approximated'],
    ]);
    expect(found[0]?.serviceConnect).toContain('timeoutMillis 2500 ms becomes 3 s');
  },
  LISTENER_TIMEOUT_LOST: () => {
    expect(entries(web(), 'vpc-lattice', 'LISTENER_TIMEOUT_LOST')).toEqual([]);
    const found = only(web({ timeout: { perRequest: '2s' } }), 'vpc-lattice', 'LISTENER_TIMEOUT_LOST');
    expect(found.field).toBe('listeners[0].timeout');
    // Service Connect keeps it.
    expect(entries(web({ timeout: { perRequest: '2s' } }), 'service-connect', 'TIMEOUT_KEPT')).toHaveLength(
      1,
    );
  },
  ACCESS_LOG_LOST: () => {
    const found = only(web({}, true), 'vpc-lattice', 'ACCESS_LOG_LOST');
    expect(found.alternative?.fields).toHaveProperty('CreateAccessLogSubscription');
    expect(entries(web({}, true), 'service-connect', 'ACCESS_LOG_KEPT')).toHaveLength(1);
  },
  TLS_LOST: () => {
    const permissive = web({
      tls: {
        mode: 'PERMISSIVE',
        certificate: { file: { certificateChain: '/c.pem', privateKey: '/k.pem' } },
      },
    } as never);
    const found = only(permissive, 'vpc-lattice', 'TLS_LOST');
    expect([found.status, found.severity]).toEqual(['lost', 'warning']);
    expect(found.serviceConnect).toContain('plain HTTP');
  },
  GATEWAY_ON_ALB: () => {
    // The ALB's name is the one the plan gives it, on both Lattice targets.
    for (const [to, options] of [
      ['service-connect+vpc-lattice', {}],
      ['vpc-lattice', { vpcLattice: { nameSuffix: '-vl' } }],
    ] as const) {
      const [balancer] = plan(color(), { target: to, ...options }).resources.filter(
        (resource) => resource.kind === 'loadBalancer',
      );
      const found = only(color(), to, 'GATEWAY_ON_ALB', options);
      expect([found.status, found.path]).toEqual([
        'approximated',
        'mesh/color-mesh/virtualGateway/color-gateway',
      ]);
      expect(found.serviceConnect).toContain(
        `application load balancer ${balancer?.name}, HTTP listener on port 80`,
      );
      expect(found.reason).toContain('static IP addresses are gone');
      expect(entries(color(), to, 'GATEWAY_LOST', options)).toEqual([]);
    }
    // Service Connect compiles no gateway; nor do the Lattice targets without a load balancer.
    expect(entries(color(), 'service-connect', 'GATEWAY_ON_ALB')).toEqual([]);
    const bare = colorEdited((definition) => {
      delete definition.gateways[0].task.loadBalancer;
    });
    expect(entries(bare, 'vpc-lattice', 'GATEWAY_ON_ALB')).toEqual([]);
    expect(only(bare, 'vpc-lattice', 'GATEWAY_LOST').reason).toContain(
      'Not compiled: a VPC Lattice service can play its role for callers inside the VPC',
    );
    const steps = migrationReport(color(), { to: 'vpc-lattice' }).procedure;
    expect(steps.find((step) => step.title === 'Shift traffic at the edge')?.detail).toContain(
      'The plan replaces color-gateway and color-gateway-nlb by ALB color-gateway-nlb-lattice',
    );
  },
  GATEWAY_ROUTE_ON_ALB: () => {
    const routed = entries(color(), 'service-connect+vpc-lattice', 'GATEWAY_ROUTE_ON_ALB');
    expect(routed.map((entry) => [entry.path, entry.status])).toEqual([
      [`${GATEWAY_ROUTES}/color-gateway-route-1`, 'kept'],
      [`${GATEWAY_ROUTES}/color-gateway-route-2`, 'kept'],
    ]);
    // The router's route folded in with its 4:1 split times 9, then the 404 for what it does not route.
    expect(routed[0]?.serviceConnect).toContain(
      'forwards to color-gateway-nlb-sc-green 36 : color-gateway-nlb-sc-yellow 9; rule color-gateway-route-1, priority 2',
    );
    expect(routed[0]?.serviceConnect).toContain('answers 404');
    expect(entries(color(), 'service-connect+vpc-lattice', 'GATEWAY_ROUTE_LOST')).toEqual([]);
    // ALB compares header values without case: an exact header match is approximated.
    const cased = colorEdited((definition) => {
      definition.gateways[0].routes[1].spec.httpRoute.match.headers = [
        { name: 'x-tenant', match: { exact: 'Beta' } },
      ];
    });
    const found = entries(cased, 'vpc-lattice', 'GATEWAY_ROUTE_ON_ALB').find((entry) =>
      entry.path.endsWith('/color-gateway-route-2'),
    );
    expect([found?.status, found?.severity]).toEqual(['approximated', 'warning']);
    expect(found?.serviceConnect).toContain(
      'rule color-gateway-route-2, priority 3, conditions [{"Field":"http-header","HttpHeaderConfig":{"HttpHeaderName":"x-tenant","Values":["Beta"]}}], forwards to color-gateway-nlb-lattice-blue 1',
    );
    expect(found?.serviceConnect).toContain(
      'Not exact: match.headers[0] (ALB compares header values without case)',
    );
  },
  GATEWAY_REWRITE_KEPT: () => {
    const found = entries(color(), 'service-connect+vpc-lattice', 'GATEWAY_REWRITE_KEPT');
    expect(found.map((entry) => entry.status)).toEqual(['kept', 'kept']);
    expect(found[0]?.appMesh).toBe(
      "rewrites prefix /router to / (App Mesh's default) and Host header to router.colors.local (App Mesh's default)",
    );
    expect(found[0]?.serviceConnect).toContain('"Type":"url-rewrite"');
    expect(found[0]?.serviceConnect).toContain('"Replace":"router.colors.local"');
    expect(entries(color(), 'service-connect+vpc-lattice', 'GATEWAY_REWRITE_LOST')).toEqual([]);
    // Service Connect still loses them.
    expect(entries(color(), 'service-connect', 'GATEWAY_REWRITE_LOST')).toHaveLength(2);
  },
};
