// Every generator runs on the shapes of issue 18.3 (json, unions, open maps, conditional
// requirements, int64 bounds) without throwing, and the CLI's model hash takes a bigint.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { liveVersions, stableJson } from '@taxonomy/core';
import { examplePayload } from '@taxonomy/gen-docs';
import { eventSchema } from '@taxonomy/gen-json-schema';
import { loadGenerators } from '@taxonomy/cli';
import { modelHash } from '../../packages/cli/src/generator-options.js';
import { shapesModel } from './table.js';
import { shapesModel as trackersShapesModel } from './model.js';

const model = shapesModel();

describe('every generator on the shapes', () => {
  it('the model hash reads an int64 bound exactly', () => {
    const other = { ...model, events: model.events.map((e) => e.name !== 'big_ids' ? e : { ...e, properties: e.properties.map((p) => p.name === 'id' ? { ...p, maximum: 9223372036854775806n } : p) }) };
    expect(modelHash(model)).toMatch(/^[0-9a-f]{64}$/);
    expect(modelHash(other)).not.toBe(modelHash(model));
  });

  // This table's model, and the trackers' shapes model (test/shapes/model.ts: uint64 bounds, hostile discriminator values).
  const models = [['table', model], ['trackers', trackersShapesModel()]] as const;
  it.each(['json-schema', 'validators', 'types', 'sql', 'metrics', 'dbt', 'docs', 'typescript', 'python', 'go', 'grafana'].flatMap((g) => models.map(([m, x]) => [g, m, x] as const)))('%s generates (%s model)', async (name, _m, m) => {
    const g = (await loadGenerators()).find((x) => x.name === name)!;
    const files = await g.generate(m, {} as never, { cache: undefined } as never);
    expect(files.length).toBeGreaterThan(0);
  }, 120_000);

  it('on the trackers\' shapes model too: every schema compiles and every docs example payload is valid', () => {
    const require = createRequire(import.meta.url);
    const Ajv2020 = require('ajv/dist/2020.js').default;
    const addFormats = require('ajv-formats').default ?? require('ajv-formats');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const m = trackersShapesModel();
    const bad: string[] = [];
    for (const e of m.events) {
      for (const v of liveVersions(e)) {
        const validate = ajv.compile(JSON.parse(stableJson(eventSchema(m, v))));
        const payload = examplePayload(v);
        if (!validate({ event: e.name, ...(v.versions[0]?.frozen ? { version: v.version } : {}), properties: payload })) bad.push(`${e.name}: ${JSON.stringify(payload)} ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(m.events.length).toBeGreaterThan(5);
  });
});
