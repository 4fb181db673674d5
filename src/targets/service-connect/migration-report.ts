/**
 * `migrationReport(definition, { to })`: what moving this mesh to ECS Service Connect (`to:
 * 'service-connect'`), to Service Connect with the routers on VPC Lattice
 * (`'service-connect+vpc-lattice'`) or to VPC Lattice alone (`'vpc-lattice'`) keeps, approximates
 * and loses, and the steps of the move. Pure: no AWS, same output for the same definition whatever
 * the order of its declarations.
 */
import type { MeshDefinition } from '../../definition/mesh-definition.js';
import { PlanValidationError } from '../../errors/mesh-error.js';
import { checkPlanOptions } from '../../plan/check-plan-options.js';
import type { ServiceConnectOptions, VpcLatticeOptions } from '../../plan/plan-options.js';
import type { MigrationReport } from '../../report/migration-report.js';
import type { PlanIssue } from '../../validate/issue.js';
import { validateDefinition } from '../../validate/validate-definition.js';
import { checkVpcLatticeOptions } from '../vpc-lattice/validate.js';
import { gatewayFindings } from './gateway-findings.js';
import { meshFindings } from './mesh-findings.js';
import type { MigrationCode } from './migration-codes.js';
import {
  compareText,
  MIGRATION_REPORT_TARGETS,
  type MigrationTarget,
  migrationContext,
  type ServiceConnectEntry,
} from './migration-context.js';
import { migrationProcedure } from './migration-procedure.js';
import { nodeFindings } from './node-findings.js';
import { routingFindings } from './routing-findings.js';
import { checkOptions } from './validate.js';

export interface MigrationReportOptions {
  readonly to: MigrationTarget;
  /** The Service Connect targets' options, as `plan()` takes them. */
  readonly serviceConnect?: ServiceConnectOptions;
  /** The VPC Lattice targets' options, as `plan()` takes them (`auth: 'AWS_IAM'` keeps the allow-list). */
  readonly vpcLattice?: VpcLatticeOptions;
}

export type ServiceConnectMigrationReport = MigrationReport<MigrationTarget, MigrationCode>;

/** Throws PlanValidationError, as `plan()` does, when the definition is not a valid App Mesh definition. */
export function migrationReport(
  definition: MeshDefinition,
  options: MigrationReportOptions,
): ServiceConnectMigrationReport {
  const { to } = options;
  if (!(MIGRATION_REPORT_TARGETS as readonly unknown[]).includes(to)) {
    throw new TypeError(
      `Unknown migration target ${JSON.stringify(to)}: one of ${MIGRATION_REPORT_TARGETS.map((target) => JSON.stringify(target)).join(', ')}.`,
    );
  }
  // The options as plan() checks them: the report names the resources that plan would create.
  const shape = checkPlanOptions({
    target: to,
    serviceConnect: options.serviceConnect,
    vpcLattice: options.vpcLattice,
  });
  // The values only once their shape is right: a wrong type must be an issue, never a TypeError.
  const targetChecks = () =>
    to === 'vpc-lattice'
      ? checkVpcLatticeOptions(options.vpcLattice ?? {})
      : checkOptions(options.serviceConnect ?? {}, definition);
  const errors = [
    ...shape,
    ...(shape.length === 0 ? targetChecks() : []),
    ...validateDefinition(definition).filter((found: PlanIssue) => found.severity === 'error'),
  ];
  if (errors.length > 0) throw new PlanValidationError(errors as [PlanIssue, ...PlanIssue[]]);
  const context = migrationContext(definition, options.serviceConnect, to, options.vpcLattice);
  const entries = [
    ...meshFindings(context),
    ...nodeFindings(context),
    ...routingFindings(context),
    ...gatewayFindings(context),
  ].sort(compareEntries);
  return {
    kind: 'migrationReport',
    mesh: definition.name,
    from: 'app-mesh',
    to,
    entries,
    procedure: migrationProcedure(context),
  };
}

/** By resource path, then field, then code: the order does not depend on how the mesh was declared. */
function compareEntries(a: ServiceConnectEntry, b: ServiceConnectEntry): number {
  return compareText(a.path, b.path) || compareText(a.field, b.field) || compareText(a.code, b.code);
}
