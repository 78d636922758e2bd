import type { AbortSignalLike, DestinationKind, Envelope, SendContext, Sink } from './types.js';

type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; keepalive?: boolean; signal?: unknown }) => Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface HttpSinkOptions {
  /** Where to POST `{ "batch": [event, …] }`. Required; without it the sink is left out (with one warning). */
  url: string;
  /** Fields written before `batch` in every request body (PostHog's `api_key`). */
  bodyFields?: Readonly<Record<string, string>>;
  /** Extra request headers (an auth header, say). sendBeacon cannot carry headers, so with headers page-hide uses fetch keepalive. */
  headers?: Readonly<Record<string, string>>;
  /** Events per request. Default 20. */
  batchSize?: number;
  /** Send a partial batch after this long. Default 5000 ms. */
  flushIntervalMs?: number;
  /** Largest request body. Default 500 000 bytes. */
  maxBatchBytes?: number;
  /** Largest sendBeacon / keepalive body on page hide. Default 65 536 bytes (the browsers' keepalive quota). */
  maxBeaconBytes?: number;
  /** Events waiting (offline, or a slow server) before the oldest is dropped and counted. Default 1000. */
  maxPending?: number;
  /** Retries after the first attempt, on network errors, 5xx, 408 and 429. Default 5. */
  retries?: number;
  /** First backoff delay; doubles each retry, with jitter. Default 500 ms. */
  retryBaseMs?: number;
  /** Largest backoff delay. Default 30 000 ms. */
  retryMaxMs?: number;
  /** Largest Retry-After honoured; longer ones are capped to it. Default 60 000 ms. */
  maxRetryAfterMs?: number;
  /** A request that does not answer within this is aborted and retried. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** Which events it takes. Default every kind but metrics. */
  accepts?: { kinds?: readonly DestinationKind[]; destinations?: readonly string[] };
  /** Sink name in stats(). Default 'http'. */
  name?: string;
  /** fetch to use. Default globalThis.fetch. */
  fetch?: FetchLike;
  /** sendBeacon to use on page hide. Default navigator.sendBeacon. */
  sendBeacon?: (url: string, data: unknown) => boolean;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
}

const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 429;

/** Parses Retry-After (seconds or an HTTP date) into milliseconds, or undefined. */
export function retryAfterMs(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Exponential backoff with jitter: a delay in [d/2, d) where d = min(max, base·2^attempt). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const d = Math.min(maxMs, baseMs * 2 ** attempt);
  return d / 2 + random() * (d / 2);
}

function sleep(ms: number, signal: AbortSignalLike): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); }
    signal.addEventListener('abort', done);
  });
}

const bodyOf = (h: Http, jsons: readonly string[]) => `{${h.head}"batch":[${jsons.join(',')}]}`;

/** Splits events into runs whose request body stays within maxBytes (an event alone may exceed it). */
function chunk(events: readonly Envelope[], ctx: SendContext, maxBytes: number): Envelope[][] {
  const out: Envelope[][] = [];
  let cur: Envelope[] = [];
  let size = 12;
  for (const e of events) {
    const b = ctx.bytes(e) + 1;
    if (cur.length > 0 && size + b > maxBytes) { out.push(cur); cur = []; size = 12; }
    cur.push(e);
    size += b;
  }
  if (cur.length) out.push(cur);
  return out;
}

type Globals = { fetch?: FetchLike; navigator?: { sendBeacon?: (u: string, d: unknown) => boolean }; Blob?: new (parts: string[], o: { type: string }) => unknown };

/** The options with their defaults, and `limit`: learned from 413s (requests above it were refused, so later ones stay below). */
interface Http {
  readonly o: HttpSinkOptions;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly maxBeaconBytes: number;
  readonly retries: number;
  readonly baseMs: number;
  readonly maxMs: number;
  readonly maxRetryAfter: number;
  readonly requestTimeoutMs: number;
  readonly random: () => number;
  readonly g: Globals;
  /** The body fields before `batch`, as JSON text ending in a comma (or ''). */
  readonly head: string;
  limit: number;
}

