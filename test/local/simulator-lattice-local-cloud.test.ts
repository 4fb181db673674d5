/**
 * The color tutorial's `service-connect+vpc-lattice` plan applied once to the local cloud, read
 * back with readServiceConnectView (ECS, Cloud Map, EC2 and VPC Lattice calls), and simulated: the
 * router's name answers as the view from the plan says, through Lattice's rule and weighted
 * target groups, and requests no rule matches get the listener's default 404. An auth policy set
 * on the service afterwards is read back and enforced.
 */
import { PutAuthPolicyCommand, UpdateServiceCommand } from '@aws-sdk/client-vpc-lattice';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { readServiceConnectView } from '../../src/local/simulator/read-service-connect-view.js';
import { createServiceConnectSimulator } from '../../src/local/simulator/service-connect-simulator.js';
import type { ServiceConnectView } from '../../src/local/simulator/service-connect-view.js';
import { serviceConnectViewFromPlan } from '../../src/local/simulator/service-connect-view-from-plan.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

const ROUTER = 'http://router.colors.local/';
const SAMPLES = 400;

describe('readServiceConnectView with VPC Lattice on the local cloud', () => {
  it('reads what the combined plan made, and answers as the view from the plan does', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan({ target: 'service-connect+vpc-lattice' });
    const applied = await apply(plan, fastExecution(cloud));
    expect(applied.error?.message).toBeUndefined();
    await cloud.settle();

    const clients = cloud.clients({ maxAttempts: 1 });
    const readView = () =>
      readServiceConnectView(clients, { cluster: 'color-cluster-sc', namespace: 'color-mesh' });
    const read = await readView();
    const planned = serviceConnectViewFromPlan(plan);
    // The same Lattice shape (AWS's ids, ARNs and addresses differ from the plan view's).
    const shape = (view: ServiceConnectView) => ({
      networks: view.lattice?.serviceNetworks.map((n) => [n.name, n.authType, n.vpcIds]),
      services: view.lattice?.services.map((s) => ({
        name: s.name,
        customDomainName: s.customDomainName,
        listeners: s.listeners.map((l) => ({
          port: l.port,
          defaultAction: l.defaultAction,
          rules: l.rules.map((r) => [r.name, r.priority, r.match]),
        })),
      })),
      targets: view.lattice?.targetGroups
        .map((g) => [g.name, g.targets.map((t) => [t.port, t.status])] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    });
    expect(shape(read)).toEqual(shape(planned));
    expect(read.lattice?.services[0]?.dnsEntry?.domainName).toMatch(/^router-colors-local-sc-.*\.on\.aws$/);
    const red = read.tasks.find((t) => t.serviceName === 'red-sc');
    expect(red?.vpcId).toBe(cloud.defaultNetwork().vpcId);
    expect(red?.taskRoleArn).toMatch(/:role\/color-mesh-red-task-role-sc$/);

    for (const [label, view] of [
      ['read', read],
      ['planned', planned],
    ] as const) {
      const sim = createServiceConnectSimulator(view, { seed: 7 });
      const split = sim.from('red').sample(ROUTER, SAMPLES);
      const green = split.answers.green ?? 0;
      // Binomial(400, 0.8): four standard deviations is 32.
      expect(Math.abs(green - 0.8 * SAMPLES), label).toBeLessThan(4 * Math.sqrt(SAMPLES * 0.8 * 0.2));
      expect(split.answers.yellow, label).toBe(SAMPLES - green);
      // The rule matches GET only: other methods get the listener's default action.
      expect(sim.from('red').request('POST', ROUTER), label).toMatchObject({
        ok: false,
        reason: 'NO_ROUTE',
        status: 404,
      });
      // AWS's name for the service routes the same way.
      const dnsName = view.lattice?.services[0]?.dnsEntry?.domainName;
      expect(sim.from('blue').sample(`http://${dnsName}/`, 50).failures, label).toEqual({});
    }

    // Only red's task role may invoke the service once it is AWS_IAM.
    const service = read.lattice?.services[0];
    const redRole = read.tasks.find((t) => t.serviceName === 'red-sc')?.taskRoleArn;
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: [redRole] },
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: `${service?.arn}/*`,
        },
      ],
    });
    await clients.vpcLattice.send(new PutAuthPolicyCommand({ resourceIdentifier: service?.arn, policy }));
    await clients.vpcLattice.send(
      new UpdateServiceCommand({ serviceIdentifier: service?.id, authType: 'AWS_IAM' }),
    );
    const guarded = await readView();
    expect(guarded.lattice?.services[0]).toMatchObject({ authType: 'AWS_IAM', authPolicy: policy });
    const sim = createServiceConnectSimulator(guarded);
    expect(sim.from('red').get(ROUTER).ok).toBe(true);
    expect(sim.from('blue').get(ROUTER)).toMatchObject({ ok: false, reason: 'AUTH_DENIED', status: 403 });
  });
});
