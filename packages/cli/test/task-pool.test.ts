// The task pool `taxonomy generate` lends generators (task-pool.ts, task-worker.ts): tasks run
// on another thread, costliest first; once the main thread has nothing else to do it takes
// back the cheapest not yet started; each task runs exactly once, and a failure or a dead
// thread is a rejected task, never a hang.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerTaskPool, claimTask } from '../dist/task-pool.js';

const TASKS = pathToFileURL(new URL('./fixtures/tasks.mjs', import.meta.url).pathname).href;
const task = (name: string) => ({ module: TASKS, name });
type Ran = { input?: unknown; threadId: number; seq: number };

const pools: WorkerTaskPool[] = [];
const newPool = (size = 1) => {
  const p = new WorkerTaskPool(size);
  pools.push(p);
  return p;
};
afterEach(async () => { await Promise.all(pools.splice(0).map((p) => p.close())); });

describe('WorkerTaskPool', () => {
  it('runs a task on another thread and returns its value, structured-cloned', async () => {
    const pool = newPool();
    const r = await pool.run<unknown, Ran>(task('echo'), { a: [1, 2], m: new Map([['k', 'v']]) });
    expect(r.input).toEqual({ a: [1, 2], m: new Map([['k', 'v']]) });
    expect(r.threadId).not.toBe(threadId);
    expect(pool.threads).toBe(1);
  });

  it('starts no thread until the first task', () => {
    expect(newPool().threads).toBe(0);
  });

  it('awaits async tasks', async () => {
    const r = await newPool().run<string, Ran>(task('later'), 'x');
    expect(r.input).toBe('x');
  });

  it('starts the costliest task a thread holds first', async () => {
    const pool = newPool();
    // The first task keeps the thread busy while the others arrive and wait.
    const first = pool.run<number, Ran>(task('spin'), 150, 1);
    const costs = [1, 5, 3, 9, 2];
    const rest = costs.map((c) => pool.run<number, Ran>(task('echo'), c, c));
    await first;
    const ran = await Promise.all(rest);
    const order = [...ran].sort((a, b) => a.seq - b.seq).map((r) => r.input);
    expect(order).toEqual([9, 5, 3, 2, 1]);
  });

  it('rejects with the task\'s own message when it throws, and goes on with the next task', async () => {
    const pool = newPool();
    await expect(pool.run(task('fail'), 'bad schema at /x')).rejects.toThrow('bad schema at /x');
    await expect(pool.run<string, Ran>(task('echo'), 'next')).resolves.toMatchObject({ input: 'next' });
  });

  it('rejects clearly when the module has no such function', async () => {
    const pool = newPool();
    await expect(pool.run(task('notAFunction'), 1)).rejects.toThrow(/exports no function notAFunction/);
    await expect(pool.run(task('missing'), 1)).rejects.toThrow(/exports no function missing/);
    await expect(pool.run({ module: 'file:///no/such/module.mjs', name: 'x' }, 1)).rejects.toThrow(/module\.mjs/);
  });

  it('rejects every task of a thread that dies, and starts a new thread for the next', async () => {
    const pool = newPool();
    const dying = expect(pool.run(task('die'), null)).rejects.toThrow(/its thread stopped \(exit code 3\)/);
    const queued = expect(pool.run(task('echo'), 'after')).rejects.toThrow(/its thread stopped/);
    await Promise.all([dying, queued]);
    await expect(pool.run<string, Ran>(task('echo'), 'again')).resolves.toMatchObject({ input: 'again' });
    expect(pool.threads).toBe(2);
  });

  it('rejects the tasks still open when it is closed, and every task after', async () => {
    const pool = newPool();
    const open = expect(pool.run(task('spin'), 2000)).rejects.toThrow(/closed before the task finished/);
    await pool.close();
    await open;
    await expect(pool.run(task('echo'), 1)).rejects.toThrow(/closed/);
  });

  it('spreads tasks over up to `size` threads', async () => {
    const pool = newPool(2);
    const ran = await Promise.all([pool.run<number, Ran>(task('spin'), 100), pool.run<number, Ran>(task('spin'), 100)]);
    expect(new Set(ran.map((r) => r.threadId)).size).toBe(2);
    expect(pool.threads).toBe(2);
  });

  it('helpOut: the main thread takes back the cheapest tasks no thread has started; each task runs once', async () => {
    const pool = newPool();
    await pool.run(task('echo'), 'warm-up');
    const long = pool.run<number, Ran>(task('spin'), 400, 100);
    // Long enough for the started thread to claim the long task (it takes ~1 ms).
    await new Promise((r) => setTimeout(r, 100));
    const small = Array.from({ length: 6 }, (_, i) => pool.run<number, Ran>(task('echo'), i, 1));
    await pool.helpOut();
    const ran = await Promise.all(small);
    expect((await long).threadId).not.toBe(threadId);
    // While the pool thread spun, the main thread ran every cheap task itself.
    expect(ran.map((r) => r.input)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ran.every((r) => r.threadId === threadId)).toBe(true);
    expect(pool.taken).toBe(6);
    // Taken back, the last posted first (the main thread's own running count says so).
    expect([...ran].sort((a, b) => a.seq - b.seq).map((r) => r.input)).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it('helpOut takes nothing a pool thread has already claimed', async () => {
    const pool = newPool();
    const ran = await Promise.all([pool.run<number, Ran>(task('echo'), 1), pool.run<number, Ran>(task('echo'), 2)]);
    await pool.helpOut();
    expect(pool.taken).toBe(0);
    expect(ran.every((r) => r.threadId !== threadId)).toBe(true);
  });

  it('an idle pool does not keep the process alive (a script that never closes it exits); a worker refuses --input-type, so it is not passed on', () => {
    const script = `
      import { WorkerTaskPool } from ${JSON.stringify(new URL('../dist/task-pool.js', import.meta.url).href)};
      const pool = new WorkerTaskPool(1);
      const r = await pool.run({ module: ${JSON.stringify(TASKS)}, name: 'echo' }, 'x');
      console.log(r.input);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('x');
  });
});

describe('WorkerTaskPool.warm', () => {
  it('starts the threads before any task and has them import the modules; nothing for no modules', async () => {
    const none = newPool();
    none.warm([]);
    expect(none.threads).toBe(0);
    const pool = newPool(2);
    pool.warm([TASKS, 'file:///no/such/module.mjs']);
    expect(pool.threads).toBe(2);
    // A module that failed to import is the task's to report; the threads are still sound.
    await expect(pool.run<string, Ran>(task('echo'), 'x')).resolves.toMatchObject({ input: 'x' });
  });

  it('a warmed pool that never ran a task does not keep the process alive', () => {
    const script = `
      import { WorkerTaskPool } from ${JSON.stringify(new URL('../dist/task-pool.js', import.meta.url).href)};
      new WorkerTaskPool(1).warm([${JSON.stringify(TASKS)}]);
      console.log('done');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('done');
  });
});

describe('claimTask', () => {
  it('is true for exactly one caller', () => {
    const claim = new SharedArrayBuffer(4);
    expect([claimTask(claim), claimTask(claim), claimTask(claim)]).toEqual([true, false, false]);
  });
});
