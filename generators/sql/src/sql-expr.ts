import type { Scalar } from '@taxonomy/core';
import type { Dialect, ValueKind } from './dialect.js';
import type { PlanColumn, PlanFilter, PlanSource } from './plan.js';

/** Small SQL expression helpers shared by the event, metric and dbt outputs. */

/** `"alias"."column"` */
export function col(d: Dialect, alias: string, column: string): string {
  return `${d.ident(alias)}.${d.ident(column)}`;
}

/** A scalar literal in this dialect. Numbers are finite (checked by the planner). */
export function scalar(d: Dialect, v: Scalar): string {
  if (typeof v === 'string') return d.literal(v);
  if (typeof v === 'boolean') return d.bool(v);
  if (!Number.isFinite(v)) throw new Error(`internal: non-finite literal ${v}`);
  return v < 0 ? `(${v})` : String(v);
}

/** A value cast to the kind it is merged to (an integer column read next to a number one). */
export function asKind(d: Dialect, expr: string, from: ValueKind, to: ValueKind | undefined): string {
  return to === 'number' && from === 'integer' ? d.float(expr) : expr;
}

function filterSql(d: Dialect, alias: string, f: PlanFilter): string {
  const c = col(d, alias, f.column.column);
  const ordered = f.column.kind === 'string' ? d.byteOrder(c) : c;
  const list = (Array.isArray(f.value) ? f.value : f.value === undefined ? [] : [f.value]) as Scalar[];
  const one = () => scalar(d, list[0]!);
  switch (f.op) {
    case 'eq': return `${c} = ${one()}`;
    case 'neq': return `${c} <> ${one()}`;
    case 'gt': return `${ordered} > ${one()}`;
    case 'gte': return `${ordered} >= ${one()}`;
    case 'lt': return `${ordered} < ${one()}`;
    case 'lte': return `${ordered} <= ${one()}`;
    // An empty list: `in` matches nothing, `not_in` every present value.
    case 'in': return list.length ? `${c} IN (${list.map((v) => scalar(d, v)).join(', ')})` : '1 = 0';
    case 'not_in': return list.length ? `${c} NOT IN (${list.map((v) => scalar(d, v)).join(', ')})` : `${c} IS NOT NULL`;
    case 'exists': return `${c} IS NOT NULL`;
    case 'not_exists': return `${c} IS NULL`;
  }
}

/**
 * The selectors of one event as a condition, or undefined when every event matches.
 * Only used in positive positions (WHERE, CASE WHEN), where NULL acts as false: a
 * comparison with a missing property never matches, as in the TypeScript functions.
 */
export function sourceCondition(d: Dialect, alias: string, s: PlanSource): string | undefined {
  if (s.anyOf.some((and) => and.length === 0)) return undefined;
  const ors = s.anyOf.map((and) => and.map((f) => filterSql(d, alias, f)).join(' AND '));
  return ors.length === 1 ? `(${ors[0]})` : `(${ors.map((o) => `(${o})`).join(' OR ')})`;
}

/** The alias of one item of an `over` array (beside e, the event row, and p, the parameters). */
export const ITEM_ALIAS = 'i';

/** The alias of the segment's key set (the seg CTE), left-joined to the event row. */
export const SEGMENT_ALIAS = 'sg';

/** The lateral join giving a source's rows one per item of its `over` array, or '' without one. */
export function itemJoin(d: Dialect, alias: string, s: PlanSource): string {
  return s.over ? d.unnest(col(d, alias, s.over.column), ITEM_ALIAS).join : '';
}

/** A column of the event view (or a field of the current item), cast to the merged kind. */
export function sourceColumn(d: Dialect, alias: string, c: PlanColumn, to?: ValueKind): string {
  if (c.eventName !== undefined) return d.literal(c.eventName);
  if (c.segment) return `CASE WHEN ${col(d, SEGMENT_ALIAS, 'hit')} = 1 THEN ${d.literal(c.segment.present)} ELSE ${d.literal(c.segment.absent)} END`;
  if (c.item) return asKind(d, d.extract(d.unnest('', ITEM_ALIAS).item, c.segments, c.kind), c.kind, to);
  return asKind(d, col(d, alias, c.column), c.kind, to);
}

/** The measured value of one item: a field, or two multiplied (as the dialect's double). */
export function itemValue(d: Dialect, cols: readonly PlanColumn[], to?: ValueKind): string {
  if (cols.length === 1) return sourceColumn(d, '', cols[0]!, to);
  return cols.map((c) => d.float(sourceColumn(d, '', c))).join(' * ');
}
