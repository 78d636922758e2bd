// Seed 001, Summary metrics: "Every session exposes a computed summary:
// session.getProductAnalyticsSummary()" with messageImpressions, suggestionChipClickThroughRate,
// toolApprovalRate, handoffConversionRate, averageCsatScore, resolutionWithoutEscalationRate,
// purchaseCount, grossMerchandiseValue (Record<currency, total>), averageOrderValue
// (Record<currency, number | null>); "Rates are null when the denominator is zero. v2 lifecycle
// events do not contribute"; maxEvents (default 1000): "Bounded local buffer; oldest evicted first."
// The generated tracker's summary({ sessionId }) is generated from the metrics whose YAML sets
// `summary:`, evaluated over the tracker's own recent events.
import { describe, expect, it } from 'vitest';
import { createTracker, SUMMARY_METRICS } from '@acme-analytics/tracker';
import { METRICS as generatedMetrics } from '@acme-analytics/metrics';
import type { Envelope } from '@taxonomy/runtime';
import { model } from '../seed-metrics/harness.js';

const SEED_FIELDS = ['messageImpressions', 'suggestionChipClickThroughRate', 'toolApprovalRate', 'handoffConversionRate', 'averageCsatScore',
  'resolutionWithoutEscalationRate', 'purchaseCount', 'grossMerchandiseValue', 'averageOrderValue'];

function setup(maxEvents?: number) {
  let session = 's1';
  const sent: Envelope[] = [];
  const tracker = createTracker({ sink: (e) => { sent.push(e); }, environment: 'production', globals: () => ({ sessionId: session }), ...(maxEvents ? { maxEvents } : {}) });
  return { tracker, sent, use: (s: string) => { session = s; } };
}

/** Session s1 of the hand-worked case (and some of s2, which s1's summary must not see). */
function play(t: ReturnType<typeof setup>) {
  const c = t.tracker.chatSdk;
  c.sessionStarted({ resumed: false, identityKind: 'guest' }); // v2 lifecycle: contributes to nothing
  for (const id of ['m1', 'm2', 'm1', 'm3']) c.messageImpression({ messageId: id }); // m1 twice: one impression
  c.suggestionChipClicked({ messageId: 'm1', partId: 'p', chipIndex: 0 });
  c.suggestionChipClicked({ messageId: 'm2', partId: 'p', chipIndex: 1 });
  c.toolApprovalRequested({});
  c.toolApprovalRequested({});
  c.toolApprovalResolved({ approved: true });
  c.toolApprovalResolved({ approved: false });
  c.handoffRequested({});
  c.handoffConverted({});
  c.csatSubmitted({ score: 4, maxScore: 5 });
  c.csatSubmitted({ score: 2, maxScore: 5 });
  c.csatSubmitted({ score: 9, maxScore: 5 }); // refused (score above maxScore): not in the summary
  c.resolutionSubmitted({ resolved: true });
  c.resolutionSubmitted({ resolved: true });
  c.resolutionWithoutEscalation({});
  c.purchaseCompleted({ orderId: 'o1', revenue: 10, currency: 'USD' });
  c.purchaseCompleted({ orderId: 'o2', revenue: 30, currency: 'usd' }); // normalised: same currency
  c.purchaseCompleted({ orderId: 'o3', revenue: 5, currency: 'EUR' });
  t.use('s2');
  c.messageImpression({ messageId: 'm9' });
  c.purchaseCompleted({ orderId: 'o9', revenue: 100, currency: 'USD' });
  c.csatSubmitted({ score: 1, maxScore: 5 });
  t.use('s1');
}

describe('seed 001: the per-session summary (getProductAnalyticsSummary)', () => {
  it('has exactly the seed\'s fields, each from a metric of the taxonomy', () => {
    expect(SUMMARY_METRICS.map((s) => s.field).sort()).toEqual([...SEED_FIELDS].sort());
    for (const s of SUMMARY_METRICS) expect(model.metrics.find((m) => m.name === s.metric)?.summary).toBe(s.field);
  });

  it('one session, worked by hand, read right after tracking (no flush needed)', () => {
    const t = setup();
    play(t);
    expect(t.tracker.summary({ sessionId: 's1' })).toEqual({
      messageImpressions: 3, // m1, m2, m3
      suggestionChipClickThroughRate: 2 / 3, // 2 clicks / 3 impressions
      toolApprovalRate: 0.5, // 1 granted / 2 requested
      handoffConversionRate: 1, // 1 converted / 1 requested
      averageCsatScore: 3, // (4 + 2) / 2; the refused 9 is not there
      resolutionWithoutEscalationRate: 0.5, // 1 / 2 resolutions
      purchaseCount: 3,
      grossMerchandiseValue: { EUR: 5, USD: 40 }, // never summed across currencies
      averageOrderValue: { EUR: 5, USD: 20 },
    });
  });

  it('a session with nothing: counts are 0, rates and averages null, per-currency maps empty', () => {
    const t = setup();
    play(t);
    expect(t.tracker.summary({ sessionId: 's3' })).toEqual({
      messageImpressions: 0, suggestionChipClickThroughRate: null, toolApprovalRate: null, handoffConversionRate: null, averageCsatScore: null,
      resolutionWithoutEscalationRate: null, purchaseCount: 0, grossMerchandiseValue: {}, averageOrderValue: {},
    });
  });

  it('bounded by maxEvents: the oldest events are evicted first', async () => {
    const t = setup(2);
    const c = t.tracker.chatSdk;
    c.purchaseCompleted({ orderId: 'o1', revenue: 10, currency: 'USD' });
    c.purchaseCompleted({ orderId: 'o2', revenue: 20, currency: 'USD' });
    c.purchaseCompleted({ orderId: 'o3', revenue: 30, currency: 'USD' });
    const s = t.tracker.summary({ sessionId: 's1' });
    expect([s.purchaseCount, s.grossMerchandiseValue]).toEqual([2, { USD: 50 }]); // o1 evicted
    await t.tracker.flush(1000);
    expect(t.sent).toHaveLength(3); // eviction from the summary buffer loses nothing that is sent
  });

  it('agrees with the generated metric functions over the same session\'s events', async () => {
    const t = setup();
    play(t);
    await t.tracker.flush(1000);
    const s1 = t.sent.filter((e) => e.properties.sessionId === 's1');
    const summary = t.tracker.summary({ sessionId: 's1' }) as Record<string, unknown>;
    const fns = generatedMetrics as unknown as Record<string, (ev: unknown[], o: object) => Record<string, unknown>[]>;
    for (const spec of SUMMARY_METRICS) {
      const rows = fns[spec.metric]!(s1, { asOf: '2999-01-01T00:00:00Z' });
      const expected = spec.groupBy ? Object.fromEntries(rows.map((r) => [String(r[spec.groupBy!]), r.value])) : rows[0]?.value;
      expect([spec.field, summary[spec.field]]).toEqual([spec.field, expected]);
    }
  });
});
