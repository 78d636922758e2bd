#!/usr/bin/env node
// A server for bench/collector.bench.mjs, in its own process so the load generator does not
// share its event loop. `node bench/collector-server.mjs <mode> [target]`, then IPC 'ready <url>';
// SIGTERM drains and exits. Modes:
//   ceiling    node:http that only parses the JSON and answers 200 (the baseline)
//   fastify    the same on fastify (why the collector uses node:http)
//   sqlite     the collector, validation on, into SQLite <target file> <full|normal> [thread]
//   postgres   the collector into PostgreSQL <target URL>
//   pglite     the collector into PGlite (in this process), when there is no server
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const [mode, target, sync, thread] = process.argv.slice(2);
const repo = fileURLToPath(new URL('..', import.meta.url));
const ready = (url) => process.send?.(`ready ${url}`);

if (mode === 'ceiling') {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const text = JSON.stringify({ ok: true, received: body.batch.length });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, '127.0.0.1', () => ready(`http://127.0.0.1:${server.address().port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (mode === 'fastify') {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ bodyLimit: 1_000_000 });
  app.post('/v1/batch', async (req) => ({ ok: true, received: req.body.batch.length }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  ready(`http://127.0.0.1:${app.server.address().port}`);
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
} else {
  const { createCollector, loadContract, SqliteStore, PostgresStore, openStore } = await import('@taxonomy/collector');
  const contract = await loadContract({ validators: join(repo, 'packages/validators'), sql: join(repo, 'packages/sql') });
  let store, close = async () => undefined;
  if (mode === 'sqlite') store = new SqliteStore(contract.sql, { path: target, synchronous: sync ?? 'full', thread: thread === 'thread' });
  else if (mode === 'postgres') ({ store, close } = openStore({ postgres: target }, contract.sql));
  else if (mode === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    store = new PostgresStore(contract.sql, db, 'PGlite');
    // The bench counts rows through this process: PGlite lives only here.
    process.on('message', async (sql) => process.send(`count ${JSON.stringify((await db.query(sql)).rows)}`));
  } else {
    console.error(`unknown mode ${mode}`);
    process.exit(2);
  }
  const c = await createCollector({ contract, store, log: (m) => console.error(m) });
  const url = await c.listen(0);
  ready(url);
  process.on('SIGTERM', async () => { await c.close(); await close(); process.exit(0); });
}
