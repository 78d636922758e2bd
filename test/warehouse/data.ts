// A deterministic data set generated from the taxonomy: every event the metrics read, with
// values of the right types, small id pools so joins, funnels and distinct counts have
// something to find, ties, missing and null values, and events on the window edges.
import type { Property, Shape, TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import type { MetricPlan, PlanSource } from '@taxonomy/gen-sql';

export interface Envelope {
  event: string;
  id: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

/** mulberry32: a small, fast, deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const isId = (p: Property) => /(Id|_id|^id)$/.test(p.name) || p.format === 'uuid';

class Values {
  constructor(private readonly r: () => number) {}
  int(n: number) { return Math.floor(this.r() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }

  shape(s: Shape, name: string, ts: number, id: boolean): unknown {
    if (s.nullable && this.r() < 0.08) return null;
    if (s.const !== undefined) return s.const;
    if (s.enum?.length) return this.pick(s.enum);
    switch (s.type) {
      case 'string':
        if (id) return `${name}-${this.int(12)}`;
        if (s.format === 'date-time') return new Date(ts).toISOString();
        if (s.format === 'currency') return this.pick(['USD', 'EUR', 'JPY']);
        return `${name}-${this.pick(['a', 'b', 'c', 'd', 'e'])}`;
      case 'integer': return this.int(400);
      case 'number': return Math.round(this.r() * 500_000) / 100;
      case 'boolean': return this.r() < 0.5;
      case 'array':
        // Arrays of objects (a purchase's items, measured with over:) get one or two of them.
        if (s.items?.type === 'object' && s.items.properties) return Array.from({ length: 1 + this.int(2) }, () => this.object(s.items!.properties!, ts));
        return s.items?.type === 'string' ? [this.pick(['x', 'y'])] : [];
      case 'object':
        if (s.properties) return this.object(s.properties, ts);
        return s.values ? { k: this.shape(s.values, 'v', ts, false) } : {};
    }
  }

  object(props: readonly Property[], ts: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (!p.required && this.r() < 0.2) continue;
      out[p.name] = this.shape(p, p.name, ts, isId(p));
    }
    return out;
  }
}

export interface DataSetOptions {
  readonly count: number;
  readonly seed: number;
  readonly asOf: number;
  /** Events spread over [asOf − days, asOf + 2 days): some are after as-of, on purpose. */
  readonly days: number;
}

/**
 * `count` events over the events the plans read (funnel and key events weighted up so that
 * deep funnels are reached), then a few events exactly on every window's edges.
 */
export function generateEvents(model: TaxonomyModel, plans: readonly MetricPlan[], o: DataSetOptions): Envelope[] {
  const r = prng(o.seed);
  const v = new Values(r);
  const byName = new Map(model.events.map((e) => [e.name, e]));
  const weights = new Map<string, number>();
  for (const p of plans) for (const e of p.events) weights.set(e, Math.max(weights.get(e) ?? 1, p.type === 'funnel' ? 4 : 1));
  const names = [...weights.keys()].sort();
  const total = names.reduce((a, n) => a + weights.get(n)!, 0);
  const drawEvent = () => {
    let x = r() * total;
    for (const n of names) { x -= weights.get(n)!; if (x < 0) return n; }
    return names[names.length - 1]!;
  };
  const out: Envelope[] = [];
  const span = (o.days + 2) * DAY;
  let last = o.asOf - o.days * DAY;
  const make = (e: TaxonomyEvent, ts: number): Envelope => ({ event: e.name, id: `e${String(out.length).padStart(7, '0')}`, timestamp: new Date(ts).toISOString(), properties: v.object(e.properties, ts) });
  for (let i = 0; i < o.count; i++) {
    // 5% share the previous event's instant: ties must be broken the same way everywhere.
    const ts = r() < 0.05 ? last : o.asOf - o.days * DAY + Math.floor(r() * span);
    last = ts;
    out.push(make(byName.get(drawEvent())!, ts));
  }
  // Complete funnel paths and duration pairs on keys of their own, so that deep steps are
  // reached whatever the random events do (with a tie on the first two steps).
  const setPath = (o: Record<string, unknown>, path: readonly string[], value: unknown) => {
    let cur = o;
    for (const seg of path.slice(0, -1)) cur = (cur[seg] && typeof cur[seg] === 'object' ? cur[seg] : (cur[seg] = {})) as Record<string, unknown>;
    cur[path[path.length - 1]!] = value;
  };
  const scripted = (sources: readonly PlanSource[], key: string, start: number) => sources.forEach((s, i) => {
    const env = make(byName.get(s.event)!, start + Math.max(0, i - 1) * 3_600_000);
    for (const f of s.anyOf[0] ?? []) if (f.op === 'eq') setPath(env.properties, f.column.segments, f.value);
    setPath(env.properties, s.key!.segments, key);
    out.push(env);
  });
  for (const p of plans) {
    const start = o.asOf - Math.floor((10 + r() * 20) * DAY);
    for (let j = 0; j < 3; j++) {
      if (p.funnel) scripted(p.funnel.steps, `${p.name}-path-${j}`, start + j * DAY);
      if (p.duration) scripted([p.duration.from, p.duration.to, p.duration.to], `${p.name}-pair-${j}`, start + j * DAY);
    }
  }
  for (const p of plans) {
    if (!p.windowMs || p.type === 'funnel') continue;
    const e = byName.get(p.events[0]!)!;
    for (const ts of [o.asOf - p.windowMs, o.asOf - p.windowMs - 1, o.asOf, o.asOf - 1]) out.push(make(e, ts));
  }
  return out;
}
