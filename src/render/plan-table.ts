/** The plan as a readable table: prefix (the CLI file layer), kind, id and dependency count. */
import type { Plan } from '../plan/plan.js';
import { resourceFiles } from './file-layout.js';

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

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
