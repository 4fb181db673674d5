/** `appmesh-builder render <module> --out <dir> [--task-definitions-only]`: writes the rendered files. */
import type { Plan } from '../plan/plan.js';
import { renderAll } from '../render/render-all.js';
import { renderTaskDefinitions } from '../render/task-definitions.js';
import { writeFiles } from '../render/write-files.js';
import type { CommandIo } from './io.js';

export async function renderCommand(
  plan: Plan,
  options: { out: string; taskDefinitionsOnly: boolean },
  io: CommandIo,
): Promise<number> {
  const files = options.taskDefinitionsOnly ? renderTaskDefinitions(plan) : renderAll(plan);
  const written = await writeFiles(options.out, files);
  io.out(`Wrote ${written.length} files to ${options.out}\n`);
  if (!options.taskDefinitionsOnly)
    io.out(`Create the mesh with ${options.out}/apply.sh, remove it with destroy.sh.\n`);
  return 0;
}
