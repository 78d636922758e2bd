// A real npm registry for the tests: verdaccio (a devDependency) on 127.0.0.1 with its own
// temporary storage, configuration and user. Packages of the scopes named `local` are served
// only from what is published to it; every other package comes through its uplink (the
// public registry, or the one npm is configured with), so third-party dependencies install
// as they would for a user.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

const repo = join(import.meta.dirname, '../..');
const bin = join(repo, 'node_modules/verdaccio/bin/verdaccio');

export interface Registry {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  /** An npm user config (registry, token, and the user's own settings) for child npm processes. */
  readonly npmrc: string;
  /** Environment for npm: this registry, this user config, no update notifier or audit. */
  readonly env: NodeJS.ProcessEnv;
  /** What verdaccio printed (for failure messages). */
  readonly log: () => string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the registry binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

/** The upstream registry npm is configured with here (the public one unless set otherwise). */
function upstream(): string {
  const fromEnv = process.env.npm_config_registry ?? process.env.NPM_CONFIG_REGISTRY;
  return fromEnv && !/^https?:\/\/(127\.|localhost|\[::1\])/.test(fromEnv) ? fromEnv : 'https://registry.npmjs.org/';
}

/** Starts verdaccio in `dir` (storage, config, htpasswd, npmrc); resolves once it answers. */
export async function startRegistry(dir: string, local: readonly string[], timeoutMs = 60_000): Promise<Registry> {
  mkdirSync(dir, { recursive: true });
  const open = { access: '$all', publish: '$authenticated', unpublish: '$authenticated' };
  const packages: Record<string, object> = {};
  for (const scope of local) packages[`${scope}/*`] = open; // no proxy: only what is published here
  packages['**'] = { ...open, proxy: 'upstream' };
  const config = join(dir, 'config.yaml');
  writeFileSync(config, stringify({
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 10 } },
    uplinks: { upstream: { url: upstream(), timeout: '120s', maxage: '30m' } },
    packages,
    max_body_size: '200mb',
    log: { type: 'stdout', format: 'pretty', level: 'warn' },
    publish: { allow_offline: false },
  }));
  let child: ChildProcess | undefined;
  let out = '';
  let url = '';
  for (let attempt = 0; attempt < 3 && !url; attempt++) {
    const port = await freePort();
    child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => { out += d; });
    child.stderr!.on('data', (d) => { out += d; });
    const exited = new Promise<void>((r) => child!.once('exit', () => r()));
    const candidate = `http://127.0.0.1:${port}/`;
    const up = await Promise.race([waitForPing(candidate, timeoutMs), exited.then(() => false)]);
    if (up) url = candidate;
    else child.kill('SIGKILL'); // a port taken in between, or a start that never answered: try another
  }
  if (!url || !child) throw new Error(`verdaccio did not start:\n${out}`);
  const proc = child;
  const token = await addUser(url);
  const npmrc = join(dir, 'npmrc');
  const host = url.replace(/^http:/, '');
  // The user's own settings first (e.g. nodedir for native builds), then ours, which win.
  const own = existsSync(join(homedir(), '.npmrc')) ? readFileSync(join(homedir(), '.npmrc'), 'utf8') : '';
  writeFileSync(npmrc, `${own}\nregistry=${url}\n${host}:_authToken=${token}\nomit-lockfile-registry-resolved=false\naudit=false\nfund=false\nupdate-notifier=false\n`);
  // npm hands its own resolved configuration to the processes it starts as npm_config_*
  // (e.g. when the tests run under `npm test`), and those override any
  // npmrc: so none of them is inherited; the user's settings come through the npmrc above.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_(config|package|lifecycle)_/.test(k)) env[k] = v;
  Object.assign(env, {
    npm_config_userconfig: npmrc, npm_config_registry: url, NO_UPDATE_NOTIFIER: '1',
    // The lockfile test reads every `resolved` URL: they must be written.
    npm_config_omit_lockfile_registry_resolved: 'false',
  });
  return {
    url, npmrc, env, log: () => out,
    stop: () => new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const t = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      proc.once('exit', () => { clearTimeout(t); resolve(); });
      proc.kill('SIGTERM');
    }),
  };
}

async function waitForPing(url: string, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) return true;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** Creates the test's user (what `npm adduser` does) and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = 'taxonomy-e2e';
  const r = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'e2e-registry-password', type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = (await r.json()) as { token?: string; error?: string };
  if (!r.ok || !body.token) throw new Error(`verdaccio refused the test user: ${r.status} ${body.error ?? ''}`);
  return body.token;
}
