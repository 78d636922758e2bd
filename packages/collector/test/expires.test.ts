// Issue 19, lifecycle: an event past its taxonomy `expires:` day is disabled. The trackers drop
// it; the collector quarantines what still arrives (rule `expired`), counted by that reason.
// The day is the one the collector receives the event (UTC): live through its expiry day.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, loadContract, replayQuarantine, SqliteStore, type Collector, type Contract } from '@taxonomy/collector';
import { cleanup, generate, post, seedContract, tmp, writeTaxonomy } from './helpers.js';

const base = {
  'taxonomy.yaml': 'name: shop\nversion: 1.0.0\n',
  'privacy.yaml': 'classes:\n  internal:\n    description: Internal.\n    sensitivity: 1\n',
  'categories.yaml': 'categories:\n  orders:\n    description: Orders.\n',
};
const domain = (expires: string) => `domain: shop
naming: dot.snake
property_naming: snake
events:
  shop.order_placed:
    description: An order was placed.
    trigger: The customer confirms the order.
    category: orders
    properties:
      order_id: { type: string, required: true, privacy: internal }
  shop.banner_seen:
    description: The spring banner was shown.
    trigger: The banner rendered.
    category: orders
    expires: ${expires}
    properties:
      banner_id: { type: string, required: true, privacy: internal }
`;

const order = (id: string) => ({ event: 'shop.order_placed', id, timestamp: '2026-03-01T12:00:00.000Z', properties: { order_id: id } });
const banner = (id: string) => ({ event: 'shop.banner_seen', id, timestamp: '2026-03-01T12:00:00.000Z', properties: { banner_id: id } });

let root: string;
let contract: Contract;
beforeAll(async () => {
  root = tmp('collector-expires-');
  writeTaxonomy(root, { ...base, 'domains/shop.yaml': domain('2026-03-01') });
  await generate(root, 'validators,sql');
  contract = await loadContract({ validators: join(root, 'packages/validators'), sql: join(root, 'packages/sql') });
}, 120_000);

let open: Collector[] = [];
afterEach(async () => { for (const c of open.splice(0)) await c.close(); });

/** A collector on its own SQLite file whose clock reads `now` (ms, UTC) when a request arrives. */
async function start(now: number, c = contract, db = join(tmp(), 'events.sqlite')) {
  const store = new SqliteStore(c.sql, { path: db });
  const collector = await createCollector({ contract: c, store, log: () => undefined, now: () => now });
  open.push(collector);
  const url = await collector.listen(0, '127.0.0.1');
  const stored = () => (store.db.prepare('SELECT event_id FROM events ORDER BY event_id').all() as { event_id: string }[]).map((r) => r.event_id);
  const quarantined = () => (store.db.prepare('SELECT event_id, event_name, received_at, errors FROM events_quarantine ORDER BY event_id').all() as { event_id: string; event_name: string; received_at: number; errors: string }[]);
  return { url, store, collector, stored, quarantined, db };
}

describe('the generated validators carry expires: only when an event sets it', () => {
  it('exports the table of expiring events (and declares it)', () => {
    expect(contract.validators.expires).toEqual({ 'shop.banner_seen': '2026-03-01' });
    expect(readFileSync(join(root, 'packages/validators/index.d.ts'), 'utf8')).toContain('export declare const expires: { readonly [event in EventName]?: string };');
  });

  it('a taxonomy without expires: (the seed) gets no expires export', async () => {
    const seed = await seedContract();
    expect('expires' in seed.validators).toBe(false);
  });
});

