/**
 * Cloud Map namespaces: the private DNS namespace of an App Mesh plan, the HTTP (API-only) one of
 * a Service Connect plan. Creation is asynchronous: the namespace id comes from the operation's
 * Targets, so `create` polls the operation itself. Only the description can be updated (the VPC
 * is the hosted zone's and AWS does not report it here: it is not compared).
 */
import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  DeleteNamespaceCommand,
  GetNamespaceCommand,
  ListTagsForResourceCommand,
  type Namespace,
  type NamespaceType,
  paginateListNamespaces,
  UpdateHttpNamespaceCommand,
  UpdatePrivateDnsNamespaceCommand,
} from '@aws-sdk/client-servicediscovery';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { operationOf, waitForOperation } from './cloud-map-operation.js';
import { isAwsError, pollUntil, sendOptions, tagRecord, unlessNotFound, updateToken } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

type NamespaceKind = 'cloudMapNamespace' | 'cloudMapHttpNamespace';

/** What differs between the two types: the ListNamespaces filter and the create and update calls. */
interface NamespaceCalls<K extends NamespaceKind> {
  readonly type: NamespaceType;
  readonly create: (input: ResourceInputs[K], ctx: HandlerContext) => Promise<{ OperationId?: string }>;
  readonly update: (
    update: { Id: string; UpdaterRequestId: string; Namespace: { Description: string } },
    ctx: HandlerContext,
  ) => Promise<{ OperationId?: string }>;
}

export const cloudMapNamespaceHandler = namespaceHandler<'cloudMapNamespace'>({
  type: 'DNS_PRIVATE',
  create: (input, ctx) =>
    ctx.clients.cloudMap.send(new CreatePrivateDnsNamespaceCommand(input), sendOptions(ctx)),
  update: (update, ctx) =>
    ctx.clients.cloudMap.send(new UpdatePrivateDnsNamespaceCommand(update), sendOptions(ctx)),
});

export const cloudMapHttpNamespaceHandler = namespaceHandler<'cloudMapHttpNamespace'>({
  type: 'HTTP',
  create: (input, ctx) => ctx.clients.cloudMap.send(new CreateHttpNamespaceCommand(input), sendOptions(ctx)),
  update: (update, ctx) =>
    ctx.clients.cloudMap.send(new UpdateHttpNamespaceCommand(update), sendOptions(ctx)),
});

function namespaceHandler<K extends NamespaceKind>(calls: NamespaceCalls<K>): ResourceHandler<K> {
  return {
    async read(input, ctx) {
      const id = await findNamespaceId(calls.type, input.Name, ctx);
      const namespace = id === undefined ? undefined : await getNamespace(id, ctx);
      if (namespace === undefined) return undefined;
      const attributes = attributesOf(namespace);
      const { Tags } = await ctx.clients.cloudMap.send(
        new ListTagsForResourceCommand({ ResourceARN: namespace.Arn }),
        sendOptions(ctx),
      );
      return {
        attributes,
        current: { Name: namespace.Name, Description: namespace.Description ?? '' },
        tags: tagRecord(Tags),
      };
    },
    changes(desired, observed) {
      return differences({ Name: desired.Name, Description: desired.Description ?? '' }, observed.current);
    },
    async create(input, ctx) {
      let operationId: string | undefined;
      try {
        operationId = await operationOf(() => calls.create(input, ctx));
      } catch (error) {
        const existing = (error as { NamespaceId?: string }).NamespaceId;
        if (isAwsError(error, 'NamespaceAlreadyExists') && existing !== undefined)
          return adopt(existing, ctx, calls.type);
        throw error;
      }
      if (operationId === undefined)
        throw new Error(`Creating namespace ${input.Name} returned no OperationId`);
      const operation = await waitForOperation(operationId, ctx);
      const namespaceId = operation.Targets?.NAMESPACE;
      if (namespaceId === undefined) throw new Error(`Operation ${operationId} names no namespace`);
      return adopt(namespaceId, ctx);
    },
    async update(input, observed, ctx) {
      const operationId = await operationOf(() =>
        calls.update(
          {
            Id: observed.attributes.id,
            UpdaterRequestId: updateToken(input.CreatorRequestId, input.Description),
            Namespace: { Description: input.Description ?? '' },
          },
          ctx,
        ),
      );
      if (operationId !== undefined) await waitForOperation(operationId, ctx);
      return observed.attributes;
    },
    // Sent again while its deletion runs (a retry after a lost answer): waits for that deletion.
    async delete(attributes, _input, ctx) {
      const operationId = await unlessNotFound(
        () =>
          operationOf(() =>
            ctx.clients.cloudMap.send(new DeleteNamespaceCommand({ Id: attributes.id }), sendOptions(ctx)),
          ),
        'NamespaceNotFound',
      );
      if (operationId !== undefined) await waitForOperation(operationId, ctx);
    },
  };
}

async function findNamespaceId(
  type: NamespaceType,
  name: string | undefined,
  ctx: HandlerContext,
): Promise<string | undefined> {
  const pages = paginateListNamespaces(
    { client: ctx.clients.cloudMap },
    { Filters: [{ Name: 'TYPE', Values: [type], Condition: 'EQ' }] },
  );
  for await (const page of pages) {
    const found = page.Namespaces?.find((namespace) => namespace.Name === name);
    if (found?.Id !== undefined) return found.Id;
  }
  return undefined;
}

function getNamespace(id: string, ctx: HandlerContext): Promise<Namespace | undefined> {
  return unlessNotFound(
    async () =>
      (await ctx.clients.cloudMap.send(new GetNamespaceCommand({ Id: id }), sendOptions(ctx))).Namespace,
    'NamespaceNotFound',
  );
}

async function adopt(id: string, ctx: HandlerContext, type?: NamespaceType): Promise<ResourceAttributes> {
  // Reads lag behind writes (eventual consistency): the namespace exists, wait until it shows.
  // Polled by hand: Cloud Map has no waiters.
  const namespace = await pollUntil(ctx, `Cloud Map namespace ${id} to be readable`, () =>
    getNamespace(id, ctx),
  );
  // The name is taken by a namespace of another type (HTTP names are unique across types): not
  // the one this plan creates, and never to be written to or deleted as if it were.
  if (type !== undefined && namespace.Type !== type)
    throw new Error(
      `Cloud Map namespace ${namespace.Name} (${namespace.Id}) already exists as a ${namespace.Type} namespace, not ${type}: give the namespace to create another name, or use this one as an existing namespace.`,
    );
  return attributesOf(namespace);
}

function attributesOf(namespace: Namespace): ResourceAttributes {
  return { id: namespace.Id ?? '', arn: namespace.Arn, name: namespace.Name ?? '' };
}
