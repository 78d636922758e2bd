// Issue 18.3's shapes in the store and its views, in every engine that runs here (SQLite,
// PGlite, DuckDB): json and union properties are JSON columns, an open payload keeps its
// undeclared keys in the stored row, int64 bounds do not get in the way, and a metric that
// names a JSON-stored property is a clear finding instead of SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Filter, GeneratedFile, Metric, TaxonomyModel } from '@taxonomy/core';
import { dbtGenerator } from '@taxonomy/gen-dbt';
import { parse } from 'yaml';
import { compile, formatFinding } from '@taxonomy/gen-sql';
import { SHAPE_CASES, shapesModel } from '../shapes/table.js';
import { duckdbEngine, generatePackages, load, pgliteEngine, sqliteEngine, type Engine, type SqlPackage } from './engines.js';

const model = shapesModel();
const at = '2026-03-01T12:00:00.000Z';
/** Every valid payload of the table as a stored event, ids `<event>#<n>`. */
const envelopes = SHAPE_CASES.flatMap((c) => [
  ...c.valid.map((properties, i) => ({ event: c.event, id: `${c.event}#${i}`, timestamp: at, properties })),
  ...(c.older ?? []).flatMap((o) => o.valid.map((properties, i) => ({ event: c.event, id: `${c.event}#v${o.version}.${i}`, version: o.version, timestamp: at, properties }))),
]);

let sql: SqlPackage;
beforeAll(async () => { sql = (await generatePackages(model)).sql; }, 60_000);

const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

/** Scalars in JSON columns, which the table's payloads leave out: a JSON true and a string that looks like a number. */
const scalars = [
  { event: 'json_value', id: 'json_value#s0', timestamp: at, properties: { meta: true } },
  { event: 'json_value', id: 'json_value#s1', timestamp: at, properties: { meta: '12', maybe: false } },
];
const loaded = [...envelopes, ...scalars];

