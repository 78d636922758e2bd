// Several live versions of one event in every engine that runs here (SQLite, PGlite, DuckDB):
// a view per version, the newest view over every row (with the column whose kind changed read
// only from the versions that agree), and a view over every version with the shared columns.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type GeneratedFile } from '@taxonomy/core';
import { dbtGenerator } from '@taxonomy/gen-dbt';
import { parse } from 'yaml';
import { duckdbEngine, generatePackages, load, pgliteEngine, sqliteEngine, type Engine, type SqlPackage } from './engines.js';

const fixture = join(import.meta.dirname, '../../packages/core/test/fixtures/60-versions-clean');
const model = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;
const at = '2026-03-01T12:00:00.000Z';
const envelopes = [
  { event: 'order_completed', id: 'a', version: 1, timestamp: at, properties: { sessionId: 's1', orderId: 7, totalCents: 1250, items: 2 } },
  { event: 'order_completed', id: 'b', version: 2, timestamp: at, properties: { sessionId: 's2', orderId: 'o-8', total: { amount: 12.5, currency: 'EUR' } } },
  { event: 'order_completed', id: 'c', timestamp: at, properties: { sessionId: 's3', orderId: 'o-9', total: { amount: 3, currency: 'USD' }, items: 1, coupon: 'X' } },
];
let sql: SqlPackage;
beforeAll(async () => { sql = (await generatePackages(model)).sql; }, 60_000);

const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
describe.each([['sqlite', sqliteEngine], ['pglite', pgliteEngine], ['duckdb', duckdbEngine]] as const)('versioned views in %s', (_name, make) => {
  let e: Engine;
  beforeAll(async () => { e = await make(sql); await load(e, sql, envelopes); }, 60_000);
  afterAll(async () => { await e?.close(); });
  const pick = async (view: string, cols: string[]) => (await e.query(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${view}" ORDER BY "event_id"`)).map((r) => cols.map((c) => plain(r[c])));

  it('lists the views in EVENT_VIEWS, by version', () => {
    expect(sql.EVENT_VIEWS.filter((v) => v.event === 'order_completed').map((v) => [v.view, (v as { version?: unknown }).version])).toEqual([
      ['ev_order_completed', undefined], ['ev_order_completed__v1', 1], ['ev_order_completed__v2', 2], ['ev_order_completed__v3', 3], ['ev_order_completed__all', 'all'],
    ]);
  });

  it('each version view holds its rows with its own columns', async () => {
    expect(await pick('ev_order_completed__v1', ['event_id', 'orderId', 'totalCents'])).toEqual([['a', 7, 1250]]);
    expect(await pick('ev_order_completed__v2', ['event_id', 'orderId', 'total__currency'])).toEqual([['b', 'o-8', 'EUR']]);
    expect(await pick('ev_order_completed__v3', ['event_id', 'orderId', 'coupon'])).toEqual([['c', 'o-9', 'X']]);
  });

  it('the view over every version has every row and the shared columns', async () => {
    expect(await pick('ev_order_completed__all', ['event_id', 'event_version', 'sessionId', 'items'])).toEqual([['a', 1, 's1', 2], ['b', 2, 's2', null], ['c', 3, 's3', 1]]);
    expect(sql.EVENT_VIEWS.find((v) => v.view === 'ev_order_completed__all')!.columns).toEqual(['sessionId', 'items']);
  });

  it('the newest view reads every row; version 1\'s integer order id is NULL there', async () => {
    expect(await pick('ev_order_completed', ['event_id', 'orderId', 'total__amount'])).toEqual([['a', null, null], ['b', 'o-8', 12.5], ['c', 'o-9', 3]]);
  });
});

describe('dbt: a staging model per live version, and one over all of them', () => {
  const files = dbtGenerator.generate(model, {}) as GeneratedFile[];
  const model_ = (name: string) => files.find((f) => f.path === `models/staging/${name}.sql`)?.contents;

  it('lists them in schema.yml with their own columns', () => {
    const names = (parse(files.find((f) => f.path === 'models/staging/schema.yml')!.contents).models as { name: string; columns: { name: string }[] }[]);
    expect(names.map((m) => m.name)).toEqual(['stg_cart_viewed', 'stg_order_completed', 'stg_order_completed__v1', 'stg_order_completed__v2', 'stg_order_completed__v3', 'stg_order_completed__all']);
    expect(names.find((m) => m.name === 'stg_order_completed__all')!.columns.map((c) => c.name)).toEqual(['event_id', 'sessionId', 'items']);
  });

  it('runs on PostgreSQL (PGlite) over the stored rows', async () => {
    const e = await pgliteEngine(sql);
    try {
      await load(e, sql, envelopes);
      for (const name of ['stg_order_completed__v1', 'stg_order_completed__all']) {
        await e.exec(`CREATE VIEW "${name}" AS ${model_(name)!.replace(/\{\{ source\('analytics', 'events'\) \}\}/g, '"events"')}`);
      }
      expect((await e.query('SELECT "event_id", "totalCents" FROM "stg_order_completed__v1"')).map((r) => [r.event_id, plain(r.totalCents)])).toEqual([['a', 1250]]);
      expect((await e.query('SELECT "event_id", "items" FROM "stg_order_completed__all" ORDER BY "event_id"')).map((r) => [r.event_id, plain(r.items)])).toEqual([['a', 2], ['b', null], ['c', 1]]);
    } finally {
      await e.close();
    }
  });
});
