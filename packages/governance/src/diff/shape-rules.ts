import { exactJson, type ObjectRules, type Shape, type SourceLocation } from '@taxonomy/core';
import { diffShape, levelOf, shapeKey, type ShapeContext } from './shape.js';
import type { ChangeKind } from './types.js';

/**
 * The comparisons of issue 18.3's shapes: unions, what an object accepts beyond its declared
 * keys (event payloads too), and requirements between siblings. Widening (accepting more) is
 * additive, as an added enum value is; narrowing refuses what apps already send: breaking.
 */

type Emit = (kind: ChangeKind, message: string) => void;
const emitter = (path: string, location: SourceLocation | undefined, ctx: ShapeContext): Emit =>
  (kind, message) => ctx.emit({ kind, level: levelOf(kind), event: ctx.event, property: path, message, location });
const show = (v: unknown) => (v === undefined ? 'none' : exactJson(v));
const what = (path: string) => (path ? `'${path}'` : 'the payload');

/** values, patternProperties, minProperties, maxProperties of two versions of one object (path '' is the event payload). */
export function diffObjectRules(b: ObjectRules, h: ObjectRules, path: string, location: SourceLocation | undefined, ctx: ShapeContext): void {
  const emit = emitter(path, location, ctx);
  if (b.values || h.values) {
    if (b.values && h.values) diffShape(b.values, h.values, path ? `${path}.*` : '*', location, ctx);
    else if (h.values) emit(path ? 'constraint-narrowed' : 'constraint-widened', path ? `values of '${path}' are now typed (${h.values.type})` : `the payload now accepts undeclared keys (${h.values.type})`);
    else emit(path ? 'constraint-widened' : 'constraint-narrowed', path ? `values of '${path}' are no longer typed` : 'the payload no longer accepts undeclared keys');
  }
  const bp = new Map((b.patternProperties ?? []).map((p) => [p.pattern, p.shape] as const));
  const hp = new Map((h.patternProperties ?? []).map((p) => [p.pattern, p.shape] as const));
  for (const [pattern, shape] of hp) {
    const was = bp.get(pattern);
    const at = `${path}./${pattern}/`;
    if (was) diffShape(was, shape, at, location, ctx);
    // A closed object now takes these keys (wider); an open one now holds them to a shape (narrower).
    else if (h.values) emit('constraint-narrowed', `keys of ${what(path)} matching /${pattern}/ must now be ${shape.type}`);
    else emit('constraint-widened', `${what(path)} now accepts keys matching /${pattern}/`);
  }
  for (const [pattern] of bp) {
    if (hp.has(pattern)) continue;
    if (h.values) emit('constraint-widened', `keys of ${what(path)} matching /${pattern}/ are no longer held to a shape`);
    else emit('constraint-narrowed', `${what(path)} no longer accepts keys matching /${pattern}/`);
  }
  const narrowed: string[] = [], widened: string[] = [];
  if (b.minProperties !== h.minProperties) ((h.minProperties ?? 0) > (b.minProperties ?? 0) ? narrowed : widened).push(`minProperties ${show(b.minProperties)} → ${show(h.minProperties)}`);
  if (b.maxProperties !== h.maxProperties) (h.maxProperties !== undefined && (b.maxProperties === undefined || h.maxProperties < b.maxProperties) ? narrowed : widened).push(`maxProperties ${show(b.maxProperties)} → ${show(h.maxProperties)}`);
  if (narrowed.length) emit('constraint-narrowed', `${what(path)} accepts fewer values: ${narrowed.join('; ')}`);
  if (widened.length) emit('constraint-widened', `${what(path)} accepts more values: ${widened.join('; ')}`);
}

/** requires / required_when of one property: a new requirement refuses calls that were valid. */
export function diffRequirements(b: Shape, h: Shape, path: string, location: SourceLocation | undefined, ctx: ShapeContext): void {
  const emit = emitter(path, location, ctx);
  const br = new Set(b.requires ?? []), hr = new Set(h.requires ?? []);
  const more = [...hr].filter((x) => !br.has(x)), fewer = [...br].filter((x) => !hr.has(x));
  if (more.length) emit('constraint-narrowed', `property '${path}' now requires ${more.map((x) => `'${x}'`).join(', ')} beside it`);
  if (fewer.length) emit('constraint-widened', `property '${path}' no longer requires ${fewer.map((x) => `'${x}'`).join(', ')} beside it`);
  const bw = b.requiredWhen, hw = h.requiredWhen;
  if (exactJson(bw ?? null) === exactJson(hw ?? null)) return;
  const cond = (w: NonNullable<Shape['requiredWhen']>) => `${w.property} is ${w.in.map((v) => show(v)).join(' or ')}`;
  if (!hw) emit('constraint-widened', `property '${path}' is no longer required when ${cond(bw!)}`);
  else if (!bw || hw.property !== bw.property || hw.in.some((v) => !bw.in.includes(v))) emit('constraint-narrowed', `property '${path}' is now required when ${cond(hw)}${bw ? ` (was: when ${cond(bw)})` : ''}`);
  else emit('constraint-widened', `property '${path}' is now required only when ${cond(hw)} (was: when ${cond(bw)})`);
}

