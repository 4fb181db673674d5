/** PLACEHOLDER: replaced by the appMesh service implementation. */
import type { InternalApis, ServiceDefinition } from '../world.js';

// biome-ignore lint/complexity/noBannedTypes: placeholder
export type AppMeshState = {};

export const appMeshService: ServiceDefinition<'appMesh'> = {
  key: 'appMesh',
  clientName: 'AppMeshClient',
  initialState: () => ({}),
  operations: {},
  events: {},
  throttled: (message) => new Error(message),
  internalFailure: (message) => new Error(message),
  snapshot: () => ({}),
  internal: () => ({}) as InternalApis['appMesh'],
};
