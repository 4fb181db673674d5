/** Managed policies: customer ones (create, read, delete) and attaching any of them to roles. */
import {
  type AttachRolePolicyCommandInput,
  type CreatePolicyCommandInput,
  type CreatePolicyCommandOutput,
  type DeletePolicyCommandInput,
  type DetachRolePolicyCommandInput,
  type GetPolicyCommandInput,
  type GetPolicyCommandOutput,
  type GetPolicyVersionCommandInput,
  type GetPolicyVersionCommandOutput,
  IAMServiceException,
  type ListAttachedRolePoliciesCommandInput,
  type ListAttachedRolePoliciesCommandOutput,
  type ListPoliciesCommandInput,
  type ListPoliciesCommandOutput,
  type Policy,
} from '@aws-sdk/client-iam';
import { unmodeledError } from '../../aws-error.js';
import type { Output, World } from '../../world.js';
import { AWS_MANAGED_POLICIES } from './aws-managed.js';
import { checkPermissionsPolicy, MANAGED_POLICY_QUOTA, policySize } from './documents.js';
import {
  alreadyExists,
  deleteConflict,
  invalidInput,
  limitExceeded,
  noSuchEntity,
  validationError,
} from './errors.js';
import { attachmentCount, byName, findPolicy, markerPage, own, policyByArn, roleNamed } from './lookup.js';
import type { PolicyRecord } from './state.js';
import { DESCRIPTION, DOCUMENT, InputCheck, NAME, PATH, PATH_PREFIX, POLICY_NAME } from './validation.js';

/** Managed policies one role may have attached (the default quota). */
const POLICIES_PER_ROLE = 10;
const POLICY_ARN = /^arn:aws:iam::(aws|\d{12}):policy\/(.+\/)?[\w+=,.@-]+$/;

function policyOutput(world: World, policy: PolicyRecord, detail: boolean): Policy {
  const updatedAt = 'updatedAt' in policy ? Number(policy.updatedAt) : policy.createdAt;
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount(world, policy.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    ...(detail && policy.description !== undefined ? { Description: policy.description } : {}),
    CreateDate: new Date(policy.createdAt),
    UpdateDate: new Date(updatedAt),
    ...(policy.tags.length > 0 ? { Tags: policy.tags.map((t) => ({ ...t })) } : {}),
  };
}

function checkArn(policyArn: string | undefined): string {
  new InputCheck().required('policyArn', policyArn).throwIfAny();
  if (!POLICY_ARN.test(policyArn as string)) throw invalidInput(`ARN ${policyArn} is not valid.`);
  return policyArn as string;
}

