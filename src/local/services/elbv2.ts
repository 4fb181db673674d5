/** PLACEHOLDER: replaced by the elbv2 service implementation. */
import type { InternalApis, ServiceDefinition } from '../world.js';

// biome-ignore lint/complexity/noBannedTypes: placeholder
export type Elbv2State = {};

export const elbv2Service: ServiceDefinition<'elbv2'> = {
  key: 'elbv2',
  clientName: 'ElasticLoadBalancingV2Client',
  initialState: () => ({}),
  operations: {},
  events: {},
  throttled: (message) => new Error(message),
  internalFailure: (message) => new Error(message),
  snapshot: () => ({}),
  internal: () => ({}) as InternalApis['elbv2'],
};
