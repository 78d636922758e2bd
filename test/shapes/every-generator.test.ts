// Every generator runs on the shapes of issue 18.3 (json, unions, open maps, conditional
// requirements, int64 bounds) without throwing, and the CLI's model hash takes a bigint.
import { describe, expect, it } from 'vitest';
import { loadGenerators } from '@taxonomy/cli';
import { modelHash } from '../../packages/cli/src/generator-options.js';
import { shapesModel } from './table.js';

const model = shapesModel();

describe('every generator on the shapes', () => {
  it('the model hash reads an int64 bound exactly', () => {
    const other = { ...model, events: model.events.map((e) => e.name !== 'big_ids' ? e : { ...e, properties: e.properties.map((p) => p.name === 'id' ? { ...p, maximum: 9223372036854775806n } : p) }) };
    expect(modelHash(model)).toMatch(/^[0-9a-f]{64}$/);
    expect(modelHash(other)).not.toBe(modelHash(model));
  });

  it.each(['json-schema', 'validators', 'types', 'sql', 'metrics', 'dbt', 'docs', 'typescript', 'python', 'go', 'grafana'])('%s generates', async (name) => {
    const g = (await loadGenerators()).find((x) => x.name === name)!;
    const files = await g.generate(model, {} as never, { cache: undefined } as never);
    expect(files.length).toBeGreaterThan(0);
  }, 120_000);
});
