import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  exportEvents, ingest, PostgresStore, replayQuarantine, retention, StoreError, type Contract, type StoredEvent, type WriteBatch,
} from '@taxonomy/collector';
import { cleanup, draftCreated, seedContract } from './helpers.js';
import { engine, ENGINES, PG_SKIP, PG_URL, type Engine } from './engines.js';

let contract: Contract;
beforeAll(async () => { contract = await seedContract(); });
afterAll(() => cleanup());

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
/** The batch the collector would write for these elements (received now, from a source). */
const batchOf = (elements: unknown[], source: string | null = null, receivedAt = NOW): WriteBatch => ingest(elements, contract, receivedAt, source).batch;
async function all(e: Engine, q = {}): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const x of e.store.exportEvents(q)) out.push(x);
  return out;
}

describe.each(ENGINES.map((n) => [n, n === 'postgres' ? PG_SKIP : ''] as const))('the %s store%s', (name, _why) => {
  let e: Engine;
  const skip = name === 'postgres' && !PG_URL;
  beforeAll(async () => { if (!skip) e = await engine(name, contract); });
  afterAll(async () => { await e?.close(); });

  it.skipIf(skip)('creates its tables idempotently (init twice)', async () => {
    await e.store.init();
    expect(await e.store.count('events')).toBe(0);
  });

  it.skipIf(skip)('stores rows exactly as toEventRow fills them, with the envelope parts beside', async () => {
    const ev = draftCreated({ id: 's-1', timestamp: at(1), context: { app: 'web' } });
    const [r] = await e.store.write([batchOf([ev], 'web')]);
    expect(r).toMatchObject({ stored: 1, duplicates: 0, quarantined: 0 });
    const [got] = await all(e, { events: ['workbench.draft_created'], sinceMs: NOW - 2 * DAY, untilMs: NOW });
    const row = contract.sql.toEventRow(ev, { receivedAt: NOW });
    expect(got).toEqual({ ...row, properties: JSON.parse(row.properties), source: 'web', person: null, context: { app: 'web' }, dimensions: null });
  });

  it.skipIf(skip)('never stores an id twice: across calls, and across batches of one transaction', async () => {
    const a = batchOf([draftCreated({ id: 'dup-1' }), draftCreated({ id: 'dup-2' })]);
    expect(await e.store.write([a])).toEqual([{ stored: 2, duplicates: 0, quarantined: 0 }]);
    expect(await e.store.write([a])).toEqual([{ stored: 0, duplicates: 2, quarantined: 0 }]);
    const b = batchOf([draftCreated({ id: 'dup-3' })]);
    expect(await e.store.write([b, b])).toEqual([{ stored: 1, duplicates: 0, quarantined: 0 }, { stored: 0, duplicates: 1, quarantined: 0 }]);
  });

  it.skipIf(skip)('counts new and duplicate rows in batches larger than one multi-row INSERT (a retry overlapping a batch, repeats inside one)', async () => {
    const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `big-${from + i}`);
    const first = batchOf(ids(0, 150).map((id) => draftCreated({ id })));
    expect(await e.store.write([first])).toEqual([{ stored: 150, duplicates: 0, quarantined: 0 }]);
    // 100 already stored, interleaved with 100 new ones, and one id three times.
    const mixed = ids(50, 250).map((id) => draftCreated({ id }));
    mixed.splice(7, 0, draftCreated({ id: 'big-240' }), draftCreated({ id: 'big-240' }));
    expect(await e.store.write([batchOf(mixed)])).toEqual([{ stored: 100, duplicates: 102, quarantined: 0 }]);
    const stored = (await all(e)).filter((x) => x.event_id.startsWith('big-')).map((x) => x.event_id).sort();
    expect(stored).toEqual(ids(0, 250).sort());
  });

  it.skipIf(skip)('writes an envelope row only with its event\'s first copy, in batches larger than one multi-row INSERT', async () => {
    const evs = Array.from({ length: 130 }, (_, i) => draftCreated({ id: `env-${i}`, context: { n: i } }));
    const before = await e.store.count('envelopes');
    expect(await e.store.write([batchOf(evs, 'web')])).toEqual([{ stored: 130, duplicates: 0, quarantined: 0 }]);
    expect(await e.store.count('envelopes')).toBe(before + 130);
    // The retry comes from another source: the events stay as first stored, with their first source.
    const retry = [...evs.slice(0, 65), draftCreated({ id: 'env-new', context: { n: -1 } })];
    expect(await e.store.write([batchOf(retry, 'other')])).toEqual([{ stored: 1, duplicates: 65, quarantined: 0 }]);
    expect(await e.store.count('envelopes')).toBe(before + 131);
    const got = (await all(e)).filter((x) => x.event_id.startsWith('env-'));
    expect(got.filter((x) => x.source === 'web')).toHaveLength(130);
    expect(got.find((x) => x.event_id === 'env-new')).toMatchObject({ source: 'other', context: { n: -1 } });
  });

  it.skipIf(skip)('stores properties as valid JSON text even for hostile strings (the SQLite table no longer CHECKs json_valid)', async () => {
    const nasty = ['"quoted" \\ back', '\u2028\u2029 line separators', '</script><!--', '\ud83d\ude00 emoji', 'tab\tnew\nline', "'; DROP TABLE events; --"];
    const evs = nasty.map((sessionId, i) => draftCreated({ id: `js-${i}`, properties: { sessionId } }));
    expect((await e.store.write([batchOf(evs)]))[0]!.stored).toBe(nasty.length);
    const got = (await all(e)).filter((x) => x.event_id.startsWith('js-')).sort((a, b) => (a.event_id < b.event_id ? -1 : 1));
    expect(got.map((x) => x.properties.sessionId)).toEqual(nasty);
    if (name.startsWith('sqlite')) {
      const db = (e.store as unknown as { db: { prepare(s: string): { get(): unknown } } }).db;
      expect(db.prepare("SELECT count(*) AS n FROM events WHERE NOT json_valid(properties)").get()).toEqual({ n: 0 });
    }
  });

  it.skipIf(skip)('quarantines by content key: a retried invalid event is kept once', async () => {
    const bad = batchOf([{ event: 'nope', id: 'q-1', properties: {} }]);
    expect((await e.store.write([bad]))[0]!.quarantined).toBe(1);
    expect((await e.store.write([bad]))[0]!.quarantined).toBe(0);
    const page = await e.store.quarantinePage(null, 100);
    expect(page.filter((q) => q.event_id === 'q-1')).toHaveLength(1);
    expect(JSON.parse(page.find((q) => q.event_id === 'q-1')!.payload)).toEqual({ event: 'nope', id: 'q-1', properties: {} });
  });

  it.skipIf(skip)('exports in (occurred_at, id) order across pages, filtered by time and name', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => draftCreated({ id: `p-${String(i).padStart(4, '0')}`, timestamp: at(10 + (i % 7)) }));
    await e.store.write([batchOf(many)]);
    const got = await all(e, { sinceMs: NOW - 17 * DAY, untilMs: NOW - 9 * DAY });
    expect(got).toHaveLength(1200);
    const keys = got.map((x) => [x.occurred_at, x.event_id] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    expect(await all(e, { sinceMs: NOW - 11 * DAY, untilMs: NOW - 9 * DAY })).toHaveLength(many.filter((x) => Date.parse(x.timestamp) >= NOW - 11 * DAY).length);
    expect(await all(e, { events: ['workbench.draft_accepted'] })).toHaveLength(0);
  });

  it.skipIf(skip)('retention: a dry run counts, apply deletes what is older (events, their envelopes, quarantine)', async () => {
    const fresh = await e.store.count('events');
    await e.store.write([batchOf([draftCreated({ id: 'old-1', timestamp: at(200), context: { a: 1 } }), draftCreated({ id: 'old-2', timestamp: at(181) })], null, NOW - 200 * DAY)]);
    await e.store.write([batchOf([{ event: 'nope', id: 'old-q', properties: {} }], null, NOW - 190 * DAY)]);
    const dry = await retention(e.store, { days: 180, apply: false, now: NOW });
    expect(dry).toMatchObject({ applied: false, events: 2, quarantine: 1, cutoff: at(180) });
    expect(await e.store.count('events')).toBe(fresh + 2);
    const done = await retention(e.store, { days: 180, apply: true, now: NOW });
    expect(done).toMatchObject({ applied: true, events: 2, quarantine: 1 });
    expect(await e.store.count('events')).toBe(fresh);
    expect((await all(e)).some((x) => x.event_id.startsWith('old-'))).toBe(false);
    expect((await e.store.quarantinePage(null, 1000)).some((q) => q.event_id === 'old-q')).toBe(false);
    expect(await retention(e.store, { days: 180, apply: true, now: NOW })).toMatchObject({ events: 0, quarantine: 0 });
  });

  it.skipIf(skip)('replay moves now-valid quarantined events (same id, received_at, source) and updates the others', async () => {
    const valid = draftCreated({ id: 'rp-1' });
    // Quarantined by an older, stricter validator: the payload is valid for today's.
    const row = { ...batchOf([{ event: 'nope' }], 'ios').quarantine[0]!, quarantine_key: 'sha256:old', event_id: 'rp-1', payload: JSON.stringify(valid), received_at: NOW - DAY, errors: '[{"rule":"old"}]' };
    const still = batchOf([{ event: 'still.unknown', id: 'rp-2', properties: {} }], 'ios');
    await e.store.write([{ events: [], envelopes: [], quarantine: [row, ...still.quarantine] }]);
    const before = await e.store.count('quarantine');
    const dry = await replayQuarantine(e.store, contract, { dryRun: true });
    expect(dry).toMatchObject({ moved: 1, stillInvalid: before - 1, dryRun: true });
    expect(await e.store.count('quarantine')).toBe(before);
    const r = await replayQuarantine(e.store, contract, { pageSize: 2 });
    expect(r).toMatchObject({ examined: before, moved: 1, stillInvalid: before - 1 });
    expect(await e.store.count('quarantine')).toBe(before - 1);
    const [moved] = (await all(e)).filter((x) => x.event_id === 'rp-1');
    expect(moved).toMatchObject({ received_at: NOW - DAY, source: 'ios', event_name: 'workbench.draft_created' });
    const kept = (await e.store.quarantinePage(null, 1000)).find((q) => q.event_id === 'rp-2')!;
    expect(JSON.parse(kept.errors)[0]).toMatchObject({ rule: 'event', message: expect.stringContaining("unknown event 'still.unknown'") });
  });
});

