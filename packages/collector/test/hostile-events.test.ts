// Issue 17's hostile events: each test is named after the row it guards. What the validator
// accepts, the store stores; a poison event never takes its batch down with it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, SqliteStore, type Collector, type Contract } from '@taxonomy/collector';
import { cleanup, draftCreated, post, rawPost, seedContract, tmp } from './helpers.js';

let contract: Contract;
let store: SqliteStore;
let collector: Collector;
let url: string;

beforeAll(async () => {
  contract = await seedContract();
  store = new SqliteStore(contract.sql, { path: join(tmp(), 'events.sqlite') });
  collector = await createCollector({ contract, store, log: (m) => { if (process.env.DEBUG_LOG) console.error(m); } });
  url = await collector.listen(0);
});
afterAll(async () => {
  await collector?.close();
  cleanup();
});

const stored = (id: string) => store.db.prepare('SELECT event_id, occurred_at FROM events WHERE event_id = ?').get(id) as { event_id: string; occurred_at: number } | undefined;
const nestedJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('issue 17: hostile events', () => {
  it('one event nested 5,000 levels deep in a batch is quarantined alone; the rest of its batch is stored', async () => {
    const good = [draftCreated(), draftCreated()];
    const poison = JSON.stringify(draftCreated()).replace(/^\{/, `{"context":${nestedJson(5000)},`);
    const body = `{"batch":[${JSON.stringify(good[0])},${poison},${JSON.stringify(good[1])}]}`;
    const r = await rawPost(url, body);
    expect(r.status).toBe(200);
    const answer = JSON.parse(r.body);
    expect(answer).toMatchObject({ received: 3, accepted: 2, stored: 2, quarantined: 1 });
    expect(answer.rejected[0]).toMatchObject({ index: 1, errors: [expect.objectContaining({ rule: 'maxDepth' })] });
    for (const g of good) expect(stored(g.id)).toBeDefined();
  });

  it('one event nested 5,000 levels deep in its properties is quarantined alone too', async () => {
    const good = draftCreated();
    const poison = JSON.stringify(draftCreated()).replace('"properties":{', `"properties":{"deep":${nestedJson(5000)},`);
    const r = await rawPost(url, `{"batch":[${poison},${JSON.stringify(good)}]}`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ stored: 1, quarantined: 1 });
    expect(stored(good.id)).toBeDefined();
  });

  it('a leap second (2016-12-31T23:59:60Z) is a valid RFC 3339 timestamp and is stored', async () => {
    for (const timestamp of ['2016-12-31T23:59:60Z', '2017-01-01T08:59:60+09:00', '2016-12-31t23:59:60.5z']) {
      const e = draftCreated({ timestamp });
      expect(contract.validators.validateEvent(e.event, e).ok, timestamp).toBe(true);
      const r = await post(url, { batch: [e] });
      expect(r.body, timestamp).toMatchObject({ stored: 1, quarantined: 0 });
      // The instant the next second starts, as POSIX time counts a leap second.
      expect(stored(e.id)?.occurred_at, timestamp).toBe(Date.UTC(2017, 0, 1) + (timestamp.includes('.5') ? 500 : 0));
    }
  });

  it('a +09 offset is not RFC 3339 and the validator refuses it (so does the collector)', async () => {
    for (const timestamp of ['2026-01-15T10:00:00+09', '2026-01-15T10:00:00+0900', '2026-01-15 10:00:00Z']) {
      const e = draftCreated({ timestamp });
      const v = contract.validators.validateEvent(e.event, e);
      expect(v.ok, timestamp).toBe(false);
      const r = await post(url, { batch: [e] });
      expect(r.body, timestamp).toMatchObject({ stored: 0, quarantined: 1 });
      expect(r.body.rejected[0].errors[0]).toMatchObject({ rule: 'format' });
    }
  });

  it('context holding an array of 110,000 zeros (220 KB of JSON) is within the 1,000,000-character limit and stored', async () => {
    const e = { ...draftCreated(), context: { zeros: new Array(110_000).fill(0) } };
    expect(JSON.stringify(e).length).toBeLessThan(250_000);
    const r = await post(url, { batch: [e] });
    expect(r.body).toMatchObject({ stored: 1, quarantined: 0 });
    // …while a payload JSON really writes past the limit is still refused.
    const big = { ...draftCreated(), context: { zeros: new Array(600_000).fill(0) } };
    expect(contract.validators.validateEvent(big.event, big)).toMatchObject({ ok: false, errors: [expect.objectContaining({ rule: 'maxSize' })] });
  });

  it('59.99999999999999999Z with T and with t get the same verdict, and both are stored', async () => {
    const [upper, lower] = ['2026-01-15T12:59:59.99999999999999999Z', '2026-01-15t12:59:59.99999999999999999z'].map((timestamp) => draftCreated({ timestamp }));
    const verdicts = [upper!, lower!].map((e) => contract.validators.validateEvent(e.event, e).ok);
    expect(verdicts).toEqual([true, true]);
    const r = await post(url, { batch: [upper, lower] });
    expect(r.body).toMatchObject({ stored: 2, quarantined: 0 });
    expect(stored(upper!.id)?.occurred_at).toBe(stored(lower!.id)?.occurred_at);
  });

  it('an event id holding a lone surrogate is quarantined (its bytes would not be UTF-8), not stored as U+FFFD', async () => {
    const e = draftCreated({ id: 'id-\ud800-x' });
    const good = draftCreated();
    const r = await post(url, { batch: [e, good] });
    expect(r.body).toMatchObject({ stored: 1, quarantined: 1 });
    expect(r.body.rejected[0].errors[0].message).toMatch(/id .*lone surrogate|not valid Unicode/);
    expect(store.db.prepare("SELECT count(*) AS n FROM events WHERE event_id LIKE 'id-%'").get()).toEqual({ n: 0 });
    const q = store.db.prepare('SELECT payload FROM events_quarantine ORDER BY rowid DESC LIMIT 1').get() as { payload: string };
    expect(JSON.parse(q.payload).id).toBe('id-\ud800-x');
  });
});

describe('the quarantine keeps a payload too deep for JSON.stringify whole', () => {
  it('writes what JSON.stringify writes, on random JSON data', async () => {
    const fc = (await import('fast-check')).default;
    const { stringifyIteratively } = await import('../src/stringify.js');
    fc.assert(fc.property(fc.jsonValue(), (v) => { expect(stringifyIteratively(v)).toBe(JSON.stringify(v)); }), { numRuns: 2000, seed: 17 });
    expect(stringifyIteratively({ a: undefined, b: [undefined, 1], c: 'x\ud800' })).toBe(JSON.stringify({ a: undefined, b: [undefined, 1], c: 'x\ud800' }));
    const deep = JSON.parse(nestedJson(100_000));
    expect(stringifyIteratively(deep)).toBe(nestedJson(100_000));
  });
});
