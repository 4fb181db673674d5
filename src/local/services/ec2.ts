/** PLACEHOLDER: replaced by the ec2 service implementation. */
import type { InternalApis, ServiceDefinition } from '../world.js';

// biome-ignore lint/complexity/noBannedTypes: placeholder
export type Ec2State = {};

export const ec2Service: ServiceDefinition<'ec2'> = {
  key: 'ec2',
  clientName: 'EC2Client',
  initialState: () => ({}),
  operations: {},
  events: {},
  throttled: (message) => new Error(message),
  internalFailure: (message) => new Error(message),
  snapshot: () => ({}),
  internal: () => ({}) as InternalApis['ec2'],
};
