// Several live versions of one event: the resolved model keeps each (oldest first, the
// event itself last), with SchemaVer's REVISION and ADDITION as written.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { CATEGORIES, ROOT, writeTaxonomy } from './helpers.js';

const fixture = join(import.meta.dirname, 'fixtures', '60-versions-clean');

describe('event versions', () => {
  const { model, failed } = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture });

  it('resolves every live version, oldest first, the newest being the event itself', () => {
    expect(failed).toBe(false);
    const e = model!.events.find((x) => x.name === 'order_completed')!;
    expect(e.version).toBe(3);
    expect(e.versions.map((v) => [v.version, v.revision, v.addition, v.frozen])).toEqual([[1, 0, 0, true], [2, 0, 2, true], [3, 1, 0, false]]);
    expect(e.versions[2]!.properties).toBe(e.properties);
    // Globals are merged into older versions as into the event.
    expect(e.versions[0]!.properties.map((p) => `${p.name}:${p.type}:${p.required}`)).toEqual(['sessionId:string:true', 'orderId:integer:true', 'totalCents:integer:true', 'items:integer:false']);
    expect(e.versions[0]!.description).toBe('The first shape, a numeric order id and a total in cents of the store currency.');
    expect(e.versions[1]!.properties.find((p) => p.name === 'total')!.properties!.map((p) => p.name)).toEqual(['amount', 'currency']);
    expect(e.versions[0]!.location).toMatchObject({ file: 'taxonomy/domains/shop.yaml', line: 24, column: 7 });
  });

  it('an event without versions: has one live version', () => {
    const e = model!.events.find((x) => x.name === 'cart_viewed')!;
    expect(e.versions).toHaveLength(1);
    expect(e.versions[0]).toMatchObject({ version: 1, revision: 0, addition: 0, frozen: false });
  });

  it.each([
    ['exclude_global_properties of an older version drops the global', '      1:\n        exclude_global_properties: [sessionId]\n        properties: { a: { type: string } }\n', undefined, ['a']],
    ['an unknown global in an older version is an error', '      1:\n        exclude_global_properties: [sesionId]\n', 'ref/unknown-global', undefined],
    ['an unknown ref in an older version is an error', '      1:\n        properties: { a: { ref: nope } }\n', 'ref/unknown-property', undefined],
  ])('%s', (_title, versions, code, names) => {
    const dir = writeTaxonomy({
      'taxonomy.yaml': ROOT, 'categories.yaml': CATEGORIES,
      'domains/d.yaml': `domain: d\nglobal_properties:\n  sessionId: { type: string }\nevents:\n  e:\n    category: core_loop\n    version: 2\n    versions:\n${versions}`,
    });
    const r = loadTaxonomy(dir);
    if (code) {
      expect(r.diagnostics.map((d) => d.code)).toContain(code);
      expect(r.diagnostics.find((d) => d.code === code)!.location.line).toBeGreaterThan(8);
    } else {
      expect(r.failed).toBe(false);
      expect(r.model!.events[0]!.versions[0]!.properties.map((p) => p.name)).toEqual(names);
    }
  });
});

// SchemaVer: every REVISION-ADDITION of a model stays resolvable (`revisions:` keyed R-A).
describe('earlier revisions of a model', () => {
  const load = (event: string) => loadTaxonomy(writeTaxonomy({
    'taxonomy.yaml': ROOT, 'categories.yaml': CATEGORIES,
    'domains/d.yaml': `domain: d\nglobal_properties:\n  sessionId: { type: string }\nevents:\n  e:\n    category: core_loop\n${event}`,
  }));

  it('keeps each earlier revision of the newest and of an older model, oldest first, frozen, with globals merged', () => {
    const r = load([
      '    version: 2', '    revision: 1', '    addition: 0', '    properties: { a: { type: string, maxLength: 4 } }',
      '    revisions:', '      0-1: { properties: { a: { type: string }, b: { type: integer } } }', '      0-0:', '        description: the first', '        properties: { a: { type: string } }',
      '    versions:', '      1:', '        addition: 2', '        properties: { n: { type: integer } }',
      '        revisions:', '          0-0: { exclude_global_properties: [sessionId], properties: { n: { type: number } } }',
    ].join('\n') + '\n');
    expect(r.diagnostics).toEqual([]);
    const e = r.model!.events[0]!;
    expect(e.versions.map((v) => [v.version, v.revision, v.addition, v.revisions.map((x) => `${x.version}-${x.revision}-${x.addition}`)])).toEqual([
      [1, 0, 2, ['1-0-0']], [2, 1, 0, ['2-0-0', '2-0-1']],
    ]);
    const [first, second] = e.versions[1]!.revisions;
    expect(first).toMatchObject({ frozen: true, description: 'the first', revisions: [] });
    expect(first!.properties.map((p) => p.name)).toEqual(['sessionId', 'a']);
    expect(second!.properties.map((p) => `${p.name}:${p.type}`)).toEqual(['sessionId:string', 'a:string', 'b:integer']);
    expect(e.versions[0]!.revisions[0]!.properties.map((p) => `${p.name}:${p.type}`)).toEqual(['n:number']);
    expect(first!.location.line).toBe(13);
  });

  it.each([
    ['a revision equal to the version itself', '    version: 1\n    revision: 1\n    revisions:\n      1-0: {}\n', 'event/revision-ahead', 10, 'this entry repeats it'],
    ['a revision newer than the version itself', '    version: 1\n    addition: 1\n    revisions:\n      0-2: {}\n', 'event/revision-ahead', 10, 'set revision:/addition: to 0-2'],
    ['a revision of an older model newer than that model', '    version: 2\n    versions:\n      1:\n        revisions:\n          0-1: {}\n', 'event/revision-ahead', 11, undefined],
    ['a key that is not R-A', '    version: 1\n    revision: 1\n    revisions:\n      1-0-0: {}\n', 'schema/invalid-key', undefined, undefined],
    ['an unknown ref inside a revision', '    version: 1\n    addition: 1\n    revisions:\n      0-0: { properties: { a: { ref: nope } } }\n', 'ref/unknown-property', 10, undefined],
  ])('%s is refused', (_t, event, code, line, hint) => {
    const r = load(event);
    expect(r.failed).toBe(true);
    const d = r.diagnostics.find((x) => x.code === code || (code === 'schema/invalid-key' && x.code.startsWith('schema/')));
    expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
    if (line) expect(d!.location.line).toBe(line);
    if (hint) expect(d!.hint).toContain(hint);
  });
});
