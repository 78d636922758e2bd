#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>.bench.mjs, which prints each figure
// next to its baseline measured in the same run. `npm run bench` lists them.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const names = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).map((f) => f.replace('.bench.mjs', '')).sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (wanted.length === 0) {
  console.log(`Usage: npm run bench -- <name>\nBenchmarks: ${names.join(', ') || '(none)'}`);
  process.exit(0);
}
for (const name of wanted) {
  if (!names.includes(name)) {
    console.error(`no benchmark '${name}'; available: ${names.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== bench: ${name}`);
  const mod = await import(pathToFileURL(join(dir, `${name}.bench.mjs`)).href);
  if (typeof mod.default === 'function') await mod.default();
}
