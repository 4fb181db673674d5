/**
 * The `vpc-lattice` target (nodes on VPC Lattice alone: every virtual service a Lattice service, no
 * Service Connect, no Cloud Map; a gateway behind a load balancer an ALB), its options, what only it
 * refuses, and AWS_IAM auth on both Lattice targets: the policies that enforce App Mesh's backends
 * allow-list again.
 */
import type { CreateServiceCommandInput, RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import type { CreateRuleCommandInput } from '@aws-sdk/client-vpc-lattice';
import { describe, expect, it } from 'vitest';
import { colorMesh, exampleParams } from '../../examples/color-mesh.js';
import { isMeshError } from '../../src/errors/mesh-error.js';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { listener, mesh } from '../../src/index.js';
import { createServiceConnectSimulator } from '../../src/local/simulator/service-connect-simulator.js';
import { serviceConnectViewFromPlan } from '../../src/local/simulator/service-connect-view-from-plan.js';
import { plan as buildPlan } from '../../src/plan/build-plan.js';
import { checkPlanOptions } from '../../src/plan/check-plan-options.js';
import type { Plan } from '../../src/plan/plan.js';
import type { PlanOptions } from '../../src/plan/plan-options.js';
import { type PlannedResource, type ResourceKind, ref } from '../../src/plan/resource.js';
import type { PlanIssue } from '../../src/validate/issue.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';
import { ENV, latticeRoutingMesh, task } from '../fixtures/lattice-routing-mesh.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

// biome-ignore lint/suspicious/noExplicitAny: a test edits a definition as plain data
type Loose = any;

const PLAIN: PlanOptions = { target: 'vpc-lattice' };
const IAM: PlanOptions = { target: 'vpc-lattice', vpcLattice: { auth: 'AWS_IAM' } };

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
const byId = (p: Plan, id: string) => {
  const found = p.resources.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no resource ${id}`);
  return found;
};

describe('target vpc-lattice: the color mesh', () => {
  const plan = colorMesh(exampleParams).plan(PLAIN);

  it('runs beside the App Mesh and Service Connect plans: its own plan name, every name suffixed -lattice', () => {
    expect(plan.target).toBe('vpc-lattice');
    expect(plan.planName).toBe('color-mesh-lattice');
    expect(
      byKind(plan, 'ecsService')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['blue-lattice', 'green-lattice', 'red-lattice', 'yellow-lattice']);
    expect(byKind(plan, 'latticeServiceNetwork').map((n) => n.name)).toEqual(['color-mesh-lattice']);
    expect(byKind(plan, 'iamRole').map((r) => r.name)).toContain('color-mesh-ecs-lattice-role-lattice');
  });

  it('no Service Connect and no Cloud Map: no namespace, no serviceConnectConfiguration, no cluster default', () => {
    expect(byKind(plan, 'cloudMapHttpNamespace')).toEqual([]);
    for (const service of byKind(plan, 'ecsService'))
      expect((service.input as CreateServiceCommandInput).serviceConnectConfiguration).toBeUndefined();
    for (const cluster of byKind(plan, 'ecsCluster'))
      expect(cluster.input).not.toHaveProperty('serviceConnectDefaults');
  });

  it('every virtual service is a Lattice service keeping its name; each node registers its tasks in its target group', () => {
    expect(byKind(plan, 'latticeService').map((s) => [s.name, s.input.customDomainName])).toEqual([
      ['blue-colors-local-lattice', 'blue.colors.local'],
      ['red-colors-local-lattice', 'red.colors.local'],
      ['router-colors-local-lattice', 'router.colors.local'],
    ]);
    expect(byKind(plan, 'latticeServiceAssociation')).toHaveLength(3);
    for (const name of ['blue', 'green', 'red', 'yellow']) {
      const service = one(plan, 'ecsService', `${name}-lattice`).input as CreateServiceCommandInput;
      expect(service.vpcLatticeConfigurations).toEqual([
        {
          roleArn: ref('iam/role/color-mesh-ecs-lattice-role-lattice', 'arn'),
          targetGroupArn: ref(`vpcLattice/targetGroup/color-mesh-lattice-${name}`, 'arn'),
          portName: 'http-80',
        },
      ]);
    }
  });

  it("a node's virtual service: a listener on the node's port forwarding to its target group, no rules", () => {
    const red = byId(plan, 'vpcLattice/service/red-colors-local-lattice/listener/http-80');
    expect(red.input).toMatchObject({
      protocol: 'HTTP',
      port: 80,
      defaultAction: {
        forward: {
          targetGroups: [
            {
              targetGroupIdentifier: ref('vpcLattice/targetGroup/color-mesh-lattice-red', 'id'),
              weight: 100,
            },
          ],
        },
      },
    });
    expect(red.dependsOn).toContain('vpcLattice/targetGroup/color-mesh-lattice-red');
    const rules = byKind(plan, 'latticeRule').map((r) => r.id);
    expect(rules).toEqual([
      'vpcLattice/service/router-colors-local-lattice/listener/http-80/rule/color-route',
    ]);
  });

  it("a router's virtual service: the same listener and rule as on the combined target", () => {
    const combined = colorMesh(exampleParams).plan({ target: 'service-connect+vpc-lattice' });
    const rule = (p: Plan) => one(p, 'latticeRule', 'color-route').input as CreateRuleCommandInput;
    // Only the names differ: the service, target groups and tags carry each plan's name or suffix.
    expect(JSON.stringify(rule(plan)).replaceAll('-lattice', '-sc')).toBe(JSON.stringify(rule(combined)));
    expect(one(plan, 'latticeListener', 'http-80').input.defaultAction).toBeDefined();
  });

  it('task definitions as Service Connect makes them (no Envoy, named ports), without room for a proxy', () => {
    const green = one(plan, 'taskDefinition', 'green-lattice').input as RegisterTaskDefinitionCommandInput;
    expect(green.proxyConfiguration).toBeUndefined();
    expect(green.containerDefinitions?.map((c) => c.name)).not.toContain('envoy');
    expect(green.containerDefinitions?.[0]?.portMappings).toEqual([
      { containerPort: 80, protocol: 'tcp', name: 'http-80', appProtocol: 'http' },
    ]);
  });

  it('a task is not grown for a Service Connect proxy it does not run', () => {
    const full = mesh('shop')
      .ecs(ENV)
      .node('web', (n) =>
        n
          .listener(listener.http(80))
          .task({ cpu: 256, memory: 512, app: { image: 'web', port: 80, cpu: 256 } }),
      )
      .service('web.shop.local', { node: 'web' });
    const size = (p: Plan) => {
      const input = byKind(p, 'taskDefinition')[0]?.input as RegisterTaskDefinitionCommandInput;
      return [input.cpu, input.memory];
    };
    expect(size(full.plan(PLAIN))).toEqual(['256', '512']);
    expect(size(full.plan({ target: 'service-connect' }))).not.toEqual(['256', '512']);
  });

  it("the gateway behind a load balancer becomes the combined target's ALB: the same rules and transforms, names ending -lattice", () => {
    const combined = colorMesh(exampleParams).plan({ target: 'service-connect+vpc-lattice' });
    const albKinds: ResourceKind[] = [
      'loadBalancer',
      'loadBalancerListener',
      'loadBalancerRule',
      'targetGroup',
    ];
    // The ALB, its listener, rules and target groups, its group and the rules admitting it.
    const alb = (p: Plan) =>
      p.resources.filter((r) => albKinds.includes(r.kind) || r.id.includes('gateway-sg'));
    expect(alb(plan).map((r) => r.id)).toEqual([
      'ec2/securityGroup/gateway-sg-lattice',
      'elbv2/targetGroup/color-gateway-nlb-lattice-blue',
      'elbv2/targetGroup/color-gateway-nlb-lattice-green',
      'elbv2/targetGroup/color-gateway-nlb-lattice-yellow',
      'ec2/securityGroup/colorapp-sg-lattice/ingress/tcp-80-from-gateway-sg-lattice',
      'ec2/securityGroup/gateway-sg-lattice/ingress/tcp-80',
      'elbv2/loadBalancer/color-gateway-nlb-lattice',
      'elbv2/loadBalancer/color-gateway-nlb-lattice/listener/80',
      'elbv2/loadBalancer/color-gateway-nlb-lattice/listener/80/rule/color-gateway-route-1',
      'elbv2/loadBalancer/color-gateway-nlb-lattice/listener/80/rule/color-gateway-route-1.color-route',
      'elbv2/loadBalancer/color-gateway-nlb-lattice/listener/80/rule/color-gateway-route-2',
    ]);
    // Only the names differ: every input, dependency and rule is the combined target's.
    expect(JSON.stringify(alb(plan)).replaceAll('-lattice', '-sc')).toBe(JSON.stringify(alb(combined)));
    // The rules forward to the nodes' ALB target groups, not to their Lattice services.
    const blue = one(plan, 'loadBalancerRule', 'color-gateway-route-2').input;
    expect(blue.Actions?.[0]?.ForwardConfig?.TargetGroups).toEqual([
      { TargetGroupArn: ref('elbv2/targetGroup/color-gateway-nlb-lattice-blue', 'arn'), Weight: 1 },
    ]);
    // ECS registers blue's tasks in its ALB target group as well as in its Lattice one.
    const service = one(plan, 'ecsService', 'blue-lattice').input as CreateServiceCommandInput;
    expect(service.loadBalancers).toEqual([
      {
        targetGroupArn: ref('elbv2/targetGroup/color-gateway-nlb-lattice-blue', 'arn'),
        containerName: 'blue-app',
        containerPort: 80,
      },
    ]);
    expect(service.vpcLatticeConfigurations).toHaveLength(1);
    // No Envoy gateway, and the warning names the ALB instead of "not compiled".
    expect(byKind(plan, 'ecsService').map((s) => s.name)).not.toContain('color-gateway-lattice');
    const gateway = plan.warnings.filter((w) => w.path.includes('virtualGateway'));
    expect(gateway.map((w) => w.received)).toEqual([
      'application load balancer "color-gateway-nlb-lattice" (internet-facing, port 80) with one rule per route',
    ]);
  });

  it('a gateway without a load balancer is not compiled: a warning names it', () => {
    const definition = structuredClone(colorMeshDefinition) as Loose;
    delete definition.gateways[0].task.loadBalancer;
    const noAlb = buildPlan(definition, PLAIN);
    const gateway = noAlb.warnings.filter((w) => w.path.includes('virtualGateway'));
    expect(gateway.map((w) => [w.code, w.path, w.received])).toEqual([
      ['CHANGED_BY_TARGET', 'mesh/color-mesh/virtualGateway/color-gateway', 'none: not compiled'],
    ]);
    expect(byKind(noAlb, 'loadBalancer')).toEqual([]);
  });
});

describe('target vpc-lattice: options', () => {
  it("nameSuffix: '' keeps the names, and the plan is named <plan>.vpc-lattice; another suffix replaces -lattice", () => {
    const kept = colorMesh(exampleParams).plan({ target: 'vpc-lattice', vpcLattice: { nameSuffix: '' } });
    expect(kept.planName).toBe('color-mesh.vpc-lattice');
    expect(byKind(kept, 'ecsService').map((s) => s.name)).toContain('green');
    const blue = colorMesh(exampleParams).plan({ target: 'vpc-lattice', vpcLattice: { nameSuffix: '-vl' } });
    expect(blue.planName).toBe('color-mesh-vl');
    expect(byKind(blue, 'ecsService').map((s) => s.name)).toContain('green-vl');
  });

  it('unknown, ill-typed or misplaced Lattice options are INVALID_OPTION issues', () => {
    const cases: [unknown, string][] = [
      [{ target: 'app-mesh', vpcLattice: {} }, 'vpcLattice'],
      [{ target: 'service-connect', vpcLattice: { auth: 'AWS_IAM' } }, 'vpcLattice'],
      [{ target: 'vpc-lattice', vpcLattice: 'AWS_IAM' }, 'vpcLattice'],
      [{ target: 'vpc-lattice', vpcLattice: { auth: 'IAM' } }, 'vpcLattice.auth'],
      [{ target: 'vpc-lattice', vpcLattice: { authType: 'AWS_IAM' } }, 'vpcLattice.authType'],
      [{ target: 'vpc-lattice', vpcLattice: { nameSuffix: 7 } }, 'vpcLattice.nameSuffix'],
      [{ target: 'service-connect+vpc-lattice', vpcLattice: { nameSuffix: '-x' } }, 'vpcLattice.nameSuffix'],
      [{ target: 'vpc-lattice', serviceConnect: {} }, 'serviceConnect'],
    ];
    for (const [options, field] of cases)
      expect(
        checkPlanOptions(options).map((i) => [i.code, i.field]),
        JSON.stringify(options),
      ).toEqual([['INVALID_OPTION', field]]);
    const bad = issuesOf(() =>
      colorMesh(exampleParams).plan({ target: 'vpc-lattice', vpcLattice: { nameSuffix: 'a b' } }),
    );
    expect(bad.map((i) => [i.code, i.field])).toEqual([['INVALID_OPTION', 'vpcLattice.nameSuffix']]);
    expect(checkPlanOptions({ target: 'service-connect+vpc-lattice', vpcLattice: { auth: 'NONE' } })).toEqual(
      [],
    );
  });
});

describe('target vpc-lattice: what only this target refuses', () => {
  const tcpMesh = (provided: boolean) => {
    const m = mesh('shop')
      .ecs(ENV)
      .node('db', (n) => n.listener(listener.tcp(5432)).task(task('db', 5432)))
      .node('web', (n) => n.listener(listener.http(80)).task(task('web', 80)))
      .service('web.shop.local', { node: 'web' });
    return provided ? m.service('db.shop.local', { node: 'db' }) : m;
  };

  it("a TCP listener behind a virtual service: Lattice's TCP listener is TLS_PASSTHROUGH only, so no exact mapping", () => {
    const issues = issuesOf(() => tcpMesh(true).plan(PLAIN));
    expect(issues.map((i) => [i.code, i.path, i.field])).toEqual([
      ['UNSUPPORTED_BY_TARGET', 'mesh/shop/virtualNode/db', 'listeners[0].portMapping.protocol'],
    ]);
    // The same node no virtual service names needs no Lattice listener.
    const plan = tcpMesh(false).plan(PLAIN);
    expect(byKind(plan, 'latticeService').map((s) => s.name)).toEqual(['web-shop-local-lattice']);
  });

  it('a STRICT TLS listener would become plaintext: refused; PERMISSIVE is a warning', () => {
    const tlsMesh = (mode: 'STRICT' | 'PERMISSIVE') =>
      mesh('shop')
        .ecs(ENV)
        .node('web', (n) =>
          n
            .listener(
              listener.http(80, {
                tls: { mode, certificate: { file: { certificateChain: '/c.pem', privateKey: '/k.pem' } } },
              }),
            )
            .task(task('web', 80)),
        )
        .service('web.shop.local', { node: 'web' });
    expect(issuesOf(() => tlsMesh('STRICT').plan(PLAIN)).map((i) => [i.code, i.field])).toEqual([
      ['UNSUPPORTED_BY_TARGET', 'listeners[0].tls'],
    ]);
    const permissive = tlsMesh('PERMISSIVE').plan(PLAIN);
    expect(permissive.warnings.filter((w) => w.field === 'listeners[0].tls').map((w) => w.code)).toEqual([
      'CHANGED_BY_TARGET',
    ]);
  });

  it("a node's target group serves one Lattice service: a second one forwarding to it is refused at plan time", () => {
    // VPC Lattice refuses (ConflictException) a target group in use by another service's listener.
    const shared = (nodeService: boolean) => {
      const m = mesh('shop')
        .ecs(ENV)
        .node('api', (n) => n.listener(listener.http(8080)).task(task('api')))
        .router('r1', (r) => r.listener(listener.http(8080)).route('to-api', { targets: { api: 1 } }))
        .service('one.shop.local', { router: 'r1' });
      return nodeService
        ? m.service('api.shop.local', { node: 'api' })
        : m
            .router('r2', (r) => r.listener(listener.http(8080)).route('to-api', { targets: { api: 1 } }))
            .service('two.shop.local', { router: 'r2' });
    };
    const suffix = (options: PlanOptions) => (options === PLAIN ? 'lattice' : 'sc');
    const refused = (issues: PlanIssue[]) =>
      issues.filter((i) => i.severity !== 'warning').map((i) => [i.code, i.path, i.received]);
    expect(refused(issuesOf(() => shared(true).plan(PLAIN)))).toEqual([
      [
        'UNSUPPORTED_BY_TARGET',
        'mesh/shop/virtualRouter/r1/route/to-api',
        'target group "shop-lattice-api", also forwarded to by VPC Lattice service "api-shop-local-lattice"',
      ],
    ]);
    for (const options of [PLAIN, { target: 'service-connect+vpc-lattice' } as const])
      expect(refused(issuesOf(() => shared(false).plan(options)))).toEqual([
        [
          'UNSUPPORTED_BY_TARGET',
          'mesh/shop/virtualRouter/r2/route/to-api',
          `target group "shop-${suffix(options)}-api", also forwarded to by VPC Lattice service "one-shop-local-${suffix(options)}"`,
        ],
      ]);
  });

  it('an IPv6-only mesh: the target groups reach the tasks over IPv4', () => {
    const ipv6 = mesh('shop', { ipPreference: 'IPv6_ONLY' })
      .ecs(ENV)
      .node('web', (n) => n.listener(listener.http(80)).task(task('web', 80)))
      .service('web.shop.local', { node: 'web' });
    expect(issuesOf(() => ipv6.plan(PLAIN)).map((i) => [i.code, i.field])).toEqual([
      ['UNSUPPORTED_BY_TARGET', 'ipPreference'],
    ]);
  });

  it('more node listeners than the default quota of listeners per service (2) is a warning', () => {
    const plan = mesh('shop')
      .ecs(ENV)
      .node('multi', (n) =>
        n
          .listener(listener.http(80))
          .listener(listener.http(81))
          .listener(listener.http(82))
          .task(task('multi', 80)),
      )
      .service('multi.shop.local', { node: 'multi' })
      .plan(PLAIN);
    expect(byKind(plan, 'latticeListener').map((l) => l.name)).toEqual(['http-80', 'http-81', 'http-82']);
    expect(plan.warnings.filter((w) => w.code === 'QUOTA_EXCEEDED').map((w) => w.field)).toEqual([
      'listeners',
    ]);
  });
});

describe('VPC Lattice AWS_IAM auth', () => {
  const policyOf = (p: Plan, id: string) =>
    byId(p, id).input as { resourceIdentifier: string; policy: string };

  it("each service's policy allows exactly the task roles listing it as a backend, in the documented format", () => {
    const plan = colorMesh(exampleParams).plan(IAM);
    const service = 'vpcLattice/service/router-colors-local-lattice';
    expect(policyOf(plan, `${service}/authPolicy`)).toEqual({
      resourceIdentifier: ref(service, 'id'),
      policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/color-mesh-red-task-role-lattice"]},"Action":"vpc-lattice-svcs:Invoke","Resource":"${ref(service, 'arn')}/*"}]}`,
    });
    expect(byId(plan, `${service}/authPolicy`).dependsOn).toEqual([
      'iam/role/color-mesh-red-task-role-lattice',
      service,
    ]);
    expect(byKind(plan, 'latticeService').map((s) => s.input.authType)).toEqual([
      'AWS_IAM',
      'AWS_IAM',
      'AWS_IAM',
    ]);
    expect(byKind(plan, 'latticeServiceNetwork')[0]?.input.authType).toBe('AWS_IAM');
  });

  it('the service network admits the signed requests of the account only, never anonymous ones', () => {
    const plan = colorMesh(exampleParams).plan(IAM);
    const network = 'vpcLattice/serviceNetwork/color-mesh-lattice';
    expect(JSON.parse(policyOf(plan, `${network}/authPolicy`).policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: '*',
        },
      ],
    });
  });

  it("a service no node calls denies everyone; the warning says the gateway's ALB reaches it without Lattice", () => {
    const plan = colorMesh(exampleParams).plan(IAM);
    const blue = 'vpcLattice/service/blue-colors-local-lattice';
    expect(JSON.parse(policyOf(plan, `${blue}/authPolicy`).policy).Statement).toEqual([
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'vpc-lattice-svcs:Invoke',
        Resource: `${ref(blue, 'arn')}/*`,
      },
    ]);
    const warning = plan.warnings.find(
      (w) =>
        w.path === 'mesh/color-mesh/virtualService/blue.colors.local' && w.received.startsWith('none: no'),
    );
    expect(warning?.message).toContain(
      'Virtual gateway color-gateway routes to it through its ALB, which forwards to the tasks directly, not through Lattice: the policy does not apply to those requests.',
    );
    expect(warning?.message).not.toContain('must reach its tasks without Lattice');
    // A gateway without a load balancer is not compiled: its callers would need Lattice.
    const definition = structuredClone(colorMeshDefinition) as Loose;
    delete definition.gateways[0].task.loadBalancer;
    const noAlb = buildPlan(definition, IAM).warnings.find(
      (w) =>
        w.path === 'mesh/color-mesh/virtualService/blue.colors.local' && w.received.startsWith('none: no'),
    );
    expect(noAlb?.message).toContain(
      'Virtual gateway color-gateway routes to it: a caller entering there must reach its tasks without Lattice or be added to the policy.',
    );
  });

  it("each caller's task role may invoke exactly the services it calls; callers are told to sign with SigV4", () => {
    const plan = latticeRoutingMesh().plan({
      target: 'service-connect+vpc-lattice',
      vpcLattice: { auth: 'AWS_IAM' },
    });
    const invoke = byId(plan, 'iam/role/shop-web-task-role-sc/policy/vpc-lattice-invoke');
    const api = 'vpcLattice/service/api-shop-local-sc';
    const rpc = 'vpcLattice/service/rpc-shop-local-sc';
    expect(JSON.parse((invoke.input as { PolicyDocument: string }).PolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: [`${ref(api, 'arn')}/*`, `${ref(rpc, 'arn')}/*`],
        },
      ],
    });
    expect(invoke.dependsOn).toEqual(['iam/role/shop-web-task-role-sc', api, rpc]);
    // No other role gets the permission, and the task definition waits for it.
    expect(byKind(plan, 'iamRolePolicy').filter((p) => p.name === 'vpc-lattice-invoke')).toHaveLength(1);
    expect(one(plan, 'taskDefinition', 'web-sc').dependsOn).toContain(invoke.id);
    const sigv4 = plan.warnings.filter((w) => w.message.includes('SigV4'));
    expect(sigv4.map((w) => [w.path, w.field])).toEqual([['mesh/shop/virtualNode/web', 'backends']]);
    // On the combined target only the routers' services are on Lattice: they alone get policies.
    expect(byKind(plan, 'latticeAuthPolicy').map((p) => p.name)).toEqual([
      'api.shop.local',
      'rpc.shop.local',
      'service-network',
    ]);
  });

  it("auth 'NONE' (the default): no policy, no permission, authType NONE", () => {
    const plan = colorMesh(exampleParams).plan(PLAIN);
    expect(byKind(plan, 'latticeAuthPolicy')).toEqual([]);
    expect(byKind(plan, 'iamRolePolicy').filter((p) => p.name === 'vpc-lattice-invoke')).toEqual([]);
    expect(byKind(plan, 'latticeService').map((s) => s.input.authType)).toEqual(['NONE', 'NONE', 'NONE']);
  });

  it('an auth policy over the 10 KB quota, counted with its ARNs resolved, is an issue', () => {
    const callers = (count: number) => {
      let m = mesh('shop')
        .ecs(ENV)
        .node('api', (n) => n.listener(listener.http(80)).task(task('api', 80)))
        .service('api.shop.local', { node: 'api' });
      for (let i = 0; i < count; i++)
        m = m.node(`caller-with-a-rather-long-name-${i}`, (n) =>
          n.backend('api.shop.local').task(task(`caller-${i}`, 80)),
        ) as typeof m;
      return m;
    };
    // Each role ARN is about 90 characters: 100 of them pass, 120 do not.
    expect(issuesOf(() => callers(100).plan(IAM))).toEqual([]);
    const issues = issuesOf(() => callers(120).plan(IAM));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['QUOTA_EXCEEDED', 'mesh/shop/virtualService/api.shop.local'],
    ]);
  });
});

