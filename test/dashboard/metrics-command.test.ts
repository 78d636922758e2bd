// `taxonomy serve` creates the generated views (idempotently, replacing an older taxonomy's);
// `taxonomy metrics` reads every metric from them, read-only. Values worked out by hand.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { main, startServe } from '@taxonomy/cli';
import { ensureViews, loadContract, pgReader, sqliteReader, type SqlModule } from '@taxonomy/collector';
import { samplePayload } from '../event-payloads/samples.js';
import { isolatedSchema, postgresUrl } from '../../packages/collector/test/engines.js';

const repo = join(import.meta.dirname, '../..');
const dirs: string[] = [];
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'dash-metrics-')); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function taxonomy(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd: repo });
  return { code, out, err };
}
const quietIo = { out: () => undefined, err: () => undefined, color: false, cwd: repo };

const schema = (name: string) => JSON.parse(readFileSync(join(repo, `packages/schemas/schemas/${name}.v1.json`), 'utf8'));
const DAY = 86_400_000;
const now = Date.now();
let n = 0;
function ev(name: string, daysAgo: number, props: Record<string, unknown>) {
  const timestamp = new Date(now - daysAgo * DAY).toISOString();
  const base = samplePayload(schema(name)) as { properties: Record<string, unknown> };
  return { event: name, id: `m-${n++}`, timestamp, properties: { ...base.properties, timestamp, ...props } };
}

const EVENTS = [
  ev('csat_submitted', 2, { sessionId: 's1', score: 4, maxScore: 5 }),
  ev('csat_submitted', 2, { sessionId: 's2', score: 2, maxScore: 5 }),
  ev('csat_submitted', 5, { sessionId: 's3', score: 1, maxScore: 5 }),
  ev('csat_submitted', 40, { sessionId: 's4', score: 5, maxScore: 5 }), // outside the 30d window
  ev('session_started', 2, { sessionId: 's1' }),
  ev('session_started', 2, { sessionId: 's2' }),
  ev('resolution_without_escalation', 2, { sessionId: 's1' }),
];

async function post(url: string, batch: unknown[]) {
  const r = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
  return r.json() as Promise<{ stored: number; quarantined: number }>;
}

