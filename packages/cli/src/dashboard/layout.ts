import type { Metric, TaxonomyModel } from '@taxonomy/core';

/** How a metric is drawn: by its kind, as the dashboard issue lists them. */
export type ChartKind =
  | 'trend' // ratio over time: a line with its target
  | 'bars' // count, distinct count, sum over time (grouped bars per group, never summed)
  | 'line' // average, duration over time
  | 'histogram' // counts by a value (no time): a distribution
  | 'categories' // a value per group (no time)
  | 'funnel' // steps with conversion between them
  | 'card'; // one number, with a sparkline of its days

export interface MetricLayout {
  readonly metric: string;
  readonly type: string;
  readonly description: string;
  readonly target?: string;
  /** A number in the target text (0.6 from "≥ 60%"), drawn as a line. */
  readonly targetValue?: number;
  readonly window?: string;
  readonly grain?: string;
  readonly groupBy: readonly string[];
  readonly chart: ChartKind;
  /** The position in groupBy of the binned property (a histogram's x axis); the other groups split it into series. */
  readonly binned?: number;
}

export interface CategoryLayout {
  readonly id: string;
  readonly description: string;
  readonly dashboard?: string;
  readonly metrics: readonly MetricLayout[];
}

export const UNCATEGORISED = 'uncategorised';

/** The first number of a target ("≥ 60%", "0.6", "under 2 s"); percentages as fractions. */
export function targetNumber(text: string | undefined): number | undefined {
  const m = text ? /(-?\d+(?:\.\d+)?)\s*(%)?/.exec(text) : null;
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 100 : Number(m[1]);
}

const binnedAt = (m: Metric) => m.groupBy.findIndex((g) => m.bins?.[g]);

export function chartOf(m: Metric): ChartKind {
  if (m.chart) return m.chart;
  if (m.type === 'funnel') return 'funnel';
  if (m.bins && !m.grain) return 'histogram';
  if (m.grain) return m.type === 'ratio' ? 'trend' : m.type === 'average' || m.type === 'duration' ? 'line' : 'bars';
  if (m.groupBy.length) return m.type === 'count' ? 'histogram' : 'categories';
  return 'card';
}

/**
 * One page per category: a metric belongs to the category most of the events it reads have
 * (ties: the first by name); metrics over uncategorised events share a page of their own.
 */
export function dashboardLayout(model: TaxonomyModel): CategoryLayout[] {
  const categoryOf = new Map(model.events.map((e) => [e.name, e.category]));
  const pages = new Map<string, MetricLayout[]>();
  for (const m of model.metrics) {
    const counts = new Map<string, number>();
    for (const e of m.events) { const c = categoryOf.get(e); if (c) counts.set(c, (counts.get(c) ?? 0) + 1); }
    const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? UNCATEGORISED;
    const list = pages.get(best) ?? [];
    list.push({
      metric: m.name, type: m.type, description: m.description, groupBy: [...m.groupBy], chart: chartOf(m), ...(binnedAt(m) >= 0 ? { binned: binnedAt(m) } : {}),
      ...(m.target ? { target: m.target } : {}), ...(targetNumber(m.target) !== undefined && m.type === 'ratio' ? { targetValue: targetNumber(m.target)! } : {}),
      ...(m.window ? { window: m.window } : {}), ...(m.grain ? { grain: m.grain } : {}),
    });
    pages.set(best, list);
  }
  const described = new Map(model.categories.map((c) => [c.name, c]));
  return [...pages].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, metrics]) => ({
    id, description: described.get(id)?.description ?? 'Metrics over events without a category.',
    ...(described.get(id)?.dashboard ? { dashboard: described.get(id)!.dashboard! } : {}),
    metrics: metrics.sort((a, b) => (a.metric < b.metric ? -1 : 1)),
  }));
}
