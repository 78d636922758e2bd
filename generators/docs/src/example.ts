import { boundNumber, eventAtVersion, type Bound, type ObjectRules, type Property, type Shape, type TaxonomyEvent, type TaxonomyModel } from '@taxonomy/core';
import { goCalls } from '@taxonomy/gen-go';
import { pythonCalls } from '@taxonomy/gen-python';
import { typescriptCalls } from '@taxonomy/gen-typescript';

/** How an event page shows sending the event: the call in each language and the payload it makes. */
export interface Usage {
  readonly typescript: string;
  readonly python: string;
  readonly go: string;
  /** The properties on the wire, as JSON (globals, event time and constants filled in). */
  readonly payload: string;
}

const FORMATS: Readonly<Record<string, string>> = {
  'date-time': '2026-01-15T09:30:00.000Z', date: '2026-01-15', time: '09:30:00Z', email: 'user@example.com',
  uri: 'https://example.com/', url: 'https://example.com/', hostname: 'example.com', ipv4: '192.0.2.1', ipv6: '2001:db8::1',
  uuid: '00000000-0000-4000-8000-000000000000', duration: 'PT1M',
};

const CANDIDATES = ['example', 'abc', 'a', 'A', 'x1', 'a_b', 'a-b', 'a.b', '1', 'v1', 'ABC', 'a1b2c3', 'a:b', 'a/b'];

/**
 * A string a simple pattern matches (anchors, literals, escapes, classes, groups without
 * alternation, quantifiers): each atom once, or as often as its quantifier's minimum.
 */
export function fromPattern(pattern: string): string | undefined {
  let out = '';
  let last = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '^' || c === '$' || c === '(' || c === ')') { if (c === '(' && pattern[i + 1] === '?') return undefined; continue; }
    if (c === '|') return undefined;
    if (c === '+' || c === '?' || c === '*') { if (c !== '+') out = out.slice(0, out.length - last.length); last = ''; continue; }
    if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(pattern.slice(i));
      if (!m) return undefined;
      out = out.slice(0, out.length - last.length) + last.repeat(Number(m[1]));
      i += m[0].length - 1;
      last = '';
      continue;
    }
    if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0 || pattern[i + 1] === '^') return undefined;
      const body = pattern.slice(i + 1, end);
      last = body[0] === '\\' ? ({ d: '1', w: 'a', s: ' ' } as Record<string, string>)[body[1]!] ?? body[1]! : body[0]!;
      i = end;
    } else if (c === '\\') {
      const n = pattern[++i]!;
      last = ({ d: '1', w: 'a', s: ' ' } as Record<string, string>)[n] ?? n;
    } else last = c === '.' ? 'a' : c;
    out += last;
  }
  return out;
}

function stringExample(s: Shape): string {
  const fmt = s.format ? FORMATS[s.format] : undefined;
  let v = fmt ?? 'example';
  if (!fmt && s.pattern) {
    let re: RegExp | undefined;
    try { re = new RegExp(s.pattern, 'u'); } catch { re = undefined; }
    const built = fromPattern(s.pattern);
    v = (re && CANDIDATES.find((c) => re.test(c))) ?? (re && built !== undefined && re.test(built) ? built : v);
  }
  if (s.minLength !== undefined && v.length < s.minLength) v = v.padEnd(s.minLength, 'x');
  if (s.maxLength !== undefined && v.length > s.maxLength) v = v.slice(0, s.maxLength);
  return v;
}

function numberExample(s: Shape, integer: boolean): number {
  const num = (b: Bound | undefined) => (b === undefined ? undefined : boundNumber(b));
  const lo = num(s.minimum) ?? (s.exclusiveMinimum !== undefined ? boundNumber(s.exclusiveMinimum) + (integer ? 1 : 0.5) : undefined);
  const hi = num(s.maximum) ?? (s.exclusiveMaximum !== undefined ? boundNumber(s.exclusiveMaximum) - (integer ? 1 : 0.5) : undefined);
  let v = integer ? 1 : 1.5;
  if (lo !== undefined && v < lo) v = lo;
  if (hi !== undefined && v > hi) v = hi;
  if (s.multipleOf) v = Math.ceil(v / s.multipleOf) * s.multipleOf;
  return integer ? Math.ceil(v) : v;
}

/** The taxonomy's own example when it has the right type, else a value built from the constraints. */
export function exampleValue(s: Shape): unknown {
  if (s.const !== undefined) return s.const;
  // An example never shows what is deprecated: the first value that is not (else the first).
  if (s.enum?.length) return s.enumMembers?.find((m) => !m.deprecated)?.value ?? s.enum[0];
  // Free-form: the taxonomy's own example as written, else an empty object.
  if (s.type === 'json') return s.examples?.length ? s.examples[0] : {};
  // A union: its first alternative's example (the loader refuses alternatives that overlap, so a
  // oneOf's first alternative matches only itself).
  if (s.type === 'union') return s.union?.variants.length ? exampleValue(s.union.variants[0]!) : null;
  const own = s.examples?.find((x) => (s.type === 'integer' ? Number.isInteger(x) : s.type === 'array' ? Array.isArray(x) : s.type === 'object' ? !!x && typeof x === 'object' && !Array.isArray(x) : typeof x === s.type));
  if (own !== undefined && s.type !== 'object' && s.type !== 'array') return own;
  switch (s.type) {
    case 'string': return stringExample(s);
    case 'integer': return numberExample(s, true);
    case 'number': return numberExample(s, false);
    case 'boolean': return true;
    case 'array': {
      const n = Math.max(1, s.minItems ?? 1);
      // A tuple: every leading element's example, then further ones up to minItems, never past maxItems.
      if (s.prefixItems) {
        const head = s.prefixItems.map(exampleValue);
        const rest = Array.from({ length: Math.max(0, (s.minItems ?? 0) - head.length) }, () => (s.items ? exampleValue(s.items) : null));
        return [...head, ...rest].slice(0, s.maxItems ?? Infinity);
      }
      if (!s.items) return Array.from({ length: n }, (_, i) => `item${i}`);
      if (s.items.enum && s.items.enum.length >= n) return s.items.enum.slice(0, n);
      const one = exampleValue(s.items);
      return Array.from({ length: n }, (_, i) => (n > 1 && typeof one === 'string' ? `${one}${i}` : n > 1 && typeof one === 'number' ? one + i : one));
    }
    case 'object': return objectValue(s.properties ?? [], s);
  }
  return undefined;
}

