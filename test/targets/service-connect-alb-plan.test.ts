/**
 * The `service-connect+vpc-lattice` target turns a virtual gateway behind a load balancer into an
 * application load balancer (service-connect.md row 17 and section 4.4): what the color gateway
 * becomes (its rules, their transforms, the 4:1 weights scaled), how App Mesh's rewrites and a
 * router's routes become rule conditions, and each ALB limit failing and passing.
 */
import type { CreateServiceCommandInput } from '@aws-sdk/client-ecs';
import type { CreateRuleCommandInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import { isMeshError } from '../../src/errors/mesh-error.js';
import { plan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan.js';
import type { PlanOptions } from '../../src/plan/plan-options.js';
import { type PlannedResource, type ResourceKind, ref } from '../../src/plan/resource.js';
import { checkAlbRule } from '../../src/targets/alb/limits.js';
import type { PlanIssue } from '../../src/validate/issue.js';
import { colorMeshDefinition, PUBLIC_SUBNETS } from '../fixtures/color-mesh-definition.js';

const ALB: PlanOptions = { target: 'service-connect+vpc-lattice' };
const LB = 'color-gateway-nlb-sc';
const RULES = `elbv2/loadBalancer/${LB}/listener/80/rule`;

// biome-ignore lint/suspicious/noExplicitAny: tests edit a definition as plain data
type Loose = any;

function edited(edit: (definition: Loose) => void): MeshDefinition {
  const definition = structuredClone(colorMeshDefinition) as Loose;
  edit(definition);
  return definition;
}

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
const rules = (p: Plan) =>
  byKind(p, 'loadBalancerRule').sort((a, b) => (a.input.Priority ?? 0) - (b.input.Priority ?? 0));
const rule = (p: Plan, name: string) => {
  const found = byKind(p, 'loadBalancerRule').find((r) => r.name === name);
  if (found === undefined) throw new Error(`no rule ${name}`);
  return found.input as CreateRuleCommandInput;
};
const group = (name: string) => ref(`elbv2/targetGroup/${LB}-${name}`, 'arn');

describe('service-connect+vpc-lattice: the color gateway becomes an ALB', () => {
  const colorPlan = plan(colorMeshDefinition, ALB);

  it("is an internet-facing ALB in the load balancer's subnets, open to the gateway's CIDRs, with a fixed 404 by default", () => {
    const [balancer] = byKind(colorPlan, 'loadBalancer');
    expect(balancer?.input).toMatchObject({
      Name: LB,
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: [...PUBLIC_SUBNETS],
      SecurityGroups: [ref('ec2/securityGroup/gateway-sg-sc', 'id')],
    });
    expect(byKind(colorPlan, 'loadBalancerListener').map((l) => l.input)).toEqual([
      expect.objectContaining({
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
      }),
    ]);
    const ingress = Object.fromEntries(
      byKind(colorPlan, 'securityGroupIngress').map((r) => [r.id, r.input.IpPermissions]),
    );
    expect(ingress['ec2/securityGroup/gateway-sg-sc/ingress/tcp-80']).toEqual([
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ]);
    // The tasks admit the ALB's group on their port, and nothing else from outside.
    expect(ingress['ec2/securityGroup/colorapp-sg-sc/ingress/tcp-80-from-gateway-sg-sc']).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        UserIdGroupPairs: [{ GroupId: ref('ec2/securityGroup/gateway-sg-sc', 'id') }],
      },
    ]);
    // No Envoy gateway: the ALB does its routing.
    expect(byKind(colorPlan, 'ecsService').map((s) => s.name)).not.toContain('color-gateway-sc');
  });

  it('has one rule per way through, in App Mesh order: /router split green 36 : yellow 9, its 404, then / to blue', () => {
    expect(rules(colorPlan).map((r) => [r.input.Priority, r.name])).toEqual([
      [1, 'color-gateway-route-1.color-route'],
      [2, 'color-gateway-route-1'],
      [3, 'color-gateway-route-2'],
    ]);
    const router = rule(colorPlan, 'color-gateway-route-1.color-route');
    // The router's route (GET on every path) on the path the gateway route takes.
    expect(router.Conditions).toEqual([
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/router*'] } },
      { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } },
    ]);
    expect(router.Actions).toEqual([
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: group('green'), Weight: 36 },
            { TargetGroupArn: group('yellow'), Weight: 9 },
          ],
        },
      },
    ]);
    // App Mesh rewrites the matched prefix to / and the Host to the target virtual service.
    expect(router.Transforms).toEqual([
      { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/router(.*)$', Replace: '/$1' }] } },
      {
        Type: 'host-header-rewrite',
        HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^.*$', Replace: 'router.colors.local' }] },
      },
    ]);
    // A request /router takes that the router has no route for gets App Mesh's 404, not blue.
    expect(rule(colorPlan, 'color-gateway-route-1')).toMatchObject({
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/router*'] } }],
      Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
    });
    const blue = rule(colorPlan, 'color-gateway-route-2');
    expect(blue.Conditions).toEqual([{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }]);
    expect(blue.Actions).toEqual([
      { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: group('blue'), Weight: 1 }] } },
    ]);
    // The prefix / rewrites to itself: only the Host changes.
    expect(blue.Transforms).toEqual([
      {
        Type: 'host-header-rewrite',
        HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^.*$', Replace: 'blue.colors.local' }] },
      },
    ]);
    expect(blue.Tags).toContainEqual({ Key: 'appmesh-builder:rule', Value: 'color-gateway-route-2' });
  });

  it("registers the target nodes' tasks in HTTP target groups health-checked as their listeners, after the rule that uses each", () => {
    const groups = Object.fromEntries(byKind(colorPlan, 'targetGroup').map((g) => [g.name, g.input]));
    expect(Object.keys(groups).sort()).toEqual([`${LB}-blue`, `${LB}-green`, `${LB}-yellow`]);
    expect(groups[`${LB}-green`]).toMatchObject({
      Protocol: 'HTTP',
      Port: 80,
      TargetType: 'ip',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/healthcheck',
    });
    const services = Object.fromEntries(byKind(colorPlan, 'ecsService').map((s) => [s.name, s]));
    const green = services['green-sc'] as PlannedResource<'ecsService'>;
    expect((green.input as CreateServiceCommandInput).loadBalancers).toEqual([
      { targetGroupArn: group('green'), containerName: 'green-app', containerPort: 80 },
    ]);
    // ECS refuses a target group that no load balancer uses yet.
    expect(green.dependsOn).toContain(`${RULES}/color-gateway-route-1.color-route`);
    const red = services['red-sc'] as PlannedResource<'ecsService'>;
    expect(red.input.loadBalancers).toBeUndefined();
  });

  it('says what the gateway became, and not that it is lost', () => {
    const messages = colorPlan.warnings.map((w) => w.message);
    expect(messages.filter((m) => m.includes('virtualGateway/color-gateway'))).toEqual([
      expect.stringContaining(`application load balancer "${LB}"`),
    ]);
    // On Service Connect alone it stays not compiled.
    const alone = plan(colorMeshDefinition, { target: 'service-connect' }).warnings.map((w) => w.message);
    expect(alone.find((m) => m.includes('virtualGateway/color-gateway'))).toContain(
      'Service Connect has no gateway',
    );
  });

  it('a gateway without a load balancer is not compiled: the warning says a VPC Lattice service can play its role', () => {
    const p = plan(
      edited((d) => {
        delete d.gateways[0].task.loadBalancer;
      }),
      ALB,
    );
    expect(byKind(p, 'loadBalancer')).toEqual([]);
    expect(byKind(p, 'loadBalancerRule')).toEqual([]);
    const warning = p.warnings.find((w) => w.path.endsWith('virtualGateway/color-gateway'));
    expect(warning?.message).toContain('Service Connect has no gateway');
    expect(warning?.message).toContain('for callers inside the VPC, let a VPC Lattice service play its role');
  });
});

