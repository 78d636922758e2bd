import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadTaxonomy, type GeneratedFile } from '@taxonomy/core';
import { buildSite } from '@taxonomy/gen-docs';
import { serveFolder } from './serve.js';

/**
 * The docs site in a real browser: Debian's Chromium (scripts/setup-chromium.sh,
 * run by npm's pretest) driven by playwright-core, the site served on 127.0.0.1.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const repo = join(import.meta.dirname, '../..');

function writeSite(name: string, taxonomyDir: string): string {
  const r = loadTaxonomy(taxonomyDir, { cwd: repo });
  if (!r.model || r.failed) throw new Error(`${taxonomyDir} does not load`);
  const dir = join(mkdtempSync(join(tmpdir(), 'docs-site-')), name);
  for (const f of buildSite(r.model, {}) as GeneratedFile[]) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
  return dir;
}

let browser: Browser;
let seed: { dir: string; url: string; close: () => Promise<void> };
let hostile: { dir: string; url: string; close: () => Promise<void> };
/** Everything a page reported as wrong: console errors, uncaught exceptions, failed requests. */
const problems: string[] = [];

async function open(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${url}: console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${url}: uncaught ${e.message}`));
  // A request cut short by the next navigation (net::ERR_ABORTED) is not the site's fault.
  page.on('requestfailed', (r) => { if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`${url}: request failed ${r.url()} ${r.failure()?.errorText}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${url}: HTTP ${r.status()} ${r.url()}`); });
  await page.goto(url);
  return page;
}

const visibleEvents = (page: Page) => page.$$eval('#events tbody tr:not([hidden]) td.name code', (els) => els.map((e) => e.textContent ?? ''));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run 'bash scripts/setup-chromium.sh' (npm test runs it before the tests)`);
  const s = writeSite('seed', join(repo, 'taxonomy'));
  const h = writeSite('hostile', join(repo, 'generators/docs/test/fixtures/hostile/taxonomy'));
  seed = { dir: s, ...(await serveFolder(s)) };
  hostile = { dir: h, ...(await serveFolder(h)) };
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await seed?.close();
  await hostile?.close();
});

