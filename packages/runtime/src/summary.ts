import type { Envelope } from './types.js';

/**
 * The per-session summary (seed 001's session.getProductAnalyticsSummary()): the taxonomy's
 * metrics marked `summary:` evaluated over the tracker's own recent events. The semantics are
 * those of the generated metrics package (packages/sql README, "What a metric computes"):
 * filters are false on a missing property (except exists / not_exists), count counts events
 * (or, with a property, events carrying it), distinct_count counts distinct values, sum sums,
 * average is null over nothing, a ratio is null when its denominator is 0. A grouped metric
 * is a map by the group's value (the seed's Record<currency, total>); an event without the
 * group property is grouped under 'null'.
 */
export type SummaryFilterOp = 'eq' | 'neq' | 'in' | 'not_in' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists' | 'not_exists';

export interface SummaryFilter {
  readonly property: string;
  readonly op: SummaryFilterOp;
  readonly value?: unknown;
}

export interface SummarySource {
  readonly event: string;
  readonly where?: readonly SummaryFilter[];
}

export interface SummaryMeasure {
  readonly aggregate: 'count' | 'distinct_count' | 'sum' | 'average';
  readonly property?: string;
  readonly events: readonly SummarySource[];
  /** A ratio's numerator: only events whose `joinOn` value one of the denominator's events has. */
  readonly within?: 'denominator';
}

/** One summary field: from a metric of type count, distinct_count, sum, average (measure) or ratio. */
export interface SummarySpec {
  readonly field: string;
  readonly metric: string;
  readonly measure?: SummaryMeasure;
  readonly numerator?: SummaryMeasure;
  readonly denominator?: SummaryMeasure;
  /** `$event` groups by the event's name. */
  readonly groupBy?: string;
  /** The key a numerator `within: denominator` shares with the denominator. */
  readonly joinOn?: string;
}

export type SummaryValue = number | null | Readonly<Record<string, number | null>>;

const HAS = Object.prototype.hasOwnProperty;

function read(p: unknown, path: string): unknown {
  let v = p;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !HAS.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v === null ? undefined : v;
}

function order(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : a < b ? -1 : 1; // UTF-16 order; code point order differs only for astral characters
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function test(v: unknown, f: SummaryFilter): boolean {
  if (f.op === 'exists') return v !== undefined;
  if (f.op === 'not_exists') return v === undefined;
  if (v === undefined) return false;
  switch (f.op) {
    case 'eq': return v === f.value;
    case 'neq': return v !== f.value;
    case 'in': return Array.isArray(f.value) && f.value.includes(v);
    case 'not_in': return Array.isArray(f.value) && !f.value.includes(v);
    case 'gt': return order(v, f.value) > 0;
    case 'gte': return order(v, f.value) >= 0;
    case 'lt': return order(v, f.value) < 0;
    case 'lte': return order(v, f.value) <= 0;
    default: return false;
  }
}

interface Acc { n: number; sum: number; set?: Set<unknown> }

/** One measure's accumulators by group key ('' when ungrouped). */
function accumulate(m: SummaryMeasure, events: readonly Envelope[], groupBy: string | undefined, within?: { readonly joinOn: string; readonly keys: ReadonlySet<unknown> }): Map<string, Acc> {
  const out = new Map<string, Acc>();
  for (const e of events) {
    for (const src of m.events) {
      if (e.event !== src.event) continue;
      const p = e.properties;
      if (src.where && !src.where.every((f) => test(read(p, f.property), f))) continue;
      if (within && !within.keys.has(read(p, within.joinOn))) continue;
      const key = groupBy === undefined ? '' : groupBy === EVENT_GROUP ? e.event : String(read(p, groupBy) ?? null);
      let acc = out.get(key);
      if (!acc) out.set(key, (acc = { n: 0, sum: 0 }));
      const v = m.property === undefined ? 1 : read(p, m.property);
      if (v === undefined) continue;
      if (m.aggregate === 'count') acc.n++;
      else if (m.aggregate === 'distinct_count') (acc.set ??= new Set()).add(v);
      else if (typeof v === 'number') { acc.n++; acc.sum += v; }
    }
  }
  return out;
}

/** The reserved groupBy that groups by the event's name. */
const EVENT_GROUP = '$event';

/** The join keys of a measure's matching events (a numerator within it keeps only these). */
function keysOf(m: SummaryMeasure, joinOn: string, events: readonly Envelope[]): Set<unknown> {
  const keys = new Set<unknown>();
  for (const e of events) {
    for (const src of m.events) {
      if (e.event !== src.event || (src.where && !src.where.every((f) => test(read(e.properties, f.property), f)))) continue;
      const k = read(e.properties, joinOn);
      if (k !== undefined) keys.add(k);
    }
  }
  return keys;
}

function valueOf(acc: Acc | undefined, aggregate: SummaryMeasure['aggregate']): number | null {
  if (!acc) return aggregate === 'average' ? null : 0;
  switch (aggregate) {
    case 'count': return acc.n;
    case 'distinct_count': return acc.set ? acc.set.size : 0;
    case 'sum': return acc.sum;
    default: return acc.n ? acc.sum / acc.n : null;
  }
}

function evaluate(spec: SummarySpec, events: readonly Envelope[]): SummaryValue {
  const g = spec.groupBy;
  if (spec.measure) {
    const accs = accumulate(spec.measure, events, g);
    if (g === undefined) return valueOf(accs.get(''), spec.measure.aggregate);
    const out: Record<string, number | null> = {};
    for (const k of [...accs.keys()].sort()) out[k] = valueOf(accs.get(k), spec.measure.aggregate);
    return out;
  }
  const num = accumulate(spec.numerator!, events, g, spec.numerator!.within ? { joinOn: spec.joinOn!, keys: keysOf(spec.denominator!, spec.joinOn!, events) } : undefined);
  const den = accumulate(spec.denominator!, events, g);
  const ratio = (k: string): number | null => {
    const d = valueOf(den.get(k), spec.denominator!.aggregate);
    const n = valueOf(num.get(k), spec.numerator!.aggregate);
    return d === null || d === 0 || n === null ? null : n / d;
  };
  if (g === undefined) return ratio('');
  const out: Record<string, number | null> = {};
  for (const k of [...new Set([...num.keys(), ...den.keys()])].sort()) out[k] = ratio(k);
  return out;
}

/** Every summary field over these events. */
export function evaluateSummary(specs: readonly SummarySpec[], events: readonly Envelope[]): Record<string, SummaryValue> {
  const out: Record<string, SummaryValue> = {};
  for (const s of specs) out[s.field] = evaluate(s, events);
  return out;
}

/** Whether an event's properties hold every key/value of `where` (a session: { sessionId }). */
export function matchesWhere(e: Envelope, where: Readonly<Record<string, unknown>> | undefined): boolean {
  if (!where) return true;
  for (const k of Object.keys(where)) if (where[k] !== undefined && e.properties[k] !== where[k]) return false;
  return true;
}
