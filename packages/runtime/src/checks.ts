import { jsonText } from './json.js';
import type { EventSpec, IntegerRange, KeyRules, ShapeRules, TupleRules } from './types.js';

/**
 * The value checks the taxonomy declares and the tracker applies in the caller's stack, in
 * production too (validation by the generated validator only warns, and only in development):
 *   - `format: currency` properties (spec.currency) are normalised to upper case and must then
 *     be an ISO 4217 code (seed 001: "Currency must be an ISO 4217 3-letter code (normalized
 *     to upper-case)");
 *   - `maximum_property:` bounds (spec.atMost: property -> sibling property) refuse a value
 *     above its sibling's (seed 001: "submitCSAT validates the score range", score <= maxScore).
 * check() returns the properties to send (a copy when a value was normalised) or the reason
 * the call is refused, in words.
 */
export type CheckResult = { readonly props: Readonly<Record<string, unknown>> } | { readonly error: string };

const CODE_SHAPE = /^[A-Z]{3}$/;

export function checkValues(spec: EventSpec, props: Readonly<Record<string, unknown>>, currencyCodes: ReadonlySet<string> | undefined): CheckResult {
  let out = props;
  if (spec.currency) {
    for (const k of spec.currency) {
      const v = props[k];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'string') return { error: `property '${k}' must be an ISO 4217 currency code (a string such as 'USD'); got ${typeof v}` };
      const upper = v.toUpperCase();
      if (!CODE_SHAPE.test(upper) || (currencyCodes && !currencyCodes.has(upper))) {
        return { error: `property '${k}' must be an ISO 4217 currency code such as 'USD' (lower case is normalised); got ${JSON.stringify(v.slice(0, 40))}, which is ${CODE_SHAPE.test(upper) ? 'not in the ISO 4217 list' : 'not three letters'}` };
      }
      if (upper !== v) {
        if (out === props) out = { ...props };
        (out as Record<string, unknown>)[k] = upper;
      }
    }
  }
  if (spec.shapes) {
    const error = checkShapes(spec, props);
    if (error) return { error };
  }
  if (spec.atMost) {
    for (const k of Object.keys(spec.atMost)) {
      const bound = spec.atMost[k]!;
      const v = props[k];
      const max = props[bound];
      // number and bigint compare exactly with each other (9007199254740993n > 9007199254740992).
      if (isNumeric(v) && isNumeric(max) && v > max) {
        return { error: `property '${k}' (${v}) must be at most '${bound}' (${max})` };
      }
    }
  }
  return { props: out };
}

const isNumeric = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
/** JSON equality of scalars: a bigint equals the number of the same value (both are the same JSON number). */
const sameScalar = (a: unknown, b: unknown) => a === b || (isNumeric(a) && isNumeric(b) && typeof a !== typeof b && a == b);

/** Why an integer property's value is outside its exact range (or is not an integer), or undefined. */
function checkRange(k: string, v: unknown, r: IntegerRange): string | undefined {
  if (!isNumeric(v)) return undefined; // another type: the validators say so
  if (typeof v === 'number' && !Number.isInteger(v)) return `property '${k}' must be an integer; got ${v}`;
  const shown = typeof v === 'bigint' ? `${v}n` : String(v);
  if (r.minimum !== undefined && v < r.minimum) return `property '${k}' must be at least ${r.minimum}; got ${shown}`;
  if (r.exclusiveMinimum !== undefined && v <= r.exclusiveMinimum) return `property '${k}' must be greater than ${r.exclusiveMinimum}; got ${shown}`;
  if (r.maximum !== undefined && v > r.maximum) return `property '${k}' must be at most ${r.maximum}; got ${shown}`;
  if (r.exclusiveMaximum !== undefined && v >= r.exclusiveMaximum) return `property '${k}' must be less than ${r.exclusiveMaximum}; got ${shown}`;
  return undefined;
}

const present = (props: Readonly<Record<string, unknown>>, k: string) => Object.prototype.hasOwnProperty.call(props, k) && props[k] !== undefined;
const show = (v: unknown) => jsonText(typeof v === 'string' ? v.slice(0, 40) : v);
const regexps = new Map<string, RegExp | null>();
/** A key pattern as JSON Schema reads it (unanchored, Unicode); null when it does not compile (the validators report it). */
function regexp(pattern: string): RegExp | null {
  let r = regexps.get(pattern);
  if (r === undefined) {
    try { r = new RegExp(pattern, 'u'); } catch { r = null; }
    if (regexps.size < 1024) regexps.set(pattern, r);
  }
  return r;
}

