/** The plan as a readable table: prefix (the CLI file layer), kind, id and dependency count. */
import type { Plan } from '../plan/plan.js';
import { resourceFiles } from './file-layout.js';
import { textTable as table } from './text-table.js';

export function renderPlanTable(plan: Plan): string {
  const rows = resourceFiles(plan).map((file) => [
    file.prefix,
    file.resource.kind,
    file.resource.id,
    String(file.resource.dependsOn.length),
  ]);
  let text = table(['PREFIX', 'KIND', 'ID', 'DEPENDS ON'], rows);
  text += `\nMesh ${plan.meshName}: ${plan.resources.length} resources. Files with the same prefix do not depend on each other.\n`;
  if (plan.warnings.length > 0) {
    text += `\n${plan.warnings.length === 1 ? '1 warning' : `${plan.warnings.length} warnings`}:\n`;
    for (const warning of plan.warnings) text += `  - ${warning.message}\n`;
  }
  return text;
}
