// Names become identifiers and file names in every target. PostgreSQL cuts identifiers at 63
// bytes, and the SQL and dbt generators refuse a name that would not fit rather than let two
// collide; a refused event would lose its view and its dbt model with only a line in a
// generated README. So `check` refuses such names first, at their place, before any write.
// The same bound keeps every generated file name far below the 255 bytes a file system allows.
import type { Diagnostic } from './diagnostics.js';
import type { Property, TaxonomyModel } from './model.js';

/** PostgreSQL's identifier length (the shortest of the SQL targets). */
export const MAX_SQL_NAME = 63;
/** The longest prefix of an event's SQL names (view `ev_<name>`, dbt model `stg_<name>`), and a metric's. */
const EVENT_PREFIX = 'stg_';
const METRIC_PREFIX = 'metric_';

/** An event's SQL name part: `.` and a namespace's `/` are written `__`, `$` `_` (as the SQL generator names it). */
const sqlLength = (name: string) => name.replace(/[./]/g, '__').length;

/** Errors for event, metric and property names too long for a SQL identifier. */
export function nameLengthFindings(model: TaxonomyModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const eventMax = MAX_SQL_NAME - EVENT_PREFIX.length;
  for (const e of model.events) {
    if (sqlLength(e.name) > eventMax) out.push({
      code: 'naming/too-long', severity: 'error', location: e.location,
      message: `event name is ${e.name.length} characters; as the dbt model ${EVENT_PREFIX}<name> (a '.' written '__') it needs ${sqlLength(e.name) + EVENT_PREFIX.length}, over the ${MAX_SQL_NAME} a SQL name may have`,
      hint: `shorten the event name to at most ${eventMax} characters, counting each '.' as two`,
    });
  }
  // Shared properties once, where they are defined; an event's own, where the event defines them.
  for (const p of model.properties) tooLongProperty(p as Property, '', out);
  for (const e of model.events) for (const p of e.properties) if (p.origin === 'event') tooLongProperty(p, '', out);
  for (const m of model.metrics) {
    if (m.name.length + METRIC_PREFIX.length <= MAX_SQL_NAME) continue;
    const location = (m as { location?: Diagnostic['location'] }).location;
    out.push({
      code: 'naming/too-long', severity: 'error', ...(location ? { location } : {}),
      message: `metric id '${m.name.slice(0, 40)}…' is ${m.name.length} characters; its SQL view ${METRIC_PREFIX}<id> would be over the ${MAX_SQL_NAME} characters a SQL name may have`,
      hint: `shorten the metric id to at most ${MAX_SQL_NAME - METRIC_PREFIX.length} characters`,
    });
  }
  return out;
}

/** A property whose column (path segments joined by `__`) would not fit; one finding per property. */
function tooLongProperty(p: Property, prefix: string, out: Diagnostic[]): void {
  const column = prefix ? `${prefix}__${p.name}` : p.name;
  if (column.length > MAX_SQL_NAME) {
    out.push({
      code: 'naming/too-long', severity: 'error', location: p.location,
      message: `property '${p.name.slice(0, 40)}${p.name.length > 40 ? '…' : ''}' makes a SQL column of ${column.length} characters, over the ${MAX_SQL_NAME} a SQL name may have`,
      hint: 'shorten the property name (a nested property’s column is its path with __ between the names)',
    });
    return;
  }
  for (const child of p.properties ?? []) tooLongProperty(child, column, out);
}
