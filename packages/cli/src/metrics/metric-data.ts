import { checkViews, StoreError, type Row, type SqlModule, type SqlReader } from '@taxonomy/collector';
import type { TaxonomyModel } from '@taxonomy/core';
import { compile, dialectFor, metricQuery, sqlNames, type Compiled, type Grain } from '@taxonomy/gen-sql';

/** One metric's rows as read from the store, normalised across dialects. */
export interface MetricData {
  readonly metric: string;
  readonly type: string;
  readonly view: string;
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, string | number | boolean | null>[];
  /** Why there are no rows when the query failed (the chart says it). */
  readonly error?: string;
}

export interface MetricRange {
  /** The as-of instant (ms): only events before it. */
  readonly asOfMs: number;
  /** Only events at or after it (ms); undefined: the metric's own window only. */
  readonly sinceMs?: number;
  /** The bucket; undefined: the metric's own; null: none. */
  readonly grain?: Grain | null;
  /** False: the range replaces the metric's look-back window (a dashboard's 90 days). Default true. */
  readonly ownWindow?: boolean;
}

/** A SQL value as JSON: dates as YYYY-MM-DD, counts (bigint text in pg) as numbers. */
function norm(column: string, v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'bigint') return Number(v);
  if ((column === 'value' || column === 'step') && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

const sortRows = (columns: readonly string[]) => (a: Row, b: Row) => {
  for (const c of columns) {
    if (c === 'value') continue;
    const x = a[c], y = b[c];
    if (x === y) continue;
    if (x === null || x === undefined) return -1;
    if (y === null || y === undefined) return 1;
    return (x as number) < (y as number) ? -1 : 1;
  }
  return 0;
};

/** Reads metrics from the store: the views themselves, or the same compiled SQL over a range. */
export class MetricReader {
  private compiled?: Compiled;

  constructor(readonly reader: SqlReader, readonly sql: SqlModule, readonly model?: TaxonomyModel) {}

  /** The metrics the SQL package has views for, in name order. */
  get metrics(): readonly { metric: string; view: string; type: string; columns: readonly string[] }[] {
    return [...(this.sql.METRIC_VIEWS ?? [])].sort((a, b) => (a.metric < b.metric ? -1 : 1));
  }

  /** Fails with a StoreError unless the store holds the collector's tables and the current views. */
  async check(): Promise<{ events: number }> {
    let n: number;
    try {
      n = Number((await this.reader.all(`SELECT COUNT(*) AS n FROM "${this.sql.EVENTS_TABLE}"`))[0]?.n ?? 0);
    } catch {
      throw new StoreError(`${this.reader.where} has no events table "${this.sql.EVENTS_TABLE}": is it the store \`taxonomy serve\` writes? (pass --db <file> or --postgres <url>)`, false);
    }
    await checkViews(this.reader, this.sql);
    return { events: n };
  }

  private param(ms: number): number | string {
    return this.reader.dialect === 'sqlite' ? ms : new Date(ms).toISOString();
  }

  /** An instant before every event. */
  private beforeAll(): number | string {
    return this.reader.dialect === 'sqlite' ? Number.MIN_SAFE_INTEGER : '-infinity';
  }

  /** One metric; a failing query is reported in `error`, never thrown. */
  async read(metric: string, range?: MetricRange): Promise<MetricData> {
    const v = this.metrics.find((m) => m.metric === metric);
    if (!v) return { metric, type: 'unknown', view: '', columns: [], rows: [], error: `no view for metric '${metric}' in the sql package` };
    let columns = v.columns;
    try {
      let rows: Row[];
      if (!range || (range.sinceMs === undefined && range.grain === undefined && range.asOfMs === undefined)) {
        rows = await this.reader.all(`SELECT * FROM "${v.view}"`);
      } else {
        if (!this.model) throw new Error('a range needs the taxonomy (run in the repository, or without --since)');
        const names = sqlNames((this.model.generators.sql?.options ?? {}) as Parameters<typeof sqlNames>[0]);
        this.compiled ??= compile(this.model, { event: names.eventViewPrefix, metric: names.metricViewPrefix });
        const plan = this.compiled.plans.find((p) => p.name === metric);
        if (!plan) throw new Error(`metric '${metric}' is not in the taxonomy any more`);
        const qy = metricQuery(dialectFor(this.reader.dialect, { bigqueryDataset: 'analytics' }), this.compiled, plan, (ev) => `${names.eventViewPrefix}${ev}`, range.grain, { ownWindow: range.ownWindow !== false });
        columns = qy.columns;
        rows = await this.reader.all(qy.sql, [this.param(range.asOfMs), range.sinceMs === undefined ? this.beforeAll() : this.param(range.sinceMs)]);
      }
      const out = rows.map((r) => Object.fromEntries(columns.map((c) => [c, norm(c, r[c])])));
      out.sort(sortRows(columns));
      return { metric, type: v.type, view: v.view, columns, rows: out };
    } catch (e) {
      return { metric, type: v.type, view: v.view, columns, rows: [], error: (e as Error).message };
    }
  }
}
