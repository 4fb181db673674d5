/** Roles and their inline policies: create, read, update, tag, delete. */
import type {
  CreateRoleCommandInput,
  CreateRoleCommandOutput,
  DeleteRoleCommandInput,
  DeleteRolePolicyCommandInput,
  GetRoleCommandInput,
  GetRoleCommandOutput,
  GetRolePolicyCommandInput,
  GetRolePolicyCommandOutput,
  ListRolePoliciesCommandInput,
  ListRolePoliciesCommandOutput,
  ListRolesCommandInput,
  ListRolesCommandOutput,
  ListRoleTagsCommandInput,
  ListRoleTagsCommandOutput,
  PutRolePolicyCommandInput,
  Role,
  Tag,
  TagRoleCommandInput,
  UntagRoleCommandInput,
  UpdateAssumeRolePolicyCommandInput,
  UpdateRoleCommandInput,
  UpdateRoleDescriptionCommandInput,
  UpdateRoleDescriptionCommandOutput,
} from '@aws-sdk/client-iam';
import type { Output, World } from '../../world.js';
import { checkPermissionsPolicy, checkTrustPolicy, INLINE_POLICIES_QUOTA, policySize } from './documents.js';
import { alreadyExists, deleteConflict, invalidInput, limitExceeded, noSuchEntity } from './errors.js';
import { byName, markerPage, own, roleNamed } from './lookup.js';
import type { RoleRecord } from './state.js';
import { DESCRIPTION, DOCUMENT, InputCheck, NAME, PATH, PATH_PREFIX, POLICY_NAME } from './validation.js';

const MAX_TAGS = 50;

function roleOutput(role: RoleRecord, detail: boolean): Role {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: new Date(role.createdAt),
    // IAM returns documents URL-encoded; callers decode them.
    AssumeRolePolicyDocument: encodeURIComponent(role.trustPolicy),
    ...(role.description === undefined ? {} : { Description: role.description }),
    MaxSessionDuration: role.maxSessionDuration,
    ...(detail && role.tags.length > 0 ? { Tags: role.tags.map((t) => ({ ...t })) } : {}),
    ...(detail ? { RoleLastUsed: {} } : {}),
  };
}

/** Tags merged into `current`; keys compare without case, as in IAM. */
function mergeTags(current: readonly Tag[], added: readonly Tag[]): { Key: string; Value: string }[] {
  const merged = current.map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
  for (const tag of added) {
    const at = merged.findIndex((t) => t.Key.toLowerCase() === (tag.Key ?? '').toLowerCase());
    const entry = { Key: tag.Key ?? '', Value: tag.Value ?? '' };
    if (at === -1) merged.push(entry);
    else merged[at] = entry;
  }
  if (merged.length > MAX_TAGS) throw limitExceeded('The number of tags has reached the maximum limit.');
  return merged;
}

function checkNewTags(tags: readonly Tag[]): void {
  const keys = tags.map((t) => (t.Key ?? '').toLowerCase());
  if (new Set(keys).size !== keys.length) {
    throw invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  }
}

function inlineSize(role: RoleRecord, replacing: string, document: string): number {
  return Object.entries(role.inlinePolicies)
    .filter(([name]) => name !== replacing)
    .reduce((size, [, doc]) => size + policySize(doc), policySize(document));
}

