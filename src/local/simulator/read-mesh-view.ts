/**
 * Reads a MeshView through the SDK clients only (List and Describe calls with the SDK's
 * paginators), so it works against the local cloud and against any AWS-compatible endpoint.
 */
import {
  DescribeGatewayRouteCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualGatewayCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  DescribeVirtualServiceCommand,
  type GatewayRouteData,
  type MeshData,
  paginateListGatewayRoutes,
  paginateListRoutes,
  paginateListVirtualGateways,
  paginateListVirtualNodes,
  paginateListVirtualRouters,
  paginateListVirtualServices,
  type RouteData,
  type VirtualGatewayData,
  type VirtualNodeData,
  type VirtualRouterData,
  type VirtualServiceData,
} from '@aws-sdk/client-app-mesh';
import {
  type ContainerDefinition,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  paginateListClusters,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import {
  type NamespaceSummary,
  paginateListInstances,
  paginateListNamespaces,
  paginateListServices,
  type ServiceSummary,
} from '@aws-sdk/client-servicediscovery';
import type { AwsClients } from '../../clients.js';
import type { CloudMapInstance, CloudMapServiceView, MeshView, RunningTask } from './mesh-view.js';
import { chunk, collect, DESCRIBE_TASKS_BATCH, environmentOverrides, taskIp } from './sdk-reading.js';
import { summarizeContainers } from './task-containers.js';

export async function readMeshView(
  clients: Pick<AwsClients, 'appMesh' | 'cloudMap' | 'ecs'>,
  meshName: string,
): Promise<MeshView> {
  const [appMesh, cloudMap, tasks] = await Promise.all([
    readAppMesh(clients, meshName),
    readCloudMap(clients),
    readRunningTasks(clients),
  ]);
  return { ...appMesh, cloudMap, tasks };
}

type AppMeshPart = Omit<MeshView, 'cloudMap' | 'tasks'>;

async function readAppMesh(clients: Pick<AwsClients, 'appMesh'>, meshName: string): Promise<AppMeshPart> {
  const client = clients.appMesh;
  const config = { client };
  const mesh = (await client.send(new DescribeMeshCommand({ meshName }))).mesh as MeshData;

  const nodeNames = await collect(paginateListVirtualNodes(config, { meshName }), (p) =>
    (p.virtualNodes ?? []).map((r) => r.virtualNodeName ?? ''),
  );
  const serviceNames = await collect(paginateListVirtualServices(config, { meshName }), (p) =>
    (p.virtualServices ?? []).map((r) => r.virtualServiceName ?? ''),
  );
  const routerNames = await collect(paginateListVirtualRouters(config, { meshName }), (p) =>
    (p.virtualRouters ?? []).map((r) => r.virtualRouterName ?? ''),
  );
  const gatewayNames = await collect(paginateListVirtualGateways(config, { meshName }), (p) =>
    (p.virtualGateways ?? []).map((r) => r.virtualGatewayName ?? ''),
  );

  const [virtualNodes, virtualServices, virtualRouters, virtualGateways] = await Promise.all([
    Promise.all(
      nodeNames.map(
        async (virtualNodeName) =>
          (await client.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName })))
            .virtualNode as VirtualNodeData,
      ),
    ),
    Promise.all(
      serviceNames.map(
        async (virtualServiceName) =>
          (await client.send(new DescribeVirtualServiceCommand({ meshName, virtualServiceName })))
            .virtualService as VirtualServiceData,
      ),
    ),
    Promise.all(
      routerNames.map(
        async (virtualRouterName) =>
          (await client.send(new DescribeVirtualRouterCommand({ meshName, virtualRouterName })))
            .virtualRouter as VirtualRouterData,
      ),
    ),
    Promise.all(
      gatewayNames.map(
        async (virtualGatewayName) =>
          (await client.send(new DescribeVirtualGatewayCommand({ meshName, virtualGatewayName })))
            .virtualGateway as VirtualGatewayData,
      ),
    ),
  ]);

  const routes = (
    await Promise.all(
      routerNames.map(async (virtualRouterName) => {
        const names = await collect(paginateListRoutes(config, { meshName, virtualRouterName }), (p) =>
          (p.routes ?? []).map((r) => r.routeName ?? ''),
        );
        return Promise.all(
          names.map(
            async (routeName) =>
              (await client.send(new DescribeRouteCommand({ meshName, virtualRouterName, routeName })))
                .route as RouteData,
          ),
        );
      }),
    )
  ).flat();

  const gatewayRoutes = (
    await Promise.all(
      gatewayNames.map(async (virtualGatewayName) => {
        const names = await collect(
          paginateListGatewayRoutes(config, { meshName, virtualGatewayName }),
          (p) => (p.gatewayRoutes ?? []).map((r) => r.gatewayRouteName ?? ''),
        );
        return Promise.all(
          names.map(
            async (gatewayRouteName) =>
              (
                await client.send(
                  new DescribeGatewayRouteCommand({ meshName, virtualGatewayName, gatewayRouteName }),
                )
              ).gatewayRoute as GatewayRouteData,
          ),
        );
      }),
    )
  ).flat();

  return { mesh, virtualNodes, virtualServices, virtualRouters, routes, virtualGateways, gatewayRoutes };
}

