// Instances for the differential test of import/export: values a JSON Schema is likely to
// accept (built from its keywords), and mutations of them that probe each keyword's edge
// (a key dropped or added, a type changed, null, a bound crossed, a string too long). The
// verdicts are not assumed: the test compares the original schema's verdict with the export's.
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);

/** Strings worth trying: they match the fixtures' patterns and formats, or just miss them. */
const STRINGS = ['', 'a', 'abc', 'hello world', '0000', '1234', '12345', '12:34', '7:05', '99:60', '250ms', 'fast', 'dev-0123abcd', 'dev-XYZ', 'f_abc', 'x_note',
  'EUR', 'eur', 'visa', 'card', 'paypal', 'voucher', 'article', 'product', 'free', 'pro', 'team', 'sd', 'hd', '4k', 'C', 'play', 'relevance',
  'a@b.co', 'not-an-email', 'https://x.example/p?q=1', '/relative', '3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'VOUCHER1', 'x'.repeat(13), 'y'.repeat(70)];
const NUMBERS = [0, 1, -1, 2, 5, 6, 0.5, 1.5, 0.01, 0.015, -273.15, -274, 100, 9007199254740993, 9223372036854775807, -9223372036854775808, 18446744073709551615, 1e300];

/** Values of the formats the fixtures use, and near misses. */
const FORMATS: Record<string, string[]> = {
  uuid: ['3f2504e0-4f89-41d3-9a0c-0305e82c3301', '9b2f3c4d-0000-4000-8000-000000000001', '3f2504e0-4f89-41d3'],
  email: ['a@b.co', 'someone@shop.example', 'no-at-sign'],
  uri: ['https://x.example/p?q=1', 'http://shop.example/', 'not a uri'],
  'date-time': ['2026-12-07T18:00:00Z', '2026-12-07 18:00'],
};

export interface Resolver { (ref: string): Schema | undefined }

/** A local resolver for `#/…` refs against the schema's own root. */
export function localResolver(root: Schema): Resolver {
  return (ref) => {
    if (!ref.startsWith('#')) return undefined;
    let cur: unknown = root;
    for (const seg of ref.slice(1).split('/').filter(Boolean)) cur = isObj(cur) ? cur[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return isObj(cur) ? cur : undefined;
  };
}

const typesOf = (s: Schema): string[] => {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === 'string') return [s.type];
  if (s.properties || s.additionalProperties !== undefined || s.patternProperties) return ['object'];
  if (s.items || s.prefixItems) return ['array'];
  return ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
};

/** A value built from a schema's keywords (usually valid; the picks at the edges sometimes are not). */
export function sampleOf(s: unknown, resolve: Resolver, r: () => number, depth = 0): Json {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (s === true || s === undefined || (isObj(s) && !Object.keys(s).length)) return pick<Json>([1, 'a', null, true, { k: 1 }, [1, 'b']]);
  if (!isObj(s)) return null;
  if (typeof s.$ref === 'string') return sampleOf(resolve(s.$ref) ?? {}, resolve, r, depth);
  if (Array.isArray(s.allOf)) {
    // The parts' keys and requirements together (if/then parts add nothing to sample from).
    const parts = (s.allOf as unknown[]).map((p) => (isObj(p) && typeof p.$ref === 'string' ? resolve(p.$ref) : p)).filter(isObj).filter((p) => !('if' in p));
    const { allOf: _a, ...rest } = s;
    const merged: Schema = { ...rest };
    for (const p of parts) {
      merged.properties = { ...(isObj(merged.properties) ? merged.properties : {}), ...(isObj(p.properties) ? p.properties : {}) };
      merged.required = [...((merged.required as string[]) ?? []), ...((p.required as string[]) ?? [])];
      for (const [k, v] of Object.entries(p)) if (k !== 'properties' && k !== 'required' && !(k in merged)) merged[k] = v;
    }
    return sampleOf(merged, resolve, r, depth);
  }
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
    const alt = pick((s.oneOf ?? s.anyOf) as unknown[]);
    const { oneOf: _o, anyOf: _a, ...rest } = s;
    return sampleOf(isObj(alt) && Object.keys(rest).some((k) => k !== 'description' && k !== 'discriminator') ? { ...rest, ...alt, required: [...((rest.required as string[]) ?? []), ...((alt.required as string[]) ?? [])] } : alt, resolve, r, depth);
  }
  if (Array.isArray(s.enum)) return pick(s.enum as Json[]);
  if ('const' in s) return s.const as Json;
  const t = pick(typesOf(s));
  switch (t) {
    case 'null': return null;
    case 'boolean': return r() < 0.5;
    case 'integer': case 'number': {
      const step = t === 'integer' ? 1 : 0.5;
      // draft-04 writes exclusiveMinimum: true beside minimum.
      const lo = typeof s.minimum === 'number' ? s.minimum + (s.exclusiveMinimum === true ? step : 0) : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + step : 0;
      const hi = typeof s.maximum === 'number' ? s.maximum - (s.exclusiveMaximum === true ? step : 0) : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : lo + 100;
      const candidates = [lo, hi, lo + 1, Math.floor((lo + hi) / 2), ...(t === 'number' ? [lo + 0.25] : [])].filter((n) => Number.isFinite(n));
      const n = r() < 0.8 ? pick(candidates) : pick(NUMBERS);
      return typeof s.multipleOf === 'number' && r() < 0.8 ? Math.round(n / s.multipleOf) * s.multipleOf : t === 'integer' && r() < 0.9 ? Math.trunc(n) : n;
    }
    case 'string': {
      const byFormat = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
      if (byFormat && r() < 0.8) return pick(byFormat);
      const fits = STRINGS.filter((x) => (typeof s.pattern !== 'string' || new RegExp(s.pattern, 'u').test(x)) && x.length >= ((s.minLength as number) ?? 0) && x.length <= ((s.maxLength as number) ?? Infinity));
      return r() < 0.85 && fits.length ? pick(fits) : pick(STRINGS);
    }
    case 'array': {
      // A tuple (2020-12 prefixItems + items, or the older items list + additionalItems): its elements in order, sometimes one short or a few more.
      const tuple = Array.isArray(s.prefixItems) ? s.prefixItems as unknown[] : Array.isArray(s.items) ? s.items as unknown[] : undefined;
      const rest = Array.isArray(s.prefixItems) ? s.items : Array.isArray(s.items) ? s.additionalItems : s.items;
      const min = (s.minItems as number) ?? 0;
      const max = Math.min((s.maxItems as number) ?? Math.max(min, tuple?.length ?? 0) + 3, Math.max(min, tuple?.length ?? 0) + 3);
      const n = tuple && r() < 0.6 ? Math.max(0, tuple.length - (r() < 0.2 ? 1 : 0)) : min + Math.floor(r() * (max - min + 1));
      return Array.from({ length: n }, (_x, i) => (depth > 6 ? null : sampleOf(tuple && i < tuple.length ? tuple[i] : rest === false || rest === undefined ? {} : rest, resolve, r, depth + 1)));
    }
    default: return objectOf(s, resolve, r, depth);
  }
}

