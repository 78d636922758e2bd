import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadContract, type Contract } from '@taxonomy/collector';

export const repo = join(import.meta.dirname, '../../..');

const dirs: string[] = [];
/** A fresh temporary folder, removed by cleanup(). */
export function tmp(prefix = 'collector-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
export function cleanup(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Runs `taxonomy generate <dir>/taxonomy --only …` in-process: the generated packages land in <dir>/packages. */
export async function generate(root: string, only: string): Promise<void> {
  const { main } = await import('@taxonomy/cli');
  let out = '';
  const code = await main(['generate', join(root, 'taxonomy'), '--only', only, '--force'], { out: (t) => { out += t; }, err: (t) => { out += t; }, color: false, cwd: root });
  if (code !== 0) throw new Error(`taxonomy generate failed (${code}):\n${out}`);
}

let seed: Promise<Contract> | undefined;
/**
 * The seed taxonomy's generated validators and SQL packages: the committed ones under
 * packages/ (what `taxonomy serve` uses), or, while one is not generated yet, both generated
 * from taxonomy/ into a temporary folder by `taxonomy generate`.
 */
export function seedContract(): Promise<Contract> {
  return (seed ??= (async () => {
    const v = join(repo, 'packages/validators'), s = join(repo, 'packages/sql');
    if (existsSync(join(v, 'index.js')) && existsSync(join(s, 'index.js'))) return loadContract({ validators: v, sql: s });
    const root = tmp('collector-seed-');
    cpSync(join(repo, 'taxonomy'), join(root, 'taxonomy'), { recursive: true });
    await generate(root, 'validators,sql');
    return loadContract({ validators: join(root, 'packages/validators'), sql: join(root, 'packages/sql') });
  })());
}

/** Writes a small taxonomy (files relative to <root>/taxonomy). */
export function writeTaxonomy(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    const f = join(root, 'taxonomy', p);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, text);
  }
}

let n = 0;
/** A valid workbench.draft_created envelope of the seed taxonomy (unique id unless given). */
export function draftCreated(over: { id?: string; timestamp?: string; properties?: Record<string, unknown>; [k: string]: unknown } = {}) {
  const timestamp = over.timestamp ?? '2026-01-15T10:00:00.000Z';
  const { properties, ...rest } = over;
  return {
    event: 'workbench.draft_created',
    id: over.id ?? `t-${process.pid}-${n++}`,
    timestamp,
    properties: { sessionId: 'sess-1', timestamp, source: 'chat', draftId: `d-${n}`, nodeCount: 3, ...properties },
    ...rest,
  };
}

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A POST with full control (headers, body as given); resolves with the answer even if the server closes early. */
export function rawPost(url: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }, path = '/v1/batch'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs JSON with fetch; returns status, Retry-After and the parsed answer. */
export async function post(url: string, value: unknown, headers: Record<string, string> = {}, path = '/v1/batch') {
  const r = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof value === 'string' ? value : JSON.stringify(value) });
  const text = await r.text();
  return { status: r.status, retryAfter: r.headers.get('retry-after'), body: JSON.parse(text) as any };
}
