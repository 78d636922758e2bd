import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticator } from './auth.js';
import { ClientGone, eventsOf, parseJson, readBody } from './body.js';
import { HttpError } from './errors.js';
import { ingest, type Rejection } from './ingest.js';
import { CollectorMetrics } from './metrics.js';
import { DEFAULTS, type CollectorOptions } from './options.js';
import { WriteQueue } from './queue.js';
import { Slots } from './slots.js';
import { StoreError } from './store/types.js';

type Route = 'batch' | 'track' | 'healthz' | 'metrics' | 'other';
const ROUTES: Readonly<Record<string, Route>> = { '/v1/batch': 'batch', '/v1/track': 'track', '/healthz': 'healthz', '/metrics': 'metrics' };

/** At most this many refused events are described in a response (all are quarantined). */
const MAX_REJECTIONS_SHOWN = 20;

export interface Collector {
  readonly server: Server;
  readonly metrics: CollectorMetrics;
  readonly queue: WriteQueue;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops taking requests, answers those in flight, writes what is queued, closes the store. Idempotent. */
  close(): Promise<void>;
}

function contentTypeError(req: IncomingMessage): HttpError | undefined {
  const ct = req.headers['content-type'];
  const [mime = '', ...params] = (ct ?? '').split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if ((mime === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mime)) && (!charset || charset === 'utf-8' || charset === 'utf8')) {
    const enc = req.headers['content-encoding'];
    if (enc && enc.toLowerCase() !== 'identity') return new HttpError(415, 'unsupported_encoding', `Content-Encoding ${JSON.stringify(enc)} is not supported`, 'send the JSON uncompressed', { connection: 'close' });
    return undefined;
  }
  return new HttpError(415, 'unsupported_media_type', `the body must be JSON (Content-Type: application/json); got ${ct ? JSON.stringify(ct) : 'no Content-Type'}`, 'send the header Content-Type: application/json (UTF-8)', { connection: 'close' });
}

const brief = (r: Rejection) => ({ index: r.index, event: r.event, id: r.id, errors: r.errors.slice(0, 5) });

type Options = typeof DEFAULTS & CollectorOptions;

/** What the request handlers share: the options, the parts, and whether the collector is draining. */
interface Context {
  readonly o: Options;
  readonly log: (m: string) => void;
  readonly now: () => number;
  readonly metrics: CollectorMetrics;
  readonly queue: WriteQueue;
  readonly slots: Slots;
  readonly authenticate: (req: IncomingMessage) => string | null;
  readonly retryAfter: Record<string, string>;
  draining: boolean;
}

/** The options with their defaults (an option given as undefined takes its default). */
function withDefaults(options: CollectorOptions): Options {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Options;
  if (o.maxBatchEvents > o.queueCapacity) throw new RangeError(`maxBatchEvents (${o.maxBatchEvents}) must not exceed queueCapacity (${o.queueCapacity}): such a batch could never be queued`);
  return o;
}

/** Opens the store and its write queue; storage that is down at start does not stop the service. */
async function openQueue(o: Options, metrics: CollectorMetrics, log: (m: string) => void): Promise<WriteQueue> {
  let initialised = true;
  try {
    await o.store.init();
  } catch (e) {
    // Storage that is down (read-only, full, server not up) does not stop the service: it
    // answers 503 and opens the store once it can. A wrong set-up (no DDL) does.
    if (!(e instanceof StoreError) || !e.unavailable) throw e;
    initialised = false;
  }
  const queue = new WriteQueue(o.store, metrics, { capacity: o.queueCapacity, maxTransactionEvents: o.maxTransactionEvents, retryAfterSeconds: o.retryAfterSeconds, log, initialised, ...(o.retention ? { retention: o.retention } : {}) });
  // Said at start, not at the first refused request: a read-only file is a set-up problem.
  await queue.check();
  return queue;
}

