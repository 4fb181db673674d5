/** PLACEHOLDER: replaced by the ecs service implementation. */
import type { InternalApis, ServiceDefinition } from '../world.js';

// biome-ignore lint/complexity/noBannedTypes: placeholder
export type EcsState = {};

export const ecsService: ServiceDefinition<'ecs'> = {
  key: 'ecs',
  clientName: 'ECSClient',
  initialState: () => ({}),
  operations: {},
  events: {},
  throttled: (message) => new Error(message),
  internalFailure: (message) => new Error(message),
  snapshot: () => ({}),
  internal: () => ({}) as InternalApis['ecs'],
};
