import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracker, httpSink } from '@taxonomy/runtime';
import { createCollector, SqliteStore, type Collector, type Contract } from '@taxonomy/collector';
import { cleanup, draftCreated, post, seedContract, tmp } from './helpers.js';

let contract: Contract;
let store: SqliteStore;
let collector: Collector;
let url: string;

beforeAll(async () => {
  contract = await seedContract();
  store = new SqliteStore(contract.sql, { path: join(tmp(), 'sub', 'events.sqlite') });
  collector = await createCollector({ contract, store, log: () => undefined });
  url = await collector.listen(0);
});
afterAll(async () => {
  await collector?.close();
  cleanup();
});

const rows = (sql: string, ...p: unknown[]) => store.db.prepare(sql).all(...p) as Record<string, unknown>[];

describe('POST /v1/batch', () => {
  it('stores valid events in the generated raw table, filled by the sql package\'s toEventRow', async () => {
    const e = draftCreated({ id: 'http-1', properties: { sessionId: 'sess-9' } });
    const r = await post(url, { batch: [e] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, received: 1, accepted: 1, stored: 1, duplicates: 0, quarantined: 0, rejected: [] });
    const [row] = rows('SELECT * FROM events WHERE event_id = ?', 'http-1');
    const expected = contract.sql.toEventRow(e, { receivedAt: row!.received_at as number });
    expect(row).toEqual(expected);
    expect(row!.session_id).toBe('sess-9');
  });

  it('is idempotent on the event id: a retried batch is acknowledged and not stored twice', async () => {
    const batch = { batch: [draftCreated({ id: 'retry-1' }), draftCreated({ id: 'retry-2' })] };
    const first = await post(url, batch);
    const again = await post(url, batch);
    expect(first.body).toMatchObject({ stored: 2, duplicates: 0 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 2, stored: 0, duplicates: 2 });
    expect(rows("SELECT count(*) AS n FROM events WHERE event_id IN ('retry-1', 'retry-2')")[0]!.n).toBe(2);
  });

  it('gives an event without an id the hash of its content: the same event retried is stored once', async () => {
    const { id: _drop, ...e } = draftCreated({ properties: { draftId: 'no-id-draft' } });
    await post(url, { batch: [e] });
    await post(url, { batch: [e] });
    const found = rows("SELECT event_id FROM events WHERE json_extract(properties, '$.draftId') = 'no-id-draft'");
    expect(found).toHaveLength(1);
    expect(found[0]!.event_id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('quarantines invalid events whole, with the validator\'s errors, and stores the valid ones of the same batch', async () => {
    const bad = draftCreated({ id: 'bad-1', properties: { source: 'email' } });
    const r = await post(url, { batch: [draftCreated({ id: 'good-1' }), bad, { event: 'no.such_event', id: 'bad-2', properties: {} }] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 3, accepted: 1, stored: 1, quarantined: 2 });
    expect(r.body.rejected.map((x: any) => [x.index, x.id, x.errors[0].rule, x.errors[0].path])).toEqual([
      [1, 'bad-1', 'enum', '/properties/source'],
      [2, 'bad-2', 'event', '/event'],
    ]);
    const q = rows("SELECT * FROM events_quarantine WHERE event_id IN ('bad-1', 'bad-2') ORDER BY event_id");
    expect(q.map((x) => x.event_name)).toEqual(['workbench.draft_created', 'no.such_event']);
    expect(JSON.parse(q[0]!.payload as string)).toEqual(bad);
    expect(JSON.parse(q[0]!.errors as string)[0]).toMatchObject({ path: '/properties/source', rule: 'enum', message: expect.stringContaining("'email'") });
    expect(rows("SELECT count(*) AS n FROM events WHERE event_id IN ('bad-1', 'bad-2')")[0]!.n).toBe(0);
  });

  it('keeps person, context and dimensions beside the row (nothing of the envelope is lost)', async () => {
    const e = draftCreated({ id: 'ctx-1', context: { app: 'web', build: 42 }, dimensions: { plan: 'pro' } });
    await post(url, { batch: [e] });
    const [x] = rows('SELECT * FROM events_envelope WHERE event_id = ?', 'ctx-1');
    expect(x).toEqual({ event_id: 'ctx-1', source: null, person: null, context: '{"app":"web","build":42}', dimensions: '{"plan":"pro"}' });
    expect(rows('SELECT count(*) AS n FROM events_envelope WHERE event_id = ?', 'http-1')[0]!.n).toBe(0);
  });

  it('accepts exactly what the runtime\'s httpSink sends (a real tracker posting to it)', async () => {
    const tracker = createTracker({ sink: httpSink({ url: `${url}/v1/batch`, batchSize: 3, flushIntervalMs: 10 }), environment: 'production' });
    for (let i = 0; i < 7; i++) tracker.track('workbench.draft_created', { sessionId: 'sink-session', timestamp: '2026-01-15T10:00:00.000Z', source: 'template', draftId: `sink-${i}` });
    const stats = await tracker.shutdown(10_000);
    expect(stats).toMatchObject({ enqueued: 7, delivered: 7, droppedTotal: 0 });
    expect(rows("SELECT count(*) AS n FROM events WHERE session_id = 'sink-session'")[0]!.n).toBe(7);
  });
});

describe('POST /v1/track', () => {
  it('takes one event object', async () => {
    const r = await post(url, draftCreated({ id: 'track-1' }), {}, '/v1/track');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 1, stored: 1 });
  });
  it.each([
    ['an array', '[{"event": "x"}]', 400, 'not_an_event'],
    ['a string', '"x"', 400, 'not_an_event'],
    ['null', 'null', 400, 'not_an_event'],
  ])('refuses %s with a 400 that says what to send', async (_name, body, status, code) => {
    const r = await post(url, body, {}, '/v1/track');
    expect(r.status).toBe(status);
    expect(r.body.error).toMatchObject({ code, hint: expect.stringContaining('/v1/batch') });
  });
  it('an object that is not a valid event is quarantined, not refused', async () => {
    const r = await post(url, { batch: [] }, {}, '/v1/track');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 1, stored: 0, quarantined: 1 });
  });
});

