import type { CreateLoadBalancerCommandInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { GatewayLoadBalancerDefinition, Tags } from '../../definition/mesh-definition.js';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import { type PlannedResource, ref } from '../resource.js';
import { pascalCaseTags } from '../tags.js';

/**
 * The gateway's NLB. It carries the gateway group (open to clients) and the mesh group
 * (so it may reach the gateway tasks, which carry only the mesh group: the tutorial's final form).
 * `application`: the ALB that replaces the gateway on targets without App Mesh.
 */
export function loadBalancerResource(
  loadBalancer: GatewayLoadBalancerDefinition,
  securityGroupNames: readonly string[],
  tags: Tags,
  type: 'network' | 'application' = 'network',
): PlannedResource<'loadBalancer'> {
  const groupIds = securityGroupNames.map((name) => resourceIds.securityGroup(name));
  return planned('loadBalancer', resourceIds.loadBalancer(loadBalancer.name), loadBalancer.name, groupIds, {
    Name: loadBalancer.name,
    Type: type,
    Scheme: loadBalancer.scheme,
    Subnets: [...loadBalancer.subnets],
    SecurityGroups: groupIds.map((id) => ref(id, 'id')),
    Tags: pascalCaseTags(tags),
  } satisfies CreateLoadBalancerCommandInput);
}
