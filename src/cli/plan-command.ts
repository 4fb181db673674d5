/** `appmesh-builder plan <module> [--json]`: the resources in create order, and the warnings. */
import type { Plan } from '../plan/plan.js';
import { resourceFiles } from '../render/file-layout.js';
import type { CommandIo } from './io.js';

export function planCommand(plan: Plan, options: { json: boolean }, io: CommandIo): number {
  if (options.json) {
    io.out(`${JSON.stringify(plan, null, 2)}\n`);
    return 0;
  }
  const rows = resourceFiles(plan).map((file) => [
    file.prefix,
    file.resource.kind,
    file.resource.id,
    String(file.resource.dependsOn.length),
  ]);
  io.out(table(['PREFIX', 'KIND', 'ID', 'DEPENDS ON'], rows));
  io.out(
    `\nMesh ${plan.meshName}: ${plan.resources.length} resources. Files with the same prefix do not depend on each other.\n`,
  );
  if (plan.warnings.length > 0) {
    io.out(`\n${plan.warnings.length === 1 ? '1 warning' : `${plan.warnings.length} warnings`}:\n`);
    for (const warning of plan.warnings) io.out(`  - ${warning.message}\n`);
  }
  return 0;
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
