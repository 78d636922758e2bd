// `taxonomy generate` runs generators in lanes (main thread + worker threads, lanes.ts) and
// lends them a memo (.taxonomy-cache/memo/). Neither may change a byte of the output.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { project, run } from './cli-run.js';

/** Every generated file (not the taxonomy, not the cache) and its contents. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (n === 'taxonomy' || n === '.taxonomy-cache') continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8').replace(/"inputHash": "[0-9a-f]+"/, '"inputHash": "…"');
    }
  };
  walk(dir);
  return out;
}

describe('taxonomy generate: lanes and memo', () => {
  it('writes the same files with one lane, two lanes, a warm memo and no memo', async () => {
    const one = project('taxonomy-lanes-');
    const two = project('taxonomy-lanes-');
    const r1 = await run(['generate', '--jobs', '1', '--no-cache'], one);
    const r2 = await run(['generate', '--jobs', '3'], two);
    expect(r1.code, r1.err).toBe(0);
    expect(r2.code, r2.err).toBe(0);
    // With two lanes, the worker thread took some generators.
    expect(r2.out).toMatch(/\(worker\)/);
    expect(r1.out).not.toMatch(/\(worker\)/);
    const expected = tree(one);
    expect(Object.keys(expected).length).toBeGreaterThan(20);
    expect(tree(two)).toEqual(expected);
    expect(existsSync(join(one, '.taxonomy-cache/memo'))).toBe(false);
    // Again, forced, with the memo the first run of `two` left: same bytes.
    const r3 = await run(['generate', '--force', '--jobs', '3'], two);
    expect(r3.code, r3.err).toBe(0);
    expect(tree(two)).toEqual(expected);
  });

  it('with two threads, the task pool compiles the validators and types on the second: same files as one thread', () => {
    const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    const one = project('taxonomy-pool-');
    const two = project('taxonomy-pool-');
    const env = { ...process.env, TAXONOMY_NO_RELAUNCH: '1', TAXONOMY_DEBUG: 'pool' };
    const r1 = spawnSync(process.execPath, [bin, 'generate', '--jobs', '1', '--no-cache'], { cwd: one, env, encoding: 'utf8' });
    const r2 = spawnSync(process.execPath, [bin, 'generate', '--jobs', '2', '--no-cache'], { cwd: two, env, encoding: 'utf8' });
    expect(r1.status, r1.stderr).toBe(0);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r1.stderr).not.toMatch(/pool thread|taken back/);
    // Each compiled chunk and the json-schema-to-typescript run: on the pool thread, or taken back by the idle main thread.
    const tasks = [...r2.stderr.matchAll(/task (\w+) #\d+ \(cost \d+\) (?:on pool thread \d+|taken back by the main thread)/g)].map((m) => m[1]);
    expect(tasks).toContain('compileChunk');
    expect(tasks).toContain('compileMembersTask');
    expect(r2.stdout).not.toMatch(/\(worker\)/);
    expect(tree(two)).toEqual(tree(one));
  });

  it('by default, uses the task pool only when the last run says the work is long, on more than 2 cores (planThreads)', () => {
    const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    const env = { ...process.env, TAXONOMY_NO_RELAUNCH: '1', TAXONOMY_DEBUG: 'pool' };
    const short = project('taxonomy-pool-');
    const r1 = spawnSync(process.execPath, [bin, 'generate', '--no-cache'], { cwd: short, env, encoding: 'utf8' });
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.stderr).not.toMatch(/pool thread|taken back/);
    // Timings of a long last run (.taxonomy-cache/timings.json is only a hint).
    const long = project('taxonomy-pool-');
    mkdirSync(join(long, '.taxonomy-cache'));
    writeFileSync(join(long, '.taxonomy-cache/timings.json'), JSON.stringify({ validators: 1500, types: 800 }));
    const r2 = spawnSync(process.execPath, [bin, 'generate', '--no-cache'], { cwd: long, env, encoding: 'utf8' });
    expect(r2.status, r2.stderr).toBe(0);
    // On 2 cores the default stays on one thread (threads.test.ts has the table for every case).
    if (availableParallelism() > 2) expect(r2.stderr).toMatch(/task compileChunk #\d+ \(cost \d+\) (on pool thread|taken back)/);
    else expect(r2.stderr).not.toMatch(/pool thread|taken back/);
    expect(tree(long)).toEqual(tree(short));
    // This run's timings replace the hint: scaled to its wall time, they add up to less.
    const timings = JSON.parse(readFileSync(join(long, '.taxonomy-cache/timings.json'), 'utf8')) as Record<string, number>;
    expect(Object.keys(timings).sort()).toEqual(['dbt', 'docs', 'grafana', 'json-schema', 'metrics', 'sql', 'types', 'typescript', 'validators']);
  });

  it.each([
    ['the relaunched child\'s pool flag', ['--v8-pool-size=0']],
    ['a memory limit', ['--max-old-space-size=2048']],
  ])('the task pool starts under %s (regression: an explicit worker execArgv refused V8 options)', (_name, flags) => {
    const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    const dir = project('taxonomy-pool-');
    const env = { ...process.env, TAXONOMY_NO_RELAUNCH: '1', TAXONOMY_DEBUG: 'pool' };
    const r = spawnSync(process.execPath, [...flags, bin, 'generate', '--jobs', '2', '--no-cache'], { cwd: dir, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/task compileChunk #\d+ \(cost \d+\) (on pool thread|taken back)/);
  });

  it('a memo file that is garbage is ignored, not trusted', async () => {
    const dir = project('taxonomy-lanes-');
    expect((await run(['generate', '--jobs', '1'], dir)).code).toBe(0);
    const expected = tree(dir);
    const memoDir = join(dir, '.taxonomy-cache/memo');
    for (const f of existsSync(memoDir) ? readdirSync(memoDir) : []) writeFileSync(join(memoDir, f), '{ not json');
    expect((await run(['generate', '--force', '--jobs', '1'], dir)).code).toBe(0);
    expect(tree(dir)).toEqual(expected);
  });

  it.each([['0'], ['-1'], ['two'], ['1.5']])('refuses --jobs %s with a usage error (exit 2)', async (n) => {
    const r = await run(['generate', '--jobs', n], project('taxonomy-lanes-'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(n === '-1' ? /--jobs/ : /--jobs takes a whole number from 1 to 64/);
  });

  it('--check with two lanes finds the same drift as with one', async () => {
    const dir = project('taxonomy-lanes-');
    expect((await run(['generate'], dir)).code).toBe(0);
    const f = join(dir, 'packages/schemas/schemas/workbench.draft_created.v1.json');
    writeFileSync(f, readFileSync(f, 'utf8').replace('chat', 'email'));
    const a = await run(['generate', '--check', '--jobs', '1'], dir);
    const b = await run(['generate', '--check', '--jobs', '3'], dir);
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    expect(b.err).toBe(a.err);
    expect(a.err).toMatch(/workbench\.draft_created\.v1\.json/);
  });
});
