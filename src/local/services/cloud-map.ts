/** PLACEHOLDER: replaced by the cloudMap service implementation. */
import type { InternalApis, ServiceDefinition } from '../world.js';

// biome-ignore lint/complexity/noBannedTypes: placeholder
export type CloudMapState = {};

export const cloudMapService: ServiceDefinition<'cloudMap'> = {
  key: 'cloudMap',
  clientName: 'ServiceDiscoveryClient',
  initialState: () => ({}),
  operations: {},
  events: {},
  throttled: (message) => new Error(message),
  internalFailure: (message) => new Error(message),
  snapshot: () => ({}),
  internal: () => ({}) as InternalApis['cloudMap'],
};
