/**
 * The Service Connect target, row by row of the App Mesh -> Service Connect mapping
 * (service-connect.md section 1): what each App Mesh concept becomes in the plan, and each
 * validation rule with a failing and a passing case.
 */
import type { ServiceConnectConfiguration } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { colorMesh, exampleParams } from '../../examples/color-mesh.js';
import { isMeshError } from '../../src/errors/mesh-error.js';
import { listener, mesh, tls } from '../../src/index.js';
import type { Plan } from '../../src/plan/plan.js';
import type { PlanOptions } from '../../src/plan/plan-options.js';
import type { PlannedResource } from '../../src/plan/resource.js';
import type { PlanIssue } from '../../src/validate/issue.js';

const SC: PlanOptions = { target: 'service-connect' };
const CA =
  'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0f0e0d0c-1234-4321-aaaa-0123456789ab';
const ENV = {
  region: 'us-east-1',
  accountId: '123456789012',
  vpcId: 'vpc-0123456789abcdef0',
  subnets: ['subnet-0aaaaaaaaaaaaaaa1'],
  cluster: 'shop',
};
const task = (name: string, port = 8080) => ({
  cpu: 256,
  memory: 512,
  app: { image: `example/${name}`, port, environment: { NAME: name } },
});

/** cart (http 8080) serves cart.shop.local; web calls it. */
function shop() {
  return mesh('shop')
    .ecs(ENV)
    .node('cart', (n) => n.listener(listener.http(8080)).task(task('cart')))
    .service('cart.shop.local', { node: 'cart' })
    .node('web', (n) => n.listener(listener.http(80)).backend('cart.shop.local').task(task('web', 80)));
}

const color = () => colorMesh(exampleParams);

function issuesOf(run: () => unknown): PlanIssue[] {
  try {
    run();
  } catch (error) {
    if (isMeshError(error) && 'issues' in error) return [...(error as { issues: PlanIssue[] }).issues];
    throw error;
  }
  return [];
}

const byKind = (p: Plan, kind: string) => p.resources.filter((r) => r.kind === kind);
const serviceConnect = (p: Plan, service: string): ServiceConnectConfiguration => {
  const found = p.resources.find((r) => r.kind === 'ecsService' && r.name === service);
  if (found === undefined) throw new Error(`no ECS service ${service}`);
  return (found.input as { serviceConnectConfiguration: ServiceConnectConfiguration })
    .serviceConnectConfiguration;
};
const containers = (p: Plan, family: string) => {
  const found = p.resources.find((r) => r.kind === 'taskDefinition' && r.name === family);
  if (found === undefined) throw new Error(`no task definition ${family}`);
  return found.input as {
    cpu: string;
    memory: string;
    proxyConfiguration?: unknown;
    containerDefinitions: {
      name: string;
      portMappings?: unknown[];
      environment?: { name: string }[];
      dependsOn?: unknown;
    }[];
  };
};

