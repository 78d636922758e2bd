import { suggestion } from '../diagnostics.js';
import { EVENT_GROUP, type EventSelector, type Filter, type Measure, type Metric, type Property, type Scalar, type TaxonomyEvent } from '../model.js';
import type { RawEventSelector, RawMeasure, RawMetric } from '../raw-types.js';
import { Cursor, extensionsOf } from './context.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function windowToMs(w: string): number {
  const n = Number(w.slice(0, -1));
  return n * UNIT_MS[w.slice(-1)]!;
}

/** Finds a property (or a nested key by dotted path) of an event. */
export function findProperty(event: TaxonomyEvent, path: string): Property | undefined {
  const [head, ...rest] = path.split('.');
  let p = event.properties.find((x) => x.name === head);
  for (const seg of rest) p = p?.properties?.find((x) => x.name === seg);
  return p;
}

function valueFits(p: Property, v: Scalar): boolean {
  if (p.enum) return p.enum.includes(v);
  switch (p.type) {
    case 'string': return typeof v === 'string';
    case 'integer': return Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    default: return false;
  }
}

/** value: as a list of item fields (one, or two multiplied). */
function valueFields(v: RawMetric['value']): string[] {
  return v === undefined ? [] : Array.isArray(v) ? [...v] : [v];
}

export class MetricResolver {
  /** Summary field -> the metric that fills it (two metrics may not fill one field). */
  private readonly summaryFields = new Map<string, string>();
  constructor(private readonly events: ReadonlyMap<string, TaxonomyEvent>) {}

  /** `summary:` is computed by the tracker over one session's recent events: plain aggregates only, each field once. */
  private checkSummary(name: string, raw: RawMetric, cur: Cursor): void {
    const field = raw.summary;
    if (field === undefined) return;
    const at = cur.at('summary');
    if (!['count', 'distinct_count', 'sum', 'average', 'ratio'].includes(raw.type)) {
      at.error('metric/summary-type', `${raw.type} metric '${name}' cannot be a session summary field`, 'only count, distinct_count, sum, average and ratio metrics go in the summary; remove summary:');
    }
    if (raw.window !== undefined || raw.bins !== undefined) {
      at.error('metric/summary-window', `summary metric '${name}' has ${raw.window !== undefined ? 'a window' : 'bins'}, but the summary covers the session's recent events`, `remove ${raw.window !== undefined ? 'window:' : 'bins:'} (or define a separate metric for the summary)`);
    }
    if (raw.over !== undefined || raw.segment !== undefined) at.error('metric/summary-over', `summary metric '${name}' has ${raw.over !== undefined ? 'over:' : 'segment:'}, which the tracker's session summary does not evaluate`, `remove ${raw.over !== undefined ? 'over:' : 'segment:'} (or define a separate metric for the summary)`);
    if ((raw.group_by?.length ?? 0) > 1) at.error('metric/summary-group', `summary metric '${name}' groups by ${raw.group_by!.length} properties; a summary field is a number or a map by one property`, 'group by one property (e.g. currency)');
    const other = this.summaryFields.get(field);
    if (other !== undefined) at.error('metric/summary-duplicate', `summary field '${field}' is already filled by metric '${other}'`, 'give each metric its own summary field');
    else this.summaryFields.set(field, name);
  }

  private event(name: string, cur: Cursor): TaxonomyEvent | undefined {
    const e = this.events.get(name);
    if (!e) cur.error('ref/unknown-event', `unknown event '${name}'${suggestion(name, this.events.keys())}`, 'name an event defined under taxonomy/domains');
    return e;
  }

  /** Checks that a property exists on the event; returns it. */
  private property(e: TaxonomyEvent, path: string, cur: Cursor, what: string): Property | undefined {
    const p = findProperty(e, path);
    if (!p) {
      const names = e.properties.map((x) => x.name);
      cur.error('ref/unknown-property', `event '${e.name}' has no property '${path}' (${what})${suggestion(path, names)}`, `use one of: ${names.join(', ') || '(the event has no properties)'}`);
    }
    return p;
  }

