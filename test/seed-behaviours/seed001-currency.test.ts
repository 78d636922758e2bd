// Seed 001, Purchase tracking: "Currency must be an ISO 4217 3-letter code (normalized to
// upper-case)". The taxonomy says it once (purchase_completed.currency has `format: currency`);
// the tracker normalises to upper case and then refuses what is not an ISO 4217 code, and the
// generated validators (which the collector runs on every event it receives) accept exactly the
// ISO 4217 codes in upper case: what a tracker sends, the collector stores.
import { describe, expect, it } from 'vitest';
import { createTracker, currencyCodes } from '@acme-analytics/tracker';
import { validateEvent } from '@acme-analytics/validators';
import { ISO_4217_CODES } from '@taxonomy/core';
import type { Envelope, Logger } from '@taxonomy/runtime';

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (...a: unknown[]) => { lines.push(a.map(String).join(' ')); } };
}

async function purchase(currency: unknown) {
  const log = logger();
  const got: Envelope[] = [];
  const tracker = createTracker({ sink: (e) => { got.push(e); }, logger: log, environment: 'production', globals: { sessionId: 's1' } });
  tracker.chatSdk.purchaseCompleted({ orderId: 'o1', revenue: 10, currency: currency as string });
  const stats = await tracker.flush(1000);
  return { got, stats, log };
}

const wire = (currency: string) => ({ event: 'purchase_completed', version: 1, id: 'e1', timestamp: '2026-01-01T00:00:00.000Z', properties: { sessionId: 's1', timestamp: '2026-01-01T00:00:00.000Z', orderId: 'o1', revenue: 10, currency } });

describe('seed 001: currency is an ISO 4217 code, normalised to upper case', () => {
  it('the tracker normalises `usd` to USD and sends it (the caller\'s object is left alone)', async () => {
    const props = { orderId: 'o1', revenue: 10, currency: 'usd' };
    const got: Envelope[] = [];
    const tracker = createTracker({ sink: (e) => { got.push(e); }, globals: { sessionId: 's1' }, environment: 'production' });
    tracker.chatSdk.purchaseCompleted(props);
    await tracker.flush(1000);
    expect(got.map((e) => e.properties.currency)).toEqual(['USD']);
    expect(props.currency).toBe('usd');
    // What it sent is what the collector's validator accepts.
    expect(validateEvent('purchase_completed', { ...got[0] }).ok).toBe(true);
  });

  it.each([
    ['US', 'not three letters'], ['USDX', 'not three letters'], ['ABC', 'not in the ISO 4217 list'], ['us$', 'not three letters'], ['', 'not three letters'],
  ])('the tracker refuses %j (%s): dropped as invalid, with a warning that says why', async (code, why) => {
    const { got, stats, log } = await purchase(code);
    expect(got).toEqual([]);
    expect(stats.dropped.invalid).toBe(1);
    expect(stats.enqueued).toBe(stats.delivered + stats.droppedTotal + stats.pending);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toContain("event 'purchase_completed' refused: property 'currency' must be an ISO 4217 currency code");
    expect(log.lines[0]).toContain(why);
  });

  it('the tracker refuses a currency that is not a string', async () => {
    const { got, stats } = await purchase(840);
    expect(got).toEqual([]);
    expect(stats.dropped.invalid).toBe(1);
  });

  it.each([['USD', true], ['EUR', true], ['JPY', true], ['usd', false], ['US', false], ['USDX', false], ['ABC', false], ['USD\n', false]])(
    'the generated validator (run by the collector) on %j: ok=%s', (code, ok) => {
      const r = validateEvent('purchase_completed', wire(code));
      expect(r.ok).toBe(ok);
      if (!ok) {
        const [e] = (r as { errors: { path: string; message: string }[] }).errors;
        expect(e!.path).toBe('/properties/currency');
        // The pattern is every ISO 4217 code: the message shows its start, not all 700 characters.
        expect(e!.message).toContain(`got ${JSON.stringify(code).replace(/"/g, "'")}`.replace('\\n', '\n'));
        expect(e!.message.length).toBeLessThan(250);
      }
    });

  it('tracker and validators use the one committed list (not ICU\'s, which varies by version)', () => {
    expect(currencyCodes).toEqual(ISO_4217_CODES);
    expect(ISO_4217_CODES.length).toBeGreaterThan(150);
    expect([...ISO_4217_CODES].sort()).toEqual(ISO_4217_CODES);
    for (const c of ISO_4217_CODES) {
      expect(c).toMatch(/^[A-Z]{3}$/);
      expect(validateEvent('purchase_completed', wire(c)).ok).toBe(true);
    }
  });
});
