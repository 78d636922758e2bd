import { exactJson, type PrivacyClass, type Property, type Shape, type SourceLocation } from '@taxonomy/core';
import { diffObjectRules, diffRequirements, diffUnion, diffUnionAgainstPlain } from './shape-rules.js';
import type { Change, ChangeKind, ChangeLevel } from './types.js';

/** What the shape comparison needs to know about the two taxonomies. */
export interface ShapeContext {
  readonly event: string;
  readonly baseClasses: ReadonlyMap<string, PrivacyClass>;
  readonly headClasses: ReadonlyMap<string, PrivacyClass>;
  readonly emit: (c: Change) => void;
}

const LEVEL: Record<ChangeKind, ChangeLevel> = {
  'event-added': 'additive', 'event-removed': 'breaking', 'event-renamed': 'breaking',
  'event-deprecated': 'additive', 'event-status': 'additive', 'event-text': 'patch', 'event-metadata': 'patch',
  'property-added': 'additive', 'required-property-added': 'breaking', 'property-removed': 'breaking', 'property-renamed': 'breaking',
  'type-changed': 'breaking', 'optional-to-required': 'breaking', 'required-to-optional': 'additive',
  'enum-value-removed': 'breaking', 'enum-value-added': 'additive', 'enum-reordered': 'patch',
  'constraint-narrowed': 'breaking', 'constraint-widened': 'additive',
  'privacy-restricted': 'breaking', 'privacy-changed': 'patch', 'property-text': 'patch',
  'metric-added': 'additive', 'metric-removed': 'breaking', 'metric-changed': 'additive', 'metric-text': 'patch',
};

/** The level every kind of change has (the classification table, documented on the rules page). */
export const levelOf = (kind: ChangeKind): ChangeLevel => LEVEL[kind];

const show = (v: unknown) => (v === undefined ? 'none' : exactJson(v));

/** Lower bounds grow to narrow; upper bounds shrink to narrow. */
const LOWER = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const;
const UPPER = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const;
/** Object rules and sibling requirements, compared in shape-rules.ts; part of a shape's data. */
const OBJECT = ['minProperties', 'maxProperties', 'requires', 'requiredWhen'] as const;
/** Constraints that cannot be ordered: any new or different value narrows, removing widens. */
const OPAQUE = ['pattern', 'format', 'const'] as const;
/** Fields that change the words, not the data. */
const TEXT = ['description', 'examples', 'unit', 'cardinality', 'waiver', 'extensions', 'stability', 'deprecated', 'enumMembers'] as const;

/**
 * A canonical form of a shape for "is this the same data?" questions (renames, moves
 * to a shared ref): the type and its constraints, without words, locations or refs.
 */
export function shapeKey(s: Shape, required?: boolean): string {
  const o: Record<string, unknown> = { type: s.type, required };
  for (const k of [...LOWER, ...UPPER, ...OPAQUE, ...OBJECT, 'multipleOf', 'nullable', 'uniqueItems', 'privacy'] as const) if (s[k] !== undefined) o[k] = s[k];
  if (s.enum) o.enum = s.enum.map((v) => JSON.stringify(v)).sort();
  if (s.items) o.items = shapeKey(s.items);
  if (s.prefixItems) o.prefixItems = s.prefixItems.map((e) => shapeKey(e));
  if (s.values) o.values = shapeKey(s.values);
  if (s.patternProperties) o.patternProperties = s.patternProperties.map((p) => [p.pattern, shapeKey(p.shape)]);
  if (s.union) o.union = [s.union.kind, s.union.discriminator ?? null, ...s.union.variants.map((v) => shapeKey(v))];
  if (s.properties) o.properties = [...s.properties].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => [p.name, shapeKey(p, p.required)]);
  return exactJson(o);
}

/** Whether a class lets the value reach destinations by default (not refused, not gated on includeContent). */
function delivered(s: Shape, classes: ReadonlyMap<string, PrivacyClass>): boolean {
  const c = s.privacy ? classes.get(s.privacy) : undefined;
  if (c && !c.allowedInEvents && !s.waiver) return false;
  return !(s.contentGated ?? c?.contentGated ?? false);
}

function similar(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const x = norm(a), y = norm(b);
  return x.includes(y) || y.includes(x) || commonPrefix(x, y) >= Math.min(x.length, y.length) * 0.6;
}
const commonPrefix = (a: string, b: string) => { let i = 0; while (i < a.length && i < b.length && a[i] === b[i]) i++; return i; };

