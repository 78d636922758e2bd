import { EVENT_GROUP, findProperty, type EventSelector, type Filter, type FilterOp, type Measure, type Metric, type Scalar, type SourceLocation, type TaxonomyModel } from '@taxonomy/core';
import { eventColumns, kindOf, type EventColumn } from './columns.js';
import type { Grain, ValueKind } from './dialect.js';
import { columnName, EVENT_NAME, functionName, isSafePath, METRIC_NAME, METRIC_OUTPUT_COLUMNS } from './names.js';

/** What a column of kind json holds, in a finding's words. */
const STORED_AS_JSON = 'is stored as JSON (an object, an array, a union of types or a free-form json value)';

/**
 * The metric plan: one metric resolved against the event columns, with everything the
 * SQL, TypeScript and dbt outputs need and nothing dialect-specific. All three outputs
 * are built from this one structure, so they cannot disagree on what a metric reads.
 * The meaning of each field is documented in SEMANTICS (semantics.ts).
 */

export interface PlanColumn {
  readonly path: string;
  /** The JSON path: in the event's properties, or in one item when `item` is set. */
  readonly segments: readonly string[];
  readonly column: string;
  readonly kind: ValueKind;
  /** A field of one item of the source's `over` array (read from the unnested item, not the event). */
  readonly item?: true;
  /** The metric's segment column: present when the source's key has a deciding event, else absent. */
  readonly segment?: { readonly present: string; readonly absent: string };
  /** group_by $event: the constant name of the source's event (no property is read). */
  readonly eventName?: string;
}

export interface PlanFilter {
  readonly column: PlanColumn;
  readonly op: FilterOp;
  readonly value?: Scalar | readonly Scalar[];
}

/** What one event contributes to a measure, a side of a duration, or a funnel step. */
export interface PlanSource {
  readonly event: string;
  /** OR of ANDs: the selectors naming this event. An empty AND matches every event. */
  readonly anyOf: readonly (readonly PlanFilter[])[];
  /** The measured property (sum, average, distinct_count, count with property). */
  readonly value?: PlanColumn;
  /** The array whose items are the rows (over:): each matching event gives one row per item. */
  readonly over?: PlanColumn;
  /** With over: the item fields measured, multiplied when there are two. */
  readonly itemValue?: readonly PlanColumn[];
  /** With a segment: the join key on this event, matched against the deciding event's. */
  readonly segmentKey?: PlanColumn;
  /** The join key (duration, funnel, and both sides of a ratio whose numerator is within the denominator). */
  readonly key?: PlanColumn;
  /** The group_by columns on this event, in group_by order. */
  readonly groups: readonly PlanColumn[];
}

export type Aggregate = Measure['aggregate'];

export interface PlanMeasure {
  readonly aggregate: Aggregate;
  /** Kind of the measured values once merged across events (integer + number = number). */
  readonly valueKind?: ValueKind;
  readonly sources: readonly PlanSource[];
  /**
   * A ratio's numerator within its denominator: only events whose `key` is among the keys of the
   * denominator's events (same scope: as-of, window, range) count. keyKind: the keys' merged kind.
   */
  readonly within?: { readonly keyKind: ValueKind };
}

export interface PlanGroup {
  readonly path: string;
  readonly column: string;
  readonly kind: ValueKind;
  /** Histogram bins: ascending edges; the group value is the greatest edge at or below the value (else the first). */
  readonly bins?: readonly number[];
}

export type Statistic = NonNullable<Metric['statistic']>;

export interface MetricPlan {
  readonly name: string;
  readonly fn: string;
  readonly type: Metric['type'];
  readonly description: string;
  readonly source?: string;
  readonly location?: SourceLocation;
  readonly window?: string;
  readonly windowMs?: number;
  readonly grain?: Grain;
  readonly groups: readonly PlanGroup[];
  readonly measure?: PlanMeasure;
  readonly numerator?: PlanMeasure;
  readonly denominator?: PlanMeasure;
  readonly duration?: { readonly from: PlanSource; readonly to: PlanSource; readonly statistic: Statistic };
  readonly funnel?: { readonly steps: readonly PlanSource[] };
  /** The deciding event of a segment group and its join key. */
  readonly segment?: { readonly event: string; readonly key: PlanColumn };
  /** Every event the metric reads, sorted. */
  readonly events: readonly string[];
}

