/**
 * Names: which taxonomy names may reach SQL, and the SQL names derived from them.
 *
 * The core loader already refuses names outside these patterns; the generator checks
 * again because a model can be built by hand (tests, other tools), and a name that
 * reaches SQL must be safe on its own, not because an earlier step happened to run.
 */
import { eventSqlName, uniqueEventSqlNames } from '@taxonomy/core';

/** A property key or one segment of a dotted path (the core's propertyName pattern). */
export const PROPERTY_SEGMENT = /^\$?[A-Za-z_][A-Za-z0-9_]*$/;
/** An event's identity as sent on the wire (the core's eventRef pattern: an optional `namespace/`, then dotted segments of space-separated words). */
export const EVENT_NAME = /^([a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*\/)?\$?[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*(\.[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*)*$/;
/** A metric id (the core's identifier pattern). */
export const METRIC_NAME = /^[a-z][a-z0-9_]*$/;
/** Every SQL name we emit: plain ASCII, so quoting is a formality in every dialect. */
export const SQL_NAME = /^[a-z_][a-z0-9_]*$/i;
/** PostgreSQL truncates identifiers at 63 bytes; we refuse rather than let two names collide. */
export const MAX_NAME = 63;

/** Columns of every event view that do not come from properties. */
export const ENVELOPE_VIEW_COLUMNS = ['event_id', 'event_version', 'occurred_at', 'received_at'] as const;
/** Columns of metric views that do not come from group_by. */
export const METRIC_OUTPUT_COLUMNS = ['bucket', 'value', 'step', 'event'] as const;

export function isSafePath(path: string): boolean {
  return path.includes('.') ? path.split('.').every((s) => PROPERTY_SEGMENT.test(s)) : PROPERTY_SEGMENT.test(path);
}

/** The view (or dbt model) name part of an event (core's rule: `.` as `__`, `$` and ' ' as `_`, lower case). */
export { eventSqlName };

/**
 * The SQL name of every event, unique across the taxonomy (documented in the SQL README; the
 * rule is core's uniqueEventSqlNames). Events of different domains may differ only in case or
 * separators (`signup`, `SIGNUP`, `Sign Up`): the event whose own name already is that SQL name
 * keeps it, every other one gets `__<domain>` appended. Within one domain such twins are refused
 * by the loader (identity/event), and a name still shared after the suffix by identity/derived;
 * a model built by hand that reaches here with one is an error naming both events.
 */
export function uniqueSqlNames(events: readonly { readonly name: string; readonly domain: string }[]): Map<string, string> {
  const { names, clashes } = uniqueEventSqlNames(events);
  const c = clashes[0];
  if (c) throw new Error(`events '${c.first}' and '${c.second}' both map to the SQL name '${c.sqlName}' (view, dbt model); rename one of them`);
  return names;
}

/** The column of a property path: segments joined by `__`, `$` becomes `_` (BigQuery allows no `$`). */
export function columnName(path: string): string {
  return path.replace(/\$/g, '_').replace(/\./g, '__');
}

/** computeDeflectionRate for deflection_rate. */
export function functionName(metric: string): string {
  return 'compute' + metric.split('_').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** Double-quoted identifier (SQL standard; SQLite, PostgreSQL, DuckDB, Snowflake). */
export function quoteDouble(name: string): string {
  assertSqlName(name);
  return `"${name.replace(/"/g, '""')}"`;
}

/** Back-quoted identifier (BigQuery, ClickHouse). */
export function quoteBack(name: string): string {
  assertSqlName(name);
  return '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
}

/**
 * The last line of defence: every identifier passes here before it is quoted. Names are
 * derived from validated taxonomy names, so failing here is a bug, not a user mistake.
 */
export function assertSqlName(name: string): void {
  if (!SQL_NAME.test(name) || name.length > MAX_NAME) throw new Error(`internal: unsafe SQL identifier ${JSON.stringify(name)}`);
}

/**
 * Text for a `--` comment: one line, no control characters, so taxonomy prose can never
 * end the comment and start a statement.
 */
export function commentText(text: string | undefined, max = 240): string {
  const flat = (text ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
