// The change classifier, case by case: one property of one event, before and after.
import { describe, expect, it } from 'vitest';
import { loadTaxonomyFromFiles, type TaxonomyModel } from '@taxonomy/core';
import { diffTaxonomies, pairRenames } from '@taxonomy/governance';

const common = {
  'taxonomy.yaml': 'name: t\nversion: 1.0.0\ndefault_destinations: [wh]\n',
  'privacy.yaml': 'classes:\n  internal: { description: i, sensitivity: 1 }\n  content: { description: c, sensitivity: 5, content_gated: true }\n  pii: { description: p, sensitivity: 8, allowed_in_events: false }\n',
  'destinations.yaml': 'destinations:\n  wh: { kind: warehouse, description: w }\n',
  'categories.yaml': 'categories:\n  c: { description: c }\n',
};

function model(domain: string, extra: Record<string, string> = {}): TaxonomyModel {
  const r = loadTaxonomyFromFiles(Object.entries({ ...common, 'domains/d.yaml': domain, ...extra }).map(([path, contents]) => ({ path, contents })));
  if (!r.model || r.failed) throw new Error(r.diagnostics.map((d) => `${d.location?.line}: ${d.message}`).join('\n'));
  return r.model;
}
const withProp = (prop: string) => `domain: d\nevents:\n  e:\n    description: E.\n    category: c\n    properties:\n      p: ${prop}\n`;
const kinds = (before: string, after: string) => diffTaxonomies(model(withProp(before)), model(withProp(after))).changes.map((c) => `${c.kind}:${c.level}`);

