// The key test of the warehouse output: one generated data set of a few thousand events,
// loaded into SQLite, PostgreSQL (PGlite, and a real server when scripts/setup-postgres.sh
// started one) and DuckDB through the generated collector contract, gives the same value
// for every seed metric from the generated SQL views as the generated TypeScript functions.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { compile } from '@taxonomy/gen-sql';
import { diff, normalize } from './compare.js';
import { generateEvents, type Envelope } from './data.js';
import { duckdbEngine, generatePackages, load, pgliteEngine, postgresEngine, postgresUrl, sqliteEngine, type Engine, type MetricsPackage, type Row, type SqlPackage } from './engines.js';

const repo = join(import.meta.dirname, '../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;
const compiled = compile(model);
const AS_OF = Date.UTC(2026, 2, 1, 12, 0, 0);
const events: Envelope[] = generateEvents(model, compiled.plans, { count: 4000, seed: 20260301, asOf: AS_OF, days: 45 });

let sql: SqlPackage;
let metrics: MetricsPackage;
const expected = new Map<string, Row[]>();

beforeAll(async () => {
  ({ sql, metrics } = await generatePackages(model));
  const idx = metrics.indexEvents(events);
  for (const v of sql.METRIC_VIEWS) expected.set(v.metric, normalize(metrics.METRICS[v.metric]!(idx, { asOf: AS_OF }), v.columns));
});

describe('the data set', () => {
  it('covers every event the seed metrics read, and every seed metric is generated', () => {
    const seen = new Set(events.map((e) => e.event));
    const read = new Set(compiled.plans.flatMap((p) => p.events));
    expect([...read].filter((e) => !seen.has(e))).toEqual([]);
    expect(compiled.findings).toEqual([]);
    expect(compiled.plans.map((p) => p.name).sort()).toEqual(model.metrics.map((m) => m.name).sort());
  });

  it('is not trivial: most metrics have non-zero values, funnels reach their last step, durations have samples', () => {
    const nonEmpty = [...expected].filter(([, rows]) => rows.some((r) => typeof r.value === 'number' && r.value !== 0));
    expect(nonEmpty.length).toBeGreaterThanOrEqual(model.metrics.length - 2);
    const last = (name: string) => expected.get(name)!.filter((r) => r.step === Math.max(...expected.get(name)!.map((x) => x.step as number)));
    expect(last('activation_funnel').some((r) => (r.value as number) > 0)).toBe(true);
    expect(last('workspaces_issue_executed_ge_10').some((r) => (r.value as number) > 0)).toBe(true);
    expect(expected.get('time_to_create_workflow')!.some((r) => r.value !== null)).toBe(true);
    // zero denominators exist somewhere and come out as null, not NaN
    expect([...expected.values()].flat().some((r) => r.value === null)).toBe(true);
    expect([...expected.values()].flat().some((r) => typeof r.value === 'number' && Number.isNaN(r.value))).toBe(false);
  });
});

const url = postgresUrl(repo);
const ENGINES: [string, (p: SqlPackage) => Promise<Engine>, string?][] = [
  ['sqlite (better-sqlite3)', sqliteEngine],
  ['postgres (PGlite)', pgliteEngine],
  ['duckdb (@duckdb/node-api)', duckdbEngine],
  ['postgres (real server)', (p) => postgresEngine(p, url!), url ? undefined : 'no PostgreSQL server: scripts/setup-postgres.sh could not start one (see its output in the pretest log)'],
];

describe.each(ENGINES)('generated SQL on %s', (_name, make, skip) => {
  let engine: Engine;
  beforeAll(async () => {
    if (skip) return;
    engine = await make(sql);
    await load(engine, sql, events);
    await engine.setAsOf(AS_OF);
  });
  afterAll(async () => { await engine?.close(); });

  it.skipIf(!!skip)(`stores every event exactly once, a retried batch included${skip ? ` — skipped: ${skip}` : ''}`, async () => {
    await engine.insert(events.slice(0, 50).map((e) => sql.rowValues(sql.toEventRow(e, { receivedAt: 1 }), engine.name === 'sqlite' ? 'sqlite' : engine.name === 'duckdb' ? 'duckdb' : 'postgres')));
    const [row] = await engine.query('SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d FROM events');
    expect(Number(row!.n)).toBe(events.length);
    expect(Number(row!.d)).toBe(events.length);
  });

  it.skipIf(!!skip)('every metric view equals the TypeScript function on the same events', async () => {
    const failures: string[] = [];
    for (const v of sql.METRIC_VIEWS) {
      const got = normalize(await engine.query(`SELECT * FROM ${v.view}`), v.columns);
      const d = diff(expected.get(v.metric)!, got);
      if (d.length) failures.push(`${v.metric}:\n  ${d.join('\n  ')}`);
    }
    expect(failures).toEqual([]);
  });

  it.skipIf(!!skip)('every event view has its columns and one row per stored event of that name', async () => {
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.event, (counts.get(e.event) ?? 0) + 1);
    for (const v of sql.EVENT_VIEWS) {
      const rows = await engine.query(`SELECT * FROM ${v.view}`);
      expect(rows.length, v.event).toBe(counts.get(v.event) ?? 0);
      if (rows[0]) expect(Object.keys(rows[0]).sort(), v.event).toEqual(['event_id', 'event_version', 'occurred_at', 'received_at', ...v.columns].sort());
    }
  });
});