export interface Finding {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint: string;
  readonly location?: SourceLocation;
  readonly metric?: string;
  readonly event?: string;
}

/** Quantiles as exact fractions: position (n − 1)·num/den, so every engine computes the same index. */
export const QUANTILES: Partial<Record<Statistic, readonly [number, number]>> = { median: [1, 2], p90: [9, 10] };

const ORDERED: ReadonlySet<FilterOp> = new Set(['gt', 'gte', 'lt', 'lte']);

class Problem extends Error {
  constructor(readonly code: string, message: string, readonly hint: string) { super(message); }
}

/** Merges the kinds of one column across events; undefined when they cannot share a column. */
export function mergeKinds(kinds: readonly ValueKind[]): ValueKind | undefined {
  const set = new Set(kinds);
  if (set.size <= 1) return kinds[0];
  if ([...set].every((k) => k === 'integer' || k === 'number')) return 'number';
  return undefined;
}

export class Planner {
  private readonly columns = new Map<string, Map<string, EventColumn>>();
  readonly findings: Finding[] = [];

  constructor(readonly model: TaxonomyModel) {
    for (const e of model.events) {
      if (!EVENT_NAME.test(e.name)) {
        this.findings.push({ code: 'sql/unsafe-name', severity: 'error', event: e.name, location: e.location, message: `event name ${JSON.stringify(e.name)} is not a safe SQL name; it gets no view`, hint: 'event names are words of letters, digits and _, separated by single spaces or dots' });
        continue;
      }
      const { columns, problems } = eventColumns(e);
      for (const p of problems) this.findings.push({ code: 'sql/column', severity: 'error', event: e.name, location: e.location, message: `${p.message}; it gets no column`, hint: p.hint });
      this.columns.set(e.name, new Map(columns.map((c) => [c.path, c])));
    }
  }

  /** The columns of an event view (undefined when the event gets no view). */
  eventColumns(event: string): EventColumn[] | undefined {
    const m = this.columns.get(event);
    return m && [...m.values()];
  }

  private column(event: string, path: string, what: string): PlanColumn {
    const cols = this.columns.get(event);
    if (!cols) throw new Problem('sql/unknown-event', `reads event '${event}', which has no view`, 'name an event defined under taxonomy/domains (the loader reports unknown events first)');
    const c = cols.get(path);
    if (!c) throw new Problem('sql/unknown-property', `event '${event}' has no property '${path}' (${what})`, `use one of: ${[...cols.keys()].join(', ') || '(none)'}`);
    return { path: c.path, segments: c.segments, column: c.column, kind: c.kind };
  }

  /** A field of the items of the array `over` of an event, as an item column. */
  private itemColumn(event: string, over: PlanColumn, field: string, what: string): PlanColumn {
    const e = this.model.events.find((x) => x.name === event);
    const items = e && findProperty(e, over.path)?.items;
    const p = items?.type === 'object' ? items.properties?.find((x) => x.name === field) : undefined;
    if (!p) throw new Problem('sql/unknown-property', `the items of '${over.path}' of '${event}' have no field '${field}' (${what})`, 'name a declared field of the items (the loader reports it first)');
    if (!isSafePath(field)) throw new Problem('sql/unsafe-name', `item field ${JSON.stringify(field)} of '${over.path}' is not a safe SQL name`, 'item fields are letters, digits and _');
    const kind = kindOf(p);
    return { path: `${over.path}.${field}`, segments: [field], column: `${over.column}__${columnName(field)}`, kind, item: true };
  }

  private filter(event: string, f: Filter): PlanFilter {
    const column = this.column(event, f.property, 'used in where');
    const values = f.value === undefined ? [] : Array.isArray(f.value) ? (f.value as Scalar[]) : [f.value as Scalar];
    if (column.kind === 'json' && f.op !== 'exists' && f.op !== 'not_exists') {
      throw new Problem('sql/filter-json', `'${f.property}' of '${event}' ${STORED_AS_JSON}; only exists / not_exists can test it`, 'filter on a scalar key inside it (a dotted path) instead');
    }
    for (const v of values) {
      const ok = typeof v === 'number' ? (column.kind === 'integer' || column.kind === 'number') && Number.isFinite(v)
        : typeof v === 'boolean' ? column.kind === 'boolean' : typeof v === 'string' ? column.kind === 'string' && !v.includes('\u0000') : false;
      if (!ok) throw new Problem('sql/filter-value', `filter ${f.op} ${JSON.stringify(v)} on '${f.property}' of '${event}' (${column.kind}) cannot be expressed`, 'use a value of the property\'s type (strings without NUL characters, finite numbers)');
      if (ORDERED.has(f.op) && column.kind === 'boolean') throw new Problem('sql/filter-value', `${f.op} on the boolean '${f.property}' of '${event}' has no order`, 'use eq or neq');
    }
    return { column, op: f.op, ...(f.value !== undefined ? { value: f.value } : {}) };
  }

