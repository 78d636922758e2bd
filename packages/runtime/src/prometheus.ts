import { Counter, register as globalRegistry, type Registry } from 'prom-client';
import type { EventSpec, Sink } from './types.js';

export interface PrometheusSinkOptions {
  /** The generated events table (`events` from the tracker package). Counters are made for its metrics events. */
  events: Readonly<Record<string, EventSpec>>;
  /** Registry to register the counters in. Default prom-client's global registry. */
  registry?: Registry;
  /** Prefix of every counter name. Default ''. */
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
 * Node helper for metrics-only events (seed 003's Prometheus-only events): one
 * prom-client counter per event routed to a metrics destination, labelled only
 * by the event's low-cardinality enum/boolean properties (the taxonomy's `labels`).
 * A value outside the enum is counted under 'other', a missing one under ''.
 */
export function prometheusSink(options: PrometheusSinkOptions): Sink & { readonly counters: ReadonlyMap<string, Counter<string>> } {
  const registry = options.registry ?? globalRegistry;
  const prefix = options.prefix ?? '';
  const counters = new Map<string, Counter<string>>();
  for (const spec of Object.values(options.events).sort((a, b) => (a.event < b.event ? -1 : 1))) {
    if (!spec.kinds?.includes('metrics')) continue;
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
    send(events, ctx) {
      for (const e of events) {
        const counter = counters.get(e.event);
        const spec = options.events[e.event];
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