/** Why an object breaks its key rules, or undefined. `what` names it in the message. */
function checkKeys(obj: unknown, rules: KeyRules, what: string): string | undefined {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const keys = Object.keys(obj).filter((k) => (obj as Record<string, unknown>)[k] !== undefined);
  if (rules.min !== undefined && keys.length < rules.min) return `${what} must hold at least ${rules.min} key${rules.min === 1 ? '' : 's'}; it holds ${keys.length}`;
  if (rules.max !== undefined && keys.length > rules.max) return `${what} may hold at most ${rules.max} key${rules.max === 1 ? '' : 's'}; it holds ${keys.length}`;
  if (rules.patterns) {
    const declared = new Set(rules.declared ?? []);
    for (const k of keys) {
      if (declared.has(k)) continue;
      if (!rules.patterns.some((p) => { const r = regexp(p); return r === null || r.test(k); })) {
        return `${what} has the key ${show(k)}, which is not declared and matches none of its patterns (${rules.patterns.map((p) => `/${p}/`).join(', ')})`;
      }
    }
  }
  return undefined;
}

/** The JSON type of a value, in the words of a tuple rule's kinds. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
const fits = (v: unknown, kind: string) => kind === '' || kind.split('|').some((k) => k === kindOf(v) || (k === 'number' && typeof v === 'number'));
const aKind = (k: string) => (k === 'null' || k === 'undefined' ? k : `${/^[aeiou]/.test(k) ? 'an' : 'a'} ${k}`);
const kindWords = (kind: string) => kind.split('|').map(aKind).join(' or ');

/** Why an array breaks its tuple rules (element count, an element's JSON type), or undefined. */
function checkTuple(v: unknown, r: TupleRules, what: string): string | undefined {
  if (!Array.isArray(v)) return undefined;
  if (r.min !== undefined && v.length < r.min) return `${what} must hold at least ${r.min} element${r.min === 1 ? '' : 's'}; it holds ${v.length}`;
  if (r.max !== undefined && v.length > r.max) return `${what} may hold at most ${r.max} element${r.max === 1 ? '' : 's'}; it holds ${v.length}`;
  for (let i = 0; i < v.length; i++) {
    const kind = i < r.kinds.length ? r.kinds[i]! : r.rest ?? '';
    if (!fits(v[i], kind)) return `element ${i} of ${what} must be ${kindWords(kind)}; got ${aKind(kindOf(v[i]))}`;
  }
  return undefined;
}

/**
 * The shape rules no type holds (`requires:`, `required_when:`, key counts and key patterns,
 * integer ranges beyond 2^53, compared exactly)
 * on the call's own properties; the tracker fills globals, event time and constants later, so
 * a rule about one of those is left to the validators.
 */
export function checkShapes(spec: EventSpec, props: Readonly<Record<string, unknown>>): string | undefined {
  const r: ShapeRules = spec.shapes ?? {};
  const filled = new Set([...(spec.globals ?? []), ...(spec.clock ?? []), ...Object.keys(spec.fixed ?? {})]);
  for (const k of Object.keys(r.requires ?? {})) {
    if (!present(props, k)) continue;
    const missing = r.requires![k]!.filter((x) => !present(props, x) && !filled.has(x));
    if (missing.length) return `property '${k}' requires ${missing.map((x) => `'${x}'`).join(', ')} beside it`;
  }
  for (const k of Object.keys(r.requiredWhen ?? {})) {
    const w = r.requiredWhen![k]!;
    if (present(props, k) || filled.has(k) || !present(props, w.property)) continue;
    const v = props[w.property];
    if (w.in.some((x) => sameScalar(x, v))) return `property '${k}' is required when '${w.property}' is ${show(v)}`;
  }
  for (const k of Object.keys(r.keys ?? {})) {
    const error = present(props, k) ? checkKeys(props[k], r.keys![k]!, `property '${k}'`) : undefined;
    if (error) return error;
  }
  for (const k of Object.keys(r.tuples ?? {})) {
    const error = present(props, k) ? checkTuple(props[k], r.tuples![k]!, `property '${k}'`) : undefined;
    if (error) return error;
  }
  for (const k of Object.keys(r.ranges ?? {})) {
    const error = present(props, k) ? checkRange(k, props[k], r.ranges![k]!) : undefined;
    if (error) return error;
  }
  if (r.payload) {
    // Keys the tracker fills count as present for the minimum (they usually are).
    const min = r.payload.min === undefined ? undefined : r.payload.min - [...filled].filter((k) => !present(props, k)).length;
    return checkKeys(props, { ...r.payload, min }, 'the event');
  }
  return undefined;
}

/**
 * The last `capacity` values of a de-duplication key (spec.dedupe), oldest forgotten first:
 * seed 001's "Duplicate impressions for the same messageId are ignored", bounded so a
 * long-lived tracker does not grow without limit.
 */
export class SeenKeys {
  private readonly seen = new Map<string, true>();
  constructor(readonly capacity: number) {}

  /** true when (event, value) was seen among the last `capacity` keys; else remembers it. */
  seenBefore(event: string, value: unknown): boolean {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') return false;
    const key = `${event}\u0000${String(value)}`;
    if (this.seen.has(key)) return true;
    this.seen.set(key, true);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
    return false;
  }
}