  /** Groups selectors by event, in first-seen order: an event matching two selectors counts once. */
  private sources(selectors: readonly EventSelector[], groupBy: readonly string[], extra: { value?: string; key?: string; what: string; over?: string; itemValue?: readonly string[]; segment?: Metric['segment'] }): PlanSource[] {
    const byEvent = new Map<string, PlanFilter[][]>();
    for (const s of selectors) {
      const list = byEvent.get(s.event) ?? [];
      list.push(s.where.map((f) => this.filter(s.event, f)));
      byEvent.set(s.event, list);
    }
    return [...byEvent].map(([event, anyOf]) => {
      const over = extra.over !== undefined ? this.column(event, extra.over, 'the array measured by over:') : undefined;
      if (over && over.kind !== 'json') throw new Problem('sql/over', `'${over.path}' of '${event}' is ${over.kind}, not an array`, 'name an array property (the loader reports it first)');
      const seg = extra.segment;
      const group = (g: string): PlanColumn => {
        if (g === EVENT_GROUP) return { path: g, segments: [], column: 'event', kind: 'string', eventName: event };
        if (seg && g === seg.name) {
          if (!isSafePath(g) || g.includes('.')) throw new Problem('sql/unsafe-name', `segment name ${JSON.stringify(g)} is not a safe SQL name`, 'segment names are letters, digits and _');
          return { path: g, segments: [], column: columnName(g), kind: 'string', segment: { present: seg.present, absent: seg.absent } };
        }
        return over && g.startsWith(`${over.path}.`) ? this.itemColumn(event, over, g.slice(over.path.length + 1), 'used in group_by') : this.column(event, g, 'used in group_by');
      };
      return {
        event,
        anyOf,
        ...(extra.value ? { value: this.column(event, extra.value, extra.what) } : {}),
        ...(over ? { over, ...(extra.itemValue?.length ? { itemValue: extra.itemValue.map((f) => this.itemColumn(event, over, f, extra.what)) } : {}) } : {}),
        ...(extra.key ? { key: this.column(event, extra.key, `the join key is missing on this side`) } : {}),
        ...(seg ? { segmentKey: this.column(event, seg.joinOn, 'the segment join key') } : {}),
        groups: groupBy.map(group),
      };
    });
  }

