import { describe, expect, it } from 'vitest';
import { exportSegmentPlan, importSegmentPlan, type ImportResult } from '@taxonomy/interop';
import { makeSegmentPlan } from '../../../bench/make-segment-plan.mjs';
import { loadDomain } from './helpers.js';

const rule = (key: string | undefined, props: Record<string, unknown>, extra: Record<string, unknown> = {}, type = 'TRACK') => ({
  ...(key === undefined ? {} : { key }), type, version: 1,
  jsonSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { context: {}, traits: {}, properties: { type: 'object', properties: props, ...extra } } },
});
const plan = (...rules: unknown[]) => JSON.stringify({ rules }, null, 2);
const run = (text: string) => importSegmentPlan(text, { domain: 'shop', sourceName: 'plan.json' });
const messages = (r: ImportResult, list: 'unmapped' | 'guessed' | 'findings') => r.report[list].map((i) => i.message).join('\n');

describe('import segment: what maps', () => {
  it('reads TRACK rules into events with typed, required, nested and enum properties', () => {
    const r = run(plan(rule('checkout.order_completed', {
      order_id: { type: 'string', format: 'uuid', description: 'The order.' },
      total: { type: 'number', minimum: 0 },
      currency: { type: 'string', enum: ['USD', 'EUR'] },
      coupon: { type: ['string', 'null'], maxLength: 20 },
      items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] }, minItems: 1 },
      attributes: { type: 'object', additionalProperties: { type: 'string' } },
    }, { required: ['order_id', 'total'] })));
    expect(r.exitCode).toBe(0);
    expect(r.yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../packages/core/schema/domain.schema.json');
    const e = loadDomain(r.yaml, 'shop').events[0]!;
    expect(e.name).toBe('checkout.order_completed');
    expect(e.properties.map((p) => [p.name, p.type, p.required])).toEqual([
      ['order_id', 'string', true], ['total', 'number', true], ['currency', 'string', false], ['coupon', 'string', false], ['items', 'array', false], ['attributes', 'object', false],
    ]);
    expect(e.properties[0]).toMatchObject({ format: 'uuid', description: 'The order.' });
    expect(e.properties[2]!.enum).toEqual(['USD', 'EUR']);
    expect(e.properties[3]).toMatchObject({ nullable: true, maxLength: 20 });
    expect(e.properties[4]!.items!.properties![0]).toMatchObject({ name: 'sku', required: true });
    expect(e.properties[5]!.values).toMatchObject({ type: 'string' });
    expect(r.report.verification.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('factors a property defined identically in several events out as a shared property', () => {
    const id = { type: 'string', format: 'uuid', description: 'The user.' };
    const r = run(plan(rule('a_done', { user_id: id }, { required: ['user_id'] }), rule('b_done', { user_id: id }), rule('c_done', { user_id: { type: 'integer' } })));
    expect(r.yaml).toMatch(/^properties:\n {2}user_id: \{type: string, format: uuid, description: The user\.\}$/m);
    expect(r.yaml).toContain('user_id: {ref: user_id, required: true}');
    expect(r.yaml).toContain('user_id: {type: integer}');
    expect(messages(r, 'findings')).toContain("property 'user_id' has 2 different definitions across events (2 events share one, factored out; 1 keep their own: c_done)");
  });

  it('maps IDENTIFY traits to person properties, GROUP traits and PAGE rules to events, COMMON to global properties', () => {
    const traits = (props: Record<string, unknown>) => ({ properties: { traits: { type: 'object', properties: props } } });
    const r = run(plan(
      { type: 'IDENTIFY', version: 1, jsonSchema: traits({ email: { type: 'string', format: 'email' } }) },
      { type: 'GROUP', version: 1, jsonSchema: traits({ plan: { type: 'string' } }) },
      { key: 'Home', type: 'PAGE', version: 1, jsonSchema: { properties: { properties: { type: 'object', properties: { path: { type: 'string' } } } } } },
      { type: 'COMMON', version: 1, jsonSchema: { properties: { properties: { type: 'object', properties: { app_version: { type: 'string' } }, required: ['app_version'] } } } },
    ));
    const m = loadDomain(r.yaml, 'shop');
    const by = Object.fromEntries(m.events.map((e) => [e.name, e]));
    expect(by.identify!.personProperties.set.map((p) => p.name)).toEqual(['email']);
    expect(by.identify!.extensions['x-segment-type']).toBe('IDENTIFY');
    expect(by.group!.properties.map((p) => p.name)).toEqual(['app_version', 'plan']);
    expect(by.Home!.extensions['x-segment-type']).toBe('PAGE');
    expect(m.events.every((e) => e.properties.some((p) => p.name === 'app_version' && p.required && p.origin === 'domain'))).toBe(true);
    // ...and they export back as the same rule types.
    const back = JSON.parse(exportSegmentPlan(m).files[0]!.contents).rules as { type: string; key?: string }[];
    expect(back.map((x) => [x.type, x.key])).toEqual([['PAGE', 'Home'], ['GROUP', undefined], ['IDENTIFY', undefined]]);
  });

  it('keeps the highest version of an event and notes the others in changelog', () => {
    const r = run(plan({ ...rule('signup', { a: { type: 'string' } }), version: 1 }, { ...rule('signup', { a: { type: 'string' }, b: { type: 'integer' } }), version: 3 }));
    const e = loadDomain(r.yaml, 'shop').events[0]!;
    expect([e.version, e.properties.map((p) => p.name), e.changelog.map((c) => c.version)]).toEqual([3, ['a', 'b'], [1]]);
    expect(messages(r, 'guessed')).toContain("'signup' has versions 1 and 3: version 3 imported");
  });

  it('reads the Config API shape (rules.events[]) too', () => {
    const r = run(JSON.stringify({ display_name: 'Web', rules: { events: [{ name: 'Signed Up', description: 'A signup.', version: 1, rules: { properties: { properties: { type: 'object', properties: { plan: { type: 'string' } } } } } }] } }));
    const e = loadDomain(r.yaml, 'shop').events[0]!;
    expect([e.name, e.description, e.extensions['x-segment-key']]).toEqual(['Signed Up', 'A signup.', undefined]);
  });
});

describe('import segment: names are kept, never silently renamed', () => {
  it('a Title Case name is kept as written; a property key the format cannot hold is imported in snake_case with its wire name', () => {
    const r = run(plan(rule('Order Completed', { 'Coupon Code': { type: 'string' } }), rule('Product Viewed', {})));
    const m = loadDomain(r.yaml, 'shop');
    expect(m.events.map((e) => [e.name, e.extensions['x-segment-key']])).toEqual([['Order Completed', undefined], ['Product Viewed', undefined]]);
    expect(m.domains[0]!.naming).toBe('title');
    expect(messages(r, 'guessed')).toContain('every event name is title: naming: title');
    expect(r.report.findings.map((f) => f.where)).toEqual(['plan.json:16:15 #/rules/0/jsonSchema/properties/properties/properties/Coupon Code']);
    expect(m.events[0]!.properties[0]).toMatchObject({ name: 'coupon_code', extensions: { 'x-wire-name': 'Coupon Code' } });
    const back = JSON.parse(exportSegmentPlan(m).files[0]!.contents).rules;
    expect(back.map((x: { key: string }) => x.key).sort()).toEqual(['Order Completed', 'Product Viewed']);
    expect(Object.keys(back.find((x: { key: string }) => x.key === 'Order Completed').jsonSchema.properties.properties.properties)).toEqual(['Coupon Code']);
  });

  it('two names that fold to one identifier (Order Completed, order_completed): the first keeps its spelling, the other is mapped and reported', () => {
    const r = run(plan(rule('Order Completed', {}), rule('order_completed', {})));
    const m = loadDomain(r.yaml, 'shop');
    expect(m.events.map((e) => [e.name, e.extensions['x-segment-key']])).toEqual([['Order Completed', undefined], ['order_completed_2', 'order_completed']]);
    expect(r.report.findings.map((f) => f.where)).toEqual(['plan.json:20:5 #/rules/1', 'plan.json']);
    expect(messages(r, 'findings')).toMatch(/event name 'order_completed' differs from 'Order Completed' only in case or separators.*imported as 'order_completed_2' with x-segment-key: 'order_completed'/);
    expect(r.exitCode).toBe(1);
    const back = JSON.parse(exportSegmentPlan(m).files[0]!.contents).rules;
    expect(back.map((x: { key: string }) => x.key).sort()).toEqual(['Order Completed', 'order_completed']);
  });

  it.each([
    ['punctuation', 'Order Completed!', 'order_completed'],
    ['a double space', 'Order  Completed', 'order_completed'],
    ['a line break', 'Order\nCompleted', 'order_completed'],
  ])('a name with %s is imported in snake_case with x-segment-key, and exported back as written', (_, wire, name) => {
    const r = run(plan(rule(wire, {})));
    const m = loadDomain(r.yaml, 'shop');
    expect(m.events.map((e) => [e.name, e.extensions['x-segment-key']])).toEqual([[name, wire]]);
    expect(messages(r, 'findings')).toContain(`is not a valid taxonomy event name`);
    expect(JSON.parse(exportSegmentPlan(m).files[0]!.contents).rules[0].key).toBe(wire);
  });

  it.each([['punctuation', '!!!', '"!!!"'], ['line breaks and YAML syntax', '!\n--- |\u2028#\r-', '"!\\n--- |\\u2028#\\r-"']])(
    'a name that is empty after folding (%s) is not imported, with its place, and its TODO comment cannot break the YAML', (_, wire, shown) => {
      const r = run(plan(rule(wire, {}), rule('Order Completed', {})));
      expect(r.report.unmapped.map((u) => [u.where, u.message])).toEqual([['plan.json:3:5 #/rules/0', expect.stringContaining(`no valid event name can be made from ${shown}: it has no letter or digit`)]]);
      expect(r.yaml).toContain(`# TODO(import): plan.json:3:5 #/rules/0: rule 0 (${shown}) not imported`);
      expect(r.exitCode).toBe(1);
      expect(loadDomain(r.yaml, 'shop').events.map((e) => e.name)).toEqual(['Order Completed']);
    });

  it('mixed naming conventions are a finding with the suggested rename, and naming: is not set', () => {
    const r = run(plan(rule('order_completed', {}), rule('order_viewed', {}), rule('cartViewed', {})));
    expect(r.exitCode).toBe(1);
    expect(messages(r, 'findings')).toContain("event names mix naming conventions: most are snake, but not 'cartViewed'");
    expect(r.report.findings[0]!.hint).toContain("'cartViewed' → 'cart_viewed'");
    expect(r.yaml).not.toMatch(/^naming:/m);
    expect(loadDomain(r.yaml, 'shop').events.map((e) => e.name).sort()).toEqual(['cartViewed', 'order_completed', 'order_viewed']);
  });
});

describe('import segment: bad input gives a clear report, keeps what it can, exits non-zero', () => {
  const good = rule('good_event', { a: { type: 'string' } });
  const cases: [string, string, RegExp, string[]][] = [
    ['a truncated plan', plan(good, rule('cut_event', { b: { type: 'string' } })).slice(0, -60), /plan\.json:\d+:\d+ .*(truncated|end of the file)|cut off by the syntax error/, ['good_event']],
    ['duplicate keys', '{"rules": [{"key": "dup_event", "key": "dup_event2", "type": "TRACK", "version": 1, "jsonSchema": {}}]}', /plan\.json:1:33 #\/rules\/0\/key key "key" is written twice in this object \(first at 1:13\); the last value is kept/, ['dup_event2']],
    ['contains', plan(rule('p_event', { m: { type: 'array', items: { type: 'string' }, contains: { const: 'x' } } })), /'contains' \(on 'm'\) is a JSON Schema keyword the taxonomy format cannot hold/, ['p_event']],
    ['if/then/else', plan(rule('c_event', { s: { type: 'string', if: { minLength: 3 }, then: { pattern: '^a' }, else: { pattern: '^b' } } })), /'s' has if\/then but is not an object/, ['c_event']],
    ['$dynamicRef', plan(rule('d_event', { t: { type: 'object', $dynamicRef: '#node' } })), /'\$dynamicRef' \(on 't'\) is a JSON Schema keyword the taxonomy format cannot hold/, ['d_event']],
    ['a recursive $ref', JSON.stringify({ rules: [{ key: 'tree_event', type: 'TRACK', version: 1, jsonSchema: { definitions: { node: { type: 'object', properties: { kids: { type: 'array', items: { $ref: '#/definitions/node' } } } } }, properties: { properties: { type: 'object', properties: { root: { $ref: '#/definitions/node' } } } } } }] }), /recursive \$ref '#\/definitions\/node'/, ['tree_event']],
    ['a $ref to nothing', plan(rule('r_event', { x: { $ref: '#/definitions/missing' }, y: { type: 'string' } })), /\$ref '#\/definitions\/missing' points at nothing/, ['r_event']],
    ['a property whose schema is false', plan(rule('t_event', { never: false, ok: { type: 'string' } })), /'never' has the schema false \(no value is valid\)/, ['t_event']],
    ['a property that is always null', plan(rule('u_event', { v: { type: 'null' } })), /'v' accepts null only/, ['u_event']],
    ['no rules at all', '{"name": "empty"}', /no tracking-plan rules found/, []],
    ['not JSON', 'rules: []', /expected a value but found "r"/, []],
    ['an empty file', '', /the file is empty/, []],
  ];
  it.each(cases)('%s', (_name, text, pattern, events) => {
    const r = run(text);
    expect(r.exitCode).toBe(1);
    expect(r.report.unmapped.map((u) => `${u.where} ${u.message}`).join('\n')).toMatch(pattern);
    for (const u of r.report.unmapped) expect(u.hint).toBeTruthy();
    // Partial results are kept, and what was kept loads.
    expect(loadDomain(r.yaml, 'shop').events.map((e) => e.name)).toEqual(events);
    expect(r.report.verification.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('puts a TODO comment in the YAML next to each thing it could not map', () => {
    const r = run(plan(rule('p_event', { m: { type: 'string', contains: { const: 'x' } }, nul: { type: 'null' } })));
    expect(r.yaml).toMatch(/# TODO\(import\): property 'nul' not imported: 'nul' accepts null only\n {2}p_event:/);
    expect(r.yaml).toMatch(/# TODO\(import\): the source uses 'contains' here.*\n {6}m: \{type: string\}/);
  });

  it('locates problems by line:column (at the key) and JSON pointer', () => {
    const line3 = '    { "key": "x_event", "type": "TRACK", "version": 1, "jsonSchema": { "properties": { "properties": { "type": "object", "properties": { "q": { "type": "string", "not": {} } } } } } }';
    const r = run(`{\n  "rules": [\n${line3}\n  ]\n}\n`);
    expect(r.report.unmapped[0]!.where).toBe(`plan.json:3:${line3.indexOf('"not"') + 1} #/rules/0/jsonSchema/properties/properties/properties/q/not`);
  });
});

describe('a 2,000-event plan', () => {
  it('imports completely (timing is in bench/interop.bench.mjs)', () => {
    const r = importSegmentPlan(JSON.stringify(makeSegmentPlan(2000)), { domain: 'big' });
    expect(r.exitCode).toBe(0);
    expect(r.draft.events).toHaveLength(2000);
    expect(r.report.verification.filter((d) => d.severity === 'error')).toEqual([]);
    // Every property name has one shape across events (amount differs by description only): all are shared.
    expect([...r.draft.properties.keys()].sort()).toEqual(['amount', 'detail', 'platform', 'sent_at', 'session_id', ...Array.from({ length: 30 }, (_, k) => `shared_${k}`), ...Array.from({ length: 7 }, (_, k) => `status_${k}`), 'tags', 'user_id'].sort());
    expect(r.draft.events[5]!.properties.get('amount')).toEqual({ ref: 'amount', description: 'Amount of event 5.' });
    const e36 = r.draft.events.find((e) => e.name === 'object_3.action_6')!;
    expect([e36.version, e36.description, [...e36.properties.keys()]]).toEqual([2, 'Synthetic event 36.', ['user_id', 'session_id', 'platform', 'sent_at', 'shared_12', 'shared_13', 'status_1', 'amount', 'tags', 'detail']]);
  }, 120_000);
});
