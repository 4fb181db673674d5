import type { CreateLogGroupCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import type { Tags } from '../../definition/mesh-definition.js';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';

/**
 * The awslogs group of every container. Retention (`logRetentionDays`) is a separate
 * PutRetentionPolicy call with no create input of its own: the executor applies it after creation.
 */
export function logGroupResource(logGroupName: string, tags: Tags): PlannedResource<'logGroup'> {
  return planned('logGroup', resourceIds.logGroup(logGroupName), logGroupName, [], {
    logGroupName,
    tags: { ...tags },
  } satisfies CreateLogGroupCommandInput);
}
