import { cteName, type Dialect } from './dialect.js';
import { QUANTILES, type Aggregate, type MetricPlan, type PlanMeasure, type PlanSource } from './plan.js';
import { col, itemJoin, itemValue, scalar, SEGMENT_ALIAS, sourceColumn, sourceCondition } from './sql-expr.js';

/**
 * One metric as a SELECT: a list of CTEs and a final query. The structure is the same in
 * every dialect (only expressions differ), and it follows the semantics in semantics.ts
 * step by step; the TypeScript runtime follows the same steps.
 */

export interface MetricSqlContext {
  readonly d: Dialect;
  /** The relation holding an event's typed rows (its view, or a dbt ref). */
  relation(event: string): string;
  /** The as-of instant expression. */
  readonly asOf: string;
  /**
   * An instant expression: when set, only events at or after it exist (beside the metric's own
   * window). Views leave it unset; a dashboard range sets it, as if the events had been filtered.
   */
  readonly since?: string;
}

export interface Cte { readonly name: string; readonly body: string; /** MATERIALIZED or empty. */ readonly hint?: string }
export interface MetricSelect { readonly ctes: readonly Cte[]; readonly select: string }

const AS_OF = 'as_of';
const SINCE = 'since';
const TS = 'occurred_at';

function scope(ctx: MetricSqlContext, plan: MetricPlan, useWindow: boolean): string[] {
  const { d } = ctx;
  const ts = col(d, 'e', TS);
  const out = [`${ts} < ${col(d, 'p', AS_OF)}`];
  if (ctx.since) out.push(`${ts} >= ${col(d, 'p', SINCE)}`);
  if (useWindow && plan.windowMs) out.push(`${ts} >= ${d.minusMs(col(d, 'p', AS_OF), plan.windowMs)}`);
  return out;
}

function branch(ctx: MetricSqlContext, s: PlanSource, selects: readonly string[], where: readonly string[]): string {
  const { d } = ctx;
  const cond = sourceCondition(d, 'e', s);
  const items = itemJoin(d, 'e', s);
  // A segment: the keys that have a deciding event (seg), matched on this event's key.
  const seg = s.segmentKey ? `\n    LEFT JOIN ${cteName(d, 'seg')} AS ${d.ident(SEGMENT_ALIAS)} ON ${col(d, SEGMENT_ALIAS, 'k')} = ${col(d, 'e', s.segmentKey.column)}` : '';
  return `  SELECT ${selects.join(', ')}\n  FROM ${ctx.relation(s.event)} AS ${d.ident('e')} CROSS JOIN ${cteName(d, 'params')} AS ${d.ident('p')}${seg}${items ? `\n    ${items}` : ''}\n  WHERE ${[...where, ...(cond ? [cond] : [])].join('\n    AND ')}`;
}

const groupAliases = (plan: MetricPlan) => plan.groups.map((_, i) => `g${i}`);

/** A group column of a source's event row; a binned one as the lower edge of its bin. */
function groupColumn(d: Dialect, s: PlanSource, plan: MetricPlan, i: number): string {
  const g = plan.groups[i]!;
  const v = sourceColumn(d, 'e', s.groups[i]!, g.kind);
  if (!g.bins) return v;
  // A number group's edges are typed as the dialect's double (a bare 1.0 is NUMERIC in PostgreSQL).
  const num = (x: number) => (g.kind === 'number' ? d.float(String(x)) : String(x));
  const edges = [...g.bins].reverse();
  const whens = edges.slice(0, -1).map((e) => `WHEN ${v} >= ${num(e)} THEN ${num(e)}`).join(' ');
  return `CASE WHEN ${v} IS NULL THEN NULL${whens ? ` ${whens}` : ''} ELSE ${num(edges[edges.length - 1]!)} END`;
}

/** bucket and g0..gn selected from a source's event row. */
function keySelects(ctx: MetricSqlContext, plan: MetricPlan, s: PlanSource, tsExpr: string): string[] {
  const { d } = ctx;
  const out = plan.grain ? [`${d.bucket(plan.grain, tsExpr)} AS ${d.ident('bucket')}`] : [];
  plan.groups.forEach((_, i) => out.push(`${groupColumn(d, s, plan, i)} AS ${d.ident(`g${i}`)}`));
  return out;
}

