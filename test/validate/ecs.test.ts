import { describe, expect, it } from 'vitest';
import {
  ecsEnvironment,
  gateway,
  gatewayTask,
  minimalDefinition,
  must,
  nodeTask,
  only,
  tutorialDefinition,
  validate,
  withNode,
} from './fixtures.js';

const ENV = 'mesh/color-mesh/ecs';
const TASK = 'mesh/color-mesh/virtualNode/blue/task';

describe('ecs rule', () => {
  it('reports tasks without an ECS environment', () => {
    const issues = validate(tutorialDefinition({ ecs: undefined })).filter(
      (i) => i.code === 'MISSING_ECS_ENVIRONMENT',
    );
    expect(issues.map((i) => i.path)).toEqual([
      'mesh/color-mesh/virtualNode/red/task',
      'mesh/color-mesh/virtualNode/blue/task',
      'mesh/color-mesh/virtualNode/green/task',
      'mesh/color-mesh/virtualNode/yellow/task',
      'mesh/color-mesh/virtualGateway/color-gateway/task',
    ]);
  });

  it('accepts a mesh with no task and no ECS environment', () => {
    const definition = withNode(
      minimalDefinition({ ecs: undefined, externalDns: ['blue.colors.local'] }),
      'blue',
      (n) => ({
        ...n,
        task: undefined,
      }),
    );
    expect(validate(definition)).toEqual([]);
  });

  it('checks the environment: region, account, VPC, subnets, cluster, log group, role, retention', () => {
    const ecs = ecsEnvironment({
      region: 'US-EAST-1',
      accountId: '1234',
      vpcId: 'vpc-123',
      subnets: ['subnet-0aaaaaaaaaaaaaaa1', 'sub-1'],
      cluster: 'color mesh',
      logGroup: '/ecs/color mesh',
      executionRoleName: 'r'.repeat(65),
      logRetentionDays: 10,
      meshSecurityGroup: 'sg-app',
    });
    const issues = validate(minimalDefinition({ ecs }));
    expect(issues.map((i) => [i.path, i.field])).toEqual([
      [ENV, 'region'],
      [ENV, 'accountId'],
      [ENV, 'vpcId'],
      [ENV, 'subnets[1]'],
      [ENV, 'cluster'],
      [ENV, 'meshSecurityGroup'],
      [ENV, 'logGroup'],
      [ENV, 'logRetentionDays'],
      [ENV, 'executionRoleName'],
    ]);
    expect(issues[0]?.message).toContain('expected a region like "us-east-1", received "US-EAST-1"');
  });

  it('requires at least one subnet and accepts 8-digit ids', () => {
    expect(
      only(validate(minimalDefinition({ ecs: ecsEnvironment({ subnets: [] }) })), 'INVALID_VALUE'),
    ).toMatchObject({
      path: ENV,
      field: 'subnets',
      received: '0 entries',
    });
    expect(
      validate(
        minimalDefinition({ ecs: ecsEnvironment({ subnets: ['subnet-0123abcd'], vpcId: 'vpc-0123abcd' }) }),
      ),
    ).toEqual([]);
  });

  it('checks task names and the task role name', () => {
    const definition = withNode(minimalDefinition(), 'blue', () => ({
      ...must(minimalDefinition().nodes[0]),
      task: nodeTask('blue', {
        family: 'blue v2',
        serviceName: 'blue/svc',
        taskRoleName: 'role with spaces',
      }),
    }));
    expect(validate(definition).map((i) => [i.code, i.path, i.field])).toEqual([
      ['INVALID_NAME', TASK, 'family'],
      ['INVALID_NAME', TASK, 'serviceName'],
      ['INVALID_NAME', TASK, 'taskRoleName'],
    ]);
  });

  it('reports security groups that are neither sg- ids nor groups of this plan', () => {
    const definition = withNode(tutorialDefinition(), 'blue', (n) => ({
      ...n,
      task: nodeTask('blue', {
        securityGroups: ['sg-0123456789abcdef0', 'colorapp-sg', 'color-gateway-sg', 'db-sg'],
      }),
    }));
    const issue = only(validate(definition), 'UNKNOWN_SECURITY_GROUP');
    expect(issue).toMatchObject({ path: TASK, field: 'securityGroups[3]', received: '"db-sg"' });
    expect(issue.message).toContain('"colorapp-sg", "color-gateway-sg"');
  });

  it('requires an application container, unique container names, and no container called envoy', () => {
    const none = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      task: nodeTask('blue', { containers: [] }),
    }));
    expect(only(validate(none), 'INVALID_VALUE')).toMatchObject({
      path: TASK,
      field: 'containers',
      received: '0 containers',
    });
    const app = must(nodeTask('blue').containers[0]);
    const clash = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      task: nodeTask('blue', {
        containers: [app, { ...app, port: undefined }, { ...app, name: 'envoy', port: undefined }],
      }),
    }));
    expect(validate(clash).map((i) => [i.code, i.field])).toEqual([
      ['DUPLICATE_NAME', 'containers[1].name'],
      ['INVALID_NAME', 'containers[2].name'],
    ]);
  });

  it('checks the app container port: range, Envoy ports, and the node listener', () => {
    const withPort = (port: number) =>
      withNode(minimalDefinition(), 'blue', (n) => ({
        ...n,
        task: nodeTask('blue', { containers: [{ ...must(nodeTask('blue').containers[0]), port }] }),
      }));
    expect(only(validate(withPort(0)), 'INVALID_PORT').field).toBe('containers[0].port');
    expect(only(validate(withPort(15000)), 'INVALID_PORT').expected).toBe(
      "a port other than Envoy's 9901, 15000, 15001",
    );
    const elsewhere = only(validate(withPort(8080)), 'INVALID_PORT');
    expect(elsewhere).toMatchObject({
      severity: 'warning',
      expected: 'one of node "blue"\'s listener ports (80)',
    });
  });

  it('warns when a task has an app port but the node has no listener', () => {
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({ ...n, listeners: [] }));
    expect(only(validate(definition), 'MISSING_LISTENER')).toMatchObject({
      severity: 'warning',
      path: TASK,
      field: 'containers[0].port',
    });
  });

  it('requires a container health check when Envoy waits for the app', () => {
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      task: nodeTask('blue', { startOrder: 'app-first' }),
    }));
    expect(only(validate(definition), 'INVALID_VALUE').field).toBe('startOrder');
    const app = must(nodeTask('blue').containers[0]);
    const healthy = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      task: nodeTask('blue', {
        startOrder: 'app-first',
        containers: [
          {
            ...app,
            healthCheck: { command: ['CMD-SHELL', 'curl -f localhost/healthcheck'], interval: 5, retries: 3 },
          },
        ],
      }),
    }));
    expect(validate(healthy)).toEqual([]);
  });

  it('checks the gateway task: load balancer and target group names, port, CIDRs', () => {
    const task = gatewayTask('color-gateway', {
      ingressCidrs: ['0.0.0.0/0', 'anywhere'],
      loadBalancer: {
        name: 'internal-gw',
        scheme: 'internet-facing',
        subnets: ['subnet-0bbbbbbbbbbbbbbb1'],
        targetGroupName: 'gateway-tg-that-is-way-too-long-for-aws',
        port: 8080,
      },
    });
    const base = tutorialDefinition();
    const definition = { ...base, gateways: [{ ...must(base.gateways[0]), task }] };
    const gw = 'mesh/color-mesh/virtualGateway/color-gateway/task';
    expect(validate(definition).map((i) => [i.code, i.path, i.field])).toEqual([
      ['INVALID_VALUE', gw, 'ingressCidrs[1]'],
      ['INVALID_NAME', gw, 'loadBalancer.name'],
      ['INVALID_NAME', gw, 'loadBalancer.targetGroupName'],
      ['INVALID_PORT', gw, 'loadBalancer.port'],
    ]);
  });

  it('accepts a gateway without a load balancer', () => {
    const definition = minimalDefinition({
      gateways: [gateway('gw', { task: gatewayTask('gw', { loadBalancer: undefined }) })],
    });
    expect(validate(definition)).toEqual([]);
  });
});
