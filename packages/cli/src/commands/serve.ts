import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { createDashboard, type Dashboard } from '../dashboard/server.js';
import { createCollector, ensureViews, readWriteKeys, setup, SetupError, StoreError, WriteKeyError, type Collector, type WriteKeys } from '@taxonomy/collector';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';

export const SERVE_HELP = `Usage: taxonomy serve [dir] [--port 8787] [--host 127.0.0.1]
                      [--db events.sqlite | --postgres URL] [--write-keys keys.json]

Runs the collector: an HTTP service that takes what the tracker's httpSink sends,
validates every event with the generated validators and stores it in the generated
raw events table (invalid events go to a quarantine table, whole, with the reasons).
No set-up: the SQLite file and its tables are created on first start, and every
generated view (one per event, one per metric) is created in the store, or replaced
when the taxonomy's views changed since (\`taxonomy metrics\` reads them).

Endpoints:
  POST /v1/batch   {"batch": [event, …]}  (what httpSink sends)
  POST /v1/track   one event
  GET  /healthz    200 when storage is writable, else 503
  GET  /metrics    Prometheus text
  GET  /           the dashboard: a page per category of metrics, live inspection

Options:
  --port <n>            port to listen on (default 8787; 0 picks a free one)
  --host <addr>         address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --db <file>           SQLite database file (default events.sqlite)
  --postgres <url>      store in PostgreSQL instead (postgres://user:pass@host/db)
  --write-keys <file>   JSON { "<source>": "<key>" | ["<key>", …] }: requests must carry
                        Authorization: Bearer <key> (or X-Write-Key); else 401
  --read-token <file>   the dashboard's own token (or TAXONOMY_READ_TOKEN; 16+ characters).
                        With write keys or a read token, the dashboard answers 401 without it
                        (write keys never open it); open /?token=<token> once in a browser
  --synchronous <m>     SQLite: full (default; acknowledged = on disk) or normal (faster;
                        survives a crash of the collector, not a power cut)
  --max-body <bytes>    largest request body (default 1000000)
  --queue <events>      most events waiting to be written before 503 (default 20000)
  --validators <dir>    the generated validators package (default: its output folder)
  --sql <dir>           the generated SQL package (default: its output folder)

SIGTERM or SIGINT drains: no new requests, the ones in flight are answered, the
queue is written, then it exits 0.

Exit codes: 0 stopped cleanly, 2 usage, set-up or storage error at start.`;

