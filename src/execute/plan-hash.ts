import type { Plan } from '../plan/plan.js';
import { sha256Hex } from '../sha256.js';

/** The plan's identity in the journal: a resumed run must apply the same plan. */
export function planHash(plan: Plan): string {
  return sha256Hex(JSON.stringify(plan.resources)).slice(0, 32);
}
