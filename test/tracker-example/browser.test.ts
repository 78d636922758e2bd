import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import type { Envelope } from '@taxonomy/runtime';
import { validateEnvelope } from './validate.js';

/**
 * Page hide in a real browser: Debian's Chromium (scripts/setup-chromium.sh, run by
 * npm's pretest) driven by playwright-core. Events waiting in httpSink leave by
 * navigator.sendBeacon when the page goes away, in chunks of at most 64 KB.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
let server: Server;
let origin = '';
const posts: { type: string; bytes: number; batch: Envelope[] }[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run 'bash scripts/setup-chromium.sh' (npm test runs it before the tests)`);
  const bundle = await build({ entryPoints: [join(import.meta.dirname, 'browser-entry.ts')], bundle: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent' });
  const js = bundle.outputFiles[0]!.text;
  server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/events') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        posts.push({ type: String(req.headers['content-type']), bytes: body.length, batch: (JSON.parse(body.toString('utf8')) as { batch: Envelope[] }).batch });
        res.writeHead(204).end();
      });
      return;
    }
    if (req.url === '/app.js') { res.writeHead(200, { 'content-type': 'text/javascript' }).end(js); return; }
    if (req.url === '/') { res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>tracker</title><script type="module" src="/app.js"></script>'); return; }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

const received = () => posts.flatMap((p) => p.batch);
async function until(pred: () => boolean, ms = 5000) {
  for (let t = 0; t < ms && !pred(); t += 50) await new Promise((r) => setTimeout(r, 50));
}

describe('httpSink on page hide (Chromium)', () => {
  it('a closing page beacons what waits, once each, in application/json chunks of at most 64 KB', async () => {
    posts.length = 0;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(origin + '/');
    await page.waitForFunction(() => window.ready === true);
    await page.evaluate(() => window.trackMany(40)); // ~40 KB: fits the browser's keepalive quota
    await page.waitForTimeout(200);
    expect(posts).toHaveLength(0); // nothing sent while the page is visible and the batch not due
    await page.goto('about:blank'); // pagehide
    await until(() => received().length >= 40);
    await page.close();
    const events = received();
    expect(events.map((e) => e.properties.draftId).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `d-${i}`).sort());
    expect(new Set(events.map((e) => e.id)).size).toBe(40);
    for (const p of posts) {
      expect(p.bytes).toBeLessThanOrEqual(65_536);
      expect(p.type).toBe('application/json');
    }
    expect(events.flatMap(validateEnvelope)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('beyond the ~64 KB the browser lets leave a hidden page, the rest is counted as dropped, and the books match what arrived', async () => {
    posts.length = 0;
    const page = await browser.newPage();
    await page.goto(origin + '/');
    await page.waitForFunction(() => window.ready === true);
    await page.evaluate(() => window.trackMany(300)); // ~300 KB waiting
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    await page.waitForFunction(() => (window.stats() as { pending: number }).pending === 0, undefined, { timeout: 10_000 });
    const stats = await page.evaluate(() => window.stats() as { enqueued: number; delivered: number; dropped: Record<string, number> });
    await until(() => received().length >= stats.delivered);
    await page.waitForTimeout(300);
    await page.close();
    expect(stats.enqueued).toBe(300);
    expect(stats.delivered + stats.dropped.unload!).toBe(300);
    expect(stats.delivered).toBeGreaterThan(0);
    expect(stats.dropped.unload).toBeGreaterThan(0);
    expect(received()).toHaveLength(stats.delivered); // the counter tells the truth
    for (const p of posts) expect(p.bytes).toBeLessThanOrEqual(65_536);
  });
});
