import type { Logger } from './types.js';

/** Logs each distinct warning once (bounded), so a broken sink cannot flood the console. */
export class Warner {
  private seen = new Set<string>();
  constructor(private readonly logger: Logger) {}

  once(key: string, message: string): void {
    if (this.seen.has(key)) return;
    if (this.seen.size < 1000) this.seen.add(key);
    try { this.logger.warn(`[taxonomy] ${message}`); } catch { /* a logger that throws must not break the app */ }
  }
}
