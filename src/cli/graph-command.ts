/** `appmesh-builder graph <module>`: the mesh as a Mermaid flowchart on stdout. */
import type { Plan } from '../plan/plan.js';
import { renderMermaid } from '../render/diagram.js';
import type { CommandIo } from './io.js';

export function graphCommand(plan: Plan, io: CommandIo): number {
  io.out(renderMermaid(plan));
  return 0;
}
