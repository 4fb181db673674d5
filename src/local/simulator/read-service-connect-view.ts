/**
 * Reads a ServiceConnectView through the SDK clients only (List and Describe calls with the SDK's
 * paginators), so it works against the local cloud and against any AWS-compatible endpoint: the
 * cluster's ECS services with the Service Connect configuration of their current deployment, the
 * namespace's Cloud Map services behind their discovery names, and their running tasks. Given the
 * EC2 and VPC Lattice clients too, it gives each task its VPC and reads the VPC Lattice part: the
 * service networks those VPCs are associated with (read-lattice-view.ts).
 */

import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import {
  type ContainerDefinition,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  paginateListServices as paginateListEcsServices,
  paginateListTasks,
  type Service,
  type ServiceConnectConfiguration,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import {
  type NamespaceSummary,
  paginateListInstances,
  paginateListNamespaces,
  paginateListServices,
} from '@aws-sdk/client-servicediscovery';
import type { AwsClients } from '../../clients.js';
import type { LatticeView } from './lattice-view.js';
import { readLoadBalancerViews } from './read-alb-view.js';
import { readLatticeView } from './read-lattice-view.js';
import { chunk, collect, DESCRIBE_TASKS_BATCH, environmentOverrides, taskIp } from './sdk-reading.js';
import type {
  ServiceConnectCloudMapService,
  ServiceConnectEcsService,
  ServiceConnectTask,
  ServiceConnectView,
} from './service-connect-view.js';
import { summarizeContainers } from './task-containers.js';

export interface ReadServiceConnectViewOptions {
  /** The cluster whose ECS services are read (name or ARN). */
  readonly cluster: string;
  /** The Cloud Map namespace (name, ARN or id). */
  readonly namespace: string;
}

/** DescribeServices takes at most 10 services a call. */
const DESCRIBE_SERVICES_BATCH = 10;

/** With an `elbv2` client, the account's application load balancers are read too (read-alb-view.ts). */
export async function readServiceConnectView(
  clients: Pick<AwsClients, 'cloudMap' | 'ecs'> & Partial<Pick<AwsClients, 'ec2' | 'vpcLattice' | 'elbv2'>>,
  options: ReadServiceConnectViewOptions,
): Promise<ServiceConnectView> {
  const { cluster } = options;
  const ecs = clients.ecs;
  const [namespace, clusterDefault, described] = await Promise.all([
    findNamespace(clients, options.namespace),
    ecs
      .send(new DescribeClustersCommand({ clusters: [cluster] }))
      .then((out) => out.clusters?.[0]?.serviceConnectDefaults?.namespace),
    readEcsServices(clients, cluster),
  ]);

  const definitions = new Map<string, Promise<TaskDefinition | undefined>>();
  const definition = (arn: string): Promise<TaskDefinition | undefined> => {
    let pending = definitions.get(arn);
    if (pending === undefined) {
      pending = ecs
        .send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))
        .then((out) => out.taskDefinition);
      definitions.set(arn, pending);
    }
    return pending;
  };

  const services = await Promise.all(
    described.map(async (service): Promise<ServiceConnectEcsService> => {
      const taskDefinition = await definition(service.taskDefinition ?? '');
      return {
        serviceName: service.serviceName ?? '',
        taskFamily: taskDefinition?.family,
        serviceConnectConfiguration: withClusterDefault(currentConfiguration(service), clusterDefault),
        portMappings: (taskDefinition?.containerDefinitions ?? []).flatMap((c) => c.portMappings ?? []),
      };
    }),
  );

  const discoveryNames = new Set(
    described.flatMap((service) => [
      ...(currentConfiguration(service)?.services ?? []).map((s) => s.discoveryName ?? s.portName ?? ''),
      ...(service.deployments ?? []).flatMap((d) =>
        (d.serviceConnectResources ?? []).map((r) => r.discoveryName ?? ''),
      ),
    ]),
  );
  const [cloudMap, running, loadBalancers] = await Promise.all([
    readCloudMapServices(clients, namespace, discoveryNames),
    readRunningTasks(clients, cluster, described, definition),
    clients.elbv2 === undefined ? [] : readLoadBalancerViews(clients.elbv2),
  ]);
  const { ec2, vpcLattice } = clients;
  let tasks: ServiceConnectTask[] = running.map(({ subnetId: _, ...task }) => task);
  let lattice: LatticeView | undefined;
  if (ec2 !== undefined && vpcLattice !== undefined) {
    const subnetIds = [...new Set(running.flatMap((t) => (t.subnetId === undefined ? [] : [t.subnetId])))];
    const { Subnets } =
      subnetIds.length === 0
        ? { Subnets: [] }
        : await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }));
    const vpcOf = new Map((Subnets ?? []).map((s) => [s.SubnetId, s.VpcId]));
    tasks = running.map(({ subnetId, ...task }) => {
      const vpcId = vpcOf.get(subnetId);
      return vpcId === undefined ? task : { ...task, vpcId };
    });
    lattice = await readLatticeView(
      vpcLattice,
      [...new Set(vpcOf.values())].filter((v) => v !== undefined),
    );
  }
  return {
    namespace: {
      name: namespace.Properties?.HttpProperties?.HttpName ?? namespace.Name ?? '',
      ...(namespace.Arn === undefined ? {} : { arn: namespace.Arn }),
    },
    services,
    cloudMap,
    tasks,
    ...(lattice === undefined ? {} : { lattice }),
    ...(loadBalancers.length === 0 ? {} : { loadBalancers }),
  };
}