  /** The item shape of an array property `over` of an event, with located errors. */
  private itemsOf(e: TaxonomyEvent, over: string, cur: Cursor): readonly Property[] | undefined {
    const p = this.property(e, over, cur, 'the array measured by over:');
    if (!p) return undefined;
    if (p.type !== 'array') {
      cur.error('metric/over', `'${over}' of '${e.name}' is ${p.type}, not an array`, 'name an array property whose items are measured (a purchase\'s items)');
      return undefined;
    }
    if (p.items?.type !== 'object' || !p.items.properties?.length) {
      cur.error('metric/over', `the items of '${over}' of '${e.name}' are ${p.items?.type ?? 'undeclared'}, not objects with declared fields`, 'declare items: { type: object, properties: ... } on the array, or measure a property of the event itself');
      return undefined;
    }
    return p.items.properties;
  }

  /** An item field of `over`, with a located error naming the fields there are. */
  private itemField(e: TaxonomyEvent, over: string, fields: readonly Property[], name: string, cur: Cursor, what: string): Property | undefined {
    const p = fields.find((x) => x.name === name);
    if (!p) {
      const names = fields.map((x) => x.name);
      cur.error('ref/unknown-property', `the items of '${over}' of '${e.name}' have no field '${name}' (${what})${suggestion(name, names)}`, `use one of: ${names.join(', ')}`);
    }
    return p;
  }

  private filter(e: TaxonomyEvent, raw: Filter, cur: Cursor): Filter {
    const p = this.property(e, raw.property, cur.at('property'), 'used in where');
    const needsList = raw.op === 'in' || raw.op === 'not_in';
    const needsNone = raw.op === 'exists' || raw.op === 'not_exists';
    const v = raw.value as Scalar | Scalar[] | undefined;
    if (needsNone && v !== undefined) cur.at('value').error('metric/filter-value', `op ${raw.op} takes no value`, 'remove value:');
    if (!needsNone && v === undefined) cur.error('metric/filter-value', `op ${raw.op} needs a value`, 'add value:');
    if (needsList && !Array.isArray(v)) cur.at('value').error('metric/filter-value', `op ${raw.op} needs a list of values`, 'write value: [a, b]');
    if (!needsList && Array.isArray(v)) cur.at('value').error('metric/filter-value', `op ${raw.op} needs a single value`, `use op: in for a list`);
    if (p && v !== undefined) {
      const values = Array.isArray(v) ? v : [v];
      for (const x of values) {
        if (typeof x === 'object' || !valueFits(p, x)) {
          cur.at('value').error('metric/filter-value', `'${raw.property}' of '${e.name}' can never be ${JSON.stringify(x)}${p.enum ? ` (allowed: ${p.enum.join(', ')})` : ` (it is ${p.type})`}`, 'fix the value so the filter can match');
        }
      }
    }
    return { property: raw.property, op: raw.op, ...(v !== undefined ? { value: v } : {}) };
  }

  selector(raw: RawEventSelector, cur: Cursor): EventSelector | undefined {
    const e = this.event(raw.event, cur.at('event'));
    const where = (raw.where ?? []).map((f, i) => (e ? this.filter(e, f as Filter, cur.at('where', i)) : (f as Filter)));
    return e ? { event: raw.event, where } : undefined;
  }

  /** count / distinct_count / sum / average over the items of an array property. */
  private overMeasure(raw: RawMeasure, over: string, value: readonly string[], cur: Cursor): Measure | undefined {
    const aggregate = raw.aggregate ?? 'count';
    const events = raw.events.map((s, i) => this.selector(s, cur.at('events', i)));
    if (raw.property !== undefined) cur.at('property').error('metric/over', `with over:, name the item field measured in value:, not property:`, `write value: <a field of the items of ${over}> and remove property:`);
    if (aggregate !== 'count' && !value.length) cur.error('metric/missing-property', `aggregate ${aggregate} over '${over}' needs value:`, `add value: <a field of the items of ${over}>, or [a, b] to multiply two`, { key: true });
    raw.events.forEach((s) => {
      const e = this.events.get(s.event);
      const fields = e && this.itemsOf(e, over, cur.at('over'));
      if (!e || !fields) return;
      value.forEach((v, i) => {
        const f = this.itemField(e, over, fields, v, value.length > 1 ? cur.at('value', i) : cur.at('value'), `measured by value:`);
        const numeric = f && (f.type === 'integer' || f.type === 'number');
        if (f && !numeric && (value.length > 1 || aggregate === 'sum' || aggregate === 'average')) {
          cur.at('value').error('metric/not-numeric', `cannot ${value.length > 1 ? 'multiply' : aggregate} '${v}' of the items of '${over}': it is ${f.type}`, 'measure a number field, or use distinct_count');
        }
      });
    });
    if (events.some((e) => !e)) return undefined;
    return { aggregate, events: events as EventSelector[], over, ...(value.length ? { value } : {}) };
  }

