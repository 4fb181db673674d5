/**
 * Whose is a resource? This tool deletes only what it created: what its journal says it created,
 * or what carries its ownership tag for this mesh. Kinds that AWS cannot tag (inline policies,
 * policy attachments, ingress rules) belong to whoever owns their role or security group.
 */
import { OWNERSHIP_TAG_KEY } from '../plan/names.js';
import type { PlannedResource, ResourceKind } from '../plan/resource.js';

const OWNER_KIND: Partial<Record<ResourceKind, ResourceKind>> = {
  iamRolePolicy: 'iamRole',
  iamRolePolicyAttachment: 'iamRole',
  securityGroupIngress: 'securityGroup',
};

export function carriesOwnershipTag(
  tags: Readonly<Record<string, string>> | undefined,
  meshName: string,
): boolean {
  return tags?.[OWNERSHIP_TAG_KEY] === meshName;
}

/** The plan resource whose ownership an untaggable resource shares, if it is such a kind. */
export function ownerOf(
  resource: PlannedResource,
  byId: ReadonlyMap<string, PlannedResource>,
): PlannedResource | undefined {
  const kind = OWNER_KIND[resource.kind];
  if (kind === undefined) return undefined;
  return resource.dependsOn.map((id) => byId.get(id)).find((r) => r?.kind === kind);
}