export const policyOperations = {
  CreatePolicy(input: CreatePolicyCommandInput, world: World): Output<CreatePolicyCommandOutput> {
    new InputCheck()
      .required('policyName', input.PolicyName)
      .required('policyDocument', input.PolicyDocument)
      .text('policyName', input.PolicyName, POLICY_NAME)
      .text('path', input.Path, PATH)
      .text('description', input.Description, DESCRIPTION)
      .text('policyDocument', input.PolicyDocument, DOCUMENT)
      .tags('tags', input.Tags)
      .throwIfAny();
    const name = input.PolicyName as string;
    const document = input.PolicyDocument as string;
    checkPermissionsPolicy(document);
    if (policySize(document) > MANAGED_POLICY_QUOTA) {
      throw limitExceeded(`Cannot exceed quota for PolicySize: ${MANAGED_POLICY_QUOTA}`);
    }
    // Names are unique in the account whatever the path; a policy not yet visible still holds its name.
    if (Object.values(world.state.iam.policies).some((p) => p.policyName === name)) {
      throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    const path = input.Path ?? '/';
    const arn = `arn:aws:iam::${world.accountId}:policy${path}${name}`;
    const createdAt = world.now();
    const policy: PolicyRecord = {
      policyName: name,
      path,
      policyId: world.newId('ANPA', `policy/${name}`).toUpperCase(),
      arn,
      createdAt,
      ...(input.Description === undefined ? {} : { description: input.Description }),
      tags: (input.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
      versions: [{ versionId: 'v1', document, createdAt }],
      defaultVersionId: 'v1',
    };
    world.state.iam.policies[arn] = policy;
    return { Policy: policyOutput(world, policy, false) };
  },

  GetPolicy(input: GetPolicyCommandInput, world: World): Output<GetPolicyCommandOutput> {
    return { Policy: policyOutput(world, policyByArn(world, checkArn(input.PolicyArn)), true) };
  },

  GetPolicyVersion(input: GetPolicyVersionCommandInput, world: World): Output<GetPolicyVersionCommandOutput> {
    const policy = policyByArn(world, checkArn(input.PolicyArn));
    const version = policy.versions.find((v) => v.versionId === input.VersionId);
    if (version === undefined) {
      throw noSuchEntity(
        `Policy ${policy.arn} version ${input.VersionId ?? ''} does not exist or is not attachable.`,
      );
    }
    return {
      PolicyVersion: {
        Document: encodeURIComponent(version.document),
        VersionId: version.versionId,
        IsDefaultVersion: version.versionId === policy.defaultVersionId,
        CreateDate: new Date(version.createdAt),
      },
    };
  },

  ListPolicies(input: ListPoliciesCommandInput, world: World): Output<ListPoliciesCommandOutput> {
    new InputCheck()
      .text('pathPrefix', input.PathPrefix, PATH_PREFIX)
      .range('maxItems', input.MaxItems, 1, 1000)
      .throwIfAny();
    const scope = input.Scope ?? 'All';
    if (!['All', 'AWS', 'Local'].includes(scope)) {
      throw validationError(
        `1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]`,
      );
    }
    const candidates = [
      ...(scope === 'Local' ? [] : Object.values(AWS_MANAGED_POLICIES)),
      ...(scope === 'AWS'
        ? []
        : Object.values(world.state.iam.policies).filter((p) => world.visible(p.createdAt))),
    ];
    const policies = candidates
      .filter((p) => p.path.startsWith(input.PathPrefix ?? '/'))
      .filter((p) => !input.OnlyAttached || attachmentCount(world, p.arn) > 0)
      .sort(byName((p) => p.policyName));
    const { items, ...paging } = markerPage(policies, input.Marker, input.MaxItems);
    return { Policies: items.map((p) => policyOutput(world, p, false)), ...paging };
  },

  DeletePolicy(input: DeletePolicyCommandInput, world: World): object {
    const arn = checkArn(input.PolicyArn);
    if (own(AWS_MANAGED_POLICIES, arn) !== undefined) {
      throw unmodeledError(
        IAMServiceException,
        'AccessDenied',
        `User is not authorized to perform: iam:DeletePolicy on resource: policy ${arn}`,
        403,
      );
    }
    const policy = policyByArn(world, arn);
    if (attachmentCount(world, arn) > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
    delete world.state.iam.policies[policy.arn];
    return {};
  },

  AttachRolePolicy(input: AttachRolePolicyCommandInput, world: World): object {
    new InputCheck().required('roleName', input.RoleName).text('roleName', input.RoleName, NAME).throwIfAny();
    const arn = checkArn(input.PolicyArn);
    if (findPolicy(world, arn) === undefined) {
      throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    }
    const role = roleNamed(world, input.RoleName);
    if (role.attached.includes(arn)) return {};
    if (role.attached.length >= POLICIES_PER_ROLE) {
      throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${POLICIES_PER_ROLE}`);
    }
    role.attached.push(arn);
    return {};
  },

  DetachRolePolicy(input: DetachRolePolicyCommandInput, world: World): object {
    const arn = checkArn(input.PolicyArn);
    const role = roleNamed(world, input.RoleName);
    if (!role.attached.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
    role.attached = role.attached.filter((a) => a !== arn);
    return {};
  },

  ListAttachedRolePolicies(
    input: ListAttachedRolePoliciesCommandInput,
    world: World,
  ): Output<ListAttachedRolePoliciesCommandOutput> {
    new InputCheck().text('pathPrefix', input.PathPrefix, PATH_PREFIX).throwIfAny();
    const role = roleNamed(world, input.RoleName);
    const attached = role.attached
      .map((arn) => ({ arn, name: arn.slice(arn.lastIndexOf('/') + 1), path: pathOf(arn) }))
      .filter((p) => p.path.startsWith(input.PathPrefix ?? '/'))
      .sort(byName((p) => p.name));
    const { items, ...paging } = markerPage(attached, input.Marker, input.MaxItems);
    return { AttachedPolicies: items.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })), ...paging };
  },
};

/** `/service-role/` of `arn:aws:iam::aws:policy/service-role/X`. */
function pathOf(arn: string): string {
  const afterPolicy = arn.slice(arn.indexOf(':policy/') + ':policy'.length);
  return afterPolicy.slice(0, afterPolicy.lastIndexOf('/') + 1);
}
