// How `generate --jobs` threads are used: the main thread, then the task pool, then lanes.
import { describe, expect, it } from 'vitest';
import { planThreads } from '../dist/threads.js';

describe('planThreads', () => {
  it.each([
    // jobs, long work, generators, cores → pool threads, lanes
    [1, true, 8, 2, 0, 0],
    [2, false, 8, 2, 1, 0],
    [3, true, 8, 2, 1, 1],
    [4, true, 2, 8, 1, 1], // never more lanes than generators beyond the main thread's
    [undefined, true, 8, 2, 0, 0], // 2 cores: V8's own threads keep the second one busy
    [undefined, true, 8, 1, 0, 0],
    [undefined, true, 8, 3, 1, 1],
    [undefined, true, 8, 4, 1, 2],
    [undefined, true, 8, 16, 1, 2], // at most 4 threads by default
    [undefined, false, 8, 16, 0, 0], // short work: one thread
  ] as const)('--jobs %s, long %s, %i generators, %i cores: %i pool thread(s), %i lane(s)', (jobs, long, generators, cores, pool, lanes) => {
    expect(planThreads(jobs, long, generators, cores)).toEqual({ pool, lanes });
  });
});
