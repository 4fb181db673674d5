import { describe, expect, it } from 'vitest';
import { isFargateSize } from '../../src/validate/fargate.js';
import {
  gateway,
  gatewayTask,
  minimalDefinition,
  must,
  nodeTask,
  only,
  validate,
  withNode,
} from './fixtures.js';

const withSize = (cpu: number, memory: number) =>
  withNode(minimalDefinition(), 'blue', (n) => ({ ...n, task: nodeTask('blue', { cpu, memory }) }));

describe('fargate rule', () => {
  it.each([
    [256, 512],
    [256, 2048],
    [512, 4096],
    [1024, 3072],
    [4096, 30720],
    [8192, 16384],
    [8192, 61440],
    [16384, 122880],
  ])('accepts cpu %i with memory %i', (cpu, memory) => {
    expect(isFargateSize(cpu, memory)).toBe(true);
    expect(validate(withSize(cpu, memory))).toEqual([]);
  });

  it.each([
    [256, 3072],
    [512, 512],
    [1024, 9216],
    [8192, 20000],
    [16384, 36864],
  ])('reports cpu %i with memory %i', (cpu, memory) => {
    const issue = only(validate(withSize(cpu, memory)), 'INVALID_FARGATE_SIZE');
    expect(issue).toMatchObject({ path: 'mesh/color-mesh/virtualNode/blue/task', field: 'memory' });
    expect(issue.message).toContain(`for cpu ${cpu}, received ${memory}`);
  });

  it('reports a cpu Fargate does not offer', () => {
    const issue = only(validate(withSize(300, 512)), 'INVALID_FARGATE_SIZE');
    expect(issue).toMatchObject({
      field: 'cpu',
      expected: 'a Fargate cpu (256, 512, 1024, 2048, 4096, 8192, 16384)',
    });
  });

  it('reports containers reserving more than the task, Envoy included', () => {
    const app = must(nodeTask('blue').containers[0]);
    const definition = withNode(minimalDefinition(), 'blue', (n) => ({
      ...n,
      task: nodeTask('blue', {
        envoy: { environment: {}, cpu: 128, memory: 128 },
        containers: [{ ...app, cpu: 256, memory: 256 }],
      }),
    }));
    const issue = only(validate(definition), 'INVALID_FARGATE_SIZE');
    expect(issue).toMatchObject({ field: 'cpu', received: '384 (envoy 128 + app 256)' });
  });

  it('checks gateway task sizes too', () => {
    const definition = minimalDefinition({
      gateways: [gateway('gw', { task: gatewayTask('gw', { cpu: 512, memory: 512 }) })],
    });
    expect(only(validate(definition), 'INVALID_FARGATE_SIZE').path).toBe(
      'mesh/color-mesh/virtualGateway/gw/task',
    );
  });
});
