// The raw events table as the collector will use it: the documented column mapping
// (toEventRow), idempotent inserts and DDL, append-only, and retention from taxonomy.yaml,
// on SQLite, PostgreSQL (PGlite) and DuckDB.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { duckdbEngine, generatePackages, pgliteEngine, sqliteEngine, type Engine, type SqlPackage } from './engines.js';

const repo = join(import.meta.dirname, '../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;
let sql: SqlPackage;
beforeAll(async () => { ({ sql } = await generatePackages(model)); });

const RECEIVED = Date.UTC(2026, 0, 2, 3, 4, 5, 6);

describe('toEventRow: how an envelope fills the raw table', () => {
  it.each([
    ['support: org, workspace and user ids from their properties; occurred_at from the envelope',
      { event: 'ai_reply.sent', id: 'x1', version: 1, timestamp: '2026-01-01T00:00:00.250Z', properties: { org_id: 'o1', workspace_id: 'w1', user_id: 'u1', timestamp: '2025-12-31T00:00:00Z' } },
      { event_id: 'x1', event_name: 'ai_reply.sent', event_version: 1, occurred_at: Date.UTC(2026, 0, 1, 0, 0, 0, 250), received_at: RECEIVED, org_id: 'o1', workspace_id: 'w1', user_id: 'u1', session_id: null }],
    ['chat SDK: session from sessionId; no envelope timestamp, so the timestamp property',
      { event: 'session_started', id: 'x2', properties: { sessionId: 's1', timestamp: '2025-12-31T00:00:00Z', identityKind: 'guest', resumed: false } },
      { event_id: 'x2', event_name: 'session_started', event_version: 1, occurred_at: Date.UTC(2025, 11, 31), received_at: RECEIVED, org_id: null, workspace_id: null, user_id: null, session_id: 's1' }],
    ['slackbot: no timestamp anywhere, so received_at; the version is the taxonomy\'s',
      { event: 'thumbs_up', id: 'x3', properties: { bot_id: 'b', channel_id: 'c', user_id: 'U1', thread_ts: '1', message_ts: '2' } },
      { event_id: 'x3', event_name: 'thumbs_up', event_version: 1, occurred_at: RECEIVED, received_at: RECEIVED, org_id: null, workspace_id: null, user_id: 'U1', session_id: null }],
    ['runtime_ready is at version 2 in the taxonomy',
      { event: 'runtime_ready', id: 'x4', timestamp: 5, properties: { workspace_id: 'w' } },
      { event_id: 'x4', event_name: 'runtime_ready', event_version: 2, occurred_at: 5, received_at: RECEIVED, org_id: null, workspace_id: 'w', user_id: null, session_id: null }],
  ])('%s', (_w, envelope, row) => {
    const r = sql.toEventRow(envelope, { receivedAt: RECEIVED });
    expect({ ...r, properties: undefined }).toEqual({ ...row, properties: undefined });
    expect(JSON.parse(r.properties as string)).toEqual(envelope.properties);
  });

  it('assigns an id when the envelope has none, and keeps a __proto__ key as data', () => {
    const r = sql.toEventRow(JSON.parse('{"event":"thumbs_up","properties":{"__proto__":{"polluted":1}}}'), { receivedAt: RECEIVED, newId: () => 'generated' });
    expect(r.event_id).toBe('generated');
    expect(JSON.parse(r.properties as string)).toEqual(JSON.parse('{"__proto__":{"polluted":1}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(sql.toEventRow({ event: 'thumbs_up' }).event_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    [null, /an event envelope is an object/], [[], /an event envelope is an object/], [{ properties: {} }, /envelope.event must be the event name/],
    [{ event: 'x', properties: [] }, /envelope.properties must be an object/], [{ event: 'x', timestamp: 'yesterday' }, /envelope.timestamp is not a valid instant: "yesterday"/],
  ])('refuses %j with a TypeError naming the field', (envelope, message) => {
    expect(() => sql.toEventRow(envelope as object)).toThrow(message);
  });

  it('rowValues gives milliseconds to SQLite and ISO text elsewhere, in column order', () => {
    const r = sql.toEventRow({ event: 'thumbs_up', id: 'i', timestamp: 1000, properties: {} }, { receivedAt: 2000 });
    expect(sql.rowValues(r, 'sqlite').slice(0, 5)).toEqual(['i', 'thumbs_up', 1, 1000, 2000]);
    expect(sql.rowValues(r, 'postgres').slice(3, 5)).toEqual(['1970-01-01T00:00:01.000Z', '1970-01-01T00:00:02.000Z']);
  });
});

describe.each([['sqlite', sqliteEngine], ['postgres (PGlite)', pgliteEngine], ['duckdb', duckdbEngine]] as const)('the raw table on %s', (name, make) => {
  let engine: Engine;
  const dialect = name.startsWith('postgres') ? 'postgres' : name;
  const now = Date.now();
  const DAY = 86_400_000;
  const envelopes = [181, 179, 1].map((days, i) => ({ event: 'thumbs_up', id: `r${i}`, timestamp: now - days * DAY, properties: { bot_id: 'b' } }));
  beforeAll(async () => {
    engine = await make(sql);
    for (let i = 0; i < 2; i++) { await engine.exec(sql.SCHEMA_SQL[dialect]!); await engine.exec(sql.viewsSql(dialect)); }
    await engine.insert(envelopes.map((e) => sql.rowValues(sql.toEventRow(e), dialect)));
    await engine.insert(envelopes.map((e) => sql.rowValues(sql.toEventRow(e), dialect)));
  });
  afterAll(async () => { await engine.close(); });

  it('the DDL and views can be applied twice, and a retried insert stores nothing new', async () => {
    expect(Number((await engine.query('SELECT COUNT(*) AS n FROM events'))[0]!.n)).toBe(3);
  });

  it.skipIf(dialect === 'duckdb')('refuses updates (append-only)', async () => {
    await expect(engine.exec("UPDATE events SET event_name = 'x'")).rejects.toThrow(/append-only/);
  });

  it(`the retention statement deletes what occurred more than ${180} days ago, and only that`, async () => {
    expect(sql.RETENTION_SQL[dialect]).toContain('180');
    await engine.exec(sql.RETENTION_SQL[dialect]!);
    const ids = (await engine.query('SELECT event_id FROM events ORDER BY event_id')).map((r) => r.event_id);
    expect(ids).toEqual(['r1', 'r2']);
  });
});
