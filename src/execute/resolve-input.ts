/** A planned input with its reference tokens replaced by what AWS returned for the resources they name. */
import {
  type PlannedResource,
  type ResourceAttribute,
  type ResourceInputs,
  replaceRefs,
} from '../plan/resource.js';
import type { ResourceAttributes } from './handlers/types.js';

export class UnresolvedReferenceError extends Error {
  constructor(
    readonly resourceId: string,
    readonly attribute: ResourceAttribute,
  ) {
    super(`${resourceId} has no ${attribute} yet`);
    this.name = 'UnresolvedReferenceError';
  }
}

export function resolveInput<K extends PlannedResource['kind']>(
  resource: PlannedResource & { kind: K },
  attributes: ReadonlyMap<string, ResourceAttributes>,
): ResourceInputs[K] {
  return replaceRefs(resource.input as ResourceInputs[K], (id, attribute) => {
    const value = attributes.get(id)?.[attribute];
    if (value === undefined) throw new UnresolvedReferenceError(id, attribute);
    return value;
  });
}
