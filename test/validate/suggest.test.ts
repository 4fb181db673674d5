import { describe, expect, it } from 'vitest';
import { boundedDistance, closest, didYouMean } from '../../src/validate/suggest.js';

describe('suggestions', () => {
  it('computes edit distances and stops past the limit', () => {
    expect(boundedDistance('kitten', 'sitting', 5)).toBe(3);
    expect(boundedDistance('red', 'red', 2)).toBe(0);
    expect(boundedDistance('a', 'abcdef', 2)).toBe(3);
  });

  it('picks the closest candidate within a third of the length', () => {
    expect(closest('yelow', ['green', 'yellow', 'red'])).toBe('yellow');
    expect(closest('purple', ['green', 'yellow', 'red'])).toBeUndefined();
    expect(didYouMean('gren', ['green'])).toBe(' Did you mean "green"?');
    expect(didYouMean('xyz', [])).toBe('');
  });
});
