// The whole loop, end to end: taxonomy → `taxonomy generate` → an example app calls the
// generated tracker → httpSink → `taxonomy serve` on 127.0.0.1 → SQLite / PostgreSQL →
// the generated metric views, whose values must equal the generated metric functions on
// the same events. Then faults: SIGKILL the collector mid-load and restart it.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, loadContract, PostgresStore } from '@taxonomy/collector';
import { runExampleApp } from './example-app.mjs';
import { compareMetrics, freePort, isolatedSchema, postgresUrl, recording, recordingFetch, serve, workspace, type Envelope, type Recording, type Row, type Workspace } from './loop.js';

const PG_URL = postgresUrl();
const PG_SKIP = PG_URL ? '' : ' (skipped: no PostgreSQL server; scripts/setup-postgres.sh starts one)';
const DAY = 86_400_000;
const START = Date.parse('2026-02-02T09:00:00.000Z');
/** 300 sessions, 3.5 hours apart: about six weeks, so the 30-day windows cut some off. */
const SESSIONS = 300, STEP = 3.5 * 3_600_000;
const AS_OF = START + SESSIONS * STEP + DAY;

let ws: Workspace;
beforeAll(async () => { ws = await workspace(); }, 180_000);
afterAll(() => ws?.remove());

/** Runs the example app against a collector URL; returns what was acknowledged and the tracker's books. */
async function load(url: string, opts: { sessions?: number; seed?: number; pauseEvery?: number; pauseMs?: number; retries?: object; rec?: Recording } = {}) {
  const rec = opts.rec ?? recording();
  const sink = ws.runtime.httpSink({
    url: `${url}/v1/batch`, batchSize: 20, flushIntervalMs: 5, maxPending: 100_000, fetch: recordingFetch(rec),
    ...(opts.retries ?? {}),
  });
  const { tracker } = await runExampleApp({
    createTracker: ws.tracker.createTracker, sink, sessions: opts.sessions ?? SESSIONS, startMs: START, stepMs: STEP, seed: opts.seed ?? 1,
    pauseEvery: opts.pauseEvery, pauseMs: opts.pauseMs, trackerOptions: { maxQueue: 100_000 },
  });
  const stats = await tracker.shutdown(120_000);
  return { rec, stats };
}

function sqliteViews(file: string) {
  const db = new Database(file);
  db.exec(ws.sql.viewsSql('sqlite'));
  db.exec(`DELETE FROM ${ws.sql.AS_OF_TABLE}; INSERT INTO ${ws.sql.AS_OF_TABLE} VALUES (${AS_OF});`);
  return db;
}

