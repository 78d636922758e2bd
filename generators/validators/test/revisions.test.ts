// Earlier SchemaVer revisions of a model (`revisions:`): an event of version M is accepted when
// it matches M or any earlier revision of M; when none matches, the errors are the newest
// revision's, and say that the earlier ones were tried too. Hand-written payloads: one only
// 2-0-0 accepts (the REVISION 2-1-0 capped the total), one only 2-1-0 accepts (a property
// 2-0-0 did not have), and one no revision accepts.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { generateAndImport, type Result, type ValidatorsModule } from './helpers.js';

const fixture = join(import.meta.dirname, 'fixtures/revisions');
const model = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;
let v: ValidatorsModule;
beforeAll(async () => { v = (await generateAndImport(model)).mod; }, 60_000);

const base = { sessionId: 's1', orderId: 'o1' };
const only200 = { ...base, total: 50_000, giftNote: 'for you' };
const only210 = { ...base, total: 20, channel: 'app' };
const none = { ...base, total: 2_000_000 };
const errorsOf = (r: Result) => (r.ok ? [] : r.errors);

describe('validators: a version or any earlier revision of it', () => {
  it.each([
    ['only 2-0-0 accepts (2-1-0 capped the total)', {}, only200],
    ['only 2-0-0 accepts, version named', { version: 2 }, only200],
    ['only 2-1-0 accepts (channel is new in 2-1-0)', {}, only210],
    ['both accept', { version: 2 }, { ...base, total: 5 }],
  ])('accepts a payload %s', (_t, extra, properties) => {
    const r = v.validateEvent('order_completed', { ...extra, properties });
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, event: { event: 'order_completed', version: 2, properties } });
  });

  it('accepts an earlier revision of an older model by the version on the wire, and not without it', () => {
    const v100 = { sessionId: 's1', orderId: 7, totalCents: 10 };
    expect(v.validateEvent('order_completed', { version: 1, properties: v100 }).ok).toBe(true);
    expect(v.validateEvent('order_completed', { version: 1, properties: { ...v100, coupon: 'X' } }).ok).toBe(true);
    expect(v.validateEvent('order_completed', { properties: v100 }).ok).toBe(false);
  });

  it('accepts an earlier revision whose property had another type (cart_viewed 1-0-0: a numeric source)', () => {
    expect(v.validateEvent('cart_viewed', { properties: { sessionId: 's', source: 42 } }).ok).toBe(true);
    expect(v.validateEvent('cart_viewed', { properties: { sessionId: 's', source: 'ad' } }).ok).toBe(true);
  });

  it("refuses a payload no revision accepts with the newest revision's error, saying the earlier ones were tried", () => {
    const errors = errorsOf(v.validateEvent('order_completed', { properties: none }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: '/properties/total', rule: 'maximum' });
    expect(errors[0]!.message).toMatch(/^properties\.total must be at most 10000/);
    expect(errors[0]!.message).toContain('(checked against 2-1-0, the newest revision of version 2; its earlier revision 2-0-0 refuses it too)');
  });

  it('reports both the newest revision\'s errors when a payload mixes the revisions, and leaves other versions\' messages alone', () => {
    const errors = errorsOf(v.validateEvent('order_completed', { properties: { ...only200, channel: 'web' } }));
    expect(errors.map((e) => e.path).sort()).toEqual(['/properties/giftNote', '/properties/total']);
    expect(errors.every((e) => e.message.includes('refuses it too'))).toBe(true);
    const older = errorsOf(v.validateEvent('order_completed', { version: 1, properties: { sessionId: 's', orderId: 7, totalCents: -1 } }));
    expect(older.map((e) => e.message)).toEqual(['properties.totalCents must be at least 0; got -1 (checked against 1-0-1, the newest revision of version 1; its earlier revision 1-0-0 refuses it too)']);
  });

  it('an envelope error is not attributed to the revisions', () => {
    const errors = errorsOf(v.validateEvent('order_completed', { id: '', properties: none }));
    const env = errors.find((e) => e.path === '/id')!;
    expect(env.message).not.toContain('revision');
    expect(errors.find((e) => e.path === '/properties/total')!.message).toContain('refuses it too');
  });
});
