import { eventAtVersion, hasOlderVersions, revisionsOf, type EventVersion, type TaxonomyEvent } from '@taxonomy/core';
import { eventColumns, type EventColumn } from './columns.js';

/**
 * The views of an event that keeps older versions live (`versions:`): one per version
 * (`<name>__v<N>`, the rows sent as that version, with its own columns), and one over every
 * version (`<name>__all`) with the columns they share (same path, same kind).
 */
export interface VersionView {
  /** The event as it is at this version (for the heading); the event itself for `__all`. */
  readonly event: TaxonomyEvent;
  /** The version whose rows it reads; undefined for the view over every version. */
  readonly version?: number;
  readonly sqlName: string;
  readonly columns: readonly EventColumn[];
}

const key = (c: EventColumn) => `${c.path}\u0000${c.kind}`;

export function versionViews(e: TaxonomyEvent, sqlName: string, newest: readonly EventColumn[]): VersionView[] {
  if (!hasOlderVersions(e)) return [];
  const per = e.versions.map((v): VersionView => {
    const at = eventAtVersion(e, v);
    return { event: at, version: v.version, sqlName: `${sqlName}__v${v.version}`, columns: at === e ? newest : modelColumns(e, v, eventColumns(at).columns) };
  });
  const keys = per.map((p) => new Map(p.columns.map((c) => [key(c), c] as const)));
  const shared = newest
    .filter((c) => keys.every((k) => k.has(key(c))))
    .map((c) => ({ ...c, required: keys.every((k) => k.get(key(c))!.required) }));
  return [...per, { event: e, sqlName: `${sqlName}__all`, columns: shared }];
}

/**
 * The newest view (`<name>`) reads every row of the event. A column that an older version
 * holds with another kind (an integer id that became a string) is read only from the versions
 * where it has the newest kind, so no engine casts a value it cannot (PostgreSQL would fail).
 */
export function guardNewest(e: TaxonomyEvent, newest: readonly EventColumn[], views: readonly VersionView[]): EventColumn[] {
  if (!views.length) return [...newest];
  const older = views.filter((v) => v.version !== undefined && v.version !== e.version);
  return newest.map((c) => {
    const clash = older.filter((v) => v.columns.some((x) => x.path === c.path && x.kind !== c.kind)).map((v) => v.version!);
    if (!clash.length) return c;
    return { ...c, versions: e.versions.map((v) => v.version).filter((n) => !clash.includes(n)) };
  });
}

/**
 * The columns of one model (a live version) over the rows of every revision of it: rows do not
 * say which REVISION-ADDITION they were sent as, so a view of the model reads them all. The
 * version's own columns come first; a column only an earlier revision has (`revisions:`) follows,
 * newest revision first, never required (NULL on the rows of the others). A path the revisions
 * hold with different kinds (an integer that became a string) is read as JSON, the value as
 * sent: no guard can pick the kind per row, and no engine then casts a value it cannot.
 * `own`: the version's columns (eventColumns of the event at that version).
 */
export function modelColumns(e: TaxonomyEvent, v: EventVersion, own: readonly EventColumn[]): EventColumn[] {
  const earlier = [...revisionsOf(e, v)].reverse().map((r) => eventColumns(r).columns);
  if (!earlier.length) return [...own];
  const all = [own, ...earlier];
  const kinds = new Map<string, Set<string>>();
  const required = new Map<string, number>();
  for (const cols of all) {
    for (const c of cols) {
      (kinds.get(c.path) ?? kinds.set(c.path, new Set()).get(c.path)!).add(c.kind);
      if (c.required) required.set(c.path, (required.get(c.path) ?? 0) + 1);
    }
  }
  const out: EventColumn[] = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  for (const cols of all) {
    for (const c of cols) {
      if (paths.has(c.path) || names.has(c.column.toLowerCase())) continue;
      paths.add(c.path);
      names.add(c.column.toLowerCase());
      const mixed = kinds.get(c.path)!.size > 1;
      const { enum: _e, ...plain } = c;
      out.push({ ...(mixed ? { ...plain, kind: 'json' as const } : c), required: required.get(c.path) === all.length });
    }
  }
  return out;
}