const int = (v: unknown, name: string, min: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}; got '${String(v)}'`);
  return n;
};

export interface ServeOptions {
  readonly dir?: string;
  readonly port: number;
  readonly host: string;
  readonly db?: string;
  readonly postgres?: string;
  readonly writeKeys?: string;
  readonly synchronous?: 'full' | 'normal';
  readonly maxBodyBytes?: number;
  readonly queueCapacity?: number;
  readonly validators?: string;
  readonly sql?: string;
  /** A file holding the dashboard's read token (or TAXONOMY_READ_TOKEN). */
  readonly readToken?: string;
}

/** The dashboard's read token: from --read-token <file>, else TAXONOMY_READ_TOKEN. */
function readToken(file: string | undefined, cwd: string): string | undefined {
  if (file === undefined) return process.env.TAXONOMY_READ_TOKEN || undefined;
  let text: string;
  try { text = readFileSync(resolve(cwd, file), 'utf8').trim(); } catch (e) { throw new UsageError(`--read-token ${file}: ${(e as Error).message}`); }
  if (text.length < 16) throw new UsageError(`--read-token ${file}: the token must be at least 16 characters; got ${text.length}`);
  return text;
}

/** Starts the collector; resolves with it once listening (the caller closes it). */
export async function startServe(o: ServeOptions, io: Io): Promise<{ collector: Collector; url: string; dashboard?: Dashboard }> {
  let keys: WriteKeys | undefined;
  try {
    keys = o.writeKeys ? readWriteKeys(o.writeKeys) : undefined;
  } catch (e) {
    if (e instanceof WriteKeyError) throw new UsageError(e.message);
    throw e;
  }
  let s;
  try {
    s = await setup({ cwd: io.cwd, dir: o.dir, validators: o.validators, sql: o.sql, sqlite: o.db ?? 'events.sqlite', postgres: o.postgres, synchronous: o.synchronous });
  } catch (e) {
    if (e instanceof SetupError) throw new UsageError(e.message);
    throw e;
  }
  const token = readToken(o.readToken, io.cwd);
  if (token && keys && Object.values(keys).flat().some((k) => k === token)) throw new UsageError('the read token is also a write key: give the dashboard a token of its own');
  const dashboard: Dashboard | undefined = s.model
    ? createDashboard({ model: s.model, contract: s.contract, store: s.opened.store, reader: s.opened.reader, readToken: token, authRequired: !!keys || !!token })
    : undefined;
  let collector: Collector;
  try {
    collector = await createCollector({
      contract: s.contract, store: s.opened.store, writeKeys: keys, maxBodyBytes: o.maxBodyBytes, queueCapacity: o.queueCapacity,
      log: (m) => io.err(`collector: ${m}\n`),
      ...(dashboard ? { routes: dashboard.handle, onStored: dashboard.onStored } : {}),
      // Seed 004: cleanup with a chance per logged event, when the taxonomy sets both.
      ...(s.model?.retentionDays && s.model.retentionProbability ? { retention: { days: s.model.retentionDays, probability: s.model.retentionProbability } } : {}),
    });
  } catch (e) {
    await s.opened.close().catch(() => undefined);
    if (e instanceof StoreError) throw new UsageError(e.message);
    throw e;
  }
  let views: Awaited<ReturnType<typeof ensureViews>> | undefined;
  let viewsDown = '';
  try {
    views = await ensureViews(s.opened.reader, s.contract.sql);
  } catch (e) {
    // Storage that is down does not stop the collector (it answers 503 until it is back); the views wait for the next start.
    if (e instanceof StoreError && e.unavailable) viewsDown = e.message;
    else {
      await collector.close();
      await s.opened.close().catch(() => undefined);
      if (e instanceof StoreError) throw new UsageError(e.message);
      throw e;
    }
  }
  let url: string;
  try {
    url = await collector.listen(o.port, o.host);
  } catch (e) {
    await collector.close();
    throw new UsageError(`cannot listen on ${o.host}:${o.port}: ${(e as Error).message}; pick another --port`);
  }
  const closeStore = collector.close;
  const t = s.contract.validators.taxonomy;
  // One write: a script that waits for "listening on" then sees the whole banner, not a part.
  io.out([
    `collector listening on ${url}  (POST /v1/batch, POST /v1/track, GET /healthz, GET /metrics)`,
    `  storage:    ${s.opened.store.where}${s.opened.store.dialect === 'sqlite' ? ` (WAL, synchronous=${o.synchronous ?? 'full'})` : ''}`,
    views ? `  views:      ${views.stamp.views.length} ${views.status}${views.dropped.length ? ` (${views.dropped.length} of an older taxonomy dropped)` : ''} from ${views.stamp.taxonomy}` : `  views:      not created: ${viewsDown}`,
    `  validators: ${s.from.validators}${t ? ` (${t.name} ${t.version})` : ''}; sql: ${s.from.sql}`,
    `  dashboard:  ${dashboard ? `${url}/${token ? ' (read token required)' : keys ? ' (closed: write keys are set but no --read-token)' : ' (open: no auth configured)'}` : 'off (--validators and --sql given without the taxonomy)'}`,
    `  write keys: ${keys ? `${Object.keys(keys).length} source(s) from ${relative(io.cwd, o.writeKeys!) || o.writeKeys}` : 'off (every request is accepted)'}`,
  ].join('\n') + '\n');
  return { collector: { ...collector, close: async () => { dashboard?.close(); await closeStore(); await s.opened.close(); } }, url, dashboard };
}

export const serveCommand: Command = {
  name: 'serve',
  help: SERVE_HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      port: { type: 'string', default: '8787' }, host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' }, postgres: { type: 'string' }, 'write-keys': { type: 'string' }, synchronous: { type: 'string' },
      'max-body': { type: 'string' }, queue: { type: 'string' }, validators: { type: 'string' }, sql: { type: 'string' },
      'read-token': { type: 'string' },
    });
    if (values.help) { io.out(SERVE_HELP + '\n'); return EXIT.ok; }
    if (positionals.length > 1) throw new UsageError(`serve takes one taxonomy folder; got ${positionals.length}`);
    if (values.db && values.postgres) throw new UsageError('give --db (SQLite) or --postgres, not both');
    const sync = str(values.synchronous);
    if (sync !== undefined && sync !== 'full' && sync !== 'normal') throw new UsageError(`--synchronous must be full or normal; got '${sync}'`);
    const port = int(values.port, 'port', 0)!;
    if (port > 65535) throw new UsageError(`--port must be at most 65535; got ${port}`);
    const { collector } = await startServe({
      dir: positionals[0], port, host: str(values.host)!, db: str(values.db), postgres: str(values.postgres), writeKeys: str(values['write-keys']),
      synchronous: sync, maxBodyBytes: int(values['max-body'], 'max-body', 1024), queueCapacity: int(values.queue, 'queue', 1),
      validators: str(values.validators), sql: str(values.sql), readToken: str(values['read-token']),
    }, io);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
        io.err(`collector: ${signal}: draining (no new requests; answering those in flight, writing the queue)\n`);
        collector.close().then(resolve, (e: unknown) => { io.err(`collector: error while draining: ${(e as Error).message}\n`); resolve(); });
      };
      const onTerm = () => stop('SIGTERM');
      const onInt = () => stop('SIGINT');
      process.on('SIGTERM', onTerm);
      process.on('SIGINT', onInt);
    });
    io.err('collector: drained, stopped\n');
    return EXIT.ok;
  },
};
