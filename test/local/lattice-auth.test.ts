/**
 * VPC Lattice auth policies as the simulator evaluates them (evaluateAuthPolicy): Allow and an
 * explicit Deny that wins, principals (`*`, role ARNs, accounts), the Invoke action and its
 * wildcards, resources with `*` and `?`, and statements with a Condition left unevaluated.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAuthPolicy } from '../../src/local/simulator/lattice-auth.js';

const ACCOUNT = '123456789012';
const SERVICE = `arn:aws:vpc-lattice:us-east-1:${ACCOUNT}:service/svc-0api`;
const role = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (extra: object = {}) => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 'vpc-lattice-svcs:Invoke',
  Resource: `${SERVICE}/*`,
  ...extra,
});
const decide = (document: string, principal: string | undefined, path = '/') =>
  evaluateAuthPolicy(document, { principal, resource: `${SERVICE}${path}` });

describe('evaluateAuthPolicy', () => {
  it("the plan's per-service policy: the listed task roles are allowed, every other caller is not", () => {
    const document = policy(allow({ Principal: { AWS: [role('web-role'), role('cart-role')] } }));
    expect(decide(document, role('web-role'), '/orders/1')).toBe('allow');
    expect(decide(document, role('cart-role'))).toBe('allow');
    expect(decide(document, role('admin-role'))).toBe('implicit-deny');
    expect(decide(document, undefined)).toBe('implicit-deny');
    // One ARN, not in a list.
    expect(decide(policy(allow({ Principal: { AWS: role('web-role') } })), role('web-role'))).toBe('allow');
  });

  it('Principal "*" allows anyone, even an unsigned request; an account allows its own principals only', () => {
    expect(decide(policy(allow()), undefined)).toBe('allow');
    expect(decide(policy(allow({ Principal: { AWS: '*' } })), role('any'))).toBe('allow');
    for (const account of [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`]) {
      const document = policy(allow({ Principal: { AWS: account } }));
      expect(decide(document, role('web-role')), account).toBe('allow');
      expect(decide(document, role('web-role', '210987654321')), account).toBe('implicit-deny');
      expect(decide(document, undefined), account).toBe('implicit-deny');
    }
  });

  it('an explicit Deny wins over any Allow', () => {
    const document = policy(
      allow(),
      allow({ Effect: 'Deny', Principal: { AWS: role('admin-role') }, Resource: `${SERVICE}/admin*` }),
    );
    expect(decide(document, role('admin-role'), '/admin/users')).toBe('explicit-deny');
    expect(decide(document, role('admin-role'), '/orders')).toBe('allow');
    expect(decide(document, role('web-role'), '/admin/users')).toBe('allow');
  });

  it('actions: Invoke in any case, vpc-lattice-svcs:* and *; not the management API', () => {
    for (const Action of [
      'vpc-lattice-svcs:Invoke',
      'VPC-Lattice-Svcs:invoke',
      'vpc-lattice-svcs:*',
      '*',
      ['s3:GetObject', 'vpc-lattice-svcs:Inv?ke'],
    ])
      expect(decide(policy(allow({ Action })), undefined), JSON.stringify(Action)).toBe('allow');
    for (const Action of ['vpc-lattice:*', 'vpc-lattice-svcs:Connect', 's3:*'])
      expect(decide(policy(allow({ Action })), undefined), Action).toBe('implicit-deny');
  });

  it('resources: `<service ARN>/<path>` with * and ? wildcards, and *', () => {
    const versioned = policy(allow({ Resource: `${SERVICE}/v?/*` }));
    expect(decide(versioned, undefined, '/v1/orders')).toBe('allow');
    expect(decide(versioned, undefined, '/v10/orders')).toBe('implicit-deny');
    expect(decide(versioned, undefined, '/orders')).toBe('implicit-deny');
    expect(decide(policy(allow({ Resource: '*' })), undefined, '/anything')).toBe('allow');
    expect(decide(policy(allow({ Resource: [`${SERVICE}/health`] })), undefined, '/health')).toBe('allow');
    // Another service's ARN, and a case that differs: resources compare case-sensitively.
    expect(decide(policy(allow({ Resource: `${SERVICE}x/*` })), undefined, '/a')).toBe('implicit-deny');
    expect(decide(policy(allow({ Resource: `${SERVICE}/Orders` })), undefined, '/orders')).toBe(
      'implicit-deny',
    );
  });

  it('a statement with a Condition is not evaluated: it neither allows nor denies', () => {
    const condition = { Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } } };
    expect(decide(policy(allow(condition)), undefined)).toBe('implicit-deny');
    expect(decide(policy(allow(), allow({ Effect: 'Deny', ...condition })), undefined)).toBe('allow');
  });

  it('no policy, a policy that is not JSON, or one without statements allows nothing; one statement needs no list', () => {
    expect(evaluateAuthPolicy(undefined, { principal: undefined, resource: `${SERVICE}/` })).toBe(
      'implicit-deny',
    );
    expect(decide('{not json', undefined)).toBe('implicit-deny');
    expect(decide('{"Version":"2012-10-17"}', undefined)).toBe('implicit-deny');
    expect(decide(JSON.stringify({ Statement: allow() }), undefined)).toBe('allow');
  });
});
