// Earlier SchemaVer revisions of a model (`revisions:`) in every engine that runs here (SQLite,
// PGlite, DuckDB): rows carry only the major version, so a model's view reads the rows of every
// revision, a column only an earlier revision has stays readable (NULL on the others), and a
// path whose kind differs between revisions is read as JSON, never a failed cast.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { duckdbEngine, generatePackages, load, pgliteEngine, sqliteEngine, type Engine, type SqlPackage } from './engines.js';

const fixture = join(import.meta.dirname, '../../generators/validators/test/fixtures/revisions');
const model = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;
const at = '2026-03-01T12:00:00.000Z';
const envelopes = [
  { event: 'order_completed', id: 'a', version: 1, timestamp: at, properties: { sessionId: 's1', orderId: 7, totalCents: 1250 } },
  { event: 'order_completed', id: 'b', version: 1, timestamp: at, properties: { sessionId: 's2', orderId: 8, totalCents: 10, coupon: 'X' } },
  { event: 'order_completed', id: 'c', timestamp: at, properties: { sessionId: 's3', orderId: 'o-9', total: 50000, giftNote: 'for you' } },
  { event: 'order_completed', id: 'd', timestamp: at, properties: { sessionId: 's4', orderId: 'o-10', total: 20, channel: 'app' } },
  { event: 'cart_viewed', id: 'e', timestamp: at, properties: { sessionId: 's5', items: 1, source: 42 } },
  { event: 'cart_viewed', id: 'f', timestamp: at, properties: { sessionId: 's6', items: 2, source: 'ad' } },
];
let sql: SqlPackage;
beforeAll(async () => { sql = (await generatePackages(model)).sql; }, 60_000);

const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
/** A JSON column: SQLite and DuckDB give JSON text (a string quoted), PGlite the parsed value. */
const asSent = (engine: string, v: unknown) => (engine !== 'pglite' && typeof v === 'string' ? JSON.parse(v) : plain(v));

describe('views of a model with earlier revisions', () => {
  it('list the version\'s columns, then those only an earlier revision has', () => {
    const cols = (view: string) => sql.EVENT_VIEWS.find((v) => v.view === view)!.columns;
    expect(cols('ev_order_completed')).toEqual(['sessionId', 'orderId', 'total', 'channel', 'giftNote']);
    expect(cols('ev_order_completed__v2')).toEqual(['sessionId', 'orderId', 'total', 'channel', 'giftNote']);
    expect(cols('ev_order_completed__v1')).toEqual(['sessionId', 'orderId', 'totalCents', 'coupon']);
    expect(cols('ev_cart_viewed')).toEqual(['sessionId', 'items', 'source']);
    expect(sql.EVENT_VIEWS.map((v) => v.view).filter((v) => v.includes('-'))).toEqual([]);
  });
});

describe.each([['sqlite', sqliteEngine], ['pglite', pgliteEngine], ['duckdb', duckdbEngine]] as const)('revisions in %s', (name, make) => {
  let e: Engine;
  beforeAll(async () => { e = await make(sql); await load(e, sql, envelopes); }, 60_000);
  afterAll(async () => { await e?.close(); });
  const pick = async (view: string, cols: string[]) => (await e.query(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${view}" ORDER BY "event_id"`)).map((r) => cols.map((c) => plain(r[c])));

  it("the newest model's view reads the rows of both revisions, the gift note only 2-0-0 had included", async () => {
    expect(await pick('ev_order_completed__v2', ['event_id', 'orderId', 'total', 'channel', 'giftNote'])).toEqual([['c', 'o-9', 50000, null, 'for you'], ['d', 'o-10', 20, 'app', null]]);
  });

  it("an older model's view reads its revisions' rows, the coupon added in 1-0-1 included", async () => {
    expect(await pick('ev_order_completed__v1', ['event_id', 'orderId', 'totalCents', 'coupon'])).toEqual([['a', 7, 1250, null], ['b', 8, 10, 'X']]);
  });

  it('a source that was an integer in 1-0-0 and is a string in 1-1-0 is read as JSON, for both rows', async () => {
    const rows = (await pick('ev_cart_viewed', ['event_id', 'items', 'source'])).map(([id, items, source]) => [id, items, asSent(name, source)]);
    expect(rows).toEqual([['e', 1, 42], ['f', 2, 'ad']]);
  });
});
