/**
 * ECS service, found by name in its cluster while not INACTIVE. Update = UpdateService (task
 * definition, count, network, registries...; the launch type is fixed). Delete scales to zero
 * and deletes; `waitDeleted` waits for INACTIVE, when ECS has stopped the tasks and deregistered
 * them from Cloud Map (the Cloud Map service cannot be deleted before).
 */
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  type Service,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { differences } from '../compare.js';
import { isAwsError, pollUntil, sendOptions, tagRecord } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

const SERVICE_GONE = ['ServiceNotFoundException', 'ServiceNotActiveException', 'ClusterNotFoundException'];

export const ecsServiceHandler: ResourceHandler<'ecsService'> = {
  async read(input, ctx) {
    const service = await describeService(input.cluster ?? 'default', input.serviceName ?? '', ctx);
    if (service === undefined || service.status === 'INACTIVE') return undefined;
    return {
      attributes: attributesOf(service),
      current: {
        cluster: input.cluster, // found in it
        serviceName: service.serviceName,
        taskDefinition: service.taskDefinition,
        desiredCount: service.desiredCount,
        launchType: service.launchType,
        capacityProviderStrategy: service.capacityProviderStrategy,
        platformVersion: service.platformVersion,
        networkConfiguration: service.networkConfiguration,
        loadBalancers: service.loadBalancers,
        serviceRegistries: service.serviceRegistries,
        enableExecuteCommand: service.enableExecuteCommand,
        deploymentConfiguration: service.deploymentConfiguration,
        propagateTags: service.propagateTags,
        enableECSManagedTags: service.enableECSManagedTags,
        healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
        schedulingStrategy: service.schedulingStrategy,
      },
      tags: tagRecord(service.tags),
    };
  },
  changes(desired, observed) {
    const { clientToken: _token, tags: _tags, ...compared } = desired;
    return differences(compared, observed.current);
  },
  async create(input, ctx) {
    const { service } = await ctx.clients.ecs.send(new CreateServiceCommand(input), sendOptions(ctx));
    if (service === undefined) throw new Error(`CreateService ${input.serviceName} returned no service`);
    return attributesOf(service);
  },
  async update(input, _observed, ctx) {
    const { service } = await ctx.clients.ecs.send(
      new UpdateServiceCommand({
        cluster: input.cluster,
        service: input.serviceName,
        taskDefinition: input.taskDefinition,
        desiredCount: input.desiredCount,
        capacityProviderStrategy: input.capacityProviderStrategy,
        platformVersion: input.platformVersion,
        networkConfiguration: input.networkConfiguration,
        loadBalancers: input.loadBalancers,
        serviceRegistries: input.serviceRegistries,
        enableExecuteCommand: input.enableExecuteCommand,
        deploymentConfiguration: input.deploymentConfiguration,
        propagateTags: input.propagateTags,
        enableECSManagedTags: input.enableECSManagedTags,
        healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds,
      }),
      sendOptions(ctx),
    );
    if (service === undefined) throw new Error(`UpdateService ${input.serviceName} returned no service`);
    return attributesOf(service);
  },
  async delete(attributes, input, ctx) {
    const cluster = input.cluster ?? clusterOf(attributes);
    const service = attributes.name;
    try {
      await ctx.clients.ecs.send(
        new UpdateServiceCommand({ cluster, service, desiredCount: 0 }),
        sendOptions(ctx),
      );
      await ctx.clients.ecs.send(
        new DeleteServiceCommand({ cluster, service, force: true }),
        sendOptions(ctx),
      );
    } catch (error) {
      if (!isAwsError(error, ...SERVICE_GONE)) throw error;
    }
  },
  // The acceptors of the SDK's waitUntilServicesStable (one deployment, running == desired;
  // DRAINING or INACTIVE fail), except that a service not listed yet is waited for.
  async wait(attributes, ctx) {
    await pollUntil(ctx, `ECS service ${attributes.name} to be stable`, async () => {
      const service = await describeService(clusterOf(attributes), attributes.name, ctx);
      // Not listed yet right after CreateService (eventual consistency): keep polling.
      if (service === undefined) return undefined;
      if (service.status !== 'ACTIVE') {
        throw new Error(
          `ECS service ${attributes.name} is ${service.status} while waiting for it to be stable`,
        );
      }
      return service.deployments?.length === 1 && service.runningCount === service.desiredCount
        ? true
        : undefined;
    });
  },
  // Same acceptor as waitUntilServicesInactive (a service that is gone counts too).
  async waitDeleted(attributes, ctx) {
    await pollUntil(ctx, `ECS service ${attributes.name} to be INACTIVE`, async () => {
      const service = await describeService(clusterOf(attributes), attributes.name, ctx);
      return service === undefined || service.status === 'INACTIVE' ? true : undefined;
    });
  },
};

async function describeService(
  cluster: string,
  name: string,
  ctx: HandlerContext,
): Promise<Service | undefined> {
  try {
    const { services } = await ctx.clients.ecs.send(
      new DescribeServicesCommand({ cluster, services: [name], include: ['TAGS'] }),
      sendOptions(ctx),
    );
    return services?.find((service) => service.serviceName === name);
  } catch (error) {
    if (isAwsError(error, 'ClusterNotFoundException')) return undefined;
    throw error;
  }
}

/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>` -> cluster ("default" for the old short form). */
function clusterOf(attributes: ResourceAttributes): string {
  const parts = (attributes.arn ?? attributes.id).split(':').at(-1)?.split('/') ?? [];
  return parts.length === 3 ? (parts[1] as string) : 'default';
}

function attributesOf(service: Service): ResourceAttributes {
  return { id: service.serviceArn ?? '', arn: service.serviceArn, name: service.serviceName ?? '' };
}
