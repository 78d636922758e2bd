import type { Envelope, SendContext, Sink, SinkFunction } from './types.js';

/** Wraps seed 001's sink contract, a function called once per event, as a Sink. */
export function functionSink(fn: SinkFunction, name: string): Sink {
  // One call per event; a failure drops only that event; what is not failed is
  // delivered when send returns (synchronous sinks stay synchronous).
  const fail = (ctx: SendContext, e: Envelope, err: unknown) => ctx.fail([e], 'sinkError', (err as Error)?.message ?? String(err));
  async function rest(events: readonly Envelope[], from: number, first: Promise<void>, ctx: SendContext): Promise<void> {
    try { await first; } catch (err) { fail(ctx, events[from - 1]!, err); }
    for (let i = from; i < events.length; i++) {
      try { await fn(events[i]!); } catch (err) { fail(ctx, events[i]!, err); }
    }
  }
  return {
    name,
    batchSize: 100,
    send(events, ctx) {
      for (let i = 0; i < events.length; i++) {
        let r: void | Promise<void>;
        try { r = fn(events[i]!); } catch (err) { fail(ctx, events[i]!, err); continue; }
        if (r && typeof (r as Promise<void>).then === 'function') return rest(events, i + 1, r, ctx);
      }
      return undefined;
    },
  };
}
