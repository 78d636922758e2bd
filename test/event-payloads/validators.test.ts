// Every seed event: a valid payload (minimal and full) that the generated validator
// accepts, and mutations it refuses naming the right path and rule. Each verdict is
// checked against ajv compiling the JSON Schema generator's schema at run time, so the
// precompiled validator cannot drift from the schemas.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { eventSchema } from '@taxonomy/gen-json-schema';
import { validatorsGenerator } from '@taxonomy/gen-validators';
import { generateInto } from './generated.js';
import { mutations, samplePayload } from './samples.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const repo = join(import.meta.dirname, '../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;

type Result = { ok: true; event: Record<string, unknown> } | { ok: false; errors: { path: string; rule: string; message: string }[] };
let validateEvent: (name: string, payload: unknown) => Result;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

beforeAll(async () => {
  const dir = await generateInto(validatorsGenerator, model);
  ({ validateEvent } = await import(pathToFileURL(join(dir, 'index.js')).href));
}, 120_000);

describe('generated validators judge every seed event', () => {
  // The seeds' 136 events, and workbench.workflow_created (ours: seed 002 tracks other workflow sources "elsewhere").
  it('the taxonomy has all 137 events', () => expect(model.events.length).toBe(137));

  const cases = model.events.map((e) => [e.name, e] as const);

  it.each(cases)('%s: minimal and full payloads are valid; mutations are refused with path and rule', (name, e) => {
    const schema = eventSchema(model, e) as Record<string, any>;
    const runtime = ajv.compile(schema);
    for (const full of [false, true]) {
      const payload = samplePayload(schema, full);
      expect(runtime({ event: name, ...payload }), `sample is valid per the JSON Schema (${full ? 'full' : 'minimal'})`).toBe(true);
      const r = validateEvent(name, payload);
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true, event: { event: name, version: e.version } });
    }
    const muts = mutations(schema);
    expect(muts.length).toBeGreaterThan(0);
    for (const m of muts) {
      expect(runtime({ event: name, ...m.payload }), `${m.label}: invalid per the JSON Schema`).toBe(false);
      const r = validateEvent(name, m.payload);
      expect(r.ok, m.label).toBe(false);
      if (!r.ok) expect(r.errors, m.label).toContainEqual(expect.objectContaining({ path: m.path, rule: m.rule }));
    }
  });
});
