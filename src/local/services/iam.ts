/**
 * IAM (global): roles with trust policies, inline policies and tags; customer managed policies;
 * the AWS managed policies the product attaches, which exist from the start.
 */
import { IAMServiceException, ServiceFailureException } from '@aws-sdk/client-iam';
import { awsError, unmodeledError } from '../aws-error.js';
import type { ServiceDefinition, World } from '../world.js';
import { parsedDocument } from './iam/documents.js';
import { byName } from './iam/lookup.js';
import { policyOperations } from './iam/policies.js';
import { roleOperations } from './iam/roles.js';
import { type IamState, initialIamState } from './iam/state.js';

export type { IamState } from './iam/state.js';

export const iamService: ServiceDefinition<'iam'> = {
  key: 'iam',
  clientName: 'IAMClient',
  initialState: initialIamState,
  operations: { ...roleOperations, ...policyOperations },
  events: {},
  throttled: (message) => unmodeledError(IAMServiceException, 'Throttling', message, 400),
  internalFailure: (message) => awsError(ServiceFailureException, message, 500),
  snapshot: (state: IamState) => ({
    roles: Object.values(state.roles)
      .sort(byName((role) => role.roleName))
      .map((role) => ({
        roleName: role.roleName,
        path: role.path,
        arn: role.arn,
        trustPolicy: parsedDocument(role.trustPolicy),
        ...(role.description === undefined ? {} : { description: role.description }),
        maxSessionDuration: role.maxSessionDuration,
        tags: [...role.tags].sort(byName((tag) => tag.Key)),
        inlinePolicies: Object.fromEntries(
          Object.keys(role.inlinePolicies)
            .sort()
            .map((name) => [name, parsedDocument(role.inlinePolicies[name] as string)]),
        ),
        attachedPolicyArns: [...role.attached].sort(),
      })),
    policies: Object.values(state.policies)
      .sort(byName((policy) => policy.arn))
      .map((policy) => ({
        policyName: policy.policyName,
        path: policy.path,
        arn: policy.arn,
        ...(policy.description === undefined ? {} : { description: policy.description }),
        tags: [...policy.tags].sort(byName((tag) => tag.Key)),
        defaultVersionId: policy.defaultVersionId,
        versions: policy.versions.map((v) => ({
          versionId: v.versionId,
          document: parsedDocument(v.document),
        })),
      })),
  }),
  internal: (world: World) => ({
    role: (roleArn) => {
      const role = Object.values(world.state.iam.roles).find((r) => r.arn === roleArn);
      return role === undefined || !world.visible(role.createdAt) ? undefined : { roleName: role.roleName };
    },
  }),
};
