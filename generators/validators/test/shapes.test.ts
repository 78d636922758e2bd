// Issue 18.3's shapes in the precompiled validators: for every payload of test/shapes/table.ts
// the generated validateEvent gives the verdict worked out by hand (the JSON Schema test checks
// the same table against the schemas), errors are worded, and an int64 bound compiles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stripAnnotations } from '@taxonomy/gen-validators';
import { shapesModel, verdicts } from '../../../test/shapes/table.js';
import { generateAndImport, type Result, type ValidatorsModule } from './helpers.js';

let v: ValidatorsModule;
let dir: string;
beforeAll(async () => { ({ mod: v, dir } = await generateAndImport(shapesModel())); }, 120_000);
const errorsOf = (r: Result) => (r.ok ? [] : r.errors);

describe('validators: the shapes of issue 18.3', () => {
  it('gives every payload of the table its verdict', () => {
    const wrong = verdicts().filter((c) => v.validateEvent(c.event, { ...(c.version ? { version: c.version } : {}), properties: c.payload }).ok !== c.ok);
    expect(wrong).toEqual([]);
    expect(verdicts().length).toBeGreaterThan(60);
  });

  it('keeps the undeclared keys of an open payload in the valid event', () => {
    const r = v.validateEvent('open_event', { properties: { a: 'x', extra: 's', n_x: 2 } });
    expect(r).toEqual({ ok: true, event: { event: 'open_event', version: 1, properties: { a: 'x', extra: 's', n_x: 2 } } });
  });

  it('an int64 bound becomes the nearest double (ajv compares numbers; JSON.parse gives no more)', () => {
    expect(stripAnnotations({ type: 'integer', maximum: 9223372036854775807n, minimum: -9223372036854775808n })).toEqual({ type: 'integer', maximum: 9223372036854775808, minimum: -9223372036854775808 });
    expect(v.validateEvent('big_ids', { properties: { id: Number.MAX_SAFE_INTEGER } }).ok).toBe(true);
    expect(errorsOf(v.validateEvent('big_ids', { properties: { id: 1e19 } }))).toMatchObject([{ path: '/properties/id', rule: 'maximum', expected: 'at most 9223372036854776000' }]);
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).not.toMatch(/\d+n\b/);
  });

  it('the envelope the TypeScript tracker sends: a bigint is checked as the double JSON.parse reads, and the valid event keeps the bigint', () => {
    // int64's maximum and minimum, as bigints (the tracker) and as the doubles JSON.parse reads from their digits.
    for (const id of [9223372036854775807n, -9223372036854775808n, Number('9223372036854775807'), Number('-9223372036854775808')]) {
      expect(v.validateEvent('big_ids', { properties: { id } }).ok, String(id)).toBe(true);
    }
    expect(v.validateEvent('big_ids', { properties: { id: 9223372036854775807n } })).toEqual({ ok: true, event: { event: 'big_ids', version: 1, properties: { id: 9223372036854775807n } } });
    // Beyond the bound by more than the doubles' spacing there: refused, the error showing the exact value.
    expect(errorsOf(v.validateEvent('big_ids', { properties: { id: 9223372036854777856n } }))).toMatchObject([{ path: '/properties/id', rule: 'maximum', actual: '9223372036854777856' }]);
    expect(v.validateEvent('big_ids', { properties: { id: -9223372036854777857n } }).ok).toBe(false);
    expect(v.validateEvent('big_ids', { properties: { id: 1n, small: -1n } }).ok).toBe(false);
    // The limit (documented): int64's maximum + 1 rounds onto the bound, so the validators accept it; the tracker refuses it exactly.
    expect(v.validateEvent('big_ids', { properties: { id: 9223372036854775808n } }).ok).toBe(true);
  });

  it('the limit of an exclusive bound beyond 2^53 (documented): a valid value that rounds onto its double is refused, as ajv refuses it on the original schema', () => {
    expect(stripAnnotations({ type: 'integer', exclusiveMaximum: 9007199254740993n, minimum: 0 })).toEqual({ type: 'integer', exclusiveMaximum: 9007199254740992, minimum: 0 });
    for (const small of [9007199254740991n, 9007199254740991]) expect(v.validateEvent('big_ids', { properties: { id: 1, small } }).ok, String(small)).toBe(true);
    for (const small of [9007199254740992n, 9007199254740992]) expect(v.validateEvent('big_ids', { properties: { id: 1, small } }).ok, String(small)).toBe(false);
  });

  it.each([
    ['a oneOf no variant matches', 'payment_made', { method: { kind: 'cash' } }, { path: '/properties/method', rule: 'oneOf', message: 'properties.method must be exactly one of its alternatives (none matched); got an object' }],
    ['an anyOf no variant matches', 'type_list', { id: true }, { path: '/properties/id', rule: 'anyOf', message: 'properties.id must be one of its alternatives; got true' }],
    ['a oneOf two variants match', 'score_given', { amount: 3 }, { path: '/properties/amount', rule: 'oneOf', expected: 'exactly one of its alternatives (alternatives 1 and 2 both matched)' }],
    ['too few keys', 'map_sent', { counts: {} }, { path: '/properties/counts', rule: 'minProperties', message: 'properties.counts must be an object of at least 1 key; got an object' }],
    ['too many keys', 'open_event', { a: 'x', b: 'y', c: 'z', d: 'w' }, { path: '/properties', rule: 'maxProperties', expected: 'an object of at most 3 keys' }],
    ['a key requires another', 'coupon_applied', { discount: 1 }, { path: '/properties/coupon', rule: 'dependentRequired', expected: 'present (required when discount is present)', actual: 'nothing' }],
    ['required when a sibling has a value', 'coupon_applied', { plan: 'pro' }, { path: '/properties/seats', rule: 'required', actual: 'nothing' }],
    ['a tuple element of the wrong type', 'tuple_sent', { point: ['1', 2] }, { path: '/properties/point/0', rule: 'type', message: "properties.point[0] must be a number; got '1'" }],
    ['a closed tuple too long', 'tuple_sent', { point: [1, 2, 3] }, { path: '/properties/point', rule: 'maxItems', expected: 'an array of at most 2 items' }],
    ['a tuple\'s further element of the wrong type', 'tuple_sent', { point: [1, 2], pair: ['a', 1, 'x'] }, { path: '/properties/pair/2', rule: 'type', expected: 'a boolean (true or false)' }],
  ])('words %s', (_t, event, properties, error) => {
    const errors = errorsOf(v.validateEvent(event, { properties }));
    expect(errors, JSON.stringify(errors)).toContainEqual(expect.objectContaining(error));
  });

  it('an if/then failure is reported once, as the missing key', () => {
    const errors = errorsOf(v.validateEvent('coupon_applied', { properties: { plan: 'pro' } }));
    expect(errors.map((e) => e.rule)).toEqual(['required']);
  });
});
