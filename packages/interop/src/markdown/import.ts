import { EVENT_NAMING } from '@taxonomy/core';
import { countProperties, newDomain, safeIdentifier, type DraftMap } from '../draft.js';
import { finishImport, type ImportOptions, type ImportResult } from '../finish.js';
import { newReport } from '../report.js';
import { normalize, parseBlocks, type Block } from './blocks.js';
import { MdContext, type Section } from './context.js';
import { handleText } from './lines.js';
import { handleList } from './lists.js';
import { handleTable } from './tables.js';
import { plain } from './words.js';

/** Event names a heading holds: `a` / `b`, THUMBS_UP / THUMBS_DOWN, `signup`. */
export function headingEvents(text: string): string[] {
  const parts = text.split(/\s*(?:\/|,|&|\band\b)\s*/).map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return [];
  const names: string[] = [];
  for (const p of parts) {
    const tick = /^`([^`]+)`$/.exec(p);
    const bare = tick ? tick[1]! : p;
    if (!/^\$?[A-Za-z][\w]*(\.[A-Za-z]\w*)*$/.test(bare)) return [];
    // Without backticks only unmistakable names: with _ or dots, or UPPER words (not "Overview").
    if (!tick && !/[_.]/.test(bare) && !/^[A-Z][A-Z0-9]{2,}$/.test(bare)) return [];
    names.push(bare);
  }
  return names;
}

function onHeading(ctx: MdContext, b: Extract<Block, { kind: 'heading' }>, blocks: readonly Block[], k: number): void {
  while (ctx.stack.length && ctx.stack[ctx.stack.length - 1]!.level >= b.level) ctx.stack.pop();
  const names = headingEvents(b.text);
  const parent = ctx.stack[ctx.stack.length - 1];
  const obj = /\(`([a-z_][a-z0-9_]*)`\)/.exec(b.text)?.[1];
  const section: Section = {
    level: b.level, title: b.text.replace(/`/g, ''), line: b.line, defined: [],
    events: names.length ? names : [...(parent?.events ?? [])],
    ...(!names.length && obj ? { objectProp: obj } : {}),
  };
  ctx.stack.push(section);
  for (const n of names) {
    const e = ctx.event(n, b.line, `heading at line ${b.line}`);
    if (!e || e.description) continue;
    // The first paragraph under the heading (not a note in a quote) describes the event.
    let j = k + 1;
    while (blocks[j]?.kind === 'text' && (blocks[j] as { quote: boolean }).quote) j++;
    const para: string[] = [];
    for (; blocks[j]?.kind === 'text' && !(blocks[j] as { quote: boolean }).quote; j++) {
      if (para.length && !(blocks[j] as { continues: boolean }).continues) break;
      para.push((blocks[j] as { text: string }).text);
    }
    if (para.length) e.description = plain(para.join(' '));
  }
}

/** Event properties whose type was only guessed take the shape the doc's glossary gives for that name. */
function fillFromGlossary(ctx: MdContext, map: DraftMap | undefined): void {
  for (const [name, p] of map ?? []) {
    const g = ctx.docProps.get(name);
    if (g && g !== p) {
      if (!ctx.typed.has(p) && ctx.typed.has(g)) {
        // The glossary's structure; values only when the event's own words gave none.
        const c = ctx.clone(g);
        for (const k of ['type', 'format', 'items', 'properties', 'values'] as const) if (c[k] !== undefined) (p as Record<string, unknown>)[k] = c[k];
        if (p.enum === undefined && p.const === undefined && c.enum) p.enum = c.enum;
        ctx.typed.add(p);
      }
      if (p.description === undefined && g.description !== undefined && p.type === g.type) p.description = g.description;
    }
    fillFromGlossary(ctx, p.properties);
  }
}

/** "the more specific MODAL_SUBMITTED event": a name used as an event but never defined. */
function mentionedEvents(ctx: MdContext, blocks: readonly Block[]): void {
  const names = [...ctx.events.keys()];
  const convention = (['UPPER_SNAKE', 'dot.snake', 'snake'] as const).find((c) => names.length && names.filter((n) => EVENT_NAMING[c].test(n)).length > names.length / 2);
  if (!convention) return;
  const seen = new Set<string>();
  const scan = (text: string, line: number) => {
    for (const m of text.matchAll(/`?\b([A-Za-z][\w.]*_[\w.]*)\b`?\s+events?\b(?!\s+(?:propert|name|field|type|key|shape))/g)) {
      const n = m[1]!;
      if (ctx.events.has(n) || seen.has(n) || !EVENT_NAMING[convention].test(n)) continue;
      seen.add(n);
      ctx.todo(line, `'${n}' is mentioned as an event but not defined in the doc`, 'add it if it is still sent (or as deprecated, with its replacement)');
    }
  };
  const walk = (items: readonly { text: string; line: number; children: readonly { text: string; line: number; children: unknown[] }[] }[]) => {
    for (const it of items) { scan(it.text, it.line); walk(it.children as never); }
  };
  for (const b of blocks) {
    if (b.kind === 'text') scan(b.text, b.line);
    else if (b.kind === 'list') walk(b.items as never);
  }
}

