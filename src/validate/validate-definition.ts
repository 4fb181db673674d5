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
import { issue, type PlanIssue } from './issue.js';
import { checkListeners } from './listeners.js';
import { checkLogging } from './logging.js';
import { checkNames } from './names.js';
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
  const path = paths.mesh(String(definition?.name));
  return issue('INVALID_VALUE', path, 'a MeshDefinition shaped as the builder makes it', 'malformed data', {
    explanation: `${step} could not read it: ${reason}`,
  });
}

export function validateDefinition(definition: MeshDefinition): PlanIssue[] {
  let context: ValidationContext;
  try {
    context = buildContext(definition);
  } catch (error) {
    return [malformed(definition, 'Validation', error)];
  }
  const issues: PlanIssue[] = [];
  for (const rule of VALIDATION_RULES) {
    try {
      issues.push(...rule(context));
    } catch (error) {
      issues.push(malformed(definition, `Rule ${rule.name}`, error));
    }
  }
  return issues;
}
