// Reading and writing the CLI's memo (see `memo` in @taxonomy/core) so that a damaged value is
// never used. Keys are hashes of the inputs, not of the values, so a key says nothing about
// whether the value stored under it is sound: a hand-edited, truncated or otherwise damaged
// cache file, or a value filed under the wrong key, would go straight into the generated
// files. Each value therefore carries a checksum of itself and of the inputs it was computed
// from, checked on every read; a value that fails it reads as missing, so it is recomputed
// and replaced. SHA-1 rather than SHA-256: this guards against damage, not against someone who
// can write the cache (they could write the checksum too, or the generated files themselves),
// and it is the cheaper of the two here.
import { createHash } from 'node:crypto';
import { memoKey, type GeneratorCache } from '@taxonomy/core';

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
