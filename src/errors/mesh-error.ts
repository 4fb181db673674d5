import type { PlanIssue } from '../validate/issue.js';

const BRAND = Symbol.for('appmesh-builder/MeshError');

export type MeshErrorCode =
  | 'PLAN_INVALID'
  | 'MODULE_INVALID'
  | 'APPLY_FAILED'
  | 'ROLLBACK_FAILED'
  | 'NOTHING_TO_RESUME'
  | 'PLAN_CHANGED'
  /** Another run holds the journal's (or the local cloud state file's) lock. */
  | 'JOURNAL_LOCKED'
  /** The journal cannot be read: a damaged line that is not the last. */
  | 'JOURNAL_CORRUPT'
  /** The journal belongs to another mesh, or was written for another account, region or endpoint. */
  | 'JOURNAL_MISMATCH'
  /** An apply was stopped (Ctrl-C): what was in flight finished; resume or roll back. */
  | 'INTERRUPTED'
  /** The SDK's credential chain found no AWS credentials: nothing was done. */
  | 'NO_CREDENTIALS'
  /** A resource the plan references (an AWS-managed prefix list) does not exist: nothing was written. */
  | 'REFERENCE_NOT_FOUND';

/** Base of every error this library throws on purpose. Test with `isMeshError`, not instanceof. */
export class MeshError extends Error {
  readonly code: MeshErrorCode;
  readonly resourcePath: string | undefined;
  readonly [BRAND] = true;

  constructor(
    code: MeshErrorCode,
    message: string,
    options: { resourcePath?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'MeshError';
    this.code = code;
    this.resourcePath = options.resourcePath;
  }
}

export function isMeshError(value: unknown): value is MeshError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Thrown by `plan()`: every error-level issue of the definition, all at once. */
export class PlanValidationError extends MeshError {
  readonly issues: readonly [PlanIssue, ...PlanIssue[]];

  constructor(issues: readonly [PlanIssue, ...PlanIssue[]]) {
    const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
    super(
      'PLAN_INVALID',
      `Invalid mesh definition (${count}):\n${issues.map((i) => `  - ${i.message}`).join('\n')}`,
      {
        resourcePath: issues[0].path,
      },
    );
    this.name = 'PlanValidationError';
    this.issues = issues;
  }
}
