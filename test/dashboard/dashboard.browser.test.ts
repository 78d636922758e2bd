// The dashboard in a real browser (Debian's Chromium): sample data, every category page,
// every metric drawn, the numbers equal to the SQL views and the TypeScript functions, the
// live feed, replay from quarantine, the read token, hostile labels.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, startServe } from '@taxonomy/cli';
import { loadTaxonomy } from '@taxonomy/core';

const repo = join(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WRITE_KEY = 'write-key-0123456789abcdef';
const READ_TOKEN = 'read-token-0123456789abcdef';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const quiet = { out: () => undefined, err: () => undefined, color: false, cwd: repo };
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;

type Serving = Awaited<ReturnType<typeof startServe>>;
let dir: string, db: string, serving: Serving, browser: Browser, context: BrowserContext, page: Page;
const pageErrors: string[] = [];
// The views' as-of, fixed so that the views, the page and the TypeScript functions see one instant.
const asOf = Math.floor(Date.now() / HOUR) * HOUR;

async function taxonomy(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd: repo });
  return { code, out, err };
}

function serve(file: string, extra: Record<string, string> = {}): Promise<Serving> {
  writeFileSync(join(dir, 'keys.json'), JSON.stringify({ app: WRITE_KEY }));
  writeFileSync(join(dir, 'read-token'), READ_TOKEN);
  return startServe({ port: 0, host: '127.0.0.1', db: file, writeKeys: join(dir, 'keys.json'), readToken: join(dir, 'read-token'), ...extra }, quiet);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run 'bash scripts/setup-chromium.sh' (npm test runs it before the tests)`);
  dir = mkdtempSync(join(tmpdir(), 'dash-browser-'));
  db = join(dir, 'events.sqlite');
  serving = await serve(db);
  const r = await taxonomy(['sample-data', '--events', '3000', '--seed', '3', '--url', serving.url, '--write-key', WRITE_KEY, '--as-of', new Date(asOf).toISOString()]);
  expect(r.code, r.err).toBe(0);
  const w = new Database(db);
  w.prepare('INSERT INTO metric_as_of VALUES (?)').run(asOf);
  w.close();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await serving?.collector.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A table cell's text as the page prints a value (booleans as SQLite's 1/0, null as empty). */
const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
function sameTable(expected: string[][], actual: string[][], what: string): void {
  const sort = (t: string[][]) => [...t].sort((a, b) => (a.slice(0, -1).join('\u0000') < b.slice(0, -1).join('\u0000') ? -1 : 1));
  const e = sort(expected), a = sort(actual);
  expect(a.length, `${what}: rows`).toBe(e.length);
  e.forEach((row, i) => row.forEach((x, j) => {
    const y = a[i]![j]!;
    if (x !== '' && y !== '' && Number.isFinite(Number(x)) && Number.isFinite(Number(y))) expect(Math.abs(Number(x) - Number(y)), `${what} row ${i} col ${j}: ${x} vs ${y}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Number(x))));
    else expect(y, `${what} row ${i} col ${j}`).toBe(x);
  }));
}

async function openCategory(id: string, query = ''): Promise<void> {
  await page.goto(`${serving.url}/?${query}#/category/${encodeURIComponent(id)}`);
  await page.waitForSelector(`main[data-loaded="${id}"]`, { timeout: 20_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('article.card[data-state="drawn"]')].every((c) => c.querySelector('canvas, .big')), undefined, { timeout: 20_000 });
}

const tablesOnPage = () => page.$$eval('article.card', (cards) => cards.map((c) => ({
  metric: (c as HTMLElement).dataset.metric!, state: (c as HTMLElement).dataset.state!, canvases: c.querySelectorAll('canvas').length,
  header: [...c.querySelectorAll('table.data tr:first-child th')].map((th) => th.textContent!),
  rows: [...c.querySelectorAll('table.data tr')].slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!)),
})));

