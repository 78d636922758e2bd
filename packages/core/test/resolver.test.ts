import { describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { CATEGORIES, writeTaxonomy } from './helpers.js';

function load(files: Record<string, string>): TaxonomyModel {
  const dir = writeTaxonomy({ 'categories.yaml': CATEGORIES, ...files });
  const r = loadTaxonomy(dir, { cwd: dirname(dir) });
  if (r.failed) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.model!;
}

const ROOT_WITH_GLOBALS = `name: t
version: 1.0.0
default_destinations: [warehouse]
global_properties:
  timestamp: { type: string, format: date-time, required: true }
  org_id: { ref: org_id, required: true }
`;
const SHARED = `properties:
  org_id: { type: string, description: Org., privacy: internal }
  source: { type: string, enum: [chat, template, blank], description: Where from. }
  user_id: { type: string, required: true }
`;
const DESTS = 'destinations:\n  warehouse: { kind: warehouse, description: W. }\n  posthog: { kind: product, description: P. }\n';
const PRIVACY = 'classes:\n  internal: { description: I., sensitivity: 1 }\n';

describe('resolver', () => {
  const model = load({
    'taxonomy.yaml': ROOT_WITH_GLOBALS, 'properties.yaml': SHARED, 'destinations.yaml': DESTS, 'privacy.yaml': PRIVACY,
    'domains/b.yaml': `domain: b
owner: team-b
destinations: [posthog]
global_properties:
  session_id: { type: string, required: true }
  org_id: { required: false }
events:
  z_event:
    category: core_loop
    properties:
      source: { ref: source, enum: [chat], required: true }
      user: { ref: user_id }
  a_event:
    category: core_loop
    owner: someone
    destinations: [warehouse]
    version: 3
    exclude_global_properties: [session_id]
    properties:
      timestamp: { description: Overridden description. }
`,
    'domains/a.yaml': 'domain: a\nevents:\n  m_event: { category: core_loop, status: deprecated, deprecated: { replacement: z_event } }\n',
  });

  it('sorts events and domains by name', () => {
    expect(model.events.map((e) => e.name)).toEqual(['a_event', 'm_event', 'z_event']);
    expect(model.domains.map((d) => d.name)).toEqual(['a', 'b']);
  });

  it('merges taxonomy globals, then domain globals, then event properties, in that order', () => {
    const z = model.events.find((e) => e.name === 'z_event')!;
    expect(z.properties.map((p) => [p.name, p.origin, p.required])).toEqual([
      ['timestamp', 'global', true], ['org_id', 'global', false], ['session_id', 'domain', true], ['source', 'event', true], ['user', 'event', true],
    ]);
  });

  it('lets a ref narrow an enum and inherit type, description and privacy', () => {
    const src = model.events.find((e) => e.name === 'z_event')!.properties.find((p) => p.name === 'source')!;
    expect(src).toMatchObject({ type: 'string', enum: ['chat'], description: 'Where from.', ref: 'source' });
    const org = model.events.find((e) => e.name === 'z_event')!.properties.find((p) => p.name === 'org_id')!;
    expect(org).toMatchObject({ privacy: 'internal', description: 'Org.', required: false });
  });

  it('takes required from the shared definition when the use does not say', () => {
    const user = model.events.find((e) => e.name === 'z_event')!.properties.find((p) => p.name === 'user')!;
    expect(user.required).toBe(true);
  });

  it('applies exclude_global_properties and refines a global in place', () => {
    const a = model.events.find((e) => e.name === 'a_event')!;
    expect(a.properties.map((p) => p.name)).toEqual(['timestamp', 'org_id']);
    expect(a.properties[0]).toMatchObject({ description: 'Overridden description.', format: 'date-time', required: true, origin: 'global' });
  });

  it('defaults owner, destinations, version and status from the domain and taxonomy', () => {
    const [a, m, z] = model.events;
    expect([a!.owner, a!.destinations, a!.version, a!.status]).toEqual(['someone', ['warehouse'], 3, 'active']);
    expect([z!.owner, z!.destinations, z!.version]).toEqual(['team-b', ['posthog'], 1]);
    expect([m!.destinations, m!.status, m!.deprecated?.replacement]).toEqual([['warehouse'], 'deprecated', 'z_event']);
  });

  it('is deeply immutable', () => {
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.events[0]!.properties[0])).toBe(true);
    expect(() => (model.events as unknown as unknown[]).push(1)).toThrow();
  });

  it('is deterministic: loading twice gives the same JSON', () => {
    const files = { 'taxonomy.yaml': ROOT_WITH_GLOBALS, 'properties.yaml': SHARED, 'destinations.yaml': DESTS, 'privacy.yaml': PRIVACY, 'domains/a.yaml': 'domain: a\nevents:\n  e: { category: core_loop }\n' };
    const strip = (m: TaxonomyModel) => JSON.stringify(m).replace(/taxonomy-test-[^/"]+/g, '');
    expect(strip(load(files))).toBe(strip(load(files)));
  });

  it.each([
    ['a cycle between shared properties', 'properties:\n  a: { ref: b }\n  b: { ref: a }\n', /refers to itself/],
    ['a shadowing domain property', null, /shadows the shared property/],
  ])('reports %s', (_name, props, pattern) => {
    const dir = writeTaxonomy({
      'taxonomy.yaml': 'name: t\nversion: 1.0.0\n', 'categories.yaml': CATEGORIES,
      'properties.yaml': props ?? 'properties:\n  org_id: { type: string }\n',
      'domains/a.yaml': `domain: a\nproperties:\n  org_id: { type: integer }\nevents:\n  e: { category: core_loop, properties: { x: { ref: ${props ? 'a' : 'org_id'} } } }\n`,
    });
    const r = loadTaxonomy(dir);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toMatch(pattern);
  });
});

describe('loading from memory (a git tree)', () => {
  it('gives the same model as loading the same files from disk', async () => {
    const { loadTaxonomyFromFiles } = await import('@taxonomy/core');
    const files = { 'taxonomy.yaml': 'name: t\nversion: 1.0.0\n', 'categories.yaml': CATEGORIES, 'domains/a.yaml': 'domain: a\nevents:\n  e: { category: core_loop, properties: { x: { type: string } } }\n' };
    const mem = loadTaxonomyFromFiles(Object.entries(files).map(([path, contents]) => ({ path, contents })));
    const dir = writeTaxonomy(files);
    const disk = loadTaxonomy(dir, { cwd: dirname(dir) });
    expect(mem.failed).toBe(false);
    expect(JSON.stringify(mem.model)).toBe(JSON.stringify(disk.model));
    const bad = loadTaxonomyFromFiles([{ path: 'taxonomy.yaml', contents: 'name: [\n' }]);
    expect(bad.diagnostics[0]?.location?.file).toBe('taxonomy/taxonomy.yaml');
  });
});
