/**
 * Cloud Map service, found by name inside its namespace. UpdateService changes the description
 * and the records' TTLs; the routing policy, record types and custom health check are fixed at
 * creation (AWS refuses the update: destroy and apply to change them).
 */
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  GetServiceCommand,
  ListTagsForResourceCommand,
  paginateListServices,
  type Service,
  UpdateServiceCommand,
} from '@aws-sdk/client-servicediscovery';
import { differences } from '../compare.js';
import { operationOf, waitForOperation } from './cloud-map-operation.js';
import { isAwsError, pollUntil, sendOptions, tagRecord, unlessNotFound } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

export const cloudMapServiceHandler: ResourceHandler<'cloudMapService'> = {
  async read(input, ctx) {
    const id = await findServiceId(input.NamespaceId, input.Name, ctx);
    const service = id === undefined ? undefined : await getService(id, ctx);
    if (service === undefined) return undefined;
    const { Tags } = await ctx.clients.cloudMap.send(
      new ListTagsForResourceCommand({ ResourceARN: service.Arn }),
      sendOptions(ctx),
    );
    return {
      attributes: attributesOf(service),
      current: {
        Name: service.Name,
        NamespaceId: service.NamespaceId,
        Description: service.Description ?? '',
        DnsConfig: service.DnsConfig,
        HealthCheckCustomConfig: service.HealthCheckCustomConfig,
        HealthCheckConfig: service.HealthCheckConfig,
        Type: service.Type,
      },
      tags: tagRecord(Tags),
    };
  },
  changes(desired, observed) {
    const { CreatorRequestId: _token, Tags: _tags, ...compared } = desired;
    return differences({ ...compared, Description: desired.Description ?? '' }, observed.current);
  },
  async create(input, ctx) {
    try {
      const { Service } = await ctx.clients.cloudMap.send(new CreateServiceCommand(input), sendOptions(ctx));
      if (Service === undefined) throw new Error(`CreateService ${input.Name} returned no service`);
      return attributesOf(Service);
    } catch (error) {
      const existing = error as { ServiceId?: string; ServiceArn?: string };
      if (!isAwsError(error, 'ServiceAlreadyExists') || existing.ServiceId === undefined) throw error;
      return { id: existing.ServiceId, arn: existing.ServiceArn, name: input.Name ?? '' };
    }
  },
  async update(input, observed, ctx) {
    // No token: sent again while the first update runs, it is refused (DuplicateRequest) and that one is waited for.
    const operationId = await operationOf(() =>
      ctx.clients.cloudMap.send(
        new UpdateServiceCommand({
          Id: observed.attributes.id,
          Service: {
            Description: input.Description ?? '',
            DnsConfig: input.DnsConfig?.DnsRecords ? { DnsRecords: input.DnsConfig.DnsRecords } : undefined,
            HealthCheckConfig: input.HealthCheckConfig,
          },
        }),
        sendOptions(ctx),
      ),
    );
    if (operationId !== undefined) await waitForOperation(operationId, ctx);
    return observed.attributes;
  },
  // Reads lag behind writes, and ECS refuses a service registry it cannot see yet
  // (InvalidParameterException, not retried): wait until GetService finds it. Polled by hand: Cloud Map has no waiters.
  async wait(attributes, ctx) {
    await pollUntil(ctx, `Cloud Map service ${attributes.name} to be readable`, () =>
      getService(attributes.id, ctx),
    );
  },
  // Refused (ResourceInUse) while ECS has not yet deregistered the tasks: the executor retries.
  async delete(attributes, _input, ctx) {
    await unlessNotFound(
      () => ctx.clients.cloudMap.send(new DeleteServiceCommand({ Id: attributes.id }), sendOptions(ctx)),
      'ServiceNotFound',
    );
  },
};

async function findServiceId(
  namespaceId: string | undefined,
  name: string | undefined,
  ctx: HandlerContext,
): Promise<string | undefined> {
  if (namespaceId === undefined) return undefined;
  const pages = paginateListServices(
    { client: ctx.clients.cloudMap },
    { Filters: [{ Name: 'NAMESPACE_ID', Values: [namespaceId], Condition: 'EQ' }] },
  );
  try {
    for await (const page of pages) {
      const found = page.Services?.find((service) => service.Name === name);
      if (found?.Id !== undefined) return found.Id;
    }
  } catch (error) {
    if (isAwsError(error, 'NamespaceNotFound')) return undefined;
    throw error;
  }
  return undefined;
}

function getService(id: string, ctx: HandlerContext): Promise<Service | undefined> {
  return unlessNotFound(
    async () =>
      (await ctx.clients.cloudMap.send(new GetServiceCommand({ Id: id }), sendOptions(ctx))).Service,
    'ServiceNotFound',
  );
}

function attributesOf(service: Service): ResourceAttributes {
  return { id: service.Id ?? '', arn: service.Arn, name: service.Name ?? '' };
}
