// The escaping functions gained fast paths (no backtick, no special character, a plain href,
// ASCII word characters). These reference copies of the straightforward versions pin the
// output: any text must be escaped exactly as before.
import { describe, expect, it } from 'vitest';
import { code, link, md, mdRich, segments, type Md, type Segment } from '../src/markdown-escape.js';

function refSegments(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  const findRun = (from: number, n: number) => {
    let j = from;
    while (j < text.length) {
      if (text[j] !== '`') { j++; continue; }
      let m = 0;
      while (text[j + m] === '`') m++;
      if (m === n) return j;
      j += m;
    }
    return -1;
  };
  while (i < text.length) {
    if (text[i] !== '`') { plain += text[i]; i++; continue; }
    let n = 0;
    while (text[i + n] === '`') n++;
    const close = findRun(i + n, n);
    if (close < 0) { plain += text.slice(i, i + n); i += n; continue; }
    if (plain) out.push({ code: false, text: plain });
    plain = '';
    let inner = text.slice(i + n, close).replace(/\s+/g, ' ');
    if (inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim()) inner = inner.slice(1, -1);
    out.push({ code: true, text: inner });
    i = close + n;
  }
  if (plain) out.push({ code: false, text: plain });
  return out;
}
const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const refPlain = (s: string) => s.replace(/[&<>_\\|*[\]~`]/g, (c, i: number) => (c in ENTITY ? ENTITY[c]! : c === '_' ? (isWord(s[i - 1]) && isWord(s[i + 1]) ? '_' : '\\_') : '\\' + c));
function refCodeSpan(text: string, cell: boolean): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim()) ? ' ' : '';
  return `${fence}${pad}${cell ? text.replace(/\|/g, '\\|') : text}${pad}${fence}`;
}
const refMdRich = (parts: readonly Segment[], cell = true) =>
  parts.map((s) => (s.code ? refCodeSpan(s.text, cell) : refPlain(s.text))).join('').replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
const refLink = (label: string, href: string) => `[${label}](${encodeURI(href).replace(/[()]/g, (c) => encodeURIComponent(c))})`;

const TEXTS = [
  '', 'plain text', 'snake_case_name', '_lead', 'trail_', 'é_ü', '𝄞_x', 'a_1', '1_a', '__init__', 'a | b', '<b>&amp;</b>', '*x* ~y~ [z]', 'back\\slash',
  'code `a | b` span', 'double ``x ` y`` span', 'stray ` tick', '```', '` `', '`  x  `', '# h', '- l', '+ p', '= s', '12. n', '3) m', '12 apples', 'tab\there',
  'mixed `one` and `two_three` and _em_', 'ünïcödé_wörd', 'x_', '_', 'a__b',
];
const HREFS = ['../events/a.md', 'a(1).md', 'f(x)', 'privacy.md#internal', 'metrics.md#a_b', 'x (1).md', 'sp ace.md', 'pct%20.md', 'ünï.md', "q?a=1&b='2'", '#frag', '../a/b/c.md#d-e'];

describe('escaping fast paths', () => {
  it('segments() splits like the character-by-character version', () => {
    for (const t of TEXTS) expect(segments(t), JSON.stringify(t)).toEqual(refSegments(t));
  });

  it('mdRich() and md() escape like the straightforward version, in cells and prose', () => {
    for (const t of TEXTS) {
      for (const cell of [true, false]) {
        expect(mdRich(refSegments(t), cell), JSON.stringify(t)).toBe(refMdRich(refSegments(t), cell));
        expect(mdRich([{ code: false, text: t }], cell), JSON.stringify(t)).toBe(refMdRich([{ code: false, text: t }], cell));
        expect(mdRich([{ code: true, text: t }], cell), JSON.stringify(t)).toBe(refMdRich([{ code: true, text: t }], cell));
      }
      expect(md(t)).toBe(refMdRich(refSegments(t.replace(/\s+/g, ' ').trim())));
      expect(code(t)).toBe(refCodeSpan(t.replace(/\s+/g, ' '), true));
    }
  });

  it('link() encodes an href like encodeURI plus parentheses', () => {
    for (const h of HREFS) expect(link('`x`' as Md, h), h).toBe(refLink('`x`', h));
  });
});
