// A histogram split by a property (seed 001's AhtHistogram: bot/human/all) in a real browser:
// the bins on the x axis, one series per value of the split, and "all", worked out by hand.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main, startServe } from '@taxonomy/cli';
import { writeTaxonomy } from '../warehouse/fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const HOUR = 3_600_000;

const TAXONOMY = {
  'taxonomy.yaml': 'name: split\nversion: 1.0.0\n',
  'categories.yaml': 'categories:\n  support: { description: Support. }\n  commerce: { description: Commerce. }\n',
  'domains/chat.yaml': `domain: chat
events:
  chat.session_ended:
    description: Ended.
    category: support
    properties:
      channel: { type: string, enum: [bot, human] }
      durationMs: { type: integer, minimum: 0 }
  chat.purchase_completed:
    description: Bought.
    category: commerce
    properties:
      currency: { type: string }
      items:
        type: array
        items:
          type: object
          properties:
            quantity: { type: integer }
            unitPrice: { type: number }
            category: { type: string }
`,
  'metrics.yaml': `metrics:
  handle_time:
    description: "Sessions per handle-time bin, by channel. <img src=x onerror=\\"window.__pwned=1\\">"
    type: count
    events: [{ event: chat.session_ended }]
    group_by: [channel, durationMs]
    bins: { durationMs: [0, 60000, 300000] }
    chart: histogram
  gmv_by_category:
    description: GMV per category and currency, from the lines.
    type: sum
    events: [{ event: chat.purchase_completed }]
    over: items
    value: [quantity, unitPrice]
    group_by: [currency, items.category]
  events_by_name:
    description: Events of each type (group_by $event, as seed 004's "event counts by type").
    type: count
    events: [{ event: chat.session_ended }, { event: chat.purchase_completed }]
    group_by: [$event]
`,
};

// Lines: USD home 2 × 2.5 + 1 × 5 = 10, USD books 3 × 4 = 12; EUR home 4 × 0.5 = 2 (EUR has no books).
const PURCHASES = [
  { currency: 'USD', items: [{ quantity: 2, unitPrice: 2.5, category: 'home' }, { quantity: 3, unitPrice: 4, category: 'books' }] },
  { currency: 'USD', items: [{ quantity: 1, unitPrice: 5, category: 'home' }] },
  { currency: 'EUR', items: [{ quantity: 4, unitPrice: 0.5, category: 'home' }] },
];

// bot: 10 s, 59.999 s (bin 0), 60 s exactly (bin 60000); human: 2 min (bin 60000), 10 min twice (bin 300000);
// no channel: 30 s (bin 0). all: bin 0 → 3, bin 60000 → 2, bin 300000 → 2.
const SESSIONS: [string | undefined, number][] = [['bot', 10_000], ['bot', 59_999], ['bot', 60_000], ['human', 120_000], ['human', 600_000], ['human', 600_000], [undefined, 30_000]];

let dir: string, tax: string, browser: Browser, serving: Awaited<ReturnType<typeof startServe>>;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run 'bash scripts/setup-chromium.sh' (npm test runs it before the tests)`);
  dir = mkdtempSync(join(tmpdir(), 'dash-split-'));
  tax = writeTaxonomy(TAXONOMY);
  let err = '';
  const io = { out: () => undefined, err: (t: string) => { err += t; }, color: false, cwd: dirname(tax) };
  expect(await main(['generate', '--only', 'validators,sql'], io), err).toBe(0);
  serving = await startServe({ port: 0, host: '127.0.0.1', db: join(dir, 'events.sqlite') }, io);
  const now = Date.now();
  const batch = [
    ...SESSIONS.map(([channel, durationMs], i) => ({ event: 'chat.session_ended', id: `s${i}`, timestamp: new Date(now - HOUR - i * 1000).toISOString(), properties: { ...(channel ? { channel } : {}), durationMs } })),
    ...PURCHASES.map((properties, i) => ({ event: 'chat.purchase_completed', id: `p${i}`, timestamp: new Date(now - HOUR - i * 1000).toISOString(), properties })),
  ];
  const r = await fetch(`${serving.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
  expect(((await r.json()) as { stored: number }).stored).toBe(SESSIONS.length + PURCHASES.length);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serving?.collector.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (tax) rmSync(dirname(tax), { recursive: true, force: true });
});