describe('the plan of a Service Connect target', () => {
  it('is an ordinary plan that says its target; App Mesh stays the default and unchanged', () => {
    const def = color().build();
    const appMesh = color().plan();
    expect(appMesh.target).toBe('app-mesh');
    expect(JSON.stringify(color().plan({ target: 'app-mesh' }))).toBe(JSON.stringify(appMesh));
    const before = JSON.stringify(def);
    const sc = color().plan(SC);
    expect(sc.target).toBe('service-connect');
    expect(sc.kind).toBe('plan');
    expect(JSON.stringify(def)).toBe(before); // the definition is untouched
    expect(sc.resources.map((r) => r.kind)).not.toContain('virtualNode');
  });

  it('mesh -> a new Cloud Map HTTP namespace named after the mesh, the cluster default and every service', () => {
    const p = shop().plan(SC);
    const [namespace] = byKind(p, 'cloudMapHttpNamespace');
    expect(namespace?.name).toBe('shop');
    const token = `{{ref:${namespace?.id}#arn}}`;
    expect(serviceConnect(p, 'cart-sc').namespace).toBe(token);
    expect(serviceConnect(p, 'web-sc').namespace).toBe(token);
    const [cluster] = byKind(p, 'ecsCluster');
    expect((cluster as { input: { serviceConnectDefaults?: unknown } }).input.serviceConnectDefaults).toEqual(
      {
        namespace: token,
      },
    );
    expect(cluster?.dependsOn).toContain(namespace?.id);
    expect(
      byKind(shop().plan({ ...SC, serviceConnect: { namespace: 'shop-green' } }), 'cloudMapHttpNamespace')[0]
        ?.name,
    ).toBe('shop-green');
  });

  it('an existing namespace is used by name or ARN and never planned', () => {
    const arn = 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcdef0123456789';
    for (const existing of ['shop.local', arn]) {
      const p = shop().plan({ ...SC, serviceConnect: { existingNamespace: existing } });
      expect(byKind(p, 'cloudMapHttpNamespace')).toEqual([]);
      expect(serviceConnect(p, 'cart-sc').namespace).toBe(existing);
      // A cluster default named after a namespace ECS does not find makes ECS create it: by ARN only.
      const cluster = byKind(p, 'ecsCluster')[0] as PlannedResource<'ecsCluster'>;
      expect(cluster.input.serviceConnectDefaults).toEqual(existing === arn ? { namespace: arn } : undefined);
    }
  });

  it('virtual node -> an ECS service with one services[] entry per listener, named ports and appProtocol', () => {
    const p = mesh('multi')
      .ecs(ENV)
      .node('Api_V1', (n) =>
        n
          .listener(listener.http(8080))
          .listener(listener.grpc(9090))
          .listener(listener.tcp(5432))
          .task(task('api')),
      )
      .plan(SC);
    const { services } = serviceConnect(p, 'Api_V1-sc');
    expect(services?.map((s) => [s.portName, s.discoveryName])).toEqual([
      ['http-8080', 'api_v1-8080'],
      ['grpc-9090', 'api_v1-9090'],
      ['tcp-5432', 'api_v1-5432'],
    ]);
    const [app] = containers(p, 'Api_V1-sc').containerDefinitions;
    expect(app?.portMappings).toEqual([
      { containerPort: 8080, protocol: 'tcp', name: 'http-8080', appProtocol: 'http' },
      { containerPort: 9090, protocol: 'tcp', name: 'grpc-9090', appProtocol: 'grpc' },
      { containerPort: 5432, protocol: 'tcp', name: 'tcp-5432' }, // TCP: no appProtocol
    ]);
  });

  it('virtual service names and ports -> client aliases, so applications call the same names', () => {
    const { services } = serviceConnect(shop().plan(SC), 'cart-sc');
    expect(services).toEqual([
      {
        portName: 'http-8080',
        discoveryName: 'cart',
        clientAliases: [{ port: 8080, dnsName: 'cart.shop.local' }],
      },
    ]);
    // A listener no virtual service names keeps the default name (discovery name . namespace).
    expect(serviceConnect(shop().plan(SC), 'web-sc').services?.[0]?.clientAliases).toEqual([{ port: 80 }]);
  });

  it('a node without listeners is a client only: enabled, in the namespace, no services', () => {
    const p = mesh('m')
      .ecs(ENV)
      .node('job', (n) => n.task({ cpu: 256, memory: 512, app: { image: 'x' } }))
      .plan(SC);
    const configuration = serviceConnect(p, 'job-sc');
    expect(configuration.enabled).toBe(true);
    expect(configuration.services).toBeUndefined();
  });

  it('listener timeouts -> whole seconds, rounded up; TCP keeps only its idle timeout', () => {
    const p = mesh('t')
      .ecs(ENV)
      .node('a', (n) =>
        n.listener(listener.http(80, { timeout: { perRequest: '250ms', idle: '90s' } })).task(task('a', 80)),
      )
      .node('b', (n) => n.listener(listener.tcp(5432, { timeout: { idle: '1500ms' } })).task(task('b', 5432)))
      .plan(SC);
    expect(serviceConnect(p, 'a-sc').services?.[0]?.timeout).toEqual({
      idleTimeoutSeconds: 90,
      perRequestTimeoutSeconds: 1,
    });
    expect(serviceConnect(p, 'b-sc').services?.[0]?.timeout).toEqual({ idleTimeoutSeconds: 2 });
  });

  it("the ECS infrastructure role: the plan's suffix like every name it creates, and no longer than IAM allows", () => {
    const secure = (name: string) =>
      mesh(name)
        .ecs(ENV)
        .node('pay', (n) =>
          n
            .listener(
              listener.http(443, {
                tls: tls.listener(tls.acm('arn:aws:acm:us-east-1:123456789012:certificate/abc')),
              }),
            )
            .task(task('pay', 443)),
        );
    const withTls = (suffix?: string) => ({
      ...SC,
      serviceConnect: {
        tls: { certificateAuthorityArn: CA },
        ...(suffix === undefined ? {} : { nameSuffix: suffix }),
      },
    });
    const roles = (p: Plan) =>
      byKind(p, 'iamRole')
        .map((r) => r.name)
        .filter((n) => n.includes('infrastructure'));
    // Two Service Connect plans of one mesh (another suffix) each own their role.
    expect(roles(secure('s').plan(withTls()))).toEqual(['s-ecs-infrastructure-role-sc']);
    expect(roles(secure('s').plan(withTls('-green')))).toEqual(['s-ecs-infrastructure-role-green']);
    // 40 characters of mesh name: the role's name would be 67 (IAM takes 64), refused before any AWS call.
    const long = 'm'.repeat(40);
    expect(issuesOf(() => secure(long).plan(withTls())).map((i) => [i.code, i.path, i.field])).toEqual([
      ['INVALID_NAME', 'plan', 'serviceConnect.tls.roleArn'],
    ]);
    expect(
      issuesOf(() =>
        secure(long).plan({
          ...SC,
          serviceConnect: {
            tls: { certificateAuthorityArn: CA, roleArn: 'arn:aws:iam::123456789012:role/x' },
          },
        }),
      ),
    ).toEqual([]);
  });

  it('listener TLS -> Service Connect TLS from the given Private CA, with an ECS infrastructure role', () => {
    const secure = () =>
      mesh('s')
        .ecs(ENV)
        .node('pay', (n) =>
          n
            .listener(
              listener.http(443, {
                tls: tls.listener(tls.acm('arn:aws:acm:us-east-1:123456789012:certificate/abc')),
              }),
            )
            .task(task('pay', 443)),
        )
        .node('plain', (n) => n.listener(listener.http(80)).task(task('plain', 80)));
    const p = secure().plan({ ...SC, serviceConnect: { tls: { certificateAuthorityArn: CA } } });
    expect(serviceConnect(p, 'pay-sc').services?.[0]?.tls).toEqual({
      issuerCertificateAuthority: { awsPcaAuthorityArn: CA },
      roleArn: '{{ref:iam/role/s-ecs-infrastructure-role-sc#arn}}',
    });
    expect(serviceConnect(p, 'plain-sc').services?.[0]?.tls).toBeUndefined();
    const role = p.resources.find((r) => r.id === 'iam/role/s-ecs-infrastructure-role-sc');
    expect(
      JSON.parse((role as { input: { AssumeRolePolicyDocument: string } }).input.AssumeRolePolicyDocument)
        .Statement[0].Principal,
    ).toEqual({ Service: 'ecs.amazonaws.com' });
    expect(p.resources.map((r) => r.id)).toContain(
      'iam/role/s-ecs-infrastructure-role-sc/attachment/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
    );
    // A role the user gives is used as is, and none is created.
    const given = 'arn:aws:iam::123456789012:role/ecs-infra';
    const withRole = secure().plan({
      ...SC,
      serviceConnect: { tls: { certificateAuthorityArn: CA, roleArn: given, kmsKey: 'alias/sc' } },
    });
    expect(serviceConnect(withRole, 'pay-sc').services?.[0]?.tls).toEqual({
      issuerCertificateAuthority: { awsPcaAuthorityArn: CA },
      roleArn: given,
      kmsKey: 'alias/sc',
    });
    expect(withRole.resources.map((r) => r.id)).not.toContain('iam/role/s-ecs-infrastructure-role-sc');
    // Without a CA the plan refuses: the traffic would silently become plaintext.
    const refused = issuesOf(() => secure().plan(SC));
    expect(refused.map((i) => [i.code, i.path, i.field])).toEqual([
      ['UNSUPPORTED_BY_TARGET', 'mesh/s/virtualNode/pay', 'listeners[0].tls'],
    ]);
  });

  it('backends -> servers created before their clients; a loop is cut and reported', () => {
    const p = shop().plan(SC);
    const web = p.resources.find((r) => r.name === 'web-sc' && r.kind === 'ecsService');
    expect(web?.dependsOn).toContain('ecs/cluster/shop-sc/service/cart-sc');
    const ids = p.resources.map((r) => r.id);
    expect(ids.indexOf('ecs/cluster/shop-sc/service/cart-sc')).toBeLessThan(
      ids.indexOf('ecs/cluster/shop-sc/service/web-sc'),
    );

    const loop = mesh('loop')
      .ecs(ENV)
      .node('a', (n) => n.listener(listener.http(80)).backend('b.loop.local').task(task('a', 80)))
      .service('a.loop.local', { node: 'a' })
      .node('b', (n) => n.listener(listener.http(80)).backend('a.loop.local').task(task('b', 80)))
      .service('b.loop.local', { node: 'b' })
      .plan(SC);
    const cut = loop.warnings.filter((w) => w.code === 'CHANGED_BY_TARGET' && w.field === 'backends');
    expect(cut.map((w) => w.path)).toEqual(['mesh/loop/virtualNode/b']);
    expect(loop.resources.find((r) => r.name === 'a-sc' && r.kind === 'ecsService')?.dependsOn).toContain(
      'ecs/cluster/shop-sc/service/b-sc',
    );
  });

  it('a router -> its virtual service name answered by the highest-weight target, and a warning', () => {
    const p = color().plan(SC);
    expect(serviceConnect(p, 'green-sc').services?.[0]?.clientAliases).toEqual([
      { port: 80, dnsName: 'router.colors.local' },
    ]);
    expect(serviceConnect(p, 'yellow-sc').services?.[0]?.clientAliases).toEqual([{ port: 80 }]);
    expect(p.warnings.map((w) => [w.code, w.path])).toContainEqual([
      'CHANGED_BY_TARGET',
      'mesh/color-mesh/virtualRouter/color-router',
    ]);
    // The weights decide: yellow at 3 against green 1 takes the name.
    const flipped = colorMesh(exampleParams, { routeTargets: { green: 1, yellow: 3 } }).plan(SC);
    expect(serviceConnect(flipped, 'yellow-sc').services?.[0]?.clientAliases).toEqual([
      { port: 80, dnsName: 'router.colors.local' },
    ]);
  });

  it('a second name on one endpoint is dropped and reported (one client alias per entry)', () => {
    const p = shop().service('basket.shop.local', { node: 'cart' }).plan(SC);
    expect(serviceConnect(p, 'cart-sc').services?.[0]?.clientAliases).toEqual([
      { port: 8080, dnsName: 'basket.shop.local' },
    ]);
    const dropped = p.warnings.find((w) => w.path === 'mesh/shop/virtualService/cart.shop.local');
    expect(dropped?.received).toContain('"basket.shop.local"');
  });

  it('virtual gateways are not compiled: no gateway task, no load balancer, and a warning', () => {
    const p = color().plan(SC);
    expect(
      p.resources.filter((r) => ['loadBalancer', 'targetGroup', 'loadBalancerListener'].includes(r.kind)),
    ).toEqual([]);
    expect(p.resources.map((r) => r.name)).not.toContain('color-gateway-sc');
    expect(p.warnings.map((w) => w.path)).toContain('mesh/color-mesh/virtualGateway/color-gateway');
  });

  it('task definitions lose Envoy, the proxy configuration, APPMESH_* and the App Mesh permissions', () => {
    const p = color().plan(SC);
    for (const family of ['red-sc', 'blue-sc', 'green-sc', 'yellow-sc']) {
      const definition = containers(p, family);
      expect(definition.proxyConfiguration).toBeUndefined();
      expect(definition.containerDefinitions.map((c) => c.name)).not.toContain('envoy');
      expect(
        definition.containerDefinitions.flatMap((c) => c.environment ?? []).map((e) => e.name),
      ).not.toContain('APPMESH_RESOURCE_ARN');
      expect(definition.containerDefinitions.map((c) => c.dependsOn)).toEqual([undefined]);
    }
    const text = JSON.stringify(p.resources);
    expect(text).not.toContain('appmesh:');
    expect(text).not.toContain('AWSAppMeshEnvoyAccess');
  });

  it('task size: kept when it leaves the proxy 256 CPU units and 64 MiB, else the next Fargate size', () => {
    expect(containers(shop().plan(SC), 'cart-sc')).toMatchObject({ cpu: '256', memory: '512' });
    const full = mesh('f')
      .ecs(ENV)
      .node('big', (n) =>
        n
          .listener(listener.http(80))
          .task({ cpu: 512, memory: 1024, app: { image: 'x', port: 80, cpu: 512, memory: 1000 } }),
      )
      .plan(SC);
    expect(containers(full, 'big-sc')).toMatchObject({ cpu: '1024', memory: '2048' });
  });

  it('access logs -> accessLogConfiguration TEXT or JSON; proxy logs go to the log group', () => {
    const p = color().plan(SC);
    expect(serviceConnect(p, 'red-sc').accessLogConfiguration).toEqual({ format: 'TEXT' });
    expect(serviceConnect(p, 'blue-sc').accessLogConfiguration).toEqual({ format: 'JSON' });
    expect(serviceConnect(p, 'red-sc').logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/color-mesh-sc',
        'awslogs-region': 'us-east-1',
        'awslogs-stream-prefix': 'red-sc-service-connect',
      },
    });
  });

  it('runs beside the App Mesh plan: every name it creates, and its plan name, get the suffix', () => {
    const appMesh = color().plan();
    const sc = color().plan(SC);
    expect(sc.planName).toBe('color-mesh-sc');
    const created = (p: Plan) => new Set(p.resources.map((r) => r.id));
    const shared = [...created(sc)].filter((id) => created(appMesh).has(id));
    expect(shared).toEqual([]);
    const same = color().plan({ ...SC, serviceConnect: { nameSuffix: '' } });
    // Its resources keep their names, but not the App Mesh plan's name (that plan's resources would be its own).
    expect(same.planName).toBe('color-mesh.service-connect');
    expect(same.resources.map((r) => r.name)).toContain('red');
  });

  it('is deterministic: the same definition declared in another order gives the same plan', () => {
    const forward = shop().plan(SC);
    const backward = mesh('shop')
      .ecs(ENV)
      .node('web', (n) => n.listener(listener.http(80)).backend('cart.shop.local').task(task('web', 80)))
      .node('cart', (n) => n.listener(listener.http(8080)).task(task('cart')))
      .service('cart.shop.local', { node: 'cart' })
      .plan(SC);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });
});

