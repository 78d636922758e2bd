// validateEvent on a small fixture: each rule's wording, the version field, globals,
// person properties, nested values, did-you-mean, the error cap and the options.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAndImport, loadMini, type Result, type ValidatorsModule } from './helpers.js';

const model = loadMini();
let v: ValidatorsModule;
beforeAll(async () => { v = (await generateAndImport(model)).mod; }, 60_000);

const SID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const draft = (props: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({ properties: { org_id: '42', sessionId: SID, source: 'chat', ...props }, ...rest });
const errorsOf = (r: Result) => (r.ok ? [] : r.errors);

describe('validateEvent: valid payloads', () => {
  it.each([
    ['minimal', 'workbench.draft_created', draft()],
    ['every optional key', 'workbench.draft_created', draft({ nodeCount: 3, label: 'require("fs")', tags: ['a', 'b'], detail: { code: 'AB', score: 0.5 }, counts: { x: 1 } }, { id: 'e1', timestamp: '2026-01-31T09:30:00Z', context: { any: { thing: [1] } }, dimensions: {} })],
    ['enum values with quotes and markup are data, not code', 'workbench.draft_created', draft({ label: `it's "quoted"` })],
    ['the explicit current version', 'workbench.draft_accepted', { version: 2, properties: { org_id: '1', sessionId: SID, nodeCount: 0 } }],
    ['a nullable value set to null', 'workbench.draft_accepted', { properties: { org_id: '1', sessionId: SID, nodeCount: 0, acceptedAt: null } }],
    ['the event name repeated in the payload', 'signup', { event: 'signup', properties: { org_id: '1', plan: 'pro' } }],
    ['person properties', 'signup', { properties: { org_id: '1', plan: 'pro' }, person: { $set: { plan: 'pro' }, $set_once: { first_seen: '2026-01-31' } } }],
  ])('%s', (_label, name, payload) => {
    const r = v.validateEvent(name, payload);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  });

  it('fills in the event name and, when absent, the current version', () => {
    const r = v.validateEvent('workbench.draft_accepted', { properties: { org_id: '1', sessionId: SID, nodeCount: 0 } });
    expect(r).toEqual({ ok: true, event: { event: 'workbench.draft_accepted', version: 2, properties: { org_id: '1', sessionId: SID, nodeCount: 0 } } });
  });
});

describe('validateEvent: each refusal names path, rule, expected, actual, in plain words', () => {
  it.each([
    ['wrong enum value', 'workbench.draft_created', draft({ source: 'email' }),
      { path: '/properties/source', rule: 'enum', expected: 'one of chat, template, blank', actual: "'email'", message: "properties.source must be one of chat, template, blank; got 'email'" }],
    ['a number where an enum string belongs (one error, not two)', 'workbench.draft_created', draft({ source: 7 }),
      { path: '/properties/source', rule: 'enum', message: 'properties.source must be one of chat, template, blank; got 7' }],
    ['missing taxonomy-wide global', 'workbench.draft_created', { properties: { sessionId: SID, source: 'chat' } },
      { path: '/properties/org_id', rule: 'required', actual: 'nothing', message: 'properties.org_id must be present (a global property, required on every event); got nothing' }],
    ['missing domain global', 'workbench.draft_created', { properties: { org_id: '1', source: 'chat' } },
      { path: '/properties/sessionId', rule: 'required', message: 'properties.sessionId must be present (a global property of the workbench domain, required on every workbench event); got nothing' }],
    ['missing own property', 'workbench.draft_created', { properties: { org_id: '1', sessionId: SID } },
      { path: '/properties/source', rule: 'required', message: 'properties.source must be present (required); got nothing' }],
    ['extra property, with did-you-mean', 'workbench.draft_created', draft({ nodeCont: 2 }),
      { path: '/properties/nodeCont', rule: 'additionalProperties', actual: '2', message: "properties.nodeCont is not a property of workbench.draft_created (did you mean 'nodeCount'?); got 2. Remove it, or add it to the event in the taxonomy" }],
    // Keys with '/' and '~' are escaped in the path (RFC 6901) and unescaped to find the value.
    ['an extra property whose name holds / and ~', 'workbench.draft_created', draft({ 'a/b~c': 42 }),
      { path: '/properties/a~1b~0c', rule: 'additionalProperties', actual: '42', message: 'properties["a/b~c"] is not a property of workbench.draft_created; got 42. Remove it, or add it to the event in the taxonomy' }],
    ['an extra property named like an escape, ~1', 'workbench.draft_created', draft({ 'x~1': 'v' }),
      { path: '/properties/x~01', rule: 'additionalProperties', actual: "'v'", message: `properties["x~1"] is not a property of workbench.draft_created; got 'v'. Remove it, or add it to the event in the taxonomy` }],
    ['extra envelope field, with did-you-mean', 'signup', { properties: { org_id: '1', plan: 'pro' }, timestmp: 'x' },
      { path: '/timestmp', rule: 'additionalProperties', message: "timestmp is not an event field (did you mean 'timestamp'?); got 'x'. Remove it" }],
    ['an old version', 'workbench.draft_accepted', { version: 1, properties: { org_id: '1', sessionId: SID, nodeCount: 0 } },
      { path: '/version', rule: 'version', actual: '1', message: 'version must be 2 (the current version of workbench.draft_accepted); got 1: an old version, which these validators no longer accept; send the current shape' }],
    ['a newer version', 'signup', { version: 3, properties: { org_id: '1', plan: 'pro' } },
      { path: '/version', rule: 'version', message: 'version must be 1 (the current version of signup); got 3: newer than these validators, regenerate them' }],
    ['a version that is not a number', 'signup', { version: '1', properties: { org_id: '1', plan: 'pro' } },
      { path: '/version', rule: 'version', actual: "'1'" }],
    ['another event name in the payload', 'signup', { event: 'workbench.draft_created', properties: { org_id: '1', plan: 'pro' } },
      { path: '/event', rule: 'const', message: "event must be 'signup' (the name validated against); got 'workbench.draft_created'" }],
    ['person properties on an event that sets none', 'workbench.draft_created', draft({}, { person: { $set: {} } }),
      { path: '/person', rule: 'additionalProperties' }],
    ['a wrong person property', 'signup', { properties: { org_id: '1', plan: 'pro' }, person: { $set: { plan: 'gold' } } },
      { path: '/person/$set/plan', rule: 'enum', message: 'person.$set.plan must be one of free, pro; got \'gold\'' }],
    ['a nested value too short', 'workbench.draft_created', draft({ detail: { code: 'x' } }),
      { path: '/properties/detail/code', rule: 'minLength', expected: 'at least 2 characters long', actual: "'x' (1 character)", message: "properties.detail.code must be at least 2 characters long; got 'x' (1 character)" }],
    ['a nested key missing', 'workbench.draft_created', draft({ detail: {} }),
      { path: '/properties/detail/code', rule: 'required' }],
    ['a map value out of range', 'workbench.draft_created', draft({ counts: { a: -1 } }),
      { path: '/properties/counts/a', rule: 'minimum', expected: 'at least 0', message: 'properties.counts.a must be at least 0; got -1' }],
    ['repeated array items', 'workbench.draft_created', draft({ tags: ['a', 'a'] }),
      { path: '/properties/tags', rule: 'uniqueItems', message: 'properties.tags must be an array of distinct items; got an array whose items 0 and 1 are equal' }],
    ['too many array items', 'workbench.draft_created', draft({ tags: ['a', 'b', 'c', 'd'] }),
      { path: '/properties/tags', rule: 'maxItems', message: 'properties.tags must be an array of at most 3 items; got an array of 4 items' }],
    ['a pattern', 'signup', { properties: { org_id: 'abc', plan: 'pro' } },
      { path: '/properties/org_id', rule: 'pattern', message: "properties.org_id must be a string matching /^[0-9]+$/; got 'abc'" }],
    ['a format', 'workbench.draft_created', draft({ sessionId: 'not-a-uuid' }),
      { path: '/properties/sessionId', rule: 'format', expected: 'a UUID' }],
    ['a date-time', 'workbench.draft_accepted', { properties: { org_id: '1', sessionId: SID, nodeCount: 0, acceptedAt: '2026-02-30T00:00:00Z' } },
      { path: '/properties/acceptedAt', rule: 'format', message: "properties.acceptedAt must be a date-time (RFC 3339, e.g. 2026-01-31T09:30:00Z); got '2026-02-30T00:00:00Z'" }],
    ['a type', 'workbench.draft_created', draft({ nodeCount: 'three' }),
      { path: '/properties/nodeCount', rule: 'type', expected: 'an integer', message: "properties.nodeCount must be an integer; got 'three'" }],
    ['properties missing altogether', 'signup', {},
      { path: '/properties', rule: 'required', message: 'properties must be present (required); got nothing' }],
  ])('%s', (_label, name, payload, expected) => {
    const r = v.validateEvent(name, payload);
    expect(r.ok).toBe(false);
    expect(errorsOf(r)).toContainEqual(expect.objectContaining(expected));
  });

  it('reports every error at once (allErrors), and a number for an enum string only once', () => {
    const r = v.validateEvent('workbench.draft_created', { properties: { source: 7, nodeCount: -1, extra: true } });
    expect(errorsOf(r).map((e) => `${e.rule} ${e.path}`).sort()).toEqual([
      'additionalProperties /properties/extra', 'enum /properties/source', 'minimum /properties/nodeCount',
      'required /properties/org_id', 'required /properties/sessionId',
    ]);
  });

  it.each([
    ['a typo', 'workbench.draft_creatd', "unknown event 'workbench.draft_creatd' (did you mean 'workbench.draft_created'?); add it to the taxonomy, or fix the name"],
    ['other case', 'SIGNUP', "unknown event 'SIGNUP' (did you mean 'signup'?); add it to the taxonomy, or fix the name"],
    ['nothing close', 'checkout.completed', "unknown event 'checkout.completed'; add it to the taxonomy, or fix the name"],
    ['not a string', 42, 'the event name must be a string; got 42'],
    ['an inherited name', 'constructor', "unknown event 'constructor'; add it to the taxonomy, or fix the name"],
  ])('unknown event name: %s', (_label, name, message) => {
    expect(v.validateEvent(name, draft())).toEqual({ ok: false, errors: [expect.objectContaining({ path: '/event', rule: 'event', message })] });
  });

  it('counts every error past the cap, even thousands', () => {
    const extra = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`extra${i}`, i]));
    const errors = errorsOf(v.validateEvent('workbench.draft_created', draft(extra)));
    expect(errors).toHaveLength(21);
    expect(errors[20]!.message).toBe('…and 4,980 more errors (only the first 20 are listed)');
  });

  it('lists at most maxErrors errors and counts the rest', () => {
    const extra = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`extra${i}`, i]));
    const errors = errorsOf(v.validateEvent('workbench.draft_created', draft(extra)));
    expect(errors).toHaveLength(21);
    expect(errors[20]).toMatchObject({ rule: 'maxErrors', message: '…and 30 more errors (only the first 20 are listed)' });
  });
});

