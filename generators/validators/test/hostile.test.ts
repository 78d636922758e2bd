// Hostile payloads: each gets a clear error, never an exception, never prototype
// pollution, and in bounded time (a generous bound: this is a sanity check that nothing
// scans without limit, not a benchmark).
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAndImport, loadMini, type Result, type ValidatorsModule } from './helpers.js';

let v: ValidatorsModule;
beforeAll(async () => { v = (await generateAndImport(loadMini())).mod; }, 60_000);

const SID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const props = { org_id: '42', sessionId: SID, source: 'chat' };
const TEN_MB = 10 * 1024 * 1024;
const BOUND_MS = 2_000;

function nested(levels: number): Record<string, unknown> {
  let o: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) o = { a: o };
  return o;
}

function judge(payload: unknown, name = 'workbench.draft_created'): { result: Result; ms: number } {
  const t = performance.now();
  const result = v.validateEvent(name, payload);
  return { result, ms: performance.now() - t };
}

const circular: Record<string, unknown> = { properties: { ...props } };
(circular.context as unknown) = circular;

describe('hostile payloads', () => {
  it.each([
    ['null', null, "payload must be an object ({ properties: { … } }); got null"],
    ['undefined', undefined, 'payload must be an object ({ properties: { … } }); got nothing'],
    ['a string', '{"properties":{}}', `payload must be an object ({ properties: { … } }); got '{"properties":{}}'`],
    ['a number', 42, 'payload must be an object ({ properties: { … } }); got 42'],
    ['an array', [props], 'payload must be an object ({ properties: { … } }); got an array of 1 item'],
    ['a function', () => props, 'payload must be an object ({ properties: { … } }); got a function'],
  ])('not an object: %s', (_label, payload, message) => {
    const { result } = judge(payload);
    expect(result).toEqual({ ok: false, errors: [{ path: '', rule: 'type', expected: 'an object ({ properties: { … } })', actual: expect.any(String), message }] });
  });

  it.each([
    ['one 10 MB string in a declared property', () => ({ properties: { ...props, detail: { code: 'x'.repeat(TEN_MB) } } })],
    ['one 10 MB string in free-form context', () => ({ properties: props, context: { blob: 'x'.repeat(TEN_MB) } })],
    ['10 MB of JSON with 500,000 keys', () => JSON.parse(`{"properties":${JSON.stringify(props)},"context":{${Array.from({ length: 500_000 }, (_, i) => `"k${i}":"xxxxxxxxx"`).join(',')}}}`)],
    ['a 10 MB key', () => ({ properties: { ...props, ['k'.repeat(TEN_MB)]: 1 } })],
  ])('10 MB: %s', (_label, make) => {
    const payload = make();
    // The bound scales with this machine's speed right now: writing the same payload as JSON,
    // measured in the same run (on a loaded machine both slow down together; validateEvent
    // takes about half the time of JSON.stringify here). A hang or a quadratic walk fails it.
    const t = performance.now();
    JSON.stringify(payload);
    const stringifyMs = performance.now() - t;
    const { result, ms } = judge(payload);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ path: '', rule: 'maxSize', message: 'payload is larger than the limit of 1,000,000 characters (as JSON); send less, or raise the validators generator\'s maxSize option' })] });
    expect(ms).toBeLessThan(Math.max(BOUND_MS, 3 * stringifyMs));
  });

  it.each([
    ['in free-form context', () => ({ properties: props, context: nested(10_000) }), '/context/a/a/a'],
    ['in a declared object', () => ({ properties: { ...props, detail: nested(10_000) } }), '/properties/detail/a/a'],
    ['in an array', () => { let a: unknown[] = []; for (let i = 0; i < 10_000; i++) a = [a]; return { properties: { ...props, tags: a } }; }, '/properties/tags/0/0'],
    ['parsed from JSON text', () => JSON.parse(`{"properties":${JSON.stringify(props)},"context":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`), '/context/a/a'],
  ])('10,000 levels of nesting %s', (_label, make, prefix) => {
    const { result, ms } = judge(make());
    expect(result.ok).toBe(false);
    const [error] = result.ok ? [] : result.errors;
    expect(error).toMatchObject({ rule: 'maxDepth', message: expect.stringMatching(/ nests deeper than 32 levels \(or refers to itself\); flatten it or send it as a string$/) });
    expect(error!.path.startsWith(prefix)).toBe(true);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('a circular payload is a depth error, not a hang', () => {
    const { result, ms } = judge(circular);
    expect(result).toMatchObject({ ok: false, errors: [{ rule: 'maxDepth' }] });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it.each([
    ['in properties', `{"properties":{"org_id":"1","sessionId":"${SID}","source":"chat","__proto__":{"polluted":true}}}`, '/properties/__proto__', "properties.__proto__ is not a property of workbench.draft_created; got an object. Remove it, or add it to the event in the taxonomy"],
    ['in the envelope', `{"__proto__":{"polluted":true},"properties":{"org_id":"1","sessionId":"${SID}","source":"chat"}}`, '/__proto__', '__proto__ is not an event field; got an object. Remove it'],
    ['constructor.prototype', `{"properties":{"org_id":"1","sessionId":"${SID}","source":"chat","constructor":{"prototype":{"polluted":true}}}}`, '/properties/constructor', 'properties.constructor is not a property of workbench.draft_created; got an object. Remove it, or add it to the event in the taxonomy'],
  ])('__proto__ keys (from JSON.parse) %s: refused, nothing polluted', (_label, json, path, message) => {
    const { result } = judge(JSON.parse(json));
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ path, rule: 'additionalProperties', message })] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('an object whose prototype supplies the required keys is not plain JSON data', () => {
    const sneaky = Object.assign(Object.create({ org_id: '1', sessionId: SID }) as object, { source: 'chat' });
    const { result } = judge({ properties: sneaky });
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ path: '/properties', rule: 'json', message: 'properties must be plain JSON data (objects, arrays, strings, numbers, booleans, null); got an object of class Object' })] });
  });

  it.each([
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ['undefined', undefined, 'undefined'],
    ['a function', () => 1, 'a function'],
    ['a Date', new Date(0), null],
  ])('values that are not JSON: %s', (_label, value, actual) => {
    const { result } = judge({ properties: { ...props, nodeCount: value } });
    expect(result.ok).toBe(false);
    const [error] = result.ok ? [] : result.errors;
    expect(error).toMatchObject({ rule: 'json', path: actual === null ? '/properties/nodeCount' : '/properties/nodeCount' });
    if (actual) expect(error!.actual).toBe(actual);
    else expect(error!.message).toContain('an object of class Date');
  });

  it('a bigint is an exact integer (the TypeScript tracker sends its digits), checked as the number it is', () => {
    expect(judge({ properties: { ...props, nodeCount: 3n } }).result.ok).toBe(true);
    const { result } = judge({ properties: { ...props, source: 3n } });
    expect(result).toMatchObject({ ok: false, errors: [{ path: '/properties/source', rule: 'enum', actual: '3' }] });
  });

  it('a number instead of an enum string', () => {
    const { result } = judge({ properties: { ...props, source: 3 } });
    expect(result).toEqual({ ok: false, errors: [{ path: '/properties/source', rule: 'enum', expected: 'one of chat, template, blank', actual: '3', message: 'properties.source must be one of chat, template, blank; got 3' }] });
  });

  it('a valid payload comes back as a copy with no inherited surprises', () => {
    const payload = JSON.parse(`{"properties":{"org_id":"1","sessionId":"${SID}","source":"chat"}}`);
    const { result } = judge(payload);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
      expect(result.event).not.toBe(payload);
    }
  });
});