  private measure(raw: RawMeasure, cur: Cursor, numericNeeded: boolean): Measure | undefined {
    const aggregate = raw.aggregate ?? 'count';
    const events = raw.events.map((s, i) => this.selector(s, cur.at('events', i)));
    if (aggregate !== 'count' && raw.property === undefined) cur.error('metric/missing-property', `aggregate ${aggregate} needs property:`, 'add property: <the property to aggregate>');
    if (raw.property !== undefined) {
      raw.events.forEach((s, i) => {
        const e = this.events.get(s.event);
        if (!e) return;
        const p = this.property(e, raw.property!, cur.at('property'), `aggregated by ${aggregate}`);
        if (p && numericNeeded && aggregate !== 'distinct_count' && p.type !== 'integer' && p.type !== 'number') {
          cur.at('events', i).error('metric/not-numeric', `cannot ${aggregate} '${raw.property}' of '${e.name}': it is ${p.type}`, 'aggregate a number, or use distinct_count');
        }
      });
    }
    if (events.some((e) => !e)) return undefined;
    return { aggregate, ...(raw.property ? { property: raw.property } : {}), events: events as EventSelector[], ...(raw.within ? { within: raw.within } : {}) };
  }

  /**
   * A ratio's `within: denominator` and `join_on`: only the numerator may be within, it needs
   * join_on, and join_on must be a property of every event of both sides (it is the key the
   * numerator's events share with the denominator's). join_on without within has no use.
   */
  private checkWithin(raw: RawMetric, cur: Cursor): void {
    if (raw.denominator?.within !== undefined) cur.at('denominator', 'within').error('metric/within', 'within: restricts a ratio\'s numerator to the denominator\'s keys; the denominator cannot be within itself', 'move within: denominator to the numerator');
    if (raw.numerator?.within === undefined) {
      if (raw.join_on !== undefined && raw.denominator?.within === undefined) cur.at('join_on').error('metric/within', `join_on on a ratio has no use without a numerator within: denominator`, 'add within: denominator to the numerator (count only the numerator events whose key the denominator has), or remove join_on');
      return;
    }
    if (raw.join_on === undefined) { cur.at('numerator', 'within').error('metric/within', 'within: denominator needs the key the two sides share', 'add join_on: <a property every numerator and denominator event carries> to the metric'); return; }
    const seen = new Set<string>();
    for (const side of ['numerator', 'denominator'] as const) {
      raw[side]!.events.forEach((s, i) => {
        const e = this.events.get(s.event);
        if (!e || seen.has(s.event)) return;
        seen.add(s.event);
        const p = this.property(e, raw.join_on!, cur.at(side, 'events', i), `the join key of ${side === 'numerator' ? 'within: denominator' : 'the denominator the numerator is within'}`);
        if (p && (p.type === 'object' || p.type === 'array')) cur.at('join_on').error('metric/within', `join key '${raw.join_on}' of '${s.event}' is ${p.type}, not a scalar`, 'join on a scalar property (an id)');
      });
    }
  }

  /** `$event` in group_by: the event's name; only where each row comes from one event, and never a property's name too. */
  private checkEventGroup(raw: RawMetric, events: readonly string[], cur: Cursor): void {
    const i = (raw.group_by ?? []).indexOf(EVENT_GROUP);
    if (i < 0) return;
    const at = cur.at('group_by', i);
    if (!['count', 'distinct_count', 'sum', 'average', 'ratio'].includes(raw.type)) {
      at.error('metric/event-group', `group_by ${EVENT_GROUP} groups count, distinct_count, sum, average and ratio metrics by event name, not a ${raw.type}`, raw.type === 'funnel' ? 'remove it: a funnel\'s rows already name each step\'s event (column event)' : `remove ${EVENT_GROUP}: a duration's samples pair two events`);
    }
    if (raw.bins?.[EVENT_GROUP] !== undefined) cur.at('bins', EVENT_GROUP).error('metric/bins', `cannot bin ${EVENT_GROUP}: it is the event's name`, `remove bins of ${EVENT_GROUP}`);
    if ((raw.group_by ?? []).indexOf(EVENT_GROUP, i + 1) >= 0) at.error('metric/event-group', `${EVENT_GROUP} is in group_by twice`, 'keep one');
    for (const ev of events) {
      const e = this.events.get(ev);
      if (e && findProperty(e, EVENT_GROUP)) at.error('metric/event-group', `'${ev}' has a property named '${EVENT_GROUP}': group_by could mean the property or the event's name`, `rename the property; ${EVENT_GROUP} in group_by is reserved for the event's name`);
    }
  }

