import type { Domain, TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import { kindOf } from './columns.js';
import type { Dialect, ValueKind } from './dialect.js';
import { commentText, SQL_NAME, MAX_NAME } from './names.js';

/**
 * A compatibility view: a domain whose team already queries a table of its own declares its
 * shape (`x-compat-view: { name, columns }`), and the generated SQL provides a view of that
 * name over the events table, so the team's existing queries run unchanged. Three column
 * names have a fixed meaning: `id` (a row number in time order), `event_type` (the event
 * name) and `created_at` (when it happened: UTC 'YYYY-MM-DD HH:MM:SS' text in SQLite, as
 * CURRENT_TIMESTAMP writes it, so `created_at >= datetime('now', '-7 days')` compares right;
 * a UTC timestamp in PostgreSQL). Every other column is the top-level property of that name
 * (objects as JSON), NULL on events that do not have it.
 */
export interface CompatView {
  readonly domain: string;
  readonly name: string;
  readonly columns: readonly string[];
}

export interface CompatProblem { readonly domain: string; readonly message: string; readonly hint: string }

/** The dialects a compatibility view is written for (the stores the seed teams run). */
export const COMPAT_DIALECTS: readonly string[] = ['sqlite', 'postgres'];

/** The declared views of every domain, and what is wrong with the ones that cannot be made. */
export function compatViews(model: TaxonomyModel): { views: CompatView[]; problems: CompatProblem[] } {
  const views: CompatView[] = [];
  const problems: CompatProblem[] = [];
  for (const d of model.domains) {
    const raw = d.extensions['x-compat-view'];
    if (raw === undefined) continue;
    const bad = (message: string) => problems.push({ domain: d.name, message: `x-compat-view of domain '${d.name}': ${message}`, hint: 'x-compat-view: { name: <table name>, columns: [<column>, ...] } with SQL names (letters, digits, _)' });
    const v = raw as { name?: unknown; columns?: unknown };
    if (typeof v !== 'object' || v === null || typeof v.name !== 'string' || !Array.isArray(v.columns) || v.columns.length === 0) { bad('expected an object with name and a non-empty columns list'); continue; }
    const names = [v.name, ...v.columns];
    const wrong = names.filter((n) => typeof n !== 'string' || !SQL_NAME.test(n) || n.length > MAX_NAME);
    if (wrong.length) { bad(`not a SQL name: ${wrong.map((n) => JSON.stringify(n)).join(', ')}`); continue; }
    if (new Set(v.columns).size !== v.columns.length) { bad('a column is listed twice'); continue; }
    views.push({ domain: d.name, name: v.name, columns: v.columns as string[] });
  }
  return { views, problems };
}

/** The kind of a top-level property across a domain's events (the first that declares it). */
function kindIn(events: readonly TaxonomyEvent[], column: string): ValueKind | undefined {
  for (const e of events) {
    const p = e.properties.find((x) => x.name === column);
    if (p) return kindOf(p);
  }
  return undefined;
}

function columnSql(d: Dialect, events: readonly TaxonomyEvent[], column: string): string {
  const ident = d.ident(column);
  if (column === 'id') return `ROW_NUMBER() OVER (ORDER BY ${d.ident('occurred_at')}, ${d.byteOrder(d.ident('event_id'))}) AS ${ident}`;
  if (column === 'event_type') return `${d.ident('event_name')} AS ${ident}`;
  if (column === 'created_at') {
    return d.name === 'sqlite'
      ? `strftime('%Y-%m-%d %H:%M:%S', ${d.ident('occurred_at')} / 1000, 'unixepoch') AS ${ident}`
      : `(${d.ident('occurred_at')} AT TIME ZONE 'UTC') AS ${ident}`;
  }
  const kind = kindIn(events, column);
  if (!kind) return `${d.nullOf('string')} AS ${ident}`;
  // Objects as JSON text, as the team's table stores them.
  const x = d.extract(d.ident('properties'), [column], kind);
  return `${kind === 'json' && d.name === 'postgres' ? `CAST(${x} AS TEXT)` : x} AS ${ident}`;
}

/** `DROP VIEW` and `CREATE VIEW` of one compatibility view in one dialect. */
export function compatViewSql(model: TaxonomyModel, d: Dialect, v: CompatView, table: string): { drop: string; create: string } {
  const domain = model.domains.find((x) => x.name === v.domain) as Domain;
  const events = model.events.filter((e) => e.domain === v.domain);
  const relation = d.relation(v.name);
  const names = events.map((e) => d.literal(e.name)).join(', ');
  const create = [
    `-- compatibility view of domain ${commentText(domain.name)}: the table its team queries (${v.columns.join(', ')})`,
    `CREATE VIEW ${relation} AS`,
    `SELECT\n  ${v.columns.map((c) => columnSql(d, events, c)).join(',\n  ')}`,
    `FROM ${table}`,
    `WHERE ${d.ident('event_name')} IN (${names || d.literal('')});`,
  ].join('\n');
  return { drop: `DROP VIEW IF EXISTS ${relation};`, create };
}