/**
 * An object's example: its declared keys (objectExample), then undeclared ones until
 * minProperties (one for a map or pattern object with no declared key, as a reader expects to
 * see one): a key each pattern's example string matches first, then `key`, `key2`… for
 * `values`. Optional keys beyond maxProperties are left out, last first.
 */
function objectValue(props: readonly Property[], rules: ObjectRules): Record<string, unknown> {
  const out = objectExample(props);
  const open = !!rules.values || !!rules.patternProperties?.length;
  const want = Math.max(rules.minProperties ?? 0, open && !props.length ? 1 : 0);
  for (const [key, value] of extraKeys(props, rules)) {
    if (Object.keys(out).length >= want) break;
    out[key] = value;
  }
  if (rules.maxProperties !== undefined) {
    for (const p of [...props].reverse()) {
      if (Object.keys(out).length <= rules.maxProperties) break;
      if (!p.required && !p.requiredWhen && !props.some((x) => x.requires?.includes(p.name))) delete out[p.name];
    }
  }
  return out;
}

/**
 * Undeclared keys an object accepts, with example values: a map key first (`key`, as a reader
 * of a map expects), then a key of each pattern, then more map keys (`key2`…).
 */
function* extraKeys(props: readonly Property[], rules: ObjectRules): Generator<[string, unknown]> {
  const declared = new Set(props.map((p) => p.name));
  const patterns = (rules.patternProperties ?? []).flatMap((p) => {
    try { return [{ re: new RegExp(p.pattern, 'u'), pattern: p.pattern, shape: p.shape }]; } catch { return []; }
  });
  function* mapKeys(from: number, to: number): Generator<[string, unknown]> {
    if (!rules.values) return;
    for (let i = from; i < to; i++) {
      const key = i === 1 ? 'key' : `key${i}`;
      if (declared.has(key) || patterns.some((p) => p.re.test(key))) continue;
      declared.add(key);
      yield [key, exampleValue(rules.values)];
      return;
    }
  }
  yield* mapKeys(1, 100);
  for (const p of patterns) {
    const key = [fromPattern(p.pattern), ...CANDIDATES].find((k) => k !== undefined && p.re.test(k) && !declared.has(k));
    // A key two patterns match must satisfy both shapes: only keys matching their own pattern alone.
    if (key !== undefined && patterns.every((q) => q === p || !q.re.test(key))) { declared.add(key); yield [key, exampleValue(p.shape)]; }
  }
  for (let n = 0; n < 100; n++) yield* mapKeys(2, 200);
}

function objectExample(props: readonly (Shape & { readonly name: string; readonly required?: boolean })[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A deprecated property is left out of examples unless it is still required, or required by
  // a present sibling (`requires:`) or by a sibling's value (`required_when:`).
  const needed = (p: Shape & { readonly name: string; readonly required?: boolean }) => !p.deprecated || p.required;
  for (const p of props) if (needed(p)) out[p.name] = exampleValue(p);
  for (const p of props) {
    if (p.name in out) continue;
    const byRequires = props.some((x) => x.name in out && x.requires?.includes(p.name));
    const byValue = p.requiredWhen && p.requiredWhen.in.includes(out[p.requiredWhen.property] as never);
    if (byRequires || byValue) out[p.name] = exampleValue(p);
  }
  return out;
}

/** Every declared property with an example value: the payload of the event on the wire. */
export function examplePayload(e: TaxonomyEvent): Record<string, unknown> {
  return objectValue(e.properties, payloadRulesOf(e));
}

/** An event's payload rules; an older version seen through eventAtVersion has its own on its one version. */
function payloadRulesOf(e: TaxonomyEvent): ObjectRules {
  const only = e.versions.length === 1 ? e.versions[0] : undefined;
  return only?.frozen ? only : e;
}

/** JSON that is also safe to paste into JS source and to show on one line per key: U+2028/9 escaped. */
export function exampleJson(v: unknown): string {
  return JSON.stringify(v, null, 2).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The usage of every event of the model (the generators' naming, computed once per model). */
export function usages(model: TaxonomyModel): UsageOf {
  const ts = typescriptCalls(model);
  const py = pythonCalls(model);
  const go = goCalls(model);
  return (e, version) => {
    // An older live version: its own properties, sent through its own method or struct.
    const v = version === undefined ? undefined : e.versions.find((x) => x.version === version && x.frozen);
    const at = v ? eventAtVersion(e, v) : e;
    const payload = examplePayload(at);
    return { typescript: ts(e.name, payload, v?.version) ?? '', python: py(e.name, payload, v?.version) ?? '', go: go(e.name, payload, v?.version) ?? '', payload: exampleJson(payload) };
  };
}

/** The usage of an event, or of one of its older live versions. */
export type UsageOf = (e: TaxonomyEvent, version?: number) => Usage;
