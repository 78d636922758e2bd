// exactJson: JSON.stringify's text with bigints as their exact digits, whatever the strings hold.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactJson } from '@taxonomy/core';

describe('exactJson', () => {
  it('prints a bigint as its digits and everything else as JSON.stringify does', () => {
    expect(exactJson({ max: 9223372036854775807n, min: -9223372036854775808n, d: 'x' })).toBe('{"max":9223372036854775807,"min":-9223372036854775808,"d":"x"}');
    expect(exactJson({ a: [1n, 2] }, 2)).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
  });

  it('a string that reads like its placeholder stays a string (regression: it was replaced by a bigint)', () => {
    const value = { description: '\u00000\u0000', also: '\u0000\u00001\u0000', maximum: 9223372036854775807n };
    expect(exactJson(value)).toBe('{"description":"\\u00000\\u0000","also":"\\u0000\\u00001\\u0000","maximum":9223372036854775807}');
  });

  it('agrees with JSON.stringify on values without bigints, and round-trips bigints exactly', () => {
    const leaf = fc.oneof(fc.string({ unit: fc.constantFrom('\u0000', '0', '1', '"', '\u2028', 'a') }), fc.integer(), fc.boolean(), fc.constant(null));
    const tree = fc.letrec((tie) => ({ v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v')), fc.dictionary(fc.string(), tie('v'))) })).v;
    fc.assert(fc.property(tree, (v) => exactJson(v) === JSON.stringify(v)));
    fc.assert(fc.property(tree, fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n }), (v, b) => {
      const text = exactJson({ v, b });
      const digits = /"b":(-?\d+)\}$/.exec(text)?.[1];
      return digits === b.toString() && JSON.stringify(JSON.parse(text).v) === JSON.stringify(v);
    }));
  });
});
