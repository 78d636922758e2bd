import { Counter, Histogram, register as globalRegistry, type Registry } from 'prom-client';
import type { Envelope, EventSpec, MetricSpec, Sink } from './types.js';

export interface PrometheusSinkOptions {
  /** The generated events table (`events` from the tracker package). Metrics are made for its metrics events. */
  events: Readonly<Record<string, EventSpec>>;
  /** Registry to register the metrics in. Default prom-client's global registry. */
  registry?: Registry;
  /** Prefix of every derived counter name (events without declared metrics). Declared metric names are used as written. Default ''. */
  prefix?: string;
  /** Sink name in stats(). Default 'prometheus'. */
  name?: string;
}

/** Label value for values outside the taxonomy's enum: keeps cardinality bounded whatever the app sends. */
export const OTHER = 'other';

/** A Prometheus metric name for an event: `[a-zA-Z_:][a-zA-Z0-9_:]*`, suffixed `_total`. */
export function counterName(prefix: string, event: string): string {
  let n = `${prefix}${event}`.replace(/[^a-zA-Z0-9_:]+/g, '_');
  if (!/^[a-zA-Z_:]/.test(n)) n = `_${n}`;
  return `${n}_total`;
}

/**
 * The label value of a property value for a declared label: the value as text
 * (booleans `true`/`false`, numbers in JavaScript's shortest form) when it is one
 * of the label's normalised values, else `other` (a missing value included).
 * Every runtime normalises the same way (docs/runtime-contract.md).
 */
export function normalizeLabel(value: unknown, allowed: readonly string[]): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return OTHER;
  const s = String(value);
  return allowed.includes(s) ? s : OTHER;
}

type Metric = Counter<string> | Histogram<string>;

function declare(registry: Registry, m: MetricSpec): Metric {
  const existing = registry.getSingleMetric(m.name) as Metric | undefined;
  if (existing) return existing;
  const labelNames = Object.keys(m.labels);
  return m.type === 'histogram'
    ? new Histogram({ name: m.name, help: m.help, labelNames, buckets: [...(m.buckets ?? [])], registers: [registry] })
    : new Counter({ name: m.name, help: m.help, labelNames, registers: [registry] });
}

/** Updates an event's declared metrics: counters by one, histograms by the observed property when it is a finite number. */
function record(metrics: ReadonlyMap<string, Metric>, specs: readonly MetricSpec[], e: Envelope): void {
  for (const m of specs) {
    const metric = metrics.get(m.name)!;
    const labels: Record<string, string> = {};
    for (const [label, allowed] of Object.entries(m.labels)) labels[label] = normalizeLabel(e.properties[label], allowed);
    if (m.type === 'histogram') {
      const v = e.properties[m.observe ?? ''];
      if (typeof v === 'number' && Number.isFinite(v)) (metric as Histogram<string>).observe(labels, v);
    } else (metric as Counter<string>).inc(labels);
  }
}

/**
 * Node helper for metrics-only events (seed 003's Prometheus-only events). An event
 * with metrics declared in the taxonomy (`prometheus:`) updates exactly those counters
 * and histograms, with their label sets and normalised values. A metrics event with
 * none declared gets one derived counter `<event>_total`, labelled by its
 * low-cardinality enum/boolean properties (the spec's `labels`): a value outside the
 * enum is counted under 'other', a missing one under ''.
 */
export function prometheusSink(options: PrometheusSinkOptions): Sink & { readonly counters: ReadonlyMap<string, Counter<string>>; readonly metrics: ReadonlyMap<string, Metric> } {
  const registry = options.registry ?? globalRegistry;
  const prefix = options.prefix ?? '';
  const counters = new Map<string, Counter<string>>();
  const metrics = new Map<string, Metric>();
  for (const spec of Object.values(options.events).sort((a, b) => (a.event < b.event ? -1 : 1))) {
    if (!spec.kinds?.includes('metrics')) continue;
    if (spec.metrics?.length) {
      for (const m of spec.metrics) if (!metrics.has(m.name)) metrics.set(m.name, declare(registry, m));
      continue;
    }
    const name = counterName(prefix, spec.event);
    const labelNames = Object.keys(spec.labels ?? {}).sort();
    const existing = registry.getSingleMetric(name) as Counter<string> | undefined;
    counters.set(spec.event, existing ?? new Counter({ name, help: `Count of '${spec.event}' events (from the analytics taxonomy).`, labelNames, registers: [registry] }));
  }
  return {
    name: options.name ?? 'prometheus',
    accepts: { kinds: ['metrics'] },
    batchSize: 500,
    counters,
    metrics,
    send(events, ctx) {
      for (const e of events) {
        const spec = options.events[e.event];
        if (spec?.metrics?.length) { record(metrics, spec.metrics, e); ctx.ok([e]); continue; }
        const counter = counters.get(e.event);
        if (!counter || !spec) { ctx.fail([e], 'rejected', `no counter for '${e.event}' (not a metrics event of the table)`); continue; }
        const labels: Record<string, string> = {};
        for (const [label, allowed] of Object.entries(spec.labels ?? {})) {
          const v = e.properties[label];
          const s = v === undefined || v === null ? '' : String(v);
          labels[label] = s === '' || allowed.includes(s) ? s : OTHER;
        }
        counter.inc(labels);
        ctx.ok([e]);
      }
    },
  };
}