describe('validation for the Service Connect target (every issue listed, nothing planned)', () => {
  it('an unknown target', () => {
    const issues = issuesOf(() => shop().plan({ target: 'service-mesh' as never }));
    expect(issues.map((i) => [i.code, i.path, i.field])).toEqual([['UNKNOWN_TARGET', 'plan', 'target']]);
    expect(issues[0]?.message).toContain(
      'expected one of app-mesh, service-connect, service-connect+vpc-lattice, vpc-lattice, received "service-mesh"',
    );
  });

  it('options of the wrong type, as JavaScript can pass them: issues, never a TypeError', () => {
    const cases: [unknown, string][] = [
      [null, 'options'],
      [5, 'options'],
      [{ target: null }, 'target'],
      [{ ...SC, serviceConnect: 5 }, 'serviceConnect'],
      [{ ...SC, serviceConnect: null }, 'serviceConnect'],
      [{ ...SC, serviceConnect: { tls: null } }, 'serviceConnect.tls'],
      [
        { ...SC, serviceConnect: { tls: 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/a' } },
        'serviceConnect.tls',
      ],
    ];
    for (const [options, field] of cases) {
      const issues = issuesOf(() => shop().plan(options as PlanOptions));
      expect(
        issues.map((i) => [i.code, i.path, i.field]),
        JSON.stringify(options),
      ).toEqual([[field === 'target' ? 'UNKNOWN_TARGET' : 'INVALID_OPTION', 'plan', field]]);
    }
    // Service Connect options without the target: an App Mesh plan would be applied instead.
    expect(
      issuesOf(() => color().plan({ serviceConnect: { namespace: 'green' } })).map((i) => [i.code, i.field]),
    ).toEqual([['INVALID_OPTION', 'serviceConnect']]);
    // Left out is the default, as for every option.
    expect(shop().plan({ ...SC, serviceConnect: undefined }).planName).toBe(shop().plan(SC).planName);
  });

  it("a namespace to create named like the App Mesh plan's Cloud Map namespace: refused (the name is taken)", () => {
    const sameName = mesh('shop')
      .namespace('shop')
      .ecs(ENV)
      .node('cart', (n) => n.listener(listener.http(80)).task(task('cart', 80)));
    expect(issuesOf(() => sameName.plan(SC)).map((i) => [i.code, i.path, i.field])).toEqual([
      ['INVALID_OPTION', 'plan', 'serviceConnect.namespace'],
    ]);
    expect(
      issuesOf(() => color().plan({ ...SC, serviceConnect: { namespace: 'colors.local' } })).map(
        (i) => i.field,
      ),
    ).toEqual(['serviceConnect.namespace']);
    // Joining it on purpose is what existingNamespace is for.
    expect(
      issuesOf(() => sameName.plan({ ...SC, serviceConnect: { existingNamespace: 'shop.local' } })),
    ).toEqual([]);
  });

  it('options: a CA that is not a Private CA ARN, a bad role ARN, both namespaces, a bad suffix', () => {
    const issues = issuesOf(() =>
      shop().plan({
        ...SC,
        serviceConnect: {
          namespace: 'a',
          existingNamespace: 'b',
          nameSuffix: '$(touch x)',
          tls: {
            certificateAuthorityArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
            roleArn: 'ecs-infra',
          },
        },
      }),
    );
    expect(issues.map((i) => i.field).sort()).toEqual([
      'serviceConnect.existingNamespace',
      'serviceConnect.nameSuffix',
      'serviceConnect.tls.certificateAuthorityArn',
      'serviceConnect.tls.roleArn',
    ]);
    expect(issues.every((i) => i.code === 'INVALID_OPTION')).toBe(true);
    expect(
      issuesOf(() =>
        shop().plan({
          ...SC,
          serviceConnect: { tls: { certificateAuthorityArn: CA }, nameSuffix: '-green' },
        }),
      ),
    ).toEqual([]);
  });

  it('discovery names: two nodes that give the same name in the namespace', () => {
    const twins = () =>
      mesh('twins')
        .ecs(ENV)
        .node('Cart', (n) => n.listener(listener.http(80)).task(task('a', 80)))
        .node('cart', (n) => n.listener(listener.http(80)).task(task('b', 80)));
    const issues = issuesOf(() => twins().plan(SC));
    expect(issues.map((i) => [i.code, i.path])).toEqual([['DUPLICATE_NAME', 'mesh/twins/virtualNode/cart']]);
    // App Mesh itself has no such rule.
    expect(issuesOf(() => twins().plan()).map((i) => i.code)).not.toContain('DUPLICATE_NAME');
  });

  it('client aliases: a virtual service name longer than 127 characters', () => {
    const long = `${'a'.repeat(130)}.local`;
    const issues = issuesOf(() =>
      mesh('n')
        .ecs(ENV)
        .node('a', (n) => n.listener(listener.http(80)).task(task('a', 80)))
        .service(long, { node: 'a' })
        .plan(SC),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['UNSUPPORTED_BY_TARGET', `mesh/n/virtualService/${long}`],
    ]);
  });

  it('IPv6 only cannot be honoured', () => {
    const issues = issuesOf(() =>
      mesh('v6', { ipPreference: 'IPv6_ONLY' })
        .ecs(ENV)
        .node('a', (n) => n.listener(listener.http(80)).task(task('a', 80)))
        .plan(SC),
    );
    expect(issues.map((i) => [i.code, i.field])).toEqual([['UNSUPPORTED_BY_TARGET', 'ipPreference']]);
  });

  it('App Mesh-only rules do not apply: a virtual service name needs no DNS', () => {
    const noDns = () =>
      mesh('d')
        .ecs(ENV)
        .node('a', (n) => n.listener(listener.http(80)).task(task('a', 80)))
        .service('a.nowhere', { node: 'a' });
    expect(issuesOf(() => noDns().plan()).map((i) => i.code)).toContain('MISSING_SERVICE_DISCOVERY');
    expect(issuesOf(() => noDns().plan(SC))).toEqual([]);
  });
});
