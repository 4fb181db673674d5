/**
 * `appmesh-builder render <module> --out <dir> [--task-definitions-only] [--family-prefix <prefix>]`:
 * writes the rendered files.
 */
import type { Plan } from '../plan/plan.js';
import { renderAll } from '../render/render-all.js';
import { planToRender } from '../render/render-options.js';
import { countNeeds, taskDefinitionNeeds } from '../render/task-definition-needs.js';
import { renderTaskDefinitionsAlone } from '../render/task-definitions.js';
import { writeFiles } from '../render/write-files.js';
import type { CommandIo } from './io.js';

export async function renderCommand(
  plan: Plan,
  options: { out: string; taskDefinitionsOnly: boolean; familyPrefix?: string | undefined },
  io: CommandIo,
): Promise<number> {
  const rendered = planToRender(plan, { familyPrefix: options.familyPrefix });
  const files = options.taskDefinitionsOnly ? renderTaskDefinitionsAlone(rendered) : renderAll(rendered);
  const written = await writeFiles(options.out, files);
  io.out(`Wrote ${written.length} files to ${options.out}\n`);
  if (options.taskDefinitionsOnly) {
    const needs = countNeeds(taskDefinitionNeeds(rendered));
    io.out(`Their tasks start only once ${needs} exist: see ${options.out}/README.txt.\n`);
  } else io.out(`Create the mesh with ${options.out}/apply.sh, remove it with destroy.sh.\n`);
  return 0;
}
