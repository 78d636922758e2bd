// The dbt YAML files, written by the `yaml` package (block style, no line folding) for YAML 1.1,
// which is what dbt reads them with (PyYAML): `yaml`'s 1.1 schema quotes what 1.1 would read
// as another type (yes, on, 12:30, 1_000, dates). What `yaml` leaves that PyYAML cannot read
// is double-quoted here (mustQuote), and in double quotes every character PyYAML refuses raw
// is escaped (escapeRaw):
// - U+0085, U+2028 and U+2029 are line breaks for YAML 1.1; `yaml` writes them raw (its
//   double-quoted writer has cases for \N, \L and \P, but it escapes from JSON.stringify's
//   text, which leaves them raw), and the file no longer parsed. So are DEL, the C1 controls,
//   U+FFFE/U+FFFF and lone surrogates, which PyYAML's reader refuses anywhere.
// - a tab in a plain scalar, and the plain scalars `=` and `<<` (its value and merge tags);
// - a text with a line of only blanks, which `yaml` writes as a block scalar that reads back
//   without them;
// - a string YAML 1.2's core schema would read as another type (0o17), so 1.2 tools agree.
import { Document, Scalar, visit, type Tags } from 'yaml';

/** Characters PyYAML refuses raw (or reads as a line break): written as escapes, in double quotes. */
const RAW = /[\x7f-\x9f\u2028\u2029\ufffe\uffff]|\p{Cs}/u;
const RAW_ALL = new RegExp(RAW.source, 'gu');
const NAMED: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };
const escape = (c: string): string => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
/** A line of blanks in a multi-line text: `yaml` writes it as a block scalar that reads back without them. */
const BLANK_LINE = /(?:^|\n)[ \t]+(?:\n|$)/;
/** Plain text that YAML 1.2's core schema reads as null, a boolean or a number. */
const CORE_TYPED = new Document().schema.tags.flatMap((t) => (typeof t !== 'string' && t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test instanceof RegExp ? [t.test] : []));

/** Whether a string must be double-quoted beyond what `yaml`'s 1.1 schema decides. */
const mustQuote = (s: string) => RAW.test(s) || s.includes('\t') || s === '=' || s === '<<' || BLANK_LINE.test(s) || CORE_TYPED.some((re) => re.test(s));

/** Our documents have no merge keys: without the tag, a '<<' string is a string that can be quoted. */
const withoutMerge = (tags: Tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:merge');

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep copy with `str` applied to every string value (not to keys). */
function mapStrings(v: unknown, str: (s: string) => string): unknown {
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, str));
  if (isMap(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = mapStrings(v[k], str);
    return o;
  }
  return v;
}

/** The YAML document of `doc`, with `str` applied to every string value (not to keys). */
export function toYaml(doc: Record<string, unknown>, str: (s: string) => string = (s) => s): string {
  const d = new Document(mapStrings(doc, str), { version: '1.1', customTags: withoutMerge });
  visit(d, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && mustQuote(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const text = d.toString({ lineWidth: 0 });
  // Every such character is now inside a double-quoted scalar, where an escape means it.
  return RAW.test(text) ? text.replace(RAW_ALL, escape) : text;
}