describe('docs site in Chromium', () => {
  it('search finds workbench.draft_created, by name and by property', async () => {
    const page = await open(seed.url + 'index.html');
    expect(await page.textContent('#count')).toBe('137 events');
    await page.fill('#q', 'draft_created');
    expect(await visibleEvents(page)).toContain('workbench.draft_created');
    expect((await visibleEvents(page)).length).toBeLessThan(10);
    expect(await page.textContent('#count')).toMatch(/^\d+ of 137 events$/);

    await page.fill('#q', 'templateId');
    const byProperty = await visibleEvents(page);
    expect(byProperty).toContain('workbench.draft_created');
    expect(await page.textContent('tr:not([hidden]) .hit:not([hidden])')).toBe('matches property templateId');

    await page.fill('#q', 'no such thing anywhere');
    expect(await visibleEvents(page)).toEqual([]);
    expect(await page.isVisible('#empty')).toBe(true);
    await page.close();
  });

  it('the privacy filter narrows the list to events carrying that class', async () => {
    const page = await open(seed.url + 'index.html');
    await page.selectOption('#f-privacy', 'pii');
    const pii = await visibleEvents(page);
    expect(pii.length).toBeGreaterThan(0);
    expect(pii.length).toBeLessThan(137);
    expect(pii).toContain('signup');
    const cells = await page.$$eval('#events tbody tr:not([hidden]) td.privacy', (els) => els.map((e) => e.textContent ?? ''));
    for (const c of cells) expect(c).toContain('pii');
    await page.selectOption('#f-domain', 'slackbot');
    const both = await visibleEvents(page);
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(pii.length);
    expect(page.url()).toContain('#domain=slackbot&privacy=pii');
    await page.click('#reset');
    expect((await visibleEvents(page)).length).toBe(137); // the seeds' 136 and workbench.workflow_created (ours)
    await page.close();
  });

  it('filters by domain, category, owner and status from the address (links from event pages)', async () => {
    const page = await open(seed.url + 'index.html#domain=workbench');
    expect((await visibleEvents(page)).length).toBe(16); // seed 002's 15 and workbench.workflow_created (ours)
    await page.goto(seed.url + 'index.html#category=core_loop&status=active');
    expect((await visibleEvents(page)).sort()).toEqual(['agent_created', 'autopilot_created', 'chat_message_sent', 'issue_created', 'issue_executed', 'squad_created', 'workspace_created']);
    await page.goto(seed.url + 'index.html#owner=slackbot');
    expect((await visibleEvents(page)).length).toBe(21);
    await page.close();
  });

  it('an event page shows its property table', async () => {
    const page = await open(seed.url + 'index.html');
    await page.fill('#q', 'workbench.draft_created');
    await page.click('#events tbody tr:not([hidden]) a:has-text("workbench.draft_created")');
    await page.waitForURL(/events\/workbench\.draft_created\.html$/);
    expect(await page.textContent('h1')).toContain('workbench.draft_created');
    const headers = await page.$$eval('table.properties thead th', (els) => els.map((e) => e.textContent));
    expect(headers).toEqual(['Property', 'Type', 'Required', 'Values', 'Privacy', 'Description']);
    const rows = await page.$$eval('table.properties tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(rows.map((r) => r[0])).toEqual(['sessionId', 'timestamp', 'source', 'draftId', 'nodeCount', 'templateId']);
    expect(rows[2]).toEqual(['source', 'string', 'yes', 'chat, template, blank', 'internal', 'Where the draft came from.']);
    // The domain link leads back to the filtered index.
    await page.click('.crumbs a:has-text("workbench")');
    await page.waitForURL(/index\.html#domain=workbench$/);
    expect((await visibleEvents(page)).length).toBe(16); // seed 002's 15 and workbench.workflow_created (ours)
    await page.close();
  });

  it('metric and privacy pages render', async () => {
    const page = await open(seed.url + 'metrics/template_suggestion_rate.html');
    expect(await page.textContent('h1')).toContain('template_suggestion_rate');
    await page.goto(seed.url + 'privacy.html');
    expect(await page.textContent('.callout.dont')).toContain('Credentials or tokens.');
    await page.close();
  });

  it('a description holding <script> renders as text and never runs', async () => {
    const page = await open(hostile.url + 'events/shop.order_placed.html');
    expect(await page.textContent('p.lead')).toContain('<script>window.__pwned = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('img, button').length)).toBe(0);

    await page.goto(hostile.url + 'index.html');
    expect(await page.evaluate(() => document.scripts.length)).toBe(2); // search-index.js and site.js only
    await page.fill('#q', '<script>');
    expect(await visibleEvents(page)).toEqual(['shop.order_placed']);
    expect(await page.textContent('#events tbody tr:not([hidden]) td.desc')).toContain('<script>window.__pwned = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('works from the folder itself, without a server (file://)', async () => {
    const page = await open(pathToFileURL(join(seed.dir, 'index.html')).href);
    await page.fill('#q', 'draft_created');
    expect(await visibleEvents(page)).toContain('workbench.draft_created');
    await page.close();
  });

  it('takes screenshots of the index and an event page', async () => {
    // UPDATE_SCREENSHOTS=1 writes them to docs/screenshots/ (committed); otherwise to a temporary folder.
    const out = process.env.UPDATE_SCREENSHOTS === '1' ? join(repo, 'docs/screenshots') : mkdtempSync(join(tmpdir(), 'docs-shots-'));
    mkdirSync(out, { recursive: true });
    const page = await open(seed.url + 'index.html');
    await page.fill('#q', 'draft');
    await page.screenshot({ path: join(out, 'site-index.png') });
    await page.goto(seed.url + 'events/workbench.draft_created.html');
    await page.screenshot({ path: join(out, 'site-event.png'), fullPage: true });
    for (const f of ['site-index.png', 'site-event.png']) expect(statSync(join(out, f)).size).toBeGreaterThan(20_000);
    await page.close();
  });

  it('no page logged an error, threw, or failed to load anything', () => {
    expect(problems).toEqual([]);
  });
});