describe('the whole loop: generated tracker → httpSink → collector → warehouse → metric views = metric functions', () => {
  it('SQLite, through `taxonomy serve`', async () => {
    const db = join(ws.root, 'loop.sqlite');
    const s = await serve(ws.root, ['--port', '0', '--db', db]);
    try {
      const { rec, stats } = await load(s.url);
      expect(stats.enqueued).toBeGreaterThan(2500);
      expect(stats).toMatchObject({ droppedTotal: 0, pending: 0 });
      expect(stats.delivered).toBe(stats.enqueued);
      expect(rec.acked).toHaveLength(stats.enqueued);
      const health = await (await fetch(`${s.url}/metrics`)).text();
      expect(health).toMatch(new RegExp(`^collector_events_stored_total\\{table="events"\\} ${stats.enqueued}$`, 'm'));
      expect(health).toMatch(/^collector_events_stored_total\{table="quarantine"\} 0$/m); // the generated tracker and validators agree
      const v = sqliteViews(db);
      try {
        expect((v.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(stats.enqueued);
        const { diffs, withRows } = await compareMetrics(ws, async (view) => v.prepare(`SELECT * FROM "${view}"`).all() as Row[], rec.acked, AS_OF);
        expect(diffs).toEqual([]);
        expect(withRows).toEqual(expect.arrayContaining(['template_suggestion_rate', 'time_to_create_workflow', 'workbench_adoption', 'template_usage_rate']));
      } finally {
        v.close();
      }
    } finally {
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    }
  });

  it('PostgreSQL in-process (PGlite behind the same collector code)', async () => {
    const contract = await loadContract({ validators: join(ws.root, 'packages/validators'), sql: join(ws.root, 'packages/sql') });
    const pglite = new PGlite();
    const c = await createCollector({ contract, store: new PostgresStore(contract.sql, pglite), log: () => undefined });
    try {
      const { rec, stats } = await load(await c.listen(0), { sessions: 120 });
      expect(stats).toMatchObject({ droppedTotal: 0, pending: 0 });
      await pglite.exec(ws.sql.viewsSql('postgres'));
      await pglite.exec(`DELETE FROM ${ws.sql.AS_OF_TABLE}; INSERT INTO ${ws.sql.AS_OF_TABLE} VALUES ('${new Date(AS_OF).toISOString()}');`);
      expect(Number(((await pglite.query('SELECT count(*) AS n FROM events')).rows[0] as Row).n)).toBe(stats.enqueued);
      const { diffs, withRows } = await compareMetrics(ws, async (view) => (await pglite.query(`SELECT * FROM "${view}"`)).rows as Row[], rec.acked, AS_OF);
      expect(diffs).toEqual([]);
      expect(withRows.length).toBeGreaterThanOrEqual(4);
    } finally {
      await c.close();
      await pglite.close();
    }
  });

  it.skipIf(!PG_URL)(`PostgreSQL server, through \`taxonomy serve --postgres\`${PG_SKIP}`, async () => {
    const iso = await isolatedSchema(PG_URL!);
    const s = await serve(ws.root, ['--port', '0', '--postgres', iso.url]);
    const client = new pg.Client(iso.url);
    try {
      expect(s.output()).toMatch(/storage: +PostgreSQL postgresql:\/\/taxonomy:\*\*\*@/); // the password is not printed
      const { rec, stats } = await load(s.url, { sessions: 120 });
      expect(stats).toMatchObject({ droppedTotal: 0, pending: 0 });
      await client.connect();
      await client.query(ws.sql.viewsSql('postgres'));
      await client.query(`DELETE FROM ${ws.sql.AS_OF_TABLE}; INSERT INTO ${ws.sql.AS_OF_TABLE} VALUES ('${new Date(AS_OF).toISOString()}')`);
      expect(Number((await client.query('SELECT count(*) AS n FROM events')).rows[0].n)).toBe(stats.enqueued);
      const { diffs } = await compareMetrics(ws, async (view) => (await client.query(`SELECT * FROM "${view}"`)).rows as Row[], rec.acked, AS_OF);
      expect(diffs).toEqual([]);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
      await client.end().catch(() => undefined);
      await iso.drop();
    }
  });
});

/** Counts per event id in the store, for the ids given. */
type Counter = (ids: readonly string[]) => Promise<Map<string, number>>;

async function faultRun(args: (port: number) => string[], counter: () => Promise<{ count: Counter; total: () => Promise<number>; close(): Promise<void> }>) {
  const port = await freePort();
  let s = await serve(ws.root, args(port));
  const retries = { retries: 200, retryBaseMs: 20, retryMaxMs: 200, requestTimeoutMs: 5_000 };
  const rec = recording();
  const running = load(s.url, { sessions: 400, seed: 7, pauseEvery: 10, pauseMs: 15, retries, rec });
  // Kill it once a good part of the load has been acknowledged (the rest is still coming).
  const first = s;
  while (rec.ackedRequests < 40) await new Promise((r) => setTimeout(r, 2));
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe(null);
  const ackedBeforeKill = rec.ackedRequests;
  s = await serve(ws.root, args(port));
  try {
    const { rec, stats } = await running;
    expect(stats.enqueued).toBeGreaterThan(3000);
    expect(stats).toMatchObject({ droppedTotal: 0, pending: 0 });
    expect(stats.delivered).toBe(stats.enqueued);
    expect(rec.failures.length).toBeGreaterThan(0); // the kill did land in the middle of the load…
    expect(rec.ackedRequests).toBeGreaterThan(ackedBeforeKill); // …and the rest came after the restart
    const store = await counter();
    try {
      const ids = rec.acked.map((e: Envelope) => e.id);
      const counts = await store.count(ids);
      const once = [...new Set(ids)].filter((id) => counts.get(id) === 1).length;
      expect(once).toBe(new Set(ids).size); // every acknowledged event is stored exactly once
      expect(await store.total()).toBe(stats.enqueued); // and the retries delivered the rest: nothing more, nothing less
    } finally {
      await store.close();
    }
  } finally {
    s.child.kill('SIGTERM');
    await s.exited;
  }
}

describe('faults: SIGKILL the collector mid-load, restart it', () => {
  it('SQLite: every acknowledged event is stored exactly once; the tracker\'s retries deliver the rest', async () => {
    const db = join(ws.root, 'fault.sqlite');
    await faultRun((port) => ['--port', String(port), '--db', db], async () => {
      const d = new Database(db, { readonly: true });
      return {
        count: async (ids) => {
          const stmt = d.prepare('SELECT count(*) AS n FROM events WHERE event_id = ?');
          return new Map(ids.map((id) => [id, (stmt.get(id) as { n: number }).n]));
        },
        total: async () => (d.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
        close: async () => { d.close(); },
      };
    });
  });

  it.skipIf(!PG_URL)(`PostgreSQL server: the same${PG_SKIP}`, async () => {
    const iso = await isolatedSchema(PG_URL!);
    try {
      await faultRun((port) => ['--port', String(port), '--postgres', iso.url], async () => {
        const c = new pg.Client(iso.url);
        await c.connect();
        return {
          count: async (ids) => {
            const r = await c.query('SELECT event_id, count(*) AS n FROM events WHERE event_id = ANY($1) GROUP BY event_id', [ids]);
            return new Map(r.rows.map((x: { event_id: string; n: string }) => [x.event_id, Number(x.n)]));
          },
          total: async () => Number((await c.query('SELECT count(*) AS n FROM events')).rows[0].n),
          close: () => c.end(),
        };
      });
    } finally {
      await iso.drop();
    }
  });
});
