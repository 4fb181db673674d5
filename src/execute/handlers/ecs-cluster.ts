/** ECS cluster, found by name while ACTIVE. Settings and configuration update in place (UpdateCluster). */
import {
  type Cluster,
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  UpdateClusterCommand,
} from '@aws-sdk/client-ecs';
import { differences } from '../compare.js';
import { sendOptions, tagRecord, unlessNotFound } from './common.js';
import { namespaceAsPlanned } from './service-connect-namespace.js';
import type { ResourceAttributes, ResourceHandler } from './types.js';

export const ecsClusterHandler: ResourceHandler<'ecsCluster'> = {
  async read(input, ctx) {
    const { clusters } = await ctx.clients.ecs.send(
      new DescribeClustersCommand({
        clusters: [input.clusterName ?? 'default'],
        include: ['TAGS', 'SETTINGS', 'CONFIGURATIONS'],
      }),
      sendOptions(ctx),
    );
    const cluster = clusters?.find((c) => c.status !== 'INACTIVE' && c.clusterName === input.clusterName);
    if (cluster === undefined) return undefined;
    return {
      attributes: attributesOf(cluster),
      current: {
        clusterName: cluster.clusterName,
        settings: cluster.settings,
        configuration: cluster.configuration,
        capacityProviders: cluster.capacityProviders,
        defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
        serviceConnectDefaults:
          cluster.serviceConnectDefaults === undefined
            ? undefined
            : {
                namespace: await namespaceAsPlanned(
                  input.serviceConnectDefaults?.namespace,
                  cluster.serviceConnectDefaults.namespace,
                  ctx,
                ),
              },
      },
      tags: tagRecord(cluster.tags),
    };
  },
  changes(desired, observed) {
    const { tags: _tags, ...compared } = desired;
    return differences(compared, observed.current);
  },
  // CreateCluster is idempotent by name: a retry returns the same cluster.
  async create(input, ctx) {
    const { cluster } = await ctx.clients.ecs.send(new CreateClusterCommand(input), sendOptions(ctx));
    if (cluster === undefined) throw new Error(`CreateCluster ${input.clusterName} returned no cluster`);
    return attributesOf(cluster);
  },
  async update(input, observed, ctx) {
    await ctx.clients.ecs.send(
      new UpdateClusterCommand({
        cluster: input.clusterName,
        settings: input.settings,
        configuration: input.configuration,
        serviceConnectDefaults: input.serviceConnectDefaults,
      }),
      sendOptions(ctx),
    );
    return observed.attributes;
  },
  // Refused while services are still draining (ClusterContainsServicesException): the executor retries.
  async delete(_attributes, input, ctx) {
    await unlessNotFound(
      () => ctx.clients.ecs.send(new DeleteClusterCommand({ cluster: input.clusterName }), sendOptions(ctx)),
      'ClusterNotFoundException',
    );
  },
};

function attributesOf(cluster: Cluster): ResourceAttributes {
  return { id: cluster.clusterArn ?? '', arn: cluster.clusterArn, name: cluster.clusterName ?? '' };
}
