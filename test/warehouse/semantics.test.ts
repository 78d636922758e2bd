// Each rule of the metric semantics, worked out by hand on a small data set (fixture.ts),
// checked on the TypeScript functions and on the generated SQL in every engine we can run.
// The cross-engine test shows the outputs agree; this one shows they agree on the right answer.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { diff, normalize } from './compare.js';
import { duckdbEngine, generatePackages, load, pgliteEngine, postgresEngine, postgresUrl, sqliteEngine, type Engine, type MetricsPackage, type Row, type SqlPackage } from './engines.js';
import { AS_OF, BASE, EVENTS, writeTaxonomy } from './fixture.js';

const loaded = loadTaxonomy(writeTaxonomy(BASE));
const model = loaded.model as TaxonomyModel;

/** metric → rows, by hand (see the comments for the reasoning). */
const EXPECTED: Record<string, Row[]> = {
  // window [as_of − 1d, as_of): a1 is pro and inside; a2 sits exactly on the lower edge (in) but is free;
  // a3 is 1 ms before the edge; a4 is exactly at as_of (out).
  m_count_pro_1d: [{ value: 1 }],
  // neq does not match a missing plan (a5, a7, a8): a0 and a2.
  m_neq_pro: [{ value: 2 }],
  m_not_exists_plan: [{ value: 3 }],
  m_in: [{ value: 4 }],
  // s1, s2, s3, s7, s8 from starts; s9 only ends; b5 is after as_of.
  m_distinct_sid: [{ value: 6 }],
  m_sum_n_day: [{ bucket: '2026-01-04', value: 1 }, { bucket: '2026-01-05', value: 1 }, { bucket: '2026-01-07', value: 21 }, { bucket: '2026-01-08', value: 4 }, { bucket: '2026-01-09', value: 13 }],
  // The missing-plan group exists (it has events) but has no x values: null, not 0.
  m_avg_x_by_plan: [{ plan: null, value: null }, { plan: 'free', value: 1.5 }, { plan: 'pro', value: 2.75 }],
  // 01-02 has an end and no start: a zero denominator is null.
  m_ratio_day: [{ bucket: '2026-01-02', value: null }, { bucket: '2026-01-04', value: 0 }, { bucket: '2026-01-05', value: 0 }, { bucket: '2026-01-07', value: 0 }, { bucket: '2026-01-08', value: 1 }, { bucket: '2026-01-09', value: 1.5 }],
  // Samples: s1 first start a0 (T−3d, tie with a5 broken by id) → first end at or after it b2 (T−2d): 1 day;
  // s2: 30 min; s3's end is after as_of; s7's end is before its start.
  m_dur_median: [{ value: 44_100_000 }],
  m_dur_p90: [{ value: 1_800_000 + 0.9 * 84_600_000 }],
  m_dur_avg: [{ value: 44_100_000 }],
  m_dur_min: [{ value: 1_800_000 }],
  // In the last day: s1 a1 → b1 (1 h), s2 a2 → b3 (30 min).
  m_dur_median_1d: [{ value: 2_700_000 }],
  // The group comes from the first start (a0, free), not from a5 (no plan) at the same instant.
  m_dur_by_plan: [{ plan: 'free', value: 86_400_000 }],
  // u1 a→b (same instant, later id)→a; u2's b is 2 h late; u3's b is before its a; u4's b ties with
  // its a but 'f10' < 'f9' puts it first; u6's third step is exactly 1 h after the first (inclusive).
  m_funnel: [{ step: 1, event: 'app.step_a', value: 5 }, { step: 2, event: 'app.step_b', value: 2 }, { step: 3, event: 'app.step_a', value: 2 }],
  m_exists_tz: [{ value: 1 }],
  m_exists_meta: [{ value: 3 }],
  m_nested_gte: [{ value: 1 }],
  m_keyword: [{ select: null, value: 1 }, { select: 'k1', value: 1 }, { select: 'k2', value: 1 }],
  m_bool_group: [{ value: 1 }],
  // 2026-01-04 23:59:59.999 is a Sunday: the ISO week of Monday 2025-12-29.
  m_week: [{ bucket: '2025-12-29', value: 1 }, { bucket: '2026-01-05', value: 6 }],
  m_evil: [{ value: 1 }],
  // Bins: a value falls under the greatest edge at or below it (n = 20 sits on the edge 20), a value
  // below the first edge under the first edge (n = 1 of a5, a7, a8 under 2); a4 is at as_of (out).
  // n: a0 20, a1 10, a2 3, a3 4, a5 1, a7 1, a8 1.
  m_hist_n: [{ n: 2, value: 5 }, { n: 5, value: 1 }, { n: 20, value: 1 }],
  // x: a0 0.5 (below 1) and a1 1.5 under 1; a2 2.5 (on the edge) and a3 4 under 2.5; a5 null, a7 and a8 missing: null.
  m_hist_x: [{ x: null, value: 3 }, { x: 1, value: 2 }, { x: 2.5, value: 2 }],
  // The split: the same bins per plan (a5, a7, a8 have no plan).
  m_hist_n_by_plan: [{ plan: null, n: 0, value: 3 }, { plan: 'free', n: 0, value: 1 }, { plan: 'free', n: 5, value: 1 }, { plan: 'pro', n: 0, value: 1 }, { plan: 'pro', n: 5, value: 1 }],
  // Bin 0: x of a2 2.5, a3 4 (a5 null, a7, a8 missing) → 3.25; bin 5: a0 0.5, a1 1.5 → 1.
  m_avg_x_by_n_bin: [{ n: 0, value: 3.25 }, { n: 5, value: 1 }],
  // The group is the first start's n: s1's first start a0 (n 20, tie with a5 broken by id) → b2: 1 day;
  // s2's a2 (n 3) → b3: 30 min; s3's end is after as_of, s7's before its start.
  m_dur_by_n_bin: [{ n: 0, value: 1_800_000 }, { n: 5, value: 86_400_000 }],
  // Window [T − 2d, T): a1 (01-09, n 10), a2 (01-09, n 3), a3 (01-08 23:59:59.999, n 4).
  m_hist_n_day: [{ bucket: '2026-01-08', n: 0, value: 1 }, { bucket: '2026-01-09', n: 0, value: 1 }, { bucket: '2026-01-09', n: 5, value: 1 }],
  // over: items, one row per element; o4 (no items), o5 (empty) and o7 (not an array) give none, o6 is after as_of.
  // q × price: o1 USD toys 2 × 2.5 = 5, books 1 × 10 = 10; o2 EUR toys 4 × 0.25 = 1, no cat 3 × 1.5 = 4.5;
  // o3 USD toys 1 × 2.5 = 2.5 and d (no q: no product, but a row) → toys 5 + 2.5 = 7.5; 'junk' and
  // null are rows without fields → USD, no cat, a sum of nothing: 0. Currencies never mix.
  m_items_value_by_cat: [{ cur: 'EUR', items__cat: null, value: 4.5 }, { cur: 'EUR', items__cat: 'toys', value: 1 }, { cur: 'USD', items__cat: null, value: 0 }, { cur: 'USD', items__cat: 'books', value: 10 }, { cur: 'USD', items__cat: 'toys', value: 7.5 }],
  // Every element is a row: o2 (01-08 22:00) 2; o1 2 + o3 4 (junk and null included) on 01-09.
  m_items_day: [{ bucket: '2026-01-08', value: 2 }, { bucket: '2026-01-09', value: 6 }],
  // USD orders only (the filter is on the event): skus a, b (o1), a, d (o3) → 3.
  m_items_skus_usd: [{ value: 3 }],
  // q of o1 2, 1; o2 4, 3; o3 1 (junk, null, d have none) → 11 / 5.
  m_items_avg_q: [{ value: 2.2 }],
  // segment via: a session (sid) with a handoff before as_of is human, else bot. s1 (h1) is human:
  // a0 n 20 → 5, a1 n 10 → 5, a5 n 1 → 0. Bot: a2 (3), a3 (4, s3's handoff is after as_of), a7, a8 (1) → 0.
  m_seg_hist: [{ via: 'bot', n: 0, value: 4 }, { via: 'human', n: 0, value: 1 }, { via: 'human', n: 5, value: 2 }],
  // Window [T − 1d, T): a1 (s1, x 1.5) is human though h1 is 4 days old; a2 (s2, x 2.5) bot. The label holds a quote.
  m_seg_avg_1d: [{ via: 'bot', value: 2.5 }, { via: "it's human", value: 1.5 }],
  // within: the ends whose sid a start in the window has. Starts in [T−1d, T): a1 (s1), a2 (s2) -> 2.
  // Ends in the window: b1 (s1) and b3 (s2) count; b4 (s9) has no start: 2/2 = 1 (3/2 without within).
  m_within_1d: [{ value: 1 }],
  // Keys from the pro starts before as_of: a1 (s1), a3 (s3) (a4 is at as_of). Ends of s1: b1, b2 -> 2;
  // b3 (s2), b4 (s9), b6 (s7) are not pro sessions, b5 is after as_of. Both ends have n 2 (group 2:
  // 2 / 0 -> null); the pro starts are a3 n 4 and a1 n 10 (0 / 1 = 0 each): within matches keys
  // across groups and buckets, and each event stays in its own group.
  m_within_pro_by_n: [{ n: 2, value: null }, { n: 4, value: 0 }, { n: 10, value: 0 }],
  // $event: the event's name. In [T−1d, T): starts a1, a2; ends b1, b3, b4.
  m_by_event_1d: [{ event: 'app.session_ended', value: 3 }, { event: 'app.session_started', value: 2 }],
  // By day and event name, in [T−2d, T): starts a1 (01-09, pro), a2 (01-09 00:00, free), a3 (01-08, pro);
  // ends b1 (01-09, n), b3 (01-09, no n), b4 (01-09, no n), b2 at T−2d (01-08, n).
  // 01-08: started 1/1 (a3 pro), ended 1/1 (b2); 01-09: started 1/2 (a1 of a1, a2), ended 1/3 (b1 of b1, b3, b4).
  m_by_event_plan_day: [
    { bucket: '2026-01-08', event: 'app.session_ended', value: 1 }, { bucket: '2026-01-08', event: 'app.session_started', value: 1 },
    { bucket: '2026-01-09', event: 'app.session_ended', value: 1 / 3 }, { bucket: '2026-01-09', event: 'app.session_started', value: 0.5 },
  ],
  m_empty_count: [{ value: 0 }],
  m_empty_avg: [{ value: null }],
  m_empty_ratio: [{ value: null }],
};

