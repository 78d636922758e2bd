import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { HttpError, replayQuarantine, type Contract, type EventRow, type SqlReader, type Store } from '@taxonomy/collector';
import type { TaxonomyModel } from '@taxonomy/core';
import { MetricReader } from '../metrics/metric-data.js';
import { coverage } from './coverage.js';
import { pageData, parseRange } from './data.js';
import { dashboardLayout, type CategoryLayout } from './layout.js';
import { LiveFeed } from './live.js';

export interface DashboardOptions {
  readonly model: TaxonomyModel;
  readonly contract: Contract;
  /** The collector's store: replay writes through it. */
  readonly store: Store;
  readonly reader: SqlReader;
  /** The dashboard's own token. When auth is configured (`authRequired`), nothing opens without it. */
  readonly readToken?: string;
  /** Write keys are configured: the dashboard must not be open to anyone, and write keys do not open it. */
  readonly authRequired: boolean;
  readonly now?: () => number;
}

export interface Dashboard {
  /** The collector's `routes` hook: true when the request was the dashboard's. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The collector's `onStored` hook. */
  onStored(events: readonly EventRow[], source: string | null): void;
  readonly live: LiveFeed;
  close(): void;
}

const require = createRequire(import.meta.url);
const ASSETS = new URL('../../assets/dashboard/', import.meta.url);

/** Static files of the page; uPlot comes from its installed package, so the page works offline. */
function assets(): Map<string, { body: Buffer; type: string }> {
  const own = (name: string, type: string) => [`/dashboard/${name}`, { body: readFileSync(new URL(name, ASSETS)), type }] as const;
  const uplot = (file: string, type: string) => [`/dashboard/${file}`, { body: readFileSync(require.resolve(`uplot/dist/${file}`)), type }] as const;
  return new Map([
    own('app.js', 'text/javascript; charset=utf-8'), own('app.css', 'text/css; charset=utf-8'), own('index.html', 'text/html; charset=utf-8'),
    uplot('uPlot.iife.min.js', 'text/javascript; charset=utf-8'), uplot('uPlot.min.css', 'text/css; charset=utf-8'),
  ]);
}

/** Nothing the dashboard serves may be kept by a shared cache; data never runs as code. */
const HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'private, no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

const COOKIE = 'taxonomy_read';

const same = (a: string, b: string) => { const x = Buffer.from(a), y = Buffer.from(b); return x.length === y.length && timingSafeEqual(x, y); };

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function createDashboard(o: DashboardOptions): Dashboard {
  const files = assets();
  const now = o.now ?? Date.now;
  const layout = dashboardLayout(o.model);
  const pages = new Map<string, CategoryLayout>(layout.map((p) => [p.id, p]));
  const metrics = new MetricReader(o.reader, o.contract.sql, o.model);
  const live = new LiveFeed();

  function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
    res.end(body);
  }

  /** The token from a Bearer header or the cookie the page got; a write key never matches. */
  function authorised(req: IncomingMessage): boolean {
    if (!o.authRequired && !o.readToken) return true;
    if (!o.readToken) return false;
    const h = req.headers.authorization;
    const given = h?.startsWith('Bearer ') ? h.slice(7).trim() : cookie(req, COOKIE);
    return given !== undefined && same(given, o.readToken);
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string, q: URLSearchParams): Promise<void> {
    if (path === '/api/dashboard') {
      send(res, 200, JSON.stringify({ taxonomy: { name: o.model.name, version: o.model.version }, categories: layout }));
      return;
    }
    if (path.startsWith('/api/category/')) {
      const page = pages.get(decodeURIComponent(path.slice('/api/category/'.length)));
      if (!page) throw new HttpError(404, 'not_found', `no category '${path.slice(14, 100)}'`, 'GET /api/dashboard lists them');
      let range;
      try { range = parseRange(q, now()); } catch (e) { throw new HttpError(400, 'bad_range', (e as Error).message, 'range=own|7d|30d|90d|custom (from, to), grain=day|week|month'); }
      send(res, 200, JSON.stringify(await pageData(metrics, page, range, now())));
      return;
    }
    if (path === '/api/live') {
      const only = q.get('event')?.split(',').map((s) => s.trim()).filter(Boolean);
      live.open(res, HEADERS, only?.length ? new Set(only) : undefined);
      return;
    }
    if (path === '/api/quarantine') {
      const rows = await o.store.quarantinePage(null, 200);
      rows.sort((a, b) => Number(b.received_at) - Number(a.received_at));
      send(res, 200, JSON.stringify({ total: await o.store.count('quarantine'), rows: rows.slice(0, 100).map((r) => ({ key: r.quarantine_key, event: r.event_name, id: r.event_id, receivedAt: new Date(Number(r.received_at) || Date.parse(String(r.received_at))).toISOString(), source: r.source, payload: r.payload.slice(0, 2000), errors: safeJson(r.errors) })) }));
      return;
    }
    if (path === '/api/coverage') {
      const days = Number(/^(\d{1,4})d$/.exec(q.get('since') ?? '7d')?.[1] ?? 7);
      const unseen = Number(q.get('unseen') ?? 7);
      send(res, 200, JSON.stringify(await coverage(o.reader, o.contract.sql, o.model, { sinceMs: now() - days * 86_400_000, asOfMs: now(), unseenDays: Number.isFinite(unseen) ? unseen : 7 })));
      return;
    }
    throw new HttpError(404, 'not_found', `no route ${path.slice(0, 100)}`, 'GET / opens the dashboard');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path !== '/' && !path.startsWith('/dashboard/') && !path.startsWith('/api/')) return false;
    // A link with ?token= sets the cookie once and drops the token from the address bar.
    const token = url.searchParams.get('token');
    if (path === '/' && token !== null && o.readToken && same(token, o.readToken)) {
      send(res, 303, '', 'text/plain', { location: '/', 'set-cookie': `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/` });
      return true;
    }
    if (!authorised(req)) {
      const why = o.readToken ? 'this dashboard needs its read token (write keys do not open it)' : 'the collector has write keys but no --read-token: the dashboard stays closed';
      send(res, 401, JSON.stringify({ ok: false, error: { code: 'unauthorized', message: why, hint: o.readToken ? 'open /?token=<read token> once, or send Authorization: Bearer <read token>' : 'start taxonomy serve with --read-token <file>' } }), 'application/json; charset=utf-8', { 'www-authenticate': 'Bearer realm="taxonomy dashboard"' });
      return true;
    }
    if (req.method === 'POST' && path === '/api/quarantine/replay') {
      // A custom header: a cross-site form cannot send it, so a page elsewhere cannot replay.
      if (req.headers['x-taxonomy-dashboard'] !== '1') throw new HttpError(403, 'forbidden', 'replay is asked by the dashboard page', 'send X-Taxonomy-Dashboard: 1');
      const r = await replayQuarantine(o.store, o.contract);
      send(res, 200, JSON.stringify({ ok: true, ...r }));
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path.slice(0, 100)}`, 'use GET', { allow: 'GET, HEAD' });
    if (path.startsWith('/api/')) { await api(req, res, path, url.searchParams); return true; }
    const f = files.get(path === '/' ? '/dashboard/index.html' : path);
    if (!f) throw new HttpError(404, 'not_found', `no file ${path.slice(0, 100)}`, 'GET / opens the dashboard');
    send(res, 200, f.body, f.type);
    return true;
  }

  return { handle, onStored: (events, source) => live.push(events, source), live, close: () => live.close() };
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return text; }
}
