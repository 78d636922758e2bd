// `npm run bench -- tracker`: the cost of one typed track call (validation off,
// batching on) against a hand-written direct sink(event) call, in the same run;
// the end-to-end cost once the runtime has processed and batched the events; and
// memory after 1,000,000 events with a stalled sink.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTracker } from '@acme-analytics/tracker';
import { median, report, save } from './lib.mjs';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc');
const heapMb = () => { gc(); gc(); return process.memoryUsage().heapUsed / 2 ** 20; };

const CHUNK = 1000; // events per timed chunk (the default queue size: nothing is dropped)
const CHUNKS = 400;

/** A batching sink that does nothing with its batches: what is measured is the tracker. */
const batchingSink = () => ({ name: 'batch', batchSize: 20, flushIntervalMs: 5000, maxPending: 2000, send() {} });

async function typedTracker() {
  const tracker = createTracker({ sink: batchingSink(), globals: { sessionId: 's-1' }, environment: 'production' });
  const call = [];
  const e2e = [];
  for (let c = 0; c < CHUNKS; c++) {
    const t0 = performance.now();
    for (let i = 0; i < CHUNK; i++) tracker.workbench.draftCreated({ source: 'chat', draftId: 'd', nodeCount: i });
    const t1 = performance.now();
    await tracker.flush();
    const t2 = performance.now();
    call.push(((t1 - t0) * 1e6) / CHUNK);
    e2e.push(((t2 - t0) * 1e6) / CHUNK);
  }
  const s = tracker.stats();
  if (s.delivered !== CHUNK * CHUNKS || s.droppedTotal !== 0) throw new Error(`bench tracker lost events: ${JSON.stringify(s)}`);
  return { call: median(call.slice(CHUNKS / 4)), e2e: median(e2e.slice(CHUNKS / 4)) };
}

/**
 * The hand-written baseline: build the event and hand it to a batching sink directly.
 * mode 'bare': the event as is; 'time': with Date.now() (what any tracker must read);
 * 'full': with a UUID and an ISO timestamp (what the envelope carries).
 */
async function handWritten(mode) {
  let batch = [];
  const sink = (event) => { batch.push(event); if (batch.length >= 20) batch = []; };
  const xs = [];
  for (let c = 0; c < CHUNKS; c++) {
    const t0 = performance.now();
    for (let i = 0; i < CHUNK; i++) {
      const properties = { sessionId: 's-1', source: 'chat', draftId: 'd', nodeCount: i };
      sink(mode === 'full'
        ? { event: 'workbench.draft_created', version: 1, id: crypto.randomUUID(), timestamp: new Date().toISOString(), properties }
        : mode === 'time' ? { event: 'workbench.draft_created', t: Date.now(), properties } : { event: 'workbench.draft_created', properties });
    }
    await Promise.resolve();
    xs.push(((performance.now() - t0) * 1e6) / CHUNK);
  }
  return median(xs.slice(CHUNKS / 4));
}

async function memory() {
  const N = 1_000_000;
  const before = heapMb();
  const stalled = { name: 'stalled', maxPending: 1000, timeoutMs: 0, send: () => new Promise(() => {}) };
  // Quiet: the queue-full warnings are expected here; the books below say what was dropped.
  const tracker = createTracker({ sink: stalled, globals: { sessionId: 's-1' }, environment: 'production', maxQueue: 1000, logger: { warn() {} } });
  for (let i = 0; i < N; i++) {
    tracker.workbench.draftCreated({ source: 'chat', draftId: `draft-${i}`, nodeCount: i });
    if (i % 10_000 === 9_999) await new Promise((r) => setImmediate(r));
  }
  await tracker.flush(50);
  const after = heapMb();
  const s = tracker.stats();
  // The unbounded alternative: every event kept until a sink takes it.
  const kept = [];
  const b2 = heapMb();
  for (let i = 0; i < N; i++) kept.push({ event: 'workbench.draft_created', properties: { sessionId: 's-1', source: 'chat', draftId: `draft-${i}`, nodeCount: i } });
  const unbounded = heapMb() - b2;
  kept.length = 0;
  return { trackerMb: after - before, unboundedMb: unbounded, pending: s.pending, dropped: s.droppedTotal, enqueued: s.enqueued };
}

export default async function run() {
  // Warm up both paths once so the JIT treats them alike.
  await typedTracker();
  await handWritten('bare');
  const direct = await handWritten('bare');
  const directTime = await handWritten('time');
  const directFull = await handWritten('full');
  const typed = await typedTracker();
  report('One track call (validation off, batching on), ns per call — median of 300 chunks of 1,000', [
    { name: 'hand-written sink(event)', value: direct, unit: 'ns', higherIsBetter: false },
    { name: 'hand-written sink(event) reading Date.now()', value: directTime, unit: 'ns', higherIsBetter: false },
    { name: 'tracker.workbench.draftCreated(…)', value: typed.call, unit: 'ns', higherIsBetter: false },
  ], 'hand-written sink(event)');
  report('End to end, ns per event (the runtime has processed, redacted, id-stamped and batched it)', [
    { name: 'hand-written sink(event) with id + timestamp', value: directFull, unit: 'ns', higherIsBetter: false },
    { name: 'tracker: track + flush', value: typed.e2e, unit: 'ns', higherIsBetter: false },
  ], 'hand-written sink(event) with id + timestamp');
  const mem = await memory();
  report('Memory after 1,000,000 events with a stalled sink (heap growth after GC)', [
    { name: 'unbounded array of the same events', value: mem.unboundedMb, unit: 'MB' },
    { name: 'tracker (maxQueue 1000, maxPending 1000)', value: mem.trackerMb, unit: 'MB' },
  ], 'unbounded array of the same events');
  console.log(`  tracker books: enqueued ${mem.enqueued}, pending ${mem.pending} (bound: maxQueue 1,000 + maxPending 1,000 + one batch of 100 in flight), dropped and counted ${mem.dropped}`);
  console.log(`  targets: track call < 2x the hand-written call (${(typed.call / direct).toFixed(2)}x; ${(typed.call / directTime).toFixed(2)}x of one that reads the clock) and < 1 µs (${(typed.call / 1000).toFixed(3)} µs)`);
  save('tracker', {
    trackCallNs: typed.call, handWrittenNs: direct, ratio: typed.call / direct, handWrittenWithClockNs: directTime, ratioVsClock: typed.call / directTime,
    endToEndNs: typed.e2e, handWrittenWithIdAndTimeNs: directFull, endToEndRatio: typed.e2e / directFull,
    memory: mem,
  });
}
