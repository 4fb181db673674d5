/** `appmesh-builder plan <module> [--json]`: the resources in create order, and the warnings. */
import type { Plan } from '../plan/plan.js';
import { renderPlanTable } from '../render/plan-table.js';
import type { CommandIo } from './io.js';

export function planCommand(plan: Plan, options: { json: boolean }, io: CommandIo): number {
  io.out(options.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlanTable(plan));
  return 0;
}
