/**
 * STS: who the caller is. The executor asks once per run (GetCallerIdentity) to learn the account
 * its credentials act in, and refuses a journal written for another account.
 */
import { type GetCallerIdentityCommandOutput, STSServiceException } from '@aws-sdk/client-sts';
import { unmodeledError } from '../aws-error.js';
import type { Output, ServiceDefinition } from '../world.js';

/** STS keeps no state here: the caller is the local cloud's own account. */
export type StsState = Record<string, never>;

export const stsService: ServiceDefinition<'sts'> = {
  key: 'sts',
  clientName: 'STSClient',
  initialState: () => ({}),
  operations: {
    GetCallerIdentity(_input: unknown, world): Output<GetCallerIdentityCommandOutput> {
      return {
        UserId: 'AIDALOCALCLOUD',
        Account: world.accountId,
        Arn: `arn:aws:iam::${world.accountId}:user/local-cloud`,
      };
    },
  },
  events: {},
  throttled: (message) => unmodeledError(STSServiceException, 'Throttling', message, 400),
  internalFailure: (message) => unmodeledError(STSServiceException, 'InternalFailure', message, 500),
  snapshot: () => ({}),
  internal: () => ({}),
};