/** Compares two property lists (an event's properties, or a nested object's keys). */
export function diffProperties(base: readonly Property[], head: readonly Property[], path: string, where: SourceLocation | undefined, ctx: ShapeContext): void {
  const headByName = new Map(head.map((p) => [p.name, p] as const));
  const baseByName = new Map(base.map((p) => [p.name, p] as const));
  const removed = base.filter((p) => !headByName.has(p.name));
  const added = head.filter((p) => !baseByName.has(p.name));
  const at = (name: string) => (path ? `${path}.${name}` : name);
  const emit = (kind: ChangeKind, property: string, message: string, location: SourceLocation | undefined) =>
    ctx.emit({ kind, level: LEVEL[kind], event: ctx.event, property, message, location });

  // A removed key and an added key holding the same data under a similar name or the same words: a rename.
  const renamed = new Set<string>();
  for (const r of removed) {
    const key = shapeKey(r, r.required);
    const cand = added.find((a) => !renamed.has(a.name) && shapeKey(a, a.required) === key && (similar(r.name, a.name) || (!!r.description && r.description === a.description)));
    if (!cand) continue;
    renamed.add(cand.name);
    renamed.add(`-${r.name}`);
    emit('property-renamed', at(cand.name), `property '${at(r.name)}' was renamed to '${at(cand.name)}'`, cand.location);
  }
  for (const r of removed) {
    if (!renamed.has(`-${r.name}`)) emit('property-removed', at(r.name), `property '${at(r.name)}' was removed`, where);
  }
  for (const a of added) {
    if (renamed.has(a.name)) continue;
    if (a.required) emit('required-property-added', at(a.name), `required property '${at(a.name)}' was added (existing callers do not send it)`, a.location);
    else emit('property-added', at(a.name), `optional property '${at(a.name)}' was added`, a.location);
  }
  for (const h of head) {
    const b = baseByName.get(h.name);
    if (!b) continue;
    if (!b.required && h.required) emit('optional-to-required', at(h.name), `property '${at(h.name)}' became required`, h.location);
    if (b.required && !h.required) emit('required-to-optional', at(h.name), `property '${at(h.name)}' became optional`, h.location);
    diffShape(b, h, at(h.name), h.location, ctx);
  }
}

/** Compares two shapes of the same property: type, constraints, enum, privacy, words, then nested shapes. */
export function diffShape(b: Shape, h: Shape, path: string, location: SourceLocation | undefined, ctx: ShapeContext): void {
  const emit = (kind: ChangeKind, message: string) => ctx.emit({ kind, level: LEVEL[kind], event: ctx.event, property: path, message, location });
  const narrowed: string[] = [];
  const widened: string[] = [];
  // integer → number: every payload sent so far is still valid, and every reader of a number
  // reads an integer. Any other change of type (number → integer included) breaks someone.
  if (b.type === 'integer' && h.type === 'number') widened.push('type integer → number');
  else if (b.type !== h.type) {
    // A plain type that became (or stopped being) one alternative of a union.
    if (diffUnionAgainstPlain(b, h, path, location, ctx)) return diffWords(b, h, path, location, ctx);
    emit('type-changed', `property '${path}' changed type from ${b.type} to ${h.type}`);
    return;
  }
  for (const k of LOWER) {
    const x = b[k], y = h[k];
    if (x === y) continue;
    if (y !== undefined && (x === undefined || y > x)) narrowed.push(`${k} ${show(x)} → ${show(y)}`);
    else widened.push(`${k} ${show(x)} → ${show(y)}`);
  }
  for (const k of UPPER) {
    const x = b[k], y = h[k];
    if (x === y) continue;
    if (y !== undefined && (x === undefined || y < x)) narrowed.push(`${k} ${show(x)} → ${show(y)}`);
    else widened.push(`${k} ${show(x)} → ${show(y)}`);
  }
  for (const k of OPAQUE) {
    const x = b[k], y = h[k];
    if (x === y) continue;
    (y === undefined ? widened : narrowed).push(`${k} ${show(x)} → ${show(y)}`);
  }
  if (b.multipleOf !== h.multipleOf) {
    const x = b.multipleOf, y = h.multipleOf;
    const wider = y === undefined || (x !== undefined && x % y === 0);
    (wider ? widened : narrowed).push(`multipleOf ${show(x)} → ${show(y)}`);
  }
  if (!!b.nullable !== !!h.nullable) (h.nullable ? widened : narrowed).push(h.nullable ? 'now nullable' : 'no longer nullable');
  if (!!b.uniqueItems !== !!h.uniqueItems) (h.uniqueItems ? narrowed : widened).push(h.uniqueItems ? 'items must now be unique' : 'items may now repeat');

  if (b.enum && !h.enum) widened.push('enum removed (any value allowed)');
  else if (!b.enum && h.enum) narrowed.push(`values restricted to ${h.enum.map(show).join(', ')}`);
  else if (b.enum && h.enum) {
    const bs = new Set(b.enum.map(show)), hs = new Set(h.enum.map(show));
    const gone = [...bs].filter((v) => !hs.has(v)), fresh = [...hs].filter((v) => !bs.has(v));
    if (gone.length) emit('enum-value-removed', `property '${path}' no longer allows ${gone.join(', ')}`);
    if (fresh.length) emit('enum-value-added', `property '${path}' now also allows ${fresh.join(', ')}`);
    if (!gone.length && !fresh.length && b.enum.map(show).join() !== h.enum.map(show).join()) emit('enum-reordered', `enum values of '${path}' were reordered`);
  }
  if (narrowed.length) emit('constraint-narrowed', `property '${path}' accepts fewer values: ${narrowed.join('; ')}`);
  if (widened.length) emit('constraint-widened', `property '${path}' accepts more values: ${widened.join('; ')}`);
  diffRequirements(b, h, path, location, ctx);
  diffWords(b, h, path, location, ctx);

  if (b.prefixItems || h.prefixItems) diffTuple(b, h, path, location, ctx);
  if (b.items || h.items) {
    if (b.items && h.items) diffShape(b.items, h.items, `${path}[]`, location, ctx);
    else if (h.items) emit('constraint-narrowed', `items of '${path}' are now typed (${h.items.type})`);
    else emit('constraint-widened', `items of '${path}' are no longer typed`);
  }
  if (b.type === 'object') diffObjectRules(b, h, path, location, ctx);
  if (b.union && h.union) diffUnion(b, h, path, location, ctx);
  if (b.properties || h.properties) diffProperties(b.properties ?? [], h.properties ?? [], path, location, ctx);
}

