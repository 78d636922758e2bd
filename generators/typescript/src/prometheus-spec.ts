import type { TaxonomyModel } from '@taxonomy/core';
import type { MetricSpec } from '@taxonomy/runtime';

/** The declared Prometheus metrics of each event, in the event's binding order. */
export function metricSpecsByEvent(model: TaxonomyModel): Map<string, MetricSpec[]> {
  const byName = new Map(model.prometheus.map((m) => [m.name, m]));
  const out = new Map<string, MetricSpec[]>();
  for (const e of model.events) {
    if (!e.prometheus?.length) continue;
    const list: MetricSpec[] = [];
    for (const b of e.prometheus) {
      const m = byName.get(b.metric);
      if (!m) continue;
      const labels: Record<string, readonly string[]> = {};
      for (const l of m.labels) labels[l.name] = l.values;
      const spec: { -readonly [K in keyof MetricSpec]: MetricSpec[K] } = { name: m.name, type: m.type, help: m.help, labels };
      if (m.buckets) spec.buckets = m.buckets;
      if (b.observe) spec.observe = b.observe;
      list.push(spec);
    }
    out.set(e.name, list);
  }
  return out;
}
