// Earlier SchemaVer revisions of a model (`revisions:`): each version's section (and the newest,
// after the version history) lists its earlier revisions, newest first, each with what the
// next revision changed, in the Markdown catalog and the HTML site; their words are escaped.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, loadTaxonomyFromFiles } from '@taxonomy/core';
import docs, { buildSite } from '@taxonomy/gen-docs';

const fixture = join(import.meta.dirname, '../../validators/test/fixtures/revisions');
const model = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;
const pageOf = async (m: typeof model, name: string) => (await docs.generate(m, {})).find((f) => f.path.endsWith(`${name}.md`))!.contents;

describe('docs: earlier revisions of each version', () => {
  it("the newest version's earlier revisions follow the version history, with what the next one changed", async () => {
    const page = await pageOf(model, 'order_completed');
    const at = page.indexOf('Earlier revisions of version 2, still accepted');
    expect(at).toBeGreaterThan(page.indexOf('## Version history'));
    expect(at).toBeLessThan(page.indexOf('## Version 1 (live, frozen)'));
    expect(page.slice(at)).toContain('a payload is accepted when it matches `2-1-0` or one of these');
    expect(page.slice(at)).toContain('| `2-0-0` | The first shape of version 2: totals were not capped yet, and a gift note could be sent. | `2-1-0`: `total`: its values or constraints changed; `channel` added (string, optional); `giftNote` removed |');
  });

  it('the Version fact names the SchemaVer and the earlier revisions accepted', async () => {
    expect(await pageOf(model, 'order_completed')).toContain('| Version | 2 (SchemaVer 2-1-0; earlier revisions accepted: 2-0-0; also live: 1) |');
    expect(await pageOf(model, 'cart_viewed')).toContain('| Version | 1 (SchemaVer 1-1-0; earlier revisions accepted: 1-0-0) |');
  });

  it("an older version's section lists its own", async () => {
    const page = await pageOf(model, 'order_completed');
    const v1 = page.slice(page.indexOf('## Version 1 (live, frozen)'));
    expect(v1).toContain('Earlier revisions of version 1, still accepted: the wire carries only `"version": 1`, and a payload is accepted when it matches `1-0-1` or one of these');
    expect(v1).toContain('| `1-0-0` |  | `1-0-1`: `coupon` added (string, optional) |');
    expect(v1.indexOf('Earlier revisions of version 1')).toBeLessThan(v1.indexOf('Sending version 1'));
  });

  it('a type that a revision changed is said so', async () => {
    expect(await pageOf(model, 'cart_viewed')).toContain('| `1-0-0` | The source was a numeric campaign id. | `1-1-0`: `source`: integer → string |');
  });

  it('the site shows them too', () => {
    const page = buildSite(model).find((f) => /order_completed\.html$/.test(f.path))!.contents;
    expect(page).toContain('<tr><td><code>2-0-0</code></td><td>The first shape of version 2: totals were not capped yet, and a gift note could be sent.</td><td><code>2-1-0</code>: <code>total</code>: its values or constraints changed; <code>channel</code> added (string, optional); <code>giftNote</code> removed</td></tr>');
    expect(page).toContain('<tr><td><code>1-0-0</code></td><td></td><td><code>1-0-1</code>: <code>coupon</code> added (string, optional)</td></tr>');
  });

  it('escapes hostile words of a revision (newlines, U+2028, pipes, markup)', async () => {
    const dir = join(fixture, 'taxonomy');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: relative(dir, join(dir, f)), contents: readFileSync(join(dir, f), 'utf8') }));
    const hostile = 'a | b\\nline two \\u2028 <script>x</script> `tick`';
    const shop = files.find((f) => f.path.endsWith('shop.yaml'))!;
    shop.contents = shop.contents.replace('description: The source was a numeric campaign id.', `description: "${hostile}"`);
    const r = loadTaxonomyFromFiles(files);
    expect(r.model, JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error').slice(0, 3))).toBeDefined();
    const page = await pageOf(r.model!, 'cart_viewed');
    const row = page.split('\n').find((l) => l.startsWith('| `1-0-0` |'))!;
    expect(row).toContain('a \\| b');
    expect(row).toContain('line two');
    expect(row).not.toContain('\u2028');
    expect(row).not.toContain('<script>');
    expect(row.split(' | ')).toHaveLength(3);
    const site = buildSite(r.model!).find((f) => /cart_viewed\.html$/.test(f.path))!.contents;
    expect(site).not.toContain('<script>x');
  });
});
