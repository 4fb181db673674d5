import type { Plan } from '../plan/plan.js';
import { type PlannedResource, replaceRefs } from '../plan/resource.js';

/**
 * A resource's name is known before anything is created, so `#name` tokens are filled in at render
 * time; only ids and ARNs are left for the scripts to look up.
 */
export function withNamesResolved(plan: Plan): PlannedResource[] {
  const byId = resourcesById(plan);
  return plan.resources.map((resource) => {
    const input = replaceRefs(resource.input, (id, attribute) => {
      const target = byId.get(id);
      if (attribute === 'name' && target) return target.name;
      return `{{ref:${id}#${attribute}}}`;
    });
    return { ...resource, input } as PlannedResource;
  });
}

export function resourcesById(plan: Plan): Map<string, PlannedResource> {
  return new Map(plan.resources.map((resource) => [resource.id, resource]));
}
