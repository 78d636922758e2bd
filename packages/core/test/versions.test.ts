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
