import type { DraftProperty, PropertyType, Scalar } from '../draft.js';

/**
 * What the words of a doc say about a property: its type (from a Type column or,
 * failing that, from its name and description), its allowed or example values
 * (backticked runs, parenthesised lists), and whether it is optional.
 */

export interface TypeInfo {
  readonly type: PropertyType;
  readonly format?: string;
  readonly items?: DraftProperty;
}

const clean = (s: string) => s.replace(/`/g, '').trim().toLowerCase();

/** Markdown marks dropped: code ticks, emphasis, links (their text stays). */
export function plain(s: string): string {
  return s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '').replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
}

/** A Type column's text → a type; undefined when the words are not a type. */
export function mapTypeText(text: string): TypeInfo | undefined {
  const t = clean(text);
  if (!t) return undefined;
  const arr = /^(?:array|list)\s*(?:<(.+)>|of\s+(.+))$/.exec(t) ?? /^(.+)\[\]$/.exec(t);
  if (arr) {
    const inner = mapTypeText(arr[1] ?? arr[2] ?? '');
    return { type: 'array', items: inner ? { type: inner.type, ...(inner.format ? { format: inner.format } : {}) } : { type: 'string' } };
  }
  if (/^(array|list)$/.test(t)) return { type: 'array', items: { type: 'string' } };
  if (/rfc ?3339|iso ?8601|date-?time|timestamp/.test(t)) return { type: 'string', format: 'date-time' };
  if (/^(string|str|text|varchar)\b/.test(t)) {
    if (/uuid/.test(t)) return { type: 'string', format: 'uuid' };
    if (/\bemail\b/.test(t)) return { type: 'string', format: 'email' };
    if (/\b(url|uri)\b/.test(t)) return { type: 'string', format: 'uri' };
    if (/^(string|str|text|varchar)(\s*\(.*\))?$/.test(t) || /^string \w+$/.test(t)) return { type: 'string' };
    return { type: 'string' };
  }
  if (/^uuid$/.test(t)) return { type: 'string', format: 'uuid' };
  if (/^date$/.test(t)) return { type: 'string', format: 'date' };
  if (/^(int|int8|int16|int32|int64|integer|long|uint\d*|bigint|smallint)$/.test(t)) return { type: 'integer' };
  if (/^(number|float|float32|float64|double|decimal|numeric|real)$/.test(t)) return { type: 'number' };
  if (/^(bool|boolean)$/.test(t)) return { type: 'boolean' };
  if (/^(object|map|dict|json|record|struct)\b/.test(t)) return { type: 'object' };
  return undefined;
}

/** A type from a property's name and description; `why` says which clue decided it. */
export function guessType(name: string, description = ''): TypeInfo & { why: string } {
  const d = plain(description).toLowerCase();
  const lead = /^(string|boolean|bool|number|integer|int|int64|float|array|object)\b(?:\s*\([^)]*\)|\s*(?=$|[—–,;:.-]))/.exec(d);
  const leadType = lead ? mapTypeText(lead[0]) : undefined;
  if (leadType) return { ...leadType, why: `the description starts with '${lead![1]}'` };
  const n = name.replace(/\[\]$/, '');
  if (name.endsWith('[]')) return { type: 'array', items: { type: 'string' }, why: "the name ends in '[]'" };
  if (/^(whether|(true|false) (when|if|for)\b|boolean|bool\b)/.test(d) || /\bboolean flag\b|\bconvenience booleans?\b/.test(d)) return { type: 'boolean', why: 'the description reads as a yes/no' };
  if (/^(success|succeeded|approved|accepted|resumed|escalated|resolved|retried|enabled|disabled)$/i.test(n)) return { type: 'boolean', why: 'the name reads as a yes/no outcome' };
  if (/^(is|has|was|will|can|should|did)(_|[A-Z])/.test(n)) return { type: 'boolean', why: `the name starts with ${/^[a-z]+/.exec(n)![0]}` };
  if (/^(list of|array of|sorted array)/.test(d)) return { type: 'array', items: { type: 'string' }, why: 'the description says it is a list' };
  if (/^json string\b|^(object|map) (of|with)\b/.test(d)) return { type: 'object', why: 'the description says it is a JSON object' };
  if (/^(number of|count of|length of)/.test(d)) return { type: 'integer', why: `the description starts with '${/^\w+ of/.exec(d)![0]}'` };
  if (/(_ms|Ms|_count|Count|_index|Index|_bytes|Bytes|^bytes|_tokens|Tokens|_length|Length|_days|Days)$/.test(n)) return { type: 'integer', why: 'the name ends in a count or unit' };
  if (/(^|_)tokens(_|$)|Tokens/.test(n)) return { type: 'integer', why: 'the name counts tokens' };
  if (/(_seconds|Seconds|_secs)$/.test(n)) return { type: 'number', why: 'the name ends in seconds' };
  if (n === 'timestamp') return { type: 'string', format: 'date-time', why: "the name is 'timestamp'" };
  return { type: 'string', why: 'no clue: string by default' };
}

const OPTIONAL = [
  /^optional\b/i, /\(optional\)/i, /\bpresent (only )?(for|when|if)\b/i, /\bwhen (applicable|available|present|known)\b/i, /\bif (applicable|available|known|any)\b/i,
  /\bomitted\b/i, /\babsent\b/i, /\bmay be (empty|omitted|absent|missing)\b/i, /\bevents only\b/i, /\bmay omit\b/i,
];

/** Whether a description says the property is not always there. */
export function saysOptional(description: string): boolean {
  return OPTIONAL.some((r) => r.test(description));
}

export interface Values {
  readonly enum?: Scalar[];
  readonly const?: Scalar;
  readonly examples?: Scalar[];
}

const unquote = (v: string) => v.trim().replace(/^["']|["']$/g, '');
const SEP = /^\s*(?:\/|\||,|;|or|and|,\s*or|,\s*and)?\s*$/;

/** Runs of two or more backticked values next to each other (`a` / `b`, `a`, `b` or `c`). */
function backtickRuns(text: string): { values: string[]; start: number; end: number }[] {
  const spans = [...text.matchAll(/`([^`]+)`/g)].map((m) => ({ v: m[1]!, start: m.index!, end: m.index! + m[0].length }));
  const runs: { values: string[]; start: number; end: number }[] = [];
  let cur: typeof runs[number] | undefined;
  for (const s of spans) {
    // Between two values: a separator, maybe with a parenthesised note after the first value.
    const gap = cur ? text.slice(cur.end, s.start).replace(/\([^()`]*\)/g, ' ') : '';
    if (cur && SEP.test(gap)) { cur.values.push(s.v); cur.end = s.end; continue; }
    if (cur && cur.values.length > 1) runs.push(cur);
    cur = { values: [s.v], start: s.start, end: s.end };
  }
  if (cur && cur.values.length > 1) runs.push(cur);
  return runs;
}

/**
 * Values a description gives: a backticked run is an enum (examples after "e.g." or
 * "such as", or before "etc."), `Always \`x\`` is a const, and a parenthesised list
 * of plain identifiers is an enum (examples with "e.g."/"etc.").
 */
export function valuesIn(text: string): Values {
  for (const run of backtickRuns(text)) {
    const before = text.slice(Math.max(0, run.start - 30), run.start).toLowerCase();
    // A list of values opens the description, or follows "values:", "one of", "(" or a colon;
    // a run further in is more likely a list of other names ("also writes `a` / `b`").
    if (run.start > 2 && !/(values?:?|one of|either|such as|e\.g\.|:|\()\s*$/.test(before)) continue;
    const after = text.slice(run.end, run.end + 12).toLowerCase();
    const values = run.values.map(unquote);
    if (/(e\.g\.|such as|for example|like|example)\W*$/.test(before) || /^\W*etc/.test(after)) return { examples: values };
    return { enum: values };
  }
  const always = /(^|[^a-z])always\s+`([^`]+)`/i.exec(text);
  if (always && !/currently\s+always/i.test(text)) return { const: unquote(always[2]!) };
  for (const m of text.matchAll(/\(([^()]+)\)/g)) {
    const body = m[1]!;
    const eg = /\b(e\.g\.|e\.g\.,|such as|for example)\s*/i.test(body) || /\betc\.?\s*$/i.test(body);
    const parts = body.replace(/\b(e\.g\.,?|such as|for example|etc\.?)\s*/gi, '').split(/\s*(?:,|\/|\|)\s*|\s+or\s+/).map(unquote).filter(Boolean);
    if (parts.length >= 2 && parts.every((p) => /^[a-z0-9][a-z0-9_.+-]*$/.test(p))) return eg ? { examples: parts } : { enum: parts };
  }
  return {};
}

/** Values typed for the property: numbers for numeric types; nothing for booleans. */
export function typedValues(v: Values, type: PropertyType): Values {
  if (type === 'boolean' || type === 'object' || type === 'array') return {};
  const conv = (x: Scalar): Scalar | undefined => {
    if (type === 'string') return String(x);
    const n = Number(x);
    return Number.isFinite(n) && (type === 'number' || Number.isInteger(n)) ? n : undefined;
  };
  const all = (xs: Scalar[] | undefined) => {
    if (!xs) return undefined;
    const out = xs.map(conv);
    return out.every((x) => x !== undefined) ? [...new Set(out as Scalar[])] : undefined;
  };
  const en = all(v.enum), ex = all(v.examples), c = v.const === undefined ? undefined : conv(v.const);
  return { ...(en ? { enum: en } : {}), ...(ex ? { examples: ex } : {}), ...(c !== undefined ? { const: c } : {}) };
}
