import type { TaxonomyModel } from '@taxonomy/core';
import type { MetricPlan, PlanSource } from '@taxonomy/gen-sql';
import { prng, Values, type Schema } from './values.js';

export interface SampleEnvelope {
  event: string;
  id: string;
  version: number;
  timestamp: string;
  properties: Record<string, unknown>;
  /** Who sent it, as a tracker's context says (the coverage report's "library and version"). */
  context: { library: { name: string; version: string } };
}

export interface SampleOptions {
  /** How many events in all (at least one per event of the taxonomy, and the metrics' scripted ones). */
  readonly events: number;
  readonly seed: number;
  /** Every event is before this instant (ms), within `days` of it. */
  readonly asOf: number;
  readonly days: number;
  /** The sending library's version (the CLI's). */
  readonly libraryVersion?: string;
}

export interface SampleSet {
  /** Valid events, in time order. */
  readonly valid: SampleEnvelope[];
  /** One refused event per domain (an unknown property): the quarantine has something to show. */
  readonly invalid: SampleEnvelope[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

function setPath(o: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = o;
  for (const seg of path.slice(0, -1)) cur = (cur[seg] && typeof cur[seg] === 'object' ? cur[seg] : (cur[seg] = {})) as Record<string, unknown>;
  if (value === undefined) delete cur[path[path.length - 1]!];
  else cur[path[path.length - 1]!] = value;
}

/** A value that passes a filter (the first of its OR branches): sample events then count in the metric. */
function satisfy(s: PlanSource, props: Record<string, unknown>): void {
  for (const f of s.anyOf[0] ?? []) {
    const v = f.value;
    switch (f.op) {
      case 'eq': setPath(props, f.column.segments, v); break;
      case 'in': if (Array.isArray(v) && v.length) setPath(props, f.column.segments, v[0]); break;
      case 'gt': if (typeof v === 'number') setPath(props, f.column.segments, v + 1); break;
      case 'gte': case 'lte': if (typeof v === 'number') setPath(props, f.column.segments, v); break;
      case 'lt': if (typeof v === 'number') setPath(props, f.column.segments, v - 1); break;
      case 'not_exists': setPath(props, f.column.segments, undefined); break;
      default: break; // neq, not_in, exists: a full sample usually passes; checked by the validators after
    }
  }
}

/** The schema of a property by path inside an event schema's `properties`. */
function schemaAt(event: Schema, path: readonly string[]): Schema {
  let s: Schema = event.properties?.properties ?? {};
  for (const seg of path) s = s.properties?.[seg] ?? {};
  return s;
}

/** A join key of a story, of the type its property takes. */
function keyValue(s: Schema, key: string, plan: number, story: number): string | number {
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  if (type === 'integer' || type === 'number') return 100_000 + plan * 100 + story;
  if (s.format === 'uuid') return `${(plan + 1).toString(16).padStart(8, '0')}-${(story + 1).toString(16).padStart(4, '0')}-4000-8000-000000000000`;
  return key;
}

/** The sources of a plan in the order a story plays them (funnel steps and duration sides in order). */
function storySources(p: MetricPlan): PlanSource[] {
  if (p.funnel) return [...p.funnel.steps];
  if (p.duration) return [p.duration.from, p.duration.to];
  // A ratio's denominator twice (two keys), its numerator once (the first key): at most 100%.
  if (p.numerator) return [...(p.denominator?.sources ?? []), ...(p.denominator?.sources ?? []), ...p.numerator.sources];
  return [...(p.measure?.sources ?? [])];
}

/** Events only a ratio's numerator reads: random ones would count keys their denominator never saw. */
function numeratorOnly(plans: readonly MetricPlan[]): Set<string> {
  const num = new Set<string>(), den = new Set<string>();
  for (const p of plans) {
    for (const s of p.numerator?.sources ?? []) num.add(s.event);
    for (const s of [...(p.denominator?.sources ?? []), ...(p.measure?.sources ?? []), ...(p.funnel?.steps ?? []), ...(p.duration ? [p.duration.from, p.duration.to] : [])]) den.add(s.event);
  }
  return new Set([...num].filter((e) => !den.has(e)));
}

/**
 * A deterministic sample data set: every event of the taxonomy once, then per metric a few
 * "stories" (each of its sources in order, on one join key, passing its filters, all in one
 * bucket) spread over the last days so every metric has a value, then random events up to the
 * count. Same options, same events, byte for byte.
 */
export function sampleEvents(model: TaxonomyModel, plans: readonly MetricPlan[], schemaOf: (event: string, version: number) => Schema | undefined, o: SampleOptions): SampleSet {
  const r = prng(o.seed);
  const v = new Values(r);
  const events = model.events.filter((e) => schemaOf(e.name, e.version));
  const byName = new Map(events.map((e) => [e.name, e]));
  let n = 0;
  const make = (name: string, ts: number, full: boolean): SampleEnvelope => {
    const e = byName.get(name)!;
    const s = schemaOf(e.name, e.version)!;
    const props = v.object(s.properties?.properties ?? {}, ts, full);
    return { event: e.name, id: `sample-${o.seed}-${String(n++).padStart(7, '0')}`, version: e.version, timestamp: new Date(ts).toISOString(), properties: props, context: { library: { name: 'taxonomy sample-data', version: o.libraryVersion ?? '0' } } };
  };
  const start = o.asOf - o.days * DAY;
  const randomTs = () => start + Math.floor(r() * (o.days * DAY - HOUR));
  const out: SampleEnvelope[] = events.map((e) => make(e.name, randomTs(), false));
  const stories = Math.max(2, Math.min(8, Math.floor(o.events / Math.max(1, plans.length * 6))));
  for (const p of plans) {
    const sources = storySources(p).filter((s) => byName.has(s.event));
    for (let j = 0; j < stories; j++) {
      // Inside every window: the last day for the first story (7d windows), then back in time.
      const t0 = o.asOf - (j === 0 ? 0.5 * DAY : Math.floor(r() * Math.min(o.days, 28) * DAY)) - 3 * HOUR;
      const key = `${p.name}-${o.seed}-${j}`;
      const half = p.numerator ? (p.denominator?.sources.length ?? 0) : -1;
      sources.forEach((s, i) => {
        const env = make(s.event, t0 + i * 60_000, true);
        satisfy(s, env.properties);
        const schema = schemaOf(s.event, byName.get(s.event)!.version)!;
        if (s.key) setPath(env.properties, s.key.segments, keyValue(schemaAt(schema, s.key.segments), key, plans.indexOf(p), j));
        // A ratio's distinct values: the numerator's key is the first denominator key.
        if (s.value && p.numerator) {
          const second = half > 0 && i >= half && i < 2 * half;
          setPath(env.properties, s.value.segments, keyValue(schemaAt(schema, s.value.segments), `${key}${second ? '-b' : ''}`, plans.indexOf(p), j * 2 + (second ? 1 : 0)));
        }
        out.push(env);
      });
    }
  }
  const skip = numeratorOnly(plans);
  const names = events.map((e) => e.name).filter((n) => !skip.has(n));
  while (out.length < o.events) out.push(make(v.pick(names), randomTs(), false));
  out.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.id < b.id ? -1 : 1));
  const invalid = model.domains.filter((d) => d.events.some((x) => byName.has(x))).map((d) => {
    const env = make(d.events.find((x) => byName.has(x))!, randomTs(), false);
    env.id = `sample-${o.seed}-invalid-${d.name}`;
    env.properties = { ...env.properties, sampleNotInTheTaxonomy: true };
    return env;
  });
  return { valid: out, invalid };
}
