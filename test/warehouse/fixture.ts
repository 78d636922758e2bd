// A small taxonomy whose metrics exercise each rule of the semantics once, with a data set
// whose results are worked out by hand in semantics.test.ts. Property names include SQL
// keywords (select, order, group), and a filter value and a description try to inject SQL.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function writeTaxonomy(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'taxonomy-wh-')), 'taxonomy');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

export const EVIL = `it's "x"; DROP TABLE events; --`;

export const BASE = {
  'taxonomy.yaml': 'name: wh\nversion: 1.0.0\nretention:\n  days: 30\n',
  'categories.yaml': 'categories:\n  c: { description: C. }\n',
  'domains/app.yaml': `domain: app
events:
  app.session_started:
    description: Started.
    category: c
    properties:
      sid: { type: string, required: true }
      plan: { type: string, enum: [free, pro] }
      n: { type: integer }
      x: { type: number, nullable: true }
      flag: { type: boolean }
      label: { type: string }
      select: { type: string }
      order: { type: integer }
      group: { type: boolean }
      meta:
        type: object
        properties:
          tz: { type: string, nullable: true }
          inner: { type: object, properties: { deep: { type: integer } } }
  app.session_ended:
    description: Ended.
    category: c
    properties:
      sid: { type: string, required: true }
      n: { type: integer }
      plan: { type: string, enum: [free, pro] }
  app.step_a:
    description: A.
    category: c
    properties: { uid: { type: string } }
  app.step_b:
    description: B.
    category: c
    properties: { uid: { type: string } }
  app.order_placed:
    description: An order and its lines.
    category: c
    properties:
      cur: { type: string }
      items:
        type: array
        items:
          type: object
          properties:
            sku: { type: string }
            q: { type: integer }
            price: { type: number }
            cat: { type: string }
  app.handoff:
    description: A human took over the session.
    category: c
    properties: { sid: { type: string } }
  app.unused:
    description: Never sent.
    category: c
    properties: { n: { type: integer } }
`,
  'metrics.yaml': `metrics:
  m_count_pro_1d:
    description: "Pro sessions in the last day.\\nDROP TABLE events; --"
    type: count
    events: [{ event: app.session_started, where: [{ property: plan, op: eq, value: pro }] }]
    window: 1d
  m_neq_pro: { description: d, type: count, events: [{ event: app.session_started, where: [{ property: plan, op: neq, value: pro }] }] }
  m_not_exists_plan: { description: d, type: count, events: [{ event: app.session_started, where: [{ property: plan, op: not_exists }] }] }
  m_in: { description: d, type: count, events: [{ event: app.session_started, where: [{ property: plan, op: in, value: [free, pro] }] }] }
  m_distinct_sid: { description: d, type: distinct_count, property: sid, events: [{ event: app.session_started }, { event: app.session_ended }] }
  m_sum_n_day: { description: d, type: sum, property: n, events: [{ event: app.session_started }], grain: day }
  m_avg_x_by_plan: { description: d, type: average, property: x, events: [{ event: app.session_started }], group_by: [plan] }
  m_ratio_day:
    description: d
    type: ratio
    numerator: { aggregate: count, events: [{ event: app.session_ended }] }
    denominator: { aggregate: count, events: [{ event: app.session_started }] }
    grain: day
  m_dur_median: { description: d, type: duration, from: { event: app.session_started }, to: { event: app.session_ended }, join_on: sid, statistic: median }
  m_dur_p90: { description: d, type: duration, from: { event: app.session_started }, to: { event: app.session_ended }, join_on: sid, statistic: p90 }
  m_dur_avg: { description: d, type: duration, from: { event: app.session_started }, to: { event: app.session_ended }, join_on: sid, statistic: average }
  m_dur_min: { description: d, type: duration, from: { event: app.session_started }, to: { event: app.session_ended }, join_on: sid, statistic: min }
  m_dur_median_1d: { description: d, type: duration, from: { event: app.session_started }, to: { event: app.session_ended }, join_on: sid, statistic: median, window: 1d }
  m_dur_by_plan: { description: d, type: duration, from: { event: app.session_started }, to: { event: app.session_ended }, join_on: sid, statistic: max, group_by: [plan] }
  m_funnel:
    description: d
    type: funnel
    steps: [{ event: app.step_a }, { event: app.step_b }, { event: app.step_a }]
    join_on: uid
    window: 1h
  m_exists_tz: { description: d, type: count, events: [{ event: app.session_started, where: [{ property: meta.tz, op: exists }] }] }
  m_exists_meta: { description: d, type: count, events: [{ event: app.session_started, where: [{ property: meta, op: exists }] }] }
  m_nested_gte: { description: d, type: count, events: [{ event: app.session_started, where: [{ property: meta.inner.deep, op: gte, value: 6 }] }] }
  m_keyword: { description: d, type: count, events: [{ event: app.session_started, where: [{ property: order, op: gt, value: 3 }] }], group_by: [select] }
  m_bool_group: { description: d, type: count, events: [{ event: app.session_started, where: [{ property: group, op: eq, value: true }] }] }
  m_week: { description: d, type: count, events: [{ event: app.session_started }], grain: week }
  m_evil:
    description: d
    type: count
    events: [{ event: app.session_started, where: [{ property: label, op: eq, value: ${JSON.stringify(EVIL)} }] }]
  m_hist_n: { description: d, type: count, events: [{ event: app.session_started }], group_by: [n], bins: { n: [2, 5, 20] }, chart: histogram }
  m_hist_x: { description: d, type: count, events: [{ event: app.session_started }], group_by: [x], bins: { x: [1, 2.5] } }
  m_hist_n_by_plan: { description: d, type: count, events: [{ event: app.session_started }], group_by: [plan, n], bins: { n: [0, 5] } }
  m_avg_x_by_n_bin: { description: d, type: average, property: x, events: [{ event: app.session_started }], group_by: [n], bins: { n: [0, 5] } }
  m_dur_by_n_bin: { description: d, type: duration, from: { event: app.session_started }, to: { event: app.session_ended }, join_on: sid, statistic: max, group_by: [n], bins: { n: [0, 5] } }
  m_hist_n_day: { description: d, type: count, events: [{ event: app.session_started }], group_by: [n], bins: { n: [0, 5] }, grain: day, window: 2d }
  m_items_value_by_cat: { description: d, type: sum, events: [{ event: app.order_placed }], over: items, value: [q, price], group_by: [cur, items.cat] }
  m_items_day: { description: d, type: count, events: [{ event: app.order_placed }], over: items, grain: day }
  m_items_skus_usd: { description: d, type: distinct_count, events: [{ event: app.order_placed, where: [{ property: cur, op: eq, value: USD }] }], over: items, value: sku }
  m_items_avg_q: { description: d, type: average, events: [{ event: app.order_placed }], over: items, value: q }
  m_seg_hist:
    description: d
    type: count
    events: [{ event: app.session_started }]
    group_by: [via, n]
    bins: { n: [0, 5] }
    segment: { name: via, event: app.handoff, join_on: sid, present: human, absent: bot }
  m_seg_avg_1d:
    description: d
    type: average
    property: x
    events: [{ event: app.session_started }]
    group_by: [via]
    window: 1d
    segment: { name: via, event: app.handoff, join_on: sid, present: "it's human", absent: bot }
  m_within_1d:
    description: d
    type: ratio
    join_on: sid
    numerator: { aggregate: count, events: [{ event: app.session_ended }], within: denominator }
    denominator: { aggregate: count, events: [{ event: app.session_started }] }
    window: 1d
  m_within_pro_by_n:
    description: d
    type: ratio
    join_on: sid
    numerator: { aggregate: count, events: [{ event: app.session_ended }], within: denominator }
    denominator: { aggregate: count, events: [{ event: app.session_started, where: [{ property: plan, op: eq, value: pro }] }] }
    group_by: [n]
  m_by_event_1d: { description: d, type: count, events: [{ event: app.session_started }, { event: app.session_ended }], group_by: [$event], window: 1d }
  m_by_event_plan_day:
    description: d
    type: ratio
    numerator: { aggregate: count, events: [{ event: app.session_started, where: [{ property: plan, op: eq, value: pro }] }, { event: app.session_ended, where: [{ property: n, op: exists }] }] }
    denominator: { aggregate: count, events: [{ event: app.session_started }, { event: app.session_ended }] }
    group_by: [$event]
    grain: day
    window: 2d
  m_empty_count: { description: d, type: count, events: [{ event: app.unused }] }
  m_empty_avg: { description: d, type: average, property: n, events: [{ event: app.unused }] }
  m_empty_ratio:
    description: d
    type: ratio
    numerator: { aggregate: count, events: [{ event: app.unused }] }
    denominator: { aggregate: count, events: [{ event: app.unused }] }
`,
};

