import type { CreateTargetGroupCommandInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Tags } from '../../definition/mesh-definition.js';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { pascalCaseTags } from '../tags.js';

/**
 * IP targets (awsvpc tasks register by IP), health-checked on the traffic port: TCP for an NLB;
 * with `http`, HTTP for an ALB, on the node's health check path when it has one.
 */
export function targetGroupResource(
  name: string,
  port: number,
  vpcId: string,
  tags: Tags,
  http?: { readonly healthCheckPath?: string },
): PlannedResource<'targetGroup'> {
  return planned('targetGroup', resourceIds.targetGroup(name), name, [], {
    Name: name,
    Protocol: http === undefined ? 'TCP' : 'HTTP',
    Port: port,
    VpcId: vpcId,
    TargetType: 'ip',
    HealthCheckEnabled: true,
    HealthCheckProtocol: http === undefined ? 'TCP' : 'HTTP',
    HealthCheckPort: 'traffic-port',
    ...(http?.healthCheckPath === undefined ? {} : { HealthCheckPath: http.healthCheckPath }),
    Tags: pascalCaseTags(tags),
  } satisfies CreateTargetGroupCommandInput);
}
