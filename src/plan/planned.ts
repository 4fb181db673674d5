import type { PlannedResource, ResourceInputs, ResourceKind } from './resource.js';

/** A planned resource; dependencies deduplicated and sorted, `undefined` entries (optional ones) dropped. */
export function planned<K extends ResourceKind>(
  kind: K,
  id: string,
  name: string,
  dependsOn: readonly (string | undefined)[],
  input: ResourceInputs[K],
): PlannedResource<K> {
  const sorted: string[] = [];
  for (const dependency of dependsOn) if (dependency !== undefined) sorted.push(dependency);
  if (sorted.length > 1) sorted.sort();
  // Lists are short (a handful of ids): drop adjacent repeats in place.
  let kept = 0;
  for (const dependency of sorted)
    if (kept === 0 || sorted[kept - 1] !== dependency) sorted[kept++] = dependency;
  sorted.length = kept;
  return { kind, id, name, dependsOn: sorted, input } as unknown as PlannedResource<K>;
}
