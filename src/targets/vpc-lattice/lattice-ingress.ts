/**
 * VPC Lattice connects to the tasks (requests and health checks) from the AWS-managed prefix list
 * com.amazonaws.<region>.vpc-lattice, whose id differs per region: the plan references it (looked
 * up before anything is written) and opens the mesh security group to it on each port a target
 * group has tasks on; each ECS service waits for its ports' rules. The target groups are IPv4, so
 * the IPv6 list (com.amazonaws.<region>.ipv6.vpc-lattice) is not needed.
 */
import type { Tags } from '../../definition/mesh-definition.js';
import { awsManagedPrefixListNames, ingressRuleNames } from '../../plan/names.js';
import type { PlannedResource } from '../../plan/resource.js';
import { managedPrefixListResource } from '../../plan/resources/managed-prefix-list.js';
import { prefixListIngressResource } from '../../plan/resources/security-group-ingress.js';
import type { LatticeRouting } from './routing.js';

export function latticeIngress(
  groupName: string,
  region: string,
  registeredPorts: ReadonlyMap<string, readonly number[]>,
  ecsServices: LatticeRouting['ecsServices'],
  tags: Tags,
): PlannedResource[] {
  const prefixList = managedPrefixListResource(awsManagedPrefixListNames.vpcLattice(region));
  const rules = new Map<number, PlannedResource>();
  for (const port of [...new Set([...registeredPorts.values()].flat())].sort((a, b) => a - b)) {
    const name = ingressRuleNames.vpcLatticeTcpPort(port);
    rules.set(port, prefixListIngressResource(groupName, name, port, prefixList, tags));
  }
  for (const [node, ports] of registeredPorts) {
    for (const port of ports) ecsServices.get(node)?.dependsOn.push(rules.get(port)?.id as string);
  }
  return [prefixList, ...rules.values()];
}
