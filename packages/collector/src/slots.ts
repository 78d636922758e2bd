import { HttpError } from './errors.js';

/**
 * The request slots: at most `total` requests read or processed at once, and at most
 * `perClient` of them for one client (its write key's source, else its address), so that
 * slow clients from one place cannot hold every slot while others get 429.
 */
export class Slots {
  private inflight = 0;
  private readonly byClient = new Map<string, number>();
  private idle: (() => void)[] = [];

  constructor(private readonly total: number, private readonly perClient: number, private readonly retryAfterSeconds: number) {}

  get busy(): number {
    return this.inflight;
  }

  /** Takes a slot for `client`, or refuses with 429. */
  take(client: string): void {
    const mine = this.byClient.get(client) ?? 0;
    const headers = { 'retry-after': String(this.retryAfterSeconds), connection: 'close' };
    if (this.inflight >= this.total) throw new HttpError(429, 'too_many_requests', `${this.inflight} requests are already being processed (limit ${this.total})`, `retry after ${this.retryAfterSeconds} s`, headers);
    if (mine >= this.perClient) throw new HttpError(429, 'too_many_requests_from_client', `this client already has ${mine} requests being processed (limit ${this.perClient} a client)`, `send one batch at a time; retry after ${this.retryAfterSeconds} s`, headers);
    this.inflight++;
    this.byClient.set(client, mine + 1);
  }

  release(client: string): void {
    const mine = (this.byClient.get(client) ?? 1) - 1;
    if (mine > 0) this.byClient.set(client, mine); else this.byClient.delete(client);
    if (--this.inflight === 0) for (const r of this.idle.splice(0)) r();
  }

  /** Resolves when no slot is taken. */
  drained(): Promise<void> {
    return this.inflight === 0 ? Promise.resolve() : new Promise((r) => this.idle.push(r));
  }
}
