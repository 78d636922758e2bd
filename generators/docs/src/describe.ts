import type { EnumMember, EventSelector, Filter, Measure, Metric, Property, Scalar, Shape, TaxonomyEvent } from '@taxonomy/core';
import { rich, type Segment } from './markdown-escape.js';

/**
 * Words for types, constraints, filters and metric definitions, as rich segments
 * (plain text and code). The Markdown and the HTML renderers escape them each their
 * own way, so both outputs say exactly the same thing.
 */
export type Rich = Segment[];

const t = (text: string): Segment => ({ code: false, text });
const c = (text: Scalar): Segment => ({ code: true, text: String(text) });

function joined(items: readonly Rich[], sep: string): Rich {
  const out: Rich = [];
  items.forEach((r, i) => { if (i) out.push(t(sep)); out.push(...r); });
  return merge(out);
}

/** Adjacent plain runs merged, so renderers and tests see tidy segments. */
function merge(r: Rich): Rich {
  const out: Rich = [];
  for (const s of r) {
    const last = out[out.length - 1];
    if (last && !last.code && !s.code) out[out.length - 1] = t(last.text + s.text);
    else if (s.text) out.push(s);
  }
  return out;
}

/**
 * `string (date-time)`, `array of integer`, `map of string`, `object`, `any JSON value`,
 * `one of: string | integer`, `one of (by kind): object (kind card) | object (kind iban)`.
 */
export function typeText(s: Shape): string {
  let base: string = s.type;
  if (s.type === 'array' && s.prefixItems) base = tupleText(s);
  else if (s.type === 'array' && s.items) base = `array of ${typeText(s.items)}`;
  else if (s.type === 'object' && s.values && !s.properties?.length) base = `map of ${typeText(s.values)}`;
  else if (s.type === 'json') base = 'any JSON value';
  else if (s.type === 'union' && s.union) {
    const by = s.union.discriminator;
    const variant = (v: Shape) => {
      const tag = by ? v.properties?.find((x) => x.name === by)?.const : undefined;
      return tag !== undefined ? `${typeText(v)} (${by} ${String(tag)})` : typeText(v);
    };
    base = `${s.union.kind === 'oneOf' ? 'one of' : 'any of'}${by ? ` (by ${by})` : ''}: ${s.union.variants.map(variant).join(' | ')}`;
  }
  const detail = [s.format, s.unit].filter(Boolean).join(', ');
  return `${base}${detail ? ` (${detail})` : ''}${s.nullable && s.type !== 'json' ? ' or null' : ''}`;
}

/**
 * A tuple: `tuple [number, number]` when maxItems closes it, else its further elements after
 * the leading ones: `tuple [string, integer, then boolean…]`, `tuple [string, then any JSON value…]`.
 */
function tupleText(s: Shape): string {
  const head = s.prefixItems!.map(typeText);
  const closed = s.maxItems !== undefined && s.maxItems <= head.length;
  return `tuple [${[...head, ...(closed ? [] : [`then ${s.items ? typeText(s.items) : 'any JSON value'}…`])].join(', ')}]`;
}

function range(min: number | bigint | undefined, max: number | bigint | undefined, unit: string): Rich {
  if (min !== undefined && max !== undefined) return [t(min === max ? `${min}${unit}` : `${min}–${max}${unit}`)];
  if (min !== undefined) return [t(`≥ ${min}${unit}`)];
  if (max !== undefined) return [t(`≤ ${max}${unit}`)];
  return [];
}

