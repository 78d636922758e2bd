import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadContract, parseSince } from '@taxonomy/collector';
import { formatDiagnostic, loadTaxonomy } from '@taxonomy/core';
import { compile } from '@taxonomy/gen-sql';
import { sampleEvents, type SampleEnvelope } from '../sample-data/generate.js';
import type { Schema } from '../sample-data/values.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';

export const SAMPLE_DATA_HELP = `Usage: taxonomy sample-data [dir] --events N [--seed S] [--url URL] [--write-key KEY]
                            [--days 30] [--as-of DATE] [--out file.ndjson]

Sends sample events for every domain through the collector (\`taxonomy serve\`), so a new
user sees a filled dashboard at once: every event of the taxonomy at least once, every
metric with a value over the last 30 days, and one refused event per domain (an unknown
property) for the quarantine. The same --seed and --as-of give the same events, byte for
byte, with the same ids: sending twice stores them once.

Options:
  --events <n>        how many events in all (default 2000; at least one per event)
  --seed <s>          the random seed (default 1)
  --url <url>         the collector (default http://127.0.0.1:8787)
  --write-key <key>   the collector's write key, when it has --write-keys
  --days <n>          spread over this many days before --as-of (default 30)
  --as-of <when>      every event is before this instant (default: the start of the current
                      UTC hour)
  --out <file>        write the events as NDJSON instead of sending them (valid ones, then
                      the refused ones)

Exit codes: 0 every event stored (and the refused ones quarantined); 1 a sample event the
collector refused; 2 usage error or the collector unreachable.`;

const BATCH = 500;

async function post(url: string, body: unknown, key?: string): Promise<{ stored: number; duplicates: number; quarantined: number; rejected?: { event: string; errors: { message: string }[] }[] }> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/$/, '')}/v1/batch`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new UsageError(`cannot reach the collector at ${url}: ${(e as Error).message}; start it with \`taxonomy serve\` or pass --url`);
  }
  const text = await res.text();
  if (!res.ok) throw new UsageError(`the collector at ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as never;
}

export const sampleDataCommand: Command = {
  name: 'sample-data',
  help: SAMPLE_DATA_HELP,
  async run(args, io: Io) {
    const { values, positionals } = parse(args, {
      events: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' }, url: { type: 'string', default: 'http://127.0.0.1:8787' },
      'write-key': { type: 'string' }, days: { type: 'string', default: '30' }, 'as-of': { type: 'string' }, out: { type: 'string' },
    });
    if (values.help) { io.out(SAMPLE_DATA_HELP + '\n'); return EXIT.ok; }
    const int = (name: string, min: number, max: number) => {
      const n = Number(str(values[name]));
      if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}; got '${str(values[name])}'`);
      return n;
    };
    const count = int('events', 1, 10_000_000), seed = int('seed', 0, 2 ** 31 - 1), days = int('days', 1, 3650);
    let asOf = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const asOfText = str(values['as-of']);
    if (asOfText !== undefined) { try { asOf = parseSince(asOfText); } catch (e) { throw new UsageError(`--as-of: ${(e as Error).message}`); } }
    if (positionals.length > 1) throw new UsageError(`sample-data takes one taxonomy folder; got ${positionals.length}`);
    const dir = resolve(io.cwd, positionals[0] ?? 'taxonomy');
    const loaded = loadTaxonomy(dir, { cwd: io.cwd });
    if (!loaded.model || loaded.failed) throw new UsageError(`cannot read the taxonomy in ${dir}:\n${loaded.diagnostics.filter((d) => d.severity === 'error').slice(0, 10).map(formatDiagnostic).join('\n')}`);
    const model = loaded.model;
    const root = dirname(dir);
    const out = (g: string, fallback: string) => join(root, model.generators[g]?.out ?? fallback);
    let schemaFor: (name: string, version?: number) => Schema | undefined;
    try {
      schemaFor = ((await import(pathToFileURL(join(out('json-schema', 'packages/schemas'), 'index.js')).href)) as { schemaFor: typeof schemaFor }).schemaFor;
    } catch (e) {
      throw new UsageError(`cannot load the generated JSON Schemas (${out('json-schema', 'packages/schemas')}): ${(e as Error).message}; run \`taxonomy generate\` first`);
    }
    const contract = await loadContract({ validators: out('validators', 'packages/validators'), sql: out('sql', 'packages/sql') }, io.cwd).catch((e: Error) => { throw new UsageError(e.message); });
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const set = sampleEvents(model, compile(model).plans, (n, v) => schemaFor(n, v), { events: count, seed, asOf, days, libraryVersion: version });
    const refused = set.valid.filter((e) => !contract.validators.validateEvent(e.event, e).ok);
    if (refused.length) {
      const first = contract.validators.validateEvent(refused[0]!.event, refused[0]!);
      io.err(`warning: ${refused.length} sample event(s) do not pass the validators (first: ${refused[0]!.event}: ${first.ok ? '' : first.errors[0]?.message}); they will be quarantined\n`);
    }
    const outFile = str(values.out);
    if (outFile) {
      writeFileSync(resolve(io.cwd, outFile), [...set.valid, ...set.invalid].map((e) => JSON.stringify(e)).join('\n') + '\n');
      io.err(`wrote ${set.valid.length} valid and ${set.invalid.length} refused sample events to ${outFile}\n`);
      return refused.length ? EXIT.findings : EXIT.ok;
    }
    const url = str(values.url)!, key = str(values['write-key']);
    const all: SampleEnvelope[] = [...set.valid, ...set.invalid];
    let stored = 0, duplicates = 0, quarantined = 0;
    for (let i = 0; i < all.length; i += BATCH) {
      const r = await post(url, { batch: all.slice(i, i + BATCH) }, key);
      stored += r.stored; duplicates += r.duplicates; quarantined += r.quarantined;
      io.progress?.(`sample-data: ${Math.min(i + BATCH, all.length)}/${all.length} events sent`);
    }
    io.progress?.();
    io.out(`sent ${all.length} sample events (seed ${seed}, ${days} days before ${new Date(asOf).toISOString()}) to ${url}: ${stored} stored, ${duplicates} already there, ${quarantined} quarantined (${set.invalid.length} on purpose, one per domain)\n`);
    return quarantined > set.invalid.length ? EXIT.findings : EXIT.ok;
  },
};