describe('module exports', () => {
  it('events, isEventName, limits', () => {
    expect(v.events).toEqual([
      { name: 'signup', version: 1, domain: 'growth', versions: [1] },
      { name: 'workbench.draft_accepted', version: 2, domain: 'workbench', versions: [2] },
      { name: 'workbench.draft_created', version: 1, domain: 'workbench', versions: [1] },
    ]);
    expect(v.isEventName('signup')).toBe(true);
    expect(v.isEventName('toString')).toBe(false);
    expect(v.limits).toEqual({ maxDepth: 32, maxSize: 1_000_000, maxErrors: 20 });
  });

  it('honours the generator options (limits)', async () => {
    const { mod } = await generateAndImport(model, { maxDepth: 3, maxSize: 300, maxErrors: 2 });
    expect(mod.limits).toEqual({ maxDepth: 3, maxSize: 300, maxErrors: 2 });
    expect(errorsOf(mod.validateEvent('signup', { properties: { org_id: '1', plan: 'pro' }, context: { a: { b: {} } } }))).toEqual([expect.objectContaining({ rule: 'maxDepth', path: '/context/a/b' })]);
    expect(mod.validateEvent('signup', { properties: { org_id: '1', plan: 'pro' }, context: { a: { b: 1 } } }).ok).toBe(true);
    expect(errorsOf(mod.validateEvent('signup', { properties: { org_id: '1', plan: 'pro' }, context: { s: 'x'.repeat(300) } }))).toEqual([expect.objectContaining({ rule: 'maxSize', path: '' })]);
    expect(errorsOf(mod.validateEvent('signup', { properties: { a: 1, b: 2, c: 3 } }))).toHaveLength(3);
  });
});
