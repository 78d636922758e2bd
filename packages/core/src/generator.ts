import { createHash } from 'node:crypto';
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
  /** `import.meta.url` of the generator's module: its folder's files are hashed into the cache key. */
  readonly module?: string;
  /**
   * The functions this generator may hand to the CLI's task pool (`context.pool`): the CLI
   * has a pool thread import their modules while it loads the taxonomy, so that the first
   * task does not wait for them to load.
   */
  readonly tasks?: readonly TaskRef[];
  generate(model: TaxonomyModel, options: Options, context?: GenerateContext): readonly GeneratedFile[] | Promise<readonly GeneratedFile[]>;
}

/**
 * A content-addressed memo the CLI lends a generator for its costly pure steps (compiling
 * a validator, running json-schema-to-typescript on one event). The generator stays pure:
 * a value is looked up only under a key that hashes every input of it, so the output is the
 * same with a cold cache, a warm one or none. The CLI keeps it in .taxonomy-cache/.
 */
export interface GeneratorCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/**
 * A function a generator may hand to another thread: the `import.meta.url` of a module, and
 * the name of a function it exports that takes one structured-cloneable value and returns one
 * (or a promise of one). It must be pure, as the generator is.
 */
export interface TaskRef {
  readonly module: string;
  readonly name: string;
}

/**
 * Threads the CLI lends a generator for its costly pure steps, so that they run while the
 * main thread runs other generators. The generator stays pure: the same function gives the
 * same value wherever it runs, so its output is the same with a pool or without one (then it
 * calls the function itself). The CLI sizes the pool (`--jobs`) and stops it.
 */
export interface TaskPool {
  /**
   * `task(input)` on a pool thread; rejects with the task's error. `cost` is an estimate of
   * the work (in events, say; only its order among a run's tasks matters, default 1): pool
   * threads start the costliest first, and the main thread, once it has nothing else to do,
   * takes back the cheapest not yet started, so the threads finish close together.
   */
  run<I, O>(task: TaskRef, input: I, cost?: number): Promise<O>;
}

/** Runs a task on the calling thread, as a pool thread would: imports its module, calls the function. */
export async function runTask(task: TaskRef, input: unknown): Promise<unknown> {
  const fn = ((await import(task.module)) as Record<string, unknown>)[task.name];
  if (typeof fn !== 'function') throw new Error(`${task.module} exports no function ${task.name}`);
  return (fn as (input: unknown) => unknown)(input);
}

/** What the CLI passes a generator besides the model and its options. */
export interface GenerateContext {
  readonly cache?: GeneratorCache;
  readonly pool?: TaskPool;
}

/** The key `memo` files a value under: a hash of its inputs as a list (['a', 'b'] is not ['ab']). */
export function memoKey(inputs: readonly string[]): string {
  const h = createHash('sha256');
  for (const part of inputs) h.update(part).update('\0');
  return h.digest('hex');
}

/**
 * `compute()`, memoised in the context's cache under a hash of `inputs`. The inputs must
 * name everything the value depends on, including the version of any library producing it.
 */
export function memo(context: GenerateContext | undefined, inputs: readonly string[], compute: () => string): string {
  const cache = context?.cache;
  if (!cache) return compute();
  const key = memoKey(inputs);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** Helper for generators: a stable JSON text (2-space, sorted keys, trailing newline). */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
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