/** The allowed values of a shape: enum, const, bounds, lengths, pattern. */
export function valuesText(s: Shape): Rich {
  const parts: Rich[] = [];
  if (s.enumMembers) parts.push(joined(s.enumMembers.map(memberText), '; '));
  else if (s.enum) parts.push(joined(s.enum.map((v) => [c(v)]), ', '));
  if (s.const !== undefined) parts.push([t('always '), c(s.const)]);
  const num = range(s.minimum, s.maximum, '');
  if (num.length) parts.push(num);
  if (s.exclusiveMinimum !== undefined) parts.push([t(`> ${s.exclusiveMinimum}`)]);
  if (s.exclusiveMaximum !== undefined) parts.push([t(`< ${s.exclusiveMaximum}`)]);
  if (s.multipleOf !== undefined) parts.push([t(`multiple of ${s.multipleOf}`)]);
  const len = range(s.minLength, s.maxLength, ' chars');
  if (len.length) parts.push([t('length '), ...len]);
  if (s.pattern) parts.push([t('pattern '), c(s.pattern)]);
  const items = range(s.minItems, s.maxItems, ' items');
  if (items.length) parts.push(items);
  if (s.uniqueItems) parts.push([t('unique')]);
  // A tuple's elements by position (`[0]: ≥ 0`), with their own words; `each` is then its further elements.
  s.prefixItems?.forEach((e, i) => {
    const v = valuesText(e);
    if (v.length || e.description) parts.push([t(`[${i}]: `), ...(e.description ? [t(e.description)] : []), ...(e.description && v.length ? [t(', ')] : []), ...v]);
  });
  if (s.items) { const v = valuesText(s.items); if (v.length) parts.push([t(s.prefixItems ? 'each further: ' : 'each: '), ...v]); }
  if (s.values) { const v = valuesText(s.values); if (v.length) parts.push([t('values: '), ...v]); }
  parts.push(...shapeRules(s));
  return joined(parts, '; ');
}

/**
 * The words of issue 18.3's shapes: each alternative's own values, keys matching a pattern,
 * other keys of an object that has declared ones, key counts, and requirements between siblings.
 */
function shapeRules(s: Shape): Rich[] {
  const parts: Rich[] = [];
  for (const v of s.union?.variants ?? []) {
    const words = valuesText(v);
    if (words.length) parts.push([c(typeText(v)), t(': '), ...words]);
  }
  for (const p of s.patternProperties ?? []) {
    const words = valuesText(p.shape);
    parts.push([t('keys matching '), c(`/${p.pattern}/`), t(`: ${typeText(p.shape)}`), ...(words.length ? [t(', '), ...words] : [])]);
  }
  if (s.type === 'object' && s.values && s.properties?.length) parts.push([t(`other keys: ${typeText(s.values)}`)]);
  const keys = range(s.minProperties, s.maxProperties, ' keys');
  if (keys.length) parts.push(keys);
  if (s.requires?.length) parts.push([t('requires '), ...joined(s.requires.map((r) => [c(r)]), ', ')]);
  if (s.requiredWhen) parts.push([t('required when '), c(s.requiredWhen.property), t(' is '), ...joined(s.requiredWhen.in.map((v) => [c(v)]), ' or ')]);
  return parts;
}

/** An enum value with its lifecycle and words: `legacy` (deprecated, use `pro`: Plans sold before 2024.). */
function memberText(m: EnumMember): Rich {
  const status: Rich = m.deprecated
    ? [t('deprecated'), ...(m.deprecated.renamedTo !== undefined ? [t(', use '), c(m.deprecated.renamedTo)] : [])]
    : m.stability === 'experimental' ? [t('experimental')] : [];
  const inner: Rich = [...status, ...(m.description ? [t(status.length ? `: ${m.description}` : m.description)] : [])];
  return inner.length ? [c(m.value), t(' ('), ...inner, t(')')] : [c(m.value)];
}

/** One row per property, nested object keys flattened to dotted paths (`items[].sku`). */
export interface FlatProperty {
  readonly path: string;
  readonly property: Property;
  /** Depth 0 for the event's own keys. */
  readonly depth: number;
}

export function flatten(props: readonly Property[], prefix = '', depth = 0): FlatProperty[] {
  const out: FlatProperty[] = [];
  for (const p of props) {
    const path = prefix + p.name;
    out.push({ path, property: p, depth });
    if (p.properties) out.push(...flatten(p.properties, `${path}.`, depth + 1));
    if (p.items?.properties) out.push(...flatten(p.items.properties, `${path}[].`, depth + 1));
    // A tuple's object elements under `<path>[<i>].`.
    p.prefixItems?.forEach((e, i) => { if (e.properties) out.push(...flatten(e.properties, `${path}[${i}].`, depth + 1)); });
    if (p.values?.properties) out.push(...flatten(p.values.properties, `${path}.*.`, depth + 1));
    // An object alternative's keys under `<path>|<n>.` (n from 1), as governance names them.
    p.union?.variants.forEach((v, i) => { if (v.properties) out.push(...flatten(v.properties, `${path}|${i + 1}.`, depth + 1)); });
    p.items?.union?.variants.forEach((v, i) => { if (v.properties) out.push(...flatten(v.properties, `${path}[]|${i + 1}.`, depth + 1)); });
  }
  return out;
}