  resolve(name: string, raw: RawMetric, cur: Cursor): Metric | undefined {
    const need = (key: keyof RawMetric, why: string) => {
      if (raw[key] === undefined) { cur.error('metric/missing-field', `${raw.type} metric '${name}' needs ${key}:`, why, { key: true }); return false; }
      return true;
    };
    let measure: Measure | undefined, numerator: Measure | undefined, denominator: Measure | undefined;
    let from: EventSelector | undefined, to: EventSelector | undefined, steps: EventSelector[] | undefined;
    switch (raw.type) {
      case 'count': case 'distinct_count': case 'sum': case 'average':
        if (need('events', 'list the events measured: events: [{ event: ... }]')) {
          const m = { aggregate: raw.type, property: raw.property, events: raw.events! };
          measure = raw.over !== undefined ? this.overMeasure(m, raw.over, valueFields(raw.value), cur) : this.measure(m, cur, true);
        }
        break;
      case 'ratio':
        if (need('numerator', 'add numerator: { events: [...] }') && need('denominator', 'add denominator: { events: [...] }')) {
          numerator = this.measure(raw.numerator!, cur.at('numerator'), true);
          denominator = this.measure(raw.denominator!, cur.at('denominator'), true);
        }
        break;
      case 'duration':
        if (need('from', 'add from: { event: <start event> }') && need('to', 'add to: { event: <end event> }') && need('join_on', 'add join_on: <a property both events carry>')) {
          from = this.selector(raw.from!, cur.at('from'));
          to = this.selector(raw.to!, cur.at('to'));
          for (const [sel, key] of [[from, 'from'], [to, 'to']] as const) {
            const e = sel && this.events.get(sel.event);
            if (e) this.property(e, raw.join_on!, cur.at('join_on'), `the join key is missing on the '${key}' side`);
          }
        }
        break;
      case 'funnel':
        if (need('steps', 'add steps: [{ event: ... }, { event: ... }]') && need('join_on', 'add join_on: <the actor key, e.g. user_id>')) {
          steps = raw.steps!.map((s, i) => this.selector(s, cur.at('steps', i))).filter((s): s is EventSelector => !!s);
          raw.steps!.forEach((s, i) => {
            const e = this.events.get(s.event);
            if (e) this.property(e, raw.join_on!, cur.at('steps', i), 'the funnel join key');
          });
        }
        break;
    }
    const overMeasured = raw.over !== undefined && ['count', 'distinct_count', 'sum', 'average'].includes(raw.type);
    if (raw.over !== undefined && !overMeasured) cur.at('over').error('metric/over', `over: measures the items of an array in count, distinct_count, sum and average metrics, not in a ${raw.type}`, 'remove over:, or make the metric a count, distinct_count, sum or average');
    if (raw.value !== undefined && raw.over === undefined) cur.at('value').error('metric/over', 'value: names a field of the items of over:, and there is no over:', 'add over: <the array property>, or use property: for a property of the event');
    const itemPrefix = overMeasured ? `${raw.over}.` : undefined;
    const segment = raw.segment && this.segment(raw, measure, cur.at('segment'));
    if (raw.type === 'ratio') this.checkWithin(raw, cur);
    else if (raw.join_on !== undefined && raw.type !== 'duration' && raw.type !== 'funnel') cur.at('join_on').error('metric/within', `join_on is the key of a duration, a funnel or a ratio's within:, not of a ${raw.type}`, 'remove join_on');
    for (const [i, g] of (raw.group_by ?? []).entries()) {
      if ((raw.segment && g === raw.segment.name) || g === EVENT_GROUP) continue;
      for (const ev of this.eventsOf({ measure, numerator, denominator, from, to, steps })) {
        const e = this.events.get(ev);
        const isItem = itemPrefix !== undefined && g.startsWith(itemPrefix);
        // A bad array is reported once, by the measure; its item fields are then not checked.
        const fields = isItem && e ? findProperty(e, raw.over!)?.items?.properties : undefined;
        const p = !e || (isItem && !fields) ? undefined
          : isItem ? this.itemField(e, raw.over!, fields!, g.slice(itemPrefix.length), cur.at('group_by', i), 'used in group_by')
          : this.property(e, g, cur.at('group_by', i), 'used in group_by');
        if (p && raw.bins?.[g] && p.type !== 'integer' && p.type !== 'number') {
          cur.at('bins', g).error('metric/bins', `cannot bin '${g}' of '${e!.name}': it is ${p.type}`, 'bin a number property (a histogram of durations, amounts, scores)');
        }
      }
    }
    for (const [g, edges] of Object.entries(raw.bins ?? {})) {
      if (!(raw.group_by ?? []).includes(g)) cur.at('bins', g).error('metric/bins', `bins of '${g}', which is not in group_by`, `add '${g}' to group_by, or remove its bins`);
      if (edges.some((x, i) => i > 0 && x <= edges[i - 1]!)) cur.at('bins', g).error('metric/bins', `the bin edges of '${g}' must be ascending, each once: ${JSON.stringify(edges)}`, 'sort the edges and remove duplicates');
    }
    this.checkSummary(name, raw, cur);
    const events = this.eventsOf({ measure, numerator, denominator, from, to, steps });
    this.checkEventGroup(raw, events, cur);
    if (segment && this.events.has(segment.event) && !events.includes(segment.event)) events.push(segment.event), events.sort();
    return {
      name, description: raw.description, type: raw.type, owner: raw.owner, source: raw.source, target: raw.target,
      measure, numerator, denominator, from, to, joinOn: raw.join_on, statistic: raw.type === 'duration' ? raw.statistic ?? 'average' : raw.statistic,
      steps, window: raw.window, windowMs: raw.window ? windowToMs(raw.window) : undefined, grain: raw.grain,
      groupBy: raw.group_by ?? [], ...(segment ? { segment } : {}), ...(raw.bins && Object.keys(raw.bins).length ? { bins: raw.bins } : {}), ...(raw.chart ? { chart: raw.chart } : {}), ...(raw.summary !== undefined ? { summary: raw.summary } : {}), events, extensions: extensionsOf(raw), location: cur.location({ key: true }),
    };
  }

