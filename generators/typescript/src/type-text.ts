import type { Property, Scalar, Shape } from '@taxonomy/core';
import { numberLiteral, propertyName, stringLiteral } from './literal.js';
import { templateKey } from './pattern-key.js';
import { reachesBeyondDouble } from './shape-facts.js';

/**
 * TypeScript types of value shapes, as text laid out the way TypeScript's printer lays
 * them out (object types one member a line, four spaces a level). `indent` is the
 * indentation of the line the type starts on: nested members go one level deeper.
 *
 * What the types say and what they cannot (checked at run time by the validators, and by the
 * tracker where the runtime lists it): `json` is the JSON value type `JsonValue`; a union is a
 * TypeScript union (discriminated by its literal `const` member when it has a discriminator,
 * so `switch (x.kind)` narrows), oneOf's "exactly one" is not a type; open maps are index
 * signatures (`values:`), and a `patternProperties` pattern anchored on a literal prefix
 * (`^x-[a-z]+$`) is a template-literal key (`x-${string}`), any other pattern a string key;
 * min/maxProperties, `requires:`, `required_when:`, string patterns and numeric bounds are
 * not types. An integer whose range reaches beyond 2^53 is `number | bigint`.
 */

/** The name of the JSON value type the package declares once (types.ts) when a shape is `json`. */
export const JSON_VALUE = 'JsonValue';
/** Its declaration: any JSON value, read-only. */
export const JSON_VALUE_DECLARATION = `export type ${JSON_VALUE} = string | number | boolean | null | readonly ${JSON_VALUE}[] | {\n    readonly [key: string]: ${JSON_VALUE};\n};\n`;

const literalType = (v: Scalar): string =>
  typeof v === 'string' ? stringLiteral(v) : typeof v === 'boolean' ? (v ? 'true' : 'false') : numberLiteral(v);

/** The type of a value shape: enums as string-literal unions, arrays readonly, objects closed unless they declare map values. */
export function typeText(s: Shape, indent = ''): string {
  let t: string;
  let union = false;
  if (s.const !== undefined) t = literalType(s.const);
  else if (s.enum && s.enum.length) {
    t = s.enum.length === 1 ? literalType(s.enum[0]!) : s.enum.map(literalType).join(' | ');
    union = s.enum.length > 1;
  } else {
    switch (s.type) {
      case 'string': t = 'string'; break;
      // An integer whose range reaches beyond 2^53 also takes a bigint (sent as its exact digits).
      case 'integer': t = reachesBeyondDouble(s) ? 'number | bigint' : 'number'; union = t !== 'number'; break;
      case 'number': t = 'number'; break;
      case 'boolean': t = 'boolean'; break;
      case 'json': t = JSON_VALUE; break;
      case 'union': {
        const variants = [...new Set((s.union?.variants ?? []).map((v) => typeText(v, indent)))];
        t = variants.length ? variants.join(' | ') : 'never';
        union = variants.length > 1;
        break;
      }
      case 'array':
        if (s.prefixItems) { t = tupleText(s, indent); union = t.includes(' | '); break; }
        t = `ReadonlyArray<${s.items ? typeText(s.items, indent) : 'unknown'}>`; break;
      case 'object':
        t = s.properties || s.patternProperties?.length ? objectTypeText(s.properties ?? [], s.values, indent, s) : `Readonly<Record<string, ${s.values ? typeText(s.values, indent) : 'unknown'}>>`;
        break;
      default: t = 'unknown';
    }
  }
  // A union inside a union is parenthesized, as the printer does.
  return s.nullable ? `${union ? `(${t})` : t} | null` : t;
}

/**
 * A tuple (`prefixItems`): one readonly tuple type per length it may have, from minItems to
 * its leading elements (JSON has no holes, so optional elements are whole shorter tuples);
 * the longest ends in a rest element of the further elements' type (`items`, else any JSON
 * value) unless maxItems closes it. `readonly [number, number]`,
 * `readonly [] | readonly [string] | readonly [string, number, ...boolean[]]`.
 * Bounds past the leading elements (maxItems above them, minItems beyond them) are checked at
 * run time.
 */