describe('AWS_IAM through the simulator: only the nodes listing a service as a backend reach it', () => {
  const reach = (options: PlanOptions, nameSuffix: string, url: string) => {
    const plan = colorMesh(exampleParams).plan(options);
    const simulator = createServiceConnectSimulator(serviceConnectViewFromPlan(plan), {
      seed: 1,
      nameSuffix,
    });
    return Object.fromEntries(
      ['blue', 'green', 'red', 'yellow'].map((caller) => {
        const { failures } = simulator.from(caller).sample(url, 10);
        return [caller, Object.keys(failures).length > 0 ? Object.keys(failures).join() : 'answered'];
      }),
    ) as Record<string, unknown>;
  };

  it('service-connect+vpc-lattice: red calls the router; blue, green and yellow are denied', () => {
    expect(
      reach({ ...IAM, target: 'service-connect+vpc-lattice' }, '-sc', 'http://router.colors.local/'),
    ).toEqual({
      blue: 'AUTH_DENIED',
      green: 'AUTH_DENIED',
      red: 'answered',
      yellow: 'AUTH_DENIED',
    });
  });

  it('vpc-lattice: blue calls red; the others are denied, and without auth everyone answers', () => {
    expect(reach(IAM, '-lattice', 'http://red.colors.local/')).toEqual({
      blue: 'answered',
      green: 'AUTH_DENIED',
      red: 'AUTH_DENIED',
      yellow: 'AUTH_DENIED',
    });
    expect(Object.values(reach(PLAIN, '-lattice', 'http://red.colors.local/'))).toEqual([
      'answered',
      'answered',
      'answered',
      'answered',
    ]);
  });
});

