// `taxonomy sample-data` on issue 18.3's shapes: every sample event (sparse and full, every
// version's schema) is valid for its event's JSON Schema: a union alternative's value, any JSON
// value, siblings a key requires, keys a sibling's value requires, min/maxProperties.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveVersions, loadTaxonomy, stableJson, type TaxonomyModel } from '@taxonomy/core';
import { eventSchema } from '@taxonomy/gen-json-schema';
import { sampleEvents } from '../../packages/cli/src/sample-data/generate.js';
import { prng, Values, type Schema } from '../../packages/cli/src/sample-data/values.js';
import { SHAPE_CASES, shapesModel } from './table.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const fixture = join(import.meta.dirname, 'fixture');
const yaml = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;

/** Every version's schema as its file says it (JSON text: an int64 bound is a double there). */
function schemas(model: TaxonomyModel): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const e of model.events) for (const v of liveVersions(e)) out.set(`${e.name}@${v.version}`, JSON.parse(stableJson(eventSchema(model, v))));
  return out;
}

/** score_given's `amount` (oneOf number, integer: a whole number matches both) is refused by the loader; samples cannot honour it. */
const hand = shapesModel(SHAPE_CASES.map((c) => (c.event !== 'score_given' ? c : { ...c, properties: c.properties.filter((p) => p.name !== 'amount') })));

describe.each([['model literals', hand], ['YAML', yaml]] as const)('sample data on the shapes (%s)', (_n, model) => {
  const all = schemas(model);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map([...all].map(([k, s]) => [k, ajv.compile(s)]));

  it('every sampled event is valid, and the quarantine samples are refused', () => {
    const set = sampleEvents(model, [], (n, v) => all.get(`${n}@${v}`), { events: 600, seed: 3, asOf: Date.parse('2026-06-01'), days: 30 });
    expect(set.valid.length).toBe(600);
    const bad = set.valid.filter((e) => !validators.get(`${e.event}@${e.version}`)!({ event: e.event, properties: e.properties }));
    expect(bad.map((e) => `${e.event} ${JSON.stringify(e.properties)}`)).toEqual([]);
    for (const e of set.invalid) expect(validators.get(`${e.event}@${e.version}`)!({ event: e.event, properties: e.properties })).toBe(false);
  });

  it('sparse and full objects of every version are valid, and the unions take each alternative', () => {
    const values = new Values(prng(11));
    const seen = new Map<string, Set<string>>();
    for (const [key, s] of all) {
      const older = !key.endsWith(`@${model.events.find((e) => key.startsWith(`${e.name}@`))!.version}`);
      for (let i = 0; i < 60; i++) {
        const props = values.object(s.properties.properties, Date.parse('2026-05-01'), i % 2 === 0);
        const name = key.split('@')[0]!;
        const payload = { event: name, ...(older ? { version: Number(key.split('@')[1]) } : {}), properties: props };
        expect([key, props, validators.get(key)!(payload)]).toEqual([key, props, true]);
        for (const [k, v] of Object.entries(props)) {
          const kind = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
          seen.set(`${name}.${k}`, (seen.get(`${name}.${k}`) ?? new Set()).add(kind === 'object' ? `object:${Object.keys(v as object).sort().join(',')}` : kind));
        }
      }
    }
    expect([...seen.get('type_list.id')!].sort()).toEqual(['null', 'number', 'string']);
    expect([...seen.get('payment_made.method')!].sort()).toEqual(['object:iban,kind', 'object:kind,last4']);
  });
});
