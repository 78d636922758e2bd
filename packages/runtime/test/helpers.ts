import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Envelope, EventSpec, Logger, TrackerStats } from '@taxonomy/runtime';

/** Specs shaped like the generated ones (see packages/tracker/domains/*.js). */
export const SPEC = {
  draftCreated: { event: 'workbench.draft_created', version: 1, domain: 'workbench', destinations: ['warehouse'], kinds: ['warehouse'], globals: ['sessionId', 'timestamp'], clock: ['timestamp'] },
  csat: { event: 'csat_submitted', version: 1, domain: 'chat_sdk', destinations: ['warehouse', 'product_analytics'], kinds: ['product', 'warehouse'], critical: true, content: [['comment']], globals: ['sessionId', 'timestamp'], clock: ['timestamp'] },
  chip: { event: 'suggestion_chip_clicked', version: 1, domain: 'chat_sdk', destinations: ['warehouse', 'product_analytics'], kinds: ['product', 'warehouse'], content: [['chip'], ['items', '*', 'sku']] },
  userMessage: { event: 'user_message_sent', version: 1, destinations: ['warehouse', 'product_analytics'], kinds: ['product', 'warehouse'] },
  taskDone: { event: 'agent_task_completed', version: 1, destinations: ['prometheus'], kinds: ['metrics'], fixed: { terminal_status: 'completed' }, labels: { runtime_mode: ['cloud', 'local'], source: ['chat', 'api'] } },
  signup: { event: 'signup', version: 1, destinations: ['warehouse', 'posthog'], kinds: ['product', 'warehouse'] },
  old: { event: 'MODAL_SUBMITTED', version: 1, destinations: ['warehouse'], kinds: ['warehouse'], deprecated: { replacement: 'SLACK_MODAL_INTERACTION' } },
} satisfies Record<string, EventSpec>;

/** A sink function that keeps what it gets. */
export function collect(): ((e: Envelope) => void) & { events: Envelope[] } {
  const events: Envelope[] = [];
  return Object.assign((e: Envelope) => { events.push(e); }, { events });
}

/** A logger that records warnings instead of printing them. */
export function quietLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (...a: unknown[]) => { lines.push(a.map(String).join(' ')); } };
}

/** The books must balance: enqueued = delivered + dropped + pending, for the tracker and every sink. */
export function balanced(s: TrackerStats): boolean {
  const sum = (d: Record<string, number>) => Object.values(d).reduce((a, b) => a + b, 0);
  if (s.enqueued !== s.delivered + sum(s.dropped) + s.pending) return false;
  if (s.droppedTotal !== sum(s.dropped)) return false;
  return Object.values(s.sinks).every((k) => k.enqueued === k.delivered + sum(k.dropped) + k.pending);
}

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly at: number;
  /** The status answered (set when the response finished). */
  status?: number;
}

/** A real HTTP server on 127.0.0.1; `respond` decides each answer (default 200). */
export async function startServer(respond?: (req: Received, n: number, res: ServerResponse) => void | 'hang'): Promise<{ url: string; received: Received[]; events: () => Envelope[]; close: () => Promise<void>; server: Server }> {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(r);
      res.on('finish', () => { r.status = res.statusCode; });
      const outcome = respond?.(r, received.length, res);
      if (outcome === 'hang') { hanging.push(res); return; }
      if (!res.headersSent) { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/collect`,
    received,
    server,
    /** Events of the requests answered 2xx (what the collector accepted). */
    events: () => received.filter((r) => r.status !== undefined && r.status < 300).flatMap((r) => { try { return (JSON.parse(r.body) as { batch: Envelope[] }).batch; } catch { return []; } }),
    close: () => new Promise<void>((resolve) => { for (const h of hanging) h.destroy(); server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