/** Every property of an event, person properties included, flattened. */
export function allProperties(e: TaxonomyEvent): FlatProperty[] {
  return [
    ...flatten(e.properties),
    ...flatten(e.personProperties.set, '$set.'),
    ...flatten(e.personProperties.setOnce, '$set_once.'),
  ];
}

const OPS: Record<Filter['op'], string> = {
  eq: '=', neq: '≠', in: 'in', not_in: 'not in', gt: '>', gte: '≥', lt: '<', lte: '≤', exists: 'is set', not_exists: 'is not set',
};

export function filterText(f: Filter): Rich {
  const value = f.value === undefined ? [] : Array.isArray(f.value) ? [t(' ('), ...joined(f.value.map((v) => [c(v)]), ', '), t(')')] : [t(' '), c(f.value as Scalar)];
  return merge([c(f.property), t(` ${OPS[f.op]}`), ...value]);
}

export function selectorText(s: EventSelector): Rich {
  if (!s.where.length) return [c(s.event)];
  return merge([c(s.event), t(' where '), ...joined(s.where.map(filterText), ' and ')]);
}

const AGG: Record<Measure['aggregate'], string> = { count: 'count', distinct_count: 'distinct count', sum: 'sum', average: 'average' };

export function measureText(m: Measure): Rich {
  if (m.over !== undefined) {
    const value: Rich = m.value?.length ? [...joined(m.value.map((v) => [c(v)]), ' × '), t(' of ')] : [];
    return merge([t(`${AGG[m.aggregate]} of `), ...value, t('each item of '), c(m.over), t(' over '), ...joined(m.events.map(selectorText), ', ')]);
  }
  const head: Rich = m.property ? [t(`${AGG[m.aggregate]} of `), c(m.property), t(' over ')] : [t(`${AGG[m.aggregate]} of `)];
  return merge([...head, ...joined(m.events.map(selectorText), ', ')]);
}

/** The metric's definition in one line: what is counted over which events. */
export function definitionText(m: Metric): Rich {
  const join = m.joinOn ? [t(', joined on '), c(m.joinOn)] : [];
  const within = m.window && (m.type === 'funnel' || m.type === 'duration') ? [t(` within ${m.window}`)] : [];
  switch (m.type) {
    case 'ratio': {
      // within: denominator: the numerator counts only the keys the denominator's events have.
      const only: Rich = m.numerator?.within && m.joinOn ? [t(', only where '), c(m.joinOn), t(' is one of the denominator\'s')] : [];
      return merge([t('('), ...(m.numerator ? measureText(m.numerator) : []), ...only, t(') ÷ ('), ...(m.denominator ? measureText(m.denominator) : []), t(')')]);
    }
    case 'duration':
      return merge([t(`${m.statistic ?? 'average'} time from `), ...(m.from ? selectorText(m.from) : []), t(' to '), ...(m.to ? selectorText(m.to) : []), ...join, ...within]);
    case 'funnel':
      return merge([...joined((m.steps ?? []).map(selectorText), ' → '), ...join, ...within]);
    default: {
      const s = m.segment;
      const segment: Rich = s ? [t('; '), c(s.name), t(' is '), c(s.present), t(' when '), c(s.event), t(' with the same '), c(s.joinOn), t(' exists, else '), c(s.absent)] : [];
      return m.measure ? merge([...measureText(m.measure), ...segment]) : [t(m.type)];
    }
  }
}

/**
 * The metric's inputs as the seeds' mapping tables list them: `a / b` for a ratio,
 * `a → b` for a duration or funnel, `a, b` otherwise; filters as `event where x = y`.
 */
export function inputsText(m: Metric): Rich {
  const list = (sels: readonly EventSelector[], sep: string) => joined(sels.map(selectorText), sep);
  switch (m.type) {
    case 'ratio':
      return merge([...list(m.numerator?.events ?? [], ', '), t(' / '), ...list(m.denominator?.events ?? [], ', ')]);
    case 'duration':
      return list([m.from, m.to].filter((s): s is EventSelector => !!s), ' → ');
    case 'funnel':
      return list(m.steps ?? [], ' → ');
    default:
      return list(m.measure?.events ?? [], ', ');
  }
}

/** An extension value (`x-note: ...`) as text: strings as they are, anything else as JSON code. */
export function extensionText(v: unknown): Rich {
  if (typeof v === 'string') return rich(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return joined(v.map((x) => [c(x as Scalar)]), ', ');
  return [c(JSON.stringify(v))];
}
