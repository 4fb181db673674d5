/**
 * The simulator's VPC Lattice part, on a hand-written view: which names go through Lattice (and
 * from which VPC), the listener's port, rules in priority order with their method, path and header
 * matches, the default action, weighted target groups (weight 0 never drawn), target health, and
 * which of Service Connect and Lattice answers a name both serve.
 */
import type { RuleAction, RuleMatch } from '@aws-sdk/client-vpc-lattice';
import { describe, expect, it } from 'vitest';
import type { LatticeService, LatticeTarget } from '../../src/local/simulator/lattice-view.js';
import { createServiceConnectSimulator } from '../../src/local/simulator/service-connect-simulator.js';
import type {
  ServiceConnectTask,
  ServiceConnectView,
} from '../../src/local/simulator/service-connect-view.js';

const API = 'http://api.shop.internal/';
const ACCOUNT = '123456789012';
const SERVICE_ARN = `arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:service/svc-0api`;
const AWS_NAME = 'api-0api.1234567.vpc-lattice-svcs.us-east-1.on.aws';

const forward = (...groups: [string, number][]): RuleAction => ({
  forward: {
    targetGroups: groups.map(([targetGroupIdentifier, weight]) => ({ targetGroupIdentifier, weight })),
  },
});
const rule = (
  name: string,
  priority: number,
  httpMatch: NonNullable<RuleMatch['httpMatch']>,
  action: RuleAction,
) => ({
  name,
  priority,
  match: { httpMatch },
  action,
});
const healthy = (ip: string): LatticeTarget => ({ ip, port: 3000, status: 'HEALTHY' });

/** The API service: listener 80 and these rules (given out of priority order, as a view may list them). */
const API_RULES = [
  rule(
    'everything',
    100,
    { method: 'GET', pathMatch: { match: { prefix: '/' } } },
    forward(['tg-v1', 3], ['tg-v2', 1], ['tg-ghost', 0]),
  ),
  rule('v2-by-path', 10, { pathMatch: { match: { prefix: '/v2' } } }, forward(['tg-v2', 1])),
  rule(
    'canary',
    5,
    { headerMatches: [{ name: 'X-Canary', match: { exact: 'yes' } }] },
    forward(['tg-v2', 1]),
  ),
  rule(
    'team-blue',
    6,
    {
      headerMatches: [
        { name: 'x-team', match: { prefix: 'Blue' }, caseSensitive: true },
        { name: 'x-env', match: { contains: 'prod' } },
      ],
    },
    forward(['tg-v2', 1]),
  ),
  rule(
    'orders',
    20,
    { method: 'POST', pathMatch: { match: { exact: '/orders' } } },
    { fixedResponse: { statusCode: 500 } },
  ),
  rule(
    'static',
    30,
    { method: 'POST', pathMatch: { match: { prefix: '/static' }, caseSensitive: false } },
    forward(['tg-v1', 1]),
  ),
  rule('sick', 40, { method: 'DELETE', pathMatch: { match: { prefix: '/' } } }, forward(['tg-sick', 1])),
  rule(
    'untested',
    41,
    { method: 'PUT', pathMatch: { match: { prefix: '/' } } },
    forward(['tg-unchecked', 1]),
  ),
];

function apiService(edit: Partial<LatticeService> = {}): LatticeService {
  return {
    id: 'svc-0api',
    arn: SERVICE_ARN,
    name: 'api',
    customDomainName: 'api.shop.internal',
    dnsEntry: { domainName: AWS_NAME },
    authType: 'NONE',
    authPolicy: undefined,
    serviceNetworks: ['sn-0shop'],
    listeners: [
      {
        name: 'http-80',
        port: 80,
        protocol: 'HTTP',
        defaultAction: { fixedResponse: { statusCode: 404 } },
        rules: API_RULES,
      },
    ],
    ...edit,
  };
}

function task(serviceName: string, ip: string, color: string, vpcId = 'vpc-shop'): ServiceConnectTask {
  return {
    taskArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/shop/${ip}`,
    ip,
    serviceName,
    color,
    startedAt: new Date(0),
    vpcId,
    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/${serviceName}-role`,
  };
}

/**
 * web (a Service Connect client, VPC vpc-shop) and outsider (VPC vpc-other) call api.shop.internal:
 * a Lattice service in network shop (associated with vpc-shop), whose target groups hold api-v1's
 * task (answers v1), api-v2's (v2), ghost's (weight 0 only), an unhealthy one, and one whose
 * health checks are off.
 */
