// Compiled chunks, memoised in the CLI's cache under every input of their code: the chunk's
// export names, ids and schema texts, the generator's version and the compiler's fingerprint
// (ajv's version and options, the formats, compile.ts itself). One changed event changes one
// chunk's inputs (chunks.ts keeps the other chunks' content as it was), so a warm run after
// an edit compiles one chunk.
//
// The chunks the memo does not hold are compiled on the CLI's task pool when it lends one
// (compileChunk is pure, so the text is the same on any thread): ajv's code generation is the
// costliest step of any generator, and there it runs while the main thread runs the others.
import type { GenerateContext, TaskRef } from '@taxonomy/core';
import type { ChunkPlan } from './chunks.js';
import { COMPILER_FINGERPRINT, compileChunk, type Entry } from './compile.js';
import { recall, remember } from './sealed.js';

/** compileChunk as a task of the CLI's pool (declared in `Generator.tasks`), costed by its number of schemas. */
export const COMPILE_TASK: TaskRef = { module: new URL('./compile.js', import.meta.url).href, name: 'compileChunk' };

/** ajv's standalone code of each chunk, in order: from the cache when it holds a sound value for exactly its inputs. */
export async function compiledChunks(chunks: readonly ChunkPlan[], generatorVersion: string, context: GenerateContext | undefined): Promise<string[]> {
  const cache = context?.cache;
  const pool = context?.pool;
  const inputsOf = (chunk: ChunkPlan) => ['validators/chunk', generatorVersion, COMPILER_FINGERPRINT, ...chunk.entries.map((e) => `${e.exportName} ${e.id} ${e.json}`)];
  const compile = (entries: readonly Entry[]): string | Promise<string> => (pool ? pool.run<readonly Entry[], string>(COMPILE_TASK, entries, entries.length) : compileChunk(entries));
  // Every miss is handed to the pool before the first is awaited, so the pool thread has
  // the whole queue while this thread returns to the other generators.
  const codes = chunks.map((chunk) => {
    if (!cache) return compile(chunk.entries);
    const inputs = inputsOf(chunk);
    const hit = recall(cache, inputs);
    if (hit !== undefined) return hit;
    const code = compile(chunk.entries);
    if (typeof code === 'string') {
      remember(cache, inputs, code);
      return code;
    }
    return code.then((c) => { remember(cache, inputs, c); return c; });
  });
  return Promise.all(codes);
}
