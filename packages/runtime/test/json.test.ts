// jsonText: JSON.stringify's bytes for everything, bigints as their exact digits.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonText } from '@taxonomy/runtime';

/** Characters that break naive JSON writers: line separators, quotes, backslashes, control characters, lone surrogates, U+0000 beside digits (the placeholder's makings). */
const HOSTILE = ['\u2028', '\u2029', '"', '\\', '\u0000', '\u0001', '\u001f', '\n', '\r', '\t', '\ud800', '\udbff', '\udc00', '\udfff', '0', '1', '9', 'a', 'é', '😀', '\u0085', '\ufeff'];
const hostileString = fc.string({ unit: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))), maxLength: 24 });

const { value: bigintFree } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: false }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
  ),
}));

describe('jsonText: JSON.stringify byte for byte without bigints', () => {
  it('random values, hostile strings and keys (U+2028, quotes, lone surrogates, U+0000), dates, undefined, NaN', () => {
    fc.assert(fc.property(bigintFree, (v) => { expect(jsonText(v)).toBe(JSON.stringify(v)); }), { numRuns: 2_000 });
  });

  it('fast-check\'s anything (boxed values, sparse arrays, null prototypes, -0)', () => {
    fc.assert(fc.property(fc.anything({ withBoxedValues: true, withSparseArray: true, withNullPrototype: true, withDate: true, withBigInt: false }), (v) => {
      expect(jsonText(v)).toBe(JSON.stringify(v));
    }), { numRuns: 1_000 });
  });

  it('top-level undefined, functions and toJSON behave as JSON.stringify', () => {
    for (const v of [undefined, () => 1, Symbol('s'), { toJSON: () => 'x' }, { a: { toJSON: (k: string) => `key ${k}` } }, [undefined, () => 1]]) expect(jsonText(v)).toBe(JSON.stringify(v));
  });

  it('still throws on a cycle, as JSON.stringify does', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => jsonText(a)).toThrow(TypeError);
    a.big = 1n;
    expect(() => jsonText(a)).toThrow(TypeError);
  });
});

describe('jsonText: bigints as their exact digits', () => {
  it('int64 bounds, beyond them, nested, in arrays, as the top-level value', () => {
    expect(jsonText({ id: 9223372036854775807n })).toBe('{"id":9223372036854775807}');
    expect(jsonText({ a: [-9223372036854775808n, 0n, 18446744073709551615n], b: { c: 2n ** 70n } }))
      .toBe('{"a":[-9223372036854775808,0,18446744073709551615],"b":{"c":1180591620717411303424}}');
    expect(jsonText(-(2n ** 80n))).toBe('-1208925819614629174706176');
    // never the rounded double, never a string
    expect(jsonText({ id: 9223372036854775807n })).not.toContain('808');
    expect(JSON.parse(jsonText({ id: 9223372036854775807n })!)).toEqual({ id: 9223372036854775807 });
  });

  it('any bigints among random values: the same text as JSON.stringify with each bigint written as its digits', () => {
    const withBig = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.bigInt(), hostileString, fc.integer(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(hostileString, tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(fc.property(withBig, (v) => {
      // The expected text: each bigint through a side table, by a different route (a Map of unique strings).
      const marks = new Map<string, bigint>();
      const text = JSON.stringify(v, (_k, x: unknown) => {
        if (typeof x !== 'bigint') return x;
        const m = `@@big${marks.size}@@${Math.random()}`;
        marks.set(m, x);
        return m;
      });
      let want = text;
      for (const [m, x] of marks) want = want?.replace(JSON.stringify(m), x.toString());
      expect(jsonText(v)).toBe(want);
    }), { numRuns: 1_000 });
  });

  it('a string of the data that reads exactly like a placeholder is kept as that string', () => {
    for (const s of ['\u00000\u0000', '\u0000\u00000\u0000', 'x"\u00000\u0000', '\u00001\u0000']) {
      const v = { s, [s]: 1, big: 7n, list: [s, 8n] };
      expect(jsonText(v)).toBe(`{"s":${JSON.stringify(s)},${JSON.stringify(s)}:1,"big":7,"list":[${JSON.stringify(s)},8]}`);
    }
  });

  describe('with BigInt.prototype.toJSON installed by the app (a common work-around writing strings)', () => {
    const proto = BigInt.prototype as { toJSON?: () => string };
    afterEach(() => { delete proto.toJSON; });
    it('still writes the digits, not the string', () => {
      proto.toJSON = function (this: bigint) { return this.toString(); };
      expect(JSON.stringify({ id: 1n })).toBe('{"id":"1"}');
      expect(jsonText({ id: 9223372036854775807n, s: '9223372036854775807', n: [1n] })).toBe('{"id":9223372036854775807,"s":"9223372036854775807","n":[1]}');
      expect(jsonText({ plain: 'x', k: 1 })).toBe('{"plain":"x","k":1}');
    });
  });
});
