/**
 * The `service-connect+vpc-lattice` target: the Service Connect plan with every virtual service a
 * router provides on VPC Lattice (service-connect.md rows 15-17 and section 4). What each router,
 * route and target node becomes; each Lattice limit failing and passing; what Lattice cannot express
 * reported by name; and the color mesh applied, re-applied without a write and destroyed on the
 * local cloud.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateServiceCommandInput, ServiceConnectConfiguration } from '@aws-sdk/client-ecs';
import type { CreateRuleCommandInput } from '@aws-sdk/client-vpc-lattice';
import { describe, expect, it } from 'vitest';
import { colorMesh, exampleParams } from '../../examples/color-mesh.js';
import { isMeshError } from '../../src/errors/mesh-error.js';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { listener, mesh } from '../../src/index.js';
import { checkPlanOptions } from '../../src/plan/check-plan-options.js';
import type { Plan } from '../../src/plan/plan.js';
import type { PlanOptions } from '../../src/plan/plan-options.js';
import { type PlannedResource, type ResourceKind, ref } from '../../src/plan/resource.js';
import { checkLatticeName, checkLatticeRule, latticeName } from '../../src/targets/vpc-lattice/limits.js';
import type { PlanIssue } from '../../src/validate/issue.js';
import { ENV, latticeRoutingMesh, task } from '../fixtures/lattice-routing-mesh.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

const LATTICE: PlanOptions = { target: 'service-connect+vpc-lattice' };

function issuesOf(run: () => unknown): PlanIssue[] {
  try {
    run();
  } catch (error) {
    if (isMeshError(error) && 'issues' in error) return [...(error as { issues: PlanIssue[] }).issues];
    throw error;
  }
  return [];
}

const byKind = <K extends ResourceKind>(p: Plan, kind: K) =>
  p.resources.filter((r) => r.kind === kind) as PlannedResource<K>[];
const one = <K extends ResourceKind>(p: Plan, kind: K, name: string): PlannedResource<K> => {
  const found = byKind(p, kind).find((r) => r.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found;
};
const ecsService = (p: Plan, name: string) => one(p, 'ecsService', name).input as CreateServiceCommandInput;
const aliases = (p: Plan) =>
  byKind(p, 'ecsService').flatMap((s) =>
    ((s.input.serviceConnectConfiguration as ServiceConnectConfiguration).services ?? []).flatMap((e) =>
      (e.clientAliases ?? []).map((a) => a.dnsName),
    ),
  );
const rule = (p: Plan, name: string) => one(p, 'latticeRule', name).input as CreateRuleCommandInput;

describe('target service-connect+vpc-lattice: the color mesh', () => {
  const plan = colorMesh(exampleParams).plan(LATTICE);

  it("the 4:1 route is one rule forwarding green 36 / yellow 9 (x9) to the two nodes' target groups", () => {
    expect(plan.target).toBe('service-connect+vpc-lattice');
    const green = one(plan, 'latticeTargetGroup', 'color-mesh-sc-green');
    const yellow = one(plan, 'latticeTargetGroup', 'color-mesh-sc-yellow');
    const colorRoute = rule(plan, 'color-route');
    expect(colorRoute.priority).toBe(1);
    expect(colorRoute.match).toEqual({
      httpMatch: { pathMatch: { match: { prefix: '/' }, caseSensitive: true }, method: 'GET' },
    });
    expect(colorRoute.action).toEqual({
      forward: {
        targetGroups: [
          { targetGroupIdentifier: ref(green.id, 'id'), weight: 36 },
          { targetGroupIdentifier: ref(yellow.id, 'id'), weight: 9 },
        ],
      },
    });
    // The node's listener and its /healthcheck policy (5 s, 2 s, 2 and 2).
    expect(green.input.config).toEqual({
      port: 80,
      protocol: 'HTTP',
      protocolVersion: 'HTTP1',
      vpcIdentifier: exampleParams.vpcId,
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        protocolVersion: 'HTTP1',
        port: 80,
        path: '/healthcheck',
        healthCheckIntervalSeconds: 5,
        healthCheckTimeoutSeconds: 2,
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
      },
    });
  });

  it("green's and yellow's ECS services register their tasks in their target groups through the ECS infrastructure role", () => {
    const role = one(plan, 'iamRole', 'color-mesh-ecs-lattice-role-sc');
    expect(JSON.parse(role.input.AssumeRolePolicyDocument as string).Statement[0].Principal).toEqual({
      Service: 'ecs.amazonaws.com',
    });
    const attachment = byKind(plan, 'iamRolePolicyAttachment').find((a) => a.input.RoleName === role.name);
    expect(attachment?.input.PolicyArn).toBe(
      'arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForVpcLattice',
    );
    for (const color of ['green', 'yellow']) {
      const group = one(plan, 'latticeTargetGroup', `color-mesh-sc-${color}`);
      expect(ecsService(plan, `${color}-sc`).vpcLatticeConfigurations).toEqual([
        { roleArn: ref(role.id, 'arn'), targetGroupArn: ref(group.id, 'arn'), portName: 'http-80' },
      ]);
      const service = one(plan, 'ecsService', `${color}-sc`);
      expect(service.dependsOn).toEqual(expect.arrayContaining([group.id, role.id, attachment?.id]));
    }
    for (const other of ['red', 'blue'])
      expect(ecsService(plan, `${other}-sc`).vpcLatticeConfigurations).toBeUndefined();
  });

  it('router.colors.local is a Lattice service keeping the name, not a Service Connect alias; the report names the DNS record', () => {
    expect(aliases(plan)).not.toContain('router.colors.local');
    expect(aliases(colorMesh(exampleParams).plan({ target: 'service-connect' }))).toContain(
      'router.colors.local',
    );
    const service = one(plan, 'latticeService', 'router-colors-local-sc');
    expect(service.input).toMatchObject({ customDomainName: 'router.colors.local', authType: 'NONE' });
    const network = one(plan, 'latticeServiceNetwork', 'color-mesh-sc');
    expect(network.input.authType).toBe('NONE');
    const [association] = byKind(plan, 'latticeVpcAssociation');
    expect(association?.input).toMatchObject({
      serviceNetworkIdentifier: ref(network.id, 'id'),
      vpcIdentifier: exampleParams.vpcId,
      securityGroupIds: [ref('ec2/securityGroup/colorapp-sg-sc', 'id')],
    });
    expect(byKind(plan, 'latticeServiceAssociation').map((a) => a.input.serviceIdentifier)).toEqual([
      ref(service.id, 'id'),
    ]);
    expect(one(plan, 'latticeListener', 'http-80').input).toMatchObject({
      protocol: 'HTTP',
      port: 80,
      defaultAction: { fixedResponse: { statusCode: 404 } },
    });
    const dns = plan.warnings.find((w) => w.path === 'mesh/color-mesh/virtualService/router.colors.local');
    expect(dns?.message).toMatch(/router\.colors\.local CNAME to the Lattice service's DNS name/);
    // Lattice reaches the tasks from its prefix list: the plan opens the group to it, no warning is left.
    expect(plan.warnings.map((w) => w.path)).not.toContain('mesh/color-mesh');
    expect(byKind(plan, 'securityGroupIngress').map((r) => r.id)).toContain(
      'ec2/securityGroup/colorapp-sg-sc/ingress/vpc-lattice-tcp-80',
    );
    // The routes are kept: no warning that Service Connect collapses them.
    expect(plan.warnings.map((w) => w.path)).not.toContain('mesh/color-mesh/virtualRouter/color-router');
  });
});

describe('target service-connect+vpc-lattice: routes as rules', () => {
  const plan = latticeRoutingMesh().plan(LATTICE);

  it('priority + 1 (else position + 1), path prefix, method, exact and prefix headers, case-sensitive as on App Mesh', () => {
    expect(rule(plan, 'beta')).toMatchObject({
      priority: 2,
      match: {
        httpMatch: {
          pathMatch: { match: { prefix: '/api' }, caseSensitive: true },
          method: 'POST',
          headerMatches: [
            { name: 'x-tenant', match: { exact: 'beta' }, caseSensitive: true },
            { name: 'x-version', match: { prefix: '2' }, caseSensitive: true },
          ],
        },
      },
    });
    expect(rule(plan, 'lossy').priority).toBe(6);
    expect(rule(plan, 'split').priority).toBe(3); // third route, no priority
    expect(rule(plan, 'split').action?.forward?.targetGroups?.map((g) => g.weight)).toEqual([450, 450]);
    const exact = latticeRoutingMesh({
      exact: { priority: 7, targets: { 'api-v1': 1 }, match: { path: { exact: '/v1/ping' } } },
    }).plan(LATTICE);
    expect(rule(exact, 'exact').match?.httpMatch?.pathMatch).toEqual({
      match: { exact: '/v1/ping' },
      caseSensitive: true,
    });
  });

  it('a gRPC route: its service and method are the path, its metadata the headers; the target group speaks GRPC', () => {
    expect(rule(plan, 'get-user').match?.httpMatch).toEqual({
      pathMatch: { match: { exact: '/users.Users/Get' }, caseSensitive: true },
      headerMatches: [{ name: 'x-region', match: { exact: 'eu' }, caseSensitive: true }],
    });
    expect(one(plan, 'latticeTargetGroup', 'shop-sc-rpc').input.config?.protocolVersion).toBe('GRPC');
    expect(ecsService(plan, 'rpc-sc').vpcLatticeConfigurations?.[0]?.portName).toBe('grpc-50051');
  });

  it('what Lattice cannot express is a warning naming each setting, never dropped silently', () => {
    const lossy = plan.warnings.filter((w) => w.path === 'mesh/shop/virtualRouter/api-router/route/lossy');
    expect(lossy).toHaveLength(1);
    expect(lossy[0]?.code).toBe('CHANGED_BY_TARGET');
    for (const setting of [
      'match.path.regex',
      'match.headers[0].match.suffix',
      'match.headers[1].match.regex',
      'match.headers[2].match.range',
      'match.headers[3].invert',
      'match.queryParameters',
      'match.scheme',
      'match.port',
      'retryPolicy',
      'timeout',
    ])
      expect(lossy[0]?.message).toContain(setting);
    expect(plan.warnings.map((w) => w.path)).not.toContain('mesh/shop/virtualRouter/api-router/route/beta');
    // A health check timeout in milliseconds AWS cannot take is rounded up, and said so.
    const health = plan.warnings.find((w) => w.path === 'mesh/shop/virtualNode/api-v1');
    expect(health?.message).toMatch(/timeoutMillis 2500 ms becomes 3 s/);
    expect(one(plan, 'latticeTargetGroup', 'shop-sc-api-v1').input.config?.healthCheck).toMatchObject({
      path: '/ping',
      healthCheckIntervalSeconds: 10,
      healthCheckTimeoutSeconds: 3,
    });
    // No health check on App Mesh: none on Lattice either.
    expect(one(plan, 'latticeTargetGroup', 'shop-sc-api-v2').input.config?.healthCheck).toEqual({
      enabled: false,
    });
  });
});

describe('target service-connect+vpc-lattice: validation', () => {
  const codes = (issues: PlanIssue[], path: string) =>
    issues.filter((i) => i.path === path && i.severity === 'error').map((i) => i.code);
  const route = (name: string) => `mesh/shop/virtualRouter/api-router/route/${name}`;

  it('priorities are unique per listener', () => {
    const clash = issuesOf(() =>
      latticeRoutingMesh({
        again: { priority: 1, targets: { 'api-v1': 1 }, match: { prefix: '/again' } },
      }).plan(LATTICE),
    );
    expect(codes(clash, route('again'))).toEqual(['INVALID_PRIORITY']);
    expect(
      issuesOf(() =>
        latticeRoutingMesh({
          again: { priority: 3, targets: { 'api-v1': 1 }, match: { prefix: '/again' } },
        }).plan(LATTICE),
      ),
    ).toEqual([]);
  });

  it('more routes than the default quota of rules per listener (5) is a warning', () => {
    const quota = (p: Plan) => p.warnings.filter((w) => w.code === 'QUOTA_EXCEEDED').map((w) => w.path);
    const route = (priority: number) => ({
      priority,
      targets: { 'api-v1': 1 },
      match: { prefix: `/${priority}` },
    });
    expect(quota(latticeRoutingMesh({ four: route(10), five: route(11) }).plan(LATTICE))).toEqual([]);
    expect(
      quota(latticeRoutingMesh({ four: route(10), five: route(11), six: route(12) }).plan(LATTICE)),
    ).toEqual(['mesh/shop/virtualRouter/api-router']);
  });

  it('1 to 5 header matches', () => {
    const headers = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ name: `x-h${i}`, match: { exact: 'v' } }));
    const six = issuesOf(() =>
      latticeRoutingMesh({
        many: { priority: 9, targets: { 'api-v1': 1 }, match: { prefix: '/', headers: headers(6) } },
      }).plan(LATTICE),
    );
    expect(codes(six, route('many'))).toEqual(['INVALID_MATCH']);
    expect(
      issuesOf(() =>
        latticeRoutingMesh({
          many: { priority: 9, targets: { 'api-v1': 1 }, match: { prefix: '/', headers: headers(5) } },
        }).plan(LATTICE),
      ),
    ).toEqual([]);
  });

  it('paths of 1 to 200 characters of the characters Lattice takes', () => {
    const withPrefix = (prefix: string) =>
      issuesOf(() =>
        latticeRoutingMesh({ long: { priority: 9, targets: { 'api-v1': 1 }, match: { prefix } } }).plan(
          LATTICE,
        ),
      );
    expect(codes(withPrefix(`/${'a'.repeat(200)}`), route('long'))).toEqual(['INVALID_MATCH']);
    expect(codes(withPrefix('/a*b'), route('long'))).toEqual(['INVALID_MATCH']);
    expect(withPrefix(`/${'a'.repeat(199)}`)).toEqual([]);
  });

  const routed = (...names: string[]) => {
    // biome-ignore lint/suspicious/noExplicitAny: the builder's type grows with each service
    let m: any = mesh('shop')
      .ecs(ENV)
      .node('api', (n) => n.listener(listener.http(8080)).task(task('api')))
      .router('api-router', (r) => r.listener(listener.http(8080)).route('main', { targets: { api: 1 } }));
    for (const name of names) m = m.service(name, { router: 'api-router' });
    return m as { plan: (options: PlanOptions) => Plan };
  };

  it("Lattice service names: the virtual service name made valid with the plan's suffix; collisions, too short and too long names are issues", () => {
    // One service a plan: two Lattice services cannot forward to one target group.
    const names = (name: string) => byKind(routed(name).plan(LATTICE), 'latticeService').map((s) => s.name);
    expect(names('svc-a.shop.local')).toEqual(['xsvc-a-shop-local-sc']);
    expect(names(`${'l'.repeat(31)}.local`)).toEqual([`${'l'.repeat(31)}-local-sc`]);
    const clash = issuesOf(() => routed('a.b.local', 'a-b.local').plan(LATTICE));
    expect(clash.map((i) => [i.code, i.path])).toEqual([
      ['DUPLICATE_NAME', 'mesh/shop/virtualService/a.b.local'],
    ]);
    const unsuffixed: PlanOptions = { ...LATTICE, serviceConnect: { nameSuffix: '' } };
    const short = issuesOf(() => routed('ab').plan(unsuffixed));
    expect(short.map((i) => [i.code, i.path])).toEqual([['INVALID_NAME', 'mesh/shop/virtualService/ab']]);
    // The suffix is never cut (it keeps the plans apart): a name it makes too long is refused.
    const long = `${'l'.repeat(32)}.local`;
    const [tooLong, ...others] = issuesOf(() => routed(long).plan(LATTICE));
    expect(others).toEqual([]);
    expect(tooLong).toMatchObject({
      code: 'INVALID_NAME',
      path: `mesh/shop/virtualService/${long}`,
      received: `"${'l'.repeat(32)}-local-sc" (41 characters)`,
    });
    expect(tooLong?.message).toContain(
      'a VPC Lattice service name of 3 to 40 characters: a-z, 0-9 and -, no - at either end or twice, not starting with svc-',
    );
    expect(tooLong?.message).toContain(
      `the plan's name suffix "-sc", which keeps it apart from the other plans' services in the account: choose a shorter virtual service name or serviceConnect.nameSuffix.`,
    );
    const plain = issuesOf(() => routed(long).plan({ target: 'vpc-lattice' }));
    expect(plain.map((i) => [i.code, i.received])).toContainEqual([
      'INVALID_NAME',
      `"${'l'.repeat(32)}-local-lattice" (46 characters)`,
    ]);
    expect(plain.find((i) => i.code === 'INVALID_NAME')?.message).toContain('vpcLattice.nameSuffix');
    // Without a suffix the name is cut to 40, as before.
    const longer = routed(`${'l'.repeat(45)}.local`).plan(unsuffixed);
    expect(byKind(longer, 'latticeService').map((s) => s.name)).toEqual(['l'.repeat(40)]);
  });

  it('a target node without a task: its target group stays empty (a warning), and no role is made for ECS', () => {
    const p = mesh('shop')
      .ecs(ENV)
      .node('api', (n) => n.listener(listener.http(8080)))
      .node('web', (n) => n.listener(listener.http(80)).task(task('web', 80)))
      .router('api-router', (r) => r.listener(listener.http(8080)).route('main', { targets: { api: 1 } }))
      .service('api.shop.local', { router: 'api-router' })
      .plan(LATTICE);
    expect(byKind(p, 'latticeTargetGroup').map((g) => g.name)).toEqual(['shop-sc-api']);
    expect(byKind(p, 'iamRole').map((r) => r.name)).not.toContain('shop-ecs-lattice-role-sc');
    expect(p.warnings.find((w) => w.path === 'mesh/shop/virtualNode/api')?.message).toMatch(
      /the node has no task/,
    );
  });

  it('the ECS infrastructure role name fits IAM, and a TCP router is refused', () => {
    const long = 'm'.repeat(50);
    const tooLong = issuesOf(() =>
      mesh(long)
        .ecs({ ...ENV, executionRoleName: 'exec' })
        .node('api', (n) => n.listener(listener.http(8080)).task({ ...task('api'), taskRoleName: 'task' }))
        .router('r', (r) => r.listener(listener.http(8080)).route('main', { targets: { api: 1 } }))
        .service('api.shop.local', { router: 'r' })
        .plan(LATTICE),
    );
    expect(tooLong.filter((i) => i.message.includes('ecs-lattice-role')).map((i) => i.code)).toEqual([
      'INVALID_NAME',
    ]);
    const tcp = issuesOf(() =>
      mesh('shop')
        .ecs(ENV)
        .node('db', (n) => n.listener(listener.tcp(5432)).task(task('db', 5432)))
        .router('db-router', (r) =>
          r.listener(listener.tcp(5432)).route('main', { protocol: 'tcp', targets: { db: 1 } }),
        )
        .service('db.shop.local', { router: 'db-router' })
        .plan(LATTICE),
    );
    expect(tcp.map((i) => [i.code, i.path])).toEqual([
      ['UNSUPPORTED_BY_TARGET', 'mesh/shop/virtualRouter/db-router'],
    ]);
  });

  it('the rule limits AWS checks: priority 1-2000, 1-10 target groups, weights 0-999, method and header lengths', () => {
    const group = (weight: number) => ({ targetGroupIdentifier: 'tg-0123456789abcdef0', weight });
    const ruleWith = (priority: number, weights: number[], extra: object = {}) =>
      checkLatticeRule(
        {
          priority,
          match: { httpMatch: { pathMatch: { match: { prefix: '/' } }, ...extra } },
          action: { forward: { targetGroups: weights.map(group) } },
        },
        'p',
      ).map((i) => i.code);
    expect(ruleWith(1, [0, 999])).toEqual([]);
    expect(ruleWith(2000, Array(10).fill(1))).toEqual([]);
    expect(ruleWith(0, [1])).toEqual(['INVALID_PRIORITY']);
    expect(ruleWith(2001, [1])).toEqual(['INVALID_PRIORITY']);
    expect(ruleWith(1, [])).toEqual(['INVALID_TARGET_COUNT']);
    expect(ruleWith(1, Array(11).fill(1))).toEqual(['INVALID_TARGET_COUNT']);
    expect(ruleWith(1, [1000])).toEqual(['INVALID_WEIGHT']);
    expect(ruleWith(1, [-1])).toEqual(['INVALID_WEIGHT']);
    expect(ruleWith(1, [1], { method: 'M'.repeat(17) })).toEqual(['INVALID_MATCH']);
    expect(ruleWith(1, [1], { method: 'M'.repeat(16) })).toEqual([]);
    const header = (name: string) => ({ headerMatches: [{ name, match: { exact: 'v' } }] });
    expect(ruleWith(1, [1], header('h'.repeat(101)))).toEqual(['INVALID_MATCH']);
    expect(ruleWith(1, [1], header('h'.repeat(100)))).toEqual([]);
  });

  it('the name patterns and lengths of each Lattice kind', () => {
    const valid = (kind: Parameters<typeof checkLatticeName>[0], name: string) =>
      checkLatticeName(kind, name, 'p').length === 0;
    expect(valid('service', 'svc-a')).toBe(false);
    expect(valid('service', 'a--b')).toBe(false);
    expect(valid('service', '-ab')).toBe(false);
    expect(valid('service', 'ab-')).toBe(false);
    expect(valid('service', 'ab')).toBe(false);
    expect(valid('service', 'a'.repeat(41))).toBe(false);
    expect(valid('service', 'a'.repeat(40))).toBe(true);
    expect(valid('targetGroup', 'tg-a')).toBe(false);
    expect(valid('rule', 'rule-a')).toBe(false);
    expect(valid('listener', 'listener-a')).toBe(false);
    expect(valid('serviceNetwork', 'a'.repeat(64))).toBe(false);
    expect(valid('serviceNetwork', 'a'.repeat(63))).toBe(true);
    expect(latticeName('--Color_Router..v2--', 'rule')).toBe('color-router-v2');
  });

  it('Service Connect options are accepted with this target', () => {
    expect(checkPlanOptions({ ...LATTICE, serviceConnect: { nameSuffix: '-green' } })).toEqual([]);
    const p = colorMesh(exampleParams).plan({ ...LATTICE, serviceConnect: { nameSuffix: '-green' } });
    expect(byKind(p, 'latticeServiceNetwork').map((n) => n.name)).toEqual(['color-mesh-green']);
  });
});

describe('target service-connect+vpc-lattice: the mesh group admits VPC Lattice', () => {
  it("opens exactly the target groups' ports to the region's vpc-lattice prefix list, which it only references", () => {
    const plan = latticeRoutingMesh().plan(LATTICE);
    const targetPorts = byKind(plan, 'latticeTargetGroup').map((g) => g.input.config?.port);
    expect(new Set(targetPorts)).toEqual(new Set([8080, 50051]));
    const [list, ...more] = byKind(plan, 'managedPrefixList');
    expect(more).toEqual([]);
    expect(list).toMatchObject({
      name: 'com.amazonaws.us-east-1.vpc-lattice',
      dependsOn: [],
      input: { Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.vpc-lattice'] }] },
    });
    const fromList = byKind(plan, 'securityGroupIngress').filter((r) =>
      r.input.IpPermissions?.some((p) => p.PrefixListIds !== undefined),
    );
    expect(fromList.map((r) => [r.id, r.input.GroupId, r.input.IpPermissions])).toEqual(
      [50051, 8080].map((port) => [
        `ec2/securityGroup/shop-sg-sc/ingress/vpc-lattice-tcp-${port}`,
        ref('ec2/securityGroup/shop-sg-sc', 'id'),
        [
          {
            IpProtocol: 'tcp',
            FromPort: port,
            ToPort: port,
            PrefixListIds: [{ PrefixListId: ref(list?.id as string, 'id') }],
          },
        ],
      ]),
    );
    // Each ECS service in a target group starts once its port admits Lattice (health checks pass).
    expect(one(plan, 'ecsService', 'rpc-sc').dependsOn).toContain(
      'ec2/securityGroup/shop-sg-sc/ingress/vpc-lattice-tcp-50051',
    );
    expect(one(plan, 'ecsService', 'web-sc').dependsOn.filter((id) => id.includes('vpc-lattice'))).toEqual(
      [],
    );
  });
});

describe('target service-connect+vpc-lattice on the local cloud', () => {
  it('the color mesh applies, a second apply makes no write, destroy leaves the cloud as before', async () => {
    const cloud = fastLocalCloud();
    await cloud.settle();
    const before = cloud.snapshot();
    const plan = colorMeshIn(cloud).plan(LATTICE);

    const first = await apply(plan, fastExecution(cloud));
    expect(first.error?.message).toBeUndefined();
    await cloud.settle();
    const lattice = cloud.snapshot().vpcLattice as {
      rules: unknown[];
      targetGroups: { name: string; targets: unknown[] }[];
    };
    expect(lattice.rules).toHaveLength(1);
    // ECS registered green's and yellow's task in their target groups.
    expect(lattice.targetGroups.map((g) => [g.name, g.targets.length])).toEqual([
      ['color-mesh-sc-green', 1],
      ['color-mesh-sc-yellow', 1],
    ]);

    const mark = cloud.callLog().length;
    const second = await apply(plan, fastExecution(cloud));
    expect(
      second.results.filter((r) => r.outcome !== 'unchanged').map((r) => `${r.id} ${r.outcome}`),
    ).toEqual(['ec2/managedPrefixList/com.amazonaws.us-east-1.vpc-lattice referenced']);
    expect(
      cloud
        .callLog()
        .slice(mark)
        .filter((c) => c.write)
        .map((c) => `${c.service}:${c.command}`),
    ).toEqual([]);

    const destroyed = await destroy(plan, fastExecution(cloud));
    expect(destroyed.error?.message).toBeUndefined();
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
  });

  it('moves a running Service Connect plan to Lattice and back in place: the routers become Lattice, then go again', async () => {
    const cloud = fastLocalCloud();
    // One plan name for both targets: one journal, which lets an apply remove what it no longer plans.
    const journalPath = join(mkdtempSync(join(tmpdir(), 'sc-lattice-')), 'journal.jsonl');
    const execution = () => ({ ...fastExecution(cloud), journalPath });
    const serviceConnect = colorMeshIn(cloud).plan({ target: 'service-connect' });
    expect((await apply(serviceConnect, execution())).error?.message).toBeUndefined();

    const toLattice = await apply(colorMeshIn(cloud).plan(LATTICE), execution());
    expect(toLattice.error?.message).toBeUndefined();
    const changed = (results: typeof toLattice.results) =>
      results
        .filter((r) => r.outcome !== 'unchanged' && r.outcome !== 'created' && r.outcome !== 'referenced')
        .map((r) => `${r.id} ${r.outcome}`)
        .sort();
    // Green loses the router's alias and joins its target group; yellow joins its own; blue,
    // green and yellow join the target groups of the gateway's ALB.
    expect(changed(toLattice.results)).toEqual([
      'ecs/cluster/color-cluster-sc/service/blue-sc updated',
      'ecs/cluster/color-cluster-sc/service/green-sc updated',
      'ecs/cluster/color-cluster-sc/service/yellow-sc updated',
    ]);
    await cloud.settle();
    const registered = () =>
      (cloud.snapshot().vpcLattice as { targetGroups: { targets: unknown[] }[] }).targetGroups.flatMap(
        (g) => g.targets,
      );
    expect(registered()).toHaveLength(2);
    // ECS puts the running services' tasks in the target groups of the gateway's ALB.
    const behindAlb = () =>
      (cloud.snapshot().elbv2 as { targetGroups: { targets: unknown[] }[] }).targetGroups.flatMap(
        (g) => g.targets,
      );
    expect(behindAlb()).toHaveLength(3);

    const back = await apply(serviceConnect, execution());
    expect(back.error?.message).toBeUndefined();
    await cloud.settle();
    const blue = (
      cloud.snapshot().ecs as { services: { serviceName: string; loadBalancers: unknown[] }[] }
    ).services.find((s) => s.serviceName === 'blue-sc');
    expect(blue?.loadBalancers).toEqual([]);
    expect(cloud.snapshot().vpcLattice).toMatchObject({ services: [], targetGroups: [], rules: [] });
    expect(registered()).toEqual([]);
    const again = await apply(serviceConnect, execution());
    expect(again.results.filter((r) => r.outcome !== 'unchanged')).toEqual([]);
    // The Lattice ingress went with the rest; the prefix list, never the plan's, is still there.
    const rules = (
      cloud.snapshot().ec2 as { securityGroups: { rules: { prefixListId?: string }[] }[] }
    ).securityGroups.flatMap((g) => g.rules);
    expect(rules.filter((r) => r.prefixListId !== undefined)).toEqual([]);
  });
});
