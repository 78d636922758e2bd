// ajv's standalone code generation: every schema compiled once, here, into JavaScript
// source; nothing is compiled when the generated module runs. The code is CommonJS-shaped
// (`exports.p0 = validate20`, `require("ajv/dist/runtime/ucs2length")`); link.ts turns it
// into plain functions of an ES module.
import { createRequire } from 'node:module';
import type { JsonSchema } from '@taxonomy/gen-json-schema';
import { formats } from './runtime/formats.js';

const require = createRequire(import.meta.url);

interface AjvInstance {
  addSchema(schema: object, key?: string): unknown;
  addFormat(name: string, format: unknown): unknown;
}
const Ajv2020 = require('ajv/dist/2020.js') as { default: new (opts: object) => AjvInstance; _: (strs: TemplateStringsArray, ...args: unknown[]) => unknown };
const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: (ajv: AjvInstance, refs: Record<string, string>) => string }).default;

/** The module specifier the generated code imports its formats from (resolved by the bundler). */
export const FORMATS_MODULE = 'taxonomy:formats';

/** A schema to compile and the name its validator is exported under. */
export interface Entry {
  readonly exportName: string;
  readonly schema: JsonSchema;
}

/**
 * ajv's multi-export standalone code grows its output by re-concatenation, which is
 * quadratic in the number of exports (about a second for 2,000 events); compiling in
 * chunks of this many keeps it linear. Each chunk becomes one function scope in index.js.
 */
const CHUNK = 64;

/** One module of standalone code and the validators it exports. */
export interface Chunk {
  readonly code: string;
  readonly exports: readonly string[];
}

function newAjv(): AjvInstance {
  const ajv = new Ajv2020.default({
    allErrors: true,
    // The runtime words the errors itself; ajv's messages would only add code.
    messages: false,
    strict: false,
    logger: false,
    // The schemas come from the JSON Schema generator, whose tests compile each against the
    // meta-schema; checking them again here compiled the meta-schema once per chunk.
    validateSchema: false,
    // optimize: ajv's extra pass saves ~10% of code for ~35% more compile time; not worth it.
    code: { esm: false, source: true, lines: true, optimize: false, formats: Ajv2020._`require(${FORMATS_MODULE}).formats` },
  });
  for (const [name, def] of Object.entries(formats)) ajv.addFormat(name, def);
  return ajv;
}

/**
 * Standalone source of every entry, in chunks that assign their `exportName`s to `exports`.
 * A fresh ajv per chunk: one instance holding every compiled schema of a large taxonomy
 * kept hundreds of MB alive and spent more time collecting garbage than compiling.
 */
export function compileStandalone(entries: readonly Entry[]): Chunk[] {
  const chunks: Chunk[] = [];
  for (let start = 0; start < entries.length; start += CHUNK) {
    const ajv = newAjv();
    const refs: Record<string, string> = {};
    for (let i = start; i < Math.min(entries.length, start + CHUNK); i++) {
      const id = `urn:taxonomy-validators:${i}`;
      ajv.addSchema({ ...entries[i]!.schema, $id: id });
      refs[entries[i]!.exportName] = id;
    }
    chunks.push({ code: standaloneCode(ajv, refs), exports: Object.keys(refs) });
  }
  return chunks;
}