describe('property changes', () => {
  const s = (x: string) => `{ type: string, privacy: internal, description: P., required: false${x} }`;
  const n = (x: string) => `{ type: number, privacy: internal, description: P., required: false${x} }`;
  it.each([
    ['no change', s(''), s(''), []],
    ['type changed', s(''), n(''), ['type-changed:breaking']],
    // Issue 19: every old payload is valid and every reader of a number reads an integer.
    ['integer widened to number is additive', '{ type: integer, privacy: internal, description: P. }', n(''), ['constraint-widened:additive']],
    ['number narrowed to integer is breaking', n(''), '{ type: integer, privacy: internal, description: P. }', ['type-changed:breaking']],
    ['null allowed is additive', s(''), s(', nullable: true'), ['constraint-widened:additive']],
    ['maximum raised is additive', n(', maximum: 10'), n(', maximum: 20'), ['constraint-widened:additive']],
    ['optional → required', s(''), s('').replace('required: false', 'required: true'), ['optional-to-required:breaking']],
    ['required → optional', s('').replace('required: false', 'required: true'), s(''), ['required-to-optional:additive']],
    ['enum value removed', s(', enum: [a, b]'), s(', enum: [a]'), ['enum-value-removed:breaking']],
    ['enum value added', s(', enum: [a]'), s(', enum: [a, b]'), ['enum-value-added:additive']],
    ['enum reordered', s(', enum: [a, b, c]'), s(', enum: [c, a, b]'), ['enum-reordered:patch']],
    ['enum swapped one value', s(', enum: [a, b]'), s(', enum: [a, c]'), ['enum-value-removed:breaking', 'enum-value-added:additive']],
    ['enum introduced', s(''), s(', enum: [a]'), ['constraint-narrowed:breaking']],
    ['enum dropped', s(', enum: [a]'), s(''), ['constraint-widened:additive']],
    ['maxLength lowered', s(', maxLength: 10'), s(', maxLength: 5'), ['constraint-narrowed:breaking']],
    ['maxLength raised', s(', maxLength: 10'), s(', maxLength: 20'), ['constraint-widened:additive']],
    ['maxLength added', s(''), s(', maxLength: 20'), ['constraint-narrowed:breaking']],
    ['minimum raised', n(', minimum: 0'), n(', minimum: 1'), ['constraint-narrowed:breaking']],
    ['minimum removed', n(', minimum: 0'), n(''), ['constraint-widened:additive']],
    ['maximum lowered', n(', maximum: 9'), n(', maximum: 8'), ['constraint-narrowed:breaking']],
    ['multipleOf 2 → 4 narrows', n(', multipleOf: 2'), n(', multipleOf: 4'), ['constraint-narrowed:breaking']],
    ['multipleOf 4 → 2 widens', n(', multipleOf: 4'), n(', multipleOf: 2'), ['constraint-widened:additive']],
    ['pattern added', s(''), s(', pattern: "^a"'), ['constraint-narrowed:breaking']],
    ['pattern changed', s(', pattern: "^a"'), s(', pattern: "^b"'), ['constraint-narrowed:breaking']],
    ['pattern removed', s(', pattern: "^a"'), s(''), ['constraint-widened:additive']],
    ['format added', s(''), s(', format: uuid'), ['constraint-narrowed:breaking']],
    ['const added', s(''), s(', const: x'), ['constraint-narrowed:breaking']],
    ['no longer nullable', s(', nullable: true'), s(''), ['constraint-narrowed:breaking']],
    ['now nullable', s(''), s(', nullable: true'), ['constraint-widened:additive']],
    ['description reworded', s(''), '{ type: string, privacy: internal, description: Q., required: false }', ['property-text:patch']],
    ['examples and unit', n(''), n(', examples: [1], unit: ms'), ['property-text:patch']],
    ['class made content (gated): no longer delivered by default', s(''), '{ type: string, privacy: content, description: P., required: false }', ['privacy-restricted:breaking']],
    ['class made pii without waiver', s(''), '{ type: string, privacy: pii, description: P., required: false }', ['privacy-restricted:breaking']],
    ['class made pii with a waiver is still delivered', s(''), '{ type: string, privacy: pii, waiver: { reason: r, approver: a, expires: 2030-01-01 }, description: P., required: false }', ['privacy-changed:patch', 'property-text:patch']],
    ['items narrowed', '{ type: array, privacy: internal, description: P., items: { type: string, enum: [a, b] } }', '{ type: array, privacy: internal, description: P., items: { type: string, enum: [a] } }', ['enum-value-removed:breaking']],
    ['items became unique', '{ type: array, privacy: internal, description: P., items: { type: string } }', '{ type: array, privacy: internal, description: P., uniqueItems: true, items: { type: string } }', ['constraint-narrowed:breaking']],
    ['map values retyped', '{ type: object, privacy: internal, description: P., values: { type: string } }', '{ type: object, privacy: internal, description: P., values: { type: integer } }', ['type-changed:breaking']],
  ])('%s', (_name, before, after, expected) => {
    expect(kinds(before, after).sort()).toEqual([...expected].sort());
  });

  it('nested keys: added optional, added required, removed, retyped; with dotted paths', () => {
    const obj = (keys: string) => `{ type: object, privacy: internal, description: P., properties: { ${keys} } }`;
    const k = (t: string, req = false) => `{ type: ${t}, privacy: internal, description: K., required: ${req} }`;
    const d = diffTaxonomies(model(withProp(obj(`a: ${k('string')}, b: ${k('string')}`))), model(withProp(obj(`a: ${k('integer')}, c: ${k('boolean')}, r: ${k('string', true)}`))));
    expect(d.changes.map((c) => `${c.kind} ${c.property}`).sort()).toEqual(['property-added p.c', 'property-removed p.b', 'required-property-added p.r', 'type-changed p.a']);
  });
});

