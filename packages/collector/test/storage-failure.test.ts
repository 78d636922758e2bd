import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, SqliteStore, type Collector, type Contract } from '@taxonomy/collector';
import { cleanup, draftCreated, post, repo, seedContract, tmp } from './helpers.js';

let contract: Contract;
beforeAll(async () => { contract = await seedContract(); });
afterAll(() => cleanup());

async function start(path: string, thread = false): Promise<{ c: Collector; store: SqliteStore; url: string; logs: string[] }> {
  const logs: string[] = [];
  const store = new SqliteStore(contract.sql, { path, thread });
  const c = await createCollector({ contract, store, log: (m) => logs.push(m) });
  return { c, store, url: await c.listen(0), logs };
}
const count = (s: SqliteStore) => (s.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const batch = (prefix: string, n: number) => ({ batch: Array.from({ length: n }, (_, i) => draftCreated({ id: `${prefix}-${i}`, properties: { draftId: 'x'.repeat(2000) } })) });

describe('a full disk: 503 with Retry-After, the service stays up, nothing acknowledged is lost', () => {
  it.each([['in the collector thread', false], ['in the writer thread', true]])('SQLITE_FULL (the database may not grow: max_page_count) refuses the batch, then recovers: writes %s', async (_where, thread) => {
    const { c, store, url, logs } = await start(join(tmp(), 'full.sqlite'), thread);
    try {
      expect((await post(url, batch('before', 10))).body.stored).toBe(10);
      const pages = await store.writerPragma('page_count') as number;
      await store.writerPragma(`max_page_count = ${pages}`);
      const refused = await post(url, batch('during', 50));
      expect(refused.status).toBe(503);
      expect(refused.retryAfter).toBe('1');
      expect(refused.body.error).toMatchObject({ code: 'storage_unavailable', message: expect.stringMatching(/SQLITE_FULL.*full/), hint: expect.stringContaining('nothing of this request was acknowledged') });
      expect(logs.some((l) => l.startsWith('storage failed'))).toBe(true);
      expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^collector_events_dropped_total\{reason="storage_unavailable"\} 50$/m);
      expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^collector_storage_up 0$/m);
      expect(count(store)).toBe(10); // what was acknowledged is there; nothing of the refused batch
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, storage: 'down' });
      expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^collector_storage_up 0$/m);
      await store.writerPragma('max_page_count = 1073741823');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const retried = await post(url, batch('during', 50));
      expect(retried.status).toBe(200);
      expect(retried.body.stored).toBe(50);
      expect(count(store)).toBe(60);
      expect(logs.at(-1)).toMatch(/storage is writable again/);
    } finally {
      await c.close();
    }
  });

  // A real full disk: a small tmpfs (needs root to mount), filled up by another file.
  const mountable = (() => {
    if (process.getuid?.() !== 0) return false;
    const probe = join(tmp(), 'mnt');
    mkdirSync(probe);
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', probe]).status === 0;
    if (ok) spawnSync('umount', [probe]);
    return ok;
  })();
  it.skipIf(!mountable)('a full disk: /healthz and collector_storage_up say down, the log says why, and all recover when space is freed', async () => {
    const mnt = join(tmp(), 'disk');
    mkdirSync(mnt);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt]).status).toBe(0);
    try {
      const { c, store, url, logs } = await start(join(mnt, 'events.sqlite'));
      try {
        expect((await post(url, batch('before', 10))).body.stored).toBe(10);
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
        // Fill the disk: a write of whatever space is left fails with ENOSPC at its end.
        spawnSync('dd', ['if=/dev/zero', `of=${join(mnt, 'filler')}`, 'bs=64k']);
        const refused = await post(url, batch('during', 50));
        expect(refused.status).toBe(503);
        expect(refused.body.error.message).toMatch(/SQLITE_FULL|SQLITE_IOERR/);
        const health = await fetch(`${url}/healthz`);
        expect(health.status).toBe(503);
        expect(await health.json()).toMatchObject({ ok: false, storage: 'down' });
        expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^collector_storage_up 0$/m);
        expect(logs.join('\n')).toMatch(/storage failed: .*(SQLITE_FULL|SQLITE_IOERR)/);
        rmSync(join(mnt, 'filler'));
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
        expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^collector_storage_up 1$/m);
        expect((await post(url, batch('during', 50))).body.stored).toBe(50);
        expect(count(store)).toBe(60);
      } finally {
        await c.close();
      }
    } finally {
      spawnSync('umount', ['-l', mnt]);
    }
  });

  // The immutable flag needs root and a file system that has it (ext4, xfs, btrfs; not tmpfs or overlayfs).
  const chattr = (() => {
    const probe = join(tmp(), 'probe');
    writeFileSync(probe, '');
    const ok = spawnSync('chattr', ['+i', probe]).status === 0;
    spawnSync('chattr', ['-i', probe]);
    return ok;
  })();
  it.skipIf(!chattr)('a database file made immutable mid-run (chattr +i: writes fail with EPERM) refuses, then recovers', async () => {
    const dir = tmp();
    const file = join(dir, 'ro.sqlite');
    const { c, store, url } = await start(file);
    const files = [file, `${file}-wal`];
    try {
      expect((await post(url, batch('a', 5))).status).toBe(200);
      expect(spawnSync('chattr', ['+i', ...files]).status).toBe(0);
      const r = await post(url, batch('b', 5));
      expect(r.status).toBe(503);
      expect(r.body.error.message).toMatch(/SQLITE_IOERR/);
      expect((await fetch(`${url}/healthz`)).status).toBe(200); // the lock can still be taken: only writes fail
      spawnSync('chattr', ['-i', ...files]);
      expect((await post(url, batch('b', 5))).body.stored).toBe(5);
      expect(count(store)).toBe(10);
    } finally {
      spawnSync('chattr', ['-i', ...files]);
      await c.close();
    }
  });
});

