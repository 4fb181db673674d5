import type { CreateListenerCommandInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Tags } from '../../definition/mesh-definition.js';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import { type PlannedResource, ref } from '../resource.js';
import { pascalCaseTags } from '../tags.js';

/** An ALB's HTTP listener: its rules forward; what no rule matches gets a 404, as from App Mesh. */
export function applicationListenerResource(
  loadBalancerName: string,
  port: number,
  tags: Tags,
): PlannedResource<'loadBalancerListener'> {
  const loadBalancerId = resourceIds.loadBalancer(loadBalancerName);
  return planned(
    'loadBalancerListener',
    resourceIds.loadBalancerListener(loadBalancerName, port),
    String(port),
    [loadBalancerId],
    {
      LoadBalancerArn: ref(loadBalancerId, 'arn'),
      Protocol: 'HTTP',
      Port: port,
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
      Tags: pascalCaseTags(tags),
    } satisfies CreateListenerCommandInput,
  );
}

/** Binds the NLB to its target group: TCP on one port, forward everything. */
export function loadBalancerListenerResource(
  loadBalancerName: string,
  targetGroupName: string,
  port: number,
  tags: Tags,
): PlannedResource<'loadBalancerListener'> {
  const loadBalancerId = resourceIds.loadBalancer(loadBalancerName);
  const targetGroupId = resourceIds.targetGroup(targetGroupName);
  return planned(
    'loadBalancerListener',
    resourceIds.loadBalancerListener(loadBalancerName, port),
    String(port),
    [loadBalancerId, targetGroupId],
    {
      LoadBalancerArn: ref(loadBalancerId, 'arn'),
      Protocol: 'TCP',
      Port: port,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(targetGroupId, 'arn') }],
      Tags: pascalCaseTags(tags),
    } satisfies CreateListenerCommandInput,
  );
}
