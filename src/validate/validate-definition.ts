/**
 * Entry point of validation: runs every rule over a MeshDefinition and returns all issues,
 * errors and warnings, in a fixed rule order and definition order within each rule.
 * It never throws; `plan()` decides what an error-level issue means.
 */
import type { MeshDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import { checkCloudMap } from './cloud-map.js';
import { buildContext, type ValidationContext } from './context.js';
import { checkDnsResolution } from './dns-resolution.js';
import { checkDuplicates } from './duplicates.js';
import { checkEcs } from './ecs.js';
import { checkFargate } from './fargate.js';
import { checkGatewayRoutes } from './gateway-routes.js';
import { checkHealthChecks } from './health-checks.js';
import { issue, type PlanIssue, show } from './issue.js';
import { checkListeners } from './listeners.js';
import { checkLogging } from './logging.js';
import { checkNames } from './names.js';
import { checkPlainData, type PlainDataIssues } from './plain-data.js';
import { checkQuotas } from './quotas.js';
import { checkReferences } from './references.js';
import { checkRoutes } from './routes.js';
import { checkServiceDiscovery } from './service-discovery.js';
import { checkAllTags } from './tags.js';
import { checkTimeoutChain } from './timeouts.js';
import { checkTls } from './tls.js';

export type ValidationRule = (context: ValidationContext) => PlanIssue[];

/** The rules, in the order their issues are reported. */
export const VALIDATION_RULES: readonly ValidationRule[] = Object.freeze([
  checkNames,
  checkDuplicates,
  checkReferences,
  checkListeners,
  checkHealthChecks,
  checkTls,
  checkLogging,
  checkRoutes,
  checkTimeoutChain,
  checkGatewayRoutes,
  checkCloudMap,
  checkServiceDiscovery,
  checkDnsResolution,
  checkEcs,
  checkFargate,
  checkAllTags,
  checkQuotas,
]);

/** Data not even shaped like a definition (e.g. untyped JSON) still gives an issue, not a crash. */
function malformed(definition: MeshDefinition, step: string, error: unknown): PlanIssue {
  const reason = error instanceof Error ? error.message : String(error);
  const name = definition?.name;
  const path = paths.mesh(typeof name === 'string' ? name : show(name));
  return issue('INVALID_VALUE', path, 'a MeshDefinition shaped as the builder makes it', 'malformed data', {
    explanation: `${step} could not read it: ${reason}`,
  });
}

export function validateDefinition(definition: MeshDefinition): PlanIssue[] {
  let data: PlainDataIssues;
  try {
    data = checkPlainData(definition);
  } catch (error) {
    data = { structure: [malformed(definition, 'The data check', error)], values: [] };
  }
  let context: ValidationContext;
  try {
    context = buildContext(definition);
  } catch (error) {
    return [...data.structure, ...data.values, malformed(definition, 'Validation', error)];
  }
  const issues: PlanIssue[] = [];
  for (const rule of VALIDATION_RULES) {
    try {
      issues.push(...rule(context));
    } catch (error) {
      issues.push(malformed(definition, `Rule ${rule.name}`, error));
    }
  }
  if (data.structure.length === 0 && data.values.length === 0) return issues;
  return [...data.structure, ...data.values.filter((found) => !reportedByRule(found, issues)), ...issues];
}

/** `tags["a"].value` and `tags.a.value` name one field. */
function normalField(field: string | undefined): string {
  return (field ?? '').replace(/\["([A-Za-z_$][\w$]*)"\]/g, '.$1').replace(/^\./, '');
}

/**
 * Whether a rule already reported a value that is not data (`port: NaN` is an INVALID_PORT): at its
 * field, or inside it (a tag's rule names its value `tags["a"].value`).
 */
function reportedByRule(found: PlanIssue, issues: readonly PlanIssue[]): boolean {
  const field = normalField(found.field);
  return issues.some((other) => {
    if (other.path !== found.path) return false;
    const otherField = normalField(other.field);
    return otherField === field || otherField.startsWith(`${field}.`) || otherField.startsWith(`${field}[`);
  });
}
