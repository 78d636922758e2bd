import { createRequire } from 'node:module';
import type { Generator, TaxonomyModel } from '@taxonomy/core';
import type Ajv2020Type from 'ajv/dist/2020.js';
import { UsageError } from './io.js';

const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020.js') as { default: typeof Ajv2020Type.default };

/** Validates and defaults a generator's options once, here, where the context is built. */
export function resolveOptions(g: Generator<object>, model: TaxonomyModel): object {
  const ajv = new Ajv2020.default({ useDefaults: true, allErrors: true, strict: false });
  const validate = ajv.compile(g.optionsSchema);
  const options = structuredClone(model.generators[g.name]?.options ?? {}) as Record<string, unknown>;
  if (!validate(options)) {
    const msg = (validate.errors ?? []).map((e) => `${e.instancePath || '(options)'} ${e.message}`).join('; ');
    throw new UsageError(`taxonomy.yaml generators.${g.name}.options: ${msg}`);
  }
  return options;
}

/** What a generator's output depends on besides its options: the resolved model, hashed once. */
export function modelText(model: TaxonomyModel): string {
  return JSON.stringify(model.events) + JSON.stringify(model.metrics) + JSON.stringify({ ...model, events: 0, metrics: 0 });
}