describe.each([['sqlite', sqliteEngine], ['pglite', pgliteEngine], ['duckdb', duckdbEngine]] as const)('the shapes in %s', (name, make) => {
  let e: Engine;
  beforeAll(async () => { e = await make(sql); await load(e, sql, loaded); }, 60_000);
  afterAll(async () => { await e?.close(); });
  /**
   * A JSON column's value: SQLite and DuckDB give JSON text (a string is '"x"', true is 'true'),
   * which must parse; PostgreSQL's driver gives jsonb parsed (a string scalar arrives bare).
   */
  const asJson = (v: unknown) => (typeof v === 'string' && name !== 'pglite' ? JSON.parse(v) : v);
  const rows = async (view: string, cols: string[]) => (await e.query(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${view}" ORDER BY "event_id"`)).map((r) => cols.map((c) => plain(r[c])));

  it('every event has its view, holding every stored row', async () => {
    for (const c of SHAPE_CASES) {
      const ids = (await rows(`ev_${c.event}`, ['event_id'])).map((r) => r[0]);
      expect([c.event, ids.length]).toEqual([c.event, loaded.filter((x) => x.event === c.event).length]);
    }
  });

  it('json and union properties are JSON columns holding the value sent', async () => {
    const json = await rows('ev_json_value', ['event_id', 'meta', 'maybe']);
    expect(json.map(([id, v, m]) => [id, v === null ? null : asJson(v), m === null ? null : asJson(m)])).toEqual([
      ['json_value#0', 1, null], ['json_value#1', { a: [1, null] }, null], ['json_value#2', null, null], ['json_value#3', 'x', [1]],
      ['json_value#s0', true, null], ['json_value#s1', '12', false],
    ]);
    const ids = await rows('ev_type_list', ['event_id', 'id']);
    expect(ids.map(([id, v]) => [id, v === null ? null : asJson(v)])).toEqual([['type_list#0', 'ab'], ['type_list#1', 3], ['type_list#2', 0], ['type_list#3', null]]);
    const methods = await rows('ev_payment_made', ['method']);
    expect(methods.map(([v]) => asJson(v))).toEqual([{ kind: 'card', last4: '1234' }, { kind: 'iban', iban: 'DE89370400440532013000' }]);
    expect(sql.EVENT_VIEWS.find((v) => v.event === 'payment_made')!.columns).toEqual(['method']);
  });

  it('a map and an open payload keep every key in the stored row; declared keys are columns', async () => {
    const counts = await rows('ev_map_sent', ['counts']);
    expect(counts.map(([v]) => asJson(v))).toEqual([{ a: 1 }, { x_a: 's', b: 2 }, { a: 0, b: 1, x_c: '' }]);
    expect(await rows('ev_open_event', ['event_id', 'a'])).toEqual([['open_event#0', 'x'], ['open_event#1', null], ['open_event#2', 'x'], ['open_event#3', 'x']]);
    const stored = await e.query(`SELECT "properties" FROM "events" WHERE "event_name" = 'open_event' ORDER BY "event_id"`);
    expect(stored.map((r) => asJson(r.properties))).toEqual([{ a: 'x' }, { extra: 's' }, { n_x: 1.5, a: 'x' }, { a: 'x', b: 'y', n_c: 2 }]);
  });

  it('a tuple is a JSON column holding its elements in order (any further value included)', async () => {
    const t = await rows('ev_tuple_sent', ['event_id', 'point', 'pair', 'head']);
    expect(t.map(([id, ...v]) => [id, ...v.map((x) => (x === null ? null : asJson(x)))])).toEqual([
      ['tuple_sent#0', [1, 2.5], null, null], ['tuple_sent#1', [0, 0], ['ab', 1], null], ['tuple_sent#2', [1, 2], ['a', 0, true, false], null],
      ['tuple_sent#3', [1, 2], [], null], ['tuple_sent#4', [1, 2], ['a'], null], ['tuple_sent#5', [1, 2], null, ['x', 1, {}, null]], ['tuple_sent#6', [1, 2], null, ['x']],
    ]);
  });

  it('int64-bounded integers are integer columns', async () => {
    expect(await rows('ev_big_ids', ['id', 'small'])).toEqual([[5, null], [-5, null], [9007199254740991, null], [0, 9007199254740991]]);
  });

  it('each version of an event with its own ObjectRules has its view', async () => {
    expect(await rows('ev_versioned_open__v1', ['event_id', 'k'])).toEqual([['versioned_open#v1.0', 'a'], ['versioned_open#v1.1', 'a']]);
    expect(await rows('ev_versioned_open__v2', ['event_id', 'k'])).toEqual([['versioned_open#0', 'a']]);
  });
});

/** A metric over the shapes domain, as the loader would resolve it. */
function metric(name: string, m: Partial<Metric>): Metric {
  return { name, description: 'd', groupBy: [], extensions: {}, location: { file: 'taxonomy/metrics.yaml', line: 2, column: 3 }, ...m } as Metric;
}
const over = (event: string, where: Filter[] = []) => [{ event, where }];

describe('a metric naming a JSON-stored property is a finding, not SQL', () => {
  it.each([
    ['a sum of a union', metric('m_sum', { type: 'sum', events: ['type_list'], measure: { aggregate: 'sum', property: 'id', events: over('type_list') } }), 'sql/not-numeric', /cannot sum 'id': it is json/],
    ['a distinct count of a json value', metric('m_distinct', { type: 'distinct_count', events: ['json_value'], measure: { aggregate: 'distinct_count', property: 'meta', events: over('json_value') } }), 'sql/distinct-json', /'meta': it is stored as JSON \(an object, an array, a union of types or a free-form json value\)/],
    ['a filter on a union', metric('m_where', { type: 'count', events: ['score_given'], measure: { aggregate: 'count', events: over('score_given', [{ property: 'score', op: 'eq', value: 3 }]) } }), 'sql/filter-json', /'score' of 'score_given' is stored as JSON/],
    ['a group by a map', metric('m_group', { type: 'count', events: ['map_sent'], groupBy: ['counts'], measure: { aggregate: 'count', events: over('map_sent') } }), 'sql/group-type', /cannot group by 'counts': it is stored as JSON/],
  ])('%s', (_t, m, code, message) => {
    const withMetric: TaxonomyModel = { ...model, metrics: [m] };
    const c = compile(withMetric);
    expect(c.plans).toEqual([]);
    expect(c.findings.map((f) => f.code)).toEqual([code]);
    expect(c.findings.map(formatFinding).join('\n')).toMatch(message);
  });

  it('exists still works on a JSON-stored property', () => {
    const m = metric('m_exists', { type: 'count', events: ['json_value'], measure: { aggregate: 'count', events: over('json_value', [{ property: 'maybe', op: 'exists' }]) } });
    const c = compile({ ...model, metrics: [m] });
    expect(c.findings).toEqual([]);
    expect(c.plans.map((p) => p.name)).toEqual(['m_exists']);
  });
});

describe('dbt on the shapes', () => {
  it('not_null only where a value can never be null (a json value, a nullable union can)', () => {
    const files = dbtGenerator.generate(model, {}) as GeneratedFile[];
    const models = parse(files.find((f) => f.path === 'models/staging/schema.yml')!.contents).models as { name: string; columns: { name: string; tests?: unknown[] }[] }[];
    const tests = (m: string, c: string) => models.find((x) => x.name === m)!.columns.find((x) => x.name === c)!.tests ?? [];
    expect(tests('stg_json_value', 'meta')).toEqual([]);
    expect(tests('stg_type_list', 'id')).toEqual([]);
    expect(tests('stg_payment_made', 'method')).toEqual(['not_null']);
    expect(tests('stg_big_ids', 'id')).toEqual(['not_null']);
    expect(tests('stg_map_sent', 'counts')).toEqual(['not_null']);
  });
});
