// `npm run bench -- collector`: sustained events/s into the collector (validation on) with
// batches of 20 and 500 events, from autocannon on loopback, each run bounded in time; p99
// latency; zero loss checked by counting the rows afterwards (every 2xx event must be there,
// exactly once: ids are unique per request). Baseline, measured in the same run: a minimal
// node:http server that only parses the JSON and answers 200 (the ceiling). Also fastify doing
// the same, which is why the collector is on node:http. Target: SQLite ≥ 50% of the ceiling.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { median, save } from './lib.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const server = fileURLToPath(new URL('./collector-server.mjs', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CONNECTIONS = 10;

/** A body template: a valid workbench.draft_created batch whose ids get a per-request prefix. */
function template(size) {
  const ts = '2026-03-02T10:00:00.000Z';
  const events = Array.from({ length: size }, (_, i) => ({
    event: 'workbench.draft_created', id: `@R@-${i}`, timestamp: ts,
    properties: { sessionId: `sess-${i % 7}`, timestamp: ts, source: ['chat', 'template', 'blank'][i % 3], draftId: `draft-${i}`, nodeCount: i % 12 },
  }));
  return JSON.stringify({ batch: events }).split('@R@');
}

function start(mode, target, extra = []) {
  const child = fork(server, [mode, target ?? '', ...extra].filter(Boolean), { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, url: String(m).slice(6) }));
    child.once('exit', (code) => reject(new Error(`bench server ${mode} exited ${code}`)));
  });
}
const stop = (child) => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); });

/**
 * One bounded autocannon run. Event ids are `<request>-<i>`, unique per request; the requests
 * answered 2xx are remembered (a connection sends one request at a time, so its context
 * names the request being answered).
 */
async function load(url, size, seconds, runId) {
  const parts = template(size);
  const acked = new Set();
  let n = 0;
  const r = await autocannon({
    url: `${url}/v1/batch`, connections: CONNECTIONS, duration: seconds, timeout: 30,
    requests: [{
      method: 'POST', headers: { 'content-type': 'application/json' },
      setupRequest: (req, context) => { context.request = `${runId}x${n++}`; return { ...req, body: parts.join(context.request) }; },
      onResponse: (status, _body, context) => { if (status >= 200 && status < 300) acked.add(context.request); },
    }],
  });
  return { acked, ok: r['2xx'], non2xx: r.non2xx, errors: r.errors + r.timeouts, seconds: r.duration, p99: r.latency.p99, eventsPerSecond: (r['2xx'] * size) / r.duration };
}

/** Rows per request (the id without its `-<i>`), as the loss check reads them. */
const PER_REQUEST = "SELECT rtrim(event_id, '0123456789') AS request, count(*) AS n FROM events GROUP BY 1";
const perRequest = (rows) => new Map(rows.map((r) => [String(r.request).slice(0, -1), Number(r.n)]));

function postgresUrl() {
  if (process.env.TAXONOMY_PG_URL) return process.env.TAXONOMY_PG_URL;
  const f = join(repo, '.taxonomy-cache/postgres-url');
  return existsSync(f) ? readFileSync(f, 'utf8').trim() : undefined;
}

/** The targets: how to start each, and how to count its rows afterwards. */
async function targets(dir) {
  const out = [
    { name: 'ceiling (node:http, JSON.parse only)', mode: 'ceiling' },
    { name: 'fastify (JSON parse only)', mode: 'fastify' },
    { name: 'collector → SQLite (synchronous=full)', mode: 'sqlite', fresh: (k) => join(dir, `full-${k}.sqlite`), extra: ['full'], count: async (t) => countSqlite(t) },
    { name: 'collector → SQLite (full, writer thread)', mode: 'sqlite', fresh: (k) => join(dir, `thread-${k}.sqlite`), extra: ['full', 'thread'], count: async (t) => countSqlite(t) },
    { name: 'collector → SQLite (synchronous=normal)', mode: 'sqlite', fresh: (k) => join(dir, `normal-${k}.sqlite`), extra: ['normal'], count: async (t) => countSqlite(t) },
  ];
  const url = postgresUrl();
  if (url) {
    out.push({
      name: 'collector → PostgreSQL server', mode: 'postgres',
      fresh: (k) => { const u = new URL(url); u.searchParams.set('options', `-c search_path=bench_collector_${process.pid}_${k}`); return u.toString(); },
      prepare: (t) => pgRun(url, `CREATE SCHEMA ${new URL(t).searchParams.get('options').split('=')[1]}`),
      count: async (t) => { const c = new pg.Client(t); await c.connect(); const rows = (await c.query(PER_REQUEST)).rows; await c.end(); return perRequest(rows); },
      cleanup: (t) => pgRun(url, `DROP SCHEMA ${new URL(t).searchParams.get('options').split('=')[1]} CASCADE`),
    });
  } else {
    out.push({ name: 'collector → PGlite (no server: scripts/setup-postgres.sh)', mode: 'pglite', fresh: () => '', countByIpc: true });
  }
  return out;
}
const countSqlite = (file) => { const d = new Database(file, { readonly: true }); const rows = d.prepare(PER_REQUEST).all(); d.close(); return perRequest(rows); };
async function pgRun(url, sql) { const c = new pg.Client(url); await c.connect(); try { await c.query(sql); } finally { await c.end(); } }
const ipcCount = (child) => new Promise((r) => { child.once('message', (m) => r(perRequest(JSON.parse(String(m).slice(6))))); child.send(PER_REQUEST); });

