// The real databases the generated SQL runs on, behind one small interface: apply the
// generated schema and views, insert events through the generated collector contract
// (toEventRow, rowValues, INSERT_SQL), set the as-of instant and read a view.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { PGlite } from '@electric-sql/pglite';
import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import pg from 'pg';
import type { GeneratedFile, TaxonomyModel } from '@taxonomy/core';
import { sqlGenerator, type SqlOptions } from '@taxonomy/gen-sql';
import { metricsGenerator } from '@taxonomy/gen-metrics';

export type Row = Record<string, unknown>;
export type EngineName = 'sqlite' | 'pglite' | 'postgres' | 'duckdb';

export interface Engine {
  readonly name: EngineName;
  exec(sql: string): Promise<void>;
  query(sql: string): Promise<Row[]>;
  insert(rows: readonly unknown[][]): Promise<void>;
  setAsOf(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** What the generated packages export (the parts the tests use). */
export interface SqlPackage {
  SCHEMA_SQL: Record<string, string>;
  RETENTION_SQL: Record<string, string | null>;
  INSERT_SQL: Record<string, string>;
  METRIC_VIEWS: { metric: string; view: string; type: string; columns: string[] }[];
  EVENT_VIEWS: { event: string; view: string; columns: string[] }[];
  FINDINGS: unknown[];
  viewsSql(d: string): string;
  toEventRow(e: object, o?: object): Record<string, unknown>;
  rowValues(row: object, d: string): unknown[];
}
export type MetricFn = (events: unknown, options?: { asOf?: number | string; window?: string | number | null }) => Row[];
export interface MetricsPackage { METRICS: Record<string, MetricFn>; indexEvents(e: unknown): unknown }

function write(dir: string, files: readonly GeneratedFile[]): void {
  for (const f of files) { const p = join(dir, f.path); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, f.contents); }
}

/** Runs the sql and metrics generators into a temporary folder and imports what they made. */
export async function generatePackages(model: TaxonomyModel, options: SqlOptions = {}): Promise<{ dir: string; sql: SqlPackage; metrics: MetricsPackage; files: { sql: readonly GeneratedFile[]; metrics: readonly GeneratedFile[] } }> {
  const dir = mkdtempSync(join(tmpdir(), 'taxonomy-warehouse-'));
  const sqlFiles = await sqlGenerator.generate(model, options);
  const metricFiles = await metricsGenerator.generate(model, {});
  write(join(dir, 'sql'), sqlFiles);
  write(join(dir, 'metrics'), metricFiles);
  const sql = (await import(pathToFileURL(join(dir, 'sql/index.js')).href)) as SqlPackage;
  const metrics = (await import(pathToFileURL(join(dir, 'metrics/index.js')).href)) as MetricsPackage;
  return { dir, sql, metrics, files: { sql: sqlFiles, metrics: metricFiles } };
}

export async function sqliteEngine(pkg: SqlPackage): Promise<Engine> {
  const db = new Database(':memory:');
  return {
    name: 'sqlite',
    exec: async (s) => { db.exec(s); },
    query: async (s) => db.prepare(s).all() as Row[],
    insert: async (rows) => { const st = db.prepare(pkg.INSERT_SQL.sqlite!); db.transaction(() => { for (const r of rows) st.run(...(r as never[])); })(); },
    setAsOf: async (ms) => { db.exec('DELETE FROM metric_as_of'); db.prepare('INSERT INTO metric_as_of VALUES (?)').run(ms); },
    close: async () => { db.close(); },
  };
}

/** DATE columns as 'YYYY-MM-DD' text and int8 as numbers, whatever the process time zone. */
const PG_PARSERS = { 1082: (v: string) => v, 20: (v: string) => Number(v), 1700: (v: string) => Number(v) };

export async function pgliteEngine(pkg: SqlPackage): Promise<Engine> {
  const db = await PGlite.create({ parsers: PG_PARSERS });
  return {
    name: 'pglite',
    exec: async (s) => { await db.exec(s); },
    query: async (s) => (await db.query<Row>(s)).rows,
    insert: async (rows) => { await db.transaction(async (tx) => { for (const r of rows) await tx.query(pkg.INSERT_SQL.postgres!, r as unknown[]); }); },
    setAsOf: async (ms) => { await db.exec('DELETE FROM metric_as_of'); await db.query('INSERT INTO metric_as_of VALUES ($1)', [new Date(ms).toISOString()]); },
    close: async () => { await db.close(); },
  };
}

/** The real PostgreSQL server's URL from scripts/setup-postgres.sh, if it started one. */
export function postgresUrl(root: string): string | undefined {
  if (process.env.TAXONOMY_PG_URL) return process.env.TAXONOMY_PG_URL;
  const f = join(root, '.taxonomy-cache/postgres-url');
  return existsSync(f) ? readFileSync(f, 'utf8').trim() || undefined : undefined;
}

/** A real server; every engine gets its own schema, dropped on close. */
export async function postgresEngine(pkg: SqlPackage, url: string): Promise<Engine> {
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: (oid: number) => (PG_PARSERS as Record<number, (v: string) => unknown>)[oid] ?? pg.types.getTypeParser(oid) } });
  await client.connect();
  const schema = `t_${process.pid}_${Date.now()}`;
  await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  return {
    name: 'postgres',
    exec: async (s) => { await client.query(s); },
    query: async (s) => (await client.query(s)).rows as Row[],
    insert: async (rows) => { await client.query('BEGIN'); for (const r of rows) await client.query(pkg.INSERT_SQL.postgres!, r as unknown[]); await client.query('COMMIT'); },
    setAsOf: async (ms) => { await client.query('DELETE FROM metric_as_of'); await client.query('INSERT INTO metric_as_of VALUES ($1)', [new Date(ms).toISOString()]); },
    close: async () => { await client.query(`DROP SCHEMA ${schema} CASCADE`); await client.end(); },
  };
}

