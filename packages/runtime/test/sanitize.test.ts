import { describe, expect, it } from 'vitest';
import { CIRCULAR, DEFAULT_SENSITIVE_KEYS, REDACTED, keepTrie, keyWords, sanitize, sensitiveMatcher } from '@taxonomy/runtime';

const sensitive = sensitiveMatcher(DEFAULT_SENSITIVE_KEYS);

describe('sensitive keys', () => {
  it.each([
    ['token', true], ['Token', true], ['accessToken', true], ['refresh_token', true], ['x-api-key', true], ['apiKey', true],
    ['API_KEY', true], ['apikey', true], ['clientSecret', true], ['password', true], ['passwordHash', true], ['Authorization', true],
    ['credential', true], ['credentials', true], ['cookie', true], ['Set-Cookie', true], ['cookies', true],
    // whole words only: counts and look-alikes are data, not secrets
    ['tokens_used', false], ['tokenizer', false], ['secretary', false], ['keyboard', false], ['api', false], ['authorizationMode', true],
    ['sessionId', false], ['user_id', false], ['passwordless', false],
  ])('%s → %s', (key, expected) => {
    expect(sensitive(key)).toBe(expected);
  });

  it('splits keys into words whatever the convention', () => {
    expect(keyWords('xApiKey')).toEqual(['x', 'api', 'key']);
    expect(keyWords('X_API_KEY')).toEqual(['x', 'api', 'key']);
    expect(keyWords('x-api-key')).toEqual(['x', 'api', 'key']);
  });

  it('uses the taxonomy list when given one', () => {
    const m = sensitiveMatcher(['sessionId']);
    expect(m('session_id')).toBe(true);
    expect(m('token')).toBe(false);
  });
});

describe('sanitize', () => {
  it('redacts sensitive keys at any depth, in objects and arrays, without touching the input', () => {
    const input = { a: 1, token: 'abc', nested: { deeper: [{ password: 'p', ok: 'yes' }], Authorization: 'Bearer x' } };
    const out = sanitize(input, sensitive, 1e6) as typeof input;
    expect(out).toEqual({ a: 1, token: REDACTED, nested: { deeper: [{ password: REDACTED, ok: 'yes' }], Authorization: REDACTED } });
    expect(input.token).toBe('abc');
    expect(input.nested.deeper[0]!.password).toBe('p');
  });

  it('exempts declared paths the taxonomy classifies as data (input_tokens), and only those', () => {
    const keep = keepTrie([['metadata', 'input_tokens'], ['items', '*', 'token']]);
    const out = sanitize({ metadata: { input_tokens: 12, access_token: 'x' }, items: [{ token: 'kept' }], input_tokens: 3 }, sensitive, 1e6, undefined, keep);
    expect(out).toEqual({ metadata: { input_tokens: 12, access_token: REDACTED }, items: [{ token: 'kept' }], input_tokens: REDACTED });
  });

  it('replaces cycles with a marker and keeps shared (non-cyclic) references', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    const shared = { x: 1 };
    const out = sanitize({ a, left: shared, right: shared, list: [a] }, sensitive, 1e6) as any;
    expect(out.a.self).toBe(CIRCULAR);
    expect(out.list[0].self).toBe(CIRCULAR);
    expect(out.left).toEqual({ x: 1 });
    expect(out.right).toEqual({ x: 1 });
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('turns values JSON cannot hold into JSON ones, and keeps a bigint exact (jsonText writes its digits)', () => {
    const out = sanitize({ big: 12345678901234567890n, nan: NaN, inf: Infinity, fn: () => 1, sym: Symbol('s'), undef: undefined, date: new Date(0), arr: [undefined, () => 1] }, sensitive, 1e6);
    expect(out).toEqual({ big: 12345678901234567890n, nan: null, inf: null, date: '1970-01-01T00:00:00.000Z', arr: [null, null] });
  });

  it('keeps a __proto__ key as data and never pollutes prototypes', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const out = sanitize(input, sensitive, 1e6) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true},"ok":1}');
  });

  it('caps depth', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const out = JSON.stringify(sanitize(deep, sensitive, 1e9));
    expect(out).toContain('[Truncated]');
    expect(out.length).toBeLessThan(1000);
  });

  it('stops walking as soon as the size budget is passed (a 5 MB string, a million-element array)', () => {
    expect(() => sanitize({ s: 'x'.repeat(5_000_000) }, sensitive, 60_000)).toThrow();
    const t = performance.now();
    expect(() => sanitize({ a: new Array(1_000_000).fill(1) }, sensitive, 60_000)).toThrow();
    // bounded work: it gave up after ~60 000 characters' worth, not a million elements
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('reports a throwing getter or toJSON as unserializable', () => {
    const getter = Object.defineProperty({}, 'boom', { enumerable: true, get() { throw new Error('nope'); } });
    expect(() => sanitize(getter, sensitive, 1e6)).toThrow(/reading 'boom' threw/);
    expect(() => sanitize({ x: { toJSON() { throw new Error('bad'); } } }, sensitive, 1e6)).toThrow(/toJSON threw/);
  });
});