function shopLatticeView(service: LatticeService = apiService()): ServiceConnectView {
  const ecs = (serviceName: string) => ({
    serviceName,
    taskFamily: serviceName,
    serviceConnectConfiguration: { enabled: true, namespace: 'shop' },
    portMappings: [{ name: 'http', containerPort: 3000, protocol: 'tcp' as const }],
  });
  return {
    namespace: { name: 'shop' },
    services: ['web', 'outsider', 'api-v1', 'api-v2', 'ghost', 'sick', 'unchecked'].map(ecs),
    cloudMap: [],
    tasks: [
      task('web', '10.0.0.1', 'web'),
      task('outsider', '10.9.0.1', 'outsider', 'vpc-other'),
      task('api-v1', '10.0.1.1', 'v1'),
      task('api-v2', '10.0.2.1', 'v2'),
      task('ghost', '10.0.3.1', 'ghost'),
      task('sick', '10.0.4.1', 'sick'),
      task('unchecked', '10.0.5.1', 'unchecked'),
    ],
    lattice: {
      serviceNetworks: [
        {
          id: 'sn-0shop',
          arn: `arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:servicenetwork/sn-0shop`,
          name: 'shop',
          authType: 'NONE',
          vpcIds: ['vpc-shop'],
          authPolicy: undefined,
        },
      ],
      services: [service],
      targetGroups: [
        ['tg-v1', [healthy('10.0.1.1')]],
        ['tg-v2', [healthy('10.0.2.1')]],
        ['tg-ghost', [healthy('10.0.3.1')]],
        ['tg-sick', [{ ip: '10.0.4.1', port: 3000, status: 'UNHEALTHY' }]],
        ['tg-unchecked', [{ ip: '10.0.5.1', port: 3000, status: 'UNAVAILABLE' }]],
      ].map(([id, targets]) => ({
        id: id as string,
        arn: `arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:targetgroup/${id}`,
        name: id as string,
        port: 3000,
        targets: targets as LatticeTarget[],
      })),
    },
  };
}

const web = (view = shopLatticeView()) =>
  createServiceConnectSimulator(view, { seed: 3, nameSuffix: '' }).from('web');
const bodyOf = (result: ReturnType<ReturnType<typeof web>['get']>) =>
  result.ok ? result.body : result.reason;

describe('rules, in priority order', () => {
  it('the lowest priority that matches acts: a header rule (5) before the path rule (10) and the catch-all (100)', () => {
    const from = web();
    expect(bodyOf(from.get(`${API}v2/x`))).toBe('v2');
    expect(from.sample(`${API}v1`, 50, { headers: { 'x-canary': 'YES' } })).toEqual({
      total: 50,
      answers: { v2: 50 },
      failures: {},
    });
    // Header values compare case-insensitively unless the match says caseSensitive.
    expect(from.sample(`${API}v1`, 50, { headers: { 'X-Canary': 'Yes' } }).answers).toEqual({ v2: 50 });
    expect(from.sample(`${API}v1`, 50, { headers: { 'x-canary': 'yess' } }).answers.v2 ?? 0).toBeLessThan(50);
  });

  it('every header match of a rule must hold: prefix (case-sensitive here) and contains', () => {
    const from = web();
    const both = { 'x-team': 'Blue-7', 'x-env': 'PRODUCTION' };
    expect(from.sample(API, 40, { headers: both }).answers).toEqual({ v2: 40 });
    // caseSensitive: true on x-team: blue-7 is not Blue.
    expect(from.sample(API, 200, { headers: { ...both, 'x-team': 'blue-7' } }).answers.v1).toBeGreaterThan(
      100,
    );
    // x-env missing: the rule does not match.
    expect(from.sample(API, 200, { headers: { 'x-team': 'Blue-7' } }).answers.v1).toBeGreaterThan(100);
  });

  it("method and exact path: a fixed response is the rule's own status; another path falls to the default 404", () => {
    const from = web();
    expect(from.request('POST', `${API}orders`)).toMatchObject({
      ok: false,
      reason: 'FIXED_RESPONSE',
      status: 500,
    });
    // Paths compare case-sensitively by default.
    expect(from.request('POST', `${API}Orders`)).toMatchObject({
      ok: false,
      reason: 'NO_ROUTE',
      status: 404,
    });
    expect(from.request('POST', `${API}orders/1`)).toMatchObject({ reason: 'NO_ROUTE', status: 404 });
    // A prefix with caseSensitive: false.
    expect(bodyOf(from.request('POST', `${API}STATIC/logo.png`))).toBe('v1');
  });

  it('the default action answers when no rule matches: its own status, or its forward', () => {
    const notFound = web().request('PATCH', API);
    expect(notFound).toMatchObject({ ok: false, reason: 'NO_ROUTE', status: 404, curl: '' });
    expect(notFound.hops).toContain('listener http-80: no rule matches, default action');
    const service = apiService();
    const listener = service.listeners[0];
    if (listener === undefined) throw new Error('the view has a listener');
    const forwarding = apiService({ listeners: [{ ...listener, defaultAction: forward(['tg-v1', 1]) }] });
    expect(bodyOf(web(shopLatticeView(forwarding)).request('PATCH', API))).toBe('v1');
  });
});

