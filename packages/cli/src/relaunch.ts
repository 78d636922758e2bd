import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { trace } from './debug.js';

/**
 * Node gives V8 a pool of 4 background threads whatever the machine. On a 2-core machine
 * that pool (parallel scavenges, concurrent marking and compiling) competes with the main
 * thread instead of helping it: with `--v8-pool-size=0` (Node sizes the pool to the cores)
 * a 2,000-event `generate` measured 12-18% faster, and `check` and the TypeScript generator
 * alone about 20% faster (bench/results/generate.json). The pool can only be sized when the
 * process starts, so the binary starts a child with the flag when there is long work to do,
 * at the cost of one more Node start-up (~100 ms with the CLI's own); a no-op `generate`
 * never gets here, and short work (the seed: +8% measured) stays in this process.
 */
export const POOL_FLAG = '--v8-pool-size=0';

/** Whether this process can hand long work to a tuned child (beyond 4 cores the default pool fits). */
export function shouldRelaunch(execArgv: readonly string[], env: NodeJS.ProcessEnv, cores = availableParallelism(), runtime = process.release.name): boolean {
  // The flag is Node's own; another runtime would refuse it.
  if (runtime !== 'node') return false;
  if (env.TAXONOMY_NO_RELAUNCH) return false;
  if (execArgv.some((a) => a.startsWith('--v8-pool-size'))) return false;
  return cores <= 4;
}

/** Options taking a value that must not run again in the child (code given on the command line). */
const CODE_OPTIONS = new Set(['-e', '--eval', '-p', '--print']);

/**
 * This process's Node options for the child (memory limits, --import, --cpu-prof pass on),
 * without code given with -e/-p: the child runs the binary itself, not that code again.
 */
export function nodeFlags(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (CODE_OPTIONS.has(a)) { i++; continue; }
    if (/^--(eval|print)=/.test(a) || a === '-i' || a === '--interactive') continue;
    out.push(a);
  }
  return out;
}

/**
 * The `execArgv` of a worker thread: undefined (Node's default: this thread's options, less
 * those a worker cannot take, such as `--v8-pool-size`) unless they hold `--input-type`, which
 * a worker refuses outright (its code is a file); then none, since an explicit list may not
 * hold V8 or process-wide options either. So a script run with `node --input-type=module -e`
 * can still start the generate threads.
 */
export function workerFlags(execArgv: readonly string[]): string[] | undefined {
  return execArgv.some((a) => a.startsWith('--input-type')) ? [] : undefined;
}

/**
 * Runs `script args` again with the pool flag, output and input shared; resolves to the child's
 * exit code. Interrupts reach the child (a terminal sends them to both; a `kill` of this
 * process is passed on), and this process waits for it, so nothing is left running.
 */
export function relaunch(script: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    // Handlers first: a signal that came between spawning and handling would kill this
    // process and leave the child running.
    let child: ReturnType<typeof spawn> | undefined;
    const forward = (signal: NodeJS.Signals) => () => { child?.kill(signal); };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child = spawn(process.execPath, [...nodeFlags(process.execArgv), POOL_FLAG, script, ...args], { stdio: 'inherit' });
    trace('relaunch', () => `running in child process ${child!.pid} with ${POOL_FLAG}`);
    child.on('error', (e) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.stderr.write(`taxonomy: could not start a child process (${e.message}); set TAXONOMY_NO_RELAUNCH=1 to run in this one\n`);
      resolve(2);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}

/** Work below this (estimated ms) stays in this process: the child's start-up would eat the gain. */
export const RELAUNCH_MIN_MS = 1500;
/** Loading costs about this much per byte of taxonomy YAML (2,000 events: 1.4 MB, ~0.55 s). */
const LOAD_MS_PER_BYTE = 0.4 / 1024;
/** A generator with no recorded time yet is assumed to take this long. */
const UNKNOWN_GENERATOR_MS = 150;

/** Bytes of YAML under the taxonomy folder (stat only; a few dozen files). */
export function taxonomyBytes(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return 0; // loading reports it
  }
  let total = 0;
  for (const n of names) {
    // What loading reads: no hidden files or folders, no node_modules.
    if (!/\.ya?ml$/.test(n) || n.split(/[\\/]/).some((seg) => seg.startsWith('.') || seg === 'node_modules')) continue;
    try { total += statSync(join(dir, n)).size; } catch { /* vanished: loading reports it */ }
  }
  return total;
}

/**
 * The milliseconds a generate is expected to take: loading (from the taxonomy's size) plus the
 * last run's time of each selected generator (a hint only, as for scheduling).
 */
export function estimateGenerateMs(bytes: number, selected: readonly string[], timings: Readonly<Record<string, number>>): number {
  return bytes * LOAD_MS_PER_BYTE + selected.reduce((sum, g) => sum + (timings[g] ?? UNKNOWN_GENERATOR_MS), 0);
}
