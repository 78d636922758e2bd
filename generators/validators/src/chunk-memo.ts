// Compiled chunks, memoised in the CLI's cache under every input of their code: the chunk's
// export names, ids and schema texts, the generator's version and the compiler's fingerprint
// (ajv's version and options, the formats, compile.ts itself). One changed event changes one
// chunk's inputs (chunks.ts keeps the other chunks' content as it was), so a warm run after
// an edit compiles one chunk.
import { recall, remember, type GenerateContext } from '@taxonomy/core';
import type { ChunkPlan } from './chunks.js';
import { COMPILER_FINGERPRINT, compileChunk } from './compile.js';

/** ajv's standalone code of each chunk, in order: from the cache when it holds a sound value for exactly its inputs. */
export function compiledChunks(chunks: readonly ChunkPlan[], generatorVersion: string, context: GenerateContext | undefined): string[] {
  const cache = context?.cache;
  return chunks.map((chunk) => {
    if (!cache) return compileChunk(chunk.entries);
    const inputs = ['validators/chunk', generatorVersion, COMPILER_FINGERPRINT, ...chunk.entries.map((e) => `${e.exportName} ${e.id} ${e.json}`)];
    const hit = recall(cache, inputs);
    if (hit !== undefined) return hit;
    const code = compileChunk(chunk.entries);
    remember(cache, inputs, code);
    return code;
  });
}
