// runInLanes: the main thread and worker lanes share one queue; whatever a lane cannot do
// (its model differs, it died), the main thread does. Every result is delivered once.
import { describe, expect, it } from 'vitest';
import { runInLanes, startLanes, stopLanes, type LaneResult } from '../dist/lanes.js';

/** Keeps this thread busy for `ms` (work a generator does before and after it awaits). */
const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };
const fakeFiles = (name: string) => [{ path: `${name}.txt`, contents: name }];

describe('runInLanes', () => {
  it('with no worker lane, runs everything on the main thread in the given order and reports each result once', async () => {
    const ran: string[] = [];
    const seen: string[] = [];
    const results = await runInLanes([], 'h', ['b', 'a', 'c'], async (n) => { ran.push(n); return fakeFiles(n); }, (n, r) => { seen.push(`${n}:${r.lane}`); });
    expect(ran).toEqual(['b', 'a', 'c']);
    expect(seen).toEqual(['b:main', 'a:main', 'c:main']);
    expect(results.get('a')!.files).toEqual(fakeFiles('a'));
  });

  it('with a task pool and no worker lane, starts every generator before awaiting any (one waiting on the pool lets the next run), then calls idle once', async () => {
    const started = performance.now();
    const events: string[] = [];
    let release!: () => void;
    const pool = new Promise<void>((r) => { release = r; });
    const results = await runInLanes([], 'h', ['slow', 'fast'], async (n) => {
      events.push(`start ${n}`);
      busy(30);
      if (n === 'slow') await pool;
      events.push(`end ${n}`);
      return fakeFiles(n);
    }, () => {}, { idle: async () => { events.push('idle'); release(); } });
    expect(events).toEqual(['start slow', 'start fast', 'end fast', 'idle', 'end slow']);
    // The span of 'slow' held the work of 'fast' too (60 + 30 ms of spans for 60 ms of work):
    // scaled, they add up to no more than the whole took.
    const slow = results.get('slow')!.ms;
    const fast = results.get('fast')!.ms;
    expect(slow + fast).toBeLessThanOrEqual(performance.now() - started);
  });

  it('keeps a generator\'s error as its result instead of stopping the others', async () => {
    const results = await runInLanes([], 'h', ['x', 'y'], async (n) => { if (n === 'x') throw new Error('boom'); return fakeFiles(n); });
    expect((results.get('x') as LaneResult).error).toBeInstanceOf(Error);
    expect(results.get('y')!.files).toEqual(fakeFiles('y'));
  });

  it('does not use a worker whose model differs (here: it could not load one) and runs everything itself', async () => {
    const lanes = startLanes(1, { taxDir: '/nonexistent/taxonomy', cwd: '/', rootDir: '/nonexistent', names: [], memo: false, check: true });
    try {
      const ran: string[] = [];
      const results = await runInLanes(lanes, 'the-main-thread-model-hash', ['a', 'b'], async (n) => { ran.push(n); return fakeFiles(n); });
      expect(ran).toEqual(['a', 'b']);
      expect([...results.values()].every((r) => r.lane === 'main')).toBe(true);
    } finally {
      await stopLanes(lanes);
    }
  });
});
