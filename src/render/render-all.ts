/** Everything the CLI's `render` writes: CLI input files and scripts, task definitions, the diagram. */
import type { Plan } from '../plan/plan.js';
import { renderCliInputJson } from './cli-input-json.js';
import { renderMermaidFile } from './diagram.js';
import { planToRender, type RenderOptions } from './render-options.js';
import { type RenderedFile, sortByPath } from './rendered-file.js';
import { renderTaskDefinitions } from './task-definitions.js';

export function renderAll(plan: Plan, options: RenderOptions = {}): RenderedFile[] {
  const rendered = planToRender(plan, options);
  return sortByPath([
    ...renderCliInputJson(rendered),
    ...renderTaskDefinitions(rendered).map((file) => ({ ...file, path: `task-definitions/${file.path}` })),
    renderMermaidFile(rendered),
  ]);
}
