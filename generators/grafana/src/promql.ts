// PromQL of a panel, built from a declared metric only: names and labels are checked by the
// core resolver against Prometheus' grammar ([a-zA-Z_:][a-zA-Z0-9_:]*), so they print as they are.
import type { PrometheusMetric } from '@taxonomy/core';

/** Grafana's interval for rate(): at least four scrape intervals, whatever the zoom. */
export const RATE_INTERVAL = '$__rate_interval';

/** Quantiles drawn for every histogram. */
export const QUANTILES = [0.5, 0.9, 0.99] as const;

const by = (labels: readonly string[]) => (labels.length ? ` by (${labels.join(', ')})` : '');

export interface Query {
  readonly expr: string;
  readonly legendFormat: string;
}

/** Per-second rate of a counter, one series per combination of its labels. */
export function counterQueries(m: PrometheusMetric): Query[] {
  const labels = m.labels.map((l) => l.name);
  return [{ expr: `sum${by(labels)} (rate(${m.name}[${RATE_INTERVAL}]))`, legendFormat: legend(labels, '') }];
}

/** p50/p90/p99 of a histogram from its buckets, one series per quantile and combination of its labels. */
export function histogramQueries(m: PrometheusMetric): Query[] {
  const labels = m.labels.map((l) => l.name);
  return QUANTILES.map((q) => ({
    expr: `histogram_quantile(${q}, sum by (${['le', ...labels].join(', ')}) (rate(${m.name}_bucket[${RATE_INTERVAL}])))`,
    legendFormat: legend(labels, `p${Math.round(q * 100)}`),
  }));
}

function legend(labels: readonly string[], prefix: string): string {
  const parts = labels.map((l) => `{{${l}}}`);
  return [prefix, parts.join(' ')].filter(Boolean).join(' ') || '__auto';
}