describe('target vpc-lattice with AWS_IAM on the local cloud', () => {
  it('applies with every policy resolved to real ARNs and the gateway as an ALB, re-applies with no write, and destroys', async () => {
    const cloud = fastLocalCloud();
    const before = cloud.snapshot();
    const plan = colorMeshIn(cloud).plan(IAM);
    const first = await apply(plan, fastExecution(cloud));
    expect(first.error?.message).toBeUndefined();
    await cloud.settle();
    const snapshot = cloud.snapshot();
    const lattice = snapshot.vpcLattice as {
      services: { id: string; name: string }[];
      authPolicies: { resourceId: string; policy: string }[];
      targetGroups: { name: string; targets: unknown[] }[];
    };
    const router = lattice.services.find((s) => s.name === 'router-colors-local-lattice');
    const policy = lattice.authPolicies.find((p) => p.resourceId === router?.id)?.policy ?? '';
    expect(JSON.parse(policy).Statement[0].Resource).toMatch(
      new RegExp(`^arn:aws:vpc-lattice:[a-z0-9-]+:\\d{12}:service/${router?.id}/\\*$`),
    );
    expect(lattice.authPolicies).toHaveLength(4);
    expect(lattice.targetGroups.map((g) => [g.name, g.targets.length])).toEqual([
      ['color-mesh-lattice-blue', 1],
      ['color-mesh-lattice-green', 1],
      ['color-mesh-lattice-red', 1],
      ['color-mesh-lattice-yellow', 1],
    ]);
    // The gateway's ALB: ECS registered the target nodes' tasks in its groups too.
    const elbv2 = snapshot.elbv2 as unknown as {
      loadBalancers: { name: string; type: string }[];
      targetGroups: { name: string; targets: unknown[] }[];
      rules: { priority: number }[];
    };
    expect(elbv2.loadBalancers.map((lb) => [lb.name, lb.type])).toEqual([
      ['color-gateway-nlb-lattice', 'application'],
    ]);
    expect(elbv2.rules.map((r) => r.priority)).toEqual([1, 2, 3]);
    expect(elbv2.targetGroups.map((g) => [g.name, g.targets.length])).toEqual([
      ['color-gateway-nlb-lattice-blue', 1],
      ['color-gateway-nlb-lattice-green', 1],
      ['color-gateway-nlb-lattice-yellow', 1],
    ]);

    const mark = cloud.callLog().length;
    const again = await apply(plan, fastExecution(cloud));
    // The AWS-managed prefix list the plan references is read, never written.
    expect(again.results.filter((r) => r.outcome !== 'unchanged').map((r) => r.outcome)).toEqual([
      'referenced',
    ]);
    expect(
      cloud
        .callLog()
        .slice(mark)
        .filter((c) => c.write),
    ).toEqual([]);

    const destroyed = await destroy(plan, fastExecution(cloud));
    expect(destroyed.error?.message).toBeUndefined();
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
  });
});
