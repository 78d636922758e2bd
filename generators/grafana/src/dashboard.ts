// One Grafana dashboard (the JSON model Grafana imports and provisions) per category: a panel
// per declared Prometheus metric its metrics-only events update. Taxonomy text (titles, help,
// descriptions) only ever goes in as JSON string values, written by JSON.stringify.
import { createHash } from 'node:crypto';
import type { Category, PrometheusMetric, TaxonomyModel } from '@taxonomy/core';
import { counterQueries, histogramQueries, type Query } from './promql.js';

/** The dashboard model version the JSON is written for (Grafana 10.4 and later read it). */
export const SCHEMA_VERSION = 39;
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;
const WIDTH = 12, HEIGHT = 8;
const PROM_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Events sent only to destinations of kind metrics (Prometheus), by category. */
export function metricsOnlyByCategory(model: TaxonomyModel): Map<string, Set<string>> {
  const kind = new Map(model.destinations.map((d) => [d.name, d.kind]));
  const out = new Map<string, Set<string>>();
  for (const e of model.events) {
    if (!e.destinations.length || !e.destinations.every((d) => kind.get(d) === 'metrics')) continue;
    const c = e.category ?? 'uncategorised';
    if (!out.has(c)) out.set(c, new Set());
    out.get(c)!.add(e.name);
  }
  return out;
}

/** The declared metrics updated by any of these events: counters first, then histograms, each by name. */
export function metricsOf(model: TaxonomyModel, events: ReadonlySet<string>): PrometheusMetric[] {
  return model.prometheus
    .filter((m) => m.events.some((e) => events.has(e.event)))
    .sort((a, b) => (a.type === b.type ? (a.name < b.name ? -1 : 1) : a.type === 'counter' ? -1 : 1));
}

/** Grafana uids are at most 40 characters of [a-zA-Z0-9_-]: a readable prefix and a hash of the full name. */
export function uidOf(taxonomy: string, category: string): string {
  const slug = `${taxonomy}-${category}`.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').slice(0, 30);
  return `${slug}-${createHash('sha256').update(`${taxonomy}\u0000${category}`).digest('hex').slice(0, 8)}`;
}

const UNITS: Record<string, string> = { seconds: 's', milliseconds: 'ms', bytes: 'bytes' };

function panel(m: PrometheusMetric, i: number): object {
  if (!PROM_NAME.test(m.name)) throw new Error(`Prometheus metric name '${m.name}' is not valid PromQL`);
  for (const l of m.labels) if (!LABEL_NAME.test(l.name)) throw new Error(`label '${l.name}' of '${m.name}' is not a valid Prometheus label name`);
  const queries: Query[] = m.type === 'counter' ? counterQueries(m) : histogramQueries(m);
  const by = m.labels.length ? ` by ${m.labels.map((l) => l.name).join(', ')}` : '';
  return {
    id: i + 1,
    type: 'timeseries',
    title: m.type === 'counter' ? `${m.name} (per second${by})` : `${m.name} (p50, p90, p99${by})`,
    description: `${m.help}\n\nUpdated by: ${m.events.map((e) => e.event + (e.observe ? ` (observes ${e.observe})` : '')).join(', ')}.`,
    datasource: DATASOURCE,
    gridPos: { h: HEIGHT, w: WIDTH, x: (i % 2) * WIDTH, y: Math.floor(i / 2) * HEIGHT },
    fieldConfig: { defaults: { unit: m.type === 'counter' ? 'ops' : UNITS[m.unit ?? ''] ?? 'short' }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
    targets: queries.map((q, j) => ({ refId: String.fromCharCode(65 + j), datasource: DATASOURCE, expr: q.expr, legendFormat: q.legendFormat, range: true })),
  };
}

export function dashboard(model: TaxonomyModel, category: Category | undefined, id: string, metrics: readonly PrometheusMetric[]): object {
  return {
    uid: uidOf(model.name, id),
    title: `${model.name}: ${id}`,
    description: category?.description ?? '',
    tags: ['taxonomy', model.name, id],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    annotations: { list: [] },
    links: [],
    templating: { list: [{ name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus', current: {}, hide: 0, refresh: 1, regex: '', options: [] }] },
    panels: metrics.map(panel),
  };
}
