import { describe, expect, it } from 'vitest';
import { findRefs, ref, replaceRefs } from '../../src/plan/resource.js';

/** Ids made from names AWS accepts: a security group `web#1 {a}`, a namespace with quotes and `%`. */
const IDS = [
  'ec2/securityGroup/web#1 {a}',
  'cloudMap/namespace/a"b\\c%41.local',
  'mesh/x\ny\rz\u0001/virtualNode/n',
  'mesh/color-mesh/virtualNode/red',
];

describe('reference tokens', () => {
  it('find every id as it is, also inside a JSON string inside the input', () => {
    for (const id of IDS) {
      const input = {
        Id: ref(id, 'id'),
        PolicyDocument: JSON.stringify({ Resource: [ref(id, 'arn')] }),
      };
      expect(findRefs(input)).toEqual([
        { resourceId: id, attribute: 'id' },
        { resourceId: id, attribute: 'arn' },
      ]);
      // The resolver sees the id itself (its answer, an AWS id or ARN, needs no escaping).
      const resolved = replaceRefs(
        input,
        (resourceId, attribute) => `${attribute}-${IDS.indexOf(resourceId)}`,
      );
      const index = IDS.indexOf(id);
      expect(resolved.Id).toBe(`id-${index}`);
      expect(JSON.parse(resolved.PolicyDocument)).toEqual({ Resource: [`arn-${index}`] });
    }
  });

  it('read as before for ids of plain names', () => {
    expect(ref('mesh/color-mesh/virtualNode/red', 'arn')).toBe('{{ref:mesh/color-mesh/virtualNode/red#arn}}');
  });
});
