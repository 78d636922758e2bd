import { csvField, parseSince, StoreError, type SqlReader } from '@taxonomy/collector';
import { MetricReader, type MetricData } from '../metrics/metric-data.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';
import { openStoreReader, STORE_FLAGS } from './read-store.js';

export const METRICS_HELP = `Usage: taxonomy metrics [dir] [--since 30d] [--format table|json|csv] [--metric name,…]
                        [--db events.sqlite | --postgres URL]

Prints every metric's value from the collector's store, read through the metric views that
\`taxonomy serve\` creates when it starts. Read-only: it never creates or changes anything.

Options:
  --since <when>      only events that occurred at or after: a duration back from now (30d,
                      12h, 2w) or an ISO date; each metric keeps its own window inside it.
                      Default: every metric as its view defines it (its own window)
  --format <f>        table (default), json or csv
  --metric <names>    only these metrics (comma-separated)
  --db <file>         SQLite database file (default events.sqlite)
  --postgres <url>    the PostgreSQL database instead
  --validators, --sql the generated packages (default: their output folders)

Exit codes: 0 ok; 2 usage error, a missing or empty store, a store whose views were made by
an older taxonomy (start \`taxonomy serve\` once: it replaces them), or a metric that failed.`;

type Format = 'table' | 'json' | 'csv';

const keyOf = (d: MetricData, r: MetricData['rows'][number]) =>
  d.columns.filter((c) => c !== 'value' && c !== 'bucket' && c !== 'step' && c !== 'event').map((c) => `${c}=${r[c] === null ? 'null' : String(r[c])}`).join(' ');

const show = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' && !Number.isInteger(v) ? String(Math.round(v * 1e6) / 1e6) : String(v));

function table(data: readonly MetricData[]): string {
  const rows: string[][] = [['metric', 'type', 'bucket', 'group', 'step', 'value']];
  for (const d of data) {
    if (d.error) { rows.push([d.metric, d.type, '', '', '', `error: ${d.error}`]); continue; }
    if (!d.rows.length) rows.push([d.metric, d.type, '', '', '', '(no rows)']);
    for (const r of d.rows) rows.push([d.metric, d.type, show(r.bucket), keyOf(d, r), r.step === undefined ? '' : `${show(r.step)} ${show(r.event)}`, show(r.value)]);
  }
  const width = rows[0]!.map((_, i) => Math.min(60, Math.max(...rows.map((r) => r[i]!.length))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(width[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

function csv(data: readonly MetricData[]): string {
  const lines = ['metric,type,bucket,group,step,event,value,error'];
  for (const d of data) {
    if (d.error || !d.rows.length) lines.push([d.metric, d.type, null, null, null, null, null, d.error ?? null].map((v) => csvField(v)).join(','));
    for (const r of d.rows) lines.push([d.metric, d.type, r.bucket ?? null, keyOf(d, r) || null, (r.step as number | undefined) ?? null, (r.event as string | undefined) ?? null, r.value as number | null, null].map((v) => csvField(typeof v === 'boolean' ? String(v) : v)).join(','));
  }
  return lines.join('\n') + '\n';
}

export const metricsCommand: Command = {
  name: 'metrics',
  help: METRICS_HELP,
  async run(args, io: Io) {
    const { values, positionals } = parse(args, {
      since: { type: 'string' }, format: { type: 'string', default: 'table' }, metric: { type: 'string' },
      ...STORE_FLAGS,
    });
    if (values.help) { io.out(METRICS_HELP + '\n'); return EXIT.ok; }
    const format = str(values.format) as Format;
    if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv; got '${format}'`);
    if (positionals.length > 1) throw new UsageError(`metrics takes one taxonomy folder; got ${positionals.length}`);
    if (values.db && values.postgres) throw new UsageError('give --db (SQLite) or --postgres, not both');
    const now = Date.now();
    let sinceMs: number | undefined;
    const since = str(values.since);
    if (since !== undefined) {
      try { sinceMs = parseSince(since, now); } catch (e) { throw new UsageError(`--since: ${(e as Error).message}`); }
    }
    const wanted = str(values.metric)?.split(',').map((s) => s.trim()).filter(Boolean);
    let reader: SqlReader | undefined;
    try {
      const opened = await openStoreReader(io, values, positionals[0], sinceMs !== undefined);
      reader = opened.reader;
      const s = opened.s;
      const m = new MetricReader(reader, s.contract.sql, s.model);
      const { events } = await m.check();
      if (events === 0) throw new StoreError(`${reader.where} holds no events yet: send some (taxonomy sample-data, or your app's tracker) to \`taxonomy serve\`, then run this again`, false);
      const names = wanted ?? m.metrics.map((x) => x.metric);
      const unknown = names.filter((n) => !m.metrics.some((x) => x.metric === n));
      if (unknown.length) throw new UsageError(`unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}; the metrics are: ${m.metrics.map((x) => x.metric).join(', ')}`);
      const data: MetricData[] = [];
      for (const n of names) data.push(await m.read(n, sinceMs === undefined ? undefined : { asOfMs: now, sinceMs }));
      if (format === 'json') {
        io.out(JSON.stringify({ store: reader.where, asOf: new Date(now).toISOString(), since: sinceMs === undefined ? null : new Date(sinceMs).toISOString(), events, metrics: data }, null, 2) + '\n');
      } else io.out(format === 'csv' ? csv(data) : table(data));
      const failed = data.filter((d) => d.error);
      if (failed.length) {
        io.err(`${failed.length} metric${failed.length > 1 ? 's' : ''} failed: ${failed.map((f) => `${f.metric}: ${f.error}`).join('; ')}\n`);
        return EXIT.usage;
      }
      return EXIT.ok;
    } catch (e) {
      if (e instanceof StoreError) throw new UsageError(e.message);
      throw e;
    } finally {
      await reader?.close();
    }
  },
};