export const roleOperations = {
  CreateRole(input: CreateRoleCommandInput, world: World): Output<CreateRoleCommandOutput> {
    new InputCheck()
      .required('roleName', input.RoleName)
      .required('assumeRolePolicyDocument', input.AssumeRolePolicyDocument)
      .text('roleName', input.RoleName, NAME)
      .text('path', input.Path, PATH)
      .text('description', input.Description, DESCRIPTION)
      .text('assumeRolePolicyDocument', input.AssumeRolePolicyDocument, DOCUMENT)
      .range('maxSessionDuration', input.MaxSessionDuration, 3600, 43200)
      .tags('tags', input.Tags)
      .throwIfAny();
    const name = input.RoleName as string;
    const trustPolicy = input.AssumeRolePolicyDocument as string;
    const tags = input.Tags ?? [];
    checkNewTags(tags);
    const merged = mergeTags([], tags);
    checkTrustPolicy(trustPolicy);
    // A conflict, not a read: a role still inside the consistency window is taken all the same.
    if (own(world.state.iam.roles, name.toLowerCase()) !== undefined) {
      throw alreadyExists(`Role with name ${name} already exists.`);
    }
    const path = input.Path ?? '/';
    const role: RoleRecord = {
      roleName: name,
      path,
      roleId: world.newId('AROA', `role/${name}`).toUpperCase(),
      arn: `arn:aws:iam::${world.accountId}:role${path}${name}`,
      createdAt: world.now(),
      trustPolicy,
      ...(input.Description === undefined ? {} : { description: input.Description }),
      maxSessionDuration: input.MaxSessionDuration ?? 3600,
      tags: merged,
      inlinePolicies: {},
      attached: [],
    };
    world.state.iam.roles[name.toLowerCase()] = role;
    return { Role: roleOutput(role, true) };
  },

  GetRole(input: GetRoleCommandInput, world: World): Output<GetRoleCommandOutput> {
    return { Role: roleOutput(roleNamed(world, input.RoleName), true) };
  },

  ListRoles(input: ListRolesCommandInput, world: World): Output<ListRolesCommandOutput> {
    new InputCheck()
      .text('pathPrefix', input.PathPrefix, PATH_PREFIX)
      .range('maxItems', input.MaxItems, 1, 1000)
      .throwIfAny();
    const prefix = input.PathPrefix ?? '/';
    const roles = Object.values(world.state.iam.roles)
      .filter((role) => world.visible(role.createdAt) && role.path.startsWith(prefix))
      .sort(byName((role) => role.roleName.toLowerCase()));
    const { items, ...paging } = markerPage(roles, input.Marker, input.MaxItems);
    return { Roles: items.map((role) => roleOutput(role, false)), ...paging };
  },

  DeleteRole(input: DeleteRoleCommandInput, world: World): object {
    const role = roleNamed(world, input.RoleName);
    if (role.attached.length > 0)
      throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (Object.keys(role.inlinePolicies).length > 0) {
      throw deleteConflict('Cannot delete entity, must delete policies first.');
    }
    delete world.state.iam.roles[role.roleName.toLowerCase()];
    return {};
  },

  UpdateAssumeRolePolicy(input: UpdateAssumeRolePolicyCommandInput, world: World): object {
    new InputCheck()
      .required('roleName', input.RoleName)
      .required('policyDocument', input.PolicyDocument)
      .text('roleName', input.RoleName, NAME)
      .text('policyDocument', input.PolicyDocument, DOCUMENT)
      .throwIfAny();
    const role = roleNamed(world, input.RoleName);
    checkTrustPolicy(input.PolicyDocument as string);
    role.trustPolicy = input.PolicyDocument as string;
    return {};
  },

  UpdateRole(input: UpdateRoleCommandInput, world: World): object {
    new InputCheck()
      .text('roleName', input.RoleName, NAME)
      .text('description', input.Description, DESCRIPTION)
      .range('maxSessionDuration', input.MaxSessionDuration, 3600, 43200)
      .throwIfAny();
    const role = roleNamed(world, input.RoleName);
    if (input.Description !== undefined) role.description = input.Description;
    if (input.MaxSessionDuration !== undefined) role.maxSessionDuration = input.MaxSessionDuration;
    return {};
  },

  UpdateRoleDescription(
    input: UpdateRoleDescriptionCommandInput,
    world: World,
  ): Output<UpdateRoleDescriptionCommandOutput> {
    new InputCheck().text('description', input.Description, DESCRIPTION).throwIfAny();
    const role = roleNamed(world, input.RoleName);
    role.description = input.Description ?? '';
    return { Role: roleOutput(role, true) };
  },

  TagRole(input: TagRoleCommandInput, world: World): object {
    new InputCheck().required('tags', input.Tags).tags('tags', input.Tags).throwIfAny();
    const role = roleNamed(world, input.RoleName);
    checkNewTags(input.Tags ?? []);
    role.tags = mergeTags(role.tags, input.Tags ?? []);
    return {};
  },

  UntagRole(input: UntagRoleCommandInput, world: World): object {
    const role = roleNamed(world, input.RoleName);
    const gone = new Set((input.TagKeys ?? []).map((key) => key.toLowerCase()));
    role.tags = role.tags.filter((tag) => !gone.has(tag.Key.toLowerCase()));
    return {};
  },

  ListRoleTags(input: ListRoleTagsCommandInput, world: World): Output<ListRoleTagsCommandOutput> {
    const role = roleNamed(world, input.RoleName);
    const { items, ...paging } = markerPage(role.tags, input.Marker, input.MaxItems);
    return { Tags: items.map((t) => ({ ...t })), ...paging };
  },

  PutRolePolicy(input: PutRolePolicyCommandInput, world: World): object {
    new InputCheck()
      .required('roleName', input.RoleName)
      .required('policyName', input.PolicyName)
      .required('policyDocument', input.PolicyDocument)
      .text('roleName', input.RoleName, NAME)
      .text('policyName', input.PolicyName, POLICY_NAME)
      .text('policyDocument', input.PolicyDocument, DOCUMENT)
      .throwIfAny();
    const role = roleNamed(world, input.RoleName);
    const document = input.PolicyDocument as string;
    checkPermissionsPolicy(document);
    if (inlineSize(role, input.PolicyName as string, document) > INLINE_POLICIES_QUOTA) {
      throw limitExceeded(
        `Maximum policy size of ${INLINE_POLICIES_QUOTA} bytes exceeded for role ${role.roleName}`,
      );
    }
    role.inlinePolicies[input.PolicyName as string] = document;
    return {};
  },

  GetRolePolicy(input: GetRolePolicyCommandInput, world: World): Output<GetRolePolicyCommandOutput> {
    const role = roleNamed(world, input.RoleName);
    const document = own(role.inlinePolicies, input.PolicyName ?? '');
    if (document === undefined) {
      throw noSuchEntity(`The role policy with name ${input.PolicyName ?? ''} cannot be found.`);
    }
    return {
      RoleName: role.roleName,
      PolicyName: input.PolicyName as string,
      PolicyDocument: encodeURIComponent(document),
    };
  },

  ListRolePolicies(input: ListRolePoliciesCommandInput, world: World): Output<ListRolePoliciesCommandOutput> {
    const role = roleNamed(world, input.RoleName);
    const names = Object.keys(role.inlinePolicies).sort();
    const { items, ...paging } = markerPage(names, input.Marker, input.MaxItems);
    return { PolicyNames: items, ...paging };
  },

  DeleteRolePolicy(input: DeleteRolePolicyCommandInput, world: World): object {
    const role = roleNamed(world, input.RoleName);
    if (own(role.inlinePolicies, input.PolicyName ?? '') === undefined) {
      throw noSuchEntity(`The role policy with name ${input.PolicyName ?? ''} cannot be found.`);
    }
    delete role.inlinePolicies[input.PolicyName ?? ''];
    return {};
  },
};
