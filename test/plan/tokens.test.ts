import { describe, expect, it } from 'vitest';
import { clientToken, creatorRequestId } from '../../src/plan/tokens.js';

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
