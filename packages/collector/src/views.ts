import { createHash } from 'node:crypto';
import type { SqlModule } from './contract.js';
import type { SqlReader } from './reader.js';
import { q, tableNames } from './store/tables.js';
import { StoreError } from './store/types.js';

/** What the store's views were made from: recorded beside them, one row. */
export interface ViewsStamp {
  /** SHA-256 of the views script of the store's dialect. */
  readonly hash: string;
  /** "name version" of the taxonomy the SQL package was generated from. */
  readonly taxonomy: string;
  /** Every view the script created (dropped before the next script runs). */
  readonly views: readonly string[];
}

export interface ViewsReport {
  readonly status: 'created' | 'replaced' | 'unchanged';
  readonly stamp: ViewsStamp;
  /** Views of the previous taxonomy that the new one no longer has. */
  readonly dropped: readonly string[];
}

/** The table recording the stamp: named after the raw table (events → events_views). */
export const viewsTable = (sql: SqlModule) => `${tableNames(sql.EVENTS_TABLE).events}_views`;

const SAFE = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The stamp the current SQL package would write for a dialect. */
export function currentStamp(sql: SqlModule, dialect: string): { stamp: ViewsStamp; script: string } {
  if (typeof sql.viewsSql !== 'function') throw new StoreError('the sql package exports no viewsSql(); regenerate it with `taxonomy generate --only sql`', false);
  const script = sql.viewsSql(dialect);
  const views = [...(sql.EVENT_VIEWS ?? []), ...(sql.METRIC_VIEWS ?? [])].map((v) => v.view).sort();
  for (const v of views) if (!SAFE.test(v)) throw new StoreError(`the sql package names a view ${JSON.stringify(v)} that is not a plain identifier; regenerate it`, false);
  const t = sql.TAXONOMY;
  return { script, stamp: { hash: createHash('sha256').update(script).digest('hex'), taxonomy: t ? `${t.name} ${t.version}` : 'unknown', views } };
}

/** The stamp recorded in the store, or undefined when its views were never created (or the table is absent). */
export async function readStamp(reader: SqlReader, sql: SqlModule): Promise<ViewsStamp | undefined> {
  let rows;
  try {
    rows = await reader.all(`SELECT hash, taxonomy, views FROM ${q(viewsTable(sql))} WHERE id = 1`);
  } catch {
    return undefined;
  }
  const r = rows[0];
  if (!r) return undefined;
  let views: string[] = [];
  try { views = (JSON.parse(String(r.views)) as unknown[]).filter((v): v is string => typeof v === 'string' && SAFE.test(v)); } catch { /* an unreadable list: nothing to drop by name */ }
  return { hash: String(r.hash), taxonomy: String(r.taxonomy), views };
}

/**
 * Creates every generated view (events, then metrics) in the store, or replaces them when the
 * SQL package's views changed since they were made: the previous taxonomy's views that are gone
 * are dropped, the script runs, the stamp is written, all in one transaction. Unchanged: nothing
 * runs (a restart costs one read).
 */
export async function ensureViews(reader: SqlReader, sql: SqlModule): Promise<ViewsReport> {
  const { script, stamp } = currentStamp(sql, reader.dialect);
  let before: ViewsStamp | undefined;
  try {
    before = await readStamp(reader, sql);
  } catch (e) {
    throw new StoreError(`cannot read the views' stamp in ${reader.where}: ${(e as Error).message}`, true);
  }
  if (before?.hash === stamp.hash) return { status: 'unchanged', stamp, dropped: [] };
  const keep = new Set(stamp.views);
  const dropped = (before?.views ?? []).filter((v) => !keep.has(v));
  const pg = reader.dialect === 'postgres';
  const table = q(viewsTable(sql));
  const parts = [
    // Two collectors starting at once on one PostgreSQL database take turns.
    ...(pg ? [`SELECT pg_advisory_xact_lock(${parseInt(stamp.hash.slice(0, 7), 16)})`] : []),
    `CREATE TABLE IF NOT EXISTS ${table} (id INTEGER NOT NULL PRIMARY KEY, hash TEXT NOT NULL, taxonomy TEXT NOT NULL, views TEXT NOT NULL)`,
    // Metric views read event views: a view that is gone may have dependants that are gone too.
    ...dropped.map((v) => `DROP VIEW IF EXISTS ${q(v)}${pg ? ' CASCADE' : ''}`),
    script.trim().replace(/;\s*$/, ''),
    `DELETE FROM ${table}`,
    `INSERT INTO ${table} (id, hash, taxonomy, views) VALUES (1, ${lit(stamp.hash)}, ${lit(stamp.taxonomy)}, ${lit(JSON.stringify(stamp.views))})`,
  ];
  try {
    await reader.script(parts.join(';\n'));
  } catch (e) {
    const down = e instanceof StoreError && e.unavailable;
    throw new StoreError(`cannot create the metric views in ${reader.where}: ${(e as Error).message}; nothing was changed. ${down ? 'The storage is down: they are created when the collector next starts with it up' : 'Check that the sql package matches the store (taxonomy generate --only sql)'}`, down);
  }
  return { status: before ? 'replaced' : 'created', stamp, dropped };
}

/**
 * Checks that the store's views are the current SQL package's, for commands that only read
 * (`taxonomy metrics`): a clear error otherwise, and nothing written.
 */
export async function checkViews(reader: SqlReader, sql: SqlModule): Promise<ViewsStamp> {
  const { stamp } = currentStamp(sql, reader.dialect);
  const before = await readStamp(reader, sql);
  if (!before) throw new StoreError(`${reader.where} has no metric views: they are created by \`taxonomy serve\` when it starts; start it once on this store`, false);
  if (before.hash !== stamp.hash) {
    throw new StoreError(`the views in ${reader.where} were made by an older taxonomy (${before.taxonomy}) and differ from the generated SQL package (${stamp.taxonomy}); start \`taxonomy serve\` once with the current taxonomy: it replaces them`, false);
  }
  return before;
}
