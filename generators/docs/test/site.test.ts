import { posix } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildSite, pageNames, templateSources } from '@taxonomy/gen-docs';
import { hostile, model } from './helpers.js';

const m = model();
const site = buildSite(m, {});
const byPath = new Map(site.map((f) => [f.path, f.contents]));

/** The search index as the browser sees it: the script run in a sandbox. */
function searchIndex(files: typeof site): { events: { name: string; description: string; privacy: string[]; properties: { name: string; description: string }[] }[] } {
  const window: Record<string, unknown> = {};
  runInNewContext(files.find((f) => f.path === 'search-index.js')!.contents, { window });
  return window.TAXONOMY_SEARCH as never;
}

describe('static HTML site', () => {
  it('is one folder: index, a page per event and metric, metrics, privacy, search index, assets', () => {
    const names = pageNames(m);
    const paths = site.map((f) => f.path);
    expect(paths.filter((p) => p.startsWith('events/')).length).toBe(m.events.length);
    expect(paths.filter((p) => p.startsWith('metrics/')).length).toBe(m.metrics.length);
    expect(paths).toEqual(expect.arrayContaining(['index.html', 'metrics.html', 'privacy.html', 'search-index.js', 'assets/site.css', 'assets/site.js', 'assets/favicon.svg', `events/${names.event('workbench.draft_created')}.html`]));
    expect(paths).toEqual([...paths].sort());
  });

  it('loads nothing from outside the folder (no CDN, no server) and every link resolves', () => {
    let checked = 0;
    for (const f of site.filter((x) => x.path.endsWith('.html'))) {
      for (const [, attr, url] of f.contents.matchAll(/\b(href|src)="([^"]*)"/g)) {
        const href = url!.replace(/&#x3D;/g, '=');
        expect(href, `${f.path} ${attr}`).not.toMatch(/^(https?:)?\/\//);
        const [path, hash] = href.split('#');
        const target = path ? posix.normalize(posix.join(posix.dirname(f.path), path)) : f.path;
        expect(byPath.has(target), `${f.path} → ${href}`).toBe(true);
        if (hash && !hash.includes('=')) expect(byPath.get(target), `${f.path} → ${href}`).toContain(`id="${hash}"`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('the index lists every event with the data the filters use', () => {
    const index = byPath.get('index.html')!;
    expect((index.match(/<tr data-i="/g) ?? []).length).toBe(m.events.length);
    for (const id of ['domain', 'category', 'privacy', 'owner', 'status']) expect(index).toContain(`data-filter="${id}"`);
    expect(index).toContain('<option value="pii">pii (');
    const data = searchIndex(site);
    expect(data.events.map((e) => e.name)).toEqual(m.events.map((e) => e.name));
    const draft = data.events.find((e) => e.name === 'workbench.draft_created')!;
    expect(draft.properties.map((p) => p.name)).toEqual(['sessionId', 'timestamp', 'source', 'draftId', 'nodeCount', 'templateId']);
    expect(data.events.find((e) => e.name === 'signup')!.privacy).toContain('pii');
  });

  it('an event page has the property table', () => {
    const p = byPath.get('events/workbench.draft_created.html')!;
    expect(p).toContain('<thead><tr><th>Property</th><th>Type</th><th>Required</th><th>Values</th><th>Privacy</th><th>Description</th></tr></thead>');
    expect(p).toMatch(/<td class="name"><code>source<\/code><\/td><td>string<\/td><td class="req-yes">yes<\/td><td><code>chat<\/code>, <code>template<\/code>, <code>blank<\/code><\/td>/);
  });

  it('no HTML template prints with triple-stash (which would skip escaping)', () => {
    const html = [...templateSources()].filter(([name]) => name.startsWith('html/'));
    expect(html.length).toBeGreaterThan(5);
    for (const [name, source] of html) expect(source, name).not.toMatch(/\{\{\{|\{\{&/);
  });

  it('is deterministic', () => {
    expect(buildSite(m, {})).toEqual(site);
  });
});

describe('static HTML site of a hostile taxonomy', () => {
  const h = buildSite(hostile(), {});

  it.each(h.filter((f) => f.path.endsWith('.html')).map((f) => [f.path, f.contents]))('%s shows taxonomy HTML as text', (_path, html) => {
    // The only elements with script-like power are our own two <script src> tags.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    for (const s of scripts) expect(s).toMatch(/^<script src="(\.\.\/)?(search-index|assets\/site)\.js">$/);
    expect(html.replace('<button id="reset" type="button">', '')).not.toMatch(/<(img|button|em|b|i)\b/);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain('window.__pwned = 1</script>');
  });

  it('escapes the taxonomy text it shows', () => {
    const page = h.find((f) => f.path === 'events/shop.order_placed.html')!.contents;
    expect(page).toContain('An order was placed. &lt;script&gt;window.__pwned &#x3D; 1&lt;/script&gt;');
    expect(page).toContain('<code>&lt;script&gt;</code>');
    expect(page).toContain('Where | how &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
  });

  it('the search index cannot close a script element and keeps the text exact', () => {
    const js = h.find((f) => f.path === 'search-index.js')!.contents;
    expect(js).not.toMatch(/[<>&\u2028\u2029]/);
    const order = searchIndex(h).events.find((e) => e.name === 'shop.order_placed')!;
    expect(order.description).toContain('<script>window.__pwned = 1</script>');
    expect(order.properties.find((p) => p.name === 'channel')!.description).toBe('Where | how <img src=x onerror=alert(1)>');
  });
});