describe('weighted target groups and target health', () => {
  it('draws target groups by weight (3:1) with the seeded chooser; weight 0 is never drawn', () => {
    const split = web().sample(API, 2000);
    expect(split.failures).toEqual({});
    expect(split.answers.ghost).toBeUndefined();
    // Binomial(2000, 0.75): four standard deviations is about 77.
    expect(Math.abs((split.answers.v1 ?? 0) - 1500)).toBeLessThan(4 * Math.sqrt(2000 * 0.75 * 0.25));
    expect(split.answers.v2).toBe(2000 - (split.answers.v1 ?? 0));
    expect(web().sample(API, 300)).toEqual(web().sample(API, 300));
  });

  it('a group with no healthy target fails with 503; targets whose health checks are off still answer', () => {
    expect(web().request('DELETE', API)).toMatchObject({
      ok: false,
      reason: 'NO_HEALTHY_UPSTREAM',
      status: 503,
    });
    expect(bodyOf(web().request('PUT', API))).toBe('unchecked');
  });

  it('a target whose task is gone, or does not listen on its port, cannot answer', () => {
    const view = shopLatticeView();
    const gone = { ...view, tasks: view.tasks.filter((t) => t.serviceName !== 'unchecked') };
    expect(web(gone).request('PUT', API)).toMatchObject({ ok: false, reason: 'UPSTREAM_CONNECT_FAILED' });
    const lattice = view.lattice;
    if (lattice === undefined) throw new Error('the view has Lattice');
    const wrongPort: ServiceConnectView = {
      ...view,
      lattice: {
        ...lattice,
        targetGroups: lattice.targetGroups.map((g) => ({
          ...g,
          targets: g.targets.map((t) => ({ ...t, port: 9999 })),
        })),
      },
    };
    expect(web(wrongPort).request('PUT', API)).toMatchObject({
      ok: false,
      reason: 'UPSTREAM_CONNECT_FAILED',
      message: 'the task at 10.0.5.1 does not listen on port 9999',
    });
  });
});

describe('which requests go through Lattice', () => {
  it("both of the service's names reach it, on its listener's port only", () => {
    expect(bodyOf(web().get(`http://${AWS_NAME}/v2`))).toBe('v2');
    expect(bodyOf(web().get('http://API.shop.internal/v2'))).toBe('v2');
    expect(web().get('http://api.shop.internal:8080/')).toMatchObject({
      ok: false,
      reason: 'CONNECTION_REFUSED',
      message: 'VPC Lattice service api has no listener on port 8080 (it listens on 80)',
    });
  });

  it("a task whose VPC is in none of the service's networks cannot reach it", () => {
    const sim = createServiceConnectSimulator(shopLatticeView(), { nameSuffix: '' });
    expect(sim.from('outsider').get(API)).toMatchObject({ ok: false, reason: 'CONNECTION_TIMEOUT' });
    expect(sim.from('web').get(API).ok).toBe(true);
  });

  it('a Service Connect endpoint of the same name wins for the tasks that know it (ECS puts it in /etc/hosts)', () => {
    const view = shopLatticeView();
    const withAlias: ServiceConnectView = {
      ...view,
      services: view.services.map((s) =>
        s.serviceName === 'ghost'
          ? {
              ...s,
              serviceConnectConfiguration: {
                enabled: true,
                namespace: 'shop',
                services: [
                  {
                    portName: 'http',
                    discoveryName: 'ghost',
                    clientAliases: [{ port: 80, dnsName: 'api.shop.internal' }],
                  },
                ],
              },
            }
          : s.serviceName === 'outsider'
            ? { ...s, serviceConnectConfiguration: undefined }
            : s,
      ),
      cloudMap: [
        {
          serviceName: 'ghost',
          createdAt: new Date(0),
          instances: [{ instanceId: 'g', ipv4: '10.0.3.1', attributes: {} }],
        },
      ],
      tasks: view.tasks.map((t) => (t.serviceName === 'outsider' ? { ...t, vpcId: 'vpc-shop' } : t)),
    };
    const sim = createServiceConnectSimulator(withAlias, { nameSuffix: '' });
    expect(sim.from('web').sample(API, 50).answers).toEqual({ ghost: 50 });
    // Outside Service Connect, the task asks DNS: Lattice answers.
    expect(sim.from('outsider').sample(`${API}v2`, 50).answers).toEqual({ v2: 50 });
  });
});

