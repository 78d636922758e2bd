// The Go type of each shape (scalars, exact integers, unions as sealed interfaces, maps, Extra maps)
// and how a value of it becomes JSON-ready data.
import type { Bound, EnumMember, ObjectRules, Property, Shape } from '@taxonomy/core';
import type { EventView } from '@taxonomy/gen-typescript';
import { goComment, goName, goStr, GoNamespace } from './names.js';

/** `imports`: standard packages the declarations use (math/big). */
export interface Ctx { readonly types: GoNamespace; readonly decls: string[]; readonly imports?: Set<string> }
/** Qualifies a name of the generated package (`tracker.X` in a program that imports it). */
export type Qual = (name: string) => string;
/** A Go expression of the type for a JSON value (the docs' example calls). */
export type Lit = (v: unknown, q: Qual) => string;
/** `ref`: a type whose zero value is nil (slice, map, interface, pointer): a field of it is never a pointer, nil is absent. */
export interface GoType { readonly type: string; readonly conv: (x: string) => string; readonly qual: (q: Qual) => string; readonly lit: Lit; readonly ref?: boolean }
export interface Field { readonly name: string; readonly wire: string; readonly type: string; readonly optional: boolean; readonly conv: (x: string) => string; readonly lit: Lit; readonly ref: boolean }

