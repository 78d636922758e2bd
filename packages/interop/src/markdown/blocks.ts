/**
 * Markdown (and Markdown that went through a web page and back to text) as a flat
 * list of blocks with their source lines: headings, pipe tables, nested bullet
 * lists, code blocks and single text lines. Text stays line by line on purpose:
 * scraped docs have no blank lines, and the shapes the importer reads are lines.
 */

export interface ListItem {
  readonly text: string;
  readonly line: number;
  readonly children: ListItem[];
}

export type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string; readonly line: number }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly { readonly cells: readonly string[]; readonly line: number }[]; readonly line: number }
  | { readonly kind: 'list'; readonly items: readonly ListItem[]; readonly line: number }
  | { readonly kind: 'code'; readonly line: number; readonly lines: number }
  | { readonly kind: 'text'; readonly text: string; readonly line: number; readonly quote: boolean; /** The line before is text of the same paragraph. */ readonly continues: boolean };

export interface Normalized {
  readonly lines: readonly { readonly text: string; readonly line: number }[];
  /** What was repaired, for the report. */
  readonly notes: readonly string[];
}

const SECTION_TITLED = /^Section titled [“"](.+?)[”"](.*)$/;

/**
 * Undoes two ways docs get mangled on their way to us: a code-host "mirror" view
 * that puts a lone `|` between every line, and a docs site whose headings come
 * back as `Title` + `Section titled “Title”` (with the next line glued on).
 */
export function normalize(text: string): Normalized {
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((t, i) => ({ text: t.replace(/\s+$/, ''), line: i + 1 }));
  const notes: string[] = [];
  const nonEmpty = raw.filter((l) => l.text.trim() !== '');
  const pipes = nonEmpty.filter((l) => l.text.trim() === '|').length;
  let lines = raw;
  if (pipes > 20 && pipes > nonEmpty.length * 0.2) {
    // Two lone pipes sit between lines of a paragraph, four between paragraphs.
    lines = [];
    for (let k = 0; k < raw.length; k++) {
      if (raw[k]!.text.trim() !== '|') { lines.push(raw[k]!); continue; }
      let j = k;
      while (j < raw.length && raw[j]!.text.trim() === '|') j++;
      if (j - k >= 3) lines.push({ text: '', line: raw[k]!.line });
      k = j - 1;
    }
    notes.push(`removed ${pipes} lines holding a lone '|' (a code-host page rendering between every line)`);
  }
  const out: { text: string; line: number }[] = [];
  let titled = 0;
  for (const l of lines) {
    const m = SECTION_TITLED.exec(l.text.trim());
    const prev = out[out.length - 1];
    if (m && prev && prev.text.trim() === m[1]) {
      prev.text = `## ${m[1]}`;
      titled++;
      if (m[2]!.trim()) out.push({ text: m[2]!.trim(), line: l.line });
      continue;
    }
    out.push({ ...l });
  }
  if (titled) notes.push(`read ${titled} 'Section titled “…”' lines as headings (a docs page saved as text)`);
  // A bullet glued to the end of the line before it ("…,timestamp - Optional:").
  let glued = 0;
  for (let k = 0; k < out.length; k++) {
    const m = /^(.*\S)\s+-\s+([A-Z][\w -]{0,40}:)$/.exec(out[k]!.text);
    if (m) {
      out.splice(k, 1, { text: m[1]!, line: out[k]!.line }, { text: `- ${m[2]}`, line: out[k]!.line });
      glued++;
    }
  }
  if (glued) notes.push(`split ${glued} bullets glued to the end of the line before them`);
  // Definitions run together on one line: "a_b— text.c_d— text." (a list saved as text).
  let runs = 0;
  for (let k = 0; k < out.length; k++) {
    const parts = out[k]!.text.split(/(?<=\.)(?=[a-z][a-z0-9_]*(?:\/[a-z][a-z0-9_]*)*[—–]\s)/);
    if (parts.length < 2) continue;
    out.splice(k, 1, ...parts.map((text) => ({ text, line: out[k]!.line })));
    k += parts.length - 1;
    runs++;
  }
  if (runs) notes.push(`split ${runs} lines of definitions run together ("name— text.name— text.")`);
  return { lines: out, notes };
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;
const DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;
/** A short line ending in ':' that introduces what follows ("Suggested optional payloads:"). */
const LABEL_START = /^[A-Z][\w -]{0,60}\b(optional|required|payloads?|fields)\b[\w -]*:$/i;

/** Splits a table row on unescaped pipes; `\|` inside a cell is a literal pipe. */
export function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') { cur += '|'; i++; continue; }
    if (s[i] === '|') { cells.push(cur.trim()); cur = ''; continue; }
    cur += s[i];
  }
  cells.push(cur.trim());
  return cells;
}

