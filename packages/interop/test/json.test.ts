import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, readJson } from '@taxonomy/interop';

describe('readJson', () => {
  it('reads what JSON.parse reads', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\"", {}], "b": {"c": []}}';
    const d = readJson(text);
    expect(d.value).toEqual(JSON.parse(text));
    expect(d.syntaxError).toBeUndefined();
    expect(d.incomplete.size).toBe(0);
  });

  it('locates members at their key and items at their value, by JSON pointer', () => {
    const d = readJson('{\n  "rules": [\n    {"key": "a"},\n    {"a/b": {"~x": 1}}\n  ]\n}');
    expect(d.positions.get('')).toEqual({ line: 1, column: 1 });
    expect(d.positions.get('/rules')).toEqual({ line: 2, column: 3 });
    expect(d.positions.get('/rules/0')).toEqual({ line: 3, column: 5 });
    expect(d.positions.get('/rules/0/key')).toEqual({ line: 3, column: 6 });
    expect(d.positions.get('/rules/1/a~1b/~0x')).toEqual({ line: 4, column: 14 });
    expect(d.positions.get('/rules/9')).toBeUndefined();
  });

  it('reports duplicate keys with both places and keeps the last value', () => {
    const d = readJson('{"k": 1,\n "k": 2}');
    expect(d.value).toEqual({ k: 2 });
    expect(d.duplicates).toEqual([{ pointer: '/k', position: { line: 2, column: 2 }, message: 'key "k" is written twice in this object (first at 1:2); the last value is kept', hint: 'remove one of them: JSON tools disagree on which one wins' }]);
  });

  it('keeps "__proto__" as data, never as a prototype', () => {
    const v = readJson('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a truncated file', '{"rules": [{"key": "a"}, {"key": "b", "x": [1, 2', { line: 1, column: 49 }, "expected ',' or ']' but found the end of the file", ['', '/rules', '/rules/1', '/rules/1/x'], { rules: [{ key: 'a' }, { key: 'b', x: [1, 2] }] }],
    ['an unterminated string', '{"a": "b', { line: 1, column: 7 }, 'unterminated string (opened at 1:7)', [''], {}],
    ['a trailing comma', '{"a": 1,}', { line: 1, column: 9 }, 'expected a key (a string in double quotes) but found "}"', [''], { a: 1 }],
    ['a comment', '{"a": 1 // no\n}', { line: 1, column: 9 }, "expected ',' or '}' but found \"/\"", [''], { a: 1 }],
    ['garbage after the document', '{} x', { line: 1, column: 4 }, 'unexpected "x" after the end of the document', [], {}],
    ['an empty file', '  \n', { line: 2, column: 1 }, 'the file is empty', [], undefined],
  ])('%s: where, what, and what was read before it', (_n, text, position, message, incomplete, value) => {
    const d = readJson(text);
    expect(d.syntaxError).toMatchObject({ position, message });
    expect(d.syntaxError!.hint).toBeTruthy();
    expect([...d.incomplete]).toEqual(incomplete);
    expect(d.value).toEqual(value);
  });

  it('refuses nesting deeper than it can read, without overflowing the stack', () => {
    const d = readJson('['.repeat(MAX_JSON_DEPTH + 10) + ']'.repeat(MAX_JSON_DEPTH + 10));
    expect(d.syntaxError?.message).toBe(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it('skips a byte-order mark', () => {
    expect(readJson('\uFEFF{"a": 1}').value).toEqual({ a: 1 });
  });
});