async function findNamespace(
  clients: Pick<AwsClients, 'cloudMap'>,
  wanted: string,
): Promise<NamespaceSummary> {
  const namespaces = await collect(
    paginateListNamespaces({ client: clients.cloudMap }, {}),
    (p) => p.Namespaces ?? [],
  );
  const found = namespaces.find((n) => n.Name === wanted || n.Arn === wanted || n.Id === wanted);
  if (found === undefined) {
    throw new Error(`No Cloud Map namespace is named ${JSON.stringify(wanted)} (or has that ARN or id).`);
  }
  return found;
}

async function readEcsServices(clients: Pick<AwsClients, 'ecs'>, cluster: string): Promise<Service[]> {
  const client = clients.ecs;
  const arns = await collect(paginateListEcsServices({ client }, { cluster }), (p) => p.serviceArns ?? []);
  const batches = await Promise.all(
    chunk(arns, DESCRIBE_SERVICES_BATCH).map(
      async (services) =>
        (await client.send(new DescribeServicesCommand({ cluster, services }))).services ?? [],
    ),
  );
  return batches.flat();
}

/** The configuration of the deployment that is (or is becoming) the service's: PRIMARY. */
function currentConfiguration(service: Service): ServiceConnectConfiguration | undefined {
  const deployments = service.deployments ?? [];
  return (deployments.find((d) => d.status === 'PRIMARY') ?? deployments[0])?.serviceConnectConfiguration;
}

/** A configuration without a namespace uses the cluster's default one. */
function withClusterDefault(
  config: ServiceConnectConfiguration | undefined,
  clusterDefault: string | undefined,
): ServiceConnectConfiguration | undefined {
  if (config === undefined || config.namespace !== undefined || clusterDefault === undefined) return config;
  return { ...config, namespace: clusterDefault };
}

async function readCloudMapServices(
  clients: Pick<AwsClients, 'cloudMap'>,
  namespace: NamespaceSummary,
  discoveryNames: ReadonlySet<string>,
): Promise<ServiceConnectCloudMapService[]> {
  const config = { client: clients.cloudMap };
  const services = await collect(
    paginateListServices(config, {
      Filters: [{ Name: 'NAMESPACE_ID', Values: [namespace.Id ?? ''], Condition: 'EQ' }],
    }),
    (p) => p.Services ?? [],
  );
  return Promise.all(
    services
      .filter((s) => discoveryNames.has(s.Name ?? ''))
      .map(async (service): Promise<ServiceConnectCloudMapService> => {
        const instances = await collect(
          paginateListInstances(config, { ServiceId: service.Id ?? '' }),
          (p) => p.Instances ?? [],
        );
        return {
          serviceName: service.Name ?? '',
          // Without a creation date, the endpoint is taken to have always existed.
          createdAt: service.CreateDate ?? new Date(0),
          instances: instances.map((i) => ({
            instanceId: i.Id ?? '',
            ipv4: i.Attributes?.AWS_INSTANCE_IPV4,
            attributes: { ...i.Attributes },
          })),
        };
      }),
  );
}

async function readRunningTasks(
  clients: Pick<AwsClients, 'ecs'>,
  cluster: string,
  services: readonly Service[],
  definition: (arn: string) => Promise<TaskDefinition | undefined>,
): Promise<(ServiceConnectTask & { subnetId?: string })[]> {
  const client = clients.ecs;
  const perService = await Promise.all(
    services.map(async (service) => {
      const serviceName = service.serviceName ?? '';
      const arns = await collect(
        paginateListTasks({ client }, { cluster, serviceName, desiredStatus: 'RUNNING' }),
        (p) => p.taskArns ?? [],
      );
      const described = (
        await Promise.all(
          chunk(arns, DESCRIBE_TASKS_BATCH).map(
            async (tasks) => (await client.send(new DescribeTasksCommand({ cluster, tasks }))).tasks ?? [],
          ),
        )
      ).flat();
      return Promise.all(
        described
          .filter((task) => task.lastStatus === 'RUNNING')
          .map(async (task): Promise<(ServiceConnectTask & { subnetId?: string }) | undefined> => {
            const ip = taskIp(task);
            if (ip === undefined) return undefined;
            const taskDefinition = await definition(task.taskDefinitionArn ?? '');
            const containers: readonly ContainerDefinition[] = taskDefinition?.containerDefinitions ?? [];
            const taskRoleArn = task.overrides?.taskRoleArn ?? taskDefinition?.taskRoleArn;
            const subnetId = task.attachments
              ?.flatMap((a) => a.details ?? [])
              .find((d) => d.name === 'subnetId')?.value;
            return {
              ...(taskRoleArn === undefined ? {} : { taskRoleArn }),
              ...(subnetId === undefined ? {} : { subnetId }),
              taskArn: task.taskArn ?? '',
              ip,
              serviceName,
              color: summarizeContainers(containers, environmentOverrides(task)).color,
              // A running task without a start time has just started.
              startedAt: task.startedAt ?? task.createdAt ?? new Date(),
            };
          }),
      );
    }),
  );
  return perService.flat().filter((task) => task !== undefined);
}
