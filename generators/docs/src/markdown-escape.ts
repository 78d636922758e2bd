/**
 * Markdown escaping of taxonomy text. The Markdown templates print with
 * `noEscape` (Handlebars' HTML escaping would mangle Markdown), so every string a
 * template prints is an `Md`: either escaped here or built here from escaped parts.
 * The brand makes the compiler refuse raw taxonomy text in a Markdown view model.
 */
export type Md = string & { readonly __markdown: unique symbol };

/** A text split into plain runs and balanced code spans (`like this`). */
export interface Segment {
  readonly code: boolean;
  readonly text: string;
}

/**
 * Splits text the way CommonMark finds code spans: a run of n backticks opens a span
 * that the next run of exactly n backticks closes. An unmatched run is plain text.
 * Descriptions use backticks for identifiers, so they are kept as code, not escaped.
 */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      // Up to the next backtick in one slice: most text has none.
      const next = text.indexOf('`', i);
      const end = next < 0 ? text.length : next;
      plain += text.slice(i, end);
      i = end;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    const close = findRun(text, i + n, n);
    if (close < 0) { plain += text.slice(i, i + n); i += n; continue; }
    if (plain) out.push({ code: false, text: plain });
    plain = '';
    let inner = text.slice(i + n, close).replace(/\s+/g, ' ');
    // CommonMark strips one space on both sides when both are there.
    if (inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim()) inner = inner.slice(1, -1);
    out.push({ code: true, text: inner });
    i = close + n;
  }
  if (plain) out.push({ code: false, text: plain });
  return out;
}

/** Index of the next run of exactly n backticks at or after `from`, or -1. */
function findRun(text: string, from: number, n: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') { i++; continue; }
    let m = 0;
    while (text[i + m] === '`') m++;
    if (m === n) return i;
    i += m;
  }
  return -1;
}

const isWord = (c: string | undefined) => {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  // ASCII answered without the Unicode regex: most taxonomy text is ASCII.
  if (x < 128) return (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
  return /[\p{L}\p{N}]/u.test(c);
};

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

const PLAIN_SPECIAL = /[&<>_\\|*[\]~`]/;

/** Escapes plain text so it renders literally: no HTML, links, emphasis or table breaks. */
function escapePlain(s: string): string {
  // Tested first: most text has none of these, and a replace with a callback is far dearer.
  if (!PLAIN_SPECIAL.test(s)) return s;
  return s.replace(/[&<>_\\|*[\]~`]/g, (c, i: number) => {
    if (c in ENTITY) return ENTITY[c]!;
    // snake_case stays readable: an underscore inside a word cannot start emphasis.
    if (c === '_') return isWord(s[i - 1]) && isWord(s[i + 1]) ? '_' : '\\_';
    return '\\' + c;
  });
}

/** A code span that shows `text` literally, whatever backticks it holds. */
function codeSpan(text: string, cell: boolean): string {
  const runs = text.includes('`') ? text.match(/`+/g) ?? [] : [];
  const fence = runs.length ? '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1) : '`';
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim()) ? ' ' : '';
  // GFM splits table rows on | before it parses code spans, so even code needs \|.
  const body = cell && text.includes('|') ? text.replace(/\|/g, '\\|') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Taxonomy text as rich segments, whitespace collapsed to one line. */
export function rich(text: string | undefined): Segment[] {
  return text ? segments(text.replace(/\s+/g, ' ').trim()) : [];
}

const LINE_BREAK = /[\r\n]/;
const LINE_BREAKS = /[\r\n]+/g;

/** What the escapes at the start of a line look at: tested first, as most text starts otherwise. */
const LINE_START = /^[#+=\-0-9]/;

/**
 * Rich segments as one line of Markdown: HTML shown as text, pipes and stray
 * backticks escaped, code spans kept. In a table cell (the default) a pipe inside a
 * code span needs `\|`; in prose that backslash would show, so prose says `cell: false`.
 */
export function mdRich(parts: readonly Segment[], cell = true): Md {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const s = parts[i]!;
    // A line break ends a table row (and a paragraph line): what follows it would be parsed
    // afresh, as HTML too. Code spans show a line break as a space anyway.
    const t = LINE_BREAK.test(s.text) ? s.text.replace(LINE_BREAKS, ' ') : s.text;
    out += s.code ? codeSpan(t, cell) : escapePlain(t);
  }
  // A paragraph must not turn into a heading, list, quote or setext underline.
  if (LINE_START.test(out)) out = out.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return out as Md;
}

/** Taxonomy text as one line of Markdown (for a table cell unless `cell` is false). */
export function md(text: string | undefined, cell = true): Md {
  return mdRich(rich(text), cell);
}

/** An identifier or value shown as code (event and property names, enum values). */
export function code(text: string | number | boolean): Md {
  return codeSpan(String(text).replace(/\s+/g, ' '), true) as Md;
}

/** A link whose target is a path this package made (never taxonomy text). */
export function link(label: Md, href: string): Md {
  return `[${label}](${PLAIN_HREF.test(href) ? href : encodeURI(href).replace(/[()]/g, (c) => encodeURIComponent(c))})` as Md;
}

/** Hrefs that encodeURI leaves as they are and that hold no parenthesis (the pages' own paths). */
const PLAIN_HREF = /^[A-Za-z0-9\-_.!~*';/?:@&=+$,#]*$/;

/** Joins escaped parts. */
export function join(parts: readonly Md[], sep = ', '): Md {
  return parts.join(sep) as Md;
}

/** Text this package wrote itself (labels, punctuation): trusted Markdown. */
export function literal(text: string): Md {
  return text as Md;
}

/**
 * A fenced code block showing `text` literally: the fence is longer than any run of backticks
 * in it, and line breaks a Markdown reader or an editor could take for a line end besides \n
 * (CR, U+2028, U+2029, U+0085) never appear raw (the generators escape them in literals).
 */
export function fenced(text: string, info: string): Md {
  const runs = text.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  const body = text.replace(/\r\n?|[\u2028\u2029\u0085]/g, (c) => (c.startsWith('\r') ? '\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return `${fence}${info.replace(/[`\s]/g, '')}\n${body}\n${fence}` as Md;
}
