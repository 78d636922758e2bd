import { exactJson } from '@taxonomy/core';
import { canonical, type DraftProperty, type Scalar } from './draft.js';

/**
 * Pure helpers of the JSON Schema converter: recognising the forms that map onto taxonomy
 * shapes exactly (a conditional requirement, a discriminator), and distributing the keywords
 * beside a oneOf/anyOf into its alternatives.
 */

/** A value as a message quotes it (JSON, exact integers, cut at 120 characters). */
export const show = (v: unknown): string => (v === undefined ? 'undefined' : exactJson(v).slice(0, 120));

export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Keywords that only annotate: they never change what validates. */
export const ANNOTATION_KEYS = new Set(['title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', 'discriminator', '$schema', '$id', 'id', 'self', 'definitions', '$defs', '$anchor']);
export const validating = (s: Record<string, unknown>): string[] => Object.keys(s).filter((k) => !ANNOTATION_KEYS.has(k) && !k.startsWith('x-'));

/** `{ if: { properties: { p: { enum|const } }, required: [p] }, then: { required: [...] } }`: the one if/then form the taxonomy holds (`required_when:`). */
export interface Condition { property: string; in: Scalar[]; then: string[] }

export function conditionOf(c: unknown): Condition | string {
  if (!isObject(c)) return 'not an object';
  const keys = Object.keys(c).sort().join(',');
  if (keys !== 'if,then') return `it has ${Object.keys(c).filter((k) => k !== 'if' && k !== 'then').map((k) => `'${k}'`).join(', ') || 'no then'} beside if/then`;
  const { if: cond, then } = c;
  if (!isObject(cond) || !isObject(then)) return 'if and then must be objects';
  const props = isObject(cond.properties) ? cond.properties : undefined;
  const names = props ? Object.keys(props) : [];
  const p = names[0]!;
  if (props && names.length === 1 && (!Array.isArray(cond.required) || cond.required.length !== 1 || cond.required[0] !== p)) return `its if does not require '${p}' (without it, the condition also holds when '${p}' is absent)`;
  if (!props || names.length !== 1 || Object.keys(cond).sort().join(',') !== 'properties,required') return 'its if is not { properties: { <one property>: { enum } }, required: [<that property>] }';

  const test = props[p];
  const values = isObject(test) && Object.keys(test).length === 1 ? (Array.isArray(test.enum) ? test.enum : 'const' in test ? [test.const] : undefined) : undefined;
  if (!values || !values.length || !values.every(isScalar)) return `its if tests '${p}' with something other than an enum or const of strings, numbers or booleans`;
  if (Object.keys(then).join(',') !== 'required' || !Array.isArray(then.required) || !then.required.every((x) => typeof x === 'string') || !then.required.length) return 'its then is not { required: [...] }';
  return { property: p, in: values as Scalar[], then: then.required as string[] };
}

/** `{ anyOf: [{ not: C }, T] }` as `{ if: C, then: T }` (the same rule), or undefined. */
export function impliedCondition(s: unknown): Record<string, unknown> | undefined {
  if (!isObject(s) || Object.keys(s).length !== 1 || !Array.isArray(s.anyOf) || s.anyOf.length !== 2) return undefined;
  const [neg, then] = s.anyOf as unknown[];
  return isObject(neg) && Object.keys(neg).length === 1 && 'not' in neg && isObject(then) ? { if: neg.not, then } : undefined;
}

/**
 * `base ∧ oneOf(A, B)` is `oneOf(base ∧ A, base ∧ B)`: the keywords beside the alternatives go
 * into each of them. Only where the conjunction is one schema again: keys the two share must agree
 * (required lists join, disjoint properties join); a closed object never meets properties of the
 * other side (additionalProperties would judge them differently).
 */
export function conjoin(base: Record<string, unknown>, alt: Record<string, unknown>): Record<string, unknown> | string {
  const out: Record<string, unknown> = { ...alt };
  const props = (s: Record<string, unknown>) => (isObject(s.properties) ? Object.keys(s.properties) : []);
  const closes = (s: Record<string, unknown>) => s.additionalProperties !== undefined && s.additionalProperties !== true || s.patternProperties !== undefined;
  if (closes(base) && props(alt).some((k) => !props(base).includes(k))) return `one side limits its keys (additionalProperties/patternProperties) and the other declares '${props(alt).find((k) => !props(base).includes(k))}'`;
  if (closes(alt) && props(base).some((k) => !props(alt).includes(k))) return `one side limits its keys (additionalProperties/patternProperties) and the other declares '${props(base).find((k) => !props(alt).includes(k))}'`;
  // additionalItems reads its own side's items list: moved next to the other side's, it would judge other elements.
  const tuple = (s: Record<string, unknown>) => ['prefixItems', 'additionalItems', 'items'].filter((k) => k in s);
  if (tuple(base).length && tuple(alt).length && [base, alt].some((s) => 'prefixItems' in s || 'additionalItems' in s || Array.isArray(s.items))) return 'both sides describe the elements of a tuple';
  for (const [k, v] of Object.entries(base)) {
    if (!(k in out)) out[k] = v;
    else if (k === 'required' && Array.isArray(v) && Array.isArray(out[k])) out[k] = [...new Set([...(v as unknown[]), ...(out[k] as unknown[])])];
    else if (k === 'properties' && isObject(v) && isObject(out[k])) {
      const mine = out[k] as Record<string, unknown>;
      for (const [pk, pv] of Object.entries(v)) {
        if (pk in mine && canonical(mine[pk]) !== canonical(pv)) return `both sides describe '${pk}', differently`;
        mine[pk] = pv;
      }
      out[k] = { ...v, ...mine };
    } else if (canonical(out[k]) !== canonical(v)) return `both sides set '${k}', differently`;
  }
  return out;
}

/** A variant's own value of `key` when it requires it with a const or an enum. */
function tagValues(v: DraftProperty, key: string): Scalar[] | undefined {
  if (v.type !== 'object' || !v.properties) return undefined;
  const p = v.properties.get(key);
  if (!p?.required || p.nullable) return undefined;
  return p.const !== undefined ? [p.const] : p.enum?.length ? p.enum : undefined;
}

/** The property telling the variants apart: each requires it with a const (or enum) of its own. `hint` (OpenAPI's discriminator.propertyName) is tried first. */
export function discriminatorOf(variants: readonly DraftProperty[], hint?: string): string | undefined {
  const first = variants[0]?.properties;
  if (!first) return undefined;
  const keys = [...(hint ? [hint] : []), ...first.keys()];
  for (const key of keys) {
    const seen = new Set<string>();
    let ok = true;
    for (const v of variants) {
      const vals = tagValues(v, key);
      if (!vals || vals.some((x) => seen.has(canonical(x)))) { ok = false; break; }
      vals.forEach((x) => seen.add(canonical(x)));
    }
    if (ok) return key;
  }
  return undefined;
}

/** A shape for comparison: what validates, not its words or TODOs. */
export function shapeKey(p: DraftProperty): string {
  const { description: _d, todos: _t, extensions: _e, examples: _x, ...rest } = p;
  return canonical(rest);
}
