import { backslashLiteral, jsonPath, type Dialect } from '../dialect.js';
import { quoteBack } from '../names.js';

const CAST: Record<string, string> = { string: 'STRING', integer: 'INT64', number: 'FLOAT64', boolean: 'BOOL', json: 'JSON' };

/**
 * BigQuery (GoogleSQL). Views must name tables with their dataset, so relations are
 * qualified with the `bigqueryDataset` option.
 */
/** Windows are whole minutes; SECOND reads everywhere, MILLISECOND only where needed. */
const interval = (ms: number) => (ms % 1000 === 0 ? `INTERVAL ${ms / 1000} SECOND` : `INTERVAL ${ms} MILLISECOND`);

export function bigquery(dataset: string): Dialect {
  return {
    name: 'bigquery',
    title: 'BigQuery',
    types: { text: 'STRING', int: 'INT64', ts: 'TIMESTAMP', json: 'JSON' },
    ident: quoteBack,
    relation: (n) => `${quoteBack(dataset)}.${quoteBack(n)}`,
    literal: backslashLiteral,
    bool: (v) => (v ? 'TRUE' : 'FALSE'),
    extract(json, segments, kind) {
      const path = backslashLiteral(jsonPath(segments));
      if (kind === 'json') return `(CASE WHEN JSON_TYPE(JSON_QUERY(${json}, ${path})) = 'null' THEN NULL ELSE JSON_QUERY(${json}, ${path}) END)`;
      const text = `JSON_VALUE(${json}, ${path})`;
      return kind === 'string' ? text : `CAST(${text} AS ${CAST[kind]})`;
    },
    // JSON_QUERY_ARRAY gives NULL (no rows) for a non-array; UNNEST's alias is the item itself.
    unnest: (a, alias) => ({ join: `CROSS JOIN UNNEST(JSON_QUERY_ARRAY(${a})) AS ${quoteBack(alias)}`, item: quoteBack(alias) }),
    nullOf: (kind) => `CAST(NULL AS ${CAST[kind]})`,
    float: (e) => `CAST(${e} AS FLOAT64)`,
    intDiv: (a, b) => `DIV(${a}, ${b})`,
    mod: (a, b) => `MOD(${a}, ${b})`,
    asOf: (rel) => `COALESCE((SELECT MAX(${quoteBack('as_of')}) FROM ${rel}), CURRENT_TIMESTAMP())`,
    minusMs: (ts, ms) => `TIMESTAMP_SUB(${ts}, ${interval(ms)})`,
    plusMs: (ts, ms) => `TIMESTAMP_ADD(${ts}, ${interval(ms)})`,
    msBetween: (a, b) => `CAST(TIMESTAMP_DIFF(${b}, ${a}, MILLISECOND) AS FLOAT64)`,
    bucket: (grain, ts) => (grain === 'day' ? `DATE(${ts})` : `DATE_TRUNC(DATE(${ts}), ${grain === 'week' ? 'ISOWEEK' : 'MONTH'})`),
    byteOrder: (e) => e,
    // Our CTE names are fixed lower-case words; left bare because SQL parsers for BigQuery
    // (and BigQuery itself) read a back-quoted name in WITH as a table path.
    cte: (n) => { if (!/^[a-z][a-z0-9]*$/.test(n)) throw new Error(`internal: CTE name ${n}`); return n; },
  };
}
