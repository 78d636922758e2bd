import { EVENT_NAME } from '../draft.js';
import type { Block } from './blocks.js';
import type { MdContext } from './context.js';
import { applyLabel, labelNames } from './lists.js';
import { plain } from './words.js';

type Text = Extract<Block, { kind: 'text' }>;

/** "name- description" / "name — description": one event per line (docs pages saved as text). */
const DEFINITION = /^`?(\$?[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)`?\s*[-–—]\s*(\S.*)$/;
/** `snake_name— text` with the dash glued to the name: a definition list saved as text. */
const GLUED_DEFINITION = /^`?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?[—–]\s*(\S.*)$/;
const SNAKE_DEFINITION = /^`?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?\s*[—–]\s*(\S.*)$/;
/** A label line whose names follow on the next line. */
const LABEL_LINE = /^(?:\*\*)?((?:suggested\s+)?(?:[\w-]+\s+)?(?:optional|required)\s+(?:payloads?|fields|properties)|(?:suggested\s+)?payloads?|required|optional)(?:\*\*)?\s*:(?:\*\*)?$/i;
/** Word endings an event name usually has (past participles and outcomes), to split names run together. */
const ENDINGS = /(ed|sent|success|failure|done|shown)$/;

/**
 * Splits `auth.sign_in.successauth.sign_in.failureworkspace.created` (names whose
 * separators were lost) at a segment that holds the end of one name and the start of
 * the next, when its head ends like an event name's last word. Undefined when no
 * split gives names of two or more segments each.
 */
export function splitRunTogether(run: string): string[] | undefined {
  const segs = run.split('.');
  if (segs.length < 3) return undefined;
  const names: string[] = [];
  let cur: string[] = [segs[0]!];
  for (let k = 1; k < segs.length; k++) {
    const s = segs[k]!;
    let cut = -1;
    if (k < segs.length - 1) {
      for (let p = s.length - 1; p >= 2; p--) if (ENDINGS.test(s.slice(0, p)) && /^[a-z]/.test(s.slice(p))) { cut = p; break; }
    }
    if (cut < 0) { cur.push(s); continue; }
    cur.push(s.slice(0, cut));
    names.push(cur.join('.'));
    cur = [s.slice(cut)];
  }
  names.push(cur.join('.'));
  return names.length > 1 && names.every((n) => n.split('.').length >= 2 && EVENT_NAME.test(n)) ? names : undefined;
}

/** Property names run together: split with the names the doc spells out elsewhere, longest first. */
function splitWithDictionary(run: string, known: readonly string[]): { names: string[]; rest: string[]; bySuffix: number } {
  const names: string[] = [];
  const unsplit: string[] = [];
  let rest = run;
  let bySuffix = 0;
  const dict = [...known].sort((a, b) => b.length - a.length);
  while (rest) {
    const hit = dict.find((n) => rest.startsWith(n) && (rest.length === n.length || /^[a-z]/.test(rest.slice(n.length))));
    if (hit) { names.push(hit); rest = rest.slice(hit.length); continue; }
    // Else: up to the first word that usually ends a property name (_type, _id, _ms...).
    const suffix = SUFFIX.exec(rest)?.[0];
    if (!suffix) break;
    rest = rest.slice(suffix.length);
    // A first word this long is two words run together ("severitytheme_id"): not guessed.
    if (suffix.split('_')[0]!.length > 10) { unsplit.push(suffix); continue; }
    names.push(suffix);
    bySuffix++;
  }
  if (rest) unsplit.push(rest);
  return { names, rest: unsplit, bySuffix };
}

/** The shortest snake name ending in a word that usually ends a property name. */
const SUFFIX = /^[a-z][a-z0-9]*?(?:_[a-z0-9]+?)*?_(?:type|id|ids|ms|band|result|reason|mode|path|target|count|name|code|url|at|key|status|source|kind|level|score|surface)(?=[a-z]|$)/;

