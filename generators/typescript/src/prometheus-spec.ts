import type { TaxonomyModel } from '@taxonomy/core';

/** What the runtime's Prometheus sink needs of one declared metric an event updates. */
export interface MetricSpecView {
  readonly name: string;
  readonly type: 'counter' | 'histogram';
  readonly help: string;
  /** Label name → normalised values, in declaration order (anything else is counted as 'other'). */
  readonly labels: Readonly<Record<string, readonly string[]>>;
  readonly buckets?: readonly number[];
  readonly observe?: string;
}

/** The declared Prometheus metrics of each event, in the event's binding order. */
export function metricSpecsByEvent(model: TaxonomyModel): Map<string, MetricSpecView[]> {
  const byName = new Map(model.prometheus.map((m) => [m.name, m]));
  const out = new Map<string, MetricSpecView[]>();
  for (const e of model.events) {
    if (!e.prometheus?.length) continue;
    const list: MetricSpecView[] = [];
    for (const b of e.prometheus) {
      const m = byName.get(b.metric);
      if (!m) continue;
      const labels: Record<string, readonly string[]> = {};
      for (const l of m.labels) labels[l.name] = l.values;
      const spec: { -readonly [K in keyof MetricSpecView]: MetricSpecView[K] } = { name: m.name, type: m.type, help: m.help, labels };
      if (m.buckets) spec.buckets = m.buckets;
      if (b.observe) spec.observe = b.observe;
      list.push(spec);
    }
    out.set(e.name, list);
  }
  return out;
}
