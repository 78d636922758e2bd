import { jsonText } from './json.js';
import type { DestinationKind, Envelope, SendContext, Sink } from './types.js';

/** Options every vendor adapter takes. */
export interface VendorOptions {
  /** Where the vendor's global lives. Default globalThis (window in a browser). */
  target?: object;
  /** Which events it takes. Default: product destinations only. */
  accepts?: { kinds?: readonly DestinationKind[]; destinations?: readonly string[] };
  /** Events held while the vendor script loads; beyond, the oldest is dropped and counted. Default 1000. */
  maxPending?: number;
  /** Sink name in stats(). Default the vendor's. */
  name?: string;
}

/** How one vendor is reached: find its loaded API, and hand it one event. */
export interface VendorAdapter<V> {
  readonly name: string;
  resolve(target: Record<string, unknown>): V | undefined;
  deliver(api: V, event: Envelope, ctx: SendContext): void;
}

/**
 * A sink over a vendor's browser global that queues until the global is loaded
 * (the tracker's lane waits while ready() is false, bounded by maxPending), then
 * calls it once per event; a call that throws drops only that event, counted.
 */
export function vendorSink<V>(adapter: VendorAdapter<V>, options: VendorOptions = {}, defaults: { kinds?: readonly DestinationKind[] } = {}): Sink {
  const target = (options.target ?? globalThis) as Record<string, unknown>;
  const api = (): V | undefined => {
    try { return adapter.resolve(target); } catch { return undefined; }
  };
  return {
    name: options.name ?? adapter.name,
    accepts: options.accepts ?? { kinds: defaults.kinds ?? ['product'] },
    batchSize: 50,
    maxPending: options.maxPending ?? 1000,
    ready: () => api() !== undefined,
    send(events, ctx) {
      const v = api();
      if (v === undefined) throw new Error(`${adapter.name} is not loaded`);
      for (const e of events) {
        try {
          adapter.deliver(v, e, ctx);
          ctx.ok([e]);
        } catch (err) {
          ctx.fail([e], 'sinkError', `${adapter.name}: ${(err as Error)?.message ?? String(err)}`);
        }
      }
    },
  };
}

/** Flattens properties into primitive attributes (a.b.c keys), as GA4 parameters and OTel attributes need. */
export function flatten(value: Readonly<Record<string, unknown>>, prefix = '', out: Record<string, string | number | boolean> = {}, depth = 0): Record<string, string | number | boolean> {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v) && depth < 4) flatten(v as Record<string, unknown>, key, out, depth + 1);
    else if (v !== undefined && v !== null) out[key] = jsonText(v)!;
  }
  return out;
}
