import type { DraftEvent, DraftMap, DraftProperty } from '../draft.js';
import type { ListItem } from './blocks.js';
import type { MdContext } from './context.js';
import { propertyItems } from './tables.js';
import { plain, type Values } from './words.js';

/** `name`: text, `a` / `b` / `c`: text, `name` — text. */
const PROP_ITEM = /^((?:`[^`]+`\s*(?:\/|,|and|or)?\s*)+?)\s*(?::|—|–|-(?=\s))\s*(.*)$/;
const PROP_ONLY = /^((?:`[^`]+`\s*(?:\/|,|and|or)?\s*)+)$/;
/** `name` — fired …: a bullet that defines an event. */
const EVENT_ITEM = /^`?(\$?[A-Za-z][\w$]*(?:\.[\w]+)*)`?\s*(?:—|–|-|:)\s*(.*)$/;
const EMITS = /\b(fired|fires|emitted|emits|logged|sent|tracked|captured|triggered)\b/i;
const PERSON = /person properties set with `\$set(_once)?`:?/i;
/** "Required: a, b" / "Optional: c" bullets (payload guidelines). */
export const LABEL = /^(?:\*\*)?(required|optional)\b[^:]*:(?:\*\*)?\s*(.*)$/i;

const names = (s: string) => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());

/**
 * "Failed events only" on a property shared by `x_started` / `x_completed` / `x_failed`:
 * only the events whose name has that word get it.
 */
export function appliesTo(p: DraftProperty, event: string, siblings: number): boolean {
  const only = siblings > 1 ? /\b(\w+) events only\b/i.exec(p.description ?? '') : null;
  return !only || !only[1] || event.toLowerCase().includes(only[1].toLowerCase()) || !SIBLING_WORDS.has(only[1].toLowerCase());
}
/** Words "<word> events only" uses that also appear in event names. */
const SIBLING_WORDS = new Set(['failed', 'completed', 'started', 'cancelled', 'succeeded', 'created', 'deleted', 'updated', 'opened', 'closed', 'sent', 'received']);

