/**
 * Amazon ECS: clusters, task definitions, services and their tasks. Tasks start and stop after
 * AWS-like delays, register in Cloud Map and target groups, and take IPs from their subnet, so
 * that the SDK's waiters (ServicesStable, ServicesInactive) work against the local cloud.
 */
import { ECSServiceException, ServerException } from '@aws-sdk/client-ecs';
import { awsError, unmodeledError } from '../aws-error.js';
import type { InternalApis, ServiceDefinition } from '../world.js';
import { clusterOperations } from './ecs/clusters.js';
import { serviceOperations } from './ecs/services.js';
import { snapshotEcs } from './ecs/snapshot.js';
import { type EcsState, initialEcsState } from './ecs/state.js';
import { tagOperations } from './ecs/tags.js';
import { taskDefinitionOperations } from './ecs/task-definitions.js';
import { taskEvents, taskOperations } from './ecs/tasks.js';

export type { EcsState };

export const ecsService: ServiceDefinition<'ecs'> = {
  key: 'ecs',
  clientName: 'ECSClient',
  initialState: initialEcsState,
  operations: {
    ...clusterOperations,
    ...taskDefinitionOperations,
    ...serviceOperations,
    ...taskOperations,
    ...tagOperations,
  },
  events: taskEvents,
  // ECS's throttling code is not in its model: the SDK raises it as the base exception.
  throttled: (message) => unmodeledError(ECSServiceException, 'ThrottlingException', message, 400),
  internalFailure: (message) => awsError(ServerException, message, 500),
  snapshot: snapshotEcs,
  internal: (world): InternalApis['ecs'] => ({
    usesSecurityGroup: (groupId) =>
      Object.values(world.state.ecs.tasks).some(
        (t) => t.lastStatus !== 'STOPPED' && t.securityGroups.includes(groupId),
      ),
  }),
};
