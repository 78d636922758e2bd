import { Worker } from 'node:worker_threads';
import { runTask, type TaskPool, type TaskRef } from '@taxonomy/core';
import { trace, wallMs } from './debug.js';
import { workerFlags } from './relaunch.js';

/**
 * The threads `taxonomy generate` lends generators for their costly pure steps (TaskPool in
 * @taxonomy/core): compiling validators, say, while the main thread runs the other
 * generators. Unlike a lane (lanes.ts), a pool thread never loads the taxonomy: it is given
 * one function and its input at a time, so it costs nothing until a generator asks for it.
 *
 * Each task is posted to a thread at once (the least loaded, started on demand), not when a
 * thread is free: the main thread is busy with other generators exactly while the pool works,
 * and would not hear that a thread is free until it is done with them. A thread starts the
 * costliest task it holds first; once the main thread has nothing else to do, it takes back
 * the cheapest no thread has started (`helpOut`): whoever starts a task claims it in shared
 * memory, so each runs exactly once.
 */
export interface TaskRequest {
  readonly id: number;
  readonly module: string;
  readonly name: string;
  readonly input: unknown;
  /** The caller's estimate of the work: the thread starts the costliest task it holds first. */
  readonly cost: number;
  /** One Int32: 0 until a thread (a pool thread or the main one) claims the task. */
  readonly claim: SharedArrayBuffer;
}

/** Whether some thread has claimed the task. */
const isClaimed = (claim: SharedArrayBuffer): boolean => Atomics.load(new Int32Array(claim), 0) !== 0;

/** Claims a task for the caller's thread: true for exactly one caller. */
export function claimTask(claim: SharedArrayBuffer): boolean {
  return Atomics.compareExchange(new Int32Array(claim), 0, 0, 1) === 0;
}

/** Modules a thread imports before its first task (WorkerTaskPool.warm). */
export interface WarmRequest {
  readonly warm: readonly string[];
}

export type TaskReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

interface Pending {
  readonly id: number;
  readonly slot: Slot;
  readonly task: TaskRef;
  readonly input: unknown;
  readonly claim: SharedArrayBuffer;
  readonly cost: number;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly inflight: Map<number, Pending>;
  dead: boolean;
}

export class WorkerTaskPool implements TaskPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closed = false;
  /** Tasks the main thread took back (helpOut), for the trace and tests. */
  taken = 0;

  /** @param size Most worker threads at once (at least 1). */
  constructor(private readonly size: number) {
    if (!(size >= 1)) throw new Error(`internal: a task pool needs at least one thread; got ${size}`);
  }

  /** Worker threads started so far (for tests and the bench). */
  get threads(): number {
    return this.slots.length;
  }

  run<I, O>(task: TaskRef, input: I, cost = 1): Promise<O> {
    if (this.closed) return Promise.reject(new Error('internal: the task pool is closed'));
    return new Promise<O>((resolve, reject) => {
      const live = this.slots.filter((s) => !s.dead);
      let slot = live.reduce<Slot | undefined>((a, s) => (!a || s.inflight.size < a.inflight.size ? s : a), undefined);
      if (!slot || (slot.inflight.size > 0 && live.length < this.size)) slot = this.spawn();
      const id = this.nextId++;
      const claim = new SharedArrayBuffer(4);
      const p: Pending = { id, slot, task, input, claim, cost, resolve: resolve as (v: unknown) => void, reject };
      slot.inflight.set(id, p);
      // A busy thread keeps the process alive (someone awaits it); an idle one must not.
      slot.worker.ref();
      slot.worker.postMessage({ id, module: task.module, name: task.name, input, cost, claim } satisfies TaskRequest);
    });
  }

  /**
   * Runs, on this thread, the tasks no pool thread has started, the cheapest first (the last
   * posted among equals), until none is left. For a caller with nothing else to do: each task
   * is taken after a turn of the event loop, so the replies of the pool threads and what
   * awaits them are not held up. `taken` counts the tasks taken back.
   */
  async helpOut(): Promise<void> {
    for (;;) {
      await new Promise<void>((r) => setImmediate(r));
      let p: Pending | undefined;
      do {
        // The cheapest task no thread has claimed yet, the last posted (highest id) among equals.
        p = undefined;
        for (const s of this.slots) {
          for (const q of s.inflight.values()) {
            if (isClaimed(q.claim)) continue;
            if (!p || q.cost < p.cost || (q.cost === p.cost && q.id > p.id)) p = q;
          }
        }
        if (!p) return;
      } while (!claimTask(p.claim));
      p.slot.inflight.delete(p.id);
      if (p.slot.inflight.size === 0) p.slot.worker.unref();
      this.taken++;
      try {
        const t = wallMs();
        const value = await runTask(p.task, p.input);
        trace('pool', () => `task ${p!.task.name} #${p!.id} (cost ${p!.cost}) taken back by the main thread: ${t}..${wallMs()} ms`);
        p.resolve(value);
      } catch (e) {
        p.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  /**
   * Starts the threads now and has each import `modules` (the generators' task modules,
   * `Generator.tasks`) while this thread has other work (loading the taxonomy), so the first
   * tasks do not wait for ajv or json-schema-to-typescript to load. A module that fails to
   * import is left for its task to report.
   */
  warm(modules: readonly string[]): void {
    if (this.closed || !modules.length) return;
    while (this.slots.filter((s) => !s.dead).length < this.size) this.spawn();
    for (const s of this.slots) if (!s.dead) s.worker.postMessage({ warm: modules } satisfies WarmRequest);
  }

  /** Stops every thread; tasks not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => {
      this.fail(s, 'the task pool was closed before the task finished');
      return s.worker.terminate();
    }));
  }

  private fail(slot: Slot, why: string): void {
    for (const p of slot.inflight.values()) {
      // Not claimed by anyone yet: the main thread could still take it (helpOut) and must not.
      claimTask(p.claim);
      p.reject(new Error(`task ${p.task.name}: ${why}`));
    }
    slot.inflight.clear();
  }

  private spawn(): Slot {
    // A larger young generation, as for lanes: compiling allocates many short-lived strings.
    const worker = new Worker(new URL('./task-worker.js', import.meta.url), { execArgv: workerFlags(process.execArgv), resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    const slot: Slot = { worker, inflight: new Map(), dead: false };
    this.slots.push(slot);
    worker.on('message', (m: TaskReply) => {
      const p = slot.inflight.get(m.id);
      if (!p) return;
      slot.inflight.delete(m.id);
      if (slot.inflight.size === 0) worker.unref();
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.message));
    });
    const lost = (why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      this.fail(slot, `its thread stopped (${why})`);
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    // Held alive only while it has a task (run refs it), so a warmed thread never keeps the
    // process up. After the listeners: adding one refs the thread again.
    worker.unref();
    return slot;
  }
}