describe('the SQLite -shm file becoming unwritable', () => {
  it.each([['in the collector thread', false], ['in the writer thread', true]])('truncated under the collector (%s): no SIGBUS death; the write is refused and logged, the retry stored', async (_where, thread) => {
    const file = join(tmp(), 'shm.sqlite');
    const { c, store, url, logs } = await start(file, thread);
    try {
      expect((await post(url, batch('a', 20))).body.stored).toBe(20);
      expect(statSync(`${file}-shm`).size).toBeGreaterThan(0);
      truncateSync(`${file}-shm`, 0);
      const r = await post(url, batch('b', 20));
      expect(r.status).toBe(503);
      expect(r.body.error.message).toMatch(/-shm was truncated under the collector/);
      expect(logs.join('\n')).toMatch(/storage failed: .*-shm was truncated/);
      const retried = await post(url, batch('b', 20));
      expect(retried.body.stored).toBe(20);
      expect(count(store)).toBe(40);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await c.close();
    }
  });
});

describe('a read-only database file: the collector starts, says so, answers 503, and stores nothing', () => {
  it('as a user without write permission (a child `taxonomy serve`)', async () => {
    const dir = tmp();
    chmodSync(dir, 0o755);
    const file = join(dir, 'events.sqlite');
    const seeded = new SqliteStore(contract.sql, { path: file });
    await seeded.init();
    await seeded.write([{ events: [contract.sql.toEventRow(draftCreated({ id: 'old' }), { receivedAt: 1 })], envelopes: [], quarantine: [] }]);
    seeded.db.pragma('wal_checkpoint(TRUNCATE)');
    await seeded.close();
    chmodSync(file, 0o444);
    chmodSync(dir, 0o555); // no -wal / -shm can be made either
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    // The child reads the generated packages from where the tests found them.
    const { validators, sql } = await packageDirs();
    const child = spawn(process.execPath, [join(repo, 'packages/cli/dist/bin.js'), 'serve', '--port', '0', '--db', file, '--validators', validators, '--sql', sql], { ...asNobody, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stderr.on('data', (d) => { err += d; });
    // Recorded at once: a child that exits early must fail the test with its stderr, and the
    // clean-up must not wait for an 'exit' that has already been emitted (that wait was a hang).
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d) => { out += d; const m = /listening on (http:\/\/\S+)/.exec(out); if (m) resolve(m[1]!); });
        void exited.then((code) => reject(new Error(`serve exited ${code} before listening: ${err}`)));
      });
      expect(err).toMatch(/storage failed: .*SQLITE_READONLY.*read-only: give the collector write access/);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, storage: 'down' });
      const r = await post(url, batch('ro', 3));
      expect(r.status).toBe(503);
      expect(r.retryAfter).toBe('1');
      expect(r.body.error.message).toMatch(/SQLITE_READONLY/);
      expect((await post(url, batch('ro', 3))).status).toBe(503); // still up, still refusing
    } finally {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
      chmodSync(dir, 0o755);
      chmodSync(file, 0o644);
    }
    const check = new SqliteStore(contract.sql, { path: file });
    await check.init();
    expect(await check.count('events')).toBe(1);
    await check.close();
  });
});

/** Folders of the generated packages the tests use (the committed ones, or the generated fallback). */
async function packageDirs(): Promise<{ validators: string; sql: string }> {
  const { existsSync, cpSync } = await import('node:fs');
  const v = join(repo, 'packages/validators'), s = join(repo, 'packages/sql');
  if (existsSync(join(s, 'index.js'))) return { validators: v, sql: s };
  // Copy the fallback somewhere a user without privileges can read.
  const { generate } = await import('./helpers.js');
  const root = tmp('collector-pkgs-');
  chmodSync(root, 0o755);
  cpSync(join(repo, 'taxonomy'), join(root, 'taxonomy'), { recursive: true });
  await generate(root, 'validators,sql');
  return { validators: join(root, 'packages/validators'), sql: join(root, 'packages/sql') };
}
