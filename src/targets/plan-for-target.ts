/** `plan()` for every target but App Mesh (src/plan/build-plan.ts), each compiled in its own folder. */
import type { MeshDefinition } from '../definition/mesh-definition.js';
import { PlanValidationError } from '../errors/mesh-error.js';
import type { Plan } from '../plan/plan.js';
import { type PlanOptions, TARGETS } from '../plan/plan-options.js';
import { issue, show } from '../validate/issue.js';
import { serviceConnectPlan } from './service-connect/plan.js';
import { vpcLatticePlan } from './vpc-lattice/plan.js';

export function planForTarget(definition: MeshDefinition, options: PlanOptions): Plan {
  if (options.target === 'service-connect' || options.target === 'service-connect+vpc-lattice')
    return serviceConnectPlan(definition, options.serviceConnect ?? {}, options.target, options.vpcLattice);
  if (options.target === 'vpc-lattice') return vpcLatticePlan(definition, options.vpcLattice ?? {});
  throw new PlanValidationError([
    issue('UNKNOWN_TARGET', 'plan', `one of ${TARGETS.join(', ')}`, show(options.target), {
      field: 'target',
    }),
  ]);
}
