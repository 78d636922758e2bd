import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadGenerators } from '@taxonomy/cli';

const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020.js').default;

describe('generator options schemas', () => {
  it('every generator\'s options schema is a valid, strict draft 2020-12 schema (the CLI compiles them without validateSchema)', async () => {
    const generators = await loadGenerators();
    expect(generators.length).toBeGreaterThan(5);
    for (const g of generators) {
      const ajv = new Ajv2020({ strict: true, useDefaults: true });
      expect(ajv.validateSchema(g.optionsSchema), `${g.name}: ${ajv.errorsText()}`).toBe(true);
      expect(() => ajv.compile(g.optionsSchema), g.name).not.toThrow();
    }
  });

  it('a schema that is not valid fails that check (the check can fail)', () => {
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema({ type: 'object', properties: { a: { type: 'strin' } } })).toBe(false);
  });
});
