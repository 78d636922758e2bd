import { tableNames, type SqlModule, type SqlReader } from '@taxonomy/collector';
import type { TaxonomyModel } from '@taxonomy/core';

/** What real traffic sends against the plan: the live inspection panel and `taxonomy inspect`. */
export interface CoverageReport {
  readonly asOf: string;
  readonly since: string;
  readonly unseenDays: number;
  readonly totals: { readonly stored: number; readonly quarantined: number };
  readonly events: readonly EventCoverage[];
  /** Events of the taxonomy never stored at all. */
  readonly neverSeen: readonly string[];
  /** Active events not stored for `unseenDays` or more (never seen included): `inspect` exits 1. */
  readonly stale: readonly string[];
  /** Names received that the taxonomy does not have (quarantined). */
  readonly unknown: readonly { readonly event: string; readonly count: number }[];
  /** Refused events per event and property (the path of each validation error). */
  readonly properties: readonly { readonly event: string; readonly property: string; readonly count: number }[];
  /** Who sent the events: the write key's source and the library the envelope's context names. */
  readonly libraries: readonly { readonly source: string | null; readonly library: string | null; readonly version: string | null; readonly count: number }[];
}

export interface EventCoverage {
  readonly event: string;
  readonly domain: string;
  readonly status: string;
  /** Stored since `since`. */
  readonly volume: number;
  /** Quarantined since `since`. */
  readonly quarantined: number;
  /** quarantined / (volume + quarantined); null without either. */
  readonly violationRate: number | null;
  /** When it last occurred (any time), or null. */
  readonly lastSeen: string | null;
}

const DAY = 86_400_000;

/** Rows with instants in ms (SQLite) or timestamps (pg), as ms. */
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v)));

/** The property an error path names: /properties/a/b → a. */
function propertyOf(path: string): string {
  const m = /^\/properties\/([^/]+)/.exec(path);
  return m ? m[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : path || '(event)';
}

export async function coverage(reader: SqlReader, sql: SqlModule, model: TaxonomyModel, o: { sinceMs: number; asOfMs: number; unseenDays: number }): Promise<CoverageReport> {
  const t = tableNames(sql.EVENTS_TABLE);
  const pg = reader.dialect === 'postgres';
  const at = (v: number) => (pg ? new Date(v).toISOString() : v);
  const p = (i: number) => (pg ? `$${i}` : '?');
  const [seen, last, quarantine, errors, libs] = await Promise.all([
    reader.all(`SELECT event_name, COUNT(*) AS n FROM "${t.events}" WHERE occurred_at >= ${p(1)} GROUP BY event_name`, [at(o.sinceMs)]),
    reader.all(`SELECT event_name, MAX(occurred_at) AS last FROM "${t.events}" GROUP BY event_name`),
    reader.all(`SELECT event_name, COUNT(*) AS n FROM "${t.quarantine}" WHERE received_at >= ${p(1)} GROUP BY event_name`, [at(o.sinceMs)]),
    // The newest refused events only: a property breakdown, not an audit.
    reader.all(`SELECT event_name, errors FROM "${t.quarantine}" WHERE received_at >= ${p(1)} ORDER BY received_at DESC LIMIT 5000`, [at(o.sinceMs)]),
    reader.all(pg
      ? `SELECT x.source, (x.context::jsonb)->'library'->>'name' AS library, (x.context::jsonb)->'library'->>'version' AS version, COUNT(*) AS n FROM "${t.envelopes}" x JOIN "${t.events}" e ON e.event_id = x.event_id WHERE e.occurred_at >= $1 GROUP BY 1, 2, 3`
      : `SELECT x.source, json_extract(x.context, '$.library.name') AS library, json_extract(x.context, '$.library.version') AS version, COUNT(*) AS n FROM "${t.envelopes}" x JOIN "${t.events}" e ON e.event_id = x.event_id WHERE e.occurred_at >= ? GROUP BY 1, 2, 3`, [at(o.sinceMs)]),
  ]);
  const count = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [String(r.event_name), Number(r.n)]));
  const volume = count(seen), refused = count(quarantine);
  const lastSeen = new Map(last.map((r) => [String(r.event_name), ms(r.last)]));
  const known = new Set(model.events.map((e) => e.name));
  const events: EventCoverage[] = model.events.map((e) => {
    const v = volume.get(e.name) ?? 0, q = refused.get(e.name) ?? 0, l = lastSeen.get(e.name) ?? null;
    return { event: e.name, domain: e.domain, status: e.status, volume: v, quarantined: q, violationRate: v + q ? q / (v + q) : null, lastSeen: l === null ? null : new Date(l).toISOString() };
  }).sort((a, b) => (a.event < b.event ? -1 : 1));
  const cutoff = o.asOfMs - o.unseenDays * DAY;
  const props = new Map<string, number>();
  for (const r of errors) {
    let list: { path?: string }[] = [];
    try { list = JSON.parse(String(r.errors)) as { path?: string }[]; } catch { /* kept as (event) */ }
    const names = new Set((Array.isArray(list) ? list : []).map((x) => propertyOf(String(x?.path ?? ''))));
    for (const n of names.size ? names : ['(event)']) { const k = `${r.event_name ?? '(no name)'}\u0000${n}`; props.set(k, (props.get(k) ?? 0) + 1); }
  }
  return {
    asOf: new Date(o.asOfMs).toISOString(), since: new Date(o.sinceMs).toISOString(), unseenDays: o.unseenDays,
    totals: { stored: [...volume.values()].reduce((a, b) => a + b, 0), quarantined: [...refused.values()].reduce((a, b) => a + b, 0) },
    events,
    neverSeen: events.filter((e) => e.lastSeen === null).map((e) => e.event),
    stale: model.events.filter((e) => e.status === 'active').filter((e) => { const l = lastSeen.get(e.name); return l === undefined || l === null || l < cutoff; }).map((e) => e.name).sort(),
    unknown: [...refused].filter(([n]) => !known.has(n)).map(([event, c]) => ({ event, count: c })).sort((a, b) => b.count - a.count || (a.event < b.event ? -1 : 1)),
    properties: [...props].map(([k, c]) => { const [event, property] = k.split('\u0000'); return { event: event!, property: property!, count: c }; }).sort((a, b) => b.count - a.count || (a.event < b.event ? -1 : a.event > b.event ? 1 : a.property < b.property ? -1 : 1)),
    libraries: libs.map((r) => ({ source: (r.source as string | null) ?? null, library: (r.library as string | null) ?? null, version: (r.version as string | null) ?? null, count: Number(r.n) })).sort((a, b) => b.count - a.count),
  };
}
