import { eventAtVersion, hasOlderVersions, type TaxonomyEvent } from '@taxonomy/core';
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
    return { event: at, version: v.version, sqlName: `${sqlName}__v${v.version}`, columns: at === e ? newest : eventColumns(at).columns };
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
