import { parentPort, workerData } from 'node:worker_threads';
import { loadTaxonomy } from '@taxonomy/core';
import { loadGenerators } from './generators.js';
import { modelHash, resolveOptions, runGenerator } from './generator-options.js';
import { ParseCacheStore } from './parse-cache-store.js';
import type { LaneMessage, LaneStart, RunOrder } from './lanes.js';

/**
 * A second lane of `taxonomy generate` (see lanes.ts): it loads the taxonomy and imports the
 * generators while the main thread does the same, then takes generators from the shared
 * queue until it is empty, sending each one's files back. It never writes generated files.
 */
const start = workerData as LaneStart;
const post = (m: LaneMessage) => parentPort!.postMessage(m);

const generators = await loadGenerators(start.names);
const loaded = loadTaxonomy(start.taxDir, { cwd: start.cwd, parseCache: start.memo ? ParseCacheStore.forRoot(start.rootDir, start.check) : undefined });
const model = loaded.failed ? undefined : loaded.model;
post({ type: 'ready', modelHash: model ? modelHash(model) : '' });

parentPort!.once('message', async (order: RunOrder) => {
  const queue = new Int32Array(order.queue);
  for (;;) {
    const i = Atomics.add(queue, 0, 1);
    if (i >= order.names.length || !model) break;
    const g = generators.find((x) => x.name === order.names[i])!;
    const t = performance.now();
    try {
      const files = await runGenerator(g, model, resolveOptions(g, model), start);
      post({ type: 'result', name: g.name, files: files.map((f) => ({ path: f.path, contents: f.contents })), ms: performance.now() - t });
    } catch (e) {
      post({ type: 'error', name: g.name, message: (e as Error)?.message ?? String(e) });
    }
  }
  post({ type: 'done' });
});
