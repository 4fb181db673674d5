/** What the executor reports while it works (`onEvent`), and what it returns per resource. */
import type { ResourceKind } from '../plan/resource.js';
import type { ResourceAttributes } from './handlers/types.js';

export type ResourceOutcome =
  /** Created by this run (or by the run it resumed). */
  | 'created'
  | 'updated'
  /** Already as desired, and this tool's own. */
  | 'unchanged'
  /** Already there, not made by this tool: left as it is, never deleted. */
  | 'adopted'
  /** Referenced (an AWS-managed prefix list): found and used, never written, never deleted. */
  | 'referenced'
  | 'failed'
  /** Not attempted: something it depends on failed, or the run was aborted. */
  | 'skipped'
  /** Changed by this run, then undone when the run failed: deleted if created, its previous spec put back if updated. */
  | 'rolledBack'
  /** Changed by this run, and the undo failed: see its error. */
  | 'rollbackFailed'
  | 'deleted'
  /** Nothing to delete: it does not exist. */
  | 'absent'
  /** Exists but is not this tool's: destroy leaves it. */
  | 'kept';

export interface ResourceResult {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly outcome: ResourceOutcome;
  readonly attributes?: ResourceAttributes;
  /** For updates and diffs: the fields that differ. */
  readonly changes?: readonly string[];
  readonly error?: Error;
}

export type ExecutePhase = 'read' | 'create' | 'update' | 'wait' | 'delete';

export type ExecuteEvent =
  | { readonly type: 'start'; readonly id: string; readonly kind: ResourceKind; readonly phase: ExecutePhase }
  | { readonly type: 'retry'; readonly id: string; readonly attempt: number; readonly error: string }
  | { readonly type: 'finish'; readonly result: ResourceResult };
