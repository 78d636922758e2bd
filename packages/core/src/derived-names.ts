// Names derived from event names must never collide. Within a domain, names that fold to one
// (`Order Completed`, `order_completed`) are refused by identity/event. Across domains they are
// legitimate, and each target keeps them apart: the tracker per domain, Python and Go by
// numbered variants, SQL and dbt by appending the domain. That last rule can still meet an
// event that already has the suffixed name; this check refuses such a taxonomy at the event,
// with file, line and column, before any generator runs (the SQL generator would otherwise
// fail with no location).
import type { Diagnostic } from './diagnostics.js';
import { foldName } from './resolve/identity.js';
import type { TaxonomyEvent, TaxonomyModel } from './model.js';

/**
 * The view (or dbt model) name part of an event: lower case, `.` and a namespace's `/` become
 * `__`, and `$`, a space and a namespace's `-` become `_` (workspace.created and
 * workspace_created stay apart; 'Order Completed' is order_completed;
 * io.snowplow.ecomm/add_to_cart is io__snowplow__ecomm__add_to_cart).
 */
export function eventSqlName(event: string): string {
  return event.replace(/[./]/g, '__').replace(/[$ -]/g, '_').toLowerCase();
}

interface Named { readonly name: string; readonly domain: string }

/** Two events that claim one SQL name even after the domain suffix. */
export interface SqlNameClash { readonly sqlName: string; readonly first: string; readonly second: string }

/**
 * The SQL name of every event, unique across the taxonomy. The rule: the event whose own name
 * already is its SQL name keeps it (so a twin added elsewhere never renames an existing view);
 * every other event of a group sharing one SQL name gets `__<domain>` appended. Names still
 * shared after that are returned as clashes (the later event in name order gets no name).
 */
export function uniqueEventSqlNames(events: readonly Named[]): { names: Map<string, string>; clashes: SqlNameClash[] } {
  const groups = new Map<string, Named[]>();
  for (const e of events) {
    const base = eventSqlName(e.name);
    const g = groups.get(base);
    if (g) g.push(e); else groups.set(base, [e]);
  }
  const names = new Map<string, string>();
  const owner = new Map<string, string>();
  const clashes: SqlNameClash[] = [];
  const claim = (event: string, name: string) => {
    const other = owner.get(name);
    if (other !== undefined) { clashes.push({ sqlName: name, first: other, second: event }); return; }
    owner.set(name, event);
    names.set(event, name);
  };
  const keeper = (base: string, group: readonly Named[]) => (group.length === 1 ? group[0] : group.find((e) => e.name === base));
  // Keepers claim first, so a suffixed name can never take a keeper's.
  for (const [base, group] of groups) {
    const k = keeper(base, group);
    if (k) claim(k.name, base);
  }
  for (const [base, group] of groups) {
    const k = keeper(base, group);
    for (const e of group) if (e !== k) claim(e.name, `${base}__${eventSqlName(e.domain)}`);
  }
  return { names, clashes };
}

/** identity/derived: events whose SQL view and dbt model names would collide across domains. */
export function derivedNameFindings(model: TaxonomyModel): Diagnostic[] {
  const byName = new Map(model.events.map((e) => [e.name, e]));
  return uniqueEventSqlNames(model.events).clashes.map((c) => {
    const first = byName.get(c.first)!;
    const second = byName.get(c.second)!;
    const l = first.location;
    return {
      code: 'identity/derived', severity: 'error' as const, location: second.location,
      message: `event '${second.name}' (domain ${second.domain}) and '${first.name}' (domain ${first.domain}, ${l.file}:${l.line}:${l.column}) both derive the SQL view and dbt model name '${c.sqlName}' (case folded, '.' as '__', '$' and ' ' as '_', the domain appended to keep twins apart)`,
      hint: `rename one of the two events so that their derived names differ`,
    };
  });
}

/**
 * identity/namespace: a namespace shadows another when an event's identity reads the same as
 * another's with the namespace boundary moved or dropped (io.snowplow/ecomm.add_to_cart against
 * io.snowplow.ecomm/add_to_cart, or against an event io.snowplow.ecomm.add_to_cart of a domain
 * without a namespace): a reader cannot tell which vendor an event belongs to, and every
 * identifier derived from them (views, types, methods) folds to one.
 */
export function namespaceFindings(model: TaxonomyModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, TaxonomyEvent>();
  const key = (e: TaxonomyEvent) => foldName(e.name.replace('/', '.'));
  // Sorted by place, so the finding is on the later definition and names the earlier one.
  const byPlace = [...model.events].sort((a, b) => (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.line - b.location.line));
  for (const e of byPlace) {
    const first = seen.get(key(e));
    if (!first) { seen.set(key(e), e); continue; }
    if (first.namespace === e.namespace) continue; // the same namespace: identity/event's case, within a domain
    const l = first.location;
    const ns = (x: TaxonomyEvent) => (x.namespace ? `namespace '${x.namespace}'` : 'no namespace');
    out.push({
      code: 'identity/namespace', severity: 'error', location: e.location,
      message: `event '${e.name}' (${ns(e)}, domain ${e.domain}) reads as '${first.name}' (${ns(first)}, domain ${first.domain}, ${l.file}:${l.line}:${l.column}) once the namespace boundary is ignored: one namespace shadows the other, and every identifier derived from them would collide`,
      hint: `rename one of the events, or give the namespaces names that are not a prefix of one another plus the event's first segment`,
    });
  }
  return out;
}
