// Seed 001 through the whole path: the generated tracker (httpSink) sends to a real collector on
// loopback, which validates with the generated validators. The tracker's normalised currency
// (usd -> USD) is stored; what a client sends without the tracker's checks (a lower-case code,
// US, USDX, a CSAT score above its maxScore) is quarantined with the rule and the property.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracker } from '@acme-analytics/tracker';
import { httpSink } from '@taxonomy/runtime';
import { createCollector, SqliteStore, type Collector } from '@taxonomy/collector';
import { cleanup, post, seedContract, tmp } from './helpers.js';

let collector: Collector;
let store: SqliteStore;
let url: string;
beforeAll(async () => {
  const contract = await seedContract();
  store = new SqliteStore(contract.sql, { path: join(tmp('collector-seed001-'), 'events.sqlite') });
  collector = await createCollector({ contract, store, log: () => undefined });
  url = await collector.listen(0, '127.0.0.1');
}, 120_000);
afterAll(async () => { await collector?.close(); cleanup(); });

const stored = (event: string) => store.db.prepare('SELECT event_id, properties FROM events WHERE event_name = ? ORDER BY event_id').all(event) as { event_id: string; properties: string }[];
const quarantined = (id: string) => store.db.prepare('SELECT errors FROM events_quarantine WHERE event_id = ?').get(id) as { errors: string } | undefined;
const at = '2026-03-02T10:00:00.000Z';
const raw = (id: string, event: string, props: Record<string, unknown>) => ({ event, version: 1, id, timestamp: at, properties: { sessionId: 's1', timestamp: at, ...props } });

describe('seed 001 values, tracker to collector', () => {
  it('currency usd tracked -> USD stored; usd, US, USDX sent raw -> quarantined on /properties/currency', async () => {
    const tracker = createTracker({ sink: httpSink({ url: `${url}/v1/batch` }), environment: 'production', globals: { sessionId: 's1' }, logger: { warn: () => undefined } });
    tracker.chatSdk.purchaseCompleted({ orderId: 'o1', revenue: 12.5, currency: 'usd' });
    const stats = await tracker.shutdown(10_000);
    expect(stats.delivered).toBe(1);
    const rows = stored('purchase_completed');
    expect(rows.map((r) => JSON.parse(r.properties).currency)).toEqual(['USD']);

    const r = await post(url, { batch: [raw('c-usd', 'purchase_completed', { orderId: 'o2', revenue: 1, currency: 'usd' }),
      raw('c-us', 'purchase_completed', { orderId: 'o3', revenue: 1, currency: 'US' }), raw('c-usdx', 'purchase_completed', { orderId: 'o4', revenue: 1, currency: 'USDX' })] });
    expect(r.status).toBeLessThan(500);
    for (const id of ['c-usd', 'c-us', 'c-usdx']) {
      const q = quarantined(id);
      expect(q, id).toBeDefined();
      expect(q!.errors).toContain('/properties/currency');
    }
    expect(stored('purchase_completed')).toHaveLength(1);
  });

  it('a CSAT score above its maxScore sent raw is quarantined with the bound; within it, stored', async () => {
    await post(url, { batch: [raw('csat-bad', 'csat_submitted', { score: 6, maxScore: 5 }), raw('csat-ok', 'csat_submitted', { score: 5, maxScore: 5 })] });
    expect(quarantined('csat-bad')?.errors).toContain('properties.score must be at most 5; got 6');
    expect(stored('csat_submitted').map((r) => r.event_id)).toEqual(['csat-ok']);
  });
});
