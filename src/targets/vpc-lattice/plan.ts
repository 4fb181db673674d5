/**
 * The `vpc-lattice` plan: every virtual service a VPC Lattice service (a node's with a listener
 * forwarding to its target group, a router's with one rule per route: routing.ts), the nodes' ECS
 * services registering their tasks in their target groups, and the same task definitions, roles,
 * security group, log group and cluster as the Service Connect plan, without Service Connect or a
 * Cloud Map namespace. A gateway behind a load balancer becomes an ALB, as on the combined target
 * (src/targets/alb). Its names carry a suffix so it runs beside the App Mesh and Service Connect
 * plans.
 */
import type { MeshDefinition } from '../../definition/mesh-definition.js';
import { PlanValidationError } from '../../errors/mesh-error.js';
import { assemblePlan } from '../../plan/assemble-plan.js';
import { planContext } from '../../plan/context.js';
import type { Plan } from '../../plan/plan.js';
import type { VpcLatticeOptions } from '../../plan/plan-options.js';
import type { PlanIssue } from '../../validate/issue.js';
import { validateDefinition } from '../../validate/validate-definition.js';
import { gatewayLoadBalancers } from '../alb/gateway-alb.js';
import { serviceConnectMapping } from '../service-connect/endpoints.js';
import { NAME_SUFFIX, withGreenNames } from '../service-connect/green-names.js';
import { ecsPlanResources } from '../service-connect/plan.js';
import { APP_MESH_ONLY_CODES } from '../service-connect/validate.js';
import { latticeRouting } from './routing.js';
import { checkVpcLattice } from './validate.js';

/** @see VpcLatticeOptions.nameSuffix */
export const DEFAULT_LATTICE_NAME_SUFFIX = '-lattice';
/** The plan name's ending when the resources keep their names (`nameSuffix: ''`). */
export const UNSUFFIXED_LATTICE_PLAN_ENDING = '.vpc-lattice';

/** The definition with the names the `vpc-lattice` plan gives what it creates. */
export function latticeNames(definition: MeshDefinition, options: VpcLatticeOptions = {}): MeshDefinition {
  const suffix = options.nameSuffix ?? DEFAULT_LATTICE_NAME_SUFFIX;
  return NAME_SUFFIX.test(suffix)
    ? withGreenNames(definition, suffix, UNSUFFIXED_LATTICE_PLAN_ENDING)
    : definition;
}

export function vpcLatticePlan(meshDefinition: MeshDefinition, options: VpcLatticeOptions): Plan {
  const definition = latticeNames(meshDefinition, options);
  // No client alias is read: the endpoints give each listener's named port.
  const mapping = serviceConnectMapping(definition, { routersOnLattice: true });
  const requested = options.nameSuffix ?? DEFAULT_LATTICE_NAME_SUFFIX;
  // A suffix refused as an option (reported) is left out: it would only add name errors.
  const nameSuffix = NAME_SUFFIX.test(requested) ? requested : '';
  const tags = planContext(definition).awsTags;
  const lattice = latticeRouting({
    definition,
    mapping,
    nameSuffix,
    tags,
    nodeServices: true,
    auth: options.auth,
  });
  // Gateways behind a load balancer become ALBs. A node's virtual service is a Lattice service
  // here, but the ALB does not call it: it forwards to the nodes' own ALB target groups, as on the
  // combined target, so requests from outside never pass Lattice (nor its auth policies).
  const albs = gatewayLoadBalancers({ definition, mapping, nameSuffix, tags });
  const issues = [
    ...validateDefinition(definition).filter((found) => !APP_MESH_ONLY_CODES.has(found.code)),
    ...checkVpcLattice(definition, options),
    ...lattice.issues,
    ...albs.issues,
  ];
  const errors = issues.filter((found) => found.severity === 'error');
  if (errors.length > 0) throw new PlanValidationError(errors as [PlanIssue, ...PlanIssue[]]);
  const compiled = ecsPlanResources(definition, { serviceConnect: undefined, mapping, lattice, albs });
  return assemblePlan(definition, 'vpc-lattice', compiled.resources, [
    ...issues.filter((found) => found.severity === 'warning'),
    ...compiled.warnings,
  ]);
}
