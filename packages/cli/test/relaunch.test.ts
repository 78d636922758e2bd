import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { estimateGenerateMs, nodeFlags, workerFlags, POOL_FLAG, RELAUNCH_MIN_MS, shouldRelaunch, taxonomyBytes } from '../src/relaunch.js';
import { cleanFixture, project } from './cli-run.js';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const ALL = ['json-schema', 'validators', 'types', 'docs', 'typescript', 'sql', 'metrics', 'dbt'];

/** Makes the next generate look long: the last run's timings are only a hint, read for this. */
function looksLong(dir: string): void {
  mkdirSync(join(dir, '.taxonomy-cache'), { recursive: true });
  writeFileSync(join(dir, '.taxonomy-cache/timings.json'), JSON.stringify({ 'json-schema': 60_000 }));
}

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const { TAXONOMY_NO_RELAUNCH: _, ...rest } = process.env;
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...rest, TAXONOMY_DEBUG: 'relaunch', ...env } });
}

describe('relaunch: long work runs in a child with V8\'s pool sized to the machine', () => {
  it.each([
    ['a plain process on 2 cores', [], {}, 2, true],
    ['the child itself (the flag is there)', [POOL_FLAG], {}, 2, false],
    ['a process started with its own pool size', ['--v8-pool-size=2'], {}, 2, false],
    ['TAXONOMY_NO_RELAUNCH=1', [], { TAXONOMY_NO_RELAUNCH: '1' }, 2, false],
    ['a machine of 16 cores (the default pool fits)', [], {}, 16, false],
    ['another runtime than Node (it would refuse the flag)', [], {}, 2, false, 'bun'],
  ] as const)('shouldRelaunch: %s', (_n, execArgv, env, cores, expected, runtime = 'node') => {
    expect(shouldRelaunch(execArgv, env, cores, runtime)).toBe(expected);
  });

  it.each([
    // The synthetic 2,000-event taxonomy (1.4 MB) with last run's warm timings: relaunched.
    ['2,000 events, every generator', 1_422_839, ALL, { dbt: 114, docs: 424, 'json-schema': 156, metrics: 26, sql: 205, types: 164, typescript: 129, validators: 192 }, true],
    // TypeScript alone on it: ~0.7 s of work, where the child's start-up ate the gain.
    ['2,000 events, typescript alone', 1_422_839, ['typescript'], { typescript: 129 }, false],
    // The seed (286 kB), where a relaunch measured 8% slower.
    ['the seed, every generator', 285_699, ALL, { dbt: 20, docs: 90, 'json-schema': 20, metrics: 30, sql: 80, types: 30, typescript: 20, validators: 20 }, false],
    ['a first run (no timings) of a small taxonomy', 10_000, ALL, {}, false],
  ] as const)('estimateGenerateMs: %s', (_n, bytes, selected, timings, expected) => {
    expect(estimateGenerateMs(bytes, selected, timings) >= RELAUNCH_MIN_MS).toBe(expected);
  });

  it.each([
    [['--max-old-space-size=100', '--import', 'probe.mjs'], ['--max-old-space-size=100', '--import', 'probe.mjs']],
    [['-e', 'edit(); import(cli)', '--cpu-prof'], ['--cpu-prof']],
    [['--eval=x()', '-p', 'y', '--print', 'z', '-i'], []],
  ])('passes Node options %j on as %j, never code to evaluate again', (execArgv, expected) => {
    expect(nodeFlags(execArgv)).toEqual(expected);
  });

  it.each([
    [['--input-type=module', '-e', 'x()', '--max-old-space-size=100'], []],
    [['--input-type', 'module', '--import', 'probe.mjs'], []],
    [['--cpu-prof', POOL_FLAG], undefined],
    [[], undefined],
  ])('starts worker threads under Node options %j with execArgv %j (inherited unless --input-type, which a worker refuses)', (execArgv, expected) => {
    expect(workerFlags(execArgv)).toEqual(expected);
  });

  it('counts the YAML bytes of a taxonomy folder, nested files included', () => {
    const expected = ['taxonomy.yaml', 'properties.yaml', 'privacy.yaml', 'categories.yaml', 'destinations.yaml', 'domains/workbench.yaml']
      .reduce((n, f) => n + readFileSync(join(cleanFixture, f)).length, 0);
    expect(readdirSync(cleanFixture, { recursive: true }).filter((f) => /\.ya?ml$/.test(String(f)))).toHaveLength(6);
    expect(taxonomyBytes(cleanFixture)).toBe(expected);
  });

  it('the binary hands long work to the child: same files, same output, same exit code', () => {
    const inProcess = project('relaunch-a-');
    const relaunched = project('relaunch-b-');
    looksLong(relaunched);
    const a = cli(['generate', 'taxonomy', '--only', 'json-schema,typescript'], inProcess, { TAXONOMY_NO_RELAUNCH: '1' });
    const b = cli(['generate', 'taxonomy', '--only', 'json-schema,typescript'], relaunched);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(a.stderr).not.toMatch(/child process/);
    expect(b.stderr).toMatch(new RegExp(`running in child process \\d+ with ${POOL_FLAG}`));
    const files = (dir: string) => readdirSync(join(dir, 'packages/schemas/schemas')).map((f) => readFileSync(join(dir, 'packages/schemas/schemas', f), 'utf8'));
    expect(files(relaunched)).toEqual(files(inProcess));
    expect(b.stdout.replace(/\d+ ms/g, 'N ms')).toBe(a.stdout.replace(/\d+ ms/g, 'N ms'));

    // A no-op stays in this process.
    const noop = cli(['generate', 'taxonomy', '--only', 'json-schema,typescript'], relaunched);
    expect(noop.status).toBe(0);

    // The child's exit code is the binary's: a broken taxonomy is 1, as in process.
    writeFileSync(join(relaunched, 'taxonomy/domains/workbench.yaml'), 'events: [\n');
    looksLong(relaunched); // the runs above recorded their real (short) timings
    const broken = cli(['generate', 'taxonomy', '--force'], relaunched);
    expect(broken.stderr).toMatch(/child process/);
    expect(broken.stderr).toMatch(/workbench\.yaml:\d+:\d+/);
    expect(broken.status).toBe(1);
  });

  it('passes SIGTERM on to the child and waits for it, so nothing is left running', async () => {
    const dir = project('relaunch-term-');
    looksLong(dir);
    const { TAXONOMY_NO_RELAUNCH: _, ...rest } = process.env;
    const parent = spawn(process.execPath, [bin, 'generate', 'taxonomy', '--force'], { cwd: dir, env: { ...rest, TAXONOMY_DEBUG: 'relaunch' } });
    let stderr = '';
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /child process (\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      parent.on('exit', () => reject(new Error(`exited before relaunching: ${stderr}`)));
    });
    parent.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => parent.on('exit', (c) => resolve(c)));
    expect(code).toBe(143);
    expect(() => process.kill(childPid, 0)).toThrow(/ESRCH/);
  });
});

describe('generate --help', () => {
  it('names the environment variables that control the relaunch', () => {
    const r = spawnSync(process.execPath, [bin, 'generate', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/TAXONOMY_NO_RELAUNCH=1/);
    expect(r.stdout).toMatch(/TAXONOMY_DEBUG=relaunch/);
    expect(r.stdout).toMatch(/CI=1 +no status line/);
  });
});
