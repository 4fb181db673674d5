import { describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/build-plan.js';
import type { PlannedResource } from '../../src/plan/resource.js';
import { clientToken, creatorRequestId, withIdempotencyToken } from '../../src/plan/tokens.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';

describe('idempotency tokens', () => {
  it('gives a clientToken App Mesh and ECS accept: at most 36 of [A-Za-z0-9_-]', () => {
    expect(clientToken('mesh/m/virtualNode/n', { spec: {} })).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
  });

  it('is stable for the same id and spec', () => {
    expect(clientToken('id', { a: 1, b: [1, { c: 2 }] })).toBe(clientToken('id', { a: 1, b: [1, { c: 2 }] }));
  });

  it('changes when the spec or the id changes', () => {
    const token = clientToken('id', { port: 80 });
    expect(clientToken('id', { port: 81 })).not.toBe(token);
    expect(clientToken('other', { port: 80 })).not.toBe(token);
  });

  it('gives a CreatorRequestId of at most 64 characters from the id alone', () => {
    const id = `cloudMap/namespace/${'x'.repeat(300)}/service/red`;
    expect(creatorRequestId(id)).toHaveLength(64);
    expect(creatorRequestId(id)).toBe(creatorRequestId(id));
    expect(creatorRequestId(id)).not.toBe(creatorRequestId(`${id}2`));
  });
});

describe('withIdempotencyToken', () => {
  const { resources } = plan(colorMeshDefinition);
  const node = resources.find((r) => r.kind === 'virtualNode') as PlannedResource;
  const namespace = resources.find((r) => r.kind === 'cloudMapNamespace') as PlannedResource;
  const tokenOf = (input: object) => (input as { clientToken?: string }).clientToken;

  it('salts the token by the run at its derived length: the same run repeats it, another run does not', () => {
    const planned = tokenOf(withIdempotencyToken(node, node.input)) as string;
    const run1 = tokenOf(withIdempotencyToken(node, node.input, 'run-1')) as string;
    expect(run1).toHaveLength(planned.length);
    expect(run1).not.toBe(planned);
    expect(tokenOf(withIdempotencyToken(node, node.input, 'run-1'))).toBe(run1);
    expect(tokenOf(withIdempotencyToken(node, node.input, 'run-2'))).not.toBe(run1);
    const creator = withIdempotencyToken(namespace, namespace.input, 'run-1') as {
      CreatorRequestId?: string;
    };
    expect(creator.CreatorRequestId).toHaveLength(64);
  });
});
