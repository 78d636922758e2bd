import { exactJson } from './exact-json.js';
import type { TaxonomyModel } from './model.js';

/** One file a generator produces: a path relative to its output folder, and the text. */
export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

/**
 * A generator is a plain object: a pure function from the resolved model to files.
 * It never touches the disk, the clock or the environment; the CLI validates its
 * options (applying defaults once), writes the files, removes stale ones, caches
 * by input hash and implements `generate --check`.
 */
export interface Generator<Options extends object = Record<string, unknown>> {
  /** Stable id: the key under `generators:` in taxonomy.yaml and in output manifests. */
  readonly name: string;
  readonly description: string;
  /** Bump when the output changes for the same input, so caches are invalidated. */
  readonly version: string;
  /** JSON Schema (draft 2020-12) of the options, with their defaults. */
  readonly optionsSchema: Readonly<Record<string, unknown>>;
  /** Default output folder, relative to the repository root (the taxonomy folder's parent). */
  readonly defaultOut: string;
  generate(model: TaxonomyModel, options: Options, context?: GenerateContext): readonly GeneratedFile[] | Promise<readonly GeneratedFile[]>;
}

/**
 * A content-addressed memo the CLI lends a generator for its costly pure steps (compiling
 * a validator, running json-schema-to-typescript on one event). The generator stays pure:
 * a value is looked up only under a key that hashes every input of it (see memo.ts), so the
 * output is the same with a cold cache, a warm one or none. The CLI keeps it in .taxonomy-cache/.
 */
export interface GeneratorCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** What the CLI passes a generator besides the model and its options. */
export interface GenerateContext {
  readonly cache?: GeneratorCache;
}

/** Helper for generators: a stable JSON text (2-space, sorted keys, trailing newline). */
export function stableJson(value: unknown): string {
  return exactJson(sortKeys(value), 2) + '\n';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/**
 * The npm name of a generated package: the generator's own option, else the
 * taxonomy's `packages.<key>`, else `@<taxonomy name>/<key>`. One rule for all.
 */
export function generatedPackageName(model: TaxonomyModel, key: string, override?: string): string {
  return override ?? model.packages[key] ?? `@${model.name}/${key}`;
}
