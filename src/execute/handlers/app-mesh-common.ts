/**
 * The seven App Mesh kinds share one shape: describe by (mesh, parent, name), compare the spec,
 * update by sending the FULL desired spec (an update overwrites the stored spec), tags through
 * ListTagsForResource. The attributes are the metadata's uid (id) and ARN, as the CLI scripts use.
 */
import { ListTagsForResourceCommand, type ResourceMetadata } from '@aws-sdk/client-app-mesh';
import type { AppMeshKind, ResourceInputs } from '../../plan/resource.js';
import { differences, withoutKeys } from '../compare.js';
import { sendOptions, tagRecord, unlessNotFound, updateToken } from './common.js';
import type { HandlerContext, Observed, ResourceAttributes, ResourceHandler } from './types.js';

/** The part of every App Mesh `*Data` output the handlers use. */
export interface AppMeshData {
  readonly metadata?: ResourceMetadata;
  readonly spec?: unknown;
  readonly status?: { readonly status?: string };
}

export interface AppMeshCalls<K extends AppMeshKind> {
  /** The resource's own name in the input. */
  readonly name: (input: ResourceInputs[K]) => string;
  readonly describe: (input: ResourceInputs[K], ctx: HandlerContext) => Promise<AppMeshData | undefined>;
  readonly create: (input: ResourceInputs[K], ctx: HandlerContext) => Promise<AppMeshData | undefined>;
  readonly update: (
    input: ResourceInputs[K],
    clientToken: string,
    ctx: HandlerContext,
  ) => Promise<AppMeshData | undefined>;
  readonly delete: (input: ResourceInputs[K], ctx: HandlerContext) => Promise<unknown>;
}

const NOT_COMPARED = ['clientToken', 'tags'];

export function appMeshHandler<K extends AppMeshKind>(calls: AppMeshCalls<K>): ResourceHandler<K> {
  const attributesOf = (input: ResourceInputs[K], data: AppMeshData | undefined): ResourceAttributes => {
    const uid = data?.metadata?.uid;
    if (uid === undefined) throw new Error(`App Mesh returned no metadata for ${calls.name(input)}`);
    return { id: uid, arn: data?.metadata?.arn, name: calls.name(input) };
  };
  return {
    async read(input, ctx) {
      const data = await unlessNotFound(() => calls.describe(input, ctx), 'NotFoundException');
      if (data === undefined || data.status?.status === 'DELETED') return undefined;
      const attributes = attributesOf(input, data);
      const tags = await appMeshTags(attributes.arn, ctx);
      // The identity fields are the input's own: the describe found the resource by them.
      const current = {
        ...withoutKeys(input, [...NOT_COMPARED, 'spec']),
        spec: data.spec,
        version: data.metadata?.version,
      };
      return { attributes, current, tags } satisfies Observed;
    },
    changes(desired, observed) {
      return differences(withoutKeys(desired, NOT_COMPARED), observed.current);
    },
    async create(input, ctx) {
      return attributesOf(input, await calls.create(input, ctx));
    },
    async update(input, observed, ctx) {
      const version = (observed.current as { version?: number }).version;
      const token = updateToken((input as { clientToken?: string }).clientToken, version);
      return attributesOf(input, await calls.update(input, token, ctx));
    },
    async delete(_attributes, input, ctx) {
      await unlessNotFound(() => calls.delete(input, ctx), 'NotFoundException');
    },
  };
}

async function appMeshTags(arn: string | undefined, ctx: HandlerContext): Promise<Record<string, string>> {
  if (arn === undefined) return {};
  const tags: Record<string, string> = {};
  let nextToken: string | undefined;
  do {
    const page = await ctx.clients.appMesh.send(
      new ListTagsForResourceCommand({ resourceArn: arn, nextToken }),
      sendOptions(ctx),
    );
    Object.assign(tags, tagRecord(page.tags));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return tags;
}
