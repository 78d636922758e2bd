import { Document } from 'yaml';
import { yamlText } from './yaml-text.js';

/**
 * Block-style YAML for plain data (objects, arrays, strings, finite numbers, booleans),
 * byte-identical to yaml-text.ts's `yamlText` (the `yaml` package writing YAML 1.1, plus what
 * PyYAML needs). A hand-written copy of a library's output, kept because it pays the 2x that
 * issue 17 asks of such a copy, on its real workload (the staging schema.yml of a 2,000-event
 * taxonomy): `npm run bench -- dbt-yaml` (bench/dbt-yaml.bench.mjs), figures in
 * bench/README.md. Most scalars are names and one-line descriptions whose rendering does not
 * depend on where they sit; only those are written here. A top-level entry (or an item of a
 * top-level list) holding anything else (line breaks, control characters, U+2028/U+2029, empty
 * strings, document markers, `=`, `<<`, null) goes through `yamlText`, so the quoting of hard
 * text stays the library's. test/yaml-text.test.ts checks both give the same bytes.
 */

/** Indicator rules of yaml's plain scalars (stringifyString.js), kept verbatim. */
const INDICATOR = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Text whose rendering depends on its indentation or needs escapes or PyYAML's quirks: left to yaml. */
const CONTEXTUAL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\u{D800}-\u{DFFF}]|^(?:%|---|\.\.\.|=$|<<$)/u;
/** Plain text that YAML 1.1 or 1.2's core schema would read back as another type (null, bool, int, float, timestamp). */
const TYPED = [new Document(), new Document(null, { version: '1.1' })].flatMap((d) => d.schema.tags.flatMap((t) => (typeof t !== 'string' && t.default && t.tag !== 'tag:yaml.org,2002:str' && t.tag !== 'tag:yaml.org,2002:merge' && 'test' in t && t.test instanceof RegExp ? [t.test] : [])));
// Every typed form starts with one of these (or is empty), so most names skip the regexes.
const TYPED_START = /^[~nNtTfFyYoO0-9.+-]/;

type Str = (s: string) => string;

/**
 * Renderings of the strings seen in the current document: names, tests and descriptions repeat
 * across thousands of models. Cleared by toYaml, so nothing outlives one document.
 */
const seen = new Map<string, string | null>();

/** One scalar, or undefined when its rendering is context-dependent. */
function scalar(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': {
      let s = seen.get(v);
      if (s === undefined) seen.set(v, (s = stringScalar(v) ?? null));
      return s ?? undefined;
    }
    case 'number': return Number.isFinite(v) && !Object.is(v, -0) ? JSON.stringify(v) : undefined;
    case 'boolean': return v ? 'true' : 'false';
    default: return undefined;
  }
}

function stringScalar(v: string): string | undefined {
  if (v === '' || CONTEXTUAL.test(v)) return undefined;
  if (INDICATOR.test(v) || (TYPED_START.test(v) && TYPED.some((re) => re.test(v)))) return v.includes('"') && !v.includes("'") ? `'${v}'` : JSON.stringify(v);
  return v;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** A key as yaml writes an implicit key; longer ones would become explicit (`? key`). */
function keyOf(k: string): string | undefined {
  const s = scalar(k);
  return s !== undefined && s.length <= 1024 ? s : undefined;
}

/** The pairs of a map, each line at `indent`; '' when it has no pairs. */
function pairs(m: Record<string, unknown>, indent: string, str: Str): string | undefined {
  let out = '';
  for (const k of Object.keys(m)) {
    const v = m[k];
    if (v === undefined) continue;
    const key = keyOf(k);
    if (key === undefined) return undefined;
    const value = node(v, indent, str);
    if (value === undefined) return undefined;
    out += `${indent}${key}:${value}`;
  }
  return out;
}

/** What follows `key:` for value `v` of a map at `indent`: ` scalar\n` or a nested block. */
function node(v: unknown, indent: string, str: Str): string | undefined {
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []\n';
    const items = seq(v, `${indent}  `, str);
    return items === undefined ? undefined : `\n${items}`;
  }
  if (isMap(v)) {
    const inner = pairs(v, `${indent}  `, str);
    return inner === undefined ? undefined : inner === '' ? ' {}\n' : `\n${inner}`;
  }
  const s = scalar(typeof v === 'string' ? str(v) : v);
  return s === undefined ? undefined : ` ${s}\n`;
}

function item(v: unknown, indent: string, str: Str): string | undefined {
  if (Array.isArray(v)) return undefined;
  if (isMap(v)) {
    const inner = pairs(v, `${indent}  `, str);
    return inner === undefined ? undefined : inner === '' ? `${indent}- {}\n` : `${indent}- ${inner.slice(indent.length + 2)}`;
  }
  const s = scalar(typeof v === 'string' ? str(v) : v);
  return s === undefined ? undefined : `${indent}- ${s}\n`;
}

function seq(v: unknown[], indent: string, str: Str): string | undefined {
  let out = '';
  for (const x of v) {
    const s = item(x, indent, str);
    if (s === undefined) return undefined;
    out += s;
  }
  return out;
}

/** The library's rendering of `{ [key]: value }`. */
const viaYaml = (key: string, value: unknown, str: Str) => yamlText({ [key]: value }, str);
const afterFirstLine = (s: string) => s.slice(s.indexOf('\n') + 1);

/** The YAML document of `doc`, with `str` applied to every string value (not to keys). */
export function toYaml(doc: Record<string, unknown>, str: Str = (s) => s): string {
  seen.clear();
  try {
    return document(doc, str);
  } finally {
    seen.clear();
  }
}

function document(doc: Record<string, unknown>, str: Str): string {
  let out = '';
  for (const k of Object.keys(doc)) {
    const v = doc[k];
    if (v === undefined) continue;
    const key = keyOf(k);
    if (key === undefined) return yamlText(doc, str);
    if (Array.isArray(v) && v.length > 0) {
      out += `${key}:\n`;
      for (const x of v) {
        const s = item(x, '  ', str);
        // Items of a block list are written independently of each other, so one can come from yaml.
        out += s ?? afterFirstLine(viaYaml(k, [x], str));
      }
      continue;
    }
    const s = node(v, '', str);
    out += s === undefined ? viaYaml(k, v, str) : `${key}:${s}`;
  }
  return out === '' ? yamlText(doc, str) : out;
}
