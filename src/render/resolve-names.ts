import { iamRoleArn } from '../plan/names.js';
import type { Plan } from '../plan/plan.js';
import { type PlannedResource, type ResourceAttribute, ref, replaceRefs } from '../plan/resource.js';

/** What a reference token stands for when it is known at render time; undefined: leave the token. */
type KnownValue = (target: PlannedResource, attribute: ResourceAttribute) => string | undefined;

/** A resource's name is known before anything is created. */
const nameOf: KnownValue = (target, attribute) => (attribute === 'name' ? target.name : undefined);

/** `#name` tokens filled in at render time; only ids and ARNs are left for the scripts to look up. */
export function withNamesResolved(plan: Plan): PlannedResource[] {
  return withRefsResolved(plan, nameOf);
}

/**
 * Names, and the ARNs of the plan's IAM roles, which follow from the plan's account, the role's path
 * and its name: for files that are used as they are, with no script to look the ARNs up.
 */
export function withKnownArnsResolved(plan: Plan): PlannedResource[] {
  const { aws } = plan;
  return withRefsResolved(plan, (target, attribute) => {
    if (attribute === 'arn' && target.kind === 'iamRole' && aws !== undefined) {
      return iamRoleArn(aws, target.input.RoleName as string, target.input.Path);
    }
    return nameOf(target, attribute);
  });
}

function withRefsResolved(plan: Plan, known: KnownValue): PlannedResource[] {
  const byId = resourcesById(plan);
  return plan.resources.map((resource) => {
    const input = replaceRefs(resource.input, (id, attribute) => {
      const target = byId.get(id);
      return (target && known(target, attribute)) ?? ref(id, attribute);
    });
    return { ...resource, input } as PlannedResource;
  });
}

export function resourcesById(plan: Plan): Map<string, PlannedResource> {
  return new Map(plan.resources.map((resource) => [resource.id, resource]));
}
