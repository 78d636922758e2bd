import type { TaxonomyEvent } from '@taxonomy/core';
import type { EventColumn } from './columns.js';
import type { Dialect } from './dialect.js';
import { commentText, ENVELOPE_VIEW_COLUMNS } from './names.js';
import { render } from './templates.js';

/** The SELECT list of an event's typed view: envelope columns, then every property. */
export function eventSelectList(d: Dialect, columns: readonly EventColumn[], json = d.ident('properties')): string[] {
  return [
    ...ENVELOPE_VIEW_COLUMNS.map((c) => d.ident(c)),
    ...columns.map((c) => `${d.extract(json, c.segments, c.kind)} AS ${d.ident(c.column)}`),
  ];
}

/** The WHERE of an event's view: its name (a literal: event names are escaped like any text). */
export function eventWhere(d: Dialect, e: TaxonomyEvent): string {
  return `${d.ident('event_name')} = ${d.literal(e.name)}`;
}

export function eventViewSql(d: Dialect, e: TaxonomyEvent, view: string, table: string, columns: readonly EventColumn[]): string {
  const summary = commentText(e.description);
  return render('event-view.sql', {
    event: commentText(e.name),
    version: e.version,
    summary: summary ? `: ${summary}` : '',
    view: d.relation(view),
    columns: eventSelectList(d, columns),
    table: d.relation(table),
    where: eventWhere(d, e),
  });
}
