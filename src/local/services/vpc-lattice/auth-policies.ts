/**
 * Auth policies of a service network or a service. "The auth policy is only active when the auth
 * type is set to AWS_IAM ... If the auth type is NONE, then any auth policy that you provide
 * remains inactive" (GetAuthPolicy, API reference). "The policy string in JSON must not contain
 * newlines or blank lines" (PutAuthPolicy). Deleted with its resource.
 */
import type {
  DeleteAuthPolicyCommandInput,
  GetAuthPolicyCommandInput,
  GetAuthPolicyCommandOutput,
  PutAuthPolicyCommandInput,
  PutAuthPolicyCommandOutput,
} from '@aws-sdk/client-vpc-lattice';
import type { Operation, Output, World } from '../../world.js';
import { invalidRequest, notFound } from './errors.js';
import { AUTH_RESOURCE_IDENTIFIER, required, requiredText, text } from './field-checks.js';
import { idOf } from './lookup.js';
import type { AuthPolicyRecord } from './state.js';

/** The service network or service the identifier names (resource configurations are not served). */
function owner(world: World, identifier: string | undefined): { id: string; authType: string } {
  const given = requiredText('resourceIdentifier', identifier, 17, 200, AUTH_RESOURCE_IDENTIFIER);
  const id = idOf(given);
  const s = world.state.vpcLattice;
  const found = id.startsWith('sn-')
    ? s.serviceNetworks[id]
    : id.startsWith('svc-')
      ? s.services[id]
      : undefined;
  if (found === undefined || !world.visible(found.createdAt))
    throw notFound(id.startsWith('sn-') ? 'SERVICE_NETWORK' : 'SERVICE', given);
  return found;
}

const stateOf = (resource: { authType: string }) => (resource.authType === 'AWS_IAM' ? 'Active' : 'Inactive');

function policyOf(world: World, resource: { id: string }, identifier: string): AuthPolicyRecord {
  const policy = world.state.vpcLattice.authPolicies[resource.id];
  // Whether AWS answers a resource without a policy with an error or an empty answer is not documented [U].
  if (policy === undefined) throw notFound('AUTH_POLICY', identifier);
  return policy;
}

export const authPolicyOperations: Record<string, Operation> = {
  PutAuthPolicy(input: PutAuthPolicyCommandInput, world): Output<PutAuthPolicyCommandOutput> {
    const resource = owner(world, input.resourceIdentifier);
    const policy = required('policy', input.policy);
    text('policy', policy, 0, 36864);
    if (/[\r\n]/.test(policy))
      throw invalidRequest('The auth policy must not contain newlines or blank lines.');
    try {
      JSON.parse(policy);
    } catch {
      throw invalidRequest('The auth policy is not valid JSON.');
    }
    const policies = world.state.vpcLattice.authPolicies;
    const previous = policies[resource.id];
    policies[resource.id] = {
      policy,
      createdAt: previous?.createdAt ?? world.now(),
      lastUpdatedAt: world.now(),
    };
    return { policy, state: stateOf(resource) };
  },

  GetAuthPolicy(input: GetAuthPolicyCommandInput, world): Output<GetAuthPolicyCommandOutput> {
    const resource = owner(world, input.resourceIdentifier);
    const policy = policyOf(world, resource, input.resourceIdentifier as string);
    return {
      policy: policy.policy,
      state: stateOf(resource),
      createdAt: new Date(policy.createdAt),
      lastUpdatedAt: new Date(policy.lastUpdatedAt),
    };
  },

  DeleteAuthPolicy(input: DeleteAuthPolicyCommandInput, world): object {
    const resource = owner(world, input.resourceIdentifier);
    policyOf(world, resource, input.resourceIdentifier as string);
    delete world.state.vpcLattice.authPolicies[resource.id];
    return {};
  },
};
