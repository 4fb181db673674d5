/**
 * The ECS task definitions alone, one `<family>.json` per task: the RegisterTaskDefinition input,
 * ready for `aws ecs register-task-definition --cli-input-json file://<family>.json` once the plan's
 * roles exist. An IAM role's ARN is known before it is created (account, path and name), so the
 * role references are written out here, where no script is there to look them up.
 */
import type { Plan } from '../plan/plan.js';
import type { PlannedResource } from '../plan/resource.js';
import { fileSafe } from './file-layout.js';
import { jsonText, type RenderedFile, sortByPath } from './rendered-file.js';
import { withKnownArnsResolved } from './resolve-names.js';

export function renderTaskDefinitions(plan: Plan): RenderedFile[] {
  const tasks = withKnownArnsResolved(plan).filter(
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
