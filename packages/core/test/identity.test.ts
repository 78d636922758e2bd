import { describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { loadTaxonomy } from '@taxonomy/core';
import { CATEGORIES, ROOT, writeTaxonomy } from './helpers.js';
import { foldName } from '../src/resolve/identity.js';

function check(domains: Record<string, string>, root = ROOT) {
  const dir = writeTaxonomy({ 'taxonomy.yaml': root, 'categories.yaml': CATEGORIES, ...domains });
  return loadTaxonomy(dir, { cwd: dirname(dir) });
}
const ev = (name: string, props = '{}') => `  ${name}:\n    category: core_loop\n    properties: ${props}\n`;

describe('identity: names that differ only in case or separators', () => {
  it.each([
    ['signup', 'signup'], ['SIGNUP', 'signup'], ['sign_up', 'signup'], ['sign.up', 'signup'], ['Sign-Up', 'signup'], ['$set', '$set'],
  ])('folds %s to %s', (name, folded) => expect(foldName(name)).toBe(folded));

  it.each([
    ['case', 'signup', 'SIGNUP'],
    ['separator', 'sign_up', 'signup'],
    ['dot against underscore', 'workspace.created', 'workspace_created'],
  ])('two events of one domain differing by %s: an error naming both places', (_, a, b) => {
    const r = check({ 'domains/a.yaml': `domain: a\nowner: t\nevents:\n${ev(a)}${ev(b)}` });
    const d = r.diagnostics.filter((x) => x.code === 'identity/event');
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('error');
    expect(d[0]!.message).toContain(`'${a}'`);
    expect(d[0]!.message).toContain(`'${b}'`);
    // The second event is the one reported, and the first is named with its line.
    expect(d[0]!.location).toMatchObject({ file: 'taxonomy/domains/a.yaml', line: 7 });
    expect(d[0]!.message).toContain('taxonomy/domains/a.yaml:4:3');
    expect(r.failed).toBe(true);
  });

  it('the same names in two domains are legitimate (the seed has workspace.created and workspace_created)', () => {
    const r = check({ 'domains/a.yaml': `domain: a\nowner: t\nevents:\n${ev('signup')}`, 'domains/b.yaml': `domain: b\nowner: t\nevents:\n${ev('SIGNUP')}` });
    expect(r.diagnostics.filter((x) => x.code.startsWith('identity/'))).toEqual([]);
    expect(r.failed).toBe(false);
  });

  it('property keys of one payload, including the globals it inherits', () => {
    const root = `${ROOT}global_properties:\n  userId: { type: string }\n`;
    const r = check({ 'domains/a.yaml': `domain: a\nowner: t\nevents:\n${ev('x', '{ user_id: { type: string }, nested: { type: object, properties: { aB: { type: string }, a_b: { type: string } } } }')}` }, root);
    const d = r.diagnostics.filter((x) => x.code === 'identity/property');
    expect(d.map((x) => x.message)).toEqual([
      expect.stringContaining(`property 'user_id' of event 'x' differs from 'userId'`),
      expect.stringContaining(`property 'a_b' of event 'x'.nested differs from 'aB'`),
    ]);
    expect(d[0]!.hint).toContain('exclude_global_properties: [userId]');
  });

  it('$-prefixed vendor names stay apart from plain ones', () => {
    const r = check({ 'domains/a.yaml': `domain: a\nowner: t\nreserved_prefix: $\nevents:\n${ev('$pageview')}${ev('pageview')}` });
    expect(r.diagnostics.filter((x) => x.code.startsWith('identity/'))).toEqual([]);
  });
});

describe('names as teams write them (Title Case, spaces) and derived identifiers', () => {
  const q = (name: string) => JSON.stringify(name);

  it('an event name with spaces loads and keeps its spelling; naming: title accepts it', () => {
    const r = check({ 'domains/shop.yaml': `domain: shop\nowner: t\nnaming: title\nevents:\n${ev(q('Order Completed'))}${ev(q('Product List Viewed'))}${ev('Signup')}` });
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.model!.events.map((e) => e.name).sort()).toEqual(['Order Completed', 'Product List Viewed', 'Signup']);
  });

  it.each([
    ['snake_case', 'order_completed'], ['lower words', 'order completed'], ['a lower-case word after the first', 'Order completed'],
  ])('naming: title refuses %s, with the Title Case spelling as the fix', (_, name) => {
    const r = check({ 'domains/shop.yaml': `domain: shop\nowner: t\nnaming: title\nevents:\n${ev(q(name))}` });
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d).toHaveLength(1);
    expect(d[0]!.location).toMatchObject({ file: 'taxonomy/domains/shop.yaml', line: 5, column: 3 });
    expect(`${d[0]!.message} ${d[0]!.hint}`).toContain('Order Completed');
  });

  it.each(['Order  Completed', ' Order Completed', 'Order Completed ', 'Order\tCompleted', 'Order\nCompleted', 'Order\u2028Completed', 'Order "Completed"'])(
    'an event name with unusual white space or quotes is refused by the schema, at its key: %j', (name) => {
      const r = check({ 'domains/shop.yaml': `domain: shop\nowner: t\nevents:\n${ev(q(name))}` });
      const d = r.diagnostics.filter((x) => x.code === 'schema/invalid-name');
      expect(d).toHaveLength(1);
      expect(d[0]!.location).toMatchObject({ file: 'taxonomy/domains/shop.yaml', line: 4, column: 3 });
      expect(r.failed).toBe(true);
    });

  it('two names of one domain that fold to one identifier (Order Completed, order_completed): an error naming both', () => {
    const r = check({ 'domains/shop.yaml': `domain: shop\nowner: t\nevents:\n${ev(q('Order Completed'))}${ev('order_completed')}` });
    const d = r.diagnostics.filter((x) => x.code === 'identity/event');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(`'order_completed' differs from 'Order Completed' (taxonomy/domains/shop.yaml:4:3)`);
    expect(d[0]!.location).toMatchObject({ line: 7, column: 3 });
  });

  it('a property name that is empty after folding (`_`, `$_`): identity/empty at its definition, once', () => {
    const root = `${ROOT}global_properties:\n  $_: { type: string }\n`;
    const r = check({ 'domains/a.yaml': `domain: a\nowner: t\nevents:\n${ev('x', '{ _: { type: string } }')}${ev('y')}` }, root);
    const d = r.diagnostics.filter((x) => x.code === 'identity/empty');
    // Sorted by place: the event's own property, then the global one (merged into x and y, reported once).
    expect(d.map((x) => x.message)).toEqual([expect.stringContaining(`property name '_' has no letter or digit`), expect.stringContaining(`property name '$_' has no letter or digit`)]);
    expect(d[0]!.location).toMatchObject({ file: 'taxonomy/domains/a.yaml', line: 6 });
    expect(d[1]!.location).toMatchObject({ file: 'taxonomy/taxonomy.yaml' });
    expect(r.failed).toBe(true);
  });

  it('names of different domains whose SQL names collide even with the domain appended: identity/derived, naming both', () => {
    // 'Order Completed' in shop is order_completed__shop once order_completed (domain b) keeps its
    // own name; an event literally named order_completed__shop in domain c then takes that name.
    const r = check({
      'domains/shop.yaml': `domain: shop\nowner: t\nevents:\n${ev(q('Order Completed'))}`,
      'domains/b.yaml': `domain: b\nowner: t\nevents:\n${ev('order_completed')}`,
      'domains/c.yaml': `domain: c\nowner: t\nevents:\n${ev('order_completed__shop')}`,
    });
    const d = r.diagnostics.filter((x) => x.code === 'identity/derived');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(`'order_completed__shop'`);
    expect(d[0]!.message).toContain(`'Order Completed'`);
    expect(r.failed).toBe(true);
  });

  it('names of different domains that fold together get distinct derived names, and no finding', () => {
    const r = check({ 'domains/shop.yaml': `domain: shop\nowner: t\nevents:\n${ev(q('Order Completed'))}`, 'domains/b.yaml': `domain: b\nowner: t\nevents:\n${ev('order_completed')}` });
    expect(r.diagnostics.filter((x) => x.code.startsWith('identity/'))).toEqual([]);
  });
});