/** A property bullet: its names, description, values, and nested keys from its children. */
function propertyBullet(ctx: MdContext, item: ListItem): { name: string; prop: DraftProperty }[] {
  const m = PROP_ITEM.exec(item.text) ?? PROP_ONLY.exec(item.text);
  if (!m) return [];
  let description = (m[2] ?? '').replace(PERSON, '').trim() || undefined;
  let values: Values | undefined;
  const single = description ? /^`([^`]+)`\.?$/.exec(description) : null;
  if (single) { values = { const: single[1]!.replace(/^["']|["']$/g, '') }; description = undefined; ctx.countGuess("a const read from a bullet whose whole text is one backticked value", names(m[1]!)[0]!); }
  return names(m[1]!).map((n) => {
    const made = ctx.property({ name: n, line: item.line, description, ...(values ? { values } : {}) });
    if (item.children.length) {
      const keys = propertyList(ctx, item.children, undefined);
      if (keys.size) {
        if (made.prop.type !== 'object') {
          ctx.report.guessed.push({ where: ctx.where(item.line), message: `'${made.name}' has nested keys in the doc: read as an object (not ${made.prop.type})` });
          made.prop.type = 'object';
          delete made.prop.items;
          delete made.prop.enum;
        }
        ctx.typed.add(made.prop);
        made.prop.properties = keys;
      }
    }
    return made;
  });
}

/** Bullets of properties (recursively); after "Person properties set with `$set`:" they go to `person`. */
function propertyList(ctx: MdContext, items: readonly ListItem[], event: DraftEvent | undefined): DraftMap {
  const out: DraftMap = new Map();
  let person: 'set' | 'set_once' | undefined;
  for (const item of items) {
    const target = person && event ? (person === 'set' ? (event.personSet ??= new Map()) : (event.personSetOnce ??= new Map())) : out;
    for (const { name, prop } of propertyBullet(ctx, item)) ctx.add(target, name, prop);
    const pm = PERSON.exec(item.text);
    if (pm) person = pm[1] ? 'set_once' : 'set';
  }
  return out;
}

/** "Properties: `a` (`x` / `y`), `b` (`z`), and `c`." inside an event bullet. */
function inlineProperties(ctx: MdContext, e: DraftEvent, text: string, line: number): void {
  const m = /\bProperties:\s*(.*)$/.exec(text);
  if (!m) return;
  // Up to the end of the sentence (a period outside backticks and parentheses).
  let depth = 0, tick = false, end = m[1]!.length;
  for (let k = 0; k < m[1]!.length; k++) {
    const ch = m[1]![k];
    if (ch === '`') tick = !tick;
    else if (!tick && ch === '(') depth++;
    else if (!tick && ch === ')') depth--;
    else if (!tick && depth === 0 && ch === '.' && (m[1]![k + 1] === ' ' || k + 1 === m[1]!.length)) { end = k; break; }
  }
  const sentence = m[1]!.slice(0, end).replace(/,?\s+and\s+`/g, ', `');
  for (const it of propertyItems(sentence)) {
    const single = /^`([^`]+)`$/.exec(sentence.slice(sentence.indexOf(it.name)).match(/\(([^()]*)\)/)?.[1] ?? '');
    const values = it.values ?? (single ? { const: single[1]! } : undefined);
    const { name, prop } = ctx.property({ name: it.name, line, ...(values ? { values } : {}) });
    ctx.add(e.properties, name, prop);
  }
}

/** A label bullet's names ("org_id,workspace_id,user_id(internal)"), with values in parentheses. */
export function labelNames(text: string): { name: string; values?: Values }[] {
  return text.split(/\s*,\s*(?![^(]*\))/).map((s) => s.replace(/`/g, '').trim()).filter(Boolean).map((s) => {
    const m = /^([$A-Za-z_][\w$]*)\s*(?:\(([^)]*)\))?\.?$/.exec(s);
    if (!m) return { name: s };
    const inner = m[2]?.split(/\s*,\s*/).filter(Boolean) ?? [];
    // user_id(internal) is a note; reply_mode(auto,assisted,human) is a list of values.
    return inner.length >= 2 ? { name: m[1]!, values: { enum: inner } } : { name: m[1]! };
  });
}

/** Properties a label (Required: / Optional:) gives, onto the section's events or the domain's globals. */
export function applyLabel(ctx: MdContext, kind: string, list: { name: string; values?: Values }[], line: number): void {
  const s = ctx.section;
  const events = [...new Set([...(s?.events ?? []), ...(s?.defined ?? [])])].map((n) => ctx.events.get(n)).filter((e): e is DraftEvent => !!e);
  const required = /^required/i.test(kind) ? true : false;
  const targets = events.length ? events.map((e) => e.properties) : [ctx.domain.globalProperties];
  for (const it of list) {
    if (!/^[$A-Za-z_][\w$]*$/.test(it.name)) {
      ctx.todo(line, `'${it.name}' in a '${kind}' list is not a property name (names run together?)`, 'split the names by hand and add them');
      continue;
    }
    const made = ctx.property({ name: it.name, line, required, ...(it.values ? { values: it.values } : {}) });
    for (const t of targets) ctx.add(t, made.name, targets.length > 1 ? ctx.clone(made.prop) : made.prop);
  }
  ctx.report.guessed.push({
    where: ctx.where(line),
    message: `'${kind}' list of ${list.length} properties applied to ${events.length ? `the ${events.length} events of section '${s?.title}'` : 'every event of the domain (global_properties)'}`,
  });
}

