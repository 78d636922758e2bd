// ajv's raw errors (keyword + params, no messages) turned into plain words:
// "properties.source must be one of chat, template, blank; got 'email'".
import { escape, unescapeToken, where } from './limits.js';
import { suggest } from './suggest.js';
import type { AjvError, ValidationError } from './types.js';

/** What the wording needs to know about the event being validated. */
export interface ErrorContext {
  readonly event: string;
  readonly domain: string;
  /** The event's property keys, for "did you mean". */
  readonly properties: readonly string[];
  /** The envelope's keys, for "did you mean". */
  readonly envelopeKeys: readonly string[];
  /** Keys of the event's `properties` that come from the taxonomy's or the domain's globals. */
  readonly globals: Readonly<Record<string, 'global' | 'domain'>>;
  /** The payload, to show the value found at a path. */
  readonly payload: unknown;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean (true or false)',
  object: 'an object', array: 'an array', null: 'null',
};
const FORMAT_WORDS: Record<string, string> = {
  'date-time': 'a date-time (RFC 3339, e.g. 2026-01-31T09:30:00Z)', date: 'a date (YYYY-MM-DD)', time: 'a time with a time zone (09:30:00Z)',
  uuid: 'a UUID', email: 'an email address', uri: 'an absolute URI', hostname: 'a host name', ipv4: 'an IPv4 address', ipv6: 'an IPv6 address',
  duration: 'an ISO 8601 duration (P1DT2H)',
};
const COMPARISONS: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'greater than', '<': 'less than' };

/** A value in plain words, shortened: `'email'`, `42`, `an object`, `an array of 3 items`. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return v.length > 60 ? `'${v.slice(0, 60)}…' (${v.length.toLocaleString('en-US')} characters)` : `'${v}'`;
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** A scalar as a list item: bare strings (`chat`), other values as JSON. */
const item = (v: unknown) => (typeof v === 'string' ? (v.length > 60 ? v.slice(0, 60) + '…' : v) : String(v));
/** A limit with its noun: "1 key", "2 keys". */
const count = (n: unknown, noun: string) => `${String(n)} ${noun}${n === 1 ? '' : 's'}`;

/** The value at a JSON pointer, through own keys only. */
export function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  if (pointer === '') return cur;
  for (const raw of pointer.slice(1).split('/')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = unescapeToken(raw);
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function expectedFor(e: AjvError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'type': return String(p.type).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ');
    case 'enum': {
      const all = (p.allowedValues as unknown[]) ?? [];
      return `one of ${all.slice(0, 20).map(item).join(', ')}${all.length > 20 ? `, … (${all.length} in all)` : ''}`;
    }
    case 'const': return `exactly ${describe(p.allowedValue)}`;
    case 'format': return FORMAT_WORDS[String(p.format)] ?? `a valid ${String(p.format)}`;
    case 'pattern': {
      // A pattern made from a list (format: currency is every ISO 4217 code) would fill the message.
      const re = String(p.pattern);
      return re.length > 80 ? `a string matching /${re.slice(0, 60)}…/ (a ${re.length.toLocaleString('en-US')}-character pattern; see the event's JSON Schema)` : `a string matching /${re}/`;
    }
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `${COMPARISONS[String(p.comparison)] ?? String(p.comparison)} ${String(p.limit)}`;
    case 'minLength': return `at least ${count(p.limit, 'character')} long`;
    case 'maxLength': return `at most ${count(p.limit, 'character')} long`;
    case 'minItems': return `an array of at least ${count(p.limit, 'item')}`;
    case 'maxItems': return `an array of at most ${count(p.limit, 'item')}`;
    case 'uniqueItems': return 'an array of distinct items';
    case 'multipleOf': return `a multiple of ${String(p.multipleOf)}`;
    case 'minProperties': return `an object of at least ${count(p.limit, 'key')}`;
    case 'maxProperties': return `an object of at most ${count(p.limit, 'key')}`;
    case 'anyOf': return 'one of its alternatives';
    case 'oneOf': {
      const passing = p.passingSchemas as number[] | null | undefined;
      return `exactly one of its alternatives (${Array.isArray(passing) ? `alternatives ${passing.map((i) => i + 1).join(' and ')} both matched` : 'none matched'})`;
    }
    default: return `valid under the '${e.keyword}' rule`;
  }
}

/** One ajv error of a validator whose data sits at `prefix` in the payload, in plain words. */
export function toValidationError(e: AjvError, prefix: string, cx: ErrorContext): ValidationError {
  const base = prefix + e.instancePath;
  if (e.keyword === 'required') {
    const key = String(e.params.missingProperty);
    const path = `${base}/${escape(key)}`;
    const origin = base === '/properties' ? cx.globals[key] : undefined;
    const expected = origin === 'global' ? 'present (a global property, required on every event)'
      : origin === 'domain' ? `present (a global property of the ${cx.domain} domain, required on every ${cx.domain} event)`
        : 'present (required)';
    return { path, rule: 'required', expected, actual: 'nothing', message: `${where(path)} must be ${expected}; got nothing` };
  }
  if (e.keyword === 'dependentRequired') {
    // requires: a key present needs its siblings (ajv params: the present key and the missing one).
    const key = String(e.params.missingProperty);
    const path = `${base}/${escape(key)}`;
    const expected = `present (required when ${String(e.params.property)} is present)`;
    return { path, rule: 'dependentRequired', expected, actual: 'nothing', message: `${where(path)} must be ${expected}; got nothing` };
  }
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    const path = `${base}/${escape(key)}`;
    const known = base === '/properties' ? cx.properties : base === '' ? cx.envelopeKeys : [];
    const hint = suggest(key, known);
    const owner = base === '/properties' ? `a property of ${cx.event}` : base === '' ? 'an event field' : `a key of ${where(base)}`;
    const expected = `no such key (${describe(key)} is not ${owner})`;
    const found = describe(valueAt(cx.payload, path));
    return {
      path, rule: 'additionalProperties', expected, actual: found,
      message: `${where(path)} is not ${owner}${hint ? ` (did you mean '${hint}'?)` : ''}; got ${found}. Remove it${base === '/properties' ? ', or add it to the event in the taxonomy' : ''}`,
    };
  }
  const expected = expectedFor(e);
  const v = valueAt(cx.payload, base);
  let actual = describe(v);
  if ((e.keyword === 'minLength' || e.keyword === 'maxLength') && typeof v === 'string' && v.length <= 60) {
    const n = [...v].length; // code points, as JSON Schema counts
    actual += ` (${n} character${n === 1 ? '' : 's'})`;
  }
  if (e.keyword === 'uniqueItems') {
    const [a, b] = [Number(e.params.i), Number(e.params.j)].sort((x, y) => x - y);
    actual = `an array whose items ${a} and ${b} are equal`;
  }
  return { path: base, rule: e.keyword, expected, actual, message: `${where(base)} must be ${expected}; got ${actual}` };
}

/**
 * ajv reports a number where an enum string belongs twice (type and enum); the enum
 * error says more, so the type error at the same path is dropped. A failed `required_when`
 * (if/then) is reported by ajv as the missing key and again as `if`: the key says it all.
 */
export function dedupe(errors: readonly ValidationError[]): ValidationError[] {
  const specific = new Set(errors.filter((e) => e.rule === 'enum' || e.rule === 'const').map((e) => e.path));
  return errors.filter((e) => !(e.rule === 'type' && specific.has(e.path)) && e.rule !== 'if');
}