describe('one event-name grammar', () => {
  it('EVENT_NAME, EVENT_REF and NAMESPACE (used by importers and generators) are the meta-schema patterns', async () => {
    const { EVENT_NAME, EVENT_REF, NAMESPACE } = await import('@taxonomy/core');
    const { readFileSync } = await import('node:fs');
    const meta = JSON.parse(readFileSync(new URL('../schema/taxonomy.schema.json', import.meta.url), 'utf8'));
    expect(EVENT_NAME.source).toBe(meta.$defs.eventName.pattern);
    // Compared as RegExp sources (which escape '/').
    expect(EVENT_REF.source).toBe(new RegExp(meta.$defs.eventRef.pattern).source);
    expect(NAMESPACE.source).toBe(meta.$defs.namespace.pattern);
  });
});

describe('namespaces: two vendors\' add_to_cart coexist, and a namespace may not shadow another', () => {
  const nsDomain = (domain: string, namespace: string | undefined, events: string) => `domain: ${domain}\nowner: t\n${namespace ? `namespace: ${namespace}\n` : ''}events:\n${events}`;

  it('the identity (and wire name) of a namespaced event is namespace/name; the same name in two namespaces is two events', () => {
    const r = check({
      'domains/snowplow.yaml': nsDomain('snowplow', 'io.snowplow.ecomm', ev('add_to_cart')),
      'domains/acme.yaml': nsDomain('acme', 'com.acme-shop', `${ev('add_to_cart')}  old_add:\n    category: core_loop\n    status: deprecated\n    deprecated: { replacement: add_to_cart }\n`),
      'domains/plain.yaml': nsDomain('plain', undefined, ev('add_to_cart')),
    });
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const m = r.model!;
    expect(m.events.map((e) => [e.name, e.namespace, e.domain]).sort()).toEqual([
      ['add_to_cart', undefined, 'plain'], ['com.acme-shop/add_to_cart', 'com.acme-shop', 'acme'], ['com.acme-shop/old_add', 'com.acme-shop', 'acme'], ['io.snowplow.ecomm/add_to_cart', 'io.snowplow.ecomm', 'snowplow'],
    ]);
    expect(m.domains.find((d) => d.name === 'acme')).toMatchObject({ namespace: 'com.acme-shop', events: ['com.acme-shop/add_to_cart', 'com.acme-shop/old_add'] });
    // A replacement written without a namespace names an event of the domain's own namespace.
    expect(m.events.find((e) => e.name === 'com.acme-shop/old_add')!.deprecated!.replacement).toBe('com.acme-shop/add_to_cart');
  });

  it('a metric names a namespaced event by its identity; the bare name is an unknown event', () => {
    const metrics = (event: string) => ({ 'metrics/m.yaml': `metrics:\n  carts:\n    description: Carts.\n    type: count\n    events: [{ event: ${JSON.stringify(event)} }]\n    window: 30d\n` });
    const ok = check({ 'domains/snowplow.yaml': nsDomain('snowplow', 'io.snowplow.ecomm', ev('add_to_cart')), ...metrics('io.snowplow.ecomm/add_to_cart') });
    expect(ok.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const bad = check({ 'domains/snowplow.yaml': nsDomain('snowplow', 'io.snowplow.ecomm', ev('add_to_cart')), ...metrics('add_to_cart') });
    expect(bad.diagnostics.filter((x) => x.severity === 'error').map((x) => x.message).join('\n')).toContain('add_to_cart');
    expect(bad.failed).toBe(true);
  });

  it.each([
    ['a namespace that is a prefix of another plus the first segment', 'io.snowplow', 'ecomm.add_to_cart', 'io.snowplow.ecomm', 'add_to_cart'],
    ['a dotted event of a domain without a namespace', undefined, 'io.snowplow.ecomm.add_to_cart', 'io.snowplow.ecomm', 'add_to_cart'],
  ])('%s: identity/namespace at the later event, naming the other', (_, ns1, e1, ns2, e2) => {
    const r = check({ 'domains/a.yaml': nsDomain('a', ns1, ev(e1)), 'domains/b.yaml': nsDomain('b', ns2, ev(e2)) });
    const d = r.diagnostics.filter((x) => x.code === 'identity/namespace');
    expect(d).toHaveLength(1);
    expect(d[0]!.location).toMatchObject({ file: 'taxonomy/domains/b.yaml', line: ns2 ? 5 : 4, column: 3 });
    expect(d[0]!.message).toContain(`'io.snowplow.ecomm/add_to_cart'`);
    expect(d[0]!.message).toContain('taxonomy/domains/a.yaml:');
    expect(r.failed).toBe(true);
  });

  it('the same name twice in one namespace (two domains) is a duplicate event', () => {
    const r = check({ 'domains/a.yaml': nsDomain('a', 'com.acme', ev('add_to_cart')), 'domains/b.yaml': nsDomain('b', 'com.acme', ev('add_to_cart')) });
    const d = r.diagnostics.filter((x) => x.code === 'duplicate/event');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(`event 'com.acme/add_to_cart' is already defined at taxonomy/domains/a.yaml:5:3`);
  });

  it.each(['IO.Snowplow', 'io..snowplow', 'io/snowplow', '.io', 'io.snowplow.', '1io'])('a namespace outside reverse-DNS form is refused at its value: %s', (ns) => {
    const r = check({ 'domains/a.yaml': nsDomain('a', JSON.stringify(ns), ev('add_to_cart')) });
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain('a namespace in reverse-DNS form');
    expect(d[0]!.location).toMatchObject({ file: 'taxonomy/domains/a.yaml', line: 3 });
  });
});

describe('namespaces written on the event key (several vendors in one domain file)', () => {
  it('a key namespace/name brings its own namespace, overriding the domain\'s; the same name under two namespaces is two events', () => {
    const r = check({ 'domains/vendors.yaml': `domain: vendors\nowner: t\nnamespace: com.acme\nevents:\n${ev('io.snowplow.ecomm/add_to_cart')}${ev('com.google.analytics/add_to_cart')}${ev('add_to_cart')}` });
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.model!.events.map((e) => [e.name, e.namespace]).sort()).toEqual([
      ['com.acme/add_to_cart', 'com.acme'], ['com.google.analytics/add_to_cart', 'com.google.analytics'], ['io.snowplow.ecomm/add_to_cart', 'io.snowplow.ecomm'],
    ]);
  });

  it('findings on a namespaced key point at the key as written', () => {
    const r = check({ 'domains/vendors.yaml': `domain: vendors\nowner: t\nevents:\n  io.snowplow.ecomm/old:\n    category: core_loop\n    status: deprecated\n    deprecated: { replacement: nothing_here }\n` });
    const d = r.diagnostics.filter((x) => x.code === 'ref/unknown-event');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(`replacement 'io.snowplow.ecomm/nothing_here'`);
    expect(d[0]!.location).toMatchObject({ file: 'taxonomy/domains/vendors.yaml', line: 7 });
  });

  it.each(['Io.Snowplow/add_to_cart', 'io.snowplow//add_to_cart', '/add_to_cart', 'io.snowplow/'])('a malformed namespaced key is refused at the key: %s', (key) => {
    const r = check({ 'domains/vendors.yaml': `domain: vendors\nowner: t\nevents:\n${ev(JSON.stringify(key))}` });
    const d = r.diagnostics.filter((x) => x.code === 'schema/invalid-name');
    expect(d).toHaveLength(1);
    expect(d[0]!.location).toMatchObject({ line: 4, column: 3 });
  });
});