/** Reads one bullet list: event definitions, label lists, or properties of whatever is in scope. */
export function handleList(ctx: MdContext, items: readonly ListItem[], person?: 'set' | 'set_once'): void {
  if (ctx.valuesFor) return valueList(ctx, ctx.valuesFor, items);
  const s = ctx.section;
  const inEvent = (s?.events.length ?? 0) > 0;
  if (inEvent) {
    const { events } = ctx.targets();
    for (const e of events) {
      const props = propertyList(ctx, items, e);
      const target = person === 'set' ? (e.personSet ??= new Map()) : person === 'set_once' ? (e.personSetOnce ??= new Map()) : e.properties;
      for (const [k, p] of props) if (appliesTo(p, e.name, events.length)) ctx.add(target, k, events.length > 1 ? ctx.clone(p) : p);
    }
    return;
  }
  for (const item of items) {
    const label = LABEL.exec(item.text);
    if (label && label[2]) { applyLabel(ctx, label[1]!, labelNames(label[2]), item.line); continue; }
    const ev = EVENT_ITEM.exec(item.text);
    // An event bullet says it is emitted ("— fired when …"); a glossary bullet does not.
    if (ev && /^`/.test(item.text) && EMITS.test(ev[2]!) && /^\$?[A-Za-z][\w$]*(\.\w+)*$/.test(ev[1]!)) {
      const e = ctx.event(ev[1]!, item.line, `bullet at line ${item.line}`);
      if (!e) continue;
      const desc = plain(ev[2]!.replace(/\s*Properties:.*$/, ''));
      if (desc && !e.description) e.description = desc;
      inlineProperties(ctx, e, item.text, item.line);
      const props = propertyList(ctx, item.children, e);
      for (const [k, p] of props) ctx.add(e.properties, k, p);
      ctx.bulletEvent = e;
      ctx.bulletPerson = undefined;
      continue;
    }
    const e = ctx.bulletEvent;
    // A glossary bullet names a property key; `analytics.csv` or `src/x.ts` is prose.
    if (!e && !ctx.section?.objectProp && names(item.text.split(/:|—/)[0] ?? '').some((n) => !/^[$A-Za-z_][\w$]*(\[\])?$/.test(n))) continue;
    const maps = e
      ? [ctx.bulletPerson === 'set' ? (e.personSet ??= new Map()) : ctx.bulletPerson === 'set_once' ? (e.personSetOnce ??= new Map()) : e.properties]
      : ctx.targets().maps;
    for (const { name, prop } of propertyBullet(ctx, item)) for (const m of maps) ctx.add(m, name, prop);
    const pm = PERSON.exec(item.text);
    if (pm && e) ctx.bulletPerson = pm[1] ? 'set_once' : 'set';
  }
}

/** "- `full` — Reached Step 5 …" after "`completion_path` values:": an enum, each value with its meaning. */
function valueList(ctx: MdContext, name: string, items: readonly ListItem[]): void {
  ctx.valuesFor = undefined;
  const values: string[] = [];
  const meanings: Record<string, string> = {};
  for (const it of items) {
    const m = /^`([^`]+)`\s*(?:—|–|-|:)?\s*(.*)$/.exec(it.text);
    if (!m) continue;
    values.push(m[1]!);
    if (m[2]) meanings[m[1]!] = m[2].trim();
  }
  const { events } = ctx.targets();
  const props = events.length ? events.map((e) => e.properties.get(name)) : [ctx.docProps.get(name)];
  const found = props.filter((p): p is DraftProperty => !!p && p.type === 'string');
  if (!found.length || !values.length) {
    ctx.todo(items[0]?.line ?? 0, `a list of values for '${name}', which is not a string property in scope`, `add enum: [${values.join(', ')}] to '${name}' by hand`);
    return;
  }
  for (const p of found) {
    p.enum = values;
    if (Object.keys(meanings).length) p.extensions = { ...(p.extensions ?? {}), 'x-value-descriptions': meanings };
  }
  ctx.report.guessed.push({ where: ctx.where(items[0]!.line), message: `the list after '${name} values:' read as the values of '${name}' (${values.length})` });
}