export default async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'collector-bench-'));
  const results = [];
  let k = 0;
  try {
    for (const size of [20, 500]) {
      for (const t of await targets(dir)) {
        const runs = [];
        for (let rep = 0; rep < REPEATS; rep++) {
          const target = t.fresh?.(k++);
          if (t.prepare) await t.prepare(target);
          const { child, url } = await start(t.mode, target, t.extra);
          const warm = await load(url, size, 1, `warm${k}`); // JIT and connections warm
          const r = await load(url, size, SECONDS, `run${k}`);
          r.ackedRequests = new Set([...warm.acked, ...r.acked]);
          let rows;
          if (t.countByIpc) rows = await ipcCount(child);
          await stop(child);
          if (t.count) rows = await t.count(target);
          if (t.cleanup) await t.cleanup(target);
          // Loss check: every acknowledged request has all its events, once (the warm-up's too).
          // Requests still in flight when a run's time ran out were stored but their answer came
          // after autocannon stopped listening: at most one a connection and run.
          if (rows) {
            const missing = [...r.ackedRequests].filter((q) => rows.get(q) !== size).length;
            const unacked = [...rows.keys()].filter((q) => !r.ackedRequests.has(q)).length;
            r.check = { acknowledgedEvents: r.ackedRequests.size * size, missing, cutOff: unacked, ok: missing === 0 && unacked <= 2 * CONNECTIONS };
          }
          delete r.acked;
          delete r.ackedRequests;
          runs.push(r);
        }
        results.push({ name: t.name, size, runs, mode: t.mode });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = [];
  for (const size of [20, 500]) {
    const rows = results.filter((r) => r.size === size);
    const base = median(rows.find((r) => r.mode === 'ceiling').runs.map((x) => x.eventsPerSecond));
    console.log(`\nbatches of ${size} events, ${CONNECTIONS} connections, ${SECONDS} s a run, median of ${REPEATS}`);
    for (const r of rows) {
      const eps = median(r.runs.map((x) => x.eventsPerSecond));
      const p99 = median(r.runs.map((x) => x.p99));
      const refused = r.runs.reduce((n, x) => n + x.non2xx + x.errors, 0);
      const checks = r.runs.map((x) => x.check).filter(Boolean);
      const loss = !checks.length ? '' : checks.every((c) => c.ok)
        ? `zero loss: ${checks.map((c) => c.acknowledgedEvents.toLocaleString('en-US')).join(' / ')} acknowledged events all stored once`
        : `LOSS: ${checks.map((c) => `${c.missing} requests missing, ${c.cutOff} unacknowledged stored`).join('; ')}`;
      const ratio = r.mode === 'ceiling' ? '(baseline)' : `${(eps / base).toFixed(2)}x of the ceiling`;
      console.log(`  ${r.name.padEnd(48)} ${Math.round(eps).toLocaleString('en-US').padStart(10)} events/s  p99 ${String(p99).padStart(4)} ms  ${ratio.padEnd(22)} ${loss}${refused ? `, ${refused} refused/errors` : ''}`);
      out.push({ name: r.name, batch: size, eventsPerSecond: Math.round(eps), p99Ms: p99, ratioToCeiling: r.mode === 'ceiling' ? 1 : +(eps / base).toFixed(3), loss, refused, runs: r.runs });
    }
  }
  save('collector', out);
}
