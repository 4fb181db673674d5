/**
 * The behaviour diff of a definition between App Mesh and Service Connect, computed from the two
 * plans (no AWS): every task running, the Service Connect services created in the plan's order, as
 * on a first deployment. The migration report prints it as a section and adds it to its JSON.
 */
import type { MeshDefinition } from '../definition/mesh-definition.js';
import { isMeshError } from '../errors/mesh-error.js';
import { type BehaviourDiff, diffBehaviour } from '../local/simulator/behaviour-diff.js';
import { formatBehaviourDiff } from '../local/simulator/format-behaviour-diff.js';
import { meshViewFromPlan } from '../local/simulator/mesh-view-from-plan.js';
import { serviceConnectViewFromPlan } from '../local/simulator/service-connect-view-from-plan.js';
import { plan } from '../plan/build-plan.js';
import type { ServiceConnectOptions } from '../plan/plan-options.js';
import type { ReportSection } from './format-migration-report.js';

export interface BehaviourDiffSection {
  readonly section: ReportSection;
  /** The diff, or why there is none (the Service Connect plan refused the definition). */
  readonly json: { readonly behaviourDiff: BehaviourDiff } | { readonly behaviourDiffError: string };
}

export function behaviourDiffSection(
  definition: MeshDefinition,
  serviceConnect: ServiceConnectOptions = {},
): BehaviourDiffSection {
  const title = 'Behaviour diff: the same requests through both';
  let diff: BehaviourDiff;
  try {
    const appMesh = meshViewFromPlan(plan(definition));
    const green = serviceConnectViewFromPlan(plan(definition, { target: 'service-connect', serviceConnect }));
    diff = diffBehaviour(appMesh, green, { nameSuffix: serviceConnect.nameSuffix });
  } catch (error) {
    if (!isMeshError(error)) throw error;
    const reason = error.message.split(/\r\n|\r|\n/).join(' ');
    return {
      section: {
        title,
        markdown: `Not computed: the Service Connect plan refuses this definition. ${reason}\n`,
      },
      json: { behaviourDiffError: reason },
    };
  }
  const markdown = [
    'Every node calls every virtual service name and every Service Connect endpoint, on a first',
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
