/**
 * Whose is a resource? What carries this tool's ownership tags for this mesh and plan; the cloud's
 * tags decide, never the journal alone. Kinds that AWS cannot tag (inline policies, policy
 * attachments, ingress rules) belong to whoever owns their role or security group.
 */
import { OWNERSHIP_TAG_KEY, PLAN_TAG_KEY } from '../plan/names.js';
import type { Plan } from '../plan/plan.js';
import type { PlannedResource, ResourceKind } from '../plan/resource.js';

/** The kinds AWS cannot tag, and the kinds of resource that can own each. */
export const OWNER_KIND: Partial<Record<ResourceKind, readonly ResourceKind[]>> = {
  iamRolePolicy: ['iamRole'],
  iamRolePolicyAttachment: ['iamRole'],
  securityGroupIngress: ['securityGroup'],
  // A service network's or a service's.
  latticeAuthPolicy: ['latticeServiceNetwork', 'latticeService'],
};

/**
 * Tagged as this plan's: its mesh, and its plan (another plan of the same mesh owns what carries
 * another plan name; what an earlier version tagged with the mesh alone counts as the mesh's plan).
 */
export function carriesOwnershipTag(
  tags: Readonly<Record<string, string>> | undefined,
  plan: Pick<Plan, 'meshName' | 'planName'>,
): boolean {
  if (tags?.[OWNERSHIP_TAG_KEY] !== plan.meshName) return false;
  return (tags[PLAN_TAG_KEY] ?? plan.meshName) === plan.planName;
}

/** The plan resource whose ownership an untaggable resource shares, if it is such a kind. */
export function ownerOf(
  resource: PlannedResource,
  byId: ReadonlyMap<string, PlannedResource>,
): PlannedResource | undefined {
  const kinds = OWNER_KIND[resource.kind];
  if (kinds === undefined) return undefined;
  return resource.dependsOn.map((id) => byId.get(id)).find((r) => r !== undefined && kinds.includes(r.kind));
}
