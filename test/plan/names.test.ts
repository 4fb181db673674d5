import { describe, expect, it } from 'vitest';
import { appMeshArns, logGroupArn, managedPolicyArns, resourceIds } from '../../src/plan/names.js';

describe('derived names', () => {
  const scope = { region: 'us-east-1', accountId: '123456789012' };

  it('builds App Mesh ARNs from the resource paths', () => {
    expect(appMeshArns.virtualNode(scope, 'color-mesh', 'blue')).toBe(
      'arn:aws:appmesh:us-east-1:123456789012:mesh/color-mesh/virtualNode/blue',
    );
    expect(appMeshArns.gatewayRoute(scope, 'm', 'gw', 'r')).toBe(
      'arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualGateway/gw/gatewayRoute/r',
    );
  });

  it('uses the partition of the region', () => {
    expect(appMeshArns.mesh({ region: 'cn-north-1', accountId: '123456789012' }, 'm')).toMatch(
      /^arn:aws-cn:/,
    );
    expect(managedPolicyArns.appMeshEnvoyAccess('us-gov-west-1')).toBe(
      'arn:aws-us-gov:iam::aws:policy/AWSAppMeshEnvoyAccess',
    );
    expect(logGroupArn(scope, '/ecs/m')).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/ecs/m:*');
  });

  it('gives path-like ids to the resources outside App Mesh', () => {
    expect(resourceIds.ecsService('color-cluster', 'red')).toBe('ecs/cluster/color-cluster/service/red');
    expect(resourceIds.loadBalancerListener('nlb', 80)).toBe('elbv2/loadBalancer/nlb/listener/80');
  });
});
