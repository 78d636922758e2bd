import type { Grain } from '@taxonomy/gen-sql';
import type { MetricData, MetricReader } from '../metrics/metric-data.js';
import type { CategoryLayout } from './layout.js';

const DAY = 86_400_000;

/** What a category page asks for: its metrics' own windows (the views, as of now), or a range. */
export type PageRange =
  | { readonly kind: 'own' }
  | { readonly kind: 'range'; readonly sinceMs: number; readonly asOfMs: number; readonly grain?: Grain };

export interface ChartData extends MetricData {
  /** A card's sparkline: its value per day over the same range. */
  readonly spark?: MetricData;
}

export interface PageData {
  readonly category: string;
  readonly asOf: string;
  readonly since: string | null;
  readonly grain: string | null;
  readonly metrics: readonly ChartData[];
}

/** A range from the page's query string: range=own|7d|30d|90d, or from/to dates; grain=day|week|month. */
export function parseRange(q: URLSearchParams, now: number): PageRange {
  const range = q.get('range') ?? 'own';
  const grainText = q.get('grain');
  const grain = grainText === 'day' || grainText === 'week' || grainText === 'month' ? grainText : undefined;
  if (grainText && !grain && grainText !== 'own') throw new RangeError(`grain must be day, week, month or own; got '${grainText}'`);
  if (range === 'own' && !grain) return { kind: 'own' };
  if (range === 'custom') {
    const from = Date.parse(q.get('from') ?? ''), to = Date.parse(q.get('to') ?? '');
    if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) throw new RangeError('a custom range needs from and to dates (YYYY-MM-DD), from before to');
    // `to` is a day: the range ends when that day ends.
    return { kind: 'range', sinceMs: from, asOfMs: to + DAY, ...(grain ? { grain } : {}) };
  }
  const m = /^(\d{1,4})d$/.exec(range === 'own' ? '30d' : range);
  if (!m) throw new RangeError(`range must be own, 7d, 30d, 90d or custom; got '${range}'`);
  return { kind: 'range', sinceMs: now - Number(m[1]) * DAY, asOfMs: now, ...(grain ? { grain } : {}) };
}

/** Every metric of a category page, read from the store (one query per metric; a card adds its sparkline). */
export async function pageData(reader: MetricReader, page: CategoryLayout, range: PageRange, now: number): Promise<PageData> {
  const metrics: ChartData[] = [];
  for (const m of page.metrics) {
    if (range.kind === 'own') {
      const data = await reader.read(m.metric);
      metrics.push(m.chart === 'card' ? { ...data, spark: await reader.read(m.metric, { asOfMs: now, sinceMs: now - 30 * DAY, grain: 'day' }) } : data);
      continue;
    }
    // A chosen grain applies to the metrics drawn over time; distributions and cards keep theirs.
    const grain = m.grain && range.grain ? range.grain : undefined;
    const data = await reader.read(m.metric, { asOfMs: range.asOfMs, sinceMs: range.sinceMs, grain, ownWindow: false });
    metrics.push(m.chart === 'card' ? { ...data, spark: await reader.read(m.metric, { asOfMs: range.asOfMs, sinceMs: range.sinceMs, grain: 'day', ownWindow: false }) } : data);
  }
  return {
    category: page.id, asOf: new Date(range.kind === 'own' ? now : range.asOfMs).toISOString(),
    since: range.kind === 'own' ? null : new Date(range.sinceMs).toISOString(), grain: range.kind === 'own' ? null : range.grain ?? null, metrics,
  };
}