/** Any JSON value as an `interface{}` expression. */
export function goAny(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return goStr(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? `int64(${v})` : `float64(${v})`;
  if (Array.isArray(v)) return `[]interface{}{${v.map(goAny).join(', ')}}`;
  return `map[string]interface{}{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${goStr(k)}: ${goAny(x)}`).join(', ')}}`;
}

export function scalarLit(t: string): Lit {
  return (v) => (t === 'string' ? goStr(String(v)) : t === 'int64' || t === 'uint64' ? `${t}(${Number(v)})` : t === '*big.Int' ? `big.NewInt(${Number(v)})`
    : t === 'float64' ? `float64(${Number(v)})` : t === 'bool' ? String(v === true) : goAny(v));
}

/** A struct literal of the fields present in an example object; optional fields through Ptr. */
export function structLit(t: string, fields: readonly Field[], v: unknown, q: Qual): string {
  const o = (v ?? {}) as Record<string, unknown>;
  return `${q(t)}{${fields.filter((f) => o[f.wire] !== undefined).map((f) => `${f.name}: ${f.optional ? `${q('Ptr')}(${f.lit(o[f.wire], q)})` : f.lit(o[f.wire], q)}`).join(', ')}}`;
}

export function scalarOf(s: Shape): string {
  return s.type === 'string' ? 'string' : s.type === 'integer' ? integerType(s) : s.type === 'number' ? 'float64' : s.type === 'boolean' ? 'bool' : 'interface{}';
}

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;
export const big = (b: Bound | undefined): bigint | undefined => (b === undefined ? undefined : typeof b === 'bigint' ? b : Number.isInteger(b) ? BigInt(b) : BigInt(Math.trunc(b)));

/**
 * The Go type of an integer: int64, unless its bounds reach beyond int64: uint64 when it
 * cannot be negative and fits 64 bits unsigned, else *big.Int (exact at any size; JSON
 * prints it as a number).
 */
export function integerType(s: Pick<Shape, 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum'>): 'int64' | 'uint64' | '*big.Int' {
  const lo = [big(s.minimum), big(s.exclusiveMinimum)].filter((x): x is bigint => x !== undefined);
  const hi = [big(s.maximum), big(s.exclusiveMaximum)].filter((x): x is bigint => x !== undefined);
  const min = lo.length ? lo.reduce((a, b) => (a > b ? a : b)) : undefined;
  const max = hi.length ? hi.reduce((a, b) => (a < b ? a : b)) : undefined;
  if ((min === undefined || min >= INT64_MIN) && (max === undefined || max <= INT64_MAX)) return 'int64';
  if (min !== undefined && min >= 0n && max !== undefined && max <= UINT64_MAX) return 'uint64';
  return '*big.Int';
}

/** The Go type of a shape, and how to turn a value of it into JSON-ready data. */
export function typeOf(s: Shape, hint: string, ctx: Ctx): GoType {
  if (s.type === 'string' && s.enum?.length) {
    const t = ctx.types.claim(goName(hint, 'Enum'));
    const vals = new GoNamespace();
    const consts = s.enum.map((v) => `${t}${vals.claim(goName(String(v), 'Empty'))}`);
    const constOf = (v: unknown) => { const i = s.enum!.findIndex((x) => x === v); return i >= 0 ? consts[i] : undefined; };
    ctx.decls.push(`${goComment(`${t} is one of the values of ${hint}.`)}type ${t} string\n\nconst (\n${s.enum.map((v, i) => `${enumMemberDoc(s.enumMembers?.[i], consts[i]!, constOf)}\t${consts[i]} ${t} = ${goStr(String(v))}\n`).join('')})\n\n`);
    return { type: t, conv: (x) => `string(${x})`, qual: (q) => q(t), lit: (v, q) => `${q(t)}(${goStr(String(v))})` };
  }
  if (s.type === 'array' && s.prefixItems) return tupleOf(s, hint, ctx);
  if (s.type === 'array') {
    const item: GoType = s.items ? typeOf(s.items, `${hint} item`, ctx) : { type: 'interface{}', conv: (x: string) => x, qual: () => 'interface{}', lit: goAny };
    const qual = (q: Qual) => `[]${item.qual(q)}`;
    const lit: Lit = (v, q) => `${qual(q)}{${(Array.isArray(v) ? v : []).map((x) => item.lit(x, q)).join(', ')}}`;
    if (item.conv('v') === 'v') return { type: `[]${item.type}`, conv: (x) => x, qual, lit, ref: true };
    return { type: `[]${item.type}`, qual, lit, ref: true, conv: (x) => `func() []interface{} { out := make([]interface{}, len(${x})); for i, v := range ${x} { out[i] = ${item.conv('v')} }; return out }()` };
  }
  if (s.type === 'object') {
    if (s.properties?.length) {
      const t = ctx.types.claim(goName(hint, 'Object'));
      const fields = fieldsOf(s.properties, t, ctx);
      const extra = extraField(s, t, fields, ctx);
      const extraLine = extra ? `${goComment('Keys beyond the declared ones (the validators check their names and values).', '\t')}\t${extra.name} ${extra.type}\n` : '';
      ctx.decls.push(`${goComment(`${t} is the ${hint} object.`)}type ${t} struct {\n${fields.map((f, i) => `${s.properties![i]!.stability ? fieldDoc(s.properties![i]!, fields, '\t') : ''}\t${f.name} ${f.optional ? `*${f.type}` : f.type}\n`).join('')}${extraLine}}\n\nfunc (o ${t}) toMap() map[string]interface{} {\n${mapBody(fields, 'o', extra)}}\n\n`);
      return { type: t, conv: (x) => `${x}.toMap()`, qual: (q) => q(t), lit: (v, q) => structLit(t, fields, v, q) };
    }
    if (!s.values && s.patternProperties?.length) {
      const types = s.patternProperties.map((pp, i) => typeOf(pp.shape, `${hint} ${i ? `value ${i + 1}` : 'value'}`, ctx));
      if (types.every((x) => x.type === types[0]!.type)) return mapOf(types[0]!);
      return mapOf({ type: 'interface{}', conv: (x) => x, qual: () => 'interface{}', lit: goAny, ref: true });
    }
    if (s.values) return mapOf(typeOf(s.values, `${hint} value`, ctx));
    return { type: 'map[string]interface{}', conv: (x) => x, qual: () => 'map[string]interface{}', ref: true, lit: (v) => (v && typeof v === 'object' && !Array.isArray(v) ? goAny(v) : 'map[string]interface{}{}') };
  }
  if (s.type === 'union' && s.union?.variants.length) return unionOf(s, hint, ctx);
  if (s.type === 'json') return { type: 'interface{}', conv: (x) => x, qual: () => 'interface{}', lit: goAny, ref: true };
  const scalar = scalarOf(s);
  if (scalar === '*big.Int') ctx.imports?.add('math/big');
  return { type: scalar, conv: (x) => x, qual: () => scalar, lit: scalarLit(scalar), ...(scalar === '*big.Int' ? { ref: true } : {}) };
}

/**
 * A tuple (`prefixItems`): Go has none, so a struct with a field per leading element (`E0`,
 * `E1`…: values up to minItems, pointers past it, nil = left out; a slice, map or interface
 * element is nil when left out) and, unless maxItems closes the tuple, `Rest` for the further
 * elements (their items type, else any value). Its method writes the JSON array: the elements
 * in order, trailing left-out ones dropped; a left-out element before a set one is sent as
 * null, which the tracker refuses (spec.Tuples checks each element's JSON type and the count).
 */
function tupleOf(s: Shape, hint: string, ctx: Ctx): GoType {
  const t = ctx.types.claim(goName(hint, 'Tuple'));
  const min = s.minItems ?? 0;
  const closed = s.maxItems !== undefined && s.maxItems <= s.prefixItems!.length;
  const els = s.prefixItems!.slice(0, closed ? s.maxItems : undefined).map((e, i) => {
    const g = typeOf(e, `${hint} ${i}`, ctx);
    return { g, name: `E${i}`, optional: i >= min && !g.ref };
  });
  const rest = closed ? undefined : s.items ? typeOf(s.items, `${hint} item`, ctx) : { type: 'interface{}', conv: (x: string) => x, qual: () => 'interface{}', lit: goAny, ref: true } as GoType;
  const fields = els.map((e, i) => `${goComment(`${e.name} is element ${i}${i >= min ? ' (may be left out)' : ''}.${s.prefixItems![i]!.description ? ` ${s.prefixItems![i]!.description}` : ''}`, '\t')}\t${e.name} ${e.optional ? '*' : ''}${e.g.type}\n`).join('')
    + (rest ? `${goComment('Rest holds the further elements, after the leading ones.', '\t')}\tRest []${rest.type}\n` : '');
  const body = els.map((e, i) => {
    const value = e.g.conv(e.optional ? `(*o.${e.name})` : `o.${e.name}`);
    if (i < min) return `\tl = append(l, ${value})\n\tn = ${i + 1}\n`;
    return `\tif o.${e.name} != nil {\n\t\tl = append(l, ${value})\n\t\tn = ${i + 1}\n\t} else {\n\t\tl = append(l, nil)\n\t}\n`;
  }).join('');
  const restBody = rest ? `\tif len(o.Rest) > 0 {\n\t\tfor _, v := range o.Rest {\n\t\t\tl = append(l, ${rest.conv('v')})\n\t\t}\n\t\treturn l\n\t}\n` : '';
  ctx.decls.push(`${goComment(`${t} is the ${hint} tuple, sent as a JSON array.`)}type ${t} struct {\n${fields}}\n\n`
    + `func (o ${t}) toList() []interface{} {\n\tl := make([]interface{}, 0, ${els.length})\n\tn := 0\n${body}${restBody}\treturn l[:n]\n}\n\n`);
  const lit: Lit = (v, q) => {
    const a = Array.isArray(v) ? v : [];
    const parts = els.flatMap((e, i) => (i < a.length ? [`${e.name}: ${e.optional ? `${q('Ptr')}(${e.g.lit(a[i], q)})` : e.g.lit(a[i], q)}`] : []));
    if (rest && a.length > els.length) parts.push(`Rest: []${rest.qual(q)}{${a.slice(els.length).map((x) => rest.lit(x, q)).join(', ')}}`);
    return `${q(t)}{${parts.join(', ')}}`;
  };
  return { type: t, conv: (x) => `${x}.toList()`, qual: (q) => q(t), lit };
}

/** `map[string]V` of a value type, converted value by value when V needs it. */
export function mapOf(v: GoType): GoType {
  const qual = (q: Qual) => `map[string]${v.qual(q)}`;
  const lit: Lit = (x, q) => `${qual(q)}{${Object.entries((x ?? {}) as Record<string, unknown>).map(([k, y]) => `${goStr(k)}: ${v.lit(y, q)}`).join(', ')}}`;
  if (v.conv('v') === 'v') return { type: `map[string]${v.type}`, conv: (x) => x, qual, lit, ref: true };
  return { type: `map[string]${v.type}`, qual, lit, ref: true, conv: (x) => `func() map[string]interface{} { out := map[string]interface{}{}; for k, v := range ${x} { out[k] = ${v.conv('v')} }; return out }()` };
}

/** Whether a Go type is a defined type of this package (a name we may declare methods on). */
export const isNamed = (t: string) => /^[A-Z][A-Za-z0-9]*$/.test(t);

/** The JSON type of a value, to pick the alternative a docs example belongs to. */
export const jsonKind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

/**
 * A union (oneOf/anyOf, several types): a sealed interface, one named type per alternative
 * implementing it, so a value of another type does not compile. An object alternative is a
 * struct without its constant keys (the discriminator), which its method fills in; a scalar,
 * array or map alternative a defined type of it (`ShapesAnyOfIdString("x")`); an alternative
 * that is itself an interface a struct around it. oneOf's "exactly one", and values within an
 * alternative's type, are checked by the validators.
 */
export function unionOf(s: Shape, hint: string, ctx: Ctx): GoType {
  const t = ctx.types.claim(goName(hint, 'Union'));
  const method = `value${t}`;
  const d = s.union!.discriminator;
  const decls: string[] = [];
  const variants = s.union!.variants.map((v, i) => {
    const tag = d ? v.properties?.find((p) => p.name === d)?.const : undefined;
    const word = tag !== undefined ? String(tag) : v.type === 'integer' ? integerType(v).replace('*big.', 'Big') : v.type === 'object' && v.properties?.length ? `object ${i + 1}` : v.type === 'union' ? `option ${i + 1}` : scalarOf(v) === 'interface{}' ? v.type : scalarOf(v);
    const vHint = `${hint} ${word}`;
    if (v.type === 'object' && v.properties?.length) {
      const consts = v.properties.filter((p) => p.const !== undefined);
      const struct = ctx.types.claim(goName(vHint, 'Object'));
      const props = v.properties.filter((p) => p.const === undefined);
      const fields = fieldsOf(props, struct, ctx);
      const extra = extraField(v, struct, fields, ctx);
      decls.push(`${goComment(`${struct} is the ${vHint} alternative of ${t}${consts.length ? ` (${consts.map((c) => `${c.name}: ${JSON.stringify(c.const)}`).join(', ')}, set by ${method})` : ''}.`)}type ${struct} struct {\n${fields.map((f) => `\t${f.name} ${f.optional ? `*${f.type}` : f.type}\n`).join('')}${extra ? `\t${extra.name} ${extra.type}\n` : ''}}\n\nfunc (o ${struct}) ${method}() interface{} {\n${mapBody(fields, 'o', extra).replace(/\treturn m\n$/, '')}${consts.map((c) => `\tm[${goStr(c.name)}] = ${goScalar(c.const!)}\n`).join('')}\treturn m\n}\n\n`);
      return { name: struct, kind: 'object', lit: ((x: unknown, q: Qual) => structLit(struct, fields, x, q)) as Lit };
    }
    const inner = typeOf({ ...v, nullable: false }, vHint, ctx);
    if (isNamed(inner.type)) {
      decls.push(`func (v ${inner.type}) ${method}() interface{} { return ${inner.conv('v')} }\n\n`);
      return { name: inner.type, kind: v.type, lit: inner.lit };
    }
    const w = ctx.types.claim(goName(vHint, 'Option'));
    if (inner.type.startsWith('interface') || inner.type.startsWith('*')) {
      decls.push(`${goComment(`${w} is the ${vHint} alternative of ${t}.`)}type ${w} struct{ Value ${inner.type} }\n\nfunc (v ${w}) ${method}() interface{} { return ${inner.conv('v.Value')} }\n\n`);
      return { name: w, kind: v.type, lit: ((x: unknown, q: Qual) => `${q(w)}{Value: ${inner.lit(x, q)}}`) as Lit };
    }
    decls.push(`${goComment(`${w} is the ${vHint} alternative of ${t}.`)}type ${w} ${inner.type}\n\nfunc (v ${w}) ${method}() interface{} { return ${inner.conv(`${inner.type}(v)`)} }\n\n`);
    return { name: w, kind: v.type, lit: ((x: unknown, q: Qual) => `${q(w)}(${inner.lit(x, q)})`) as Lit };
  });
  const doc = `${t} is ${s.union!.kind === 'oneOf' ? 'exactly one' : 'one or more'} of ${variants.map((v) => v.name).join(', ')} (${hint}); no other type implements it.`;
  ctx.decls.push(`${goComment(doc)}type ${t} interface {\n\t${method}() interface{}\n}\n\n${decls.join('')}`);
  const lit: Lit = (x, q) => {
    const k = jsonKind(x);
    const v = variants.find((c) => c.kind === k || (k === 'integer' && c.kind === 'number')) ?? variants[0]!;
    return v.lit(x, q);
  };
  return { type: t, conv: (x) => `${x}.${method}()`, qual: (q) => q(t), lit, ref: true };
}

/**
 * The field holding an object's keys beyond the declared ones (`values:`, key patterns), as
 * `map[string]T` (T: interface{} when they differ), named `Extra` unless a property took it.
 */
export function extraField(rules: ObjectRules, owner: string, fields: readonly Field[], ctx: Ctx): ExtraField | undefined {
  const shapes = [...(rules.values ? [rules.values] : []), ...(rules.patternProperties ?? []).map((p) => p.shape)];
  if (!shapes.length) return undefined;
  const types = shapes.map((sh, i) => typeOf(sh, `${owner} ${i ? `extra ${i + 1}` : 'extra'}`, ctx));
  const one = types.every((x) => x.type === types[0]!.type) ? types[0]! : undefined;
  const names = new GoNamespace(fields.map((f) => f.name));
  return { name: names.claim('Extra'), type: `map[string]${one ? one.type : 'interface{}'}`, conv: one ? one.conv : (x) => x };
}

/** An object's undeclared keys: the map field and how to convert each value. */
export interface ExtraField { readonly name: string; readonly type: string; readonly conv: (x: string) => string }

/**
 * The doc comment of an enum constant: its words, and Go's `Deprecated:` paragraph (which
 * gopls and staticcheck report at every use) naming the constant that replaces it.
 */
export function enumMemberDoc(m: EnumMember | undefined, name: string, constOf: (v: unknown) => string | undefined): string {
  if (!m || (!m.description && !m.stability)) return '';
  const paras = [`${name} is the value ${goStr(String(m.value))}${m.description ? `: ${m.description}` : '.'}`];
  if (m.stability === 'experimental') paras.push('Experimental: may change or go without notice.');
  if (m.deprecated) paras.push(deprecatedParagraph(m.deprecated, m.deprecated.renamedTo !== undefined ? constOf(m.deprecated.renamedTo) ?? String(m.deprecated.renamedTo) : undefined));
  return goComment(paras.join('\n\n'), '\t');
}

/** `Deprecated: Use X instead. Since … reason. Removal: ….` (Go's convention: a paragraph of its own). */
export function deprecatedParagraph(d: { readonly since?: string; readonly reason?: string; readonly removal?: string }, replacement: string | undefined): string {
  return ['Deprecated:', replacement ? `Use ${replacement} instead.` : d.reason ? '' : 'No replacement.', d.since ? `Since ${d.since}.` : '', d.reason ?? '', d.removal ? `Removal: ${d.removal}.` : '']
    .filter(Boolean).join(' ');
}

/** The doc comment of a struct field: description, stability, and `Deprecated:` naming the replacing field. */
export function fieldDoc(p: Property, fields: readonly Field[], indent: string): string {
  const paras = [p.description ?? ''];
  if (p.stability === 'experimental') paras.push('Experimental: may change or go without notice.');
  if (p.deprecated) {
    const to = p.deprecated.renamedTo;
    paras.push(deprecatedParagraph(p.deprecated, to !== undefined ? fields.find((f) => f.wire === to)?.name ?? to : undefined));
  }
  const text = paras.filter(Boolean).join('\n\n');
  return text ? goComment(text, indent) : '';
}

export function fieldsOf(props: readonly Property[], owner: string, ctx: Ctx, auto: ReadonlySet<string> = new Set()): Field[] {
  const names = new GoNamespace(['Spec', 'Properties']);
  return props.map((p) => {
    const t = typeOf(p, `${owner} ${p.name}`, ctx);
    const ref = t.ref ?? (t.type.startsWith('[]') || t.type.startsWith('map[') || t.type === 'interface{}');
    return { name: names.claim(goName(p.name, 'Field')), wire: p.name, type: t.type, optional: (!p.required || auto.has(p.name)) && !ref, conv: t.conv, lit: t.lit, ref };
  });
}

export function mapBody(fields: readonly Field[], recv: string, extra?: ExtraField): string {
  let out = `\tm := make(map[string]interface{}, ${fields.length}${extra ? `+len(${recv}.${extra.name})` : ''})\n`;
  // The undeclared keys first: a declared field always wins over an Extra entry of its name.
  if (extra) out += `\tfor k, v := range ${recv}.${extra.name} {\n\t\tm[k] = ${extra.conv('v')}\n\t}\n`;
  for (const f of fields) {
    const ref = f.ref;
    if (f.optional) out += `\tif ${recv}.${f.name} != nil {\n\t\tm[${goStr(f.wire)}] = ${f.conv(`(*${recv}.${f.name})`)}\n\t}\n`;
    else if (ref) out += `\tif ${recv}.${f.name} != nil {\n\t\tm[${goStr(f.wire)}] = ${f.conv(`${recv}.${f.name}`)}\n\t}\n`;
    else out += `\tm[${goStr(f.wire)}] = ${f.conv(`${recv}.${f.name}`)}\n`;
  }
  return `${out}\treturn m\n`;
}

export const goStrings = (xs: readonly string[]) => `[]string{${xs.map(goStr).join(', ')}}`;
export const goPaths = (ps: readonly (readonly string[])[]) => `[][]string{${ps.map(goStrings).join(', ')}}`;
export const goScalar = (v: string | number | boolean) => (typeof v === 'string' ? goStr(v) : typeof v === 'boolean' ? String(v) : Number.isInteger(v) ? `int64(${v})` : `float64(${v})`);
export const goFloat = (n: number) => String(n);

export interface EventStruct { readonly ev: EventView; readonly struct: string; readonly fields: readonly Field[]; readonly extra?: ExtraField }
