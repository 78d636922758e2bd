// Property-based: any valid taxonomy written as YAML loads back to the same model.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadTaxonomy } from '@taxonomy/core';
import { CATEGORIES, writeTaxonomy } from './helpers.js';

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const snake = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join('_'));
const text = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\u0000-\u001f\ud800-\udfff]/g, ''));

const prop = fc.oneof(
  fc.record({ type: fc.constant('string' as const), description: text, required: fc.boolean(), enum: fc.option(fc.uniqueArray(word, { minLength: 1, maxLength: 5 }), { nil: undefined }) }),
  fc.record({ type: fc.constantFrom('integer' as const, 'number' as const), required: fc.boolean(), minimum: fc.option(fc.integer({ min: -10, max: 0 }), { nil: undefined }), maximum: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }) }),
  fc.record({ type: fc.constant('boolean' as const), required: fc.boolean() }),
  fc.record({ type: fc.constant('array' as const), required: fc.boolean(), items: fc.constant({ type: 'string' as const }) }),
);
const event = fc.record({
  description: text, trigger: text, category: fc.constant('core_loop'), version: fc.integer({ min: 1, max: 9 }),
  status: fc.constantFrom('planned' as const, 'active' as const), critical: fc.boolean(),
  properties: fc.dictionary(snake, prop, { maxKeys: 6 }),
});
const domain = fc.record({ domain: snake, naming: fc.constant('snake' as const), property_naming: fc.constant('snake' as const), events: fc.dictionary(snake, event, { minKeys: 1, maxKeys: 5 }) });

const clean = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('round trip through YAML', () => {
  it('loads every generated valid domain back into the same events', () => {
    fc.assert(fc.property(domain, (d) => {
      const dir = writeTaxonomy({ 'taxonomy.yaml': 'name: t\nversion: 1.0.0\n', 'categories.yaml': CATEGORIES, 'domains/d.yaml': stringify(clean(d)) });
      const r = loadTaxonomy(dir);
      expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      const model = r.model!;
      expect(model.events.map((e) => e.name)).toEqual(Object.keys(d.events).sort());
      for (const e of model.events) {
        const raw = d.events[e.name]!;
        expect([e.description, e.trigger, e.version, e.status, e.critical, e.domain]).toEqual([raw.description, raw.trigger, raw.version, raw.status, raw.critical, d.domain]);
        expect(e.properties.map((p) => p.name)).toEqual(Object.keys(raw.properties));
        for (const p of e.properties) {
          const rp = clean(raw.properties[p.name]!) as Record<string, unknown>;
          for (const [k, v] of Object.entries(rp)) expect((p as unknown as Record<string, unknown>)[k]).toEqual(v);
        }
      }
    }), { numRuns: 60 });
  });
});
