// A new team adopts the tool from a registry, end to end, outside this repository:
// the tool packages are packed and published to a local registry (verdaccio on 127.0.0.1),
// `npm exec --package @taxonomy/cli -- taxonomy init` starts a taxonomy from it, `generate`
// writes the packages, a changeset versions them (`changeset version`, then `generate --check`
// must be clean) and `changeset publish` publishes them to the same registry; a separate app
// installs the tracker from there, compiles with tsc, sends events to `taxonomy serve`, and
// the metric is read back from the store through the generated SQL views.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrebuildMirror, type Mirror } from './prebuilds.js';
import { startRegistry, type Registry } from './verdaccio.js';

const repo = join(import.meta.dirname, '../..');
const NAME = 'e2e-shop';
const SCOPES = ['@taxonomy', `@${NAME}`];
const STEP_MS = 300_000; // one npm install or publish; the whole test is bounded below

/** A command's output; a non-zero exit or the time limit throws with everything it printed. */
function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = STEP_MS): Promise<string> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env, timeout, maxBuffer: 64 << 20, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      // Where the minutes go, in the test's output (installs go through the uplink).
      console.log(`registry e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s  ${cmd === process.execPath ? 'node' : cmd} ${args.join(' ').slice(0, 100)}`);
      if (err) reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The tool packages: @taxonomy/cli and @taxonomy/runtime with every @taxonomy/* package they need, from the workspaces. */
function toolPackages(): { name: string; dir: string; pkg: Record<string, any> }[] {
  const all = new Map<string, { name: string; dir: string; pkg: Record<string, any> }>();
  for (const top of ['packages', 'generators']) {
    for (const d of readdirSync(join(repo, top))) {
      try {
        const pkg = JSON.parse(readFileSync(join(repo, top, d, 'package.json'), 'utf8'));
        if (pkg.name?.startsWith('@taxonomy/')) all.set(pkg.name, { name: pkg.name, dir: join(repo, top, d), pkg });
      } catch { /* not a package */ }
    }
  }
  const need = new Set<string>();
  const visit = (n: string) => {
    if (need.has(n)) return;
    const p = all.get(n);
    if (!p) throw new Error(`${n} is not a workspace package`);
    need.add(n);
    for (const d of Object.keys({ ...p.pkg.dependencies, ...p.pkg.peerDependencies })) if (d.startsWith('@taxonomy/')) visit(d);
  };
  visit('@taxonomy/cli');
  visit('@taxonomy/runtime');
  return [...need].sort().map((n) => all.get(n)!);
}

/**
 * Every tool or generated package in a lockfile was installed from the local registry: its
 * `resolved` URL is on loopback (a generated package linked as a workspace has none and is
 * not installed from anywhere). `expected` must all be there, installed.
 */
function expectFromLocalRegistry(lockfile: string, expected: readonly string[]): void {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, { resolved?: string; link?: boolean }> };
  const ours = Object.entries(lock.packages).filter(([k, v]) => !v.link && SCOPES.some((s) => k.includes(`node_modules/${s}/`)));
  expect(ours.map(([k]) => k), lockfile).toEqual(expect.arrayContaining([...expected]));
  for (const [k, v] of ours) expect(v.resolved, `${k} in ${lockfile} comes from the local registry`).toMatch(/^http:\/\/(127\.\d+\.\d+\.\d+|\[::1\]|localhost)(:\d+)?\//);
}