describe("service-connect+vpc-lattice: App Mesh's rewrites and the router's routes as rule conditions", () => {
  const routeTo = (d: Loose, index: number) => d.gateways[0].routes[index].spec.httpRoute;

  it('rewrite.prefix.value replaces the matched prefix; DISABLED keeps the path and the router matches it as it is', () => {
    const withValue = plan(
      edited((d) => {
        routeTo(d, 0).match.prefix = '/router/';
        routeTo(d, 0).action.rewrite = { prefix: { value: '/v2/' } };
      }),
      ALB,
    );
    expect(rule(withValue, 'color-gateway-route-1.color-route').Transforms?.[0]).toEqual({
      Type: 'url-rewrite',
      UrlRewriteConfig: { Rewrites: [{ Regex: '^/router/(.*)$', Replace: '/v2/$1' }] },
    });
    const kept = plan(
      edited((d) => {
        routeTo(d, 0).action.rewrite = {
          prefix: { defaultPrefix: 'DISABLED' },
          hostname: { defaultTargetHostname: 'DISABLED' },
        };
        d.routers[0].routes[0].spec.httpRoute.match = { prefix: '/router/x' };
      }),
      ALB,
    );
    const through = rule(kept, 'color-gateway-route-1.color-route');
    expect(through.Transforms).toBeUndefined();
    expect(through.Conditions).toEqual([
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/router/x*'] } },
    ]);
  });

  it("a router prefix is moved back under the gateway's prefix; one the rewrite can never produce makes no rule", () => {
    const p = plan(
      edited((d) => {
        routeTo(d, 0).match.prefix = '/router/';
        routeTo(d, 0).action.rewrite = { prefix: { value: '/api/' } };
        const route = d.routers[0].routes[0];
        d.routers[0].routes = [
          {
            ...structuredClone(route),
            name: 'version-one',
            spec: { httpRoute: { ...route.spec.httpRoute, match: { prefix: '/api/v1' } } },
          },
          {
            ...structuredClone(route),
            name: 'other-route',
            spec: { httpRoute: { ...route.spec.httpRoute, match: { prefix: '/other' } } },
          },
        ];
      }),
      ALB,
    );
    expect(rules(p).map((r) => r.name)).toEqual([
      'color-gateway-route-1.version-one',
      'color-gateway-route-1',
      'color-gateway-route-2',
    ]);
    // /router/ + rest arrives as /api/ + rest: /api/v1 is /router/v1 for the caller.
    expect(rule(p, 'color-gateway-route-1.version-one').Conditions).toEqual([
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/router/v1*'] } },
    ]);
  });

  it('an exact path keeps its rewrite.path.exact; methods that cannot both hold make no rule', () => {
    const p = plan(
      edited((d) => {
        const route = routeTo(d, 0);
        route.match = { path: { exact: '/router' }, method: 'POST' };
        route.action.rewrite = { path: { exact: '/' } };
        routeTo(d, 1).match = { path: { exact: '/blue' } };
        routeTo(d, 1).action.rewrite = { path: { exact: '/color' } };
      }),
      ALB,
    );
    // The new path replaces the old one; a query string, if ALB's URL holds it, stays.
    expect(rule(p, 'color-gateway-route-2').Transforms?.[0]).toEqual({
      Type: 'url-rewrite',
      UrlRewriteConfig: { Rewrites: [{ Regex: '^[^?]*(.*)$', Replace: '/color$1' }] },
    });
    // The router's route asks for GET: a POST never reaches it; the 404 rule answers instead.
    expect(rules(p).map((r) => r.name)).toEqual(['color-gateway-route-1', 'color-gateway-route-2']);
    expect(rule(p, 'color-gateway-route-1').Conditions).toEqual([
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/router'] } },
      { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['POST'] } },
    ]);
  });

  it('hostname, headers and query parameters become conditions; what ALB compares differently is a warning, never dropped silently', () => {
    const p = plan(
      edited((d) => {
        routeTo(d, 1).match = {
          prefix: '/',
          hostname: { suffix: '.example.com' },
          headers: [
            { name: 'x-canary', match: { exact: 'On' } },
            { name: 'x-version', match: { regex: 'v[0-9]+' } },
          ],
          queryParameters: [{ name: 'debug' }],
        };
      }),
      ALB,
    );
    expect(rule(p, 'color-gateway-route-2').Conditions).toEqual([
      { Field: 'host-header', HostHeaderConfig: { Values: ['*.example.com'] } },
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'x-canary', Values: ['On'] } },
      { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'debug', Value: '*' }] } },
    ]);
    const warning = p.warnings.find((w) => w.path.endsWith('gatewayRoute/color-gateway-route-2'));
    expect(warning?.code).toBe('CHANGED_BY_TARGET');
    expect(warning?.received).toBe(
      'match.headers[0] (ALB compares header values without case), match.headers[1].match.regex',
    );
  });
});

