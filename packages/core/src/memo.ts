// The one memo convention of the generators. The CLI lends a generator a cache (`context.cache`,
// kept in .taxonomy-cache/memo/); a generator files each costly pure value (a compiled
// validator chunk, json-schema-to-typescript's declarations of one event, a bundle) under the
// list of every input it depends on, including the versions of the libraries producing it.
//
// Keys are hashes of the inputs, not of the values, so a key says nothing about whether the
// value stored under it is sound: a hand-edited, truncated or otherwise damaged cache file
// would go straight into the generated files. Each value therefore carries a checksum of
// itself and of its inputs, checked on every read; a value that fails it reads as missing,
// so it is recomputed and replaced. SHA-1 rather than SHA-256: this guards against damage,
// not against someone who can write the cache (they could write the generated files too).
import { createHash } from 'node:crypto';
import type { GenerateContext, GeneratorCache } from './generator.js';

/** The key a value is filed under: a hash of its inputs as a list (['a', 'b'] is not ['ab']). */
export function memoKey(inputs: readonly string[]): string {
  const h = createHash('sha256');
  for (const part of inputs) h.update(part).update('\0');
  return h.digest('hex');
}

const SUM = 40; // hex digits of a SHA-1

function checksum(inputs: readonly string[], value: string): string {
  const h = createHash('sha1');
  for (const part of inputs) h.update(part).update('\0');
  return h.update(value).digest('hex');
}

/** The value stored under `inputs`, or undefined when there is none or it fails its checksum. */
export function recall(cache: GeneratorCache, inputs: readonly string[]): string | undefined {
  const sealed = cache.get(memoKey(inputs));
  if (sealed === undefined || sealed.length <= SUM || sealed.charCodeAt(SUM) !== 10) return undefined;
  const value = sealed.slice(SUM + 1);
  return checksum(inputs, value) === sealed.slice(0, SUM) ? value : undefined;
}

/** Stores `value` under `inputs` (over any value there). */
export function remember(cache: GeneratorCache, inputs: readonly string[], value: string): void {
  cache.set(memoKey(inputs), `${checksum(inputs, value)}\n${value}`);
}

/**
 * `compute()`, memoised in the context's cache under `inputs` (no cache: computed each time).
 * The inputs must name everything the value depends on, so the output is the same with a
 * cold cache, a warm one or none.
 */
export async function memo(context: GenerateContext | undefined, inputs: readonly string[], compute: () => string | Promise<string>): Promise<string> {
  const cache = context?.cache;
  if (!cache) return compute();
  const hit = recall(cache, inputs);
  if (hit !== undefined) return hit;
  const value = await compute();
  remember(cache, inputs, value);
  return value;
}
