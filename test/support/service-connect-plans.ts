/**
 * The color tutorial compiled to ECS Service Connect, and edits of that plan for simulator tests:
 * another create order, a service left without Service Connect, another input for one service.
 */
import type { CreateServiceCommandInput } from '@aws-sdk/client-ecs';
import { type ColorMeshStage, colorMesh, exampleParams } from '../../examples/color-mesh.js';
import type { Plan } from '../../src/plan/plan.js';
import type { PlannedResource } from '../../src/plan/resource.js';

/** The plan's suffix on ECS service names (ServiceConnectOptions.nameSuffix's default). */
const SUFFIX = '-sc';

/** The tutorial's mesh at one stage of its live edits, compiled to Service Connect. */
export function colorServiceConnectPlan(stage: ColorMeshStage = {}): Plan {
  return colorMesh(exampleParams, stage).plan({ target: 'service-connect' });
}

/** The ECS service of each node, in the plan's (create) order. */
export function serviceOrder(plan: Plan): string[] {
  return plan.resources.filter((r) => r.kind === 'ecsService').map((r) => r.name.slice(0, -SUFFIX.length));
}

/** The plan with the nodes' ECS services created in this order, where the plan's services were. */
export function withServiceOrder(plan: Plan, nodes: readonly string[]): Plan {
  const services = nodes.map((node) => serviceOf(plan, node));
  let next = 0;
  return {
    ...plan,
    resources: plan.resources.map((r) =>
      r.kind === 'ecsService' ? (services[next++] as PlannedResource) : r,
    ),
  };
}

/** The plan with one node's CreateService input changed. */
export function withServiceInput(
  plan: Plan,
  node: string,
  edit: (input: CreateServiceCommandInput) => CreateServiceCommandInput,
): Plan {
  const service = serviceOf(plan, node);
  return {
    ...plan,
    resources: plan.resources.map((r) =>
      r === service && r.kind === 'ecsService' ? { ...r, input: edit(r.input) } : r,
    ),
  };
}

/** As if the node's service had no serviceConnectConfiguration: outside the namespace. */
export function withoutServiceConnect(plan: Plan, node: string): Plan {
  return withServiceInput(plan, node, ({ serviceConnectConfiguration: _, ...input }) => input);
}

function serviceOf(plan: Plan, node: string): PlannedResource {
  const found = plan.resources.find((r) => r.kind === 'ecsService' && r.name === `${node}${SUFFIX}`);
  if (found === undefined) throw new Error(`The plan has no ECS service for node ${node}.`);
  return found;
}
