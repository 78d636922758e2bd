import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { md, mdCode, rich, segments } from '@taxonomy/gen-docs';

// A real CommonMark + GFM-tables renderer: the escaping is judged by what it renders.
const renderer = new MarkdownIt({ html: true, linkify: false });

/** What a reader sees of one table cell holding `cell`, and how many cells the row has. */
function renderCell(cell: string): { text: string; cells: number; html: string } {
  const html = renderer.render(`| a | b | c |\n|---|---|---|\n| x | ${cell} | z |\n`);
  const row = html.split('<tbody>')[1]!.split('</tr>')[0]!;
  const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
  const text = (cells[1] ?? '').replace(/<\/?code>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return { text, cells: cells.length, html: cells[1] ?? '' };
}

describe('Markdown escaping of taxonomy text', () => {
  // [taxonomy text, what the rendered cell must read]
  const cases: [string, string][] = [
    ['plain text', 'plain text'],
    ['a | b | c', 'a | b | c'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['</td></tr></table>', '</td></tr></table>'],
    ['[click](javascript:alert(1))', '[click](javascript:alert(1))'],
    ['**bold** and *em* and _em_ and ~~strike~~', '**bold** and *em* and _em_ and ~~strike~~'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['a stray ` backtick', 'a stray ` backtick'],
    ['code `a | b` span', 'code a | b span'],
    ['double ``x ` y`` span', 'double x ` y span'],
    ['&amp; is not an entity', '&amp; is not an entity'],
    ['back\\slash \\| escaped', 'back\\slash \\| escaped'],
    ['line\nbreak\n\nand paragraph', 'line break and paragraph'],
    ['# not a heading', '# not a heading'],
    ['- not a list', '- not a list'],
    ['1. not a list', '1. not a list'],
  ];

  it.each(cases)('renders %j literally in a table cell, keeping the row intact', (input, shown) => {
    const r = renderCell(md(input));
    expect(r.cells).toBe(3);
    expect(r.text).toBe(shown);
    // Nothing the taxonomy wrote becomes markup: no tags but <code>.
    expect(r.html.replace(/<\/?code>/g, '')).not.toMatch(/<[a-z/]/i);
  });

  it('keeps balanced code spans as code and escapes unbalanced backticks', () => {
    expect(segments('use `source` or ``a`b`` here')).toEqual([
      { code: false, text: 'use ' }, { code: true, text: 'source' }, { code: false, text: ' or ' }, { code: true, text: 'a`b' }, { code: false, text: ' here' },
    ]);
    expect(segments('one ` two')).toEqual([{ code: false, text: 'one ` two' }]);
    expect(renderCell(md('use `source` here')).html).toBe('use <code>source</code> here');
  });

  it('shows identifiers and enum values as code, whatever they hold', () => {
    for (const v of ['web|app', '<script>', 'a`b', '`edge`', 'x | `y` | z']) {
      const r = renderCell(mdCode(v));
      expect(r.cells).toBe(3);
      expect(r.html.startsWith('<code>')).toBe(true);
      expect(r.text).toBe(v);
    }
  });

  it('in prose, a pipe inside a code span shows without a backslash', () => {
    expect(renderer.render(`- ${md('use `a | b` or c | d', false)}\n`)).toBe('<ul>\n<li>use <code>a | b</code> or c | d</li>\n</ul>\n');
    expect(renderer.render(`${md('<b>x</b> `<b>`', false)}\n`)).toBe('<p>&lt;b&gt;x&lt;/b&gt; <code>&lt;b&gt;</code></p>\n');
  });

  it('collapses whitespace, so a multi-line description stays one table row', () => {
    expect(rich('a\n  b\tc')).toEqual([{ code: false, text: 'a b c' }]);
    expect(md(undefined)).toBe('');
    expect(md('')).toBe('');
  });
});