let sql: SqlPackage;
let metrics: MetricsPackage;
beforeAll(async () => { ({ sql, metrics } = await generatePackages(model)); });

describe('the semantics fixture', () => {
  it('loads, and every metric has a hand-worked expectation', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(EXPECTED).sort()).toEqual(model.metrics.map((m) => m.name).sort());
    expect(sql.FINDINGS).toEqual([]);
  });

  it.each(Object.keys(EXPECTED))('TypeScript: %s', (name) => {
    const v = sql.METRIC_VIEWS.find((m) => m.metric === name)!;
    expect(diff(normalize(EXPECTED[name]!, v.columns), normalize(metrics.METRICS[name]!(EVENTS, { asOf: AS_OF }), v.columns))).toEqual([]);
  });

  it('TypeScript: asOf defaults to now, and options.window overrides the metric window', () => {
    expect(metrics.METRICS.m_count_pro_1d!(EVENTS)).toEqual([{ value: 0 }]);
    expect(metrics.METRICS.m_count_pro_1d!(EVENTS, { asOf: AS_OF, window: null })).toEqual([{ value: 2 }]);
    expect(metrics.METRICS.m_count_pro_1d!(EVENTS, { asOf: AS_OF, window: '4d' })).toEqual([{ value: 2 }]);
    expect(() => metrics.METRICS.m_count_pro_1d!(EVENTS, { asOf: 'not a date' })).toThrow(/options.asOf is not a valid instant/);
  });
});