describe('the collector quarantines events received after their expiry day', () => {
  it('a batch of a live and an expired event: the live one is stored, the expired one quarantined with the reason and counted', async () => {
    // 2026-03-02T00:00:00Z is the first instant of the day after the expiry day.
    const c = await start(Date.UTC(2026, 2, 2, 0, 0, 0, 0));
    const r = await post(c.url, { batch: [order('o-1'), banner('b-1')] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 2, stored: 1, quarantined: 1 });
    expect(r.body.rejected).toHaveLength(1);
    expect(r.body.rejected[0]).toMatchObject({ index: 1, event: 'shop.banner_seen', id: 'b-1' });
    expect(c.stored()).toEqual(['o-1']);
    const q = c.quarantined();
    expect(q.map((row) => [row.event_id, row.event_name, Number(row.received_at)])).toEqual([['b-1', 'shop.banner_seen', Date.UTC(2026, 2, 2)]]);
    const errors = JSON.parse(q[0]!.errors) as { rule: string; path: string; message: string; expected: string; actual: string }[];
    expect(errors).toEqual([{
      path: '/event', rule: 'expired',
      expected: 'an event received on or before its expiry day 2026-03-01 (UTC)',
      actual: 'received on 2026-03-02 (UTC)',
      message: "event 'shop.banner_seen' expired on 2026-03-01 (taxonomy expires:) and was received on 2026-03-02; it is disabled. Renew its expires: date in the taxonomy and run `taxonomy generate` (then `taxonomy replay-quarantine` stores what was quarantined), or stop sending it",
    }]);
    expect(r.body.rejected[0].errors).toEqual(errors);
    const metrics = await c.collector.metrics.registry.metrics();
    expect(metrics).toMatch(/collector_events_rejected_total\{reason="expired"\} 1\n/);
    expect(metrics).toMatch(/collector_events_accepted_total 1\n/);
  });

  it('an event expiring today is accepted, through the last millisecond of the day (UTC)', async () => {
    for (const [at, id] of [[Date.UTC(2026, 2, 1, 0, 0, 0, 0), 'b-start'], [Date.UTC(2026, 2, 1, 23, 59, 59, 999), 'b-end']] as const) {
      const c = await start(at);
      const r = await post(c.url, { batch: [banner(id), order(`o-${id}`)] });
      expect(r.body).toMatchObject({ stored: 2, quarantined: 0 });
      expect(c.stored()).toEqual([id, `o-${id}`]);
      expect(await c.collector.metrics.registry.metrics()).not.toMatch(/reason="expired"/);
    }
  });

  it('an expired event that is also invalid is quarantined as expired, its validation errors listed after', async () => {
    const c = await start(Date.UTC(2026, 5, 1));
    const r = await post(c.url, { batch: [{ event: 'shop.banner_seen', id: 'b-bad', properties: {} }] });
    expect(r.body).toMatchObject({ stored: 0, quarantined: 1 });
    expect(r.body.rejected[0].errors.map((e: { rule: string }) => e.rule)).toEqual(['expired', 'required']);
    expect(r.body.rejected[0].errors[0].actual).toBe('received on 2026-06-01 (UTC)');
    expect(await c.collector.metrics.registry.metrics()).toMatch(/collector_events_rejected_total\{reason="expired"\} 1\n/);
  });

  it('renewed in the taxonomy and regenerated, replay-quarantine stores it (judged by the day it was received)', async () => {
    const dir = tmp('collector-expires-renew-');
    writeTaxonomy(dir, { ...base, 'domains/shop.yaml': domain('2026-03-01') });
    await generate(dir, 'validators,sql');
    const v1 = await loadContract({ validators: join(dir, 'packages/validators'), sql: join(dir, 'packages/sql') });
    const c = await start(Date.UTC(2026, 2, 10), v1);
    await post(c.url, { batch: [banner('b-late')] });
    expect(c.quarantined().map((row) => row.event_id)).toEqual(['b-late']);

    // Still expired under the same taxonomy: replay keeps it.
    expect(await replayQuarantine(c.store, v1)).toMatchObject({ examined: 1, moved: 0, stillInvalid: 1 });
    // Renewed to a day after it was received (2026-03-10): replay moves it.
    writeTaxonomy(dir, { 'domains/shop.yaml': domain('2026-03-10') });
    await generate(dir, 'validators,sql');
    const v2 = await loadContract({ validators: join(dir, 'packages/validators'), sql: join(dir, 'packages/sql') });
    expect(v2.validators.expires).toEqual({ 'shop.banner_seen': '2026-03-10' });
    expect(await replayQuarantine(c.store, v2)).toMatchObject({ examined: 1, moved: 1, stillInvalid: 0 });
    expect(c.stored()).toEqual(['b-late']);
  }, 120_000);

  it('a validators package whose expires is not a table of dates is a setup error naming it', async () => {
    const dir = tmp('collector-expires-bad-');
    writeFileSync(join(dir, 'index.js'), "export const validateEvent = () => ({ ok: true, event: {} });\nexport const expires = { 'shop.banner_seen': 'next spring' };\n");
    await expect(loadContract({ validators: dir, sql: join(root, 'packages/sql') })).rejects.toThrow(/exports an `expires` that is not a map of event names to YYYY-MM-DD dates; regenerate it/);
  });
});

afterAll(() => cleanup());
