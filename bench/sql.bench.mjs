// `npm run bench -- sql`: time to compute every seed metric over 1,000,000 events from the
// generated SQL views in SQLite and DuckDB, against the generated TypeScript functions on the
// same events, in one run, as ratios. Loading the databases is not timed (a warehouse has
// its data already); building the TypeScript event index is (the functions need it).
// BENCH_SQL_EVENTS=200000 runs it smaller.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import { loadTaxonomy } from '@taxonomy/core';
import { compile, sqlGenerator } from '@taxonomy/gen-sql';
import { metricsGenerator } from '@taxonomy/gen-metrics';
import { report, save, timeMs } from './lib.mjs';

const N = Number(process.env.BENCH_SQL_EVENTS ?? 1_000_000);
const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 2, 1);

function prng(seed) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

/** Events of the types the metrics read, values of the right types from small pools (as test/warehouse/data.ts). */
function events(model, plans) {
  const r = prng(42);
  const int = (n) => Math.floor(r() * n);
  const byName = new Map(model.events.map((e) => [e.name, e]));
  const names = [...new Set(plans.flatMap((p) => p.events))].sort();
  const value = (s, name, ts) => {
    if (s.nullable && r() < 0.08) return null;
    if (s.enum?.length) return s.enum[int(s.enum.length)];
    switch (s.type) {
      case 'string':
        if (/(Id|_id)$/.test(name) || s.format === 'uuid') return `${name}-${int(2000)}`;
        if (s.format === 'date-time') return new Date(ts).toISOString();
        return `${name}-${int(5)}`;
      case 'integer': return int(400);
      case 'number': return int(500_000) / 100;
      case 'boolean': return r() < 0.5;
      case 'array': return [];
      case 'object': return s.properties ? object(s.properties, ts) : {};
    }
  };
  const object = (props, ts) => { const o = {}; for (const p of props) if (p.required || r() >= 0.2) o[p.name] = value(p, p.name, ts); return o; };
  const out = new Array(N);
  for (let i = 0; i < N; i++) {
    const e = byName.get(names[int(names.length)]);
    const ts = AS_OF - 60 * DAY + int(61 * DAY);
    out[i] = { event: e.name, id: `e${i}`, timestamp: ts, properties: object(e.properties, ts) };
  }
  return out;
}

async function writePackage(dir, files) {
  for (const f of files) { const p = join(dir, f.path); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, f.contents); }
  return import(pathToFileURL(join(dir, 'index.js')).href);
}

export default async function main() {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model;
  const { plans } = compile(model);
  const tmp = mkdtempSync(join(tmpdir(), 'bench-sql-'));
  const sql = await writePackage(join(tmp, 'sql'), await sqlGenerator.generate(model, {}));
  const metrics = await writePackage(join(tmp, 'metrics'), await metricsGenerator.generate(model, {}));
  console.log(`${plans.length} metrics over ${N.toLocaleString('en-US')} events of ${new Set(plans.flatMap((p) => p.events)).size} types`);
  const evs = events(model, plans);
  const rows = evs.map((e) => sql.toEventRow(e, { receivedAt: AS_OF }));

  // SQLite: the generated schema, views and insert.
  const lite = new Database(join(tmp, 'bench.db'));
  lite.pragma('journal_mode = WAL');
  lite.exec(sql.SCHEMA_SQL.sqlite);
  lite.exec(sql.viewsSql('sqlite'));
  const ins = lite.prepare(sql.INSERT_SQL.sqlite);
  lite.transaction(() => { for (const row of rows) ins.run(...sql.rowValues(row, 'sqlite')); })();
  lite.exec(`ANALYZE; DELETE FROM metric_as_of; INSERT INTO metric_as_of VALUES (${AS_OF});`);

  // DuckDB: the generated schema and views; rows through the appender.
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(sql.SCHEMA_SQL.duckdb);
  await duck.run(sql.viewsSql('duckdb'));
  const app = await duck.createAppender('events');
  for (const row of rows) {
    sql.rowValues(row, 'duckdb').forEach((v, i) => {
      if (v === null) app.appendNull();
      else if (i === 2) app.appendInteger(v);
      else if (i === 3 || i === 4) app.appendTimestamp(new DuckDBTimestampValue(BigInt(Date.parse(v)) * 1000n));
      else app.appendVarchar(v);
    });
    app.endRow();
  }
  app.closeSync();
  await duck.run(`DELETE FROM metric_as_of; INSERT INTO metric_as_of VALUES (make_timestamp(${AS_OF * 1000}))`);

  const views = sql.METRIC_VIEWS.map((v) => v.view);
  const runTs = () => { const idx = metrics.indexEvents(evs); for (const f of Object.values(metrics.METRICS)) f(idx, { asOf: AS_OF }); };
  const runLite = () => { for (const v of views) lite.prepare(`SELECT * FROM ${v}`).all(); };
  const runDuck = async () => { for (const v of views) await duck.runAndReadAll(`SELECT * FROM ${v}`); };

  const opts = { runs: 3, warmup: 1 };
  const ts = await timeMs(runTs, opts);
  const sqlite = await timeMs(runLite, opts);
  const duckdb = await timeMs(runDuck, opts);
  const result = [
    { name: 'TypeScript functions (index + all metrics)', value: ts, unit: 'ms', higherIsBetter: false },
    { name: 'SQLite views (better-sqlite3)', value: sqlite, unit: 'ms', higherIsBetter: false },
    { name: 'DuckDB views (@duckdb/node-api)', value: duckdb, unit: 'ms', higherIsBetter: false },
  ];
  report(`all ${plans.length} seed metrics over ${N.toLocaleString('en-US')} events, median of ${opts.runs} runs`, result, result[0].name);

  // The five slowest views in each engine, to say where the time goes.
  const per = async (label, run) => {
    const xs = [];
    for (const v of views) { const t = performance.now(); await run(v); xs.push([v, performance.now() - t]); }
    xs.sort((a, b) => b[1] - a[1]);
    console.log(`  slowest in ${label}: ${xs.slice(0, 5).map(([v, t]) => `${v.replace('metric_', '')} ${Math.round(t)} ms`).join(', ')}`);
    return Object.fromEntries(xs);
  };
  const perLite = await per('SQLite', (v) => lite.prepare(`SELECT * FROM ${v}`).all());
  const perDuck = await per('DuckDB', (v) => duck.runAndReadAll(`SELECT * FROM ${v}`));
  save('sql', { events: N, metrics: plans.length, medianMs: { typescript: ts, sqlite, duckdb }, ratioToTypescript: { sqlite: sqlite / ts, duckdb: duckdb / ts }, perViewMs: { sqlite: perLite, duckdb: perDuck } });
  lite.close();
  duck.closeSync();
  rmSync(tmp, { recursive: true, force: true });
}