describe('PostgreSQL refuses some valid JSON: the store says it is this data, not the server', () => {
  let e: Engine;
  beforeAll(async () => { e = await engine('pglite', contract); });
  afterEach(() => undefined);
  afterAll(async () => { await e.close(); });

  it.each([
    ['a NUL character in a property', { draftId: 'a\u0000b' }],
    ['a lone surrogate in a property', { draftId: 'a\ud800b' }],
  ])('%s is a data error (not "unavailable")', async (_name, properties) => {
    const err = await e.store.write([batchOf([draftCreated({ properties })])]).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).unavailable).toBe(false);
    expect((err as StoreError).code).toMatch(/^22/);
  });

  it('a closed database is "unavailable" (retry later)', async () => {
    const db = new PGlite();
    const s = new PostgresStore(contract.sql, db);
    await s.init();
    await db.close();
    const err = await s.write([batchOf([draftCreated()])]).catch((x: unknown) => x);
    expect(err).toMatchObject({ unavailable: true });
  });

  it.skipIf(!PG_URL)(`a server that cannot be reached is "unavailable"${PG_SKIP}`, async () => {
    const pool = new pg.Pool({ connectionString: 'postgresql://x:y@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    pool.on('error', () => undefined);
    const s = new PostgresStore(contract.sql, pool);
    const err = await s.init().catch((x: unknown) => x);
    expect(err).toMatchObject({ unavailable: true, message: expect.stringContaining('ECONNREFUSED') });
    await pool.end();
  });
});