const T = Date.UTC(2026, 0, 10);
const H = 3_600_000, D = 86_400_000, M = 60_000;
export const AS_OF = T;

const ev = (id: string, event: string, ts: number, properties: Record<string, unknown>) => ({ id, event: `app.${event}`, timestamp: new Date(ts).toISOString(), properties });

export const EVENTS = [
  ev('a0', 'session_started', T - 3 * D, { sid: 's1', plan: 'free', n: 20, x: 0.5 }),
  ev('a1', 'session_started', T - 2 * H, { sid: 's1', plan: 'pro', n: 10, x: 1.5, flag: true, label: EVIL, meta: { tz: 'UTC', inner: { deep: 7 } }, select: 'k1', order: 5, group: true }),
  ev('a2', 'session_started', T - D, { sid: 's2', plan: 'free', n: 3, x: 2.5, meta: { tz: null }, select: 'k1', order: 1, group: false }),
  ev('a3', 'session_started', T - D - 1, { sid: 's3', plan: 'pro', n: 4, x: 4, select: 'k2', order: 9, label: "it's" }),
  ev('a4', 'session_started', T, { sid: 's4', plan: 'pro', n: 100 }),
  ev('a5', 'session_started', T - 3 * D, { sid: 's1', n: 1, x: null, meta: { inner: { deep: 5 } }, order: 4 }),
  ev('a7', 'session_started', Date.UTC(2026, 0, 4, 23, 59, 59, 999), { sid: 's7', n: 1 }),
  ev('a8', 'session_started', Date.UTC(2026, 0, 5), { sid: 's8', n: 1 }),
  ev('b1', 'session_ended', T - H, { sid: 's1', n: 2 }),
  ev('b2', 'session_ended', T - 2 * D, { sid: 's1', n: 2 }),
  ev('b3', 'session_ended', T - D + 30 * M, { sid: 's2' }),
  ev('b4', 'session_ended', T - 5 * H, { sid: 's9' }),
  ev('b5', 'session_ended', T + H, { sid: 's3' }),
  ev('b6', 'session_ended', T - 8 * D, { sid: 's7' }),
  ev('f1', 'step_a', T - 5 * H, { uid: 'u1' }),
  ev('f2', 'step_b', T - 5 * H, { uid: 'u1' }),
  ev('f3', 'step_a', T - 4 * H - 30 * M, { uid: 'u1' }),
  ev('f5', 'step_a', T - 5 * H, { uid: 'u2' }),
  ev('f6', 'step_b', T - 3 * H, { uid: 'u2' }),
  ev('f7', 'step_b', T - 6 * H, { uid: 'u3' }),
  ev('f8', 'step_a', T - 5 * H, { uid: 'u3' }),
  ev('f9', 'step_a', T - 2 * H, { uid: 'u4' }),
  ev('f10', 'step_b', T - 2 * H, { uid: 'u4' }),
  ev('f11', 'step_a', T - H, {}),
  ev('f12', 'step_a', T + H, { uid: 'u5' }),
  ev('f13', 'step_a', T - 70 * M, { uid: 'u6' }),
  ev('f14', 'step_b', T - 40 * M, { uid: 'u6' }),
  ev('f15', 'step_a', T - 10 * M, { uid: 'u6' }),
  // Orders (over: items): o3 holds a non-object and a null element and a line without q; o4 has
  // no items; o5 is an empty array; o6 is after as_of; o7's items is not an array (invalid, yet no error).
  ev('o1', 'order_placed', T - 2 * H, { cur: 'USD', items: [{ sku: 'a', q: 2, price: 2.5, cat: 'toys' }, { sku: 'b', q: 1, price: 10, cat: 'books' }] }),
  ev('o2', 'order_placed', T - D - 2 * H, { cur: 'EUR', items: [{ sku: 'a', q: 4, price: 0.25, cat: 'toys' }, { sku: 'c', q: 3, price: 1.5 }] }),
  ev('o3', 'order_placed', T - 3 * H, { cur: 'USD', items: [{ sku: 'a', q: 1, price: 2.5, cat: 'toys' }, 'junk', null, { sku: 'd', price: 4, cat: 'toys' }] }),
  ev('o4', 'order_placed', T - 3 * H, { cur: 'USD' }),
  ev('o5', 'order_placed', T - 3 * H, { cur: 'EUR', items: [] }),
  // Handoffs: s1's is 4 days old (before any window: the segment has none); s9 has no session;
  // s3's is after as_of (does not exist yet).
  ev('h1', 'handoff', T - 4 * D, { sid: 's1' }),
  ev('h2', 'handoff', T - H, { sid: 's9' }),
  ev('h3', 'handoff', T + H, { sid: 's3' }),
  ev('o7', 'order_placed', T - 3 * H, { cur: 'USD', items: 'lines' }),
  ev('o6', 'order_placed', T + H, { cur: 'USD', items: [{ sku: 'z', q: 100, price: 100, cat: 'toys' }] }),
];