async function readCloudMap(clients: Pick<AwsClients, 'cloudMap'>): Promise<CloudMapServiceView[]> {
  const config = { client: clients.cloudMap };
  const namespaces = await collect(paginateListNamespaces(config, {}), (p) => p.Namespaces ?? []);
  const perNamespace = await Promise.all(
    namespaces.map(async (namespace) => {
      const services = await collect(
        paginateListServices(config, {
          Filters: [{ Name: 'NAMESPACE_ID', Values: [namespace.Id ?? ''], Condition: 'EQ' }],
        }),
        (p) => p.Services ?? [],
      );
      return Promise.all(
        services.map(async (service): Promise<CloudMapServiceView> => {
          const instances = await collect(
            paginateListInstances(config, { ServiceId: service.Id ?? '' }),
            (p) => p.Instances ?? [],
          );
          return {
            namespaceName: namespace.Properties?.HttpProperties?.HttpName ?? namespace.Name ?? '',
            serviceName: service.Name ?? '',
            hostname: dnsHostname(namespace, service),
            instances: instances.map(
              (i): CloudMapInstance => ({
                instanceId: i.Id ?? '',
                ipv4: i.Attributes?.AWS_INSTANCE_IPV4,
                attributes: { ...i.Attributes },
              }),
            ),
          };
        }),
      );
    }),
  );
  return perNamespace.flat();
}

/** Cloud Map keeps DNS records only for a service with DNS records in a DNS namespace. */
function dnsHostname(namespace: NamespaceSummary, service: ServiceSummary): string | undefined {
  const dnsNamespace = namespace.Type === 'DNS_PRIVATE' || namespace.Type === 'DNS_PUBLIC';
  const hasRecords = service.Type !== 'HTTP' && (service.DnsConfig?.DnsRecords ?? []).length > 0;
  return dnsNamespace && hasRecords ? `${service.Name}.${namespace.Name}`.toLowerCase() : undefined;
}

async function readRunningTasks(clients: Pick<AwsClients, 'ecs'>): Promise<RunningTask[]> {
  const client = clients.ecs;
  const config = { client };
  const clusters = await collect(paginateListClusters(config, {}), (p) => p.clusterArns ?? []);
  const tasks = (
    await Promise.all(
      clusters.map(async (cluster) => {
        const arns = await collect(
          paginateListTasks(config, { cluster, desiredStatus: 'RUNNING' }),
          (p) => p.taskArns ?? [],
        );
        const batches = chunk(arns, DESCRIBE_TASKS_BATCH);
        const described = await Promise.all(
          batches.map(
            async (taskArns) =>
              (await client.send(new DescribeTasksCommand({ cluster, tasks: taskArns }))).tasks ?? [],
          ),
        );
        return described.flat();
      }),
    )
  )
    .flat()
    .filter((t) => t.lastStatus === 'RUNNING');

  const definitionArns = [...new Set(tasks.map((t) => t.taskDefinitionArn ?? ''))];
  const definitions = new Map<string, readonly ContainerDefinition[]>(
    await Promise.all(
      definitionArns.map(
        async (arn) =>
          [
            arn,
            (await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition
              ?.containerDefinitions ?? [],
          ] as const,
      ),
    ),
  );

  return tasks.flatMap((task): RunningTask[] => {
    const ip = taskIp(task);
    if (ip === undefined) return [];
    const summary = summarizeContainers(
      definitions.get(task.taskDefinitionArn ?? '') ?? [],
      environmentOverrides(task),
    );
    return [{ taskArn: task.taskArn ?? '', ip, ...summary }];
  });
}
