import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

/** Threads `generate` runs with, besides the main one. */
export interface ThreadPlan {
  /** Threads of the task pool (task-pool.ts); 0: none. */
  readonly pool: number;
  /** Worker lanes (lanes.ts). */
  readonly lanes: number;
}

/**
 * How `--jobs` threads are used. The first beyond the main one is the task pool's:
 * generators hand it their costliest pure steps (ajv compiling the validators,
 * json-schema-to-typescript), which then run while the main thread runs the other
 * generators; it loads nothing else. Further threads are lanes, which run whole generators
 * but must load the taxonomy again; on 2 cores a lane measured from 8% slower to 15% faster
 * across bench runs, within the machine's noise, so lanes start at 3 threads.
 *
 * Default: the machine's cores, at most 4, when the work is long (the relaunch estimate) and
 * the machine has more than 2 cores; else one thread. Short work: starting a thread and
 * loading ajv there cost more than it saved (the seed: 10% slower with two threads). On 2
 * cores, one Node thread already keeps about 1.6 cores busy (V8 compiles and marks on
 * background threads), so the pool found no free core: on 2,000 events, 9 interleaved runs
 * each gave medians of 4,140 ms with it and 4,090 ms without, for 0.9 s more CPU time and
 * 190 MB more memory at peak. `--jobs 2` still turns it on there.
 */
export function planThreads(jobs: number | undefined, long: boolean, generators: number, cores = availableParallelism()): ThreadPlan {
  const threads = jobs ?? (long && cores > 2 ? Math.min(cores, 4) : 1);
  return { pool: threads > 1 ? 1 : 0, lanes: Math.max(0, Math.min(threads - 2, generators - 1)) };
}

/** Last run's time per generator, so the costliest start first (a guess, never a correctness input). */
const TIMINGS = '.taxonomy-cache/timings.json';

export function readTimings(rootDir: string): Record<string, number> {
  try { return JSON.parse(readFileSync(join(rootDir, TIMINGS), 'utf8')) as Record<string, number>; } catch { return {}; }
}

export function writeTimings(rootDir: string, timings: Record<string, number>): void {
  try {
    mkdirSync(join(rootDir, '.taxonomy-cache'), { recursive: true });
    writeFileSync(join(rootDir, TIMINGS), JSON.stringify(timings, Object.keys(timings).sort()) + '\n');
  } catch {
    // Only a scheduling hint.
  }
}
