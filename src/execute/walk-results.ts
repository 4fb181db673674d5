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
    const base = { id: resource.id, kind: resource.kind, name: resource.name };
    if (outcome?.status === 'failed') {
      const error = asExecuteError(resource, outcome.error);
      firstError ??= error;
      return { ...base, outcome: 'failed', error };
    }
    return { ...base, outcome: 'skipped' };
  });
  return { results, firstError };
}
