import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticator } from './auth.js';
import { ClientGone, eventsOf, parseJson, readBody } from './body.js';
import { HttpError } from './errors.js';
import { ingest, type Rejection } from './ingest.js';
import { CollectorMetrics } from './metrics.js';
import { DEFAULTS, type CollectorOptions } from './options.js';
import { WriteQueue } from './queue.js';
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

/** The collector: an HTTP server (node:http) in front of the write queue and the store. */
export async function createCollector(options: CollectorOptions): Promise<Collector> {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS & CollectorOptions;
  const log = o.log ?? ((m: string) => process.stderr.write(`collector: ${m}\n`));
  const now = o.now ?? Date.now;
  const metrics = new CollectorMetrics();
  if (o.maxBatchEvents > o.queueCapacity) throw new RangeError(`maxBatchEvents (${o.maxBatchEvents}) must not exceed queueCapacity (${o.queueCapacity}): such a batch could never be queued`);
  let initialised = true;
  try {
    await o.store.init();
  } catch (e) {
    // Storage that is down (read-only, full, server not up) does not stop the service: it
    // answers 503 and opens the store once it can. A wrong set-up (no DDL) does.
    if (!(e instanceof StoreError) || !e.unavailable) throw e;
    initialised = false;
  }
  const queue = new WriteQueue(o.store, metrics, { capacity: o.queueCapacity, maxTransactionEvents: o.maxTransactionEvents, retryAfterSeconds: o.retryAfterSeconds, log, initialised });
  // Said at start, not at the first refused request: a read-only file is a set-up problem.
  await queue.check();
  const authenticate = authenticator(o.writeKeys);
  const retryAfter = { 'retry-after': String(o.retryAfterSeconds) };
  let inflight = 0;
  let draining = false;
  let closing: Promise<void> | undefined;
  const idle: (() => void)[] = [];

  const cors = (route: Route): Record<string, string> => (o.corsOrigin && (route === 'batch' || route === 'track')
    ? { 'access-control-allow-origin': o.corsOrigin, 'access-control-allow-headers': 'content-type, authorization, x-write-key', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-max-age': '86400' }
    : {});

  function send(res: ServerResponse, route: Route, status: number, body: string, headers: Record<string, string> = {}, type = 'application/json'): void {
    if (res.headersSent || res.destroyed) return;
    const h: Record<string, string | number> = { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...cors(route), ...headers };
    if (draining) h.connection = 'close';
    res.writeHead(status, h);
    res.end(body);
  }

  async function ingestRequest(req: IncomingMessage, res: ServerResponse, route: 'batch' | 'track'): Promise<void> {
    if (draining) throw new HttpError(503, 'shutting_down', 'the collector is shutting down', `retry after ${o.retryAfterSeconds} s (another instance, or this one after its restart)`, { ...retryAfter, connection: 'close' });
    const source = authenticate(req);
    const ctError = contentTypeError(req);
    if (ctError) throw ctError;
    const body = await readBody(req, o.maxBodyBytes);
    const elements = eventsOf(parseJson(body), route, o.maxBatchEvents);
    metrics.received.inc(elements.length);
    queue.admit(elements.length);
    const result = ingest(elements, o.contract, now(), source);
    metrics.accepted.inc(result.valid);
    for (const [reason, n] of result.reasons) metrics.rejected.inc({ reason }, n);
    const written = await queue.submit(result.batch);
    metrics.stored.inc({ table: 'events' }, written.stored);
    metrics.stored.inc({ table: 'quarantine' }, written.quarantined);
    metrics.duplicates.inc(written.duplicates);
    if (written.refused) metrics.rejected.inc({ reason: 'storage' }, written.refused);
    send(res, route, 200, JSON.stringify({
      ok: true, received: result.received, accepted: result.valid, stored: written.stored, duplicates: written.duplicates,
      quarantined: result.rejections.length + (written.refused ?? 0), rejected: result.rejections.slice(0, MAX_REJECTIONS_SHOWN).map(brief),
    }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, route: Route): Promise<void> {
    const method = req.method ?? 'GET';
    if (route === 'batch' || route === 'track') {
      if (method === 'OPTIONS') { send(res, route, 204, '', {}, 'text/plain'); return; }
      if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${req.url}`, 'POST the events', { allow: 'POST, OPTIONS' });
      if (inflight >= o.maxInflightRequests) throw new HttpError(429, 'too_many_requests', `${inflight} requests are already being processed (limit ${o.maxInflightRequests})`, `retry after ${o.retryAfterSeconds} s`, { ...retryAfter, connection: 'close' });
      inflight++;
      try { await ingestRequest(req, res, route); } finally { if (--inflight === 0) for (const r of idle.splice(0)) r(); }
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${req.url}`, 'use GET', { allow: 'GET, HEAD' });
    if (route === 'healthz') {
      // Probed on every call: a disk can fill up (or a file turn read-only) between writes.
      const ok = !draining && await queue.check();
      send(res, route, ok ? 200 : 503, JSON.stringify({ ok, storage: queue.healthy ? 'up' : 'down', draining, queue: { depth: queue.size, capacity: o.queueCapacity }, store: o.store.where }), ok ? {} : retryAfter);
      return;
    }
    if (route === 'metrics') {
      send(res, route, 200, await metrics.registry.metrics(), {}, metrics.registry.contentType);
      return;
    }
    throw new HttpError(404, 'not_found', `no route ${method} ${(req.url ?? '').slice(0, 200)}`, 'POST /v1/batch, POST /v1/track, GET /healthz, GET /metrics');
  }

  const server = createServer({ headersTimeout: o.headersTimeoutMs, requestTimeout: o.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, o.headersTimeoutMs) }, (req, res) => {
    const route: Route = ROUTES[(req.url ?? '/').split('?')[0]!] ?? 'other';
    const end = metrics.latency.startTimer({ route });
    res.once('finish', () => { end(); metrics.requests.inc({ route, status: String(res.statusCode) }); });
    handle(req, res, route).catch((e: unknown) => {
      if (e instanceof ClientGone) { req.destroy(); return; }
      const err = e instanceof HttpError ? e : new HttpError(500, 'internal', `internal error: ${(e as Error)?.message ?? String(e)}`, 'nothing of this request was acknowledged; retry, and report it if it persists');
      if (err.status === 500 && !(e instanceof HttpError)) log(`internal error on ${req.method} ${route}: ${(e as Error)?.stack ?? String(e)}`);
      send(res, route, err.status, err.body(), { ...err.headers });
      if (err.headers.connection === 'close') res.once('finish', () => req.socket.destroySoon?.());
    });
  });
  server.keepAliveTimeout = o.keepAliveTimeoutMs;
  server.maxConnections = o.maxConnections;

  async function close(): Promise<void> {
    draining = true;
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    const settle = (async () => {
      while (inflight > 0) await new Promise<void>((r) => idle.push(r));
      await queue.drained();
    })();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([settle.then(() => false), new Promise<boolean>((r) => { timer = setTimeout(() => r(true), o.drainTimeoutMs); })]);
    clearTimeout(timer);
    if (timedOut) log(`drain timed out after ${o.drainTimeoutMs} ms with ${inflight} requests in flight; they were not acknowledged`);
    server.closeAllConnections();
    await closed;
    await o.store.close();
  }

  return {
    server, metrics, queue,
    listen(port = 8787, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          resolve(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`);
        });
      });
    },
    close: () => (closing ??= close()),
  };
}
