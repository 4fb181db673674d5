/**
 * IAM role. The trust policy is compared as data (IAM returns it URL-encoded) and changed with
 * UpdateAssumeRolePolicy; the description and session length with UpdateRole.
 */
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  paginateListRoleTags,
  type Role,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  waitUntilRoleExists,
} from '@aws-sdk/client-iam';
import { differences, parsePolicy, policyText } from '../compare.js';
import { isAwsError, sendOptions, tagRecord, unlessNotFound, untilWaited } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

export const NO_SUCH_ENTITY = ['NoSuchEntityException', 'NoSuchEntity'];

export const iamRoleHandler: ResourceHandler<'iamRole'> = {
  async read(input, ctx) {
    const role = await getRole(input.RoleName, ctx);
    if (role === undefined) return undefined;
    return {
      attributes: attributesOf(role),
      current: {
        RoleName: role.RoleName,
        Path: role.Path,
        // Text, as in the create input (a restore sends it back); `changes` compares it parsed.
        AssumeRolePolicyDocument: policyText(role.AssumeRolePolicyDocument),
        Description: role.Description ?? '',
        MaxSessionDuration: role.MaxSessionDuration,
        PermissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
      },
      tags: await roleTags(input.RoleName, ctx),
    };
  },
  changes(desired, observed) {
    const current = observed.current as { AssumeRolePolicyDocument?: string };
    return differences(
      {
        RoleName: desired.RoleName,
        Path: desired.Path,
        AssumeRolePolicyDocument: parsePolicy(desired.AssumeRolePolicyDocument),
        Description: desired.Description ?? '',
        MaxSessionDuration: desired.MaxSessionDuration,
        PermissionsBoundary: desired.PermissionsBoundary,
      },
      { ...current, AssumeRolePolicyDocument: parsePolicy(current.AssumeRolePolicyDocument) },
    );
  },
  async create(input, ctx) {
    try {
      const { Role: role } = await ctx.clients.iam.send(new CreateRoleCommand(input), sendOptions(ctx));
      if (role === undefined) throw new Error(`CreateRole ${input.RoleName} returned no role`);
      return attributesOf(role);
    } catch (error) {
      if (!isAwsError(error, 'EntityAlreadyExistsException', 'EntityAlreadyExists')) throw error;
      // Reads lag behind writes: the role exists (AWS said so), wait until it shows.
      const { final } = await waitUntilReadable(input.RoleName ?? '', ctx);
      if (final?.Role === undefined) throw new Error(`GetRole ${input.RoleName} returned no role`);
      return attributesOf(final.Role);
    }
  },
  async update(input, observed, ctx) {
    const changed = iamRoleHandler.changes(input, observed);
    if (changed.some((path) => path.startsWith('AssumeRolePolicyDocument'))) {
      await ctx.clients.iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: input.RoleName,
          PolicyDocument: input.AssumeRolePolicyDocument,
        }),
        sendOptions(ctx),
      );
    }
    if (changed.some((path) => path === 'Description' || path === 'MaxSessionDuration')) {
      await ctx.clients.iam.send(
        new UpdateRoleCommand({
          RoleName: input.RoleName,
          Description: input.Description,
          MaxSessionDuration: input.MaxSessionDuration,
        }),
        sendOptions(ctx),
      );
    }
    return observed.attributes;
  },
  // IAM is eventually consistent, and PutRolePolicy or AttachRolePolicy on a role not yet
  // readable fail with NoSuchEntity.
  async wait(attributes, ctx) {
    await waitUntilReadable(attributes.name, ctx);
  },
  // Its inline policies and attachments are separate plan resources, deleted before it.
  async delete(_attributes, input, ctx) {
    await unlessNotFound(
      () => ctx.clients.iam.send(new DeleteRoleCommand({ RoleName: input.RoleName }), sendOptions(ctx)),
      ...NO_SUCH_ENTITY,
    );
  },
};

function waitUntilReadable(roleName: string, ctx: HandlerContext) {
  return untilWaited(ctx, `role ${roleName} to be readable`, (settings) =>
    waitUntilRoleExists({ client: ctx.clients.iam, ...settings }, { RoleName: roleName }),
  );
}

function getRole(roleName: string | undefined, ctx: HandlerContext): Promise<Role | undefined> {
  return unlessNotFound(
    async () =>
      (await ctx.clients.iam.send(new GetRoleCommand({ RoleName: roleName }), sendOptions(ctx))).Role,
    ...NO_SUCH_ENTITY,
  );
}

async function roleTags(roleName: string | undefined, ctx: HandlerContext): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  for await (const page of paginateListRoleTags({ client: ctx.clients.iam }, { RoleName: roleName })) {
    Object.assign(tags, tagRecord(page.Tags));
  }
  return tags;
}

function attributesOf(role: Role): ResourceAttributes {
  return { id: role.RoleId ?? '', arn: role.Arn, name: role.RoleName ?? '' };
}
