import { Worker } from 'node:worker_threads';
import type { GeneratedFile } from '@taxonomy/core';
import { trace, wallMs } from './debug.js';
import { workerFlags } from './relaunch.js';

/**
 * Generators are pure and independent, so `taxonomy generate` can run them in lanes: the main
 * thread and worker threads (generate-worker.ts; from the third `--jobs` thread on, see
 * threads.ts) take generators from one queue, a counter in shared memory, costliest first.
 * A worker starts before the taxonomy is loaded and loads it itself, in parallel, so the
 * extra lane costs no wall time; its model must hash the
 * same as the main thread's (an edit in between would differ), otherwise it is not used. The
 * main thread alone writes files, in registry order, so the output never depends on the lanes.
 */
export interface LaneStart {
  readonly taxDir: string;
  readonly cwd: string;
  readonly rootDir: string;
  /** Generators the worker may be asked to run (it imports only these). */
  readonly names: readonly string[];
  readonly memo: boolean;
  readonly check: boolean;
}

export interface RunOrder {
  readonly names: readonly string[];
  readonly queue: SharedArrayBuffer;
}

export type LaneMessage =
  | { type: 'ready'; modelHash: string }
  | { type: 'result'; name: string; files: GeneratedFile[]; ms: number }
  | { type: 'error'; name: string; message: string }
  | { type: 'done' };

export interface LaneResult {
  readonly files?: readonly GeneratedFile[];
  readonly error?: unknown;
  readonly ms: number;
  readonly lane: 'main' | 'worker';
}

interface Lane {
  readonly worker: Worker;
  readonly ready: Promise<string | undefined>;
  readonly results: Map<string, LaneResult>;
  readonly done: Promise<void>;
  /** Called on the main thread as each of this lane's results arrives. */
  onResult?: (name: string, r: LaneResult) => void;
}

/** Starts `count` worker lanes; they load the taxonomy while the caller does. */
export function startLanes(count: number, start: LaneStart): Lane[] {
  const lanes: Lane[] = [];
  for (let i = 0; i < count; i++) {
    // A larger young generation: generators allocate many short-lived strings and objects.
    const worker = new Worker(new URL('./generate-worker.js', import.meta.url), { workerData: start, execArgv: workerFlags(process.execArgv), resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    worker.unref();
    let onReady: (h: string | undefined) => void = () => {};
    let onDone: () => void = () => {};
    const lane: Lane = {
      worker, results: new Map(),
      ready: new Promise<string | undefined>((r) => { onReady = r; }),
      done: new Promise<void>((r) => { onDone = r; }),
    };
    const deliver = (name: string, r: LaneResult) => { lane.results.set(name, r); lane.onResult?.(name, r); };
    worker.on('message', (m: LaneMessage) => {
      if (m.type === 'ready') onReady(m.modelHash);
      else if (m.type === 'result') deliver(m.name, { files: m.files, ms: m.ms, lane: 'worker' });
      else if (m.type === 'error') deliver(m.name, { error: new Error(m.message), ms: 0, lane: 'worker' });
      else onDone();
    });
    // A lane that fails is not an error: whatever it did not deliver, the main thread runs.
    const lost = () => { onReady(undefined); onDone(); };
    worker.on('error', lost);
    worker.on('exit', lost);
    lanes.push(lane);
  }
  return lanes;
}

export async function stopLanes(lanes: readonly Lane[]): Promise<void> {
  await Promise.all(lanes.map((l) => l.worker.terminate()));
}

/**
 * Runs `names` (in this order of priority) across the main thread and the lanes whose model
 * hashes to `modelHash`; returns every generator's result.
 */
export async function runInLanes(
  lanes: readonly Lane[],
  modelHash: string,
  names: readonly string[],
  local: (name: string) => Promise<readonly GeneratedFile[]>,
  onResult: (name: string, r: LaneResult) => void = () => {},
  /**
   * Given when generators may hand work to a task pool: then, with no lane, the main thread
   * starts them all before awaiting any, and calls `idle` (the pool's helpOut) once it has
   * nothing else to do.
   */
  pool?: { idle(): Promise<void> },
): Promise<Map<string, LaneResult>> {
  const usable: Lane[] = [];
  for (const l of lanes) {
    if ((await l.ready) === modelHash && names.length > 1) usable.push(l);
    else void l.worker.terminate();
  }
  const queue = new SharedArrayBuffer(4);
  const counter = new Int32Array(queue);
  for (const l of usable) {
    l.onResult = onResult;
    l.worker.postMessage({ names, queue } satisfies RunOrder);
  }
  const results = new Map<string, LaneResult>();
  const runLocal = async (name: string) => {
    const t = performance.now();
    let r: LaneResult;
    try {
      r = { files: await local(name), ms: performance.now() - t, lane: 'main' };
    } catch (error) {
      r = { error, ms: performance.now() - t, lane: 'main' };
    }
    results.set(name, r);
    trace('pool', () => `generator ${name} on the main thread: ${Math.round(performance.timeOrigin + t)}..${wallMs()} ms`);
    onResult(name, r);
  };
  if (pool && !usable.length) {
    // The main thread alone, with a task pool: every generator is started before any is
    // awaited. Each runs synchronously up to its first await, in this order, so one that waits
    // for the pool (validators compiling on another thread) lets the next ones run meanwhile.
    Atomics.store(counter, 0, names.length);
    const start = performance.now();
    const all = Promise.all(names.map(runLocal));
    await pool.idle();
    await all;
    // Each generator's span then also holds the others' work. Scaled so that they add up to
    // the wall time of the whole, they stay comparable with a run one after another (they
    // order the next run and estimate its length).
    const wall = performance.now() - start;
    const spans = names.reduce((sum, n) => sum + results.get(n)!.ms, 0);
    if (spans > wall) for (const n of names) results.set(n, { ...results.get(n)!, ms: (results.get(n)!.ms * wall) / spans });
  } else {
    for (;;) {
      const i = Atomics.add(counter, 0, 1);
      if (i >= names.length) break;
      await runLocal(names[i]!);
    }
    await pool?.idle();
  }
  for (const l of usable) {
    await l.done;
    for (const [k, v] of l.results) results.set(k, v);
    l.onResult = undefined;
    void l.worker.terminate();
  }
  for (const name of names) if (!results.has(name)) await runLocal(name);
  return results;
}
