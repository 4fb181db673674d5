/**
 * What a plan's reference token stands for once the plan is applied, for the plan-based views: the
 * id and ARN AWS would give an IAM role or a VPC Lattice resource. Ids are derived from the plan's
 * resource id, so that every reference to one resource agrees.
 */
import { type ArnScope, iamRoleArn, partitionOf } from '../../plan/names.js';
import { findRefs, type PlannedResource, type ResourceKind } from '../../plan/resource.js';
import { hex } from './plan-tasks.js';

/** Each Lattice kind's id prefix and ARN resource type, as AWS names them. */
const LATTICE: Partial<Record<ResourceKind, { readonly prefix: string; readonly type: string }>> = {
  latticeServiceNetwork: { prefix: 'sn', type: 'servicenetwork' },
  latticeService: { prefix: 'svc', type: 'service' },
  latticeTargetGroup: { prefix: 'tg', type: 'targetgroup' },
  latticeVpcAssociation: { prefix: 'snva', type: 'servicenetworkvpcassociation' },
  latticeServiceAssociation: { prefix: 'snsa', type: 'servicenetworkserviceassociation' },
  latticeListener: { prefix: 'listener', type: 'listener' },
  latticeRule: { prefix: 'rule', type: 'rule' },
};

/** The attribute's value, or undefined for a kind or attribute this file does not know. */
export function plannedAttribute(
  byId: ReadonlyMap<string, PlannedResource>,
  scope: ArnScope,
  resourceId: string,
  attribute: string,
): string | undefined {
  const resource = byId.get(resourceId);
  if (resource?.kind === 'iamRole') {
    if (attribute === 'arn')
      return iamRoleArn(scope, resource.input.RoleName ?? resource.name, resource.input.Path);
    if (attribute === 'name') return resource.input.RoleName ?? resource.name;
    return undefined;
  }
  const lattice = resource === undefined ? undefined : LATTICE[resource.kind];
  if (resource === undefined || lattice === undefined) return undefined;
  const id = `${lattice.prefix}-${hex(resource.id, 17)}`;
  if (attribute === 'id') return id;
  if (attribute !== 'arn') return undefined;
  return `arn:${partitionOf(scope.region)}:vpc-lattice:${scope.region}:${scope.accountId}:${latticePath(byId, resource, id)}`;
}

/** `service/svc-1/listener/listener-2/rule/rule-3`: listeners and rules live under their service. */
function latticePath(
  byId: ReadonlyMap<string, PlannedResource>,
  resource: PlannedResource,
  id: string,
): string {
  const type = LATTICE[resource.kind]?.type ?? '';
  if (resource.kind !== 'latticeListener' && resource.kind !== 'latticeRule') return `${type}/${id}`;
  const parentRef = findRefs(
    resource.kind === 'latticeRule'
      ? (resource.input.listenerIdentifier ?? '')
      : (resource.input.serviceIdentifier ?? ''),
  )[0];
  const parent = parentRef === undefined ? undefined : byId.get(parentRef.resourceId);
  const parentId = parent === undefined ? undefined : LATTICE[parent.kind];
  if (parent === undefined || parentId === undefined) return `${type}/${id}`;
  return `${latticePath(byId, parent, `${parentId.prefix}-${hex(parent.id, 17)}`)}/${type}/${id}`;
}

/**
 * The name AWS gives a Lattice service, shaped as AWS's
 * `<name>-<id without svc->.<7 hex>.vpc-lattice-svcs.<region>.on.aws` (as the local cloud's).
 */
export function latticeDnsName(name: string, id: string, region: string): string {
  return `${name}-${id.slice(id.indexOf('-') + 1)}.${hex(id, 7)}.vpc-lattice-svcs.${region}.on.aws`;
}
