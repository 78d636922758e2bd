// Several live versions of one event: the version on the wire picks the shape it is
// checked against; an unknown version is refused with the live ones named.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { generateAndImport, type Result, type ValidatorsModule } from './helpers.js';

const fixture = join(import.meta.dirname, '../../../packages/core/test/fixtures/60-versions-clean');
const model = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;
let v: ValidatorsModule;
beforeAll(async () => { v = (await generateAndImport(model)).mod; }, 60_000);

const S = { sessionId: 's1', orderId: 'o1' };
const v1 = { sessionId: 's1', orderId: 7, totalCents: 1250, items: 2 };
const v2 = { ...S, total: { amount: 12.5, currency: 'EUR' } };
const v3 = { ...v2, items: 2, coupon: 'X' };
const errorsOf = (r: Result) => (r.ok ? [] : r.errors);

describe('validators: every live version by the version on the wire', () => {
  it.each([
    ['version 1, its own shape', { version: 1, properties: v1 }, 1],
    ['version 2, its own shape (items optional there)', { version: 2, properties: v2 }, 2],
    ['version 3 named', { version: 3, properties: v3 }, 3],
    ['no version: the newest', { properties: v3 }, 3],
  ])('accepts %s', (_t, payload, version) => {
    const r = v.validateEvent('order_completed', payload);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, event: { event: 'order_completed', version, properties: payload.properties } });
  });

  it.each([
    ['a version 1 payload sent as version 3', { version: 3, properties: v1 }, '/properties'],
    ['a version 3 payload sent as version 1', { version: 1, properties: v3 }, '/properties'],
    ['version 2 without its required total', { version: 2, properties: S }, '/properties/total'],
  ])('refuses %s, checked against the version it names', (_t, payload, path) => {
    const errors = errorsOf(v.validateEvent('order_completed', payload));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.path.startsWith(path)), JSON.stringify(errors)).toBe(true);
  });

  it('names the properties of the version it checks in did-you-mean', () => {
    const errors = errorsOf(v.validateEvent('order_completed', { version: 1, properties: { ...v1, totalCent: 1 } }));
    expect(errors.map((e) => e.message)).toContain("properties.totalCent is not a property of order_completed (did you mean 'totalCents'?); got 1. Remove it, or add it to the event in the taxonomy");
  });

  it.each([
    [4, 'version must be one of 1, 2, 3 (the live versions of order_completed); got 4: newer than these validators, regenerate them'],
    [0, 'version must be one of 1, 2, 3 (the live versions of order_completed); got 0: an old version, which these validators no longer accept; send the current shape'],
    ['2', "version must be one of 1, 2, 3 (the live versions of order_completed); got '2'"],
  ])('refuses an unknown version %s with the live ones named', (version, message) => {
    const errors = errorsOf(v.validateEvent('order_completed', { version, properties: v3 }));
    expect(errors[0]).toMatchObject({ path: '/version', rule: 'version', message });
    expect(errors[0]!.expected).toBe('one of 1, 2, 3 (the live versions of order_completed; leave it out to mean the newest, 3)');
  });

  it('lists every live version in events', () => {
    expect(v.events).toEqual([
      { name: 'cart_viewed', version: 1, domain: 'shop', versions: [1] },
      { name: 'order_completed', version: 3, domain: 'shop', versions: [1, 2, 3] },
    ]);
  });
});
