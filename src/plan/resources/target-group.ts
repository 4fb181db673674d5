import type { CreateTargetGroupCommandInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Tags } from '../../definition/mesh-definition.js';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { pascalCaseTags } from '../tags.js';

/** IP targets (awsvpc tasks register by IP), TCP, health-checked on the traffic port. */
export function targetGroupResource(
  name: string,
  port: number,
  vpcId: string,
  tags: Tags,
): PlannedResource<'targetGroup'> {
  return planned('targetGroup', resourceIds.targetGroup(name), name, [], {
    Name: name,
    Protocol: 'TCP',
    Port: port,
    VpcId: vpcId,
    TargetType: 'ip',
    HealthCheckEnabled: true,
    HealthCheckProtocol: 'TCP',
    HealthCheckPort: 'traffic-port',
    Tags: pascalCaseTags(tags),
  } satisfies CreateTargetGroupCommandInput);
}