/** bucket and the group columns, renamed to their output names. */
function outKeys(ctx: MetricSqlContext, plan: MetricPlan, alias?: string): { select: string[]; group: string[] } {
  const { d } = ctx;
  const ref = (c: string) => (alias ? col(d, alias, c) : d.ident(c));
  const select = plan.grain ? [`${ref('bucket')} AS ${d.ident('bucket')}`] : [];
  const group = plan.grain ? [ref('bucket')] : [];
  groupAliases(plan).forEach((g, i) => { select.push(`${ref(g)} AS ${d.ident(plan.groups[i]!.column)}`); group.push(ref(g)); });
  return { select, group };
}

function valueExpr(ctx: MetricSqlContext, m: PlanMeasure, s: PlanSource): string {
  if (s.itemValue) return itemValue(ctx.d, s.itemValue, m.valueKind);
  return s.value ? sourceColumn(ctx.d, 'e', s.value, m.valueKind) : '1';
}

function aggregate(d: Dialect, a: Aggregate, v: string): string {
  switch (a) {
    case 'count': return `COUNT(${v})`;
    case 'distinct_count': return `COUNT(DISTINCT ${v})`;
    case 'sum': return d.float(`COALESCE(SUM(${v}), 0)`);
    case 'average': return d.float(`AVG(${v})`);
  }
}

const groupBy = (cols: readonly string[]) => (cols.length ? `\nGROUP BY ${cols.join(', ')}` : '');

function params(ctx: MetricSqlContext): Cte {
  const since = ctx.since ? `, ${ctx.since} AS ${ctx.d.ident(SINCE)}` : '';
  return { name: cteName(ctx.d, 'params'), body: `  SELECT ${ctx.asOf} AS ${ctx.d.ident(AS_OF)}${since}` };
}

/** The keys with a deciding event before as-of (no window: the segment is about the key's whole life). */
function segmentCte(ctx: MetricSqlContext, plan: MetricPlan): Cte[] {
  if (!plan.segment) return [];
  const { d } = ctx;
  const key = col(d, 'e', plan.segment.key.column);
  const s = { event: plan.segment.event, anyOf: [[]], groups: [] };
  return [{ name: cteName(d, 'seg'), body: branch(ctx, s, [`DISTINCT ${key} AS ${d.ident('k')}`, `1 AS ${d.ident('hit')}`], [...scope(ctx, plan, false), `${key} IS NOT NULL`]) }];
}

function measureSql(ctx: MetricSqlContext, plan: MetricPlan): MetricSelect {
  const { d } = ctx;
  const m = plan.measure!;
  const branches = m.sources.map((s) => branch(ctx, s, [...keySelects(ctx, plan, s, col(d, 'e', TS)), `${valueExpr(ctx, m, s)} AS ${d.ident('v')}`], scope(ctx, plan, true)));
  const k = outKeys(ctx, plan);
  return {
    ctes: [params(ctx), ...segmentCte(ctx, plan), { name: cteName(d, 'src'), body: branches.join('\n  UNION ALL\n') }],
    select: `SELECT ${[...k.select, `${aggregate(d, m.aggregate, d.ident('v'))} AS ${d.ident('value')}`].join(', ')}\nFROM ${cteName(d, 'src')}${groupBy(k.group)}`,
  };
}

function ratioSql(ctx: MetricSqlContext, plan: MetricPlan): MetricSelect {
  const { d } = ctx;
  const n = plan.numerator!, den = plan.denominator!;
  const kindOf = (m: PlanMeasure) => m.valueKind ?? 'integer';
  // within: the numerator keeps only events whose key one of the denominator's events has (wk).
  const within = n.within;
  const keyOf = (s: PlanSource) => sourceColumn(d, 'e', s.key!, within!.keyKind);
  const inKeys = (s: PlanSource) => (isNum: boolean) => (isNum && within ? [`${keyOf(s)} IN (SELECT ${col(d, 'wk', 'k')} FROM ${cteName(d, 'wk')} AS ${d.ident('wk')})`] : []);
  const side = (m: PlanMeasure, isNum: boolean) => m.sources.map((s) => {
    const v = valueExpr(ctx, m, s);
    const vn = isNum ? v : d.nullOf(kindOf(n));
    const vd = isNum ? d.nullOf(kindOf(den)) : v;
    return branch(ctx, s, [...keySelects(ctx, plan, s, col(d, 'e', TS)), `${vn} AS ${d.ident('vn')}`, `${vd} AS ${d.ident('vd')}`], [...scope(ctx, plan, true), ...inKeys(s)(isNum)]);
  });
  const wk: Cte[] = within
    ? [{ name: cteName(d, 'wk'), body: den.sources.map((s) => branch(ctx, s, [`${keyOf(s)} AS ${d.ident('k')}`], [...scope(ctx, plan, true), `${col(d, 'e', s.key!.column)} IS NOT NULL`])).join('\n  UNION ALL\n') }]
    : [];
  const inner = outKeys(ctx, plan);
  const keys = [...(plan.grain ? ['bucket'] : []), ...groupAliases(plan)].map((c) => d.ident(c));
  const num = d.ident('num'), dn = d.ident('den');
  const outer = outKeys(ctx, plan, 'a');
  return {
    ctes: [
      params(ctx),
      ...wk,
      { name: cteName(d, 'src'), body: [...side(n, true), ...side(den, false)].join('\n  UNION ALL\n') },
      { name: cteName(d, 'agg'), body: `  SELECT ${[...keys, `${aggregate(d, n.aggregate, d.ident('vn'))} AS ${num}`, `${aggregate(d, den.aggregate, d.ident('vd'))} AS ${dn}`].join(', ')}\n  FROM ${cteName(d, 'src')}${groupBy(inner.group).replace('\n', '\n  ')}` },
    ],
    select: `SELECT ${[...outer.select, `CASE WHEN ${col(d, 'a', 'den')} = 0 OR ${col(d, 'a', 'den')} IS NULL OR ${col(d, 'a', 'num')} IS NULL THEN NULL ELSE ${d.float(col(d, 'a', 'num'))} / ${d.float(col(d, 'a', 'den'))} END AS ${d.ident('value')}`].join(', ')}\nFROM ${cteName(d, 'agg')} AS ${d.ident('a')}`,
  };
}

