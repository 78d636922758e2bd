// Issue 17 row: a newline in an enum value, owner, tag or filter value broke the Markdown
// catalog's tables and made <script>/onerror live HTML. Rendered as a reader's viewer would.
import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { loadTaxonomyFromFiles, type TaxonomyModel } from '@taxonomy/core';
import { buildSite, renderCatalog } from '@taxonomy/gen-docs';

const js = (s: string) => JSON.stringify(s);
const SCRIPT = (n: number) => `x\n<script>alert(${n})</script>`;
const IMG = (n: number) => `y\r\n<img src=x onerror=alert(${n})>`;

function hostileModel(): TaxonomyModel {
  const domain = `domain: wb
owner: ${js(SCRIPT(1))}
events:
  wb.done:
    description: Done.
    category: core
    owner: ${js(SCRIPT(2))}
    tags: [${js(SCRIPT(3))}, ${js(IMG(4))}]
    properties:
      kind: { type: string, enum: [plain, ${js(SCRIPT(5))}, ${js(IMG(6))}, "a|b\\n\\n# heading"] }
`;
  const metrics = `metrics:
  done_count:
    description: Done events.
    owner: ${js(SCRIPT(7))}
    type: count
    events: [{ event: wb.done, where: [{ property: kind, op: eq, value: ${js(SCRIPT(5))} }, { property: kind, op: in, value: [${js(IMG(6))}] }] }]
`;
  const r = loadTaxonomyFromFiles([
    { path: 'taxonomy.yaml', contents: 'name: t\nversion: 1.0.0\n' },
    { path: 'categories.yaml', contents: 'categories:\n  core: { description: Core. }\n' },
    { path: 'domains/wb.yaml', contents: domain },
    { path: 'metrics.yaml', contents: metrics },
  ]);
  if (!r.model || r.failed) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.model;
}

/** A tag the taxonomy text would have made: <script>, <img>, or any tag with an on… handler. */
const LIVE = /<(script|img)\b|<[^>]*\son\w+\s*=/i;

describe('issue 17: a newline in an enum value, owner, tag or filter value', () => {
  const model = hostileModel();

  it('keeps every Markdown table row on one line and no HTML live (markdown-it, html: true)', () => {
    const md = new MarkdownIt({ html: true });
    const files = renderCatalog(model);
    let tables = 0;
    for (const f of files) {
      const html = md.render(f.contents);
      expect(html, f.path).not.toMatch(LIVE);
      // Inside a table (header, delimiter row, body) every line is a row until a blank line.
      const lines = f.contents.split('\n');
      for (let i = 1; i < lines.length; i++) {
        if (!/^\|( ?:?-+:? ?\|)+$/.test(lines[i]!)) continue;
        tables++;
        for (let j = i + 1; j < lines.length && lines[j] !== ''; j++) expect(lines[j], `${f.path}:${j + 1}`).toMatch(/^\|.*\|$/);
      }
    }
    expect(tables).toBeGreaterThan(3);
    const all = files.map((f) => f.contents).join('\n');
    // The text is still shown, on one line, as text.
    for (const n of [1, 2, 3, 5, 7]) expect(all).toContain(`x <script>alert(${n})</script>`);
  });

  it('shows the same values as text on the HTML site', () => {
    for (const f of buildSite(model)) {
      if (!f.path.endsWith('.html')) continue;
      const withoutOwnScripts = f.contents.replace(/<script src="[^"<>]*"( defer)?><\/script>/g, '');
      expect(withoutOwnScripts, f.path).not.toMatch(/<script>alert|<img src=x|onerror=alert/);
    }
  });
});
