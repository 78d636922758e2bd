import { safeIdentifier, type DraftEvent, type DraftMap } from '../draft.js';
import type { Block } from './blocks.js';
import type { MdContext } from './context.js';
import { appliesTo } from './lists.js';
import { plain, valuesIn, type Values } from './words.js';

type Table = Extract<Block, { kind: 'table' }>;

const norm = (h: string) => h.replace(/[`*_]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
const col = (header: readonly string[], re: RegExp) => header.findIndex((h) => re.test(norm(h)));
const NONE = /^\s*([-—–]|none|n\/a)?\s*$/i;

/** Splits on commas outside parentheses and braces. */
function topLevelSplit(text: string): string[] {
  const out: string[] = [];
  let depth = 0, cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    if (ch === ')' || ch === '}' || ch === ']') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** `name` (e.g. a | b) items of a properties cell: names with their values. */
export function propertyItems(cell: string): { name: string; values?: Values }[] {
  if (NONE.test(cell)) return [];
  const body = cell.trim().replace(/^\{\s*|\s*\}$/g, '');
  if (NONE.test(body)) return [];
  const out: { name: string; values?: Values }[] = [];
  for (const item of topLevelSplit(body)) {
    const m = /^`([^`]+)`\s*(.*)$/.exec(item) ?? /^([$A-Za-z_][\w$]*(?:\[\])?\??)\s*(.*)$/.exec(item);
    if (!m) continue;
    const rest = m[2]!.trim();
    const values = rest ? valuesIn(rest) : undefined;
    out.push({ name: m[1]!.trim(), ...(values && Object.keys(values).length ? { values } : {}) });
  }
  return out;
}

/** Event names of a cell: backticked names, else the cell itself. */
function eventNames(cell: string): string[] {
  const ticks = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
  if (ticks.length) return ticks;
  return cell.split(/\s*,\s*/).map((s) => s.replace(/\*\*/g, '').trim()).filter(Boolean);
}

/** A cell as plain words (Markdown code and bold marks dropped). */
const text = (cell: string | undefined) => (cell === undefined || NONE.test(cell) ? undefined : plain(cell));

function addProps(ctx: MdContext, e: DraftEvent, cell: string, required: boolean | undefined, line: number): void {
  for (const it of propertyItems(cell)) {
    const { name, prop } = ctx.property({ name: it.name, line, required: it.name.endsWith('?') ? false : required, values: it.values });
    ctx.add(e.properties, name, prop);
  }
}

/** "(source: `chat` | `template` | `blank`)" in a When column: the values of that property. */
function inlineEnums(ctx: MdContext, e: DraftEvent, when: string, line: number): void {
  for (const m of when.matchAll(/\b([A-Za-z_]\w*)\s*:\s*((?:`[^`]+`\s*(?:[|/,]|or)?\s*){2,})/g)) {
    const values = [...m[2]!.matchAll(/`([^`]+)`/g)].map((v) => v[1]!);
    const name = m[1]!;
    const prop = e.properties.get(name);
    if (prop) {
      if (prop.type === 'string' && !prop.enum) prop.enum = values;
    } else {
      const made = ctx.property({ name, line, required: false, values: { enum: values } });
      ctx.add(e.properties, made.name, made.prop);
      ctx.report.guessed.push({ where: ctx.where(line), message: `'${name}' of '${e.name}' appears only in the When column; added as optional with values ${values.join(', ')}` });
    }
  }
}

function eventTable(ctx: MdContext, t: Table, ev: number): void {
  const h = t.header;
  const when = col(h, /^(when|when to emit|trigger|fires when|emitted when)$/);
  const desc = col(h, /^(description|meaning|notes?|purpose)$/);
  const req = col(h, /required/);
  const opt = col(h, /optional/);
  const payload = col(h, /^(payload|properties|props|fields|data|parameters)$/);
  const cat = col(h, /^categor(y|ies)$/);
  for (const row of t.rows) {
    const names = eventNames(row.cells[ev] ?? '');
    const valid = names.filter((n) => /^\$?[A-Za-z][\w.]*$/.test(n));
    if (!valid.length) {
      ctx.todo(row.line, `row '${row.cells.join(' | ')}' of the events table names no event`, 'add the event by hand if the row is one');
      continue;
    }
    for (const name of valid) {
      const e = ctx.event(name, row.line, `events table at line ${t.line}`);
      if (!e) continue;
      const w = text(row.cells[when]);
      if (w) { e.trigger ??= w; e.description ??= w; }
      const d = text(row.cells[desc]);
      if (d) e.description = d;
      if (req >= 0) addProps(ctx, e, row.cells[req] ?? '', true, row.line);
      if (opt >= 0) addProps(ctx, e, row.cells[opt] ?? '', false, row.line);
      if (payload >= 0) addProps(ctx, e, row.cells[payload] ?? '', true, row.line);
      if (w) inlineEnums(ctx, e, row.cells[when]!, row.line);
      const c = text(row.cells[cat]);
      if (c) e.category = safeIdentifier(c.replace(/`/g, ''));
    }
  }
}

function categoryTable(ctx: MdContext, t: Table, cat: number, evs: number): void {
  for (const row of t.rows) {
    const raw = (row.cells[cat] ?? '').replace(/`/g, '');
    const id = safeIdentifier(raw.replace(/\(.*\)/, '').trim());
    if (id !== raw.trim()) ctx.report.guessed.push({ where: ctx.where(row.line), message: `category '${raw.trim()}' read as id '${id}'` });
    for (const name of eventNames(row.cells[evs] ?? '')) {
      const e = ctx.event(name, row.line, `category table at line ${t.line}`);
      if (!e) continue;
      if (e.category && e.category !== id) ctx.todo(row.line, `'${name}' is listed under categories '${e.category}' and '${id}'; '${e.category}' is kept`, 'pick one category');
      else e.category = id;
    }
  }
}

function propertyTable(ctx: MdContext, t: Table, nameCol: number, person: 'set' | 'set_once' | undefined): void {
  const h = t.header;
  const type = col(h, /^type$/);
  const desc = col(h, /^(description|notes?|meaning|comment|details)$/);
  const req = col(h, /^(required|req'?d?|mandatory)$/);
  const { maps, events } = ctx.targets();
  const targets: DraftMap[] = person
    ? events.map((e) => (person === 'set' ? (e.personSet ??= new Map()) : (e.personSetOnce ??= new Map())))
    : maps;
  if (person && !events.length) {
    ctx.todo(t.line, `person properties (${person === 'set' ? '$set' : '$set_once'}) outside an event's section`, 'add them under person_properties: of the event that writes them');
    return;
  }
  for (const row of t.rows) {
    const names = [...(row.cells[nameCol] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    if (!names.length && (row.cells[nameCol] ?? '').trim()) names.push(row.cells[nameCol]!.trim());
    const description = text(row.cells[desc]);
    const reqCell = row.cells[req]?.toLowerCase();
    const required = reqCell === undefined ? undefined : /^(yes|y|true|required|✓|x)$/.test(reqCell.trim());
    const values = row.cells[desc] ? valuesIn(row.cells[desc]!) : undefined;
    for (const n of names) {
      const { name, prop } = ctx.property({ name: n, line: row.line, typeText: row.cells[type], description, required, ...(values ? { values } : {}) });
      targets.forEach((m, k) => {
        const e = events[k];
        if (!e || appliesTo(prop, e.name, events.length)) ctx.add(m, name, targets.length > 1 ? ctx.clone(prop) : prop);
      });
    }
  }
}

/** Reads one table as events, categories or properties; anything else is listed as skipped. */
export function handleTable(ctx: MdContext, t: Table, person: 'set' | 'set_once' | undefined): void {
  const h = t.header;
  const cat = col(h, /^categor(y|ies)$/);
  const evs = col(h, /^events$/);
  if (cat >= 0 && evs >= 0) return categoryTable(ctx, t, cat, evs);
  const ev = col(h, /^(event|event name|event type|event key)$/);
  if (ev >= 0) return eventTable(ctx, t, ev);
  const name = col(h, /^(property|properties|field|fields|key|attribute|parameter|name|prop)$/);
  if (name >= 0 && (col(h, /^type$/) >= 0 || col(h, /^(description|notes?|meaning)$/) >= 0)) return propertyTable(ctx, t, name, person);
  const metric = h.some((x) => /metric|kpi|widget/i.test(x));
  ctx.report.skipped.push({
    where: ctx.where(t.line),
    message: `table (${h.map((x) => norm(x)).join(' | ')}, ${t.rows.length} rows) is not an events, categories or properties table`,
    hint: metric ? 'a metric mapping: define the metrics in taxonomy/metrics/' : 'nothing to import from it (configuration or prose)',
  });
}