/** The value of a variant's discriminator, which names it across versions; else its data. */
function variantId(s: Shape, discriminator: string | undefined): string {
  const d = discriminator ? s.properties?.find((p) => p.name === discriminator) : undefined;
  return d ? `${discriminator}=${show(d.const ?? d.enum)}` : shapeKey(s);
}

/**
 * Two unions: a kind that lets more values through (oneOf → anyOf) widens; an alternative
 * added widens (for a oneOf without a discriminator it may make a value match twice: narrower);
 * an alternative removed narrows; alternatives kept (by discriminator value, or by the same
 * data) are compared as shapes.
 */
export function diffUnion(b: Shape, h: Shape, path: string, location: SourceLocation | undefined, ctx: ShapeContext): void {
  const emit = emitter(path, location, ctx);
  const bu = b.union!, hu = h.union!;
  if (bu.kind !== hu.kind) emit(hu.kind === 'anyOf' ? 'constraint-widened' : 'constraint-narrowed', `property '${path}' is now ${hu.kind} (was ${bu.kind}): ${hu.kind === 'anyOf' ? 'a value may match several alternatives' : 'a value must match exactly one alternative'}`);
  if (bu.discriminator !== hu.discriminator) emit('constraint-narrowed', `the discriminator of '${path}' changed from ${show(bu.discriminator)} to ${show(hu.discriminator)}`);
  const bv = new Map(bu.variants.map((v, i) => [variantId(v, bu.discriminator), [v, i] as const]));
  const hv = new Map(hu.variants.map((v, i) => [variantId(v, hu.discriminator), [v, i] as const]));
  const added = [...hv.keys()].filter((k) => !bv.has(k)), removed = [...bv.keys()].filter((k) => !hv.has(k));
  // Undiscriminated alternatives changed in place: pair them when one alternative of a type left and one came.
  for (const k of [...added]) {
    const [v] = hv.get(k)!;
    const sameType = removed.filter((r) => bv.get(r)![0].type === v.type);
    if (hu.discriminator || sameType.length !== 1 || added.filter((a) => hv.get(a)![0].type === v.type).length !== 1) continue;
    const [was] = bv.get(sameType[0]!)!;
    diffShape(was, v, `${path}|${v.type}`, location, ctx);
    added.splice(added.indexOf(k), 1);
    removed.splice(removed.indexOf(sameType[0]!), 1);
  }
  for (const k of added) {
    const [v, i] = hv.get(k)!;
    const risky = hu.kind === 'oneOf' && !hu.discriminator;
    emit(risky ? 'constraint-narrowed' : 'constraint-widened', `property '${path}' has a new alternative ${i + 1} (${v.type})${risky ? ': a value that matches it and another one is now refused (oneOf)' : ''}`);
  }
  for (const k of removed) emit('constraint-narrowed', `property '${path}' lost its alternative ${bv.get(k)![1] + 1} (${bv.get(k)![0].type})`);
  for (const [k, [v]] of hv) {
    const was = bv.get(k);
    if (was && hu.discriminator) diffShape(was[0], v, `${path}|${k}`, location, ctx);
  }
}

/** A union against a plain shape: one of its alternatives kept means wider (or narrower the other way). */
export function diffUnionAgainstPlain(b: Shape, h: Shape, path: string, location: SourceLocation | undefined, ctx: ShapeContext): boolean {
  const emit = emitter(path, location, ctx);
  // Words and privacy live on the union, not on its alternatives: compare the data only.
  const key = (s: Shape) => shapeKey({ ...s, privacy: undefined });
  if (h.type === 'union' && b.type !== 'union' && h.union!.variants.some((v) => key(v) === key(b))) {
    emit('constraint-widened', `property '${path}' now also accepts ${h.union!.variants.filter((v) => key(v) !== key(b)).map((v) => v.type).join(', ')} (${h.union!.kind})`);
    return true;
  }
  if (b.type === 'union' && h.type !== 'union' && b.union!.variants.some((v) => key(v) === key(h))) {
    emit('constraint-narrowed', `property '${path}' now accepts only ${h.type} (was ${b.union!.kind} of ${b.union!.variants.map((v) => v.type).join(', ')})`);
    return true;
  }
  return false;
}