it('draws the bins on the x axis, a series per channel and "all"', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${serving.url}/#/category/support`);
  await page.waitForSelector('article[data-metric="handle_time"][data-state="drawn"] canvas', { timeout: 20_000 });
  const drawn = JSON.parse((await page.getAttribute('article[data-metric="handle_time"]', 'data-series'))!);
  expect(drawn).toEqual({
    labels: ['≥ 0', '≥ 60,000', '≥ 300,000'],
    series: [
      { label: 'bot', values: [2, 1, null] },
      { label: 'human', values: [null, 1, 2] },
      { label: 'null', values: [1, null, null] },
      { label: 'all', values: [3, 2, 2] },
    ],
  });
  // The description holds HTML: shown as text, never parsed.
  expect(await page.textContent('article[data-metric="handle_time"]')).toContain('<img src=x onerror="window.__pwned=1">');
  expect(await page.$$('main img')).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

it('draws a sum over order lines as grouped bars: categories on the x axis, a series per currency, never summed', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${serving.url}/#/category/commerce`);
  await page.waitForSelector('article[data-metric="gmv_by_category"][data-state="drawn"] canvas', { timeout: 20_000 });
  const drawn = JSON.parse((await page.getAttribute('article[data-metric="gmv_by_category"]', 'data-series'))!);
  expect(drawn).toEqual({ labels: ['books', 'home'], series: [{ label: 'EUR', values: [null, 2] }, { label: 'USD', values: [12, 10] }] });
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

it('draws a count by $event with a bar per event name (the column event is a group, not a funnel step)', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Two events of two categories: the metric is on the page of the first by name (commerce).
  await page.goto(`${serving.url}/#/category/commerce`);
  await page.waitForSelector('article[data-metric="events_by_name"][data-state="drawn"] canvas', { timeout: 20_000 });
  const drawn = JSON.parse((await page.getAttribute('article[data-metric="events_by_name"]', 'data-series'))!);
  // 3 purchases, 7 sessions.
  expect(drawn).toEqual({ labels: ['chat.purchase_completed', 'chat.session_ended'], series: [{ label: 'events_by_name', values: [PURCHASES.length, SESSIONS.length] }] });
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

it('a million events in one range: the page draws the same bins, with the counts worked out by hand', async () => {
  // 1,050,000 sessions in the last day: i % 3 picks bot, human or no channel, i % 10 the duration
  // (i % 10 minutes). Each (channel, i % 10) pair occurs 1,050,000 / 30 = 35,000 times, so per channel:
  // bin 0 (0 min) 35,000; bin 60000 (1-4 min) 140,000; bin 300000 (5-9 min) 175,000; all: three times that.
  const N = 1_050_000;
  const file = join(dir, 'million.sqlite');
  const io = { out: () => undefined, err: () => undefined, color: false, cwd: dirname(tax) };
  const big = await startServe({ port: 0, host: '127.0.0.1', db: file }, io);
  try {
    const now = Date.now();
    const w = new Database(file);
    w.prepare(`WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n + 1 < ?)
      INSERT INTO events (event_id, event_name, event_version, occurred_at, received_at, properties)
      SELECT 'm' || n, 'chat.session_ended', 1, ? - (n % 80000000), ?,
        CASE n % 3 WHEN 0 THEN json_object('channel', 'bot', 'durationMs', (n % 10) * 60000)
                   WHEN 1 THEN json_object('channel', 'human', 'durationMs', (n % 10) * 60000)
                   ELSE json_object('durationMs', (n % 10) * 60000) END
      FROM i`).run(N, now - HOUR, now);
    w.close();
    const page = await browser.newPage();
    await page.goto(`${big.url}/#/category/support`);
    await page.waitForSelector('article[data-metric="handle_time"][data-state="drawn"] canvas', { timeout: 120_000 });
    const drawn = JSON.parse((await page.getAttribute('article[data-metric="handle_time"]', 'data-series'))!);
    expect(drawn).toEqual({
      labels: ['≥ 0', '≥ 60,000', '≥ 300,000'],
      series: [
        { label: 'bot', values: [35_000, 140_000, 175_000] },
        { label: 'human', values: [35_000, 140_000, 175_000] },
        { label: 'null', values: [35_000, 140_000, 175_000] },
        { label: 'all', values: [105_000, 420_000, 525_000] },
      ],
    });
    await page.close();
  } finally { await big.collector.close(); }
}, 300_000);
