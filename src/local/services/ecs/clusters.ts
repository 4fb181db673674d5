/** ECS clusters: idempotent by name; deletion waits until no service or task is left. */
import {
  type Cluster,
  type ClusterConfiguration,
  ClusterContainsServicesException,
  ClusterContainsTasksException,
  type ClusterServiceConnectDefaultsRequest,
  type ClusterSetting,
  type CreateClusterCommandInput,
  type CreateClusterCommandOutput,
  type DeleteClusterCommandInput,
  type DeleteClusterCommandOutput,
  type DescribeClustersCommandInput,
  type DescribeClustersCommandOutput,
  type ListClustersCommandInput,
  type ListClustersCommandOutput,
  type UpdateClusterCommandInput,
  type UpdateClusterCommandOutput,
} from '@aws-sdk/client-ecs';
import { ECS_NAME } from '../../../validate/ecs.js';
import { awsError } from '../../aws-error.js';
import type { Operation, Output, World } from '../../world.js';
import { clusterNotFound, invalidParameter, serviceNotFound } from './errors.js';
import { checkClusterNamespace, clusterNamespaceArn } from './service-connect.js';
import {
  byKey,
  type ClusterRecord,
  compareBy,
  ecsArn,
  lastSegment,
  page,
  type ServiceRecord,
} from './state.js';

/** The ACTIVE, visible cluster a `cluster` parameter names (default: `default`), or ClusterNotFoundException. */
export function clusterNamed(world: World, nameOrArn: string | undefined): ClusterRecord {
  return activeCluster(world, lastSegment(nameOrArn ?? 'default'));
}

/** The ACTIVE, visible cluster of this exact name (no ARN), or ClusterNotFoundException. */
export function activeCluster(world: World, name: string): ClusterRecord {
  const cluster = byKey(world.state.ecs.clusters, name);
  if (cluster === undefined || cluster.status !== 'ACTIVE' || !world.visible(cluster.createdAt)) {
    throw clusterNotFound();
  }
  return cluster;
}

/** The service in this cluster, whatever its status; ServiceNotFoundException when there is none. */
export function serviceNamed(
  world: World,
  cluster: ClusterRecord,
  nameOrArn: string | undefined,
): ServiceRecord {
  const service = byKey(world.state.ecs.services, `${cluster.clusterName}/${lastSegment(nameOrArn ?? '')}`);
  if (service === undefined || !world.visible(service.createdAt)) throw serviceNotFound();
  return service;
}

const CONTAINER_INSIGHTS = ['enabled', 'disabled', 'enhanced'];
const EXEC_LOGGING = ['NONE', 'DEFAULT', 'OVERRIDE'];

/** Container Insights is the only cluster setting. */
function checkSettings(settings: readonly ClusterSetting[] | undefined): void {
  for (const { name, value } of settings ?? []) {
    if (name !== 'containerInsights') {
      throw invalidParameter(`Cluster setting name '${name}' is not valid: use containerInsights.`);
    }
    if (!CONTAINER_INSIGHTS.includes(value ?? '')) {
      throw invalidParameter(
        `The value '${value}' for containerInsights is not valid: use enabled, enhanced or disabled.`,
      );
    }
  }
}

function checkConfiguration(configuration: ClusterConfiguration | undefined): void {
  const logging = configuration?.executeCommandConfiguration?.logging;
  if (logging !== undefined && !EXEC_LOGGING.includes(logging)) {
    throw invalidParameter(`The logging value '${logging}' is not valid: use NONE, DEFAULT or OVERRIDE.`);
  }
  if (logging === 'OVERRIDE' && configuration?.executeCommandConfiguration?.logConfiguration === undefined) {
    throw invalidParameter('A logConfiguration is required when logging is OVERRIDE.');
  }
}

/** `serviceConnectDefaults.namespace`, checked (required in the request shape), or undefined when not given. */
function checkedDefaultNamespace(
  world: World,
  defaults: ClusterServiceConnectDefaultsRequest | undefined,
): string | undefined {
  if (defaults === undefined) return undefined;
  if (typeof defaults.namespace !== 'string') {
    throw invalidParameter('serviceConnectDefaults.namespace must be specified.');
  }
  checkClusterNamespace(world, defaults.namespace);
  return defaults.namespace;
}

/** Settings not named keep their value (UpdateCluster sends only what changes). */
function mergedSettings(
  current: readonly ClusterSetting[] | undefined,
  changes: readonly ClusterSetting[],
): ClusterSetting[] {
  const merged = new Map((current ?? []).map((s) => [s.name, s.value]));
  for (const { name, value } of changes) merged.set(name, value);
  return [...merged].map(([name, value]) => ({ name, value }));
}

export function describeCluster(world: World, cluster: ClusterRecord, withTags: boolean): Cluster {
  const services = Object.values(world.state.ecs.services).filter(
    (s) => s.clusterName === cluster.clusterName && s.status === 'ACTIVE',
  );
  const tasks = Object.values(world.state.ecs.tasks).filter(
    (t) => t.clusterName === cluster.clusterName && t.lastStatus !== 'STOPPED',
  );
  return {
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    status: cluster.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((t) => t.lastStatus === 'PROVISIONING').length,
    activeServicesCount: services.length,
    statistics: [],
    settings: (cluster.settings ?? [{ name: 'containerInsights', value: 'disabled' }]).map((x) => ({ ...x })),
    ...(cluster.configuration === undefined ? {} : { configuration: structuredClone(cluster.configuration) }),
    ...(cluster.serviceConnectNamespace === undefined
      ? {}
      : { serviceConnectDefaults: { namespace: cluster.serviceConnectNamespace } }),
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
    ...(withTags ? { tags: cluster.tags.map((t) => ({ ...t })) } : {}),
  };
}

