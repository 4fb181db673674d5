/**
 * The migration report's shape, whatever the target: for every feature a definition uses, what the
 * target keeps, approximates or loses, and the steps of the move in order. Plain JSON-ready data.
 */

/** `kept`: same behaviour; `approximated`: works, differently (the entry says how); `lost`: not expressible. */
export type MigrationStatus = 'kept' | 'approximated' | 'lost';

/** `info`: nothing to do; `warning`: behaviour changes, traffic still flows; `critical`: traffic or security breaks. */
export type MigrationSeverity = 'info' | 'warning' | 'critical';

/** What to use instead when the target cannot express a feature, with the exact API fields to send. */
export interface MigrationAlternative {
  /** The AWS service or mechanism, e.g. `VPC Lattice`, `ALB`, `ECS deployment`, `EC2 security groups`. */
  readonly service: string;
  /**
   * API request fields by operation, e.g. `{ CreateRule: { ... } }`, with this mesh's values filled in.
   * Identifiers only known once created read `<...>`.
   */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly note: string;
}

export interface MigrationEntry<Code extends string = string> {
  /** Stable code tools can match on. */
  readonly code: Code;
  readonly status: MigrationStatus;
  readonly severity: MigrationSeverity;
  /** Resource path, as in plan issues: `mesh/color-mesh/virtualNode/red`. */
  readonly path: string;
  /** The field inside the resource, e.g. `listeners[0].healthCheck`; empty for the resource itself. */
  readonly field: string;
  /** What the definition has. */
  readonly appMesh: string;
  /**
   * What the target's plan does instead, with its values. Named after the first target, and kept
   * under that name for every target so tools read one shape.
   */
  readonly serviceConnect: string;
  readonly reason: string;
  readonly alternative?: MigrationAlternative;
}

/** One step of the move, in order. */
export interface MigrationStep {
  readonly title: string;
  readonly detail: string;
  /** This mesh's resources the step acts on, in the order to act on them. */
  readonly resources: readonly string[];
}

export interface MigrationReport<To extends string = string, Code extends string = string> {
  readonly kind: 'migrationReport';
  readonly mesh: string;
  readonly from: 'app-mesh';
  readonly to: To;
  readonly entries: readonly MigrationEntry<Code>[];
  readonly procedure: readonly MigrationStep[];
}
