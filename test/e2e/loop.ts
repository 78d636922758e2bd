// Shared pieces of the end-to-end tests: a generated workspace (taxonomy → `taxonomy
// generate`), `taxonomy serve` as a child process, a fetch that records what the collector
// acknowledged, and the comparison of metric views with the metric functions.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export const repo = join(import.meta.dirname, '../..');
export const bin = join(repo, 'packages/cli/dist/bin.js');

export type Row = Record<string, unknown>;
export interface Envelope { event: string; id: string; timestamp: string; properties: Row }
export interface Workspace {
  readonly root: string;
  readonly tracker: { createTracker: (o: object) => any };
  readonly runtime: { httpSink: (o: object) => any };
  readonly sql: { METRIC_VIEWS: { metric: string; view: string; columns: string[] }[]; AS_OF_TABLE: string; viewsSql(d: string): string };
  readonly metrics: { METRICS: Record<string, (events: unknown, o: { asOf: number }) => Row[]> };
  remove(): void;
}

/** Copies taxonomy/ into a fresh folder and runs `taxonomy generate` there: the packages land in <root>/packages. */
export async function workspace(): Promise<Workspace> {
  const root = mkdtempSync(join(tmpdir(), 'taxonomy-e2e-'));
  cpSync(join(repo, 'taxonomy'), join(root, 'taxonomy'), { recursive: true });
  // The loop replays a fixed-date data set, months old by now: seed 004's cleanup after writes
  // (retention.probability) would rightly delete it mid-test. That cleanup has its own test
  // (packages/collector/test/retention-on-write.test.ts); here retention stays on demand only.
  const rootFile = join(root, 'taxonomy', 'taxonomy.yaml');
  writeFileSync(rootFile, readFileSync(rootFile, 'utf8').replace(/^ {2}probability: .*\n/m, ''));
  // The generated tracker imports @taxonomy/runtime: resolved from the repository's node_modules.
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  const r = spawnSync(process.execPath, [bin, 'generate', 'taxonomy', '--only', 'validators,sql,typescript,metrics'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`taxonomy generate failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const load = (p: string) => import(pathToFileURL(join(root, 'packages', p, 'index.js')).href);
  return {
    root,
    tracker: await load('tracker'),
    runtime: await import('@taxonomy/runtime') as Workspace['runtime'],
    sql: await load('sql'),
    metrics: await load('metrics'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

export interface Served { readonly url: string; readonly child: ChildProcess; readonly output: () => string; readonly exited: Promise<number | null> }

/** `taxonomy serve <args>` as a child process; resolves once it prints where it listens. */
export async function serve(cwd: string, args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', 'taxonomy', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setInterval(() => { const m = /listening on (http:\/\/\S+)/.exec(out); if (m) { clearInterval(t); resolve(m[1]!); } }, 20);
    void exited.then((code) => { clearInterval(t); reject(new Error(`taxonomy serve exited (${code}):\n${out}`)); });
  });
  return { url, child, output: () => out, exited };
}

/** What a recording fetch saw: the events of every acknowledged (2xx) request, and the failures. */
export interface Recording { acked: Envelope[]; ackedRequests: number; failures: string[]; statuses: Map<number, number> }

/** The real fetch, recording which events the collector acknowledged (what the tracker "saw acknowledged"). */
export function recordingFetch(rec: Recording): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    try {
      const res = await fetch(url, init);
      rec.statuses.set(res.status, (rec.statuses.get(res.status) ?? 0) + 1);
      if (res.ok) {
        rec.ackedRequests++;
        rec.acked.push(...(JSON.parse(String(init.body)) as { batch: Envelope[] }).batch);
      }
      return res;
    } catch (e) {
      rec.failures.push((e as Error).message);
      throw e;
    }
  }) as typeof fetch;
}
export const recording = (): Recording => ({ acked: [], ackedRequests: 0, failures: [], statuses: new Map() });

function norm(v: unknown, numeric: boolean): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  if (numeric && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return v;
}

/** Rows of a view and of a function in one shape (columns of the view, numbers as numbers), sorted. */
export function normalize(rows: readonly Row[], columns: readonly string[], numeric: ReadonlySet<string>): Row[] {
  const out = rows.map((r) => Object.fromEntries(columns.map((c) => [c, norm(r[c], numeric.has(c))])));
  const key = (r: Row) => JSON.stringify(columns.filter((c) => c !== 'value').map((c) => r[c]));
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const close = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) : a === b);

/**
 * Every metric view against its metric function over the same events and as-of instant;
 * returns the differences (empty when all agree) and how many metrics had rows.
 */
export async function compareMetrics(ws: Workspace, query: (view: string) => Promise<Row[]>, events: readonly Envelope[], asOf: number): Promise<{ diffs: string[]; withRows: string[] }> {
  const diffs: string[] = [];
  const withRows: string[] = [];
  for (const m of ws.sql.METRIC_VIEWS) {
    const fn = ws.metrics.METRICS[m.metric];
    if (!fn) { diffs.push(`${m.metric}: no metric function`); continue; }
    const expectedRaw = fn(events, { asOf });
    const numeric = new Set(m.columns.filter((c) => expectedRaw.some((r) => typeof r[c] === 'number')));
    const expected = normalize(expectedRaw, m.columns, numeric);
    const actual = normalize(await query(m.view), m.columns, numeric);
    if (expected.some((r) => r.value !== null && r.value !== 0)) withRows.push(m.metric);
    if (expected.length !== actual.length || expected.some((e, i) => m.columns.some((c) => !close(e[c], actual[i]![c])))) {
      diffs.push(`${m.metric}: function ${JSON.stringify(expected.slice(0, 4))} view ${JSON.stringify(actual.slice(0, 4))}`);
    }
  }
  return { diffs, withRows };
}

/** The real PostgreSQL server scripts/setup-postgres.sh started (or TAXONOMY_PG_URL), if any. */
export function postgresUrl(): string | undefined {
  if (process.env.TAXONOMY_PG_URL) return process.env.TAXONOMY_PG_URL;
  const f = join(repo, '.taxonomy-cache/postgres-url');
  return existsSync(f) ? readFileSync(f, 'utf8').trim() || undefined : undefined;
}

/** A URL whose connections use a schema of their own (the test database is shared), and its removal. */
export async function isolatedSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `e2e_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const run = async (sql: string) => { const c = new pg.Client(url); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };
  await run(`CREATE SCHEMA ${schema}`);
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { url: u.toString(), drop: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}