function durationSql(ctx: MetricSqlContext, plan: MetricPlan): MetricSelect {
  const { d } = ctx;
  const { from, to, statistic } = plan.duration!;
  const keyKind = from.key!.kind === to.key!.kind ? undefined : 'number';
  const I = (x: string) => d.ident(x);
  const gs = groupAliases(plan).map(I);
  const fSel = [`${col(d, 'e', TS)} AS ${I('ts')}`, `${col(d, 'e', 'event_id')} AS ${I('id')}`, `${sourceColumn(d, 'e', from.key!, keyKind)} AS ${I('k')}`,
    ...plan.groups.map((_, i) => `${groupColumn(d, from, plan, i)} AS ${I(`g${i}`)}`)];
  const keyNotNull = (s: PlanSource) => `${col(d, 'e', s.key!.column)} IS NOT NULL`;
  const ctes: Cte[] = [
    params(ctx),
    { name: cteName(d, 'f'), body: branch(ctx, from, fSel, [...scope(ctx, plan, true), keyNotNull(from)]) },
    { name: cteName(d, 't'), body: branch(ctx, to, [`${col(d, 'e', TS)} AS ${I('ts')}`, `${sourceColumn(d, 'e', to.key!, keyKind)} AS ${I('k')}`], [...scope(ctx, plan, true), keyNotNull(to)]) },
    { name: cteName(d, 'f1'), body: `  SELECT ${[I('k'), I('ts'), ...gs].join(', ')} FROM (\n    SELECT ${[I('k'), I('ts'), ...gs].join(', ')}, ROW_NUMBER() OVER (PARTITION BY ${I('k')} ORDER BY ${I('ts')}, ${d.byteOrder(I('id'))}) AS ${I('rn')}\n    FROM ${cteName(d, 'f')}\n  ) AS ${I('x')}\n  WHERE ${I('rn')} = 1` },
    { name: cteName(d, 'pairs'), body: `  SELECT ${[col(d, 'f1', 'k'), `${col(d, 'f1', 'ts')} AS ${I('from_ts')}`, ...groupAliases(plan).map((g) => col(d, 'f1', g)), `MIN(${col(d, 't', 'ts')}) AS ${I('to_ts')}`].join(', ')}\n  FROM ${cteName(d, 'f1')} JOIN ${cteName(d, 't')} ON ${col(d, 't', 'k')} = ${col(d, 'f1', 'k')} AND ${col(d, 't', 'ts')} >= ${col(d, 'f1', 'ts')}\n  GROUP BY ${[col(d, 'f1', 'k'), col(d, 'f1', 'ts'), ...groupAliases(plan).map((g) => col(d, 'f1', g))].join(', ')}` },
    { name: cteName(d, 'd'), body: `  SELECT ${[...(plan.grain ? [`${d.bucket(plan.grain, I('from_ts'))} AS ${I('bucket')}`] : []), ...gs, `${d.msBetween(I('from_ts'), I('to_ts'))} AS ${I('v')}`].join(', ')}\n  FROM ${cteName(d, 'pairs')}` },
  ];
  const k = outKeys(ctx, plan);
  const q = QUANTILES[statistic];
  if (!q) {
    const fn = statistic === 'average' ? 'AVG' : statistic === 'min' ? 'MIN' : 'MAX';
    return { ctes, select: `SELECT ${[...k.select, `${d.float(`${fn}(${I('v')})`)} AS ${I('value')}`].join(', ')}\nFROM ${cteName(d, 'd')}${groupBy(k.group)}` };
  }
  const part = k.group.length ? `PARTITION BY ${k.group.join(', ')}` : '';
  const [pn, pd] = q;
  const keys = [...(plan.grain ? [I('bucket')] : []), ...gs];
  ctes.push(
    { name: cteName(d, 'r'), body: `  SELECT ${[...keys, I('v')].join(', ')}, ROW_NUMBER() OVER (${part}${part ? ' ' : ''}ORDER BY ${I('v')}) - 1 AS ${I('rn')}, COUNT(*) OVER (${part}) AS ${I('n')}\n  FROM ${cteName(d, 'd')}` },
    { name: cteName(d, 'q'), body: `  SELECT ${[...keys, I('v'), I('rn')].join(', ')}, ${d.intDiv(`(${I('n')} - 1) * ${pn}`, String(pd))} AS ${I('lo')}, ${d.float(d.mod(`(${I('n')} - 1) * ${pn}`, String(pd)))} / ${pd} AS ${I('frac')}\n  FROM ${cteName(d, 'r')}` },
    { name: cteName(d, 's'), body: `  SELECT ${[...keys, `MAX(CASE WHEN ${I('rn')} = ${I('lo')} THEN ${I('v')} END) AS ${I('lo_v')}`, `MAX(CASE WHEN ${I('rn')} = ${I('lo')} + 1 THEN ${I('v')} END) AS ${I('hi_v')}`, `MAX(${I('frac')}) AS ${I('frac')}`].join(', ')}\n  FROM ${cteName(d, 'q')}${groupBy(keys).replace('\n', '\n  ')}` },
  );
  return { ctes, select: `SELECT ${[...k.select, `${I('lo_v')} + ${I('frac')} * (COALESCE(${I('hi_v')}, ${I('lo_v')}) - ${I('lo_v')}) AS ${I('value')}`].join(', ')}\nFROM ${cteName(d, 's')}` };
}