describe('access', () => {
  it('without the read token: 401 for the page and its data; a write key does not open it', async () => {
    for (const path of ['/', '/api/dashboard', '/api/category/chat_outcomes', '/api/live', '/dashboard/app.js']) {
      expect((await fetch(`${serving.url}${path}`)).status, path).toBe(401);
      expect((await fetch(`${serving.url}${path}`, { headers: { authorization: `Bearer ${WRITE_KEY}` } })).status, path).toBe(401);
    }
    const stranger = await browser.newPage();
    const r = await stranger.goto(`${serving.url}/`);
    expect(r!.status()).toBe(401);
    expect(await stranger.content()).not.toContain('<canvas');
    await stranger.close();
  });

  it('with it: the page, never cacheable by a shared proxy; the token leaves the address bar', async () => {
    const r = await fetch(`${serving.url}/api/dashboard`, { headers: { authorization: `Bearer ${READ_TOKEN}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    await page.goto(`${serving.url}/?token=${READ_TOKEN}`);
    await page.waitForSelector('main[data-loaded]');
    expect(page.url()).not.toContain(READ_TOKEN);
  });
});

describe('every category page', () => {
  it('draws every metric (no empty or errored chart), with the numbers of the SQL views and the TypeScript functions', async () => {
    const { METRICS } = await import(pathToFileURL(join(repo, 'packages/metrics/index.js')).href) as { METRICS: Record<string, (e: unknown, o: unknown) => Record<string, unknown>[]> };
    const events: { event: string; timestamp: number; id: string; properties: unknown }[] = [];
    const raw = new Database(db, { readonly: true });
    for (const r of raw.prepare('SELECT event_id, event_name, occurred_at, properties FROM events').iterate() as Iterable<Record<string, unknown>>) {
      events.push({ event: String(r.event_name), timestamp: Number(r.occurred_at), id: String(r.event_id), properties: JSON.parse(String(r.properties)) });
    }
    const layout = (await (await fetch(`${serving.url}/api/dashboard`, { headers: { authorization: `Bearer ${READ_TOKEN}` } })).json()) as { categories: { id: string; metrics: { metric: string }[] }[] };
    expect(layout.categories.length).toBeGreaterThan(5);
    let checked = 0;
    for (const c of layout.categories) {
      await openCategory(c.id);
      const cards = await tablesOnPage();
      expect(cards.map((x) => x.metric).sort()).toEqual(c.metrics.map((m) => m.metric).sort());
      for (const card of cards) {
        expect(card.state, `${c.id}/${card.metric}`).toBe('drawn');
        const view = raw.prepare(`SELECT * FROM "metric_${card.metric}"`).all() as Record<string, unknown>[];
        sameTable(view.map((r) => card.header.map((h) => cell(r[h]))), card.rows, `${card.metric} vs its view`);
        const ts = METRICS[card.metric]!(events, { asOf });
        sameTable(ts.map((r) => card.header.map((h) => cell(r[h]))), card.rows, `${card.metric} vs compute()`);
        checked++;
      }
      if (process.env.TAXONOMY_SCREENSHOTS) {
        mkdirSync(join(repo, 'docs/screenshots/dashboard'), { recursive: true });
        await page.screenshot({ path: join(repo, `docs/screenshots/dashboard/${c.id}.png`) });
      }
    }
    raw.close();
    expect(checked).toBe(model.metrics.length);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('over the last 30 days (the range replaces each window), the numbers of the TypeScript functions over the same range', async () => {
    const { METRICS } = await import(pathToFileURL(join(repo, 'packages/metrics/index.js')).href) as { METRICS: Record<string, (e: unknown, o: unknown) => Record<string, unknown>[]> };
    const raw = new Database(db, { readonly: true });
    const all = (raw.prepare('SELECT event_id, event_name, occurred_at, properties FROM events').all() as Record<string, unknown>[])
      .map((r) => ({ event: String(r.event_name), timestamp: Number(r.occurred_at), id: String(r.event_id), properties: JSON.parse(String(r.properties)) }));
    raw.close();
    for (const id of ['chat_outcomes', 'support_outcomes', 'core_loop']) {
      await openCategory(id, 'range=30d');
      await page.selectOption('#range', '30d');
      await page.waitForSelector(`main[data-loaded="${id}"][data-since]:not([data-since=""])`);
      await page.waitForFunction(() => [...document.querySelectorAll('article.card[data-state="drawn"]')].every((c) => c.querySelector('canvas, .big')));
      const { asOfMs, sinceMs } = await page.$eval('main', (m) => ({ asOfMs: Date.parse((m as HTMLElement).dataset.asOf!), sinceMs: Date.parse((m as HTMLElement).dataset.since!) }));
      expect(asOfMs - sinceMs).toBe(30 * DAY);
      const inRange = all.filter((e) => e.timestamp >= sinceMs);
      const cards = await tablesOnPage();
      expect(cards.length).toBeGreaterThan(2);
      expect(cards.every((c) => c.state === 'drawn' && c.rows.length > 0)).toBe(true);
      for (const card of cards) {
        const type = model.metrics.find((m) => m.name === card.metric)!.type;
        const ts = METRICS[card.metric]!(inRange, { asOf: asOfMs, ...(type === 'funnel' ? {} : { window: null }) });
        sameTable(ts.map((r) => card.header.map((h) => cell(r[h]))), card.rows, `${card.metric} over 30 days`);
      }
    }
  }, 120_000);
});
