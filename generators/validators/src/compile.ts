// ajv's standalone code generation: every schema compiled once, here, into JavaScript
// source; nothing is compiled when the generated module runs. The code is CommonJS-shaped
// (`exports.p0 = validate20`, `require("ajv/dist/runtime/ucs2length")`); link.ts turns it
// into plain functions of an ES module.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from '@taxonomy/gen-json-schema';
import { formats } from './runtime/formats.js';

const require = createRequire(import.meta.url);

interface AjvInstance {
  addSchema(schema: object, key?: string): unknown;
  addFormat(name: string, format: unknown): unknown;
  getSchema(id: string): { source?: { validateCode: string } } | undefined;
}
const Ajv2020 = require('ajv/dist/2020.js') as { default: new (opts: object) => AjvInstance; _: (strs: TemplateStringsArray, ...args: unknown[]) => unknown };
const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: (ajv: AjvInstance, refs: Record<string, string>) => string }).default;
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/** The module specifier the generated code imports its formats from (resolved by the bundler). */
export const FORMATS_MODULE = 'taxonomy:formats';

/** A schema to compile, the name its validator is exported under, and its `$id`. */
export interface Entry {
  readonly exportName: string;
  readonly id: string;
  readonly schema: JsonSchema;
  /** `JSON.stringify(schema)`: the identity of the schema (sharing, memo keys). */
  readonly json: string;
}

const OPTIONS = {
  allErrors: true,
  // The runtime words the errors itself; ajv's messages would only add code.
  messages: false,
  strict: false,
  logger: false,
  // The schemas come from the JSON Schema generator, whose tests compile each against the
  // meta-schema; checking them again here compiled the meta-schema once per chunk.
  validateSchema: false,
  // maximum_property (seed 001: a CSAT score <= its maxScore) compiles to a `$data` maximum.
  $data: true,
} as const;
// optimize: ajv's extra pass saves ~10% of code for ~35% more compile time; not worth it.
const CODE = { esm: false, source: true, lines: true, optimize: false } as const;

/**
 * ajv turns each compiled source into a function with `new Function` (V8 parses all of
 * it: a third of the compile time), but standalone code is printed from `validate.source`,
 * which holds the source as generated. The function itself is never called here, so ajv
 * gets an empty one to attach that source to.
 */
const skipEvaluation = (): string => 'return function validate() {}';

/**
 * Everything besides the schemas that the compiled code depends on: ajv's version and
 * options, the formats (regex formats are inlined into the code), and this module's own
 * text (a change here that forgot to bump the generator's version still misses the memo).
 */
export const COMPILER_FINGERPRINT: string = createHash('sha256')
  .update(JSON.stringify({ ajv: AJV_VERSION, options: OPTIONS, code: CODE, formatsModule: FORMATS_MODULE }))
  .update(JSON.stringify(formats, (_k, v: unknown) => (v instanceof RegExp || typeof v === 'function' ? String(v) : v)))
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest('hex');

function newAjv(): AjvInstance {
  const ajv = new Ajv2020.default({ ...OPTIONS, code: { ...CODE, formats: Ajv2020._`require(${FORMATS_MODULE}).formats`, process: skipEvaluation } });
  for (const [name, def] of Object.entries(formats)) ajv.addFormat(name, def);
  return ajv;
}

/**
 * V8 keeps a string built by concatenation as a tree of its pieces; ajv builds its code from
 * millions of them. Searching a string flattens it in place, so the pieces die young instead
 * of being promoted and marked again and again (garbage collection was a third of the time).
 */
function flatten(s: string): string {
  s.indexOf('\0');
  return s;
}

/**
 * Standalone source of one chunk: assigns each entry's validator to `exports[exportName]`.
 * A fresh ajv per chunk: one instance holding every compiled schema of a large taxonomy
 * kept hundreds of MB alive. Pure: the same entries give the same text.
 */
export function compileChunk(entries: readonly Entry[]): string {
  const ajv = newAjv();
  const refs: Record<string, string> = {};
  for (const e of entries) {
    ajv.addSchema({ ...e.schema, $id: e.id });
    refs[e.exportName] = e.id;
    // Compiled now (standaloneCode would compile it in the same order) to flatten its source.
    const source = ajv.getSchema(e.id)?.source;
    if (source) flatten(source.validateCode);
  }
  return flatten(standaloneCode(ajv, refs));
}