function tupleText(s: Shape, indent: string): string {
  const head = s.prefixItems!.map((e) => typeText(e, indent)).map((x) => (x.includes(' | ') ? `(${x})` : x));
  const closed = s.maxItems !== undefined && s.maxItems <= head.length;
  const rest = s.items ? typeText(s.items, indent) : JSON_VALUE;
  const max = Math.min(head.length, s.maxItems ?? head.length);
  const out: string[] = [];
  for (let n = Math.min(s.minItems ?? 0, max); n <= max; n++) {
    const els = head.slice(0, n);
    if (n === head.length && !closed) els.push(`...${rest.includes(' | ') ? `(${rest})` : rest}[]`);
    out.push(`readonly [${els.join(', ')}]`);
  }
  return out.join(' | ');
}

/** Members' types as the index signature must admit them (optional ones with undefined). */
function memberTypes(props: readonly Property[], inner: string): string[] {
  return props.map((p) => (p.required ? typeText(p, inner) : `${typeText(p, inner)} | undefined`));
}

const unionOf = (types: readonly string[]): string => [...new Set(types)].join(' | ');

/**
 * An inline object type. Keys beyond the declared ones: `values` and patterns without a
 * literal prefix give a string index signature (TypeScript requires it to admit the declared
 * members' types too, so those keys are typed loosely: the validators check them exactly);
 * patterns with a literal prefix give template-literal keys, so other keys stay errors.
 */
export function objectTypeText(props: readonly Property[], values: Shape | undefined, indent = '', rules?: Pick<Shape, 'patternProperties'>): string {
  const patterns = rules?.patternProperties ?? [];
  if (!props.length && !values && !patterns.length) return '{}';
  const inner = `${indent}    `;
  let out = '{\n';
  for (const p of props) out += `${inner}readonly ${propertyName(p.name)}${p.required ? '' : '?'}: ${typeText(p, inner)};\n`;
  return `${out}${indexSignatures(props, { values, patternProperties: patterns }, inner)}${indent}}`;
}

/**
 * The index signature lines (`readonly [key: …]: T;`, each at `inner`) of an object's keys
 * beyond the declared ones; empty when it is closed.
 */
export function indexSignatures(props: readonly Property[], rules: Pick<Shape, 'values' | 'patternProperties'>, inner: string): string {
  const loose: string[] = [];
  const byKey = new Map<string, string[]>();
  for (const { pattern, shape } of rules.patternProperties ?? []) {
    const key = templateKey(pattern);
    if (key === undefined) loose.push(typeText(shape, inner));
    else byKey.set(key, [...(byKey.get(key) ?? []), typeText(shape, inner)]);
  }
  let out = '';
  for (const [key, types] of byKey) {
    // A declared key the template matches must fit its signature too.
    const prefix = unescapeTemplate(key.slice(1, key.lastIndexOf('${')));
    const declared = props.filter((p) => p.name.startsWith(prefix));
    out += `${inner}readonly [key: ${key}]: ${unionOf([...types, ...memberTypes(declared, inner)])};\n`;
  }
  if (rules.values || loose.length) {
    const extra = rules.values ? [typeText(rules.values, inner), ...loose] : loose;
    const all = unionOf([...extra, ...memberTypes(props, inner), ...[...byKey.values()].flat()]);
    out += `${inner}readonly [key: string]: ${all};\n`;
  }
  return out;
}

function unescapeTemplate(s: string): string {
  return s.replace(/\\u([0-9A-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\(.)/g, '$1');
}

/** A union of string literals ('a' | 'b'), or never. */
export function literalUnion(values: readonly string[]): string {
  return values.length === 0 ? 'never' : values.map(stringLiteral).join(' | ');
}