export async function duckdbEngine(pkg: SqlPackage): Promise<Engine> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  return {
    name: 'duckdb',
    exec: async (s) => { await c.run(s); },
    query: async (s) => (await c.runAndReadAll(s)).getRowObjectsJS() as Row[],
    // The generated INSERT_SQL for the first rows (it is what a collector runs), the
    // appender for the rest: one prepared statement per row is slow in DuckDB.
    insert: async (rows) => {
      const st = await c.prepare(pkg.INSERT_SQL.duckdb!);
      for (const r of rows.slice(0, 100)) { st.bind(r as never); await st.run(); }
      if (rows.length <= 100) return;
      const a = await c.createAppender('events');
      const ts = (v: unknown) => new DuckDBTimestampValue(BigInt(Date.parse(v as string)) * 1000n);
      for (const r of rows.slice(100)) {
        r.forEach((v, i) => {
          if (v === null) a.appendNull();
          else if (i === 2) a.appendInteger(v as number);
          else if (i === 3 || i === 4) a.appendTimestamp(ts(v));
          else a.appendVarchar(v as string);
        });
        a.endRow();
      }
      a.closeSync();
    },
    setAsOf: async (ms) => { await c.run('DELETE FROM metric_as_of'); await c.run(`INSERT INTO metric_as_of VALUES (make_timestamp(${Math.trunc(ms) * 1000}))`); },
    close: async () => { c.closeSync(); inst.closeSync(); },
  };
}

/** Applies the generated schema and views of the engine's dialect, then loads the events. */
export async function load(engine: Engine, pkg: SqlPackage, envelopes: readonly object[], receivedAt = 0): Promise<void> {
  const dialect = engine.name === 'sqlite' ? 'sqlite' : engine.name === 'duckdb' ? 'duckdb' : 'postgres';
  await engine.exec(pkg.SCHEMA_SQL[dialect]!);
  await engine.exec(pkg.viewsSql(dialect));
  await engine.insert(envelopes.map((e) => pkg.rowValues(pkg.toEventRow(e, { receivedAt }), dialect)));
}