// Issue 18.3: unions, free-form values, open objects and requirements between siblings.
describe('shape changes', () => {
  const u = (kind: string, alts: string, extra = '') => `{ privacy: internal, description: P.${extra}, ${kind}: [${alts}] }`;
  const card = '{ type: object, properties: { kind: { type: string, const: card, required: true }, last4: { type: string } } }';
  const bank = '{ type: object, properties: { kind: { type: string, const: bank, required: true }, iban: { type: string } } }';
  const bankStrict = '{ type: object, properties: { kind: { type: string, const: bank, required: true }, iban: { type: string, maxLength: 34 } } }';
  const obj = (x: string) => `{ type: object, privacy: internal, description: P., properties: { a: { type: string } }${x} }`;
  const str = (x: string) => `{ type: string, privacy: internal, description: P.${x} }`;
  const tup = (elements: string, x: string) => `{ type: array, privacy: internal, description: P., prefixItems: [${elements}]${x} }`;
  it.each([
    ['an anyOf alternative added is additive', u('anyOf', '{ type: string }, { type: integer }'), u('anyOf', '{ type: string }, { type: integer }, { type: boolean }'), ['constraint-widened:additive']],
    ['an alternative removed is breaking', u('anyOf', '{ type: string }, { type: integer }, { type: boolean }'), u('anyOf', '{ type: string }, { type: integer }'), ['constraint-narrowed:breaking']],
    ['a oneOf alternative added without a discriminator may make a value match twice: breaking', u('oneOf', '{ type: string }, { type: integer }'), u('oneOf', '{ type: string }, { type: integer }, { type: number }'), ['constraint-narrowed:breaking']],
    ['a discriminated alternative added is additive', u('oneOf', `${card}, ${bank}`, ', discriminator: kind'), u('oneOf', `${card}, ${bank}, { type: object, properties: { kind: { type: string, const: cash, required: true } } }`, ', discriminator: kind'), ['constraint-widened:additive']],
    ['inside a discriminated alternative: compared by its value', u('oneOf', `${card}, ${bank}`, ', discriminator: kind'), u('oneOf', `${card}, ${bankStrict}`, ', discriminator: kind'), ['constraint-narrowed:breaking']],
    ['anyOf → oneOf is breaking', u('anyOf', '{ type: string }, { type: integer }'), u('oneOf', '{ type: string }, { type: integer }'), ['constraint-narrowed:breaking']],
    ['a type list member constrained in place', '{ type: [string, integer], privacy: internal, description: P. }', '{ type: [string, integer], maximum: 9, privacy: internal, description: P. }', ['constraint-narrowed:breaking']],
    ['a plain type that became one alternative of a union is additive', str(''), '{ type: [string, integer], privacy: internal, description: P. }', ['constraint-widened:additive']],
    ['a union that became one of its alternatives is breaking', '{ type: [string, integer], privacy: internal, description: P. }', str(''), ['constraint-narrowed:breaking']],
    ['string → json is a change of type', str(''), '{ type: json, privacy: internal, description: P. }', ['type-changed:breaking']],
    ['patternProperties on a closed object widen it', obj(''), obj(', patternProperties: { "^x_": { type: string } }'), ['constraint-widened:additive']],
    ['patternProperties on an open map hold its keys: breaking', obj(', values: { type: json }'), obj(', values: { type: json }, patternProperties: { "^x_": { type: string } }'), ['constraint-narrowed:breaking']],
    ['a pattern\'s shape narrowed', obj(', patternProperties: { "^x_": { type: string } }'), obj(', patternProperties: { "^x_": { type: string, maxLength: 3 } }'), ['constraint-narrowed:breaking']],
    ['maxProperties lowered', obj(', values: { type: string }, maxProperties: 5'), obj(', values: { type: string }, maxProperties: 4'), ['constraint-narrowed:breaking']],
    ['minProperties lowered', obj(', values: { type: string }, minProperties: 2'), obj(', values: { type: string }, minProperties: 1'), ['constraint-widened:additive']],
    ['a tuple element\'s type changed is breaking', tup('{ type: number }, { type: number }', ', maxItems: 2'), tup('{ type: number }, { type: string }', ', maxItems: 2'), ['type-changed:breaking']],
    ['an element added to a closed tuple is breaking (its readers take the old length)', tup('{ type: number }, { type: number }', ', maxItems: 2'), tup('{ type: number }, { type: number }, { type: number }', ', maxItems: 3'), ['type-changed:breaking', 'constraint-widened:additive']],
    ['an element typed where an open tuple took any value narrows it', tup('{ type: number }', ''), tup('{ type: number }, { type: string }', ''), ['constraint-narrowed:breaking']],
    ['an element that was a further item keeps its type: no change', tup('{ type: number }', ', items: { type: string }'), tup('{ type: number }, { type: string }', ', items: { type: string }'), []],
    ['a leading element dropped from an open tuple widens it', tup('{ type: number }, { type: string }', ''), tup('{ type: number }', ''), ['constraint-widened:additive']],
    ['a tuple element narrowed in place', tup('{ type: string }', ''), tup('{ type: string, maxLength: 3 }', ''), ['constraint-narrowed:breaking']],
    ['a tuple closed by maxItems', tup('{ type: string }', ''), tup('{ type: string }', ', maxItems: 1'), ['constraint-narrowed:breaking']],
    ['an array of numbers that became a tuple of numbers with any further value', '{ type: array, privacy: internal, description: P., items: { type: number } }', tup('{ type: number }', ''), ['constraint-widened:additive']],
    ['a 64-bit maximum lowered', '{ type: integer, privacy: internal, description: P., maximum: 9223372036854775807 }', '{ type: integer, privacy: internal, description: P., maximum: 9223372036854775806 }', ['constraint-narrowed:breaking']],
  ])('%s', (_name, before, after, expected) => {
    expect(kinds(before, after).sort()).toEqual([...expected].sort());
  });

  const two = (p: string, q: string) => `domain: d\nevents:\n  e:\n    description: E.\n    category: c\n    properties:\n      plan: { type: string, enum: [free, pro], privacy: internal, description: P. }\n      seats: ${p}\n      coupon: ${q}\n`;
  const i = '{ type: integer, privacy: internal, description: S.';
  const s = '{ type: string, privacy: internal, description: C.';
  it.each([
    ['requires added is breaking', two(`${i} }`, `${s} }`), two(`${i} }`, `${s}, requires: [plan] }`), ['constraint-narrowed:breaking']],
    ['requires dropped is additive', two(`${i} }`, `${s}, requires: [plan] }`), two(`${i} }`, `${s} }`), ['constraint-widened:additive']],
    ['required_when added is breaking', two(`${i} }`, `${s} }`), two(`${i}, required_when: { property: plan, in: [pro] } }`, `${s} }`), ['constraint-narrowed:breaking']],
    ['required_when for fewer values is additive', two(`${i}, required_when: { property: plan, in: [pro, free] } }`, `${s} }`), two(`${i}, required_when: { property: plan, in: [pro] } }`, `${s} }`), ['constraint-widened:additive']],
  ])('%s', (_name, before, after, expected) => {
    expect(diffTaxonomies(model(before), model(after)).changes.map((c) => `${c.kind}:${c.level}`).sort()).toEqual([...expected].sort());
  });

  it('the payload: opened is additive, closed again breaking, fewer keys allowed breaking', () => {
    const ev = (x: string) => `domain: d\nevents:\n  e:\n    description: E.\n    category: c\n${x}    properties:\n      a: { type: string, privacy: internal, description: A. }\n`;
    const k = (b: string, a: string) => diffTaxonomies(model(ev(b)), model(ev(a))).changes.map((c) => `${c.kind}:${c.level}`);
    expect(k('', '    values: { type: json }\n')).toEqual(['constraint-widened:additive']);
    expect(k('    values: { type: json }\n', '')).toEqual(['constraint-narrowed:breaking']);
    expect(k('    values: { type: json }\n    maxProperties: 9\n', '    values: { type: json }\n    maxProperties: 3\n')).toEqual(['constraint-narrowed:breaking']);
    expect(k('    values: { type: json }\n', '    values: { type: string }\n')).toEqual(['type-changed:breaking']);
  });
});