function objectOf(s: Schema, resolve: Resolver, r: () => number, depth: number): Json {
  const out: Record<string, Json> = {};
  const props = isObj(s.properties) ? s.properties : {};
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  for (const [k, v] of Object.entries(props)) if (required.has(k) || r() < 0.6) out[k] = depth > 6 ? null : sampleOf(v, resolve, r, depth + 1);
  if (isObj(s.patternProperties) && r() < 0.7) {
    for (const [re, v] of Object.entries(s.patternProperties)) {
      const key = ['f_size', 'x_note', 'x_campaign_id', 'f_color'].find((k) => new RegExp(re, 'u').test(k));
      if (key) out[key] = sampleOf(v, resolve, r, depth + 1);
    }
  }
  if (s.additionalProperties !== false && s.additionalProperties !== undefined && r() < 0.6) out.extra_key = sampleOf(s.additionalProperties === true ? {} : s.additionalProperties, resolve, r, depth + 1);
  return out;
}

/** A mutation of a value: one step towards each keyword's edge. */
function mutate(v: Json, r: () => number): Json {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (Array.isArray(v)) {
    const c = [...v];
    const m = r();
    if (m < 0.3 && c.length) c.splice(Math.floor(r() * c.length), 1);
    else if (m < 0.5) c.push(c.length ? c[0]! : 'a');
    else if (m < 0.8 && c.length) { const i = Math.floor(r() * c.length); c[i] = mutate(c[i]!, r); }
    else return pick<Json>(['a', 1, null, {}]);
    return c;
  }
  if (isObj(v)) {
    const c: Record<string, Json> = { ...(v as Record<string, Json>) };
    const keys = Object.keys(c);
    const m = r();
    if (m < 0.25 && keys.length) delete c[pick(keys)];
    else if (m < 0.4) c[pick(['unknown_key', 'f_abc', 'x_extra', 'F_BAD', 'discount', 'referrer_id', 'contact_ok', 'comment', 'seats', 'company_name'])] = pick<Json>(['a', 1, true, null, { a: 1 }, 12.5]);
    else if (m < 0.9 && keys.length) { const k = pick(keys); c[k] = mutate(c[k]!, r); }
    else return pick<Json>([null, 'a', 1, []]);
    return c;
  }
  if (typeof v === 'number') return pick<Json>([v + 1, v - 1, -v, v + 0.5, 0, String(v), null, 9223372036854775807, 18446744073709551615]);
  if (typeof v === 'string') return pick<Json>([v + 'x', v.slice(1), '', v.toUpperCase(), 'x'.repeat(300), 1, null, true]);
  if (typeof v === 'boolean') return pick<Json>([!v, 'true', 0, null]);
  return pick<Json>(['a', 0, false, {}]);
}

/** `n` instances of a schema, from a seeded fast-check random source: samples and chains of 1–3 mutations of them. */
export function instancesOf(schema: Schema, n: number, seed: number): Json[] {
  const resolve = localResolver(schema);
  const values = fc.sample(fc.tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.nat(3)), { seed, numRuns: n });
  return values.map(([s, k]) => {
    let state = s || 1;
    const r = () => { state = (Math.imul(state, 1103515245) + 12345) >>> 0; return state / 2 ** 32; };
    let v = sampleOf(schema, resolve, r);
    for (let i = 0; i < k; i++) v = mutate(v, r);
    return v;
  });
}
