// Per-property lifecycle in the resolved model: stability, deprecated (renamed_to), enum members.
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { lifecycleDir, loadLifecycle } from './load.js';

const model = loadLifecycle();
const event = model.events.find((e) => e.name === 'checkout_completed')!;
const prop = (name: string) => event.properties.find((p) => p.name === name)!;

describe('per-property lifecycle in the model', () => {
  it('loads without findings', () => {
    expect(loadTaxonomy(lifecycleDir, { cwd: lifecycleDir }).diagnostics).toEqual([]);
  });

  it.each([
    ['orderId', undefined, undefined],
    ['amount', 'deprecated', { reason: 'Floats lost cents; send amountCents.', since: '2026-01-10' }],
    ['customerRef', 'deprecated', { renamedTo: 'customerId', since: '2026-03-01' }],
    // Inherited from the shared couponCode, whose renamed_to names the shared promoCode: the event's key for it.
    ['coupon', 'deprecated', { renamedTo: 'promo', reason: 'Coupons became promo codes.', since: '2026-02-01', removal: '2026-08-01' }],
    ['paymentMethod', 'experimental', undefined],
    // stability: deprecated alone is a deprecation without details.
    ['referrer', 'deprecated', {}],
  ])('%s: stability %s, deprecated %j', (name, stability, deprecated) => {
    expect(prop(name).stability).toBe(stability);
    expect(prop(name).deprecated).toEqual(deprecated);
  });

  it('keeps enum values plain and their words and lifecycle beside them, inherited through ref', () => {
    expect(prop('tier').enum).toEqual(['free', 'pro', 'team', 'legacy']);
    expect(prop('tier').enumMembers).toEqual([
      { value: 'free' },
      { value: 'pro', description: 'Paid per seat.', stability: 'stable' },
      { value: 'team', description: 'Paid per workspace; replaces pro for teams.', stability: 'experimental' },
      { value: 'legacy', description: 'Plans sold before 2024.', stability: 'deprecated', deprecated: { renamedTo: 'pro', reason: 'Folded into pro.', since: '2026-01-15' } },
    ]);
    expect(prop('paymentMethod').enumMembers?.[2]).toEqual({ value: 'invoice', stability: 'deprecated', deprecated: {} });
  });

  it('a property whose enum values are all plain has no enumMembers', () => {
    const plain = model.events.flatMap((e) => e.properties).filter((p) => p.enum && !p.enumMembers);
    expect(plain).toEqual([]);
    expect(prop('orderId').enumMembers).toBeUndefined();
  });
});
