import { jsonText } from '@taxonomy/runtime';
import type { TaxonomyModel } from '@taxonomy/core';
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
export function csvField(v: string | number | bigint | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

// jsonText: a bigint (an integer beyond 2^53, stored exactly) as its digits.
const json = (v: unknown) => (v === null || v === undefined ? null : jsonText(v)!);

function record(e: StoredEvent): Record<(typeof CSV_COLUMNS)[number], string | number | null> {
  return {
    event_id: e.event_id, event_name: e.event_name, event_version: e.event_version,
    occurred_at: new Date(e.occurred_at).toISOString(), received_at: new Date(e.received_at).toISOString(),
    org_id: e.org_id, workspace_id: e.workspace_id, user_id: e.user_id, session_id: e.session_id, source: e.source,
    properties: jsonText(e.properties)!, person: json(e.person), context: json(e.context), dimensions: json(e.dimensions),
  };
}

/**
 * A preset: the columns of a table a team already reads (a domain's `x-compat-view`, as
 * the generated SQL compatibility view has them) and the events of that domain. Column
 * meanings are the view's: `id` the row number in export order, `event_type` the event name,
 * `created_at` the occurrence as UTC 'YYYY-MM-DD HH:MM:SS' (SQLite's CURRENT_TIMESTAMP),
 * any other column the top-level property of that name (objects as JSON text).
 */
export interface ExportPreset { readonly name: string; readonly columns: readonly string[]; readonly events: readonly string[] }

/** The presets a taxonomy declares, by domain name (seed 004: `slackbot`). */
export function exportPresets(model: TaxonomyModel): ExportPreset[] {
  return model.domains.flatMap((d) => {
    const v = d.extensions['x-compat-view'] as { columns?: unknown } | undefined;
    if (!v || !Array.isArray(v.columns) || !v.columns.every((c) => typeof c === 'string')) return [];
    return [{ name: d.name, columns: v.columns as string[], events: model.events.filter((e) => e.domain === d.name).map((e) => e.name) }];
  });
}

/** A preset by name, or a RangeError naming the ones there are. */
export function exportPreset(model: TaxonomyModel, name: string): ExportPreset {
  const all = exportPresets(model);
  const p = all.find((x) => x.name === name);
  if (!p) throw new RangeError(`no export preset '${name}'; ${all.length ? `the taxonomy declares ${all.map((x) => `'${x.name}'`).join(', ')}` : 'the taxonomy declares none (a domain\'s x-compat-view: { name, columns })'}`);
  return p;
}

const sqlTimestamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function presetRecord(e: StoredEvent, columns: readonly string[], id: number): Record<string, string | number | bigint | null> {
  const value = (c: string): string | number | bigint | null => {
    if (c === 'id') return id;
    if (c === 'event_type') return e.event_name;
    if (c === 'created_at') return sqlTimestamp(e.occurred_at);
    const v = Object.hasOwn(e.properties, c) ? e.properties[c] : null;
    if (v === null || v === undefined) return null;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? v : jsonText(v)!;
  };
  return Object.fromEntries(columns.map((c) => [c, value(c)]));
}

/**
 * Streams stored events as CSV (a header, then one line per event; JSON columns as JSON
 * text) or NDJSON (one object per line, JSON columns as JSON), in (occurred_at, event_id)
 * order. `write` may return a promise (backpressure). Returns the number of events.
 */
export async function exportEvents(store: Store, format: ExportFormat, query: ExportQuery, write: (chunk: string) => void | Promise<void>, preset?: ExportPreset): Promise<number> {
  const columns: readonly string[] = preset ? preset.columns : CSV_COLUMNS;
  let buf = format === 'csv' ? columns.join(',') + '\r\n' : '';
  let n = 0;
  const q = preset ? { ...query, events: query.events ? query.events.filter((x) => preset.events.includes(x)) : [...preset.events] } : query;
  // An --event list with none of the preset's events selects nothing (an empty list would mean all).
  const none = q.events !== undefined && q.events.length === 0;
  for await (const e of none ? [] : store.exportEvents(q)) {
    if (preset) {
      const r = presetRecord(e, preset.columns, n + 1);
      buf += format === 'csv' ? preset.columns.map((c) => csvField(r[c]!)).join(',') + '\r\n' : jsonText(r) + '\n';
      n++;
      if (buf.length > 65_536) { await write(buf); buf = ''; }
      continue;
    }
    const r = record(e);
    if (format === 'csv') buf += CSV_COLUMNS.map((c) => csvField(r[c])).join(',') + '\r\n';
    else buf += jsonText({ ...r, properties: e.properties, person: e.person, context: e.context, dimensions: e.dimensions }) + '\n';
    n++;
    if (buf.length > 65_536) { await write(buf); buf = ''; }
  }
  if (buf) await write(buf);
  return n;
}
