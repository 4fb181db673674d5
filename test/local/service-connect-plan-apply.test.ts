/**
 * A Service Connect plan of the color tutorial's mesh, applied to the local cloud by the executor
 * and destroyed again in reverse order (ECS services, the cluster, the HTTP namespace): what the
 * cloud holds in between, and that nothing is left, is what AWS would show.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CreateServiceCommandInput,
  DescribeClustersCommand,
  DescribeServicesCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  ListNamespacesCommand,
} from '@aws-sdk/client-servicediscovery';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import { plan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan.js';
import { colorMeshIn, fastExecution, fastLocalCloud, withoutRunIds } from '../support/local-color-mesh.js';

// biome-ignore lint/suspicious/noExplicitAny: a test edits a built definition as plain data
type Loose = any;

interface CloudMapSnapshot {
  namespaces: { name: string; type: string }[];
  services: { id: string; name: string; type: string }[];
  instances: { serviceId: string }[];
}

describe('local cloud: a Service Connect plan', () => {
  it('applies with each endpoint in Cloud Map and its tasks registered, and destroys down to nothing', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan({ target: 'service-connect' });
    const services = plan.resources
      .filter((r) => r.kind === 'ecsService')
      .map((r) => r.input as CreateServiceCommandInput);
    const endpoints = services.flatMap((s) =>
      (s.serviceConnectConfiguration?.services ?? []).map((e) => ({
        name: e.discoveryName,
        tasks: s.desiredCount ?? 1,
      })),
    );
    expect(endpoints.length).toBeGreaterThan(0);

    const applied = await apply(plan, fastExecution(cloud));
    expect(applied.error?.message).toBeUndefined();
    await cloud.settle();
    const cloudMap = cloud.snapshot().cloudMap as unknown as CloudMapSnapshot;
    expect(cloudMap.namespaces.map((n) => n.type)).toEqual(['HTTP']);
    expect(cloudMap.services.map((s) => s.name).sort()).toEqual(endpoints.map((e) => e.name).sort());
    for (const endpoint of endpoints) {
      const service = cloudMap.services.find((s) => s.name === endpoint.name);
      expect(service?.type, endpoint.name).toBe('HTTP');
      expect(cloudMap.instances.filter((i) => i.serviceId === service?.id)).toHaveLength(endpoint.tasks);
    }

    // A second apply finds everything as planned: the cloud answers what the executor compares.
    const again = await apply(plan, fastExecution(cloud));
    expect(again.results.filter((r) => r.outcome !== 'unchanged').map((r) => `${r.id} ${r.outcome}`)).toEqual(
      [],
    );

    const destroyed = await destroy(plan, fastExecution(cloud));
    expect(destroyed.error?.message).toBeUndefined();
    await cloud.settle();
    const after = cloud.snapshot();
    expect(after.cloudMap).toEqual({ namespaces: [], services: [], instances: [] });
    expect(after.ecs.services).toEqual([]);
    expect(after.ecs.clusters).toEqual([]);
  });

  it('with nameSuffix "" beside the App Mesh plan, takes over nothing of it, even with the journal named after the plan', async () => {
    const cloud = fastLocalCloud();
    // As the CLI does: one journal per plan name in one folder.
    const folder = mkdtempSync(join(tmpdir(), 'appmesh-sc-journals-'));
    const run = (p: Plan) => ({
      ...fastExecution(cloud),
      journalPath: join(folder, `${p.planName}.journal.jsonl`),
    });
    const appMesh = colorMeshIn(cloud).plan();
    expect((await apply(appMesh, run(appMesh))).error?.message).toBeUndefined();
    await cloud.settle();
    const before = withoutRunIds(cloud.snapshot());

    const sameNames = colorMeshIn(cloud).plan({
      target: 'service-connect',
      serviceConnect: { nameSuffix: '' },
    });
    expect(sameNames.planName).not.toBe(appMesh.planName);
    const applied = await apply(sameNames, run(sameNames));
    await cloud.settle();
    // The App Mesh plan's resources are another plan's: adopted as they are, never written or deleted.
    expect(applied.removed).toEqual([]);
    const written = applied.results.filter((r) => r.outcome === 'updated' || r.outcome === 'failed');
    expect(written.map((r) => r.id)).toEqual([]);
    const after = withoutRunIds(cloud.snapshot());
    expect(after.appMesh).toEqual(before.appMesh);
    expect(after.ecs.services).toEqual(before.ecs.services);
  });

  it('an existing namespace given by a name that does not exist: refused, and no namespace is made', async () => {
    const cloud = fastLocalCloud();
    const typo = colorMeshIn(cloud).plan({
      target: 'service-connect',
      serviceConnect: { existingNamespace: 'team-z' },
    });
    const applied = await apply(typo, fastExecution(cloud));
    expect(applied.ok).toBe(false);
    expect(applied.rolledBack).toBe(true);
    await cloud.settle();
    // ECS creates a namespace for a cluster default it does not know: the plan never asks it to.
    expect(cloud.snapshot().cloudMap.namespaces).toEqual([]);
  });

  it("a namespace to create whose name another type of namespace holds: refused, never adopted as the plan's", async () => {
    const cloud = fastLocalCloud();
    const { vpcId } = cloud.defaultNetwork();
    await cloud
      .clients({ maxAttempts: 1 })
      .cloudMap.send(new CreatePrivateDnsNamespaceCommand({ Name: 'theirs.local', Vpc: vpcId }));
    await cloud.settle();
    const before = cloud.snapshot().cloudMap;
    const sc = colorMeshIn(cloud).plan({
      target: 'service-connect',
      serviceConnect: { namespace: 'theirs.local' },
    });
    const applied = await apply(sc, fastExecution(cloud));
    expect(applied.ok).toBe(false);
    expect(applied.error?.message).toContain('theirs.local');
    expect(applied.error?.message).toContain('DNS_PRIVATE');
    await cloud.settle();
    expect(cloud.snapshot().cloudMap).toEqual(before);
    expect(cloud.snapshot().ecs.services).toEqual([]);
  });

  it('a namespace of the name made by someone else just before, still unlisted: adopted, and destroy leaves it', async () => {
    const cloud = fastLocalCloud();
    cloud.setFaults({ consistencyWindowMs: 60 });
    await cloud.clients({ maxAttempts: 1 }).cloudMap.send(new CreateHttpNamespaceCommand({ Name: 'theirs' }));
    const options = { ...fastExecution(cloud), consistencyWindowMs: 200 };
    const sc = colorMeshIn(cloud).plan({
      target: 'service-connect',
      serviceConnect: { namespace: 'theirs' },
    });
    const applied = await apply(sc, options);
    expect(applied.error?.message).toBeUndefined();
    expect(applied.results.find((r) => r.kind === 'cloudMapHttpNamespace')?.outcome).toBe('adopted');
    expect((await destroy(sc, options)).error?.message).toBeUndefined();
    cloud.setFaults({});
    await cloud.settle();
    expect((cloud.snapshot().cloudMap as unknown as CloudMapSnapshot).namespaces.map((n) => n.name)).toEqual([
      'theirs',
    ]);
  });

  it('turns off what the definition no longer has: an access log, every endpoint of a node', async () => {
    const cloud = fastLocalCloud();
    const sc = { target: 'service-connect' } as const;
    expect((await apply(colorMeshIn(cloud).plan(sc), fastExecution(cloud))).error?.message).toBeUndefined();
    await cloud.settle();
    const edited = structuredClone(colorMeshIn(cloud).build()) as Loose;
    const node = (name: string) => edited.nodes.find((n: Loose) => n.name === name);
    delete node('red').logging;
    node('blue').listeners = [];
    const applied = await apply(plan(edited, sc), fastExecution(cloud));
    expect(applied.error?.message).toBeUndefined();
    const { ecs } = cloud.clients({ maxAttempts: 1 });
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'color-cluster-sc', services: ['red-sc', 'blue-sc'] }),
    );
    const configuration = (name: string) =>
      services?.find((s) => s.serviceName === name)?.deployments?.[0]?.serviceConnectConfiguration;
    expect(configuration('red-sc')?.accessLogConfiguration).toBeUndefined();
    expect(configuration('blue-sc')?.services).toBeUndefined();
    const again = await apply(plan(edited, sc), fastExecution(cloud));
    expect(again.results.filter((r) => r.outcome !== 'unchanged').map((r) => r.id)).toEqual([]);
  });

  it('moves to another existing namespace given by name, and a second apply then changes nothing', async () => {
    const cloud = fastLocalCloud();
    const clients = cloud.clients({ maxAttempts: 1 });
    for (const Name of ['team-a', 'team-b'])
      await clients.cloudMap.send(new CreateHttpNamespaceCommand({ Name }));
    await cloud.settle();
    const { Namespaces } = await clients.cloudMap.send(new ListNamespacesCommand({}));
    const arnOf = (name: string) => Namespaces?.find((n) => n.Name === name)?.Arn;
    const inNamespace = (existingNamespace: string) =>
      colorMeshIn(cloud).plan({ target: 'service-connect', serviceConnect: { existingNamespace } });
    expect((await apply(inNamespace('team-a'), fastExecution(cloud))).error?.message).toBeUndefined();
    await cloud.settle();

    const moved = await apply(inNamespace('team-b'), fastExecution(cloud));
    expect(moved.error?.message).toBeUndefined();
    await cloud.settle();
    // The cluster has no default: given by name, ECS would create the namespace if it were not there.
    expect(await namespacesInUse(cloud)).toEqual({ cluster: undefined, services: [arnOf('team-b')] });
    const again = await apply(inNamespace('team-b'), fastExecution(cloud));
    expect(again.results.filter((r) => r.outcome !== 'unchanged').map((r) => r.id)).toEqual([]);
  });
  it("moves the router's name to the node its weights now favour, and a second apply then changes nothing", async () => {
    const cloud = fastLocalCloud();
    const sc = { target: 'service-connect' } as const;
    expect((await apply(colorMeshIn(cloud).plan(sc), fastExecution(cloud))).error?.message).toBeUndefined();
    await cloud.settle();

    const yellowFirst = colorMeshIn(cloud, { routeTargets: { green: 1, yellow: 4 } }).plan(sc);
    const moved = await apply(yellowFirst, fastExecution(cloud));
    expect(moved.error?.message).toBeUndefined();
    await cloud.settle();
    expect(await aliasesInUse(cloud)).toEqual({
      'green-sc': ['green.color-mesh:80'],
      'yellow-sc': ['router.colors.local:80'],
    });
    const again = await apply(yellowFirst, fastExecution(cloud));
    expect(again.results.filter((r) => r.outcome !== 'unchanged').map((r) => r.id)).toEqual([]);
  });
});

/** The cluster's default namespace and the namespaces its services' Service Connect configurations use. */
async function namespacesInUse(
  cloud: LocalCloud,
): Promise<{ cluster?: string; services: (string | undefined)[] }> {
  const { ecs } = cloud.clients({ maxAttempts: 1 });
  const cluster = 'color-cluster-sc';
  const { clusters } = await ecs.send(new DescribeClustersCommand({ clusters: [cluster] }));
  const names = ['red-sc', 'blue-sc', 'green-sc', 'yellow-sc'];
  const { services } = await ecs.send(new DescribeServicesCommand({ cluster, services: names }));
  const used = (services ?? []).flatMap((s) =>
    s.deployments?.map((d) => d.serviceConnectConfiguration?.namespace),
  );
  return { cluster: clusters?.[0]?.serviceConnectDefaults?.namespace, services: [...new Set(used)] };
}

/** Each router target's client aliases (`name:port`; a name not given is ECS's default, `<discovery name>.<namespace>`). */
async function aliasesInUse(cloud: LocalCloud): Promise<Record<string, string[]>> {
  const { ecs } = cloud.clients({ maxAttempts: 1 });
  const names = ['green-sc', 'yellow-sc'];
  const { services } = await ecs.send(
    new DescribeServicesCommand({ cluster: 'color-cluster-sc', services: names }),
  );
  return Object.fromEntries(
    (services ?? []).map((s) => [
      s.serviceName,
      (s.deployments?.[0]?.serviceConnectConfiguration?.services ?? []).flatMap((entry) =>
        (entry.clientAliases ?? []).map(
          (a) => `${a.dnsName ?? `${entry.discoveryName}.color-mesh`}:${a.port}`,
        ),
      ),
    ]),
  );
}