  private measure(m: Measure, groupBy: readonly string[], segment?: Metric['segment'], key?: string): PlanMeasure {
    const sources = this.sources(m.events, groupBy, { value: m.property, what: `aggregated by ${m.aggregate}`, ...(key !== undefined ? { key } : {}), ...(m.over !== undefined ? { over: m.over, itemValue: m.value ?? [] } : {}), ...(segment ? { segment } : {}) });
    let valueKind: ValueKind | undefined;
    if (m.over !== undefined && m.value?.length) {
      const kinds = sources.map((s) => (s.itemValue!.length > 1 ? 'number' : s.itemValue![0]!.kind));
      valueKind = mergeKinds(kinds);
      const numeric = valueKind === 'integer' || valueKind === 'number';
      if (!valueKind || valueKind === 'json') throw new Problem('sql/mixed-types', `the item value ${m.value.join(' × ')} of '${m.over}' has no one scalar type across events`, 'measure an item field with one scalar type in every event');
      if (sources.some((s) => s.itemValue!.length > 1 && s.itemValue!.some((c) => c.kind !== 'integer' && c.kind !== 'number'))) throw new Problem('sql/not-numeric', `cannot multiply ${m.value.join(' × ')}: not both numbers`, 'multiply two number fields');
      if ((m.aggregate === 'sum' || m.aggregate === 'average') && !numeric) throw new Problem('sql/not-numeric', `cannot ${m.aggregate} '${m.value[0]}' of the items of '${m.over}': it is ${valueKind}`, 'aggregate a number field');
    } else if (m.over !== undefined) {
      if (m.aggregate !== 'count') throw new Problem('sql/missing-property', `aggregate ${m.aggregate} over '${m.over}' needs value:`, 'add value:');
    } else if (m.property !== undefined) {
      valueKind = mergeKinds(sources.map((s) => s.value!.kind));
      if (!valueKind) throw new Problem('sql/mixed-types', `'${m.property}' has different types across events (${sources.map((s) => `${s.event}: ${s.value!.kind}`).join(', ')})`, 'give the property one type in every event it is measured on');
      if ((m.aggregate === 'sum' || m.aggregate === 'average') && valueKind !== 'integer' && valueKind !== 'number') throw new Problem('sql/not-numeric', `cannot ${m.aggregate} '${m.property}': it is ${valueKind}`, 'aggregate a number, or use distinct_count');
      if (m.aggregate === 'distinct_count' && valueKind === 'json') throw new Problem('sql/distinct-json', `cannot count distinct values of '${m.property}': it ${STORED_AS_JSON}`, 'count a scalar key inside it (a dotted path)');
    } else if (m.aggregate !== 'count') {
      throw new Problem('sql/missing-property', `aggregate ${m.aggregate} needs a property`, 'add property:');
    }
    return { aggregate: m.aggregate, ...(valueKind ? { valueKind } : {}), sources };
  }

  private groups(all: readonly PlanSource[], groupBy: readonly string[], bins: Readonly<Record<string, readonly number[]>> = {}): PlanGroup[] {
    const seen = new Set<string>();
    return groupBy.map((path, i) => {
      const kind = mergeKinds(all.map((s) => s.groups[i]!.kind));
      const column = all[0]?.groups[i]?.column ?? path;
      if (!kind || kind === 'json') throw new Problem('sql/group-type', `cannot group by '${path}': ${kind ? `it ${STORED_AS_JSON}` : 'its type differs across events'}`, 'group by a scalar property with one type in every event');
      // $event fills the `event` column (a property can never be named so: it is an output column).
      if (path === EVENT_GROUP && !seen.has(column)) { seen.add(column); return { path, column, kind }; }
      if ((METRIC_OUTPUT_COLUMNS as readonly string[]).includes(column) || seen.has(column.toLowerCase())) throw new Problem('sql/group-column', `group_by '${path}' would make a second '${column}' column`, `remove the duplicate; ${METRIC_OUTPUT_COLUMNS.join(', ')} are the metric's own columns`);
      seen.add(column.toLowerCase());
      const edges = bins[path];
      if (!edges) return { path, column, kind };
      if (kind !== 'integer' && kind !== 'number') throw new Problem('sql/group-type', `cannot bin '${path}': it is ${kind}`, 'bin a number property');
      // Fractional edges make the group value a number even when the property is an integer.
      return { path, column, kind: edges.every(Number.isInteger) ? kind : 'number', bins: [...edges] };
    });
  }

