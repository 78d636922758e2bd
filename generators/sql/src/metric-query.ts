import type { Compiled } from './compile.js';
import type { Dialect, Grain } from './dialect.js';
import { metricColumns, metricSelect, type MetricSelect } from './metric-sql.js';
import type { MetricPlan } from './plan.js';

/** Bound parameters of a metric query, by dialect: the as-of instant, then the range's start. */
const PARAMS: Readonly<Record<string, { asOf: string; since: string }>> = {
  sqlite: { asOf: '?', since: '?' },
  postgres: { asOf: 'CAST($1 AS TIMESTAMPTZ)', since: 'CAST($2 AS TIMESTAMPTZ)' },
  duckdb: { asOf: 'CAST($1 AS TIMESTAMPTZ)', since: 'CAST($2 AS TIMESTAMPTZ)' },
};

export interface MetricQuery {
  readonly metric: string;
  /** One statement with two bound parameters: as_of and since in that order, each used once (SQLite: ms; PostgreSQL: ISO text). */
  readonly sql: string;
  readonly columns: readonly string[];
  readonly grain: Grain | undefined;
}

/** A SELECT with its CTEs as one statement. */
export function statement(sel: MetricSelect): string {
  return `WITH\n${sel.ctes.map((c) => `${c.name} AS ${c.hint ?? ''}(\n${c.body}\n)`).join(',\n')}\n${sel.select}`;
}

/**
 * A metric's view as a query over a range: only events with since <= occurred_at < as_of exist
 * (and the metric's own window, which is a look-back from as_of), bucketed by `grain` instead of
 * the metric's own (null: no bucket); `ownWindow: false` drops the metric's look-back window so the
 * range alone decides. The same compiler as the views, so with the metric's own
 * grain, as_of the view's as-of and since before every event, it returns the view's rows.
 */
export function metricQuery(d: Dialect, c: Compiled, plan: MetricPlan, relationOf: (event: string) => string, grain?: Grain | null, options: { readonly ownWindow?: boolean } = {}): MetricQuery {
  const p = PARAMS[d.name];
  if (!p) throw new Error(`metric queries are built for ${Object.keys(PARAMS).join(', ')}; not ${d.name}`);
  const viewOf = new Map(c.events.map((e) => [e.event.name, e.sqlName]));
  let planned: MetricPlan = grain === undefined ? plan : { ...plan, grain: grain ?? undefined };
  // ownWindow false: the range replaces a look-back window (a funnel's window is its conversion window and stays).
  if (options.ownWindow === false && planned.type !== 'funnel') planned = { ...planned, windowMs: undefined, window: undefined };
  const sel = metricSelect({ d, relation: (ev) => d.relation(relationOf(viewOf.get(ev) ?? ev)), asOf: p.asOf, since: p.since }, planned);
  return { metric: plan.name, sql: statement(sel), columns: metricColumns(planned), grain: planned.grain };
}
