/** Values a JSON Schema (the subset the json-schema generator emits) accepts, drawn from a seeded PRNG. */

export type Schema = Record<string, any>;

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many distinct values an id-like key takes: small, so joins, funnels and distinct counts find something. */
const ID_POOL = 24;
const isIdKey = (key: string, s: Schema) => /(Id|_id|^id)$/.test(key) || s.format === 'uuid';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export class Values {
  constructor(readonly r: () => number) {}
  int(n: number): number { return Math.floor(this.r() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }

  /** A string for a format, or undefined when the format is not one we know. */
  private formatted(s: Schema, key: string, ts: number): string | undefined {
    switch (s.format) {
      case 'date-time': return new Date(ts).toISOString();
      case 'date': return new Date(ts).toISOString().slice(0, 10);
      case 'uuid': return `${hex(this.int(ID_POOL) + 1, 8)}-0000-4000-8000-${hex(key.length, 12)}`;
      case 'email': return `user${this.int(ID_POOL)}@example.com`;
      case 'uri': return `https://example.com/${key}/${this.int(10)}`;
      default: return undefined;
    }
  }

  private str(s: Schema, key: string, ts: number): string {
    const f = this.formatted(s, key, ts);
    if (f !== undefined) return f;
    if (Array.isArray(s.examples) && s.examples.length && s.examples.every((x: unknown) => typeof x === 'string')) {
      if (isIdKey(key, s) && !s.pattern) return `${s.examples[0]}-${this.int(ID_POOL)}`.slice(0, s.maxLength ?? 200);
      return this.pick(s.examples as string[]);
    }
    if (s.pattern) return this.fromPattern(s.pattern) ?? 'sample';
    const base = isIdKey(key, s) ? `${key}-${this.int(ID_POOL)}` : `${key}-${this.pick(['a', 'b', 'c', 'd'])}`;
    const min = s.minLength ?? 0, max = s.maxLength ?? 200;
    return (base.length < min ? base.padEnd(min, 'x') : base).slice(0, max);
  }

  /** Patterns made of literal characters, classes and counts (^[CDG][A-Z0-9]+$): enough for the taxonomy's ids. */
  private fromPattern(p: string): string | undefined {
    const m = /^\^?((?:\[[^\]]+\]|\\.|[A-Za-z0-9_-])(?:\{\d+\}|\+|\*)?)+\$?$/.exec(p);
    if (!m) return undefined;
    let out = '';
    for (const [, atom, count] of p.replace(/^\^|\$$/g, '').matchAll(/(\[[^\]]+\]|\\.|[A-Za-z0-9_-])(\{\d+\}|\+|\*)?/g)) {
      const chars = atom!.startsWith('[') ? expand(atom!.slice(1, -1)) : atom === '\\.' ? ['.'] : atom === '\\d' ? [...'0123456789'] : [atom!];
      const n = count === undefined ? 1 : count === '+' ? 6 : count === '*' ? 3 : Number(count.slice(1, -1));
      for (let i = 0; i < n; i++) out += this.pick(chars);
    }
    return out;
  }

  private num(s: Schema, integer: boolean): number {
    let lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0.01) : 0);
    // Without a maximum, the examples say what is plausible (a CSAT score of 4 on a scale of 5).
    const examples = Array.isArray(s.examples) ? (s.examples as unknown[]).filter((x): x is number => typeof x === 'number') : [];
    const plausible = examples.length ? Math.max(lo + 1, Math.ceil(Math.max(...examples) * 1.25)) : lo + (integer ? 100 : 500);
    let hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 0.01) : plausible);
    if (hi < lo) hi = lo;
    const v = lo + this.r() * (hi - lo);
    return integer ? Math.min(hi, Math.max(lo, Math.round(v))) : Math.round(v * 100) / 100;
  }

  /** A value `s` accepts. `full`: objects get their optional keys too. */
  value(s: Schema, key: string, ts: number, full: boolean): unknown {
    if (s.const !== undefined) return s.const;
    if (Array.isArray(s.enum) && s.enum.length) {
      const xs = s.enum.filter((x: unknown) => x !== null);
      return xs.length ? this.pick(xs) : null;
    }
    // A union (oneOf/anyOf, a null alternative included): one alternative's value. The loader
    // refuses alternatives that accept the same values, so a oneOf's pick matches it alone.
    const alternatives = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
    if (s.type === undefined && Array.isArray(alternatives) && alternatives.length) {
      // From a random alternative on, the first whose value fits (a pattern this cannot build gives 'sample').
      const start = this.int(alternatives.length);
      let v: unknown;
      for (let i = 0; i < alternatives.length; i++) {
        const alt = alternatives[(start + i) % alternatives.length]!;
        v = this.value(alt, key, ts, full);
        if (typeof v !== 'string' || typeof alt.pattern !== 'string' || new RegExp(alt.pattern, 'u').test(v)) return v;
      }
      return v;
    }
    const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
    switch (type) {
      case 'null': return null;
      case 'string': return this.str(s, key, ts);
      case 'integer': return this.num(s, true);
      case 'number': return this.num(s, false);
      case 'boolean': return this.r() < 0.5;
      case 'array': {
        // A tuple (prefixItems): its leading elements in order (all of them when full), then
        // further ones (items, or any value) up to minItems.
        const prefix = (Array.isArray(s.prefixItems) ? s.prefixItems : []) as Schema[];
        const n = Math.max(s.minItems ?? 0, full ? Math.max(1, prefix.length) : 0);
        const items = Array.from({ length: Math.min(n, s.maxItems ?? n) }, (_, i) => this.value(prefix[i] ?? s.items ?? {}, key, ts, full));
        return s.uniqueItems ? [...new Map(items.map((x) => [JSON.stringify(x), x])).values()] : items;
      }
      case 'object': return this.object(s, ts, full);
      // No type: a json value (any JSON value; a string here).
      default: return key;
    }
  }

  object(s: Schema, ts: number, full: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set<string>(s.required ?? []);
    for (const [k, sub] of Object.entries<Schema>(s.properties ?? {})) {
      if (required.has(k) || full || this.r() < 0.7) out[k] = this.value(sub, k, ts, full);
    }
    // maximum_property (x-maximum-property): a value may not exceed its sibling's (a CSAT score <= maxScore).
    for (const [k, sub] of Object.entries<Schema>(s.properties ?? {})) {
      const bound = sub['x-maximum-property'];
      const v = out[k], max = typeof bound === 'string' ? out[bound] : undefined;
      if (typeof v === 'number' && typeof max === 'number' && v > max) out[k] = max;
    }
    if (s.dependentRequired || s.allOf || s.minProperties !== undefined || s.maxProperties !== undefined) this.objectRules(s, out, ts, full);
    return out;
  }

  /**
   * What issue 18.3's object keywords need beyond the declared keys: siblings a present key
   * requires (dependentRequired), keys required by a sibling's value (allOf if/then of
   * required_when), undeclared keys up to minProperties (pattern keys first when the object is
   * closed to other keys), optional keys dropped down to maxProperties.
   */
  private objectRules(s: Schema, out: Record<string, unknown>, ts: number, full: boolean): void {
    const props: Record<string, Schema> = s.properties ?? {};
    const add = (k: string) => { if (!(k in out)) out[k] = this.value(props[k] ?? {}, k, ts, full); };
    for (let pass = 0; pass < 2; pass++) {
      for (const [k, deps] of Object.entries<string[]>(s.dependentRequired ?? {})) if (k in out) deps.forEach(add);
      for (const c of (s.allOf ?? []) as Schema[]) {
        const [p, cond] = Object.entries<Schema>(c.if?.properties ?? {})[0] ?? ['', {}];
        if (p && p in out && Array.isArray(cond.enum) && cond.enum.includes(out[p])) ((c.then?.required ?? []) as string[]).forEach(add);
      }
    }
    const keys = () => Object.keys(out).length;
    const patterns = Object.entries<Schema>(s.patternProperties ?? {}).map(([p, shape]) => ({ re: new RegExp(p, 'u'), p, shape }));
    const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties as Schema : undefined;
    for (let i = 0; keys() < (s.minProperties ?? 0) && i < 100; i++) {
      const pattern = patterns[i % Math.max(1, patterns.length)];
      const fromPattern = pattern && (!extra || i % 2 === 1) ? this.fromPattern(pattern.p.replace(/\$$/, '') + '[a-z]{3}$') : undefined;
      if (pattern && fromPattern !== undefined && pattern.re.test(fromPattern) && !(fromPattern in out) && patterns.every((q) => q === pattern || !q.re.test(fromPattern))) {
        out[fromPattern] = this.value(pattern.shape, fromPattern, ts, full);
      } else if (extra) {
        const k = `key${i}`;
        if (!(k in out) && !patterns.some((q) => q.re.test(k))) out[k] = this.value(extra, k, ts, full);
      }
    }
    const required = new Set<string>([...(s.required ?? []), ...Object.values<string[]>(s.dependentRequired ?? {}).flat(), ...((s.allOf ?? []) as Schema[]).flatMap((c) => (c.then?.required ?? []) as string[])]);
    for (const k of Object.keys(out).reverse()) {
      if (s.maxProperties === undefined || keys() <= s.maxProperties) break;
      if (!required.has(k)) delete out[k];
    }
  }
}

function expand(cls: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < cls.length; i++) {
    if (cls[i + 1] === '-' && i + 2 < cls.length) {
      for (let c = cls.charCodeAt(i); c <= cls.charCodeAt(i + 2); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(cls[i]!);
  }
  return out;
}
