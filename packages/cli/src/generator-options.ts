import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { exactJson, type GeneratedFile, type Generator, type TaxonomyModel } from '@taxonomy/core';
import { MemoStore } from './memo-store.js';
import type Ajv2020Type from 'ajv/dist/2020.js';
import { UsageError } from './io.js';

type AjvClass = typeof Ajv2020Type.default;

// One ajv for every generator's options schema, each compiled once: a new Ajv per generator
// cost ~40 ms each, more than most generators take to run. The schemas are the generators'
// own code, checked against the draft 2020-12 meta-schema by a test (generator-options.test.ts)
// rather than on every run (validateSchema would compile the meta-schema each time).
// Required on first use: a no-op generate validates no options and should not load ajv.
let ajv: InstanceType<AjvClass> | undefined;
const compiled = new WeakMap<object, ReturnType<InstanceType<AjvClass>['compile']>>();

/** Validates and defaults a generator's options once, here, where the context is built. */
export function resolveOptions(g: Generator<object>, model: TaxonomyModel): object {
  ajv ??= new ((createRequire(import.meta.url)('ajv/dist/2020.js') as { default: AjvClass }).default)({ useDefaults: true, allErrors: true, strict: false, addUsedSchema: false, validateSchema: false });
  let validate = compiled.get(g.optionsSchema);
  if (!validate) {
    validate = ajv.compile(g.optionsSchema);
    compiled.set(g.optionsSchema, validate);
  }
  const options = structuredClone(model.generators[g.name]?.options ?? {}) as Record<string, unknown>;
  if (!validate(options)) {
    const msg = (validate.errors ?? []).map((e) => `${e.instancePath || '(options)'} ${e.message}`).join('; ');
    throw new UsageError(`taxonomy.yaml generators.${g.name}.options: ${msg}`);
  }
  return options;
}

/**
 * JSON text of a model part: JSON.stringify, or exactJson when it holds an exact int64 bound
 * (a bigint, which JSON.stringify refuses; exactJson's replacer costs every model the time).
 */
function json(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return exactJson(v);
  }
}

/** What a generator's output depends on besides its options: the resolved model, hashed once. */
export function modelHash(model: TaxonomyModel): string {
  const text = json(model.events) + json(model.metrics) + json({ ...model, events: 0, metrics: 0 });
  return createHash('sha256').update(text).digest('hex');
}

/** Runs one generator with its memo (unless off), saved unless checking. */
export async function runGenerator(
  g: Generator<object>, model: TaxonomyModel, options: object,
  run: { readonly rootDir: string; readonly memo: boolean; readonly check: boolean },
): Promise<readonly GeneratedFile[]> {
  const memo = run.memo ? MemoStore.forGenerator(run.rootDir, g.name) : undefined;
  const files = await g.generate(model, options, { cache: memo });
  if (!run.check) memo?.save();
  return files;
}
