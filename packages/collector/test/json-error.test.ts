import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonError } from '../src/json-error.js';

describe('findJsonError: where a JSON body goes wrong', () => {
  it.each([
    ['{"a": 1', 1, 8, "',' or '}'", 'the end of the body'],
    ['{"a" 1}', 1, 6, "':'", "'1'"],
    ['[1, 2,]', 1, 7, 'a value (object, array, string, number, true, false or null)', "']'"],
    ['{"a": tru}', 1, 7, 'a value (object, array, string, number, true, false or null)', "'t'"],
    ['{"a": "x\ny"}', 1, 9, 'no control character inside a string (escape it)', 'U+000A'],
    ['"\\q"', 1, 3, 'an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)', "'q'"],
    ['"\\u12"', 1, 4, '4 hex digits after \\u', "'1'"],
    ['{}\n{}', 2, 1, 'the end of the body (one JSON value only)', "'{'"],
    ['01', 1, 2, 'the end of the body (one JSON value only)', "'1'"],
    ['{\n  "batch": [\n    {"event": "x",}\n  ]\n}', 3, 19, 'a property name in double quotes', "'}'"],
  ])('%j → line %i column %i', (text, line, column, expected, found) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonError(text)).toMatchObject({ line, column, expected, found });
  });

  it('accepts everything JSON.stringify writes', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => findJsonError(JSON.stringify(v, null, 1)) === undefined), { numRuns: 500 });
  });

  it('agrees with JSON.parse on arbitrary and on damaged JSON', () => {
    const damaged = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '\\', 'x', '\n', '{', '[')).map(([t, n, c]) => {
      const at = n % (t.length + 1);
      return t.slice(0, at) + c + t.slice(at + (n % 2));
    });
    fc.assert(fc.property(fc.oneof(fc.string(), damaged), (text) => {
      let ok = true;
      try { JSON.parse(text); } catch { ok = false; }
      expect(findJsonError(text) === undefined).toBe(ok);
    }), { numRuns: 3000 });
  });
});