function settingsOf(o: HttpSinkOptions): Http {
  return {
    o, url: o.url,
    headers: { 'content-type': 'application/json', ...(o.headers ?? {}) },
    maxBeaconBytes: o.maxBeaconBytes ?? 65_536,
    retries: o.retries ?? 5,
    baseMs: o.retryBaseMs ?? 500,
    maxMs: o.retryMaxMs ?? 30_000,
    maxRetryAfter: o.maxRetryAfterMs ?? 60_000,
    requestTimeoutMs: o.requestTimeoutMs ?? 10_000,
    random: o.random ?? Math.random,
    g: globalThis as Globals,
    head: Object.entries(o.bodyFields ?? {}).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`).join(''),
    limit: o.maxBatchBytes ?? 500_000,
  };
}

const fetchOf = (h: Http): FetchLike | undefined => h.o.fetch ?? h.g.fetch;

/** One POST of a batch, bounded by the request timeout and aborted with the sink. */
async function post(h: Http, jsons: readonly string[], signal: AbortSignalLike) {
  const f = fetchOf(h);
  if (!f) throw new Error('no fetch available (pass options.fetch)');
  const ac = new AbortController();
  const abort = () => ac.abort();
  signal.addEventListener('abort', abort);
  const t = setTimeout(abort, h.requestTimeoutMs);
  try {
    const res = await f(h.url, { method: 'POST', headers: h.headers, body: bodyOf(h, jsons), signal: ac.signal });
    try { await res.text(); } catch { /* the body does not matter; reading it frees the connection */ }
    return res;
  } finally {
    clearTimeout(t);
    signal.removeEventListener('abort', abort);
  }
}

/** On 413: a single event is too large; a batch is halved (and the limit learned) and each half delivered. */
async function split(h: Http, events: Envelope[], jsons: readonly string[], ctx: SendContext): Promise<void> {
  const bytes = jsons.reduce((n, j) => n + j.length + 1, 12);
  if (events.length === 1) { ctx.fail(events, 'tooLarge', `${h.url} refused a ${bytes}-byte event with 413`); return; }
  h.limit = Math.max(1024, Math.min(h.limit, Math.floor(bytes / 2)));
  const mid = events.length >> 1;
  await deliver(h, events.slice(0, mid), ctx);
  await deliver(h, events.slice(mid), ctx);
}

/** A batch until it is delivered, refused, split or out of retries (backoff, or Retry-After when given). */
async function deliver(h: Http, events: Envelope[], ctx: SendContext): Promise<void> {
  const jsons = events.map((e) => ctx.json(e));
  for (let attempt = 0; ; attempt++) {
    if (ctx.signal.aborted) { ctx.fail(events, 'shutdown'); return; }
    let status = 0;
    let wait: number | undefined;
    let error = '';
    try {
      const res = await post(h, jsons, ctx.signal);
      status = res.status;
      if (res.ok) { ctx.ok(events); return; }
      if (status === 413) { await split(h, events, jsons, ctx); return; }
      if (!RETRYABLE(status)) { ctx.fail(events, 'rejected', `${h.url} answered HTTP ${status} (not retried)`); return; }
      const ra = retryAfterMs(res.headers.get('retry-after'));
      if (ra !== undefined) wait = Math.min(ra, h.maxRetryAfter);
    } catch (e) {
      error = (e as Error)?.message ?? String(e);
    }
    if (ctx.signal.aborted) { ctx.fail(events, 'shutdown'); return; }
    if (attempt >= h.retries) {
      ctx.fail(events, 'failed', `${h.url}: ${status ? `HTTP ${status}` : `network error (${error})`} after ${attempt + 1} attempts`);
      return;
    }
    await sleep(wait ?? backoffMs(attempt, h.baseMs, h.maxMs, h.random), ctx.signal);
  }
}

/**
 * Page hide: each chunk (≤ maxBeaconBytes) by sendBeacon; when the browser refuses it
 * (its keepalive quota is about 64 KB in flight), by fetch with keepalive, whose outcome
 * is reported when it settles. What neither takes is counted as 'unload'.
 */
function unload(h: Http, events: readonly Envelope[], ctx: SendContext): Promise<void> | void {
  const { g, o, url, maxBeaconBytes } = h;
  const beacon = o.sendBeacon ?? (g.navigator?.sendBeacon ? g.navigator.sendBeacon.bind(g.navigator) : undefined);
  const waiting: Promise<void>[] = [];
  for (const part of chunk(events, ctx, maxBeaconBytes)) {
    if (part.length === 1 && ctx.bytes(part[0]!) + 12 > maxBeaconBytes) { ctx.fail(part, 'tooLarge', `an event of ${ctx.bytes(part[0]!)} bytes does not fit a ${maxBeaconBytes}-byte beacon`); continue; }
    const text = bodyOf(h, part.map((e) => ctx.json(e)));
    let sent = false;
    if (beacon && !o.headers) {
      try { sent = beacon(url, g.Blob ? new g.Blob([text], { type: 'application/json' }) : text) === true; } catch { sent = false; }
    }
    if (sent) { ctx.ok(part); continue; }
    const f = fetchOf(h);
    if (!f) continue;
    try {
      waiting.push(f(url, { method: 'POST', headers: h.headers, body: text, keepalive: true }).then(
        (res) => { if (res.ok) ctx.ok(part); else ctx.fail(part, 'unload', `keepalive request answered HTTP ${res.status}`); },
        (e: unknown) => { ctx.fail(part, 'unload', `keepalive request failed: ${(e as Error)?.message ?? String(e)}`); },
      ));
    } catch { /* refused synchronously: counted as 'unload' */ }
  }
  return waiting.length ? Promise.all(waiting).then(() => undefined) : undefined;
}

/**
 * Batched JSON POSTs (seed 001's httpSink): 20 events or 5 s, at most 500 KB a
 * request; retries with exponential backoff and jitter on network errors, 5xx,
 * 408 and 429, honouring Retry-After; halves the batch on 413; drops (and counts)
 * on other 4xx. On page hide, what waits goes out by sendBeacon in chunks of at
 * most 64 KB, falling back to fetch with keepalive.
 */
export function httpSink(options: HttpSinkOptions): Sink {
  const o = options ?? ({} as HttpSinkOptions);
  const h = settingsOf(o);
  return {
    name: o.name ?? 'http',
    ...(h.url ? {} : { disabled: 'httpSink has no url: it is left out' }),
    accepts: o.accepts,
    batchSize: o.batchSize ?? 20,
    flushIntervalMs: o.flushIntervalMs ?? 5000,
    maxPending: o.maxPending ?? 1000,
    // The sink bounds itself (request timeout × bounded retries); no lane timeout on top.
    timeoutMs: 0,
    async send(events, ctx) {
      for (const part of chunk(events, ctx, h.limit - h.head.length)) await deliver(h, part, ctx);
    },
    unload: (events, ctx) => unload(h, events, ctx),
  };
}