export const clusterOperations: Record<string, Operation> = {
  CreateCluster(input: CreateClusterCommandInput, world): Output<CreateClusterCommandOutput> {
    const name = input.clusterName ?? 'default';
    if (!ECS_NAME.test(name)) {
      throw invalidParameter(
        'Cluster name can only contain letters (uppercase and lowercase), numbers, underscores and hyphens, and must be no longer than 255 characters.',
      );
    }
    checkSettings(input.settings);
    checkConfiguration(input.configuration);
    const defaultNamespace = checkedDefaultNamespace(world, input.serviceConnectDefaults);
    const existing = byKey(world.state.ecs.clusters, name);
    // AWS answers a second CreateCluster with the cluster it already has.
    if (existing?.status === 'ACTIVE') return { cluster: describeCluster(world, existing, true) };
    const namespaceArn =
      defaultNamespace === undefined ? undefined : clusterNamespaceArn(world, defaultNamespace);
    const cluster: ClusterRecord = {
      clusterName: name,
      clusterArn: ecsArn(world, `cluster/${name}`),
      createdAt: world.now(),
      status: 'ACTIVE',
      ...(input.settings === undefined ? {} : { settings: mergedSettings(undefined, input.settings) }),
      ...(input.configuration === undefined ? {} : { configuration: structuredClone(input.configuration) }),
      ...(namespaceArn === undefined ? {} : { serviceConnectNamespace: namespaceArn }),
      tags: (input.tags ?? []).map((t) => ({ ...t })),
    };
    world.state.ecs.clusters[name] = cluster;
    return { cluster: describeCluster(world, cluster, true) };
  },

  DescribeClusters(input: DescribeClustersCommandInput, world): Output<DescribeClustersCommandOutput> {
    const withTags = (input.include ?? []).includes('TAGS');
    const clusters: Cluster[] = [];
    const failures: { arn: string; reason: string }[] = [];
    for (const nameOrArn of input.clusters ?? ['default']) {
      const name = lastSegment(nameOrArn);
      const cluster = byKey(world.state.ecs.clusters, name);
      if (cluster === undefined || !world.visible(cluster.createdAt)) {
        failures.push({ arn: ecsArn(world, `cluster/${name}`), reason: 'MISSING' });
      } else clusters.push(describeCluster(world, cluster, withTags));
    }
    return { clusters, failures };
  },

  ListClusters(input: ListClustersCommandInput, world): Output<ListClustersCommandOutput> {
    const arns = Object.values(world.state.ecs.clusters)
      .filter((c) => c.status === 'ACTIVE' && world.visible(c.createdAt))
      .map((c) => c.clusterArn)
      .sort(compareBy((arn) => arn));
    const { items, nextToken } = page(arns, input.nextToken, input.maxResults);
    return { clusterArns: items, ...(nextToken === undefined ? {} : { nextToken }) };
  },

  /** Settings named replace theirs; a configuration given replaces the whole configuration. */
  UpdateCluster(input: UpdateClusterCommandInput, world): Output<UpdateClusterCommandOutput> {
    checkSettings(input.settings);
    checkConfiguration(input.configuration);
    const defaultNamespace = checkedDefaultNamespace(world, input.serviceConnectDefaults);
    const cluster = clusterNamed(world, input.cluster);
    if (input.settings !== undefined) cluster.settings = mergedSettings(cluster.settings, input.settings);
    if (input.configuration !== undefined) cluster.configuration = structuredClone(input.configuration);
    if (defaultNamespace !== undefined) {
      // "" removes the default; the namespace stays in Cloud Map.
      const namespaceArn = clusterNamespaceArn(world, defaultNamespace);
      if (namespaceArn === undefined) delete cluster.serviceConnectNamespace;
      else cluster.serviceConnectNamespace = namespaceArn;
    }
    return { cluster: describeCluster(world, cluster, true) };
  },

  DeleteCluster(input: DeleteClusterCommandInput, world): Output<DeleteClusterCommandOutput> {
    const cluster = clusterNamed(world, input.cluster);
    const { services, tasks } = world.state.ecs;
    if (
      Object.values(services).some(
        (s) => s.clusterName === cluster.clusterName && (s.status === 'ACTIVE' || s.status === 'DRAINING'),
      )
    ) {
      throw awsError(
        ClusterContainsServicesException,
        'The Cluster cannot be deleted while Services are active.',
        400,
      );
    }
    if (
      Object.values(tasks).some((t) => t.clusterName === cluster.clusterName && t.lastStatus !== 'STOPPED')
    ) {
      throw awsError(
        ClusterContainsTasksException,
        'The Cluster cannot be deleted while Tasks are active.',
        400,
      );
    }
    // AWS still describes a deleted cluster, as INACTIVE, for a while.
    cluster.status = 'INACTIVE';
    return { cluster: describeCluster(world, cluster, false) };
  },
};
