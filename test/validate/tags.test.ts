import { describe, expect, it } from 'vitest';
import { ecsEnvironment, minimalDefinition, only, validate, withNode } from './fixtures.js';

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

  it('keeps tags that reach IAM, ECS and load balancers to the characters those services accept', () => {
    const expected =
      'letters, digits, spaces and _ . : / = + - @ only (IAM, ECS and Elastic Load Balancing refuse other characters in tags)';
    for (const text of ['$(touch pwned)', '`id`', 'a;b', "it's", '"q"', 'back\\slash', 'a\nb', 'a\rb']) {
      const tags = { [text]: 'ok', team: text };
      const base = minimalDefinition();
      const blue = base.nodes[0];
      const issues = validate({
        ...base,
        tags,
        ecs: ecsEnvironment({ tags }),
        nodes: [{ ...blue, task: blue?.task && { ...blue.task, tags } } as (typeof base.nodes)[number]],
      });
      const received = (value: string) => `${JSON.stringify(value)} (${value.length} characters)`;
      const key = `tags[${JSON.stringify(text)}]`;
      expect(issues.map((i) => [i.code, i.path, i.field, i.expected, i.received])).toEqual(
        ['mesh/color-mesh', 'mesh/color-mesh/virtualNode/blue/task', 'mesh/color-mesh/ecs'].flatMap(
          (path) => [
            ['INVALID_VALUE', path, key, expected, received(text)],
            ['INVALID_VALUE', path, 'tags["team"].value', expected, received(text)],
          ],
        ),
      );
    }
  });

  it('takes any text in tags that only App Mesh and Cloud Map see, and unicode letters anywhere', () => {
    const hostile = { '$(touch pwned)': '`id`; it\'s "q" \\ a\nb\rc' };
    expect(validate(withNode(minimalDefinition(), 'blue', (n) => ({ ...n, tags: hostile })))).toEqual([]);
    expect(validate(minimalDefinition({ tags: hostile, ecs: undefined, gateways: [] }))).toEqual(
      validate(minimalDefinition({ ecs: undefined, gateways: [] })),
    );
    expect(validate(minimalDefinition({ tags: { équipe: 'Zürich 東京 +=.:/@_-' } }))).toEqual([]);
  });

  it('accepts 50 tags with an empty value', () => {
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, '']));
    expect(validate(minimalDefinition({ tags }))).toEqual([]);
  });
});
