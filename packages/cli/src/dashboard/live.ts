import type { ServerResponse } from 'node:http';
import type { EventRow } from '@taxonomy/collector';

/** One accepted event as the live feed shows it (JSON; the page prints it as text). */
export interface LiveEvent {
  readonly id: string;
  readonly event: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
  readonly source: string | null;
  /** The properties as stored (JSON text), cut to a readable length. */
  readonly properties: string;
}

interface Client { readonly res: ServerResponse; readonly events?: ReadonlySet<string> }

/** Most events kept for a page that opens the feed (shown at once), and most sent per push to one client. */
const RECENT = 100;
const MAX_PROPS = 400;

/**
 * The live feed: server-sent events of accepted events, filtered per client by event name.
 * Pushes are synchronous writes to open responses; a client that does not keep up (its socket
 * buffer over 1 MB) is dropped rather than let memory grow.
 */
export class LiveFeed {
  private readonly clients = new Set<Client>();
  private readonly recent: LiveEvent[] = [];
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = 15_000) {
    this.heartbeat = setInterval(() => { for (const c of this.clients) c.res.write(': keep-alive\n\n'); }, heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number { return this.clients.size; }

  /** Opens a stream on `res` (headers written here); `events`: only these names. */
  open(res: ServerResponse, headers: Record<string, string>, events?: ReadonlySet<string>): void {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const client: Client = { res, ...(events ? { events } : {}) };
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
    const backlog = this.recent.filter((e) => !events || events.has(e.event));
    res.write(`retry: 2000\n\n`);
    if (backlog.length) res.write(`event: events\ndata: ${JSON.stringify(backlog)}\n\n`);
  }

  push(rows: readonly EventRow[], source: string | null): void {
    if (!rows.length) return;
    const events: LiveEvent[] = rows.map((r) => ({
      id: r.event_id, event: r.event_name, occurredAt: new Date(r.occurred_at).toISOString(), receivedAt: new Date(r.received_at).toISOString(), source,
      properties: r.properties.length > MAX_PROPS ? `${r.properties.slice(0, MAX_PROPS)}…` : r.properties,
    }));
    this.recent.push(...events.slice(-RECENT));
    if (this.recent.length > RECENT) this.recent.splice(0, this.recent.length - RECENT);
    if (!this.clients.size) return;
    const all = `event: events\ndata: ${JSON.stringify(events.slice(-RECENT))}\n\n`;
    for (const c of this.clients) {
      if (c.res.writableLength > 1_000_000) { c.res.destroy(); this.clients.delete(c); continue; }
      if (!c.events) { c.res.write(all); continue; }
      const mine = events.filter((e) => c.events!.has(e.event));
      if (mine.length) c.res.write(`event: events\ndata: ${JSON.stringify(mine.slice(-RECENT))}\n\n`);
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }
}