function knownProperties(ctx: MdContext): string[] {
  const out = new Set<string>([...ctx.docProps.keys(), ...ctx.domain.globalProperties.keys()]);
  for (const e of ctx.events.values()) for (const k of e.properties.keys()) out.add(k);
  // Names the doc spells out with separators: key=value, and lines that are comma-separated lists.
  for (const m of ctx.allText.matchAll(/\b([a-z][a-z0-9_]*)=/g)) out.add(m[1]!);
  for (const line of ctx.allText.split('\n')) {
    if (!line.includes(',') || !/^[\w(),\s]+$/.test(line.trim())) continue;
    for (const part of line.split(/,(?![^(]*\))/)) {
      const m = /^\s*([a-z][a-z0-9_]*)\s*(\(.*\))?\s*$/.exec(part);
      if (m) out.add(m[1]!);
    }
  }
  return [...out];
}

/** A line of names after a label: comma-separated, or run together. */
function labelLine(ctx: MdContext, kind: string, next: Text): void {
  const body = next.text.trim();
  if (/,(?![^(]*\))/.test(body) && !/[a-z][A-Z]/.test(body)) { applyLabel(ctx, kind, labelNames(body), next.line); return; }
  // Values in parentheses stay with their name: reply_mode(auto,assisted,human).
  const parts = body.split(/(\([^)]*\))/).filter(Boolean);
  const list: { name: string; values?: { enum: string[] } }[] = [];
  const rests: string[] = [];
  for (const part of parts) {
    if (part.startsWith('(')) {
      const last = list[list.length - 1];
      if (last && !rests.length) last.values = { enum: part.slice(1, -1).split(/\s*,\s*/).filter(Boolean) };
      continue;
    }
    const { names, rest, bySuffix } = splitWithDictionary(part, knownProperties(ctx));
    if (bySuffix) ctx.report.guessed.push({ where: ctx.where(next.line), message: `split names run together at words that end property names (_type, _id, _ms…): ${names.join(', ')}`, hint: 'check the split against the source' });
    if (names.length === 0 && /^[$A-Za-z_][\w$]*$/.test(part) && !rests.length && parts.length > 1) { list.push({ name: part }); continue; }
    list.push(...names.map((name) => ({ name })));
    rests.push(...rest);
  }
  if (list.length) applyLabel(ctx, kind, list, next.line);
  if (rests.length) ctx.todo(next.line, `'${kind}' names run together without separators: could not split '${rests.join("', '")}'`, 'write the names separated by commas and add them by hand');
}

/**
 * Reads a text line (and, for a label, the line after it). Returns how many blocks
 * it consumed beyond this one.
 */
export function handleText(ctx: MdContext, blocks: readonly Block[], k: number): number {
  const b = blocks[k] as Text;
  const t = b.text.trim();
  const label = LABEL_LINE.exec(t);
  const next = blocks[k + 1];
  if (label && next?.kind === 'text' && !/\s[a-z]+\s[a-z]+\s/.test(next.text)) {
    labelLine(ctx, label[1]!, next);
    return 1;
  }
  // Under an events heading, `snake_name— text` defines an event too (no dot needed).
  const def = DEFINITION.exec(t) ?? GLUED_DEFINITION.exec(t) ?? (/\bevents?\b/i.test(ctx.section?.title ?? '') ? SNAKE_DEFINITION.exec(t) : null);
  if (def && EVENT_NAME.test(def[1]!)) {
    const e = ctx.event(def[1]!, b.line, `definition line ${b.line}`);
    if (e && !e.description) e.description = plain(def[2]!);
    if (e) ctx.countGuess("events read from 'name- description' lines", def[1]!);
    return 0;
  }
  if (!/\s/.test(t) && /^[a-z$][a-z0-9_.$]+$/.test(t) && (t.match(/\./g)?.length ?? 0) >= 3 && t.length >= 30) {
    const names = splitRunTogether(t);
    if (!names) {
      ctx.todo(b.line, `'${t.slice(0, 80)}…' looks like event names run together, but they could not be split`, 'write the names one per line and add them by hand');
      return 0;
    }
    const fresh = names.filter((n) => !ctx.events.has(n));
    if (!fresh.length) {
      ctx.todo(b.line, `a list of ${names.length} events already defined (${names.join(', ')}) under '${ctx.section?.title ?? ''}': not mapped (a priority or grouping?)`, 'set priority: or tags: on those events by hand');
      return 0;
    }
    for (const n of names) ctx.event(n, b.line, `split from names run together at line ${b.line}`);
    ctx.report.guessed.push({ where: ctx.where(b.line), message: `split names run together into ${names.length} events: ${names.join(', ')}`, hint: 'check the split against the source' });
  }
  return 0;
}