  /** segment: checked against the measured events and the event that decides the label. */
  private segment(raw: RawMetric, measure: Measure | undefined, cur: Cursor): Metric['segment'] {
    const s = raw.segment!;
    if (!['count', 'distinct_count', 'sum', 'average'].includes(raw.type)) {
      cur.error('metric/segment', `segment: labels the events of count, distinct_count, sum and average metrics, not of a ${raw.type}`, 'remove segment:, or make the metric a count, distinct_count, sum or average', { key: true });
      return undefined;
    }
    if (!(raw.group_by ?? []).includes(s.name)) cur.at('name').error('metric/segment', `segment '${s.name}' is not in group_by`, `add '${s.name}' to group_by (it is the column the segment fills)`);
    if (s.name === EVENT_GROUP) cur.at('name').error('metric/segment', `segment name '${EVENT_GROUP}' is reserved: in group_by it is the event's name`, 'name the segment something else (handled_by)');
    if (s.present === s.absent) cur.at('absent').error('metric/segment', `present and absent are both '${s.present}'`, 'give the two segments different labels');
    const by = this.event(s.event, cur.at('event'));
    if (by) this.property(by, s.join_on, cur.at('join_on'), 'the segment join key');
    for (const sel of measure?.events ?? []) {
      const e = this.events.get(sel.event);
      if (!e) continue;
      this.property(e, s.join_on, cur.at('join_on'), 'the segment join key');
      if (findProperty(e, s.name)) cur.at('name').error('metric/segment', `segment '${s.name}' is also a property of '${e.name}': group_by could mean either`, 'name the segment something the event does not carry');
    }
    return { name: s.name, event: s.event, joinOn: s.join_on, present: s.present, absent: s.absent };
  }

  private eventsOf(m: { measure?: Measure; numerator?: Measure; denominator?: Measure; from?: EventSelector; to?: EventSelector; steps?: EventSelector[] }): string[] {
    const s = new Set<string>();
    for (const x of [m.measure, m.numerator, m.denominator]) x?.events.forEach((e) => s.add(e.event));
    for (const x of [m.from, m.to, ...(m.steps ?? [])]) if (x) s.add(x.event);
    return [...s].sort();
  }
}
