/** The VPC and subnets a plan runs in (they belong to the account: the plan never creates them). */
import type { Plan } from '../plan/plan.js';

export interface PlanNetwork {
  readonly vpcIds: readonly string[];
  readonly subnetIds: readonly string[];
}

export function planNetwork(plan: Plan): PlanNetwork {
  const vpcIds = new Set<string>();
  const subnetIds = new Set<string>();
  for (const resource of plan.resources) {
    if (resource.kind === 'cloudMapNamespace' && resource.input.Vpc) vpcIds.add(resource.input.Vpc);
    if (resource.kind === 'securityGroup' && resource.input.VpcId) vpcIds.add(resource.input.VpcId);
    if (resource.kind === 'targetGroup' && resource.input.VpcId) vpcIds.add(resource.input.VpcId);
    if (resource.kind === 'loadBalancer') for (const id of resource.input.Subnets ?? []) subnetIds.add(id);
    if (resource.kind === 'ecsService') {
      for (const id of resource.input.networkConfiguration?.awsvpcConfiguration?.subnets ?? [])
        subnetIds.add(id);
    }
  }
  return { vpcIds: [...vpcIds].sort(), subnetIds: [...subnetIds].sort() };
}
