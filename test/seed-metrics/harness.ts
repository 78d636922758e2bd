// Seed metrics checked against their seeds: for each metric of a seed, a small event set and
// the value the seed's own definition gives on it, worked out by hand in the test file. The
// same case runs on the generated TypeScript function and on the generated SQL view in SQLite,
// DuckDB and a real PostgreSQL server (scripts/setup-postgres.sh), so a metric that means
// something else than its seed says fails everywhere, not only where two outputs disagree.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { diff, normalize } from '../warehouse/compare.js';
import { duckdbEngine, generatePackages, postgresEngine, postgresUrl, sqliteEngine, type Engine, type MetricsPackage, type Row, type SqlPackage } from '../warehouse/engines.js';

const repo = join(import.meta.dirname, '../..');
export const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;

export interface Envelope { id: string; event: string; timestamp: string; properties: Record<string, unknown> }

/** One seed metric: the events, the instant it is read at, and the rows the seed's definition gives. */
export interface SeedCase {
  metric: string;
  events: Envelope[];
  asOf: number;
  expected: Row[];
}

export const H = 3_600_000, D = 86_400_000, M = 60_000;

/** A builder of envelopes with ids in order: ev('workbench.draft_created', ts, { draftId: 'd1' }). */
export function envelopes(prefix: string) {
  let n = 0;
  return (event: string, ts: number, properties: Record<string, unknown> = {}): Envelope =>
    ({ id: `${prefix}-${String(++n).padStart(3, '0')}`, event, timestamp: new Date(ts).toISOString(), properties });
}

const dialectOf = (e: Engine) => (e.name === 'sqlite' ? 'sqlite' : e.name === 'duckdb' ? 'duckdb' : 'postgres');

/**
 * Registers the suite: every metric of `metricsFile` (taxonomy/metrics/<file>.yaml) must have a
 * case, and each case gives its hand-worked rows in TypeScript and in every engine.
 */
export function seedMetricSuite(title: string, metricsFile: string, cases: readonly SeedCase[]): void {
  const mine = model.metrics.filter((m) => (m as { location?: { file?: string } }).location?.file?.endsWith(`metrics/${metricsFile}.yaml`) ?? false);
  let sql: SqlPackage;
  let metrics: MetricsPackage;
  beforeAll(async () => { ({ sql, metrics } = await generatePackages(model)); });
  const columns = (metric: string) => sql.METRIC_VIEWS.find((v) => v.metric === metric)!.columns;

  describe(title, () => {
    it(`every metric of taxonomy/metrics/${metricsFile}.yaml has a hand-worked case`, () => {
      expect(mine.length).toBeGreaterThan(0);
      expect(cases.map((c) => c.metric).sort()).toEqual(mine.map((m) => m.name).sort());
    });

    it.each(cases.map((c) => [c.metric, c] as const))('TypeScript: %s', (_n, c) => {
      const got = metrics.METRICS[c.metric]!(c.events, { asOf: c.asOf });
      expect(diff(normalize(c.expected, columns(c.metric)), normalize(got, columns(c.metric)))).toEqual([]);
    });

    const url = postgresUrl(repo);
    const ENGINES: [string, (p: SqlPackage) => Promise<Engine>, string?][] = [
      ['sqlite', sqliteEngine],
      ['duckdb', duckdbEngine],
      ['postgres server', (p) => postgresEngine(p, url!), url ? undefined : 'no PostgreSQL server (scripts/setup-postgres.sh could not start one)'],
    ];
    describe.each(ENGINES)('SQL on %s', (_e, make, skip) => {
      let engine: Engine;
      beforeAll(async () => {
        if (skip) { console.warn(`skipped: ${title} on PostgreSQL: ${skip}`); return; }
        engine = await make(sql);
        await engine.exec(sql.SCHEMA_SQL[dialectOf(engine)]!);
        await engine.exec(sql.viewsSql(dialectOf(engine)));
      });
      afterAll(async () => { await engine?.close(); });

      it.skipIf(!!skip)('every metric view gives the hand-worked rows', async () => {
        const failures: string[] = [];
        for (const c of cases) {
          await engine.exec('DELETE FROM events');
          await engine.insert(c.events.map((e) => sql.rowValues(sql.toEventRow(e, { receivedAt: c.asOf }), dialectOf(engine))));
          await engine.setAsOf(c.asOf);
          const view = sql.METRIC_VIEWS.find((v) => v.metric === c.metric)!.view;
          const d = diff(normalize(c.expected, columns(c.metric)), normalize(await engine.query(`SELECT * FROM ${view}`), columns(c.metric)));
          if (d.length) failures.push(`${c.metric}: ${d.join('; ')}`);
        }
        expect(failures).toEqual([]);
      });
    });
  });
}
