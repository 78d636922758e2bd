// `npm run bench -- dashboard`: with DASHBOARD_EVENTS stored events (default 1,000,000),
//  1. the data of a full category page (GET /api/category/<the largest page>, as the dashboard
//     asks it) against running the same metric views directly (SELECT * FROM each view) on one
//     connection, interleaved, medians; target <= 1.5;
//  2. POST -> live feed at 1,000 events/s for 10 s: p50/p99 of the time from sending a request
//     to its events arriving on an open SSE stream, against the POST's own acknowledgement
//     (baseline); target p99 <= 1 s.
// The store is built once (sample events, repeated with new ids and shifted times, written
// straight through the collector's store) and kept in .taxonomy-cache/bench/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { loadTaxonomy } from '@taxonomy/core';
import { compile } from '@taxonomy/gen-sql';
import { loadContract, SqliteStore } from '@taxonomy/collector';
import { startServe } from '@taxonomy/cli';
import { median, report, save } from './lib.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.DASHBOARD_EVENTS ?? 1_000_000);
const DAY = 86_400_000;
const quiet = { out: () => undefined, err: () => undefined, color: false, cwd: repo };

async function buildStore(file) {
  const { sampleEvents } = await import(pathToFileURL(join(repo, 'packages/cli/dist/sample-data/generate.js')).href);
  const { schemaFor } = await import(pathToFileURL(join(repo, 'packages/schemas/index.js')).href);
  const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model;
  const contract = await loadContract({ validators: join(repo, 'packages/validators'), sql: join(repo, 'packages/sql') });
  const asOf = Math.floor(Date.now() / DAY) * DAY;
  const base = sampleEvents(model, compile(model).plans, (n, v) => schemaFor(n, v), { events: 20_000, seed: 11, asOf, days: 90 }).valid;
  const store = new SqliteStore(contract.sql, { path: file, synchronous: 'normal' });
  await store.init();
  const t0 = performance.now();
  let written = 0, copy = 0;
  while (written < N) {
    const rows = [];
    for (const e of base) {
      if (written + rows.length >= N) break;
      // Copies shift by whole hours inside the 90 days: the same shapes, spread over time.
      const ts = asOf - 1 - ((asOf - Date.parse(e.timestamp) + copy * 3_600_000) % (90 * DAY));
      rows.push(contract.sql.toEventRow({ ...e, id: `${e.id}-c${copy}`, timestamp: ts }, { receivedAt: ts }));
    }
    for (let i = 0; i < rows.length; i += 5000) await store.write([{ events: rows.slice(i, i + 5000), envelopes: [], quarantine: [] }]);
    written += rows.length;
    copy++;
    process.stderr.write(`\r  building the store: ${written.toLocaleString('en-US')} / ${N.toLocaleString('en-US')} events (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  process.stderr.write('\n');
  await store.close();
}

async function pageVsViews(url, file) {
  const layout = await (await fetch(`${url}/api/dashboard`)).json();
  const page = [...layout.categories].sort((a, b) => b.metrics.length - a.metrics.length)[0];
  const db = new Database(file, { readonly: true });
  const views = page.metrics.map((m) => db.prepare(`SELECT * FROM "metric_${m.metric}"`));
  const direct = () => { for (const v of views) v.all(); };
  const viaPage = async () => { const r = await fetch(`${url}/api/category/${page.id}`); await r.text(); };
  direct(); await viaPage();
  const a = [], b = [], ratios = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now(); direct(); const d = performance.now() - t;
    t = performance.now(); await viaPage(); const p = performance.now() - t;
    a.push(d); b.push(p); ratios.push(p / d);
  }
  db.close();
  return { page: page.id, metrics: page.metrics.length, direct: median(a), page_ms: median(b), ratio: median(ratios) };
}

async function liveLatency(url) {
  const event = 'session_started';
  const stream = await fetch(`${url}/api/live?event=${event}`);
  const reader = stream.body.getReader();
  const sentAt = new Map(), lat = [];
  let buf = '';
  const reading = (async () => {
    const dec = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i); buf = buf.slice(i + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        for (const e of JSON.parse(data.slice(6))) { const t = sentAt.get(e.id.replace(/-\d+$/, '')); if (t !== undefined) lat.push(performance.now() - t); }
      }
    }
  })();
  const ts = new Date().toISOString();
  const mk = (id) => ({ event, id, timestamp: ts, properties: { sessionId: id, timestamp: ts, identityKind: 'guest', resumed: false } });
  const acks = [];
  const perTick = 10, tickMs = 10, seconds = 10;
  const start = performance.now();
  const inflight = [];
  for (let tick = 0; tick < (seconds * 1000) / tickMs; tick++) {
    const due = start + tick * tickMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const id = `live-${tick}`;
    const t = performance.now();
    sentAt.set(id, t);
    inflight.push(fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch: Array.from({ length: perTick }, (_, k) => mk(`${id}-${k}`)) }) })
      .then(async (r) => { await r.text(); acks.push(performance.now() - t); }));
  }
  await Promise.all(inflight);
  await new Promise((r) => setTimeout(r, 1500));
  await reader.cancel();
  await reading.catch(() => undefined);
  const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]; };
  return { sent: sentAt.size * perTick, seen: lat.length, rate: (sentAt.size * perTick) / seconds, live_p50: q(lat, 0.5), live_p99: q(lat, 0.99), ack_p50: q(acks, 0.5), ack_p99: q(acks, 0.99) };
}

export default async function run() {
  const dir = join(repo, '.taxonomy-cache/bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `dashboard-${N}.sqlite`);
  if (!existsSync(file)) await buildStore(file);
  const { collector, url } = await startServe({ port: 0, host: '127.0.0.1', db: file, synchronous: 'normal' }, quiet);
  try {
    const page = await pageVsViews(url, file);
    report(`A full category page (${page.page}, ${page.metrics} metrics) with ${N.toLocaleString('en-US')} stored events`, [
      { name: 'the same metric views run directly', value: page.direct, unit: 'ms' },
      { name: 'GET /api/category (the page\'s data)', value: page.page_ms, unit: 'ms', higherIsBetter: false },
    ], 'the same metric views run directly');
    console.log(`  median of per-round ratios: ${page.ratio.toFixed(2)}x (target <= 1.5)`);
    const live = await liveLatency(url);
    report(`POST -> live feed at ${live.rate} events/s (${live.seen} of ${live.sent} seen)`, [
      { name: 'POST acknowledged, p99', value: live.ack_p99, unit: 'ms' },
      { name: 'event on the live feed, p99', value: live.live_p99, unit: 'ms', higherIsBetter: false },
      { name: 'event on the live feed, p50', value: live.live_p50, unit: 'ms', higherIsBetter: false },
    ], 'POST acknowledged, p99');
    console.log(`  target: p99 <= 1000 ms`);
    save('dashboard', { events: N, page, live });
  } finally {
    await collector.close();
    // The live events leave the cached store, so that the next run reads the same N events.
    const db = new Database(file);
    db.prepare("DELETE FROM events WHERE event_id LIKE 'live-%'").run();
    db.close();
  }
}
