import { describe, expect, it } from 'vitest';
import { cloudMapService, minimalDefinition, must, only, validate } from './fixtures.js';

describe('cloud map rule', () => {
  it('reports a namespace name starting with "arn:" or containing a space', () => {
    for (const name of ['arn:colors', 'colors local']) {
      const base = minimalDefinition();
      const issue = only(
        validate({ ...base, namespace: { ...must(base.namespace), name } }).filter(
          (i) => i.code !== 'UNRESOLVABLE_SERVICE_NAME',
        ),
        'INVALID_CLOUD_MAP_NAME',
      );
      expect(issue).toMatchObject({ path: `cloudMap/namespace/${name}`, field: 'name' });
    }
  });

  it('reports a 254-character namespace name and accepts 253', () => {
    const withNamespace = (name: string) => {
      const base = minimalDefinition();
      return validate({ ...base, namespace: { ...must(base.namespace), name } }).filter(
        (i) => i.code !== 'UNRESOLVABLE_SERVICE_NAME',
      );
    };
    const name = 'n'.repeat(254);
    expect(only(withNamespace(name), 'INVALID_CLOUD_MAP_NAME')).toMatchObject({
      path: `cloudMap/namespace/${name}`,
      field: 'name',
      expected: '1 to 253 printable ASCII characters without spaces, not starting with "arn:"',
      received: `"${'n'.repeat(60)}..." (254 characters)`,
    });
    expect(withNamespace('n'.repeat(253))).toEqual([]);
  });

  it.each(['-red', 'red-', 'r'.repeat(64), 'red..blue', 'red blue'])(
    'reports service name %j as not DNS labels',
    (name) => {
      const issues = validate(
        minimalDefinition({ cloudMapServices: [cloudMapService('blue'), cloudMapService(name)] }),
      );
      const issue = only(issues, 'INVALID_CLOUD_MAP_NAME');
      expect(issue).toMatchObject({ path: `cloudMap/namespace/colors.local/service/${name}`, field: 'name' });
      expect(issue.message).toContain('expected DNS labels of 1 to 63');
    },
  );

  it.each(['red', 'r'.repeat(63), 'v1.red', 'red_2'])('accepts service name %j', (name) => {
    expect(
      validate(minimalDefinition({ cloudMapServices: [cloudMapService('blue'), cloudMapService(name)] })),
    ).toEqual([]);
  });

  it('reports a DNS record type, a TTL and a routing policy outside their ranges', () => {
    const bad = cloudMapService('blue', {
      dnsRecords: [{ Type: 'MX' as never, TTL: -1 }],
      routingPolicy: 'RANDOM' as never,
    });
    const issues = validate(minimalDefinition({ cloudMapServices: [bad] }));
    expect(issues.map((i) => i.field)).toEqual(['dnsRecords[0].Type', 'dnsRecords[0].TTL', 'routingPolicy']);
  });

  it('requires at least one DNS record', () => {
    expect(
      only(
        validate(minimalDefinition({ cloudMapServices: [cloudMapService('blue', { dnsRecords: [] })] })),
        'INVALID_VALUE',
      ).field,
    ).toBe('dnsRecords');
  });

  it('reports Cloud Map services declared without a namespace', () => {
    const issues = validate(minimalDefinition({ namespace: undefined }));
    expect(issues.filter((i) => i.code === 'MISSING_NAMESPACE').map((i) => [i.path, i.field])).toEqual([
      ['mesh/color-mesh', 'namespace'],
      ['mesh/color-mesh/virtualNode/blue', 'serviceDiscovery.namespace'],
    ]);
  });
});
