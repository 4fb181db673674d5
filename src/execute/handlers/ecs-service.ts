/**
 * ECS service, found by name in its cluster while not INACTIVE. Update = UpdateService (task
 * definition, count, network, registries...; the launch type is fixed). Delete scales to zero
 * and deletes; `waitDeleted` waits for INACTIVE, when ECS has stopped the tasks and deregistered
 * them from Cloud Map (the Cloud Map service cannot be deleted before).
 */
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  type Deployment,
  DescribeServicesCommand,
  type Service,
  type ServiceConnectConfiguration,
  UpdateServiceCommand,
  type VpcLatticeConfiguration,
  waitUntilServicesInactive,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import { differences } from '../compare.js';
import {
  isAwsError,
  pollUntil,
  sendOptions,
  tagRecord,
  unlessNotFound,
  untilWaited,
  WaitFailedError,
} from './common.js';
import { removedSettings, serviceConnectAsPlanned } from './service-connect-configuration.js';
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
        // ECS keeps it per deployment: the primary one is what the service is moving to.
        serviceConnectConfiguration: await serviceConnectAsPlanned(
          input.serviceConnectConfiguration,
          primaryDeployment(service)?.serviceConnectConfiguration,
          ctx,
        ),
        // Also per deployment; an empty list is none.
        vpcLatticeConfigurations: nonEmpty(primaryDeployment(service)?.vpcLatticeConfigurations),
      },
      tags: tagRecord(service.tags),
    };
  },
  changes(desired, observed) {
    const { clientToken: _token, tags: _tags, ...compared } = desired;
    const current = observed.current as {
      serviceConnectConfiguration?: ServiceConnectConfiguration;
      vpcLatticeConfigurations?: VpcLatticeConfiguration[];
      loadBalancers?: unknown[];
    };
    return [
      ...differences(compared, current),
      ...removedSettings(compared.serviceConnectConfiguration, current.serviceConnectConfiguration),
      ...(compared.vpcLatticeConfigurations === undefined && current.vpcLatticeConfigurations !== undefined
        ? ['vpcLatticeConfigurations']
        : []),
      // A target group the plan no longer names (its load balancer went) is a change too.
      ...(compared.loadBalancers === undefined && (current.loadBalancers ?? []).length > 0
        ? ['loadBalancers']
        : []),
    ];
  },
  async create(input, ctx) {
    const { service } = await ctx.clients.ecs.send(new CreateServiceCommand(input), sendOptions(ctx));
    if (service === undefined) throw new Error(`CreateService ${input.serviceName} returned no service`);
    return attributesOf(service);
  },
  async update(input, observed, ctx) {
    const { vpcLatticeConfigurations: registered, loadBalancers: balanced } = observed.current as {
      vpcLatticeConfigurations?: unknown[];
      loadBalancers?: unknown[];
    };
    const { service } = await ctx.clients.ecs.send(
      new UpdateServiceCommand({
        cluster: input.cluster,
        service: input.serviceName,
        taskDefinition: input.taskDefinition,
        desiredCount: input.desiredCount,
        capacityProviderStrategy: input.capacityProviderStrategy,
        platformVersion: input.platformVersion,
        networkConfiguration: input.networkConfiguration,
        // [] takes the service out of the target groups it is in; else left as it is.
        loadBalancers: input.loadBalancers ?? ((balanced ?? []).length > 0 ? [] : undefined),
        serviceRegistries: input.serviceRegistries,
        enableExecuteCommand: input.enableExecuteCommand,
        deploymentConfiguration: input.deploymentConfiguration,
        propagateTags: input.propagateTags,
        enableECSManagedTags: input.enableECSManagedTags,
        healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds,
        serviceConnectConfiguration: input.serviceConnectConfiguration,
        // [] takes the service out of the target groups it is registered in; else left as it is.
        vpcLatticeConfigurations:
          input.vpcLatticeConfigurations ?? (registered === undefined ? undefined : []),
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
  // Optional (ctx.waitForStableServices): stable means one deployment and runningCount == desiredCount.
  async wait(attributes, ctx) {
    if (ctx.waitForStableServices === false) return;
    const cluster = clusterOf(attributes);
    const service = attributes.name;
    // ECS has no "services exist" waiter, and the stable one fails on MISSING, which right after
    // CreateService only means not listed yet (eventual consistency): poll until listed first.
    await pollUntil(ctx, `ECS service ${service} to be listed`, () => describeService(cluster, service, ctx));
    await untilWaited(
      ctx,
      `ECS service ${service} to be stable`,
      (settings) =>
        waitUntilServicesStable({ client: ctx.clients.ecs, ...settings }, { cluster, services: [service] }),
      'it is DRAINING or INACTIVE, or ECS no longer lists it',
    );
  },
  // INACTIVE: ECS has stopped the tasks and deregistered them from Cloud Map. Gone counts too:
  // the waiter would retry a missing cluster until its timeout and fails on MISSING.
  async waitDeleted(attributes, ctx) {
    const cluster = clusterOf(attributes);
    const service = attributes.name;
    const found = await describeService(cluster, service, ctx);
    if (found === undefined || found.status === 'INACTIVE') return;
    try {
      await untilWaited(ctx, `ECS service ${service} to be INACTIVE`, (settings) =>
        waitUntilServicesInactive({ client: ctx.clients.ecs, ...settings }, { cluster, services: [service] }),
      );
    } catch (error) {
      if (!(error instanceof WaitFailedError)) throw error; // its one failure state, MISSING: gone
    }
  },
};

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list === undefined || list.length === 0 ? undefined : list;
}

function primaryDeployment(service: Service): Deployment | undefined {
  return (
    service.deployments?.find((deployment) => deployment.status === 'PRIMARY') ?? service.deployments?.[0]
  );
}

async function describeService(
  cluster: string,
  name: string,
  ctx: HandlerContext,
): Promise<Service | undefined> {
  return unlessNotFound(async () => {
    const { services } = await ctx.clients.ecs.send(
      new DescribeServicesCommand({ cluster, services: [name], include: ['TAGS'] }),
      sendOptions(ctx),
    );
    return services?.find((service) => service.serviceName === name);
  }, 'ClusterNotFoundException');
}

/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>` -> cluster ("default" for the old short form). */
function clusterOf(attributes: ResourceAttributes): string {
  const parts = (attributes.arn ?? attributes.id).split(':').at(-1)?.split('/') ?? [];
  return parts.length === 3 ? (parts[1] as string) : 'default';
}

function attributesOf(service: Service): ResourceAttributes {
  return { id: service.serviceArn ?? '', arn: service.serviceArn, name: service.serviceName ?? '' };
}