const metricsJson = async (db: string, extra: string[] = []) => {
  const r = await taxonomy(['metrics', '--db', db, '--format', 'json', '--metric', 'csat_distribution,deflection_rate', ...extra]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return Object.fromEntries((JSON.parse(r.out).metrics as { metric: string; rows: unknown[] }[]).map((m) => [m.metric, m.rows]));
};

describe('serve creates the views; metrics reads them', () => {
  const dir = tmp();
  const db = join(dir, 'events.sqlite');

  it('creates every view once, then finds them up to date on a restart', async () => {
    let banner = '';
    const { collector, url } = await startServe({ port: 0, host: '127.0.0.1', db }, { ...quietIo, out: (t) => { banner += t; } });
    try {
      expect(banner).toMatch(/views: +\d+ created from acme-analytics/);
      const r = await post(url, EVENTS);
      expect(r).toMatchObject({ stored: EVENTS.length, quarantined: 0 });
    } finally { await collector.close(); }
    banner = '';
    const again = await startServe({ port: 0, host: '127.0.0.1', db }, { ...quietIo, out: (t) => { banner += t; } });
    await again.collector.close();
    expect(banner).toMatch(/views: +\d+ unchanged/);
    const c = new Database(db, { readonly: true });
    const views = (c.prepare(`SELECT name FROM sqlite_master WHERE type = 'view'`).all() as { name: string }[]).map((v) => v.name);
    c.close();
    expect(views).toContain('metric_csat_distribution');
    expect(views).toContain('ev_csat_submitted');
  });

  it('prints the values worked out by hand (own windows, then --since 3d)', async () => {
    const all = await metricsJson(db);
    // 30d window: scores 4, 2 and 1 once each (the 40-day-old 5 is outside).
    expect(all.csat_distribution).toEqual([
      { score: 1, maxScore: 5, value: 1 }, { score: 2, maxScore: 5, value: 1 }, { score: 4, maxScore: 5, value: 1 },
    ]);
    // Two sessions started two days ago, one resolved without escalation: 1/2 that day.
    expect(all.deflection_rate).toEqual([{ bucket: new Date(now - 2 * DAY).toISOString().slice(0, 10), value: 0.5 }]);
    const recent = await metricsJson(db, ['--since', '3d']);
    expect(recent.csat_distribution).toEqual([{ score: 2, maxScore: 5, value: 1 }, { score: 4, maxScore: 5, value: 1 }]);
  });

  it('table and csv list every metric, one line per row', async () => {
    const t = await taxonomy(['metrics', '--db', db, '--metric', 'csat_distribution']);
    expect(t.code).toBe(0);
    expect(t.out.split('\n')[0]).toMatch(/^metric +type +bucket +group +step +value$/);
    expect(t.out).toMatch(/csat_distribution +count +score=4 maxScore=5 +1/);
    const c = await taxonomy(['metrics', '--db', db, '--format', 'csv', '--metric', 'deflection_rate']);
    expect(c.out).toBe(`metric,type,bucket,group,step,event,value,error\ndeflection_rate,ratio,${new Date(now - 2 * DAY).toISOString().slice(0, 10)},,,,0.5,\n`);
  });

  it('a store whose views an older taxonomy made: exit 2, says what to do, writes nothing', async () => {
    const copy = join(tmp(), 'old.sqlite');
    writeFileSync(copy, readFileSync(db));
    const w = new Database(copy);
    w.prepare(`UPDATE events_views SET hash = '0000', taxonomy = 'acme-analytics 0.9.0'`).run();
    w.pragma('wal_checkpoint(TRUNCATE)');
    w.close();
    const before = readFileSync(copy);
    const r = await taxonomy(['metrics', '--db', copy]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/made by an older taxonomy \(acme-analytics 0\.9\.0\).*start `taxonomy serve` once/);
    expect(readFileSync(copy).equals(before)).toBe(true);
  });

  it.each([
    ['a missing store', (d: string) => join(d, 'missing.sqlite'), /no database at .*missing\.sqlite/],
    ['an empty file', (d: string) => { const f = join(d, 'empty.sqlite'); writeFileSync(f, ''); return f; }, /has no events table "events"/],
  ])('%s: exit 2 with a clear message, nothing created', async (_, make, message) => {
    const d = tmp();
    const f = make(d);
    const size = existsSync(f) ? readFileSync(f).length : -1;
    const r = await taxonomy(['metrics', '--db', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(f) ? readFileSync(f).length : -1).toBe(size);
  });

  it('a store without events: exit 2, says how to fill it', async () => {
    const f = join(tmp(), 'none.sqlite');
    const { collector } = await startServe({ port: 0, host: '127.0.0.1', db: f }, quietIo);
    await collector.close();
    const r = await taxonomy(['metrics', '--db', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/holds no events yet: send some \(taxonomy sample-data/);
  });
});

describe('views are replaced when the taxonomy changes', () => {
  const withExtraView = (sql: SqlModule): SqlModule => ({
    ...sql,
    viewsSql: (d: string) => `${sql.viewsSql!(d)}\nCREATE VIEW "metric_retired" AS SELECT 1 AS value;\n`,
    METRIC_VIEWS: [...(sql.METRIC_VIEWS ?? []), { metric: 'retired', view: 'metric_retired', type: 'count', columns: ['value'] }],
  });

  it('SQLite: a metric that is gone loses its view; the rest are re-created in one transaction', async () => {
    const { sql } = await loadContract({ validators: join(repo, 'packages/validators'), sql: join(repo, 'packages/sql') });
    const f = join(tmp(), 'r.sqlite');
    const { collector } = await startServe({ port: 0, host: '127.0.0.1', db: f }, quietIo);
    await collector.close();
    const c = new Database(f);
    const reader = sqliteReader(() => c, 'test');
    expect((await ensureViews(reader, withExtraView(sql))).status).toBe('replaced');
    expect(c.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'metric_retired'`).get()).toEqual({ n: 1 });
    const back = await ensureViews(reader, sql);
    expect(back).toMatchObject({ status: 'replaced', dropped: ['metric_retired'] });
    expect(c.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'metric_retired'`).get()).toEqual({ n: 0 });
    expect((await ensureViews(reader, sql)).status).toBe('unchanged');
    // A script that fails half-way changes nothing: the old stamp and views stay.
    const broken = { ...sql, viewsSql: (d: string) => `${sql.viewsSql!(d)}\nCREATE VIEW "metric_broken" AS SELECT * FROM "no_such_table" WHERE nonsense(;` };
    await expect(ensureViews(reader, broken)).rejects.toThrow(/nothing was changed/);
    expect((await ensureViews(reader, sql)).status).toBe('unchanged');
    c.close();
  });

  const url = postgresUrl();
  it.skipIf(!url)(`PostgreSQL: created, unchanged on restart, replaced with CASCADE${url ? '' : ' (skipped: no PostgreSQL server)'}`, async () => {
    const { sql } = await loadContract({ validators: join(repo, 'packages/validators'), sql: join(repo, 'packages/sql') });
    const iso = await isolatedSchema(url!);
    try {
      const { collector, url: at } = await startServe({ port: 0, host: '127.0.0.1', postgres: iso.url }, quietIo);
      expect(await post(at, EVENTS)).toMatchObject({ stored: EVENTS.length });
      await collector.close();
      const r = await taxonomy(['metrics', '--postgres', iso.url, '--format', 'json', '--metric', 'csat_distribution,deflection_rate', '--since', '3d']);
      expect(r.code).toBe(0);
      const got = Object.fromEntries((JSON.parse(r.out).metrics as { metric: string; rows: unknown[] }[]).map((m) => [m.metric, m.rows]));
      expect(got.csat_distribution).toEqual([{ score: 2, maxScore: 5, value: 1 }, { score: 4, maxScore: 5, value: 1 }]);
      expect(got.deflection_rate).toEqual([{ bucket: new Date(now - 2 * DAY).toISOString().slice(0, 10), value: 0.5 }]);
      const pool = new pg.Pool({ connectionString: iso.url, max: 1 });
      const reader = pgReader(pool, 'test');
      expect((await ensureViews(reader, sql)).status).toBe('unchanged');
      expect((await ensureViews(reader, withExtraView(sql))).status).toBe('replaced');
      expect(await ensureViews(reader, sql)).toMatchObject({ status: 'replaced', dropped: ['metric_retired'] });
      const rows = await reader.all(`SELECT COUNT(*) AS n FROM information_schema.views WHERE table_schema = current_schema() AND table_name LIKE 'metric_%'`);
      expect(Number(rows[0]!.n)).toBe(sql.METRIC_VIEWS!.length);
      await pool.end();
    } finally { await iso.drop(); }
  });
});