function cors(o: Options, route: Route): Record<string, string> {
  return o.corsOrigin && (route === 'batch' || route === 'track')
    ? { 'access-control-allow-origin': o.corsOrigin, 'access-control-allow-headers': 'content-type, authorization, x-write-key', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-max-age': '86400' }
    : {};
}

function send(ctx: Context, res: ServerResponse, route: Route, status: number, body: string, headers: Record<string, string> = {}, type = 'application/json'): void {
  if (res.headersSent || res.destroyed) return;
  const h: Record<string, string | number> = { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...cors(ctx.o, route), ...headers };
  if (ctx.draining) h.connection = 'close';
  res.writeHead(status, h);
  res.end(body);
}

async function ingestRequest(ctx: Context, req: IncomingMessage, res: ServerResponse, route: 'batch' | 'track', source: string | null): Promise<void> {
  const { o, metrics, queue } = ctx;
  const ctError = contentTypeError(req);
  if (ctError) throw ctError;
  const body = await readBody(req, o.maxBodyBytes);
  const elements = eventsOf(parseJson(body), route, o.maxBatchEvents);
  metrics.received.inc(elements.length);
  queue.admit(elements.length);
  const result = ingest(elements, o.contract, ctx.now(), source);
  metrics.accepted.inc(result.valid);
  for (const [reason, n] of result.reasons) metrics.rejected.inc({ reason }, n);
  const written = await queue.submit(result.batch);
  metrics.stored.inc({ table: 'events' }, written.stored);
  metrics.stored.inc({ table: 'quarantine' }, written.quarantined);
  metrics.duplicates.inc(written.duplicates);
  if (written.refused) metrics.rejected.inc({ reason: 'storage' }, written.refused);
  if (o.onStored && written.stored) o.onStored(result.batch.events, source);
  send(ctx, res, route, 200, JSON.stringify({
    ok: true, received: result.received, accepted: result.valid, stored: written.stored, duplicates: written.duplicates,
    quarantined: result.rejections.length + (written.refused ?? 0), rejected: result.rejections.slice(0, MAX_REJECTIONS_SHOWN).map(brief),
  }));
}

/** POST /v1/batch and /v1/track: a slot per request (per client too), then the events. */
async function handleIngest(ctx: Context, req: IncomingMessage, res: ServerResponse, route: 'batch' | 'track'): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') { send(ctx, res, route, 204, '', {}, 'text/plain'); return; }
  if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${req.url}`, 'POST the events', { allow: 'POST, OPTIONS' });
  if (ctx.draining) throw new HttpError(503, 'shutting_down', 'the collector is shutting down', `retry after ${ctx.o.retryAfterSeconds} s (another instance, or this one after its restart)`, { ...ctx.retryAfter, connection: 'close' });
  const source = ctx.authenticate(req);
  const client = source !== null ? `key:${source}` : `addr:${req.socket.remoteAddress ?? ''}`;
  ctx.slots.take(client);
  try { await ingestRequest(ctx, req, res, route, source); } finally { ctx.slots.release(client); }
}

async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse, route: Route): Promise<void> {
  if (route === 'batch' || route === 'track') return handleIngest(ctx, req, res, route);
  if (route === 'other' && ctx.o.routes && await ctx.o.routes(req, res)) return;
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${req.url}`, 'use GET', { allow: 'GET, HEAD' });
  if (route === 'healthz') {
    // Probed on every call: a disk can fill up (or a file turn read-only) between writes.
    const ok = !ctx.draining && await ctx.queue.check();
    send(ctx, res, route, ok ? 200 : 503, JSON.stringify({ ok, storage: ctx.queue.healthy ? 'up' : 'down', draining: ctx.draining, queue: { depth: ctx.queue.size, capacity: ctx.o.queueCapacity }, store: ctx.o.store.where }), ok ? {} : ctx.retryAfter);
    return;
  }
  if (route === 'metrics') {
    send(ctx, res, route, 200, await ctx.metrics.registry.metrics(), {}, ctx.metrics.registry.contentType);
    return;
  }
  throw new HttpError(404, 'not_found', `no route ${method} ${(req.url ?? '').slice(0, 200)}`, 'POST /v1/batch, POST /v1/track, GET /healthz, GET /metrics');
}

function serverFor(ctx: Context): Server {
  const { o, metrics } = ctx;
  const server = createServer({ headersTimeout: o.headersTimeoutMs, requestTimeout: o.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, o.headersTimeoutMs) }, (req, res) => {
    const route: Route = ROUTES[(req.url ?? '/').split('?')[0]!] ?? 'other';
    const end = metrics.latency.startTimer({ route });
    res.once('finish', () => { end(); metrics.requests.inc({ route, status: String(res.statusCode) }); });
    handle(ctx, req, res, route).catch((e: unknown) => {
      if (e instanceof ClientGone) { req.destroy(); return; }
      const err = e instanceof HttpError ? e : new HttpError(500, 'internal', `internal error: ${(e as Error)?.message ?? String(e)}`, 'nothing of this request was acknowledged; retry, and report it if it persists');
      if (err.status === 500 && !(e instanceof HttpError)) ctx.log(`internal error on ${req.method} ${route}: ${(e as Error)?.stack ?? String(e)}`);
      send(ctx, res, route, err.status, err.body(), { ...err.headers });
      if (err.headers.connection === 'close') res.once('finish', () => req.socket.destroySoon?.());
    });
  });
  server.keepAliveTimeout = o.keepAliveTimeoutMs;
  server.maxConnections = o.maxConnections;
  return server;
}

/** Stops taking requests, answers those in flight (up to drainTimeoutMs), writes what is queued, closes the store. */
async function drain(ctx: Context, server: Server): Promise<void> {
  ctx.draining = true;
  const closed = new Promise<void>((r) => server.close(() => r()));
  server.closeIdleConnections();
  const settle = ctx.slots.drained().then(() => ctx.queue.drained());
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([settle.then(() => false), new Promise<boolean>((r) => { timer = setTimeout(() => r(true), ctx.o.drainTimeoutMs); })]);
  clearTimeout(timer);
  if (timedOut) ctx.log(`drain timed out after ${ctx.o.drainTimeoutMs} ms with ${ctx.slots.busy} requests in flight; they were not acknowledged`);
  server.closeAllConnections();
  await closed;
  await ctx.o.store.close();
}

function listenOn(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address() as AddressInfo;
      resolve(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`);
    });
  });
}

/** The collector: an HTTP server (node:http) in front of the write queue and the store. */
export async function createCollector(options: CollectorOptions): Promise<Collector> {
  const o = withDefaults(options);
  const log = o.log ?? ((m: string) => process.stderr.write(`collector: ${m}\n`));
  const metrics = new CollectorMetrics();
  const queue = await openQueue(o, metrics, log);
  const slots = new Slots(o.maxInflightRequests, Math.max(1, Math.min(o.maxInflightPerClient, o.maxInflightRequests)), o.retryAfterSeconds);
  const ctx: Context = { o, log, now: o.now ?? Date.now, metrics, queue, slots, authenticate: authenticator(o.writeKeys), retryAfter: { 'retry-after': String(o.retryAfterSeconds) }, draining: false };
  const server = serverFor(ctx);
  let closing: Promise<void> | undefined;
  return {
    server, metrics, queue,
    listen: (port = 8787, host = '127.0.0.1') => listenOn(server, port, host),
    close: () => (closing ??= drain(ctx, server)),
  };
}
