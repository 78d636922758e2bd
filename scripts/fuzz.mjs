#!/usr/bin/env node
// `npm run fuzz -- [--runs N] [--seed S] [files…]`: the fuzz tests (test/fuzz) with more cases
// than CI runs. Each property gets N cases (FUZZ_RUNS) from seed S (FUZZ_SEED, default: a
// fresh one, printed so a failure can be replayed with --seed).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const env = { ...process.env };
const files = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined || !/^\d+$/.test(v)) {
      process.stderr.write(`fuzz: ${a} needs a whole number (got ${v ?? 'nothing'})\n`);
      process.exit(2);
    }
    return v;
  };
  if (a === '--runs') env.FUZZ_RUNS = value();
  else if (a === '--seed') env.FUZZ_SEED = value();
  else if (a === '--help' || a === '-h') {
    process.stdout.write('usage: npm run fuzz -- [--runs N] [--seed S] [test files…]\n');
    process.exit(0);
  } else files.push(a);
}
env.FUZZ_SEED ??= String(Math.floor(Math.random() * 2 ** 31));
process.stdout.write(`fuzz: ${env.FUZZ_RUNS ?? 'default'} runs per property, seed ${env.FUZZ_SEED}\n`);
const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

const r = spawnSync(process.execPath, [vitest, 'run', ...(files.length ? files : ['test/fuzz'])], { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 2);