/**
 * Imports a Markdown doc that lists events: event tables (with required/optional
 * property columns, a When column, or a payload column), per-event headings with
 * property tables or bullet lists, category tables, glossary bullets, and pages
 * saved as text. What it cannot map is a TODO in the YAML and a report line.
 */
export function importMarkdown(text: string, opts: ImportOptions = {}): ImportResult {
  const file = opts.sourceName ?? 'doc.md';
  const { lines, notes } = normalize(text);
  const blocks = parseBlocks(lines);
  const title = blocks.find((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === 1)?.text
    ?? lines.find((l) => l.text.trim())?.text.trim();
  const base = file.replace(/^.*[\\/]/, '').replace(/\.(md|markdown|txt)$/i, '');
  const domain = newDomain(safeIdentifier(opts.domain ?? (title && title.length <= 60 ? title : base)));
  const report = newReport('markdown', file, domain.domain);
  if (!opts.domain) report.guessed.push({ where: file, message: `domain id '${domain.domain}' taken from the ${title && title.length <= 60 ? 'title' : 'file name'}`, hint: 'pass --domain <id> to choose it' });
  domain.source = `${file}${title ? ` (${title.replace(/^#+\s*/, '')})` : ''}`;
  domain.header.push(`Imported from ${file} by \`taxonomy import markdown\`. Review the TODO(import) comments.`);
  for (const n of notes) report.guessed.push({ where: file, message: n });
  const ctx = new MdContext(file, report, domain);
  ctx.allText = lines.map((l) => l.text).join('\n');
  let person: 'set' | 'set_once' | undefined;
  let code = 0;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (b.kind === 'heading') {
      person = undefined;
      ctx.bulletEvent = undefined;
      ctx.valuesFor = undefined;
      if (b.level > 1 || ctx.stack.length) onHeading(ctx, b, blocks, k);
    }
    else if (b.kind === 'table') { handleTable(ctx, b, person); person = undefined; }
    else if (b.kind === 'list') { handleList(ctx, b.items, person); person = undefined; }
    else if (b.kind === 'code') code++;
    else {
      const pm = /person properties.*`\$set(_once)?`/i.exec(b.text);
      if (pm) {
        person = pm[1] ? 'set_once' : 'set';
        if (ctx.bulletEvent) ctx.bulletPerson = person;
      }
      const vf = /^`?([A-Za-z_]\w*)`?\s+values:?$/.exec(b.text.trim());
      if (vf) ctx.valuesFor = vf[1];
      k += handleText(ctx, blocks, k);
    }
  }
  if (code) report.skipped.push({ where: file, message: `${code} code blocks (examples, SQL, configuration)` });
  fillFromGlossary(ctx, domain.globalProperties);
  for (const e of domain.events) { fillFromGlossary(ctx, e.properties); fillFromGlossary(ctx, e.personSet); fillFromGlossary(ctx, e.personSetOnce); }
  // Glossary entries become the domain's shared properties: events with the same shape ref them.
  for (const [name, p] of ctx.docProps) {
    const { required: _r, ...shape } = p;
    domain.properties.set(name, shape);
    report.created.push({ where: file, message: `shared property '${name}' (defined outside any event in the doc)` });
  }
  mentionedEvents(ctx, blocks);
  for (const [kind, g] of ctx.guessCounts) report.guessed.push({ where: file, message: `${kind}: ${g.n}× (e.g. '${g.example}')` });
  for (const e of domain.events) {
    const item = report.created.find((c) => c.message.startsWith(`event '${e.name}' (`));
    if (item) (item as { message: string }).message += `: ${countProperties(e.properties)} properties`;
  }
  if (!domain.events.length) {
    const tables = blocks.filter((b) => b.kind === 'table').length;
    report.unmapped.push({ where: file, message: tables ? `no events found in ${tables} tables` : 'no tables, event headings or event lists found: nothing to import', hint: 'the importer reads tables with an Event column, headings that name events (### `signup`), bullets like `- \\`name\\` — fired when …`, and Property | Type | Description tables' });
  }
  return finishImport(domain, report, { ...opts, sourceName: file });
}
