/**
 * readServiceConnectView against the local cloud: a small Service Connect namespace made with
 * plain SDK commands on a clock that moves only when told, read back through List and Describe
 * calls, then simulated. A server created after a client's task started stays invisible to it
 * until the client is deployed again.
 */
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
  type ServiceConnectConfiguration,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { CreateHttpNamespaceCommand, ListNamespacesCommand } from '@aws-sdk/client-servicediscovery';
import { describe, expect, it } from 'vitest';
import type { AwsClients } from '../../src/clients.js';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud, type LocalCloud } from '../../src/local/local-cloud.js';
import { readServiceConnectView } from '../../src/local/simulator/read-service-connect-view.js';
import { createServiceConnectSimulator } from '../../src/local/simulator/service-connect-simulator.js';

const CLUSTER = 'shop-cluster';

interface Shop {
  readonly cloud: LocalCloud;
  readonly clients: AwsClients;
  readonly clock: ManualClock;
  readonly namespaceArn: string;
  /** Creates an ECS service running `count` tasks of an app answering `color`, and starts them. */
  service(
    name: string,
    color: string,
    serviceConnect: Omit<ServiceConnectConfiguration, 'namespace'> | undefined,
    count?: number,
  ): Promise<void>;
}

async function shop(): Promise<Shop> {
  const clock = new ManualClock();
  const cloud = createLocalCloud({ clock });
  const clients = cloud.clients({ maxAttempts: 1 });
  const { vpcId, subnetIds } = cloud.defaultNetwork();
  await clients.cloudMap.send(new CreateHttpNamespaceCommand({ Name: 'shop' }));
  await cloud.settle();
  const namespaces = await clients.cloudMap.send(new ListNamespacesCommand({}));
  const namespaceArn = namespaces.Namespaces?.find((n) => n.Name === 'shop')?.Arn ?? '';
  const group = await clients.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'shop-sg', Description: 'shop tasks', VpcId: vpcId }),
  );
  await clients.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  return {
    cloud,
    clients,
    clock,
    namespaceArn,
    async service(name, color, serviceConnect, count = 1) {
      await clients.ecs.send(
        new RegisterTaskDefinitionCommand({
          family: name,
          networkMode: 'awsvpc',
          requiresCompatibilities: ['FARGATE'],
          cpu: '256',
          memory: '512',
          containerDefinitions: [
            {
              name: 'app',
              image: 'forsakenidol/colorapp',
              essential: true,
              environment: [{ name: 'COLOR', value: color }],
              portMappings: [{ containerPort: 3000, protocol: 'tcp', name: 'http', appProtocol: 'http' }],
            },
          ],
        }),
      );
      await clients.ecs.send(
        new CreateServiceCommand({
          cluster: CLUSTER,
          serviceName: name,
          taskDefinition: name,
          desiredCount: count,
          launchType: 'FARGATE',
          networkConfiguration: {
            awsvpcConfiguration: { subnets: subnetIds.slice(0, 2), securityGroups: [group.GroupId ?? ''] },
          },
          ...(serviceConnect === undefined
            ? {}
            : { serviceConnectConfiguration: { ...serviceConnect, namespace: namespaceArn } }),
        }),
      );
      await cloud.settle();
    },
  };
}

/** A server on api.shop.local:8080 with its client alias; a client only. */
const server = (discoveryName: string, dnsName: string) => ({
  enabled: true,
  services: [{ portName: 'http', discoveryName, clientAliases: [{ port: 8080, dnsName }] }],
});
const clientOnly = { enabled: true };

describe('readServiceConnectView on the local cloud', () => {
  it('reads services, endpoints and tasks; a server newer than the client is invisible until the client is deployed again', async () => {
    const { clients, clock, namespaceArn, service, cloud } = await shop();
    await service('api', 'api', server('api', 'api.shop.local'), 2);
    clock.advance(60_000);
    await service('web', 'web', clientOnly);
    await service('legacy', 'legacy', undefined);
    clock.advance(60_000);
    // Created after web's task started.
    await service('db', 'db', server('db', 'db.shop.local'));

    const view = await readServiceConnectView(clients, { cluster: CLUSTER, namespace: 'shop' });
    expect(view.namespace).toEqual({ name: 'shop', arn: namespaceArn });
    expect(view.services.map((s) => s.serviceName).sort()).toEqual(['api', 'db', 'legacy', 'web']);
    const api = view.services.find((s) => s.serviceName === 'api');
    expect(api?.taskFamily).toBe('api');
    expect(api?.serviceConnectConfiguration?.services).toEqual(server('api', 'api.shop.local').services);
    expect(api?.portMappings.map((p) => p.name)).toEqual(['http']);
    expect(
      view.services.find((s) => s.serviceName === 'legacy')?.serviceConnectConfiguration,
    ).toBeUndefined();
    // ECS's Cloud Map services, one per discovery name, each holding its server's tasks.
    expect(view.cloudMap.map((s) => s.serviceName).sort()).toEqual(['api', 'db']);
    const apiTasks = view.tasks.filter((t) => t.serviceName === 'api');
    expect(apiTasks.map((t) => t.color)).toEqual(['api', 'api']);
    expect(
      view.cloudMap
        .find((s) => s.serviceName === 'api')
        ?.instances.map((i) => i.ipv4)
        .sort(),
    ).toEqual(apiTasks.map((t) => t.ip).sort());
    const web = view.tasks.find((t) => t.serviceName === 'web');
    const db = view.cloudMap.find((s) => s.serviceName === 'db');
    expect(web?.startedAt.getTime()).toBeLessThan(db?.createdAt.getTime() ?? 0);

    const sim = createServiceConnectSimulator(view, { seed: 3 });
    expect(sim.from('web').get('http://api.shop.local:8080/')).toMatchObject({ ok: true, body: 'api' });
    expect(sim.from('api').get('http://db.shop.local:8080/')).toMatchObject({
      reason: 'ENDPOINT_NEWER_THAN_TASK',
    });
    expect(sim.from('web').get('http://db.shop.local:8080/')).toMatchObject({
      ok: false,
      reason: 'ENDPOINT_NEWER_THAN_TASK',
    });
    expect(sim.from('db').get('http://api.shop.local:8080/')).toMatchObject({ ok: true, body: 'api' });
    expect(sim.from('legacy').get('http://api.shop.local:8080/')).toMatchObject({
      ok: false,
      reason: 'DNS_UNRESOLVED',
    });
    const spread = sim.from('web').sample('http://api.shop.local:8080/', 200);
    expect(spread).toEqual({ total: 200, answers: { api: 200 }, failures: {} });

    // A new deployment of web starts new tasks, which know db.
    clock.advance(60_000);
    await clients.ecs.send(
      new UpdateServiceCommand({ cluster: CLUSTER, service: 'web', forceNewDeployment: true }),
    );
    await cloud.settle();
    const redeployed = createServiceConnectSimulator(
      await readServiceConnectView(clients, { cluster: CLUSTER, namespace: namespaceArn }),
    );
    expect(redeployed.from('web').get('http://db.shop.local:8080/')).toMatchObject({ ok: true, body: 'db' });
  });

  it('an unknown namespace is an error that names it', async () => {
    const { clients } = await shop();
    await expect(readServiceConnectView(clients, { cluster: CLUSTER, namespace: 'nowhere' })).rejects.toThrow(
      /No Cloud Map namespace is named "nowhere"/,
    );
  });
});