  private build(m: Metric): MetricPlan {
    if (!METRIC_NAME.test(m.name)) throw new Problem('sql/unsafe-name', `metric name ${JSON.stringify(m.name)} is not a safe SQL name`, 'metric ids are lower snake_case');
    if (m.windowMs !== undefined && !(Number.isSafeInteger(m.windowMs) && m.windowMs > 0)) throw new Problem('sql/window', `window ${m.window} is not a positive whole number of milliseconds`, 'write the window as <n>m, <n>h, <n>d or <n>w');
    const base = {
      name: m.name, fn: functionName(m.name), type: m.type, description: m.description, location: m.location,
      ...(m.source ? { source: m.source } : {}), ...(m.window ? { window: m.window, windowMs: m.windowMs } : {}),
      ...(m.grain ? { grain: m.grain } : {}), events: [...m.events],
    };
    const g = m.groupBy;
    switch (m.type) {
      case 'count': case 'distinct_count': case 'sum': case 'average': {
        const measure = this.measure(m.measure!, g, m.segment);
        if (!m.segment) return { ...base, measure, groups: this.groups(measure.sources, g, m.bins) };
        const key = this.column(m.segment.event, m.segment.joinOn, 'the segment join key');
        const kinds = [key.kind, ...measure.sources.map((s) => s.segmentKey!.kind)];
        if (!mergeKinds(kinds) || kinds.includes('json')) throw new Problem('sql/join-key', `segment join key '${m.segment.joinOn}' does not have one scalar type on '${m.segment.event}' and the measured events`, 'join on a scalar property with the same type on both sides');
        return { ...base, measure, segment: { event: m.segment.event, key }, groups: this.groups(measure.sources, g, m.bins) };
      }
      case 'ratio': {
        if (m.denominator!.within) throw new Problem('sql/within', 'the denominator cannot be within itself', 'move within: denominator to the numerator');
        const key = m.numerator!.within ? m.joinOn : undefined;
        if (m.numerator!.within && key === undefined) throw new Problem('sql/within', 'within: denominator needs join_on', 'add join_on: <the key both sides carry>');
        let numerator = this.measure(m.numerator!, g, undefined, key);
        const denominator = this.measure(m.denominator!, g, undefined, key);
        if (key !== undefined) {
          const kinds = [...numerator.sources, ...denominator.sources].map((s) => s.key!.kind);
          const keyKind = mergeKinds(kinds);
          if (!keyKind || keyKind === 'json') throw new Problem('sql/join-key', `join key '${key}' does not have one scalar type across the numerator's and denominator's events`, 'join on a scalar property with the same type on both sides');
          numerator = { ...numerator, within: { keyKind } };
        }
        return { ...base, numerator, denominator, groups: this.groups([...numerator.sources, ...denominator.sources], g, m.bins) };
      }
      case 'duration': {
        if (g.includes(EVENT_GROUP)) throw new Problem('sql/event-group', `group_by ${EVENT_GROUP} is not defined for a duration`, `remove ${EVENT_GROUP}`);
        if (!m.from || !m.to || !m.joinOn) throw new Problem('sql/duration', 'a duration needs from, to and join_on', 'add the missing field');
        const [from] = this.sources([m.from], g, { key: m.joinOn, what: '' });
        const [to] = this.sources([m.to], [], { key: m.joinOn, what: '' });
        const kind = mergeKinds([from!.key!.kind, to!.key!.kind]);
        if (!kind || kind === 'json') throw new Problem('sql/join-key', `join key '${m.joinOn}' is ${from!.key!.kind} on '${m.from.event}' and ${to!.key!.kind} on '${m.to.event}'`, 'join on a scalar property with the same type on both sides');
        const statistic = m.statistic ?? 'average';
        return { ...base, duration: { from: from!, to: to!, statistic }, groups: this.groups([from!], g, m.bins) };
      }
      case 'funnel': {
        if (!m.steps?.length || !m.joinOn) throw new Problem('sql/funnel', 'a funnel needs steps and join_on', 'add the missing field');
        if (g.includes(EVENT_GROUP)) throw new Problem('sql/event-group', `group_by ${EVENT_GROUP} is not defined for a funnel (its rows name each step's event)`, `remove ${EVENT_GROUP}`);
        const steps = m.steps.map((s) => this.sources([s], g, { key: m.joinOn, what: '' })[0]!);
        const kind = mergeKinds(steps.map((s) => s.key!.kind));
        if (!kind || kind === 'json') throw new Problem('sql/join-key', `join key '${m.joinOn}' does not have one scalar type across the steps`, 'join on a scalar property with the same type in every step');
        return { ...base, funnel: { steps }, groups: this.groups([steps[0]!], g, m.bins) };
      }
    }
  }

  /** The plan of a metric, or undefined with a finding when it cannot be expressed exactly. */
  plan(m: Metric): MetricPlan | undefined {
    try {
      return this.build(m);
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      this.findings.push({ code: e.code, severity: 'error', metric: m.name, location: m.location, message: `metric '${m.name}' is not generated: ${e.message}`, hint: e.hint });
      return undefined;
    }
  }
}

/** Plans every metric of the model: the plans that can be generated, and findings for the rest. */
export function planMetrics(model: TaxonomyModel): { plans: MetricPlan[]; findings: Finding[]; planner: Planner } {
  const planner = new Planner(model);
  const plans = model.metrics.map((m) => planner.plan(m)).filter((p): p is MetricPlan => !!p);
  return { plans, findings: planner.findings, planner };
}
