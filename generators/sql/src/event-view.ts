import type { TaxonomyEvent } from '@taxonomy/core';
import type { EventColumn } from './columns.js';
import type { Dialect } from './dialect.js';
import { commentText, ENVELOPE_VIEW_COLUMNS } from './names.js';
import { filler } from './templates.js';

/** The SELECT list of an event's typed view: envelope columns, then every property. */
export function eventSelectList(d: Dialect, columns: readonly EventColumn[], json = d.ident('properties')): string[] {
  return [
    ...ENVELOPE_VIEW_COLUMNS.map((c) => d.ident(c)),
    ...columns.map((c) => `${guarded(d, c, d.extract(json, c.segments, c.kind))} AS ${d.ident(c.column)}`),
  ];
}

/** A column read only from some versions' rows (version-views.ts): NULL on the others. */
function guarded(d: Dialect, c: EventColumn, expr: string): string {
  return c.versions ? `CASE WHEN ${d.ident('event_version')} IN (${c.versions.join(', ')}) THEN ${expr} END` : expr;
}

/**
 * The SELECT list as the view prints it (two-space indent, one entry a line, comma-separated),
 * for many events of one dialect. The expression of a column depends only on its path, kind
 * and name, and a large taxonomy repeats the same shared and global properties on most events,
 * so each is built (escaped, quoted) once per dialect instead of once per event.
 */
export function selectLister(d: Dialect, json = d.ident('properties')): (columns: readonly EventColumn[]) => string {
  const envelope = ENVELOPE_VIEW_COLUMNS.map((c) => `  ${d.ident(c)}`).join(',\n');
  const seen = new Map<string, { readonly kind: string; readonly column: string; readonly text: string }>();
  const entry = (c: EventColumn): string => {
    if (c.versions) return [',\n  ', guarded(d, c, d.extract(json, c.segments, c.kind)), ' AS ', d.ident(c.column)].join('');
    const hit = seen.get(c.path);
    if (hit && hit.kind === c.kind && hit.column === c.column) return hit.text;
    // Joined, not a template literal: a flat string is copied as is into every view that uses it.
    const text = [',\n  ', d.extract(json, c.segments, c.kind), ' AS ', d.ident(c.column)].join('');
    if (!hit) seen.set(c.path, { kind: c.kind, column: c.column, text });
    return text;
  };
  // join gives one flat string: a view kept as a rope of small pieces costs the GC more than its text.
  return (columns) => {
    const parts = [envelope];
    for (const c of columns) parts.push(entry(c));
    return parts.join('');
  };
}

/** The WHERE of an event's view: its name (a literal: event names are escaped like any text). */
export function eventWhere(d: Dialect, e: TaxonomyEvent): string {
  return `${d.ident('event_name')} = ${d.literal(e.name)}`;
}

/** The comment line of an event's view, the same in every dialect. */
export function eventHeading(e: TaxonomyEvent): { readonly event: string; readonly summary: string } {
  const summary = commentText(e.description);
  return { event: commentText(e.name), summary: summary ? `: ${summary}` : '' };
}

const eventView = filler('event-view.sql', ['event', 'version', 'summary', 'view', 'columns', 'table', 'where']);

/** The view of one version of an event (`version`), or of every version (undefined): see version-views.ts. */
export function versionViewSql(d: Dialect, e: TaxonomyEvent, version: number | undefined, live: readonly number[], relation: string, table: string, columns: string): string {
  const heading = eventHeading(e);
  return eventView({
    event: heading.event, view: relation, columns, table,
    version: version ?? live.join(', v'),
    summary: version === undefined ? ': every live version, the columns they all share' : `: the rows sent as version ${version}${heading.summary}`,
    where: versionWhere(d, e, version),
  });
}

/** The WHERE of a version's view: the event's rows stored with that version (every row when undefined). */
export function versionWhere(d: Dialect, e: TaxonomyEvent, version: number | undefined): string {
  return version === undefined ? eventWhere(d, e) : `${eventWhere(d, e)} AND ${d.ident('event_version')} = ${version}`;
}

/** `relation` and `table` are quoted relations (dialect.relation), `columns` from selectLister. */
export function eventViewSql(d: Dialect, e: TaxonomyEvent, relation: string, table: string, columns: string, heading = eventHeading(e)): string {
  return eventView({ event: heading.event, summary: heading.summary, version: e.version, view: relation, columns, table, where: eventWhere(d, e) });
}