export function parseBlocks(lines: Normalized['lines']): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  const at = (k: number) => lines[k]?.text ?? '';
  while (i < lines.length) {
    const { text, line } = lines[i]!;
    if (text.trim() === '') { i++; continue; }
    if (FENCE.test(text)) {
      const fence = FENCE.exec(text)![1]!;
      let j = i + 1;
      while (j < lines.length && !at(j).trim().startsWith(fence)) j++;
      blocks.push({ kind: 'code', line, lines: j - i + 1 });
      i = j + 1;
      continue;
    }
    const h = HEADING.exec(text);
    if (h) { blocks.push({ kind: 'heading', level: h[1]!.length, text: h[2]!, line }); i++; continue; }
    if (text.includes('|') && DELIMITER.test(at(i + 1))) {
      const header = splitRow(text);
      const rows: { cells: string[]; line: number }[] = [];
      let j = i + 2;
      while (j < lines.length && at(j).includes('|') && at(j).trim() !== '' && !HEADING.test(at(j))) {
        rows.push({ cells: splitRow(at(j)), line: lines[j]!.line });
        j++;
      }
      blocks.push({ kind: 'table', header, rows, line });
      i = j;
      continue;
    }
    if (ITEM.test(text)) {
      const { items, next } = parseList(lines, i);
      blocks.push({ kind: 'list', items, line });
      i = next;
      continue;
    }
    const quote = /^\s*>/.test(text);
    const prev = blocks[blocks.length - 1];
    const continues = !!prev && prev.kind === 'text' && prev.quote === quote && prev.line < line && (lines[i - 1]?.text.trim() ?? '') !== '';
    blocks.push({ kind: 'text', text: text.replace(/^\s*>\s?/, '').trim(), line, quote, continues });
    i++;
  }
  return blocks;
}

/** A list and its nested lists, by indentation; indented lines continue the item above. */
function parseList(lines: Normalized['lines'], start: number): { items: ListItem[]; next: number } {
  const root: ListItem[] = [];
  const stack: { indent: number; closed?: boolean; item: { text: string; line: number; children: ListItem[] } }[] = [];
  let i = start;
  while (i < lines.length) {
    const { text, line } = lines[i]!;
    if (text.trim() === '') {
      // A blank line ends the list unless the next line is still part of it.
      const nxt = lines[i + 1]?.text ?? '';
      if (ITEM.test(nxt) || (/^\s+\S/.test(nxt) && stack.length)) { i++; continue; }
      break;
    }
    const m = ITEM.exec(text);
    if (m) {
      const indent = m[1]!.length;
      while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const item = { text: m[2]!.trim(), line, children: [] as ListItem[] };
      (stack.length ? stack[stack.length - 1]!.item.children : root).push(item);
      stack.push({ indent, item });
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    // Continuation: any non-blank line that starts no other block (CommonMark's lazy
    // continuation, which scraped pages with lost indentation rely on). A label line
    // ("Optional fields:") starts something new, and a label item takes one line only.
    const startsBlock = HEADING.test(text) || FENCE.test(text) || (text.includes('|') && DELIMITER.test(lines[i + 1]?.text ?? '')) || LABEL_START.test(text.trim());
    if (top && !top.closed && !startsBlock) {
      const wasLabel = /^(?:\*\*)?(required|optional)\b[^:]*:(?:\*\*)?$/i.test(top.item.text);
      top.item.text = `${top.item.text} ${text.trim()}`;
      if (wasLabel) top.closed = true;
      i++;
      continue;
    }
    break;
  }
  return { items: root, next: i };
}