const url = postgresUrl(join(import.meta.dirname, '../..'));
const ENGINES: [string, (p: SqlPackage) => Promise<Engine>, string?][] = [
  ['sqlite', sqliteEngine], ['pglite', pgliteEngine], ['duckdb', duckdbEngine],
  ['postgres server', (p) => postgresEngine(p, url!), url ? undefined : 'no PostgreSQL server (scripts/setup-postgres.sh)'],
];

describe.each(ENGINES)('SQL on %s', (_n, make, skip) => {
  let engine: Engine;
  beforeAll(async () => {
    if (skip) return;
    engine = await make(sql);
    await load(engine, sql, EVENTS);
    await engine.setAsOf(AS_OF);
  });
  afterAll(async () => { await engine?.close(); });

  it.skipIf(!!skip)('every metric view gives the hand-worked rows; the injected value did no harm', async () => {
    const failures: string[] = [];
    for (const [name, rows] of Object.entries(EXPECTED)) {
      const v = sql.METRIC_VIEWS.find((m) => m.metric === name)!;
      const d = diff(normalize(rows, v.columns), normalize(await engine.query(`SELECT * FROM ${v.view}`), v.columns));
      if (d.length) failures.push(`${name}: ${d.join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect(Number((await engine.query('SELECT COUNT(*) AS n FROM events'))[0]!.n)).toBe(EVENTS.length);
  });

  it.skipIf(!!skip)('the typed event view extracts and casts keyword-named and nested properties', async () => {
    const rows = await engine.query('SELECT * FROM ev_app__session_started WHERE event_id = \'a1\'');
    const r = normalize(rows, ['sid', 'plan', 'n', 'x', 'flag', 'select', 'order', 'group', 'meta__tz', 'meta__inner__deep'])[0]!;
    expect(r).toEqual({ sid: 's1', plan: 'pro', n: 10, x: 1.5, flag: 1, select: 'k1', order: 5, group: 1, meta__tz: 'UTC', meta__inner__deep: 7 });
  });
});