describe('export formats', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await engine('sqlite', contract);
    await e.store.write([batchOf([
      draftCreated({ id: 'x-1', timestamp: at(1), properties: { draftId: 'has "quotes", commas\nand a newline' } }),
      draftCreated({ id: 'x-2', timestamp: at(2), dimensions: { plan: 'pro' } }),
    ])]);
  });
  afterAll(async () => { await e.close(); });

  it('CSV: RFC 4180 quoting, a header, one line per event, JSON columns as JSON text', async () => {
    let text = '';
    const n = await exportEvents(e.store, 'csv', {}, (c) => { text += c; });
    expect(n).toBe(2);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('event_id,event_name,event_version,occurred_at,received_at,org_id,workspace_id,user_id,session_id,source,properties,person,context,dimensions');
    expect(lines[1]).toMatch(/^x-2,workbench\.draft_created,1,2026-05-30T00:00:00\.000Z,2026-06-01T00:00:00\.000Z,,,,sess-1,,"\{""sessionId"":""sess-1"".*\}",,,"\{""plan"":""pro""\}"$/);
    expect(text).toContain('"{""sessionId"":""sess-1"",""timestamp"":""2026-05-31T00:00:00.000Z"",""source"":""chat"",""draftId"":""has \\""quotes\\"", commas\\nand a newline""');
    expect(lines.at(-1)).toBe('');
  });

  it('NDJSON: one parseable object a line, JSON columns as JSON', async () => {
    let text = '';
    await exportEvents(e.store, 'ndjson', { sinceMs: NOW - 1.5 * DAY }, (c) => { text += c; });
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ event_id: 'x-1', occurred_at: at(1), properties: { draftId: 'has "quotes", commas\nand a newline' }, dimensions: null });
  });
});
