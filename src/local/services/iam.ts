/** PLACEHOLDER: replaced by the iam service implementation. */
import type { InternalApis, ServiceDefinition } from '../world.js';

// biome-ignore lint/complexity/noBannedTypes: placeholder
export type IamState = {};

export const iamService: ServiceDefinition<'iam'> = {
  key: 'iam',
  clientName: 'IAMClient',
  initialState: () => ({}),
  operations: {},
  events: {},
  throttled: (message) => new Error(message),
  internalFailure: (message) => new Error(message),
  snapshot: () => ({}),
  internal: () => ({}) as InternalApis['iam'],
};
