import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Envelope } from '@taxonomy/runtime';
import { validateEnvelope } from './validate.js';

/**
 * A minimal collector for the example: POST {batch:[…]}, every envelope validated
 * against the generated JSON Schemas, deduplicated on `id`, stored in order.
 */
export async function startCollector(): Promise<{ url: string; stored: Envelope[]; invalid: string[]; duplicates: number; close: () => Promise<void> }> {
  const stored: Envelope[] = [];
  const invalid: string[] = [];
  const ids = new Set<string>();
  const state = { duplicates: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let batch: Envelope[];
      try { batch = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch: Envelope[] }).batch; } catch { res.writeHead(400).end(); return; }
      for (const e of batch) {
        invalid.push(...validateEnvelope(e));
        if (ids.has(e.id)) { state.duplicates++; continue; }
        ids.add(e.id);
        stored.push(e);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`, stored, invalid,
    get duplicates() { return state.duplicates; },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
