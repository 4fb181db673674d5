import { describe, expect, it } from 'vitest';
import { minimalDefinition, only, validate, withNode } from './fixtures.js';

describe('tags rule', () => {
  it('reports more than 50 tags on a resource', () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const issue = only(
      validate(withNode(minimalDefinition(), 'blue', (n) => ({ ...n, tags }))),
      'INVALID_VALUE',
    );
    expect(issue).toMatchObject({
      path: 'mesh/color-mesh/virtualNode/blue',
      field: 'tags',
      received: '51 entries',
    });
    expect(issue.message).toContain('TooManyTagsException');
  });

  it('reports a key over 128 characters and a value over 256', () => {
    const key = 'k'.repeat(129);
    const issues = validate(minimalDefinition({ tags: { [key]: 'v', team: 'x'.repeat(257) } }));
    expect(issues.map((i) => [i.path, i.field])).toEqual([
      ['mesh/color-mesh', `tags["${key}"]`],
      ['mesh/color-mesh', 'tags["team"].value'],
    ]);
  });

  it('reports an empty key and accepts a 128-character key with a 256-character value', () => {
    expect(only(validate(minimalDefinition({ tags: { '': 'v' } })), 'INVALID_VALUE')).toMatchObject({
      path: 'mesh/color-mesh',
      field: 'tags[""]',
      expected: 'a string of 1 to 128 characters',
      received: '"" (0 characters)',
    });
    expect(validate(minimalDefinition({ tags: { ['k'.repeat(128)]: 'v'.repeat(256) } }))).toEqual([]);
  });

  it('accepts 50 tags with an empty value', () => {
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, '']));
    expect(validate(minimalDefinition({ tags }))).toEqual([]);
  });
});
