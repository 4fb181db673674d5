/**
 * The ECS task definitions alone, one `<family>.json` per task: the RegisterTaskDefinition input,
 * ready for `aws ecs register-task-definition --cli-input-json file://<family>.json` once the plan's
 * roles exist. An IAM role's ARN is known before it is created (account, path and name), so the
 * role references are written out here, where no script is there to look them up.
 */
import type { Plan } from '../plan/plan.js';
import type { PlannedResource } from '../plan/resource.js';
import { fileSafe } from './file-layout.js';
import { planToRender, type RenderOptions } from './render-options.js';
import { jsonText, type RenderedFile, sortByPath } from './rendered-file.js';
import { withKnownArnsResolved } from './resolve-names.js';
import { renderTaskDefinitionReadme } from './task-definition-needs.js';

export function renderTaskDefinitions(plan: Plan, options: RenderOptions = {}): RenderedFile[] {
  const tasks = withKnownArnsResolved(planToRender(plan, options)).filter(
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

/**
 * What `render --task-definitions-only` writes: the task definitions and a README.txt that names the
 * roles, log group and App Mesh resources they expect to exist, since nothing else here creates them.
 */
export function renderTaskDefinitionsAlone(plan: Plan, options: RenderOptions = {}): RenderedFile[] {
  const files = renderTaskDefinitions(plan, options);
  return sortByPath([...files, renderTaskDefinitionReadme(planToRender(plan, options), files)]);
}