describe('the other routes', () => {
  it('GET /healthz says the storage is up', async () => {
    const r = await fetch(`${url}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, storage: 'up', draining: false, queue: { depth: 0, capacity: 20000 } });
  });

  it('GET /metrics is Prometheus text with every counter the issue names', async () => {
    await post(url, { batch: [draftCreated({ properties: { source: 'nope' } })] });
    const r = await fetch(`${url}/metrics`);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await r.text();
    for (const line of [
      /^collector_events_received_total \d+$/m, /^collector_events_accepted_total \d+$/m, /^collector_events_rejected_total\{reason="enum"\} [1-9]\d*$/m,
      /^collector_events_stored_total\{table="events"\} [1-9]\d*$/m, /^collector_events_stored_total\{table="quarantine"\} [1-9]\d*$/m,
      /^collector_events_duplicate_total [1-9]\d*$/m, /^collector_queue_depth 0$/m, /^collector_queue_capacity 20000$/m,
      /^collector_request_duration_seconds_bucket\{le="0\.1",route="batch"\} \d+$/m, /^collector_requests_total\{route="batch",status="200"\} \d+$/m,
      /^# TYPE collector_events_dropped_total counter$/m,
    ]) expect(text).toMatch(line);
  });

  it.each([
    ['GET', '/v1/batch', 405, 'POST, OPTIONS'],
    ['POST', '/healthz', 405, 'GET, HEAD'],
    ['GET', '/nope', 404, undefined],
  ])('%s %s → %i with a JSON error', async (method, path, status, allow) => {
    const r = await fetch(url + path, { method });
    expect(r.status).toBe(status);
    expect(r.headers.get('allow') ?? undefined).toBe(allow);
    expect(((await r.json()) as { error: unknown }).error).toMatchObject({ status, message: expect.any(String), hint: expect.any(String) });
  });

  it('answers CORS preflights so browsers on other origins can post', async () => {
    const r = await fetch(`${url}/v1/batch`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});