function funnelSql(ctx: MetricSqlContext, plan: MetricPlan): MetricSelect {
  const { d } = ctx;
  const I = (x: string) => d.ident(x);
  const steps = plan.funnel!.steps;
  const keyKind = new Set(steps.map((s) => s.key!.kind)).size > 1 ? 'number' : undefined;
  const gs = groupAliases(plan).map(I);
  const events = [...new Set(steps.map((s) => s.event))];
  const branches = events.map((ev) => {
    const own = steps.find((s) => s.event === ev)!;
    const flags = steps.map((s, i) => {
      if (s.event !== ev) return `0 AS ${I(`m${i + 1}`)}`;
      const c = sourceCondition(d, 'e', s);
      return `${c ? `CASE WHEN ${c} THEN 1 ELSE 0 END` : '1'} AS ${I(`m${i + 1}`)}`;
    });
    const sel = [`${sourceColumn(d, 'e', own.key!, keyKind)} AS ${I('k')}`, `${col(d, 'e', TS)} AS ${I('ts')}`, `${col(d, 'e', 'event_id')} AS ${I('id')}`,
      ...plan.groups.map((_, i) => `${groupColumn(d, own, plan, i)} AS ${I(`g${i}`)}`), ...flags];
    return branch(ctx, { ...own, anyOf: [[]] }, sel, [...scope(ctx, plan, false), `${col(d, 'e', own.key!.column)} IS NOT NULL`]);
  });
  const ctes: Cte[] = [params(ctx), { name: cteName(d, 'e'), body: branches.join('\n  UNION ALL\n'), hint: d.materialize ?? '' }];
  const rank = (alias: string) => `ROW_NUMBER() OVER (PARTITION BY ${col(d, alias, 'k')} ORDER BY ${col(d, alias, 'ts')}, ${d.byteOrder(col(d, alias, 'id'))}) AS ${I('rn')}`;
  const carry = [I('k'), I('ts'), I('id'), I('t0'), ...gs].join(', ');
  ctes.push({ name: cteName(d, 's1'), body: `  SELECT ${carry} FROM (\n    SELECT ${[I('k'), I('ts'), I('id'), `${I('ts')} AS ${I('t0')}`, ...gs].join(', ')}, ${rank('e')}\n    FROM ${cteName(d, 'e')} WHERE ${I('m1')} = 1\n  ) AS ${I('x')}\n  WHERE ${I('rn')} = 1` });
  for (let i = 2; i <= steps.length; i++) {
    const prev = cteName(d, `s${i - 1}`);
    const after = `(${col(d, 'e', 'ts')} > ${col(d, 's', 'ts')} OR (${col(d, 'e', 'ts')} = ${col(d, 's', 'ts')} AND ${d.byteOrder(col(d, 'e', 'id'))} > ${d.byteOrder(col(d, 's', 'id'))}))`;
    const within = plan.windowMs ? ` AND ${col(d, 'e', 'ts')} <= ${d.plusMs(col(d, 's', 't0'), plan.windowMs)}` : '';
    ctes.push({ name: cteName(d, `s${i}`), body: `  SELECT ${carry} FROM (\n    SELECT ${[col(d, 'e', 'k'), col(d, 'e', 'ts'), col(d, 'e', 'id'), col(d, 's', 't0'), ...groupAliases(plan).map((g) => col(d, 's', g))].join(', ')}, ${rank('e')}\n    FROM ${cteName(d, 'e')} JOIN ${prev} AS ${I('s')} ON ${col(d, 'e', 'k')} = ${col(d, 's', 'k')}\n    WHERE ${col(d, 'e', `m${i}`)} = 1 AND ${after}${within}\n  ) AS ${I('x')}\n  WHERE ${I('rn')} = 1` });
  }
  const depth = steps.length === 1 ? '1' : `CASE ${steps.slice(1).map((_, j) => `WHEN ${col(d, `s${j + 2}`, 'k')} IS NULL THEN ${j + 1}`).join(' ')} ELSE ${steps.length} END`;
  const joins = steps.slice(1).map((_, j) => `\n  LEFT JOIN ${cteName(d, `s${j + 2}`)} ON ${col(d, `s${j + 2}`, 'k')} = ${col(d, 's1', 'k')}`).join('');
  ctes.push({ name: cteName(d, 'reach'), body: `  SELECT ${[col(d, 's1', 'k'), ...(plan.grain ? [`${d.bucket(plan.grain, col(d, 's1', 't0'))} AS ${I('bucket')}`] : []), ...groupAliases(plan).map((g) => col(d, 's1', g)), `${depth} AS ${I('depth')}`].join(', ')}\n  FROM ${cteName(d, 's1')}${joins}` });
  ctes.push({ name: cteName(d, 'steps'), body: steps.map((s, i) => `  SELECT ${i + 1} AS ${I('step')}, ${scalar(d, s.event)} AS ${I('event')}`).join('\n  UNION ALL\n') });
  const stepCols = [col(d, 'st', 'step'), col(d, 'st', 'event')];
  if (!plan.grain && !plan.groups.length) {
    return { ctes, select: `SELECT ${[...stepCols, `COUNT(${col(d, 'r', 'k')}) AS ${I('value')}`].join(', ')}\nFROM ${cteName(d, 'steps')} AS ${I('st')} LEFT JOIN ${cteName(d, 'reach')} AS ${I('r')} ON ${col(d, 'r', 'depth')} >= ${col(d, 'st', 'step')}\nGROUP BY ${stepCols.join(', ')}` };
  }
  const k = outKeys(ctx, plan, 'r');
  return { ctes, select: `SELECT ${[...k.select, ...stepCols, `COUNT(CASE WHEN ${col(d, 'r', 'depth')} >= ${col(d, 'st', 'step')} THEN 1 END) AS ${I('value')}`].join(', ')}\nFROM ${cteName(d, 'reach')} AS ${I('r')} CROSS JOIN ${cteName(d, 'steps')} AS ${I('st')}\nGROUP BY ${[...k.group, ...stepCols].join(', ')}` };
}

export function metricSelect(ctx: MetricSqlContext, plan: MetricPlan): MetricSelect {
  switch (plan.type) {
    case 'ratio': return ratioSql(ctx, plan);
    case 'duration': return durationSql(ctx, plan);
    case 'funnel': return funnelSql(ctx, plan);
    default: return measureSql(ctx, plan);
  }
}

/** The output columns of a metric's view, in order. */
export function metricColumns(plan: MetricPlan): string[] {
  return [...(plan.grain ? ['bucket'] : []), ...plan.groups.map((g) => g.column), ...(plan.type === 'funnel' ? ['step', 'event'] : []), 'value'];
}