/**
 * A tuple's leading elements, by position (`point[0]`): each against the element it was, or
 * against what the position held before (the further elements' items, or any value). An
 * element added where a closed tuple (maxItems) ended breaks its readers, which take the
 * old length, even when maxItems grows with it; an element that stops being a leading one
 * becomes a further element (items, or any value). min/maxItems are compared as bounds.
 */
function diffTuple(b: Shape, h: Shape, path: string, location: SourceLocation | undefined, ctx: ShapeContext): void {
  const emit = (kind: ChangeKind, message: string) => ctx.emit({ kind, level: LEVEL[kind], event: ctx.event, property: path, message, location });
  const nb = b.prefixItems?.length ?? 0, nh = h.prefixItems?.length ?? 0;
  for (let i = 0; i < Math.max(nb, nh); i++) {
    const x = b.prefixItems?.[i], y = h.prefixItems?.[i];
    const at = `${path}[${i}]`;
    if (x && y) diffShape(x, y, at, location, ctx);
    else if (y) {
      if (b.maxItems !== undefined && b.maxItems <= i) emit('type-changed', `element ${i} (${y.type}) was added to '${path}', a tuple closed at ${b.maxItems} element${b.maxItems === 1 ? '' : 's'} (its readers take the old length)`);
      else if (b.items) diffShape(b.items, y, at, location, ctx);
      else emit('constraint-narrowed', `element ${i} of '${path}' is now typed (${y.type}); it was any JSON value`);
    } else if (x) {
      if (h.maxItems !== undefined && h.maxItems <= i) continue; // gone with the length: maxItems says it
      if (h.items) diffShape(x, h.items, at, location, ctx);
      else emit('constraint-widened', `element ${i} of '${path}' is no longer typed (any JSON value)`);
    }
  }
}

/** Privacy and words: compared whatever else changed. */
function diffWords(b: Shape, h: Shape, path: string, location: SourceLocation | undefined, ctx: ShapeContext): void {
  const emit = (kind: ChangeKind, message: string) => ctx.emit({ kind, level: LEVEL[kind], event: ctx.event, property: path, message, location });
  if (b.privacy !== h.privacy || b.contentGated !== h.contentGated) {
    const before = delivered(b, ctx.baseClasses), after = delivered(h, ctx.headClasses);
    const what = b.privacy !== h.privacy ? `privacy class ${show(b.privacy)} → ${show(h.privacy)}` : `content gating ${show(b.contentGated)} → ${show(h.contentGated)}`;
    if (before && !after) emit('privacy-restricted', `property '${path}' is no longer delivered by default (${what})`);
    else emit('privacy-changed', `property '${path}': ${what}`);
  }
  const words = TEXT.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(h[k]));
  if (words.length) emit('property-text', `property '${path}': ${words.join(', ')} changed`);
}
