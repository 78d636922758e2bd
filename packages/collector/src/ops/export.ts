import type { ExportQuery, Store, StoredEvent } from '../store/types.js';

export type ExportFormat = 'csv' | 'ndjson';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * An instant from `--since`/`--until`: a duration back from now (`30d`, `12h`, `90m`, `2w`) or
 * an ISO 8601 date or date-time. Throws a RangeError saying what it accepts.
 */
export function parseSince(value: string, now = Date.now()): number {
  const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(value.trim());
  if (m) return now - Number(m[1]) * UNITS[m[2]!]!;
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    const t = Date.parse(value.trim());
    if (Number.isFinite(t)) return t;
  }
  throw new RangeError(`'${value}' is neither a duration (30d, 12h, 90m, 2w) nor an ISO date (2026-01-31, 2026-01-31T12:00:00Z)`);
}

export const CSV_COLUMNS = ['event_id', 'event_name', 'event_version', 'occurred_at', 'received_at', 'org_id', 'workspace_id', 'user_id', 'session_id', 'source', 'properties', 'person', 'context', 'dimensions'] as const;

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

function record(e: StoredEvent): Record<(typeof CSV_COLUMNS)[number], string | number | null> {
  return {
    event_id: e.event_id, event_name: e.event_name, event_version: e.event_version,
    occurred_at: new Date(e.occurred_at).toISOString(), received_at: new Date(e.received_at).toISOString(),
    org_id: e.org_id, workspace_id: e.workspace_id, user_id: e.user_id, session_id: e.session_id, source: e.source,
    properties: JSON.stringify(e.properties), person: json(e.person), context: json(e.context), dimensions: json(e.dimensions),
  };
}

/**
 * Streams stored events as CSV (a header, then one line per event; JSON columns as JSON
 * text) or NDJSON (one object per line, JSON columns as JSON), in (occurred_at, event_id)
 * order. `write` may return a promise (backpressure). Returns the number of events.
 */
export async function exportEvents(store: Store, format: ExportFormat, query: ExportQuery, write: (chunk: string) => void | Promise<void>): Promise<number> {
  let buf = format === 'csv' ? CSV_COLUMNS.join(',') + '\r\n' : '';
  let n = 0;
  for await (const e of store.exportEvents(query)) {
    const r = record(e);
    if (format === 'csv') buf += CSV_COLUMNS.map((c) => csvField(r[c])).join(',') + '\r\n';
    else buf += JSON.stringify({ ...r, properties: e.properties, person: e.person, context: e.context, dimensions: e.dimensions }) + '\n';
    n++;
    if (buf.length > 65_536) { await write(buf); buf = ''; }
  }
  if (buf) await write(buf);
  return n;
}