/** Every file a package.json points at (main, types, bin, exports without wildcards). */
function entryFiles(pkg: Record<string, any>): string[] {
  const out = new Set<string>(['package.json']);
  const add = (v: unknown) => {
    if (typeof v === 'string') { if (!v.includes('*')) out.add(v.replace(/^\.\//, '')); }
    else if (v && typeof v === 'object') for (const x of Object.values(v)) add(x);
  };
  add(pkg.main); add(pkg.types); add(pkg.bin); add(pkg.exports);
  return [...out].sort();
}

/** A file of the sources, the tests or the build set-up: never in a published package. */
const NOT_SHIPPED = /(^|\/)(src|test|tests|__tests__|fixtures?|bench|scripts)\/|\.(test|spec)\.[cm]?[jt]s$|(^|\/)tsconfig[^/]*\.json$|\.tsbuildinfo$|(^|\/)\.turbo\//;

describe('a new team adopts the tool from a registry', () => {
  let tmp: string;
  let reg: Registry;
  let mirror: Mirror;
  let env: NodeJS.ProcessEnv;
  let published = false;
  const tools = toolPackages();

  beforeAll(async () => {
    // Outside the monorepo: nothing resolves through its node_modules or workspaces.
    tmp = mkdtempSync(join(tmpdir(), 'taxonomy-registry-'));
    expect(relative(repo, tmp).startsWith('..')).toBe(true);
    reg = await startRegistry(join(tmp, 'registry'), SCOPES);
    mirror = await startPrebuildMirror(join(tmp, 'prebuilds'));
    // A cache of this run's own: nothing installed by an earlier run (npm exec's too) is reused.
    env = { ...reg.env, ...mirror.env, npm_config_cache: join(tmp, 'npm-cache') };
  }, 120_000);

  afterAll(async () => {
    await Promise.all([reg?.stop(), mirror?.stop()]);
    // Two installs, an npm cache and the registry's storage: tens of thousands of files.
    if (tmp && !process.env.TAXONOMY_E2E_KEEP) rmSync(tmp, { recursive: true, force: true });
  }, 180_000);

  it('packs every tool package with what it needs and nothing of the sources or tests, and publishes them', async () => {
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['@taxonomy/cli', '@taxonomy/core', '@taxonomy/runtime', '@taxonomy/collector', '@taxonomy/governance', '@taxonomy/interop', '@taxonomy/gen-typescript']));
    const packs = join(tmp, 'packs');
    mkdirSync(packs);
    const json = await sh('npm', ['pack', ...tools.map((t) => `./${relative(repo, t.dir)}`), '--pack-destination', packs, '--json', '--ignore-scripts'], repo, env);
    const packed = JSON.parse(json.slice(json.indexOf('['))) as { name: string; version: string; filename: string; files: { path: string }[] }[];
    expect(packed.map((p) => p.name).sort()).toEqual(tools.map((t) => t.name));
    for (const t of tools) {
      const p = packed.find((x) => x.name === t.name)!;
      const files = p.files.map((f) => f.path);
      expect(t.pkg.private, `${t.name} is publishable`).toBeUndefined();
      expect(files.filter((f) => NOT_SHIPPED.test(f)), `${t.name} ships no sources or tests`).toEqual([]);
      expect(entryFiles(t.pkg).filter((f) => !files.includes(f)), `${t.name} ships every file its package.json points at`).toEqual([]);
      for (const d of Object.keys(t.pkg.dependencies ?? {}).filter((n) => n.startsWith('@taxonomy/'))) {
        expect(t.pkg.dependencies[d], `${t.name} → ${d} is the version published alongside`).toBe(tools.find((x) => x.name === d)!.pkg.version);
      }
    }
    expect(packed.find((p) => p.name === '@taxonomy/cli')!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['bin/taxonomy.js', 'dist/bin.js', 'generators.json']));
    expect(packed.find((p) => p.name === '@taxonomy/core')!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['dist/meta-validators.cjs', 'schema/root.schema.json']));
    // Published a few at a time: each is a separate npm process.
    const queue = packed.map((p) => join(packs, p.filename));
    await Promise.all([0, 1, 2].map(async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await sh('npm', ['publish', f, '--ignore-scripts'], tmp, env);
    }));
    for (const t of tools) {
      const r = await fetch(`${reg.url}${t.name.replace('/', '%2f')}`);
      expect(r.status, `${t.name} is on the local registry`).toBe(200);
      expect(Object.keys(((await r.json()) as { versions: object }).versions)).toEqual([t.pkg.version]);
    }
    published = true;
  }, 600_000);

  it('init from the registry → generate → changeset version → generate --check → changeset publish → an app installs, compiles, sends, and the metric is read back', async () => {
    expect(published, 'the tool packages are on the registry (the test before)').toBe(true);
    const git = { ...env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.invalid', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.invalid' };
    const cliVersion = tools.find((t) => t.name === '@taxonomy/cli')!.pkg.version as string;

    // 1. The README of a new team: init straight from the registry.
    await sh('npm', ['exec', '--yes', '--package', `@taxonomy/cli@${cliVersion}`, '--', 'taxonomy', 'init', 'shop', '--name', NAME, '--vendor', 'com.e2e', '--yes'], tmp, env);
    const shop = join(tmp, 'shop');
    const taxonomy = (...args: string[]) => sh(process.execPath, [join(shop, 'node_modules/@taxonomy/cli/bin/taxonomy.js'), ...args], shop, env);
    await sh('git', ['init', '-q', '-b', 'main'], shop, git);
    await sh('npm', ['install'], shop, env);
    expectFromLocalRegistry(join(shop, 'package-lock.json'), tools.map((t) => `node_modules/${t.name}`));
    expect(await taxonomy('generate')).toMatch(/✓ generated/);
    await sh('git', ['add', '-A'], shop, git);
    await sh('git', ['commit', '-qm', 'taxonomy: start'], shop, git);
    expect(await taxonomy('generate', '--check')).toMatch(/✓ generated output matches/);
    // The npm packages (the Python and Go trackers beside them are not npm packages: no package.json).
    const generated = readdirSync(join(shop, 'packages')).filter((d) => existsSync(join(shop, 'packages', d, 'package.json'))).map((d) => JSON.parse(readFileSync(join(shop, 'packages', d, 'package.json'), 'utf8')) as { name: string; version: string; private?: boolean });
    expect(generated.map((p) => p.name)).toEqual(expect.arrayContaining([`@${NAME}/tracker`, `@${NAME}/validators`, `@${NAME}/sql`, `@${NAME}/schemas`]));
    for (const p of generated) expect(p.private, `${p.name} is publishable`).toBeUndefined();
    expect(existsSync(join(shop, 'packages/tracker-python/pyproject.toml')) && existsSync(join(shop, 'packages/tracker-go/go.mod')), 'the Python and Go trackers are generated too').toBe(true);
    const first = generated[0]!.version;
    expect(generated.every((p) => p.version === first), 'every generated package starts at taxonomy.yaml\'s version').toBe(true);

    // 2. A release: changeset version bumps the generated packages; generate keeps that version.
    writeFileSync(join(shop, '.changeset/first-release.md'), `---\n${generated.map((p) => `"${p.name}": minor`).join('\n')}\n---\n\nThe first release of the taxonomy's packages.\n`);
    // What init's release.yml runs for the version pull request: changeset version && generate --check.
    expect(JSON.parse(readFileSync(join(shop, 'package.json'), 'utf8')).scripts['version-packages']).toBe('changeset version && taxonomy generate --check');
    await sh('npm', ['run', 'version-packages'], shop, env);
    const bumped = JSON.parse(readFileSync(join(shop, 'packages/tracker/package.json'), 'utf8')) as { version: string };
    expect(bumped.version).not.toBe(first);
    expect(await taxonomy('generate', '--check'), 'changeset version, then generate --check: clean').toMatch(/✓ generated output matches/);
    await sh('git', ['add', '-A'], shop, git);
    await sh('git', ['commit', '-qm', 'release: version the generated packages'], shop, git);
    await sh('npx', ['--no-install', 'changeset', 'publish'], shop, env);
    for (const p of generated) {
      const r = await fetch(`${reg.url}${p.name.replace('/', '%2f')}`);
      expect(r.status, `${p.name} was published by changeset publish`).toBe(200);
      expect(Object.keys(((await r.json()) as { versions: object }).versions)).toEqual([bumped.version]);
    }

    // 3. A separate app installs the tracker from the registry and compiles against it.
    const app = join(tmp, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({
      name: 'e2e-app', private: true, type: 'module',
      dependencies: { [`@${NAME}/tracker`]: `^${bumped.version}`, '@taxonomy/runtime': `^${cliVersion}` },
      devDependencies: { typescript: '~5.9.3' },
    }, null, 2));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, lib: ['ES2022', 'DOM'], outDir: 'dist', rootDir: 'src', skipLibCheck: false } }));
    writeFileSync(join(app, 'src/app.ts'), APP);
    await sh('npm', ['install'], app, env);
    expectFromLocalRegistry(join(app, 'package-lock.json'), [`node_modules/@${NAME}/tracker`, 'node_modules/@taxonomy/runtime']);
    await sh(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app, env);

    // 4. The collector from the taxonomy repository, and the app sending to it.
    const served = spawn(process.execPath, [join(shop, 'node_modules/@taxonomy/cli/bin/taxonomy.js'), 'serve', '--port', '0', '--db', 'events.sqlite'], { cwd: shop, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    served.stdout.on('data', (d) => { log += d; });
    served.stderr.on('data', (d) => { log += d; });
    const exited = new Promise<number | null>((r) => served.once('exit', (code) => r(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const t = setInterval(() => { const m = /listening on (http:\/\/\S+)/.exec(log); if (m) { clearInterval(t); resolve(m[1]!); } }, 50);
        void exited.then((code) => { clearInterval(t); reject(new Error(`taxonomy serve exited (${code}):\n${log}`)); });
      });
      const stats = JSON.parse(await sh(process.execPath, ['dist/app.js'], app, { ...env, COLLECTOR_URL: url }, 60_000)) as { enqueued: number; delivered: number; droppedTotal: number; pending: number };
      expect(stats).toMatchObject({ enqueued: 7, delivered: 7, droppedTotal: 0, pending: 0 });
    } finally {
      served.kill('SIGTERM');
    }
    // It drains and exits on SIGTERM; a collector that hangs is killed and fails the test.
    const kill = setTimeout(() => served.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(kill);
    expect(code, log).toBe(0);

    // 5. The metric, from the store, through the generated SQL package's views (the same
    //    views `taxonomy metrics` reads): 3 projects over 4 sign-ups in the week of 2026-03-02.
    const fromShop = createRequire(join(shop, 'package.json'));
    const Database = fromShop('better-sqlite3') as new (file: string) => { exec(sql: string): void; prepare(sql: string): { all(): unknown[] }; close(): void };
    const sql = (await import(join(shop, 'packages/sql/index.js'))) as { viewsSql(d: string): string; AS_OF_TABLE: string };
    const db = new Database(join(shop, 'events.sqlite'));
    try {
      db.exec(sql.viewsSql('sqlite'));
      db.exec(`DELETE FROM "${sql.AS_OF_TABLE}"; INSERT INTO "${sql.AS_OF_TABLE}" VALUES (${Date.parse('2026-03-10T00:00:00Z')});`);
      expect(db.prepare('SELECT bucket, value FROM "metric_activation_rate" ORDER BY bucket').all()).toEqual([{ bucket: '2026-03-02', value: 0.75 }]);
    } finally {
      db.close();
    }
  }, 1_200_000);
});

/** The app: the generated, typed tracker over the runtime's httpSink; prints its stats. */
const APP = `import { createTracker } from '@${NAME}/tracker';
import { httpSink } from '@taxonomy/runtime';

declare const process: { env: Record<string, string | undefined> };
const url = process.env.COLLECTOR_URL;
if (!url) throw new Error('COLLECTOR_URL is not set');

// Wednesday 2026-03-04, 10:00 UTC, one minute per event.
let clock = Date.parse('2026-03-04T10:00:00Z');
const tracker = createTracker({ sink: httpSink({ url: url + '/v1/batch', batchSize: 5, flushIntervalMs: 10 }), now: () => (clock += 60_000) });
const methods = ['email', 'google', 'github', 'email'] as const;
methods.forEach((method, i) => tracker.app.signedUp({ session_id: 's' + i, method }));
for (let i = 0; i < 3; i++) tracker.app.projectCreated({ session_id: 's' + i, template: i === 0 });
const stats = await tracker.shutdown(30_000);
console.log(JSON.stringify(stats));
`;
