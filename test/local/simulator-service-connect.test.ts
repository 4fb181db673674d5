/**
 * The simulator's Service Connect mode: which names a task resolves (every endpoint of its
 * namespace, no allow-list), the namespace rule, the rule that a task only knows the endpoints
 * that existed when it started, the even spread over the server's tasks, and the view a plan gives.
 */
import type { ServiceConnectService } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../src/local/simulator/result.js';
import { createServiceConnectSimulator } from '../../src/local/simulator/service-connect-simulator.js';
import type { ServiceConnectView } from '../../src/local/simulator/service-connect-view.js';
import { serviceConnectViewFromPlan } from '../../src/local/simulator/service-connect-view-from-plan.js';
import {
  colorServiceConnectPlan,
  serviceOrder,
  withoutServiceConnect,
} from '../support/service-connect-plans.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

/**
 * Namespace shop: web calls; api answers on api.shop.local:8080 (container port 3000) from three
 * tasks colored a, b and c; db has no client alias (db.shop:5432); legacy has no Service Connect;
 * elsewhere is in another namespace. Every endpoint exists before any task starts.
 */
function shopView(): ServiceConnectView {
  const sc = (services?: ServiceConnectService[]) => ({
    enabled: true,
    namespace: 'shop',
    ...(services ? { services } : {}),
  });
  const task = (serviceName: string, ip: string, color: string) => ({
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/shop/${ip}`,
    ip,
    serviceName,
    color,
    startedAt: at(10),
  });
  const instance = (ip: string) => ({ instanceId: ip, ipv4: ip, attributes: { AWS_INSTANCE_IPV4: ip } });
  return {
    namespace: { name: 'shop', arn: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-shop' },
    services: [
      { serviceName: 'web', taskFamily: 'web-family', serviceConnectConfiguration: sc(), portMappings: [] },
      {
        serviceName: 'api',
        taskFamily: 'api',
        serviceConnectConfiguration: sc([
          {
            portName: 'http',
            discoveryName: 'api',
            clientAliases: [{ port: 8080, dnsName: 'api.shop.local' }],
          },
        ]),
        portMappings: [{ name: 'http', containerPort: 3000, protocol: 'tcp' }],
      },
      {
        serviceName: 'db',
        taskFamily: 'db',
        serviceConnectConfiguration: sc([{ portName: 'pg' }]),
        portMappings: [{ name: 'pg', containerPort: 5432, protocol: 'tcp' }],
      },
      {
        serviceName: 'legacy',
        taskFamily: 'legacy',
        serviceConnectConfiguration: undefined,
        portMappings: [],
      },
      {
        serviceName: 'elsewhere',
        taskFamily: 'elsewhere',
        serviceConnectConfiguration: { enabled: true, namespace: 'other' },
        portMappings: [],
      },
    ],
    cloudMap: [
      { serviceName: 'api', createdAt: at(0), instances: ['10.0.1.1', '10.0.1.2', '10.0.1.3'].map(instance) },
      { serviceName: 'pg', createdAt: at(0), instances: [instance('10.0.2.1')] },
    ],
    tasks: [
      task('web', '10.0.0.1', 'web'),
      task('api', '10.0.1.1', 'a'),
      task('api', '10.0.1.2', 'b'),
      task('api', '10.0.1.3', 'c'),
      task('db', '10.0.2.1', 'db'),
      task('legacy', '10.0.3.1', 'legacy'),
      task('elsewhere', '10.0.4.1', 'elsewhere'),
    ],
  };
}

function answerOf(result: SimResult): string {
  return result.ok ? result.body : `failed: ${result.reason}`;
}

describe('Service Connect: what a task resolves', () => {
  it('a task of a Service Connect service reaches client aliases and, for an entry without one, discoveryName.namespace', () => {
    const web = createServiceConnectSimulator(shopView()).from('web');
    const api = web.get('http://api.shop.local:8080/');
    expect(api).toMatchObject({ ok: true, status: 200, servedBy: { node: 'api' } });
    expect(['a', 'b', 'c']).toContain(answerOf(api));
    // db's entry names no alias: its name is discoveryName (the port name) . namespace, on the container port.
    expect(answerOf(web.get('http://pg.shop:5432/'))).toBe('db');
  });

  it('on a port the endpoint does not have, the connection is refused', () => {
    const web = createServiceConnectSimulator(shopView()).from('web');
    expect(web.get('http://api.shop.local:3000/')).toMatchObject({ ok: false, reason: 'CONNECTION_REFUSED' });
  });

  it('a name outside the namespace does not resolve; localhost answers the task itself', () => {
    const api = createServiceConnectSimulator(shopView()).from('api');
    expect(api.get('http://payments.shop.local:8080/')).toMatchObject({
      ok: false,
      reason: 'DNS_UNRESOLVED',
    });
    expect(['a', 'b', 'c']).toContain(answerOf(api.get('http://localhost:3000/')));
  });

  it('a caller is named by its ECS service or its task family; an unknown name throws', () => {
    const sim = createServiceConnectSimulator(shopView());
    expect(sim.from('web-family').get('http://pg.shop:5432/')).toMatchObject({ ok: true, body: 'db' });
    expect(() => sim.from('nobody')).toThrow(
      /no ECS service named "nobody" \(it has: api, db, elsewhere, legacy, web\)/,
    );
  });

  it('a service without running tasks has nothing to send from', () => {
    const view = shopView();
    const sim = createServiceConnectSimulator({
      ...view,
      tasks: view.tasks.filter((t) => t.serviceName !== 'web'),
    });
    expect(sim.from('web').get('http://api.shop.local:8080/')).toMatchObject({
      ok: false,
      reason: 'NOT_RUNNING',
    });
  });
});

describe('Service Connect: the namespace rule', () => {
  it('a service without Service Connect cannot resolve the names, though it could connect', () => {
    const result = createServiceConnectSimulator(shopView())
      .from('legacy')
      .get('http://api.shop.local:8080/');
    expect(result).toMatchObject({
      ok: false,
      reason: 'DNS_UNRESOLVED',
      curl: 'curl: (6) Could not resolve host: api.shop.local',
    });
    expect(result.ok ? '' : result.message).toContain(
      'only tasks of its Service Connect services resolve it, and ECS service legacy is not one (it has no Service Connect configuration)',
    );
  });

  it('nor can a Service Connect service of another namespace, or one whose configuration is not enabled', () => {
    const view = shopView();
    const sim = createServiceConnectSimulator(view);
    const other = sim.from('elsewhere').get('http://api.shop.local:8080/');
    expect(other).toMatchObject({ ok: false, reason: 'DNS_UNRESOLVED' });
    expect(other.ok ? '' : other.message).toContain('it is in namespace other');

    const disabled = createServiceConnectSimulator({
      ...view,
      services: view.services.map((s) =>
        s.serviceName === 'web'
          ? { ...s, serviceConnectConfiguration: { enabled: false, namespace: 'shop' } }
          : s,
      ),
    });
    expect(disabled.from('web').get('http://api.shop.local:8080/')).toMatchObject({
      reason: 'DNS_UNRESOLVED',
    });
  });

  it('a configuration may name the namespace by its ARN', () => {
    const view = shopView();
    const byArn = createServiceConnectSimulator({
      ...view,
      services: view.services.map((s) =>
        s.serviceName === 'web'
          ? { ...s, serviceConnectConfiguration: { enabled: true, namespace: view.namespace.arn } }
          : s,
      ),
    });
    expect(byArn.from('web').get('http://pg.shop:5432/')).toMatchObject({ ok: true, body: 'db' });
  });
});

describe('Service Connect: a task only knows the endpoints that existed when it started', () => {
  it("an endpoint created after the caller's task started fails, saying so; once the caller restarts it answers", () => {
    const view = shopView();
    const later = {
      ...view,
      cloudMap: view.cloudMap.map((s) => (s.serviceName === 'pg' ? { ...s, createdAt: at(20) } : s)),
    };
    const result = createServiceConnectSimulator(later).from('web').get('http://pg.shop:5432/');
    expect(result).toMatchObject({
      ok: false,
      reason: 'ENDPOINT_NEWER_THAN_TASK',
      curl: 'curl: (6) Could not resolve host: pg.shop',
    });
    expect(result.ok ? '' : result.message).toContain(
      'tasks only see endpoints that existed when they started',
    );

    const restarted = {
      ...later,
      tasks: later.tasks.map((t) => (t.serviceName === 'web' ? { ...t, startedAt: at(30) } : t)),
    };
    expect(createServiceConnectSimulator(restarted).from('web').get('http://pg.shop:5432/')).toMatchObject({
      ok: true,
      body: 'db',
    });
  });

  it('an endpoint whose Cloud Map service ECS has not created does not resolve', () => {
    const view = shopView();
    const sim = createServiceConnectSimulator({
      ...view,
      cloudMap: view.cloudMap.filter((s) => s.serviceName !== 'pg'),
    });
    expect(sim.from('web').get('http://pg.shop:5432/')).toMatchObject({
      ok: false,
      reason: 'DNS_UNRESOLVED',
    });
  });
});

describe('Service Connect: the spread over the server', () => {
  it("requests spread evenly over the server's running tasks (within four standard deviations)", () => {
    const n = 3000;
    const sample = createServiceConnectSimulator(shopView(), { seed: 7 })
      .from('web')
      .sample('http://api.shop.local:8080/', n);
    expect(sample.failures).toEqual({});
    expect(Object.keys(sample.answers).sort()).toEqual(['a', 'b', 'c']);
    const bound = 4 * Math.sqrt(n * (1 / 3) * (2 / 3));
    for (const count of Object.values(sample.answers)) expect(Math.abs(count - n / 3)).toBeLessThan(bound);
  });

  it('the same seed gives the same answers, one request after another', () => {
    const run = (seed: number) => {
      const web = createServiceConnectSimulator(shopView(), { seed }).from('web');
      return Array.from({ length: 40 }, () => answerOf(web.get('http://api.shop.local:8080/'))).join('');
    };
    expect(run(11)).toBe(run(11));
    expect(run(11)).not.toBe(run(12));
  });

  it('an instance whose task is gone fails to connect; a server without instances has no healthy upstream', () => {
    const view = shopView();
    const gone = createServiceConnectSimulator({
      ...view,
      tasks: view.tasks.filter((t) => t.serviceName !== 'db'),
    });
    expect(gone.from('web').get('http://pg.shop:5432/')).toMatchObject({ reason: 'UPSTREAM_CONNECT_FAILED' });
    const empty = createServiceConnectSimulator({
      ...view,
      cloudMap: view.cloudMap.map((s) => ({ ...s, instances: [] })),
    });
    expect(empty.from('web').get('http://pg.shop:5432/')).toMatchObject({
      reason: 'NO_HEALTHY_UPSTREAM',
      status: 503,
    });
  });
});

describe('serviceConnectViewFromPlan, on the color mesh compiled to Service Connect', () => {
  const plan = colorServiceConnectPlan();

  it('runs every service, creating each one (its Cloud Map services, then its tasks) in plan order: servers first', () => {
    const view = serviceConnectViewFromPlan(plan);
    expect(view.namespace.name).toBe('color-mesh');
    const order = serviceOrder(plan);
    // red calls the router's name (green's endpoint), blue calls red: their servers come first.
    expect(order.indexOf('green')).toBeLessThan(order.indexOf('red'));
    expect(order.indexOf('red')).toBeLessThan(order.indexOf('blue'));
    const started = (node: string) =>
      view.tasks.find((t) => t.serviceName === `${node}-sc`)?.startedAt.getTime() ?? -1;
    // The plan's discovery names are the node names.
    const created = (node: string) =>
      view.cloudMap.find((s) => s.serviceName === node)?.createdAt.getTime() ?? -1;
    for (const [i, node] of order.entries()) {
      expect(created(node)).toBeLessThan(started(node));
      const next = order[i + 1];
      if (next !== undefined) expect(started(node)).toBeLessThan(created(next));
    }
    // Each Cloud Map service holds its server's tasks, which answer with their COLOR.
    for (const service of view.cloudMap) {
      const ips = view.tasks.filter((t) => t.serviceName === `${service.serviceName}-sc`).map((t) => t.ip);
      expect(service.instances.map((i) => i.ipv4)).toEqual(ips);
    }
    expect(view.tasks.map((t) => t.color)).toEqual(order);
  });

  it('the plan names the namespace by reference: the view resolves it to the namespace of the view', () => {
    const view = serviceConnectViewFromPlan(plan);
    const red = view.services.find((s) => s.serviceName === 'red-sc');
    expect(red?.serviceConnectConfiguration?.namespace).toBe(view.namespace.arn);
    expect(red?.taskFamily).toBe('red-sc');
    expect(red?.portMappings).toEqual([
      { containerPort: 80, protocol: 'tcp', name: 'http-80', appProtocol: 'http' },
    ]);
  });

  it('first deployment: a task knows the endpoints of services created before it, not after', () => {
    const sim = createServiceConnectSimulator(serviceConnectViewFromPlan(plan));
    // red is created after green (the router's name) and before blue; a node's name finds its service.
    expect(answerOf(sim.from('red').get('http://router.colors.local/'))).toBe('green');
    expect(answerOf(sim.from('red-sc').get('http://red.colors.local/'))).toBe('red');
    expect(answerOf(sim.from('red').get('http://blue.colors.local/'))).toBe(
      'failed: ENDPOINT_NEWER_THAN_TASK',
    );
    // No allow-list: blue reaches the router although App Mesh gave it only red.colors.local.
    expect(answerOf(sim.from('blue').get('http://router.colors.local/'))).toBe('green');
  });

  it('once every service has been deployed again, every task reaches every endpoint', () => {
    const view = serviceConnectViewFromPlan(plan, { tasksStart: 'after-every-endpoint' });
    const sim = createServiceConnectSimulator(view);
    const table = sim
      .callers()
      .map((caller) => [caller, ...sim.endpoints().map((e) => answerOf(sim.from(caller).get(e.url)))]);
    // yellow keeps no name of the definition: its alias has the default name, discoveryName.namespace.
    expect(sim.endpoints().map((e) => e.url)).toEqual([
      'http://blue.colors.local/',
      'http://red.colors.local/',
      'http://router.colors.local/',
      'http://yellow.color-mesh/',
    ]);
    expect(table).toEqual(
      ['blue', 'green', 'red', 'yellow'].map((node) => [`${node}-sc`, 'blue', 'red', 'green', 'yellow']),
    );
  });

  it('a service of the plan without Service Connect cannot resolve the names', () => {
    const sim = createServiceConnectSimulator(
      serviceConnectViewFromPlan(withoutServiceConnect(plan, 'blue')),
    );
    expect(sim.from('blue').get('http://red.colors.local/')).toMatchObject({ reason: 'DNS_UNRESOLVED' });
  });
});
