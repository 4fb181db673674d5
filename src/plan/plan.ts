import type { PlanIssue } from '../validate/issue.js';
import type { ArnScope } from './names.js';
import type { Target } from './plan-options.js';
import type { PlannedResource } from './resource.js';

/** The validated, ordered resource graph for one mesh. Plain frozen data. */
export interface Plan {
  readonly kind: 'plan';
  /** What the definition was compiled to. */
  readonly target: Target;
  readonly meshName: string;
  /** The name in its resources' ownership tags and its journal: MeshOptions.plan, else the mesh's. */
  readonly planName: string;
  /** In a deterministic topological (create) order; delete in reverse. */
  readonly resources: readonly PlannedResource[];
  /** Issues that do not stop the plan (quotas), for the caller to read. */
  readonly warnings: readonly PlanIssue[];
  /**
   * Region and account of the plan's AWS-side resources (its ECS environment's), when it has any:
   * what a renderer needs to write an ARN that is known before creation, such as an IAM role's.
   */
  readonly aws?: ArnScope;
}