describe('service-connect+vpc-lattice: ALB limits', () => {
  const valid: CreateRuleCommandInput = {
    ListenerArn: 'arn',
    Priority: 1,
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/a*'] } }],
    Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'tg', Weight: 999 }] } }],
  };
  const codes = (input: CreateRuleCommandInput) => checkAlbRule(input, 'route').map((i) => i.expected);

  it('accepts a rule at every limit', () => {
    const header = {
      Field: 'http-header',
      HttpHeaderConfig: { HttpHeaderName: 'h'.repeat(40), Values: ['v'] },
    };
    expect(
      checkAlbRule(
        {
          ...valid,
          Priority: 50_000,
          Conditions: [
            { Field: 'path-pattern', PathPatternConfig: { Values: [`/${'p'.repeat(127)}`] } },
            header,
            header,
            header,
            header,
          ],
          Actions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [0, 1, 2, 3, 4].map((i) => ({
                  TargetGroupArn: `tg${i}`,
                  Weight: i === 0 ? 0 : 999,
                })),
              },
            },
          ],
        },
        'route',
      ),
    ).toEqual([]);
  });

  it('refuses priorities outside 1-50000', () => {
    expect(codes({ ...valid, Priority: 0 })).toEqual(['an ALB rule priority of 1 to 50000']);
    expect(codes({ ...valid, Priority: 50_001 })).toEqual(['an ALB rule priority of 1 to 50000']);
  });

  it('refuses more than 5 condition values, a path pattern over 128 characters, a header name over 40', () => {
    const method = { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } };
    const query = { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'a', Value: '1' }] } };
    expect(
      codes({ ...valid, Conditions: [...(valid.Conditions ?? []), method, query, query, query, query] }),
    ).toEqual(['at most 5 condition values in one ALB rule']);
    expect(
      codes({
        ...valid,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [`/${'p'.repeat(128)}`] } }],
      }),
    ).toEqual(['an ALB path pattern of at most 128 characters']);
    expect(
      codes({
        ...valid,
        Conditions: [
          { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'h'.repeat(41), Values: ['v'] } },
        ],
      }),
    ).toEqual(['an ALB header name of at most 40 characters']);
  });

  it("refuses a path pattern with a character ALB's path condition does not take", () => {
    // Value match: a-z A-Z 0-9 _ - . $ / ~ " ' @ : + ; & and the wildcards * ?
    const prefixed = (prefix: string) =>
      issuesOf(() =>
        plan(
          edited((d) => {
            d.gateways[0].routes[1].spec.httpRoute.match.prefix = prefix;
          }),
          ALB,
        ),
      )
        .filter((i) => i.severity !== 'warning')
        .map((i) => [i.code, i.path, i.received]);
    expect(prefixed('/a=b/')).toEqual([
      [
        'INVALID_MATCH',
        'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/color-gateway-route-2',
        '"/a=b/*"',
      ],
    ]);
    expect(prefixed('/a%20b,c!/')).toHaveLength(1);
    expect(prefixed(`/a_b-c.d$e~f'g@h:i+j;k&l/`)).toEqual([]);
  });

  it('refuses a forward to no target group or more than 5, and weights outside 0-999', () => {
    const forward = (groups: { TargetGroupArn: string; Weight: number }[]) => ({
      ...valid,
      Actions: [{ Type: 'forward' as const, ForwardConfig: { TargetGroups: groups } }],
    });
    expect(codes(forward([]))).toEqual(['1 to 5 target groups in one ALB forward']);
    expect(codes(forward([0, 1, 2, 3, 4, 5].map((i) => ({ TargetGroupArn: `tg${i}`, Weight: 1 }))))).toEqual([
      '1 to 5 target groups in one ALB forward',
    ]);
    expect(codes(forward([{ TargetGroupArn: 'tg', Weight: 1000 }]))).toEqual([
      'an ALB target group weight of 0 to 999',
    ]);
    expect(codes(forward([{ TargetGroupArn: 'tg', Weight: -1 }]))).toEqual([
      'an ALB target group weight of 0 to 999',
    ]);
  });

  it('refuses a gateway route and router route whose names, joined, overflow the rule tag value (256)', () => {
    // The rule is found by its plan name, a tag value: ELBv2 refuses one over 256 characters.
    const named = (gatewayRoute: string, routerRoute: string) =>
      issuesOf(() =>
        plan(
          edited((d) => {
            d.gateways[0].routes[0].name = gatewayRoute;
            d.routers[0].routes[0].name = routerRoute;
          }),
          ALB,
        ),
      ).map((i) => [i.code, i.path, i.received]);
    expect(named('g'.repeat(200), 'r'.repeat(100))).toEqual([
      [
        'INVALID_NAME',
        `mesh/color-mesh/virtualRouter/color-router/route/${'r'.repeat(100)}`,
        `"${'g'.repeat(200)}.${'r'.repeat(100)}" (301 characters)`,
      ],
    ]);
    expect(named('g'.repeat(200), 'r'.repeat(55))).toEqual([]);
  });

  it("refuses a load balancer name ELBv2 would refuse, and a node in more than ECS's 5 target groups", () => {
    const long = issuesOf(() =>
      plan(
        edited((d) => {
          d.gateways[0].task.loadBalancer.name = 'g'.repeat(30);
        }),
        ALB,
      ),
    );
    expect(long.map((i) => [i.code, i.path])).toContainEqual([
      'INVALID_NAME',
      'mesh/color-mesh/virtualGateway/color-gateway',
    ]);
    const six = issuesOf(() =>
      plan(
        edited((d) => {
          const gateway = d.gateways[0];
          d.gateways = [0, 1, 2, 3, 4, 5].map((i) => ({
            ...structuredClone(gateway),
            name: `gw${i}`,
            task: {
              ...structuredClone(gateway.task),
              family: `gw${i}`,
              serviceName: `gw${i}`,
              taskRoleName: `gw${i}-role`,
              securityGroupName: `gw${i}-sg`,
              loadBalancer: { ...gateway.task.loadBalancer, name: `lb${i}` },
            },
          }));
        }),
        ALB,
      ),
    );
    expect(
      six
        .filter((i) => i.code === 'QUOTA_EXCEEDED')
        .map((i) => i.path)
        .sort(),
    ).toEqual([
      'mesh/color-mesh/virtualNode/blue',
      'mesh/color-mesh/virtualNode/green',
      'mesh/color-mesh/virtualNode/yellow',
    ]);
  });
});
