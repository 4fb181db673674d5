/** Choices a render makes on top of the plan. */
import { withFamilyPrefix } from '../plan/family-prefix.js';
import type { Plan } from '../plan/plan.js';

export interface RenderOptions {
  /**
   * Put before every ECS task definition family (`team-a-` makes `api` `team-a-api`), so that tasks
   * of the same name in other meshes of the account do not share a family. ECS allows letters,
   * digits, hyphens and underscores, 255 characters with the family.
   */
  readonly familyPrefix?: string;
}

/** The plan as the render writes it. */
export function planToRender(plan: Plan, options: RenderOptions): Plan {
  return options.familyPrefix === undefined ? plan : withFamilyPrefix(plan, options.familyPrefix);
}
