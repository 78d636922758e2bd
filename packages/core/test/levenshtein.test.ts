// The one edit distance (core's didYouMean and the generated validators' suggestions use it).
import { describe, expect, it } from 'vitest';
import { didYouMean } from '@taxonomy/core';
import { levenshtein } from '@taxonomy/core/levenshtein';

describe('levenshtein', () => {
  it.each([
    ['', '', 0], ['a', '', 1], ['', 'abc', 3], ['kitten', 'sitting', 3], ['flaw', 'lawn', 2], ['same', 'same', 0], ['draft_idd', 'draft_id', 1], ['ab', 'ba', 2],
  ])('%j to %j is %i (worked out by hand)', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });

  it('gives up with max + 1 once the distance must exceed max', () => {
    expect(levenshtein('kitten', 'sitting', 2)).toBe(3);
    expect(levenshtein('kitten', 'sitting', 3)).toBe(3);
    expect(levenshtein('a', 'abcdef', 1)).toBe(2);
  });

  it('is what didYouMean ranks by', () => {
    expect(didYouMean('draft_idd', ['draft_id', 'draft_title'])).toBe('draft_id');
    expect(didYouMean('zzzzzz', ['draft_id'])).toBeUndefined();
  });
});
