/**
 * The behaviour diff of a definition between App Mesh and a migration target (Service Connect, with
 * or without VPC Lattice, or VPC Lattice alone), computed from the two plans (no AWS): every task
 * running, the ECS services created in the plan's order, as on a first deployment. The migration
 * report prints it as a section and adds it to its JSON.
 */
import type { MeshDefinition } from '../definition/mesh-definition.js';
import { isMeshError } from '../errors/mesh-error.js';
import { type BehaviourDiff, diffBehaviour } from '../local/simulator/behaviour-diff.js';
import { formatBehaviourDiff } from '../local/simulator/format-behaviour-diff.js';
import { meshViewFromPlan } from '../local/simulator/mesh-view-from-plan.js';
import { serviceConnectViewFromPlan } from '../local/simulator/service-connect-view-from-plan.js';
import { plan } from '../plan/build-plan.js';
import type { PlanOptions } from '../plan/plan-options.js';
import type { MigrationTarget } from '../targets/service-connect/migration-context.js';
import { DEFAULT_LATTICE_NAME_SUFFIX } from '../targets/vpc-lattice/plan.js';
import type { ReportSection } from './format-migration-report.js';

export interface BehaviourDiffSection {
  readonly section: ReportSection;
  /** The diff, or why there is none (the target's plan refused the definition). */
  readonly json: { readonly behaviourDiff: BehaviourDiff } | { readonly behaviourDiffError: string };
}

export function behaviourDiffSection(
  definition: MeshDefinition,
  to: MigrationTarget,
  options: Pick<PlanOptions, 'serviceConnect' | 'vpcLattice'> = {},
): BehaviourDiffSection {
  const title = 'Behaviour diff: the same requests through both';
  let diff: BehaviourDiff;
  try {
    const appMesh = meshViewFromPlan(plan(definition));
    const green = serviceConnectViewFromPlan(plan(definition, { target: to, ...options }));
    const nameSuffix =
      to === 'vpc-lattice'
        ? (options.vpcLattice?.nameSuffix ?? DEFAULT_LATTICE_NAME_SUFFIX)
        : options.serviceConnect?.nameSuffix;
    diff = diffBehaviour(appMesh, green, { nameSuffix });
  } catch (error) {
    if (!isMeshError(error)) throw error;
    const reason = error.message.split(/\r\n|\r|\n/).join(' ');
    return {
      section: {
        title,
        markdown: `Not computed: the ${to} plan refuses this definition. ${reason}\n`,
      },
      json: { behaviourDiffError: reason },
    };
  }
  const markdown = [
    'Every node calls every virtual service name and every endpoint of the target, on a first',
    "deployment (services created in the plan's order, servers first); each (caller, URL) whose outcome",
    'changes is listed. A client redeployed after its servers also reaches the names created after it.',
    '',
    '```text',
    formatBehaviourDiff(diff).trimEnd(),
    '```',
    '',
  ].join('\n');
  return { section: { title, markdown }, json: { behaviourDiff: diff } };
}
