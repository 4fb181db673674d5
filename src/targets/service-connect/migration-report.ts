/**
 * `migrationReport(definition, { to: 'service-connect' })`: what moving this mesh to ECS Service
 * Connect keeps, approximates and loses, and the steps of the move. Pure: no AWS, same output for
 * the same definition whatever the order of its declarations.
 */
import type { MeshDefinition } from '../../definition/mesh-definition.js';
import { PlanValidationError } from '../../errors/mesh-error.js';
import { checkPlanOptions } from '../../plan/check-plan-options.js';
import type { ServiceConnectOptions } from '../../plan/plan-options.js';
import type { MigrationReport } from '../../report/migration-report.js';
import type { PlanIssue } from '../../validate/issue.js';
import { validateDefinition } from '../../validate/validate-definition.js';
import { gatewayFindings } from './gateway-findings.js';
import { meshFindings } from './mesh-findings.js';
import type { MigrationCode } from './migration-codes.js';
import { compareText, migrationContext, type ServiceConnectEntry } from './migration-context.js';
import { migrationProcedure } from './migration-procedure.js';
import { nodeFindings } from './node-findings.js';
import { routingFindings } from './routing-findings.js';
import { checkOptions } from './validate.js';

export interface MigrationReportOptions {
  readonly to: 'service-connect';
  readonly serviceConnect?: ServiceConnectOptions;
}

export type ServiceConnectMigrationReport = MigrationReport<'service-connect', MigrationCode>;

/** Throws PlanValidationError, as `plan()` does, when the definition is not a valid App Mesh definition. */
export function migrationReport(
  definition: MeshDefinition,
  options: MigrationReportOptions,
): ServiceConnectMigrationReport {
  if (options.to !== 'service-connect') {
    throw new TypeError(
      `Unknown migration target ${JSON.stringify(options.to)}: the only one is "service-connect".`,
    );
  }
  // The options as plan() checks them: the report names the resources that plan would create.
  const shape = checkPlanOptions({ target: 'service-connect', serviceConnect: options.serviceConnect });
  const errors = [
    ...shape,
    ...(shape.length === 0 ? checkOptions(options.serviceConnect ?? {}, definition) : []),
    ...validateDefinition(definition).filter((found: PlanIssue) => found.severity === 'error'),
  ];
  if (errors.length > 0) throw new PlanValidationError(errors as [PlanIssue, ...PlanIssue[]]);
  const context = migrationContext(definition, options.serviceConnect);
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
    to: 'service-connect',
    entries,
    procedure: migrationProcedure(context),
  };
}

/** By resource path, then field, then code: the order does not depend on how the mesh was declared. */
function compareEntries(a: ServiceConnectEntry, b: ServiceConnectEntry): number {
  return compareText(a.path, b.path) || compareText(a.field, b.field) || compareText(a.code, b.code);
}
