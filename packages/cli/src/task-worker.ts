import { parentPort, threadId } from 'node:worker_threads';
import { runTask } from '@taxonomy/core';
import { trace, wallMs } from './debug.js';
import { claimTask, type TaskReply, type TaskRequest, type WarmRequest } from './task-pool.js';

/**
 * A thread of the task pool (task-pool.ts): runs the tasks posted to it one at a time, the
 * costliest it holds first (the first posted among equals), and replies with each task's
 * value or its error's message; it skips a task the main thread has already claimed.
 */
const held: TaskRequest[] = [];
let running = false;

async function run(req: TaskRequest): Promise<TaskReply> {
  try {
    const t = wallMs();
    const value = await runTask({ module: req.module, name: req.name }, req.input);
    trace('pool', () => `task ${req.name} #${req.id} (cost ${req.cost}) on pool thread ${threadId}: ${t}..${wallMs()} ms`);
    return { id: req.id, ok: true, value };
  } catch (e) {
    return { id: req.id, ok: false, message: (e as Error)?.message ?? String(e) };
  }
}

async function drain(): Promise<void> {
  running = true;
  while (held.length) {
    let at = 0;
    held.forEach((r, i) => { if (r.cost > held[at]!.cost) at = i; });
    const req = held.splice(at, 1)[0]!;
    // A task the main thread took back (task-pool.ts: helpOut) gets no reply.
    if (claimTask(req.claim)) parentPort!.postMessage(await run(req));
    // A turn of the event loop between tasks, to hear of the tasks posted meanwhile.
    await new Promise<void>((r) => setImmediate(r));
  }
  running = false;
}

parentPort!.on('message', (req: TaskRequest | WarmRequest) => {
  if ('warm' in req) {
    // Imports overlap nothing on this thread; a task that comes meanwhile shares the import.
    for (const m of req.warm) import(m).catch(() => {});
    return;
  }
  held.push(req);
  if (!running) void drain();
});
