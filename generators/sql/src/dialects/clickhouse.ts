import { backslashLiteral, type Dialect } from '../dialect.js';
import { quoteBack } from '../names.js';

const TYPE: Record<string, string> = { string: 'Nullable(String)', integer: 'Nullable(Int64)', number: 'Nullable(Float64)', boolean: 'Nullable(Bool)', json: 'Nullable(String)' };

/**
 * ClickHouse: properties are a String of JSON read with JSONExtract (a Nullable target
 * type gives NULL for a missing key and for a JSON null).
 */
export const clickhouse: Dialect = {
  name: 'clickhouse',
  title: 'ClickHouse',
  types: { text: 'String', int: 'Int32', ts: "DateTime64(3, 'UTC')", json: 'String' },
  ident: quoteBack,
  relation: quoteBack,
  literal: backslashLiteral,
  bool: (v) => (v ? 'true' : 'false'),
  extract(json, segments, kind) {
    const keys = segments.map(backslashLiteral).join(', ');
    if (kind === 'json') return `nullIf(nullIf(JSONExtractRaw(${json}, ${keys}), ''), 'null')`;
    return `JSONExtract(${json}, ${keys}, ${backslashLiteral(TYPE[kind]!)})`;
  },
  // ARRAY JOIN: one row per element (none for an empty array); a NULL or non-array reads as [].
  unnest: (a, alias) => ({ join: `ARRAY JOIN JSONExtractArrayRaw(ifNull(${a}, '[]')) AS ${quoteBack(alias)}`, item: quoteBack(alias) }),
  nullOf: (kind) => `CAST(NULL, ${backslashLiteral(TYPE[kind]!)})`,
  float: (e) => `toFloat64(${e})`,
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  mod: (a, b) => `modulo(${a}, ${b})`,
  // maxOrNull: a plain max over no rows is 1970-01-01 in ClickHouse, not NULL.
  asOf: (rel) => `coalesce((SELECT maxOrNull(${quoteBack('as_of')}) FROM ${rel}), now64(3, 'UTC'))`,
  minusMs: (ts, ms) => `subtractMilliseconds(${ts}, ${ms})`,
  plusMs: (ts, ms) => `addMilliseconds(${ts}, ${ms})`,
  msBetween: (a, b) => `toFloat64(toUnixTimestamp64Milli(${b}) - toUnixTimestamp64Milli(${a}))`,
  bucket: (grain, ts) => (grain === 'day' ? `toDate(${ts})` : grain === 'week' ? `toMonday(${ts})` : `toStartOfMonth(${ts})`),
  byteOrder: (e) => e,
};
