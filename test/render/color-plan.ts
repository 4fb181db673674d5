/** The color tutorial's plan, shared by the render tests. */
import { plan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';

export const colorPlan: Plan = plan(colorMeshDefinition);

/** The same mesh compiled to ECS Service Connect. */
export const colorServiceConnectPlan: Plan = plan(colorMeshDefinition, { target: 'service-connect' });

/** The same mesh with its nodes on Service Connect, its router on VPC Lattice and its gateway on an ALB. */
export const colorLatticePlan: Plan = plan(colorMeshDefinition, { target: 'service-connect+vpc-lattice' });