describe('auth policies on the way (AWS_IAM)', () => {
  const webRole = `arn:aws:iam::${ACCOUNT}:role/web-role`;
  /** As the plan writes them: the callers' task roles may invoke every path of the service. */
  const onlyWeb = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: [webRole] },
        Action: 'vpc-lattice-svcs:Invoke',
        Resource: `${SERVICE_ARN}/*`,
      },
    ],
  });
  const anyone = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:*', Resource: '*' }],
  });
  /** The shop view with these auth settings on the network and the service. */
  function withAuth(
    network: { authType: 'NONE' | 'AWS_IAM'; authPolicy?: string },
    service: { authType: 'NONE' | 'AWS_IAM'; authPolicy?: string },
  ) {
    const view = shopLatticeView(apiService({ authPolicy: undefined, ...service }));
    const lattice = view.lattice;
    if (lattice === undefined) throw new Error('the view has Lattice');
    return createServiceConnectSimulator(
      {
        ...view,
        lattice: {
          ...lattice,
          serviceNetworks: lattice.serviceNetworks.map((n) => ({ ...n, authPolicy: undefined, ...network })),
        },
      },
      { nameSuffix: '' },
    );
  }

  it("the service's policy lets the listed task role through and answers 403 to other callers", () => {
    const sim = withAuth({ authType: 'NONE' }, { authType: 'AWS_IAM', authPolicy: onlyWeb });
    expect(sim.from('web').get(`${API}v2`)).toMatchObject({ ok: true, body: 'v2' });
    const denied = sim.from('api-v1').get(`${API}v2`);
    expect(denied).toMatchObject({ ok: false, reason: 'AUTH_DENIED', status: 403 });
    if (denied.ok) throw new Error('denied');
    expect(denied.message).toBe(
      `service api's auth policy allows arn:aws:iam::${ACCOUNT}:role/api-v1-role no vpc-lattice-svcs:Invoke on ${SERVICE_ARN}/v2`,
    );
    expect(denied.curl).toContain('AccessDeniedException');
  });

  it('both must allow when both are AWS_IAM; a policy under auth type NONE is not enforced', () => {
    expect(
      withAuth({ authType: 'AWS_IAM', authPolicy: anyone }, { authType: 'AWS_IAM', authPolicy: onlyWeb })
        .from('api-v1')
        .get(API),
    ).toMatchObject({
      reason: 'AUTH_DENIED',
    });
    expect(
      withAuth({ authType: 'AWS_IAM', authPolicy: anyone }, { authType: 'AWS_IAM', authPolicy: onlyWeb })
        .from('web')
        .get(API).ok,
    ).toBe(true);
    // The network's policy refuses web, the service's would let it through.
    const networkOnlyOthers = onlyWeb.replace('web-role', 'api-v1-role');
    expect(
      withAuth(
        { authType: 'AWS_IAM', authPolicy: networkOnlyOthers },
        { authType: 'AWS_IAM', authPolicy: onlyWeb },
      )
        .from('web')
        .get(API),
    ).toMatchObject({
      reason: 'AUTH_DENIED',
      message: expect.stringMatching(/^service network shop's auth policy allows /),
    });
    expect(
      withAuth(
        { authType: 'NONE', authPolicy: networkOnlyOthers },
        { authType: 'NONE', authPolicy: networkOnlyOthers },
      )
        .from('web')
        .get(API).ok,
    ).toBe(true);
  });

  it('AWS_IAM without a policy allows no one', () => {
    expect(withAuth({ authType: 'AWS_IAM' }, { authType: 'NONE' }).from('web').get(API)).toMatchObject({
      reason: 'AUTH_DENIED',
      message: 'service network shop is AWS_IAM and has no auth policy: it allows no one',
    });
  });
});