describe('event changes', () => {
  const ev = (name: string, props: string, extra = '') => `  ${name}:\n    description: ${name} happened.\n    trigger: When ${name}.\n    category: c\n${extra}    properties:\n${props}`;
  const P = '      amount: { type: number, privacy: internal, description: A., required: true }\n      kind: { type: string, enum: [x, y], privacy: internal, description: K., required: false }\n';
  const dom = (...events: string[]) => `domain: d\nevents:\n${events.join('')}`;

  it('a removed and an added event with the same own properties are one rename', () => {
    const d = diffTaxonomies(model(dom(ev('order_placed', P))), model(dom(ev('order_submitted', P))));
    // The words changed with the name (a patch on top of the breaking rename).
    expect(d.changes.map((c) => c.kind)).toEqual(['event-renamed', 'event-text']);
    expect(d.events).toMatchObject([{ name: 'order_submitted', status: 'renamed', from: 'order_placed', level: 'breaking' }]);
    expect(d.bump).toBe('major');
  });

  it('different properties are a remove and an add, not a rename', () => {
    const d = diffTaxonomies(model(dom(ev('order_placed', P))), model(dom(ev('refund_issued', '      reason: { type: string, enum: [a], privacy: internal, description: R. }\n'))));
    expect(d.changes.map((c) => c.kind).sort()).toEqual(['event-added', 'event-removed']);
  });

  it('an added event whose changelog names the removed one is a rename even with new properties', () => {
    const after = ev('order_submitted', '      total: { type: number, privacy: internal, description: T. }\n', '    changelog:\n      - { version: 1, change: Renamed from order_placed. }\n');
    const d = diffTaxonomies(model(dom(ev('order_placed', P))), model(dom(after)));
    expect(d.events.map((e) => `${e.status} ${e.from ?? ''}`)).toEqual(['renamed order_placed']);
  });

  it('an event is identified by namespace and name: a second vendor\'s add_to_cart is an addition, moving an event to another namespace a (breaking) rename', () => {
    const ns = (namespace: string, ...events: string[]) => `domain: d\nnamespace: ${namespace}\nevents:\n${events.join('')}`;
    const other = { 'domains/o.yaml': `domain: o\nnamespace: com.acme\nevents:\n${ev('add_to_cart', P)}` };
    const base = model(ns('io.snowplow.ecomm', ev('add_to_cart', P)));
    const added = diffTaxonomies(base, model(ns('io.snowplow.ecomm', ev('add_to_cart', P)), other));
    expect(added.events.map((e) => `${e.name} ${e.status} ${e.level}`)).toEqual(['com.acme/add_to_cart added additive']);
    const moved = diffTaxonomies(base, model(ns('io.snowplow', ev('add_to_cart', P))));
    expect(moved.events).toMatchObject([{ name: 'io.snowplow/add_to_cart', status: 'renamed', from: 'io.snowplow.ecomm/add_to_cart', level: 'breaking' }]);
  });

  it('a name as teams write it (Title Case, spaces) is diffed by its exact spelling: respelling it is a rename', () => {
    const d = diffTaxonomies(model(dom(ev('Order Completed', P))), model(dom(ev('order_completed', P))));
    expect(d.events).toMatchObject([{ name: 'order_completed', status: 'renamed', from: 'Order Completed', level: 'breaking' }]);
  });

  it('renames pair one to one', () => {
    const base = model(dom(ev('a_one', P), ev('b_two', P)));
    const head = model(dom(ev('c_three', P)));
    const pairs = pairRenames(base.events, head.events);
    expect([...pairs.keys()]).toEqual(['a_one']);
  });

  it('a property renamed to a similar name with the same shape is a rename', () => {
    const P2 = P.replace('amount:', 'amount_total:');
    const d = diffTaxonomies(model(dom(ev('o', P))), model(dom(ev('o', P2))));
    expect(d.changes.map((c) => `${c.kind} ${c.property}`)).toEqual(['property-renamed amount_total']);
  });

  it('text and metadata are patches; deprecating is additive', () => {
    const d = diffTaxonomies(model(dom(ev('o', P))), model(dom(ev('o', P, '    owner: team\n    tags: [x]\n').replace('o happened.', 'o happened today.'))));
    expect(d.changes.map((c) => `${c.kind}:${c.level}`).sort()).toEqual(['event-metadata:patch', 'event-text:patch']);
    const dep = diffTaxonomies(model(dom(ev('o', P), ev('p', P))), model(dom(ev('o', P, '    status: deprecated\n    deprecated: { replacement: p }\n'), ev('p', P))));
    expect(dep.changes.map((c) => `${c.kind}:${c.level}`).sort()).toEqual(['event-deprecated:additive', 'event-metadata:patch']);
    expect(dep.bump).toBe('minor');
  });

  it('metrics: removed is breaking, added additive, a new definition additive, words a patch', () => {
    const events = dom(ev('o', P), ev('p', P));
    const m = (body: string) => ({ 'metrics.yaml': `metrics:\n${body}` });
    const cnt = (name: string, event: string, desc = 'Count.') => `  ${name}:\n    description: ${desc}\n    type: count\n    events: [{ event: ${event} }]\n`;
    const d = diffTaxonomies(model(events, m(cnt('gone', 'o') + cnt('same', 'o') + cnt('redef', 'o'))), model(events, m(cnt('same', 'o', 'Counted.') + cnt('redef', 'p') + cnt('fresh', 'o'))));
    expect(d.changes.map((c) => `${c.kind}:${c.level} ${c.metric}`).sort()).toEqual(['metric-added:additive fresh', 'metric-changed:additive redef', 'metric-removed:breaking gone', 'metric-text:patch same']);
  });

  it('without a base there is nothing to compare', () => {
    expect(diffTaxonomies(undefined, model(dom(ev('o', P))))).toEqual({ changes: [], events: [], bump: 'none' });
  });
});
