/** From a walk's outcomes to one result per plan resource: failures as MeshErrors, what never started as skipped. */
import type { MeshError } from '../errors/mesh-error.js';
import type { PlannedResource } from '../plan/resource.js';
import type { ResourceResult } from './events.js';
import { asExecuteError } from './execute-error.js';
import type { WalkOutcome } from './walk.js';

export function resultsOf(
  resources: readonly PlannedResource[],
  outcomes: ReadonlyMap<string, WalkOutcome<ResourceResult>>,
): { readonly results: ResourceResult[]; readonly firstError: MeshError | undefined } {
  let firstError: MeshError | undefined;
  const results = resources.map((resource): ResourceResult => {
    const outcome = outcomes.get(resource.id);
    if (outcome?.status === 'done') return outcome.value;
    if (outcome?.status === 'failed') {
      const result = failedResult(resource, outcome.error);
      firstError ??= result.error;
      return result;
    }
    return { id: resource.id, kind: resource.kind, name: resource.name, outcome: 'skipped' };
  });
  return { results, firstError };
}

/** The result of a resource whose step threw: the error as a MeshError with the resource's path. */
export function failedResult(
  resource: PlannedResource,
  error: unknown,
): ResourceResult & { readonly error: MeshError } {
  return {
    id: resource.id,
    kind: resource.kind,
    name: resource.name,
    outcome: 'failed',
    error: asExecuteError(resource, error),
  };
}
