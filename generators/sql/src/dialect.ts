/**
 * What differs between SQL engines, as small expression builders. The statements
 * themselves (views, CTE chains) are the same templates for every dialect; only these
 * fragments change, so one metric means the same thing everywhere.
 */

export const DIALECT_NAMES = ['sqlite', 'postgres', 'duckdb', 'bigquery', 'snowflake', 'clickhouse'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** How a property value is typed in SQL: scalars by taxonomy type, objects and arrays as JSON. */
export type ValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'json';
export type Grain = 'day' | 'week' | 'month';

/** Column types of the raw events table in one dialect. */
export interface TableTypes {
  readonly text: string;
  readonly int: string;
  /** The instant type: occurred_at, received_at, as_of. */
  readonly ts: string;
  readonly json: string;
}

export interface Dialect {
  readonly name: DialectName;
  /** Shown in comments and docs. */
  readonly title: string;
  readonly types: TableTypes;
  /** A quoted identifier (the name is validated first). */
  ident(name: string): string;
  /** A table or view name, qualified where the dialect needs it (BigQuery's dataset). */
  relation(name: string): string;
  /** A string literal with every character escaped as this dialect's lexer requires. */
  literal(value: string): string;
  bool(value: boolean): string;
  /** A property value from the JSON `properties` column, typed. */
  extract(json: string, segments: readonly string[], kind: ValueKind): string;
  /**
   * The rows of a JSON array column, one per item (over:): `join` follows the FROM list (a
   * lateral join; no rows for a NULL or a non-array), `item` is the JSON of one item, read with extract.
   */
  unnest(array: string, alias: string): { readonly join: string; readonly item: string };
  /** A typed NULL (UNION ALL branches need one type per column). */
  nullOf(kind: ValueKind): string;
  float(expr: string): string;
  intDiv(a: string, b: string): string;
  mod(a: string, b: string): string;
  /** The as-of instant: the latest row of the as-of relation (a quoted name, a dbt source), else the current time. */
  asOf(relation: string): string;
  minusMs(ts: string, ms: number): string;
  plusMs(ts: string, ms: number): string;
  /** b − a in milliseconds, as a number. */
  msBetween(a: string, b: string): string;
  /** The UTC calendar bucket (a DATE, or 'YYYY-MM-DD' text in SQLite) of an instant. */
  bucket(grain: Grain, ts: string): string;
  /** An expression ordering event ids byte-wise (PostgreSQL's default collation is the locale's). */
  byteOrder(expr: string): string;
  /** The name of one of our own CTEs (fixed lower-case words); quoted like any identifier unless set. */
  cte?(name: string): string;
  /** Written before a CTE's body to make the engine compute it once (a funnel's events are read once per step). */
  readonly materialize?: string;
}

/** A CTE name in this dialect. */
export function cteName(d: Dialect, name: string): string {
  return d.cte ? d.cte(name) : d.ident(name);
}

/** Standard SQL string: quotes doubled. Used where backslash is not an escape character. */
export function standardLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A string literal for lexers where backslash escapes (BigQuery, ClickHouse). */
export function backslashLiteral(value: string): string {
  const body = value.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case "'": return "\\'";
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
    }
  });
  return `'${body}'`;
}

/** `$."a"."b"`: segments are validated (no quotes, no backslashes), so quoting them is enough. */
export function jsonPath(segments: readonly string[]): string {
  return '$' + segments.map((s) => `."${s}"`).join('');
}
