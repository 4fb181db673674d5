/**
 * The ECS task definitions alone, one `<family>.json` per task: the RegisterTaskDefinition input,
 * ready for `aws ecs register-task-definition --cli-input-json file://<family>.json`. Role ARNs
 * that the plan leaves as reference tokens stay tokens (apply.sh fills them in).
 */
import type { Plan } from '../plan/plan.js';
import type { PlannedResource } from '../plan/resource.js';
import { fileSafe } from './file-layout.js';
import { jsonText, type RenderedFile, sortByPath } from './rendered-file.js';
import { withNamesResolved } from './resolve-names.js';

export function renderTaskDefinitions(plan: Plan): RenderedFile[] {
  const tasks = withNamesResolved(plan).filter(
    (r): r is PlannedResource<'taskDefinition'> => r.kind === 'taskDefinition',
  );
  const used = new Map<string, number>();
  return sortByPath(
    tasks.map((task) => {
      const base = fileSafe(task.input.family ?? task.name);
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      return { path: `${n === 1 ? base : `${base}-${n}`}.json`, contents: jsonText(task.input) };
    }),
  );
}
