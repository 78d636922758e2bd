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

/** A stored event of this name, as a new envelope (a fresh id, now, the given properties over its own). */
function like(name: string, id: string, props: Record<string, unknown> = {}) {
  const raw = new Database(db, { readonly: true });
  const r = raw.prepare('SELECT properties FROM events WHERE event_name = ? LIMIT 1').get(name) as { properties: string };
  raw.close();
  const timestamp = new Date(asOf - HOUR).toISOString();
  const p = JSON.parse(r.properties) as Record<string, unknown>;
  if ('timestamp' in p) p.timestamp = timestamp;
  return { event: name, id, timestamp, properties: { ...p, ...props } };
}

async function post(url: string, events: unknown[]) {
  const r = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}` }, body: JSON.stringify({ batch: events }) });
  return (await r.json()) as { stored: number; quarantined: number };
}

describe('live inspection', () => {
  it('the live feed shows a posted event within a second, and only the events its filter names', async () => {
    await page.goto(`${serving.url}/#/live`);
    await page.waitForSelector('main[data-loaded="live"] #feed[data-connected="1"]', { state: 'attached' });
    const id = `live-${Date.now()}`;
    const t0 = Date.now();
    expect((await post(serving.url, [like('session_started', id)])).stored).toBe(1);
    await page.waitForSelector(`#feed div[data-id="${id}"]`, { timeout: 5_000 });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(1000);
    await page.fill('#filter', 'csat_submitted');
    await page.dispatchEvent('#filter', 'change');
    await page.waitForSelector('#feed[data-connected="1"]', { state: 'attached' });
    expect(await page.$$eval('#feed div', (ds) => ds.every((d) => (d as HTMLElement).dataset.event === 'csat_submitted'))).toBe(true);
    const other = `other-${Date.now()}`, wanted = `wanted-${Date.now()}`;
    await post(serving.url, [like('session_started', other)]);
    await post(serving.url, [like('csat_submitted', wanted)]);
    await page.waitForSelector(`#feed div[data-id="${wanted}"]`, { timeout: 5_000 });
    expect(await page.$(`#feed div[data-id="${other}"]`)).toBeNull();
  });

  it('coverage lists every event with its volume, the refused properties and who sent them', async () => {
    await page.goto(`${serving.url}/#/live`);
    await page.waitForSelector('main[data-loaded="live"]');
    const text = await page.textContent('#coverage');
    expect(text).toContain('sampleNotInTheTaxonomy'); // the property each domain's refused sample names
    expect(text).toContain('taxonomy sample-data');
    for (const e of model.events.slice(0, 5)) expect(text).toContain(e.name);
    if (process.env.TAXONOMY_SCREENSHOTS) await page.screenshot({ path: join(repo, 'docs/screenshots/dashboard/live-inspection.png') });
  });

  it('the replay button moves an event the fixed taxonomy accepts out of quarantine', async () => {
    // An older taxonomy that did not know csat_submitted: its validators refuse it.
    const old = join(dir, 'old-validators');
    mkdirSync(old, { recursive: true });
    const real = pathToFileURL(join(repo, 'packages/validators/index.js')).href;
    writeFileSync(join(old, 'package.json'), JSON.stringify({ name: 'old-validators', type: 'module', main: 'index.js' }));
    writeFileSync(join(old, 'index.js'), `import { validateEvent as current } from ${JSON.stringify(real)};
export { taxonomy } from ${JSON.stringify(real)};
export function validateEvent(name, payload) {
  if (name === 'csat_submitted') return { ok: false, errors: [{ path: '', rule: 'event', expected: 'an event of the taxonomy', actual: name, message: 'unknown event csat_submitted' }] };
  return current(name, payload);
}
`);
    const file = join(dir, 'replay.sqlite');
    const before = await serve(file, { validators: old, sql: join(repo, 'packages/sql') });
    const id = `fixed-${Date.now()}`;
    expect(await post(before.url, [like('csat_submitted', id)])).toMatchObject({ stored: 0, quarantined: 1 });
    await before.collector.close();
    const after = await serve(file);
    try {
      const p = await context.newPage();
      await p.goto(`${after.url}/?token=${READ_TOKEN}#/live`);
      await p.waitForSelector('main[data-loaded="live"]');
      await p.waitForFunction((x) => document.querySelector('#quarantine')!.textContent!.includes(x), id);
      await p.click('#replay');
      await p.waitForFunction(() => /1 moved/.test(document.querySelector('#replay-result')!.textContent!));
      await p.waitForFunction((x) => !document.querySelector('#quarantine')!.textContent!.includes(x), id);
      await p.close();
    } finally { await after.collector.close(); }
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) AS n FROM events WHERE event_id = ?').get(id)).toEqual({ n: 1 });
    expect(check.prepare('SELECT COUNT(*) AS n FROM events_quarantine').get()).toEqual({ n: 0 });
    check.close();
  });
});

describe('bad input: a chart says why it is empty, never a broken page, never live HTML from data', () => {
  const categoryOf = async (metric: string) => {
    const layout = (await (await fetch(`${serving.url}/api/dashboard`, { headers: { authorization: `Bearer ${READ_TOKEN}` } })).json()) as { categories: { id: string; metrics: { metric: string }[] }[] };
    return layout.categories.find((c) => c.metrics.some((m) => m.metric === metric))!.id;
  };

  it('a label holding HTML is shown as text', async () => {
    const hostile = ['<img src=x onerror="window.__pwned=1">', '</script><script>window.__pwned=2</script>', 'line\u2028break "quoted" \'single\''];
    expect((await post(serving.url, hostile.map((h, i) => like('customer_signal.theme_clustered', `hostile-${i}-${Date.now()}`, { theme_id: h })))).stored).toBe(3);
    const id = await categoryOf('top_friction_themes');
    await openCategory(id);
    await page.click('article[data-metric="top_friction_themes"] button.show-table');
    const text = await page.textContent('article[data-metric="top_friction_themes"] table.data');
    for (const h of hostile) expect(text).toContain(h);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$('main img, main script')).toEqual([]);
  });

  it('a metric whose view fails (a store an older taxonomy made) says why; the rest of the page draws', async () => {
    const id = await categoryOf('top_friction_themes');
    const w = new Database(db);
    w.exec('DROP VIEW "metric_top_friction_themes"');
    w.close();
    await page.goto(`${serving.url}/#/category/${id}`);
    await page.waitForSelector(`main[data-loaded="${id}"]`);
    const cards = await tablesOnPage();
    expect(cards.find((c) => c.metric === 'top_friction_themes')!.state).toBe('error');
    expect(await page.textContent('article[data-metric="top_friction_themes"] .why')).toMatch(/could not be computed: .*no such table: metric_top_friction_themes/);
    expect(cards.filter((c) => c.metric !== 'top_friction_themes').every((c) => c.state === 'drawn')).toBe(true);
  });

  it('an empty store: every chart says it has no value, none fails', async () => {
    const empty = await serve(join(dir, 'empty.sqlite'));
    try {
      const p = await context.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(String(e)));
      await p.goto(`${empty.url}/?token=${READ_TOKEN}#/category/chat_outcomes`);
      await p.waitForSelector('main[data-loaded="chat_outcomes"]');
      const states = await p.$$eval('article.card', (cs) => cs.map((c) => (c as HTMLElement).dataset.state));
      expect(states).not.toContain('error');
      expect(states).toContain('empty');
      expect(await p.textContent('main')).toContain('No value in this range');
      expect(errors).toEqual([]);
      await p.close();
    } finally { await empty.collector.close(); }
  });
});
