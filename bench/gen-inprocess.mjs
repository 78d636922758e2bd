#!/usr/bin/env node
// In-process timing of one generator on a synthetic taxonomy (no CLI, no disk writes), for
// profiling work on a single generator: the model is loaded once, then the generator runs
// `runs` times and the median is printed, with a hash of its output so a speed-up that changes
// the output is seen at once.
// With MEMO=1 an in-memory GeneratorCache is passed (run 1 cold, the rest warm).
// Usage: node bench/gen-inprocess.mjs <generator> [events=2000] [runs=3]
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadTaxonomy } from '@taxonomy/core';
import { makeTempTaxonomy } from './make-taxonomy.mjs';
import { median } from './lib.mjs';

const [name, events = '2000', runs = '3'] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const pkgs = Object.values(require('../packages/cli/generators.json'));
let gen;
for (const p of pkgs) {
  const m = await import(p);
  for (const v of Object.values(m)) if (v && typeof v === 'object' && v.name === name && typeof v.generate === 'function') gen = v;
}
if (!gen) { console.error(`no generator '${name}'`); process.exit(2); }
const root = makeTempTaxonomy(Number(events));
let t = performance.now();
const { model, diagnostics } = loadTaxonomy(join(root, 'taxonomy'), { cwd: root });
console.log(`load ${events} events: ${Math.round(performance.now() - t)} ms`);
if (!model) { console.error(diagnostics.slice(0, 3)); process.exit(1); }
const Ajv = require('ajv/dist/2020.js').default;
const options = structuredClone(model.generators[name]?.options ?? {});
new Ajv({ useDefaults: true, strict: false }).compile(gen.optionsSchema)(options);
const store = new Map();
const context = process.env.MEMO === '1' ? { cache: { get: (k) => store.get(k), set: (k, v) => store.set(k, v) } } : undefined;
const times = [];
let hash = '';
for (let i = 0; i < Number(runs); i++) {
  t = performance.now();
  const files = await gen.generate(model, options, context);
  times.push(performance.now() - t);
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) h.update(f.path).update('\0').update(f.contents).update('\0');
  hash = h.digest('hex').slice(0, 16);
  if (i === 0) console.log(`${files.length} files, output hash ${hash}`);
}
console.log(`${name}: median ${Math.round(median(times))} ms over ${runs} runs [${times.map((x) => Math.round(x)).join(', ')}]`);
