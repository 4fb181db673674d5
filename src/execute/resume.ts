/** resume: finishes an apply that a crash (or a kill) interrupted, from its journal. */
import { MeshError } from '../errors/mesh-error.js';
import type { Plan } from '../plan/plan.js';
import { type ApplyResult, apply } from './apply.js';
import { Journal } from './journal.js';
import type { ExecuteOptions } from './options.js';
import { planHash } from './plan-hash.js';

/**
 * Re-reads everything and carries on: what the interrupted run created is recognised (its
 * intents are in the journal, its creates carried idempotency tokens), so nothing is made twice.
 * The plan must be the one the interrupted run applied.
 */
export async function resume(
  plan: Plan,
  options: ExecuteOptions & { readonly journalPath: string },
): Promise<ApplyResult> {
  const journal = new Journal(options.journalPath);
  const run = journal.interrupted();
  if (run === undefined) {
    throw new MeshError(
      'NOTHING_TO_RESUME',
      journal.rollbackInterrupted()
        ? `${options.journalPath} ends with a rollback that did not finish: the run it was undoing cannot be resumed. Run rollback to finish undoing it, then apply.`
        : `${options.journalPath} ends with no interrupted apply to resume.`,
    );
  }
  if (run.header.planHash !== planHash(plan)) {
    throw new MeshError(
      'PLAN_CHANGED',
      `The plan changed since the interrupted apply of ${run.header.meshName}: expected plan ${run.header.planHash}, received ${planHash(plan)}. Run rollback, or apply the new plan.`,
    );
  }
  return apply(plan, options);
}
