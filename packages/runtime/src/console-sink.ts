import type { Logger, Sink } from './types.js';

export interface ConsoleSinkOptions {
  /** Console method. Default 'log'. */
  level?: 'debug' | 'info' | 'log' | 'warn';
  /** Where to print. Default console. */
  console?: Partial<Record<'debug' | 'info' | 'log' | 'warn', Logger['warn']>>;
}

/** Prints every event, metrics-only ones included (development only: it sees everything). */
export function consoleSink(options: ConsoleSinkOptions = {}): Sink {
  const level = options.level ?? 'log';
  const out = options.console ?? console;
  return {
    name: 'console',
    accepts: { kinds: ['product', 'warehouse', 'log', 'metrics'] },
    send(events) {
      const print = out[level] ?? out.log;
      for (const e of events) print?.call(out, `[analytics] ${e.event}`, e);
    },
  };
}
