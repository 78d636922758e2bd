// `taxonomy init`: the scaffold loads clean, passes check, generate and govern against its
// first commit, and its tracker compiles; prompts work on a real pseudo-terminal; a folder
// that cannot take it gets a clear error and nothing is written.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomyFromFiles } from '@taxonomy/core';
import { initFiles } from '../src/init/files.js';
import { answers, slug } from '../src/init/answers.js';
import { run } from './cli-run.js';

const repo = join(import.meta.dirname, '../../..');
const bin = join(repo, 'packages/cli/bin/taxonomy.js');
const tmp = (prefix = 'taxonomy-init-') => mkdtempSync(join(tmpdir(), prefix));
/** Every path under dir, sorted, so a test can say nothing changed. */
const tree = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

describe('init: the scaffold', () => {
  it.each([['acme'], ['my-team-2'], ['x']])('loads with no finding at all for the name %s', (name) => {
    const files = initFiles({ name, vendor: `com.${name}`, toolRange: '^0.1.0' });
    const tax = files.filter((f) => f.path.startsWith('taxonomy/')).map((f) => ({ path: f.path.slice(9), contents: f.contents }));
    const r = loadTaxonomyFromFiles(tax);
    expect(r.diagnostics).toEqual([]);
    expect(r.model!.name).toBe(name);
    expect(r.model!.events.map((e) => e.name)).toEqual(['app.project_created', 'app.signed_up']);
    expect(r.model!.metrics.map((m) => m.name)).toEqual(['activation_rate']);
    const pkg = JSON.parse(files.find((f) => f.path === 'package.json')!.contents) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies['@taxonomy/cli']).toBe('^0.1.0');
    expect(pkg.devDependencies['@taxonomy/runtime']).toBe('^0.1.0');
  });

  it.each([
    ['My App_2', 'my-app-2'],
    ['2fast', 'fast'],
    ['___', ''],
    ['/tmp/acme-web/', 'acme-web'],
  ])('names a folder %j as %j by default', (folder, want) => {
    expect(slug(folder)).toBe(want);
  });

  it('asks again after a wrong answer, and takes the defaults on an empty line', async () => {
    const said: string[] = [];
    const replies = ['Bad Name', 'team-x', 'not a domain', ''];
    const got = await answers({ dir: '/x/whatever', ask: async (q) => { said.push(q); return replies.shift()!; }, warn: (t) => said.push(t) });
    expect(got).toEqual({ name: 'team-x', vendor: 'com.team-x' });
    expect(said.filter((s) => s.includes('is not'))).toHaveLength(2);
  });
});

describe('init: a new repository, end to end', () => {
  it('passes check, generate, govern against its first commit, and its tracker compiles', async () => {
    const dir = join(tmp(), 'shop');
    const init = await run(['init', dir, '--name', 'shop', '--vendor', 'com.shop', '--yes'], tmpdir());
    expect(init.code).toBe(0);
    expect(init.out).toContain('created the shop taxonomy');
    expect(tree(dir)).toContain(join('.github', 'workflows', 'taxonomy.yml'));
    expect((await run(['check', '--strict'], dir)).code).toBe(0);
    const gen = await run(['generate'], dir);
    expect(gen.code, gen.err).toBe(0);
    expect(existsSync(join(dir, 'packages/tracker/index.d.ts'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'packages/tracker/package.json'), 'utf8')).name).toBe('@shop/tracker');
    expect((await run(['generate', '--check'], dir)).code).toBe(0);

    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'taxonomy: start');
    const gov = await run(['govern', '--base', 'HEAD'], dir);
    expect(gov.code, gov.out + gov.err).toBe(0);

    // The tracker compiles in an app, and misuse does not (each @ts-expect-error must be used).
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'app.ts'), `import { createTracker } from './packages/tracker/index.js';
const sent: string[] = [];
const tracker = createTracker({ sink: (e) => { sent.push(e.event); }, globals: {} });
tracker.app.signedUp({ session_id: 's1', method: 'github' });
tracker.app.projectCreated({ session_id: 's1', template: true });
// @ts-expect-error an enum value the taxonomy does not have
tracker.app.signedUp({ session_id: 's1', method: 'fax' });
// @ts-expect-error a required property missing
tracker.app.signedUp({ method: 'email' });
// @ts-expect-error an event the taxonomy does not have
tracker.app.loggedIn({});
`);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: false }, files: ['app.ts'] }));
    const tsc = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});

describe('init: folders that cannot take it (exit 2, nothing written)', () => {
  it('a file path', async () => {
    const parent = tmp();
    writeFileSync(join(parent, 'notes.txt'), 'mine');
    const r = await run(['init', 'notes.txt', '--yes'], parent);
    expect(r.code).toBe(2);
    expect(r.err).toContain('notes.txt is a file, not a folder');
    expect(tree(parent)).toEqual(['notes.txt']);
    expect(readFileSync(join(parent, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('a folder holding a taxonomy already, even with --force', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'taxonomy'));
    writeFileSync(join(dir, 'taxonomy/taxonomy.yaml'), 'name: old\nversion: 1.0.0\n');
    const r = await run(['init', '.', '--yes', '--force'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('already holds a taxonomy (taxonomy/taxonomy.yaml)');
    expect(tree(dir)).toEqual(['taxonomy', join('taxonomy', 'taxonomy.yaml')]);
  });

  it('a folder that is not empty, without --force; with --force it adds beside, never over a file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.md'), 'mine');
    const r = await run(['init', '--yes'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is not empty (notes.md); pass --force');
    expect(tree(dir)).toEqual(['notes.md']);
    writeFileSync(join(dir, 'README.md'), 'our readme');
    const clash = await run(['init', '--yes', '--force'], dir);
    expect(clash.code).toBe(2);
    expect(clash.err).toContain('already has README.md');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('our readme');
    expect(tree(dir)).toEqual(['README.md', 'notes.md']);
  });

  it.each([
    [['--name', 'Shop'], "--name: the name must be lower case"],
    [['--vendor', 'acme'], '--vendor: the vendor is a reverse domain name'],
    [['a', 'b'], 'init takes one folder; got 2'],
    [['--colour'], "Unknown option '--colour'"],
  ])('usage: %j', async (args, message) => {
    const dir = tmp();
    const r = await run(['init', ...args, '--yes'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(tree(dir)).toEqual([]);
  });

  it('a read-only folder: a clear error, and what it created is removed again', () => {
    const parent = tmp();
    chmodSync(parent, 0o755);
    const locked = join(parent, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    // Root writes anywhere, so the CLI runs as nobody there (as the collector's storage tests do).
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [bin, 'init', join(locked, 'new'), '--yes'], { encoding: 'utf8', cwd: parent, ...asNobody, env: { ...process.env, HOME: parent } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('permission denied');
    expect(r.stderr).toContain('nothing was left behind');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe('init: prompts', () => {
  it('asks on a pseudo-terminal, says why an answer is refused, and takes the default on Enter', () => {
    const parent = tmp();
    // Python's pty module gives the CLI a real terminal for stdin and stderr.
    const driver = `
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b''
pos = 0
def wait_for(text, limit=20):
    global out, pos
    end = time.time() + limit
    while text not in out[pos:]:
        if time.time() > end: raise SystemExit('timed out waiting for %r; got %r' % (text, out))
        out += os.read(fd, 4096)
    pos = out.index(text, pos) + len(text)
for prompt, answer in [(b'Taxonomy name', b'Bad Name'), (b'is not a name', None), (b'Taxonomy name', b'team-x'), (b'Vendor', b'')]:
    wait_for(prompt)
    if answer is not None: os.write(fd, answer + b'\\r')
try:
    while True:
        chunk = os.read(fd, 4096)
        if not chunk: break
        out += chunk
except OSError: pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;
    const r = spawnSync('python3', ['-c', driver, process.execPath, bin, 'init', 'team'], { cwd: parent, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("'Bad Name' is not a name");
    expect(r.stdout).toContain('created the team-x taxonomy in team');
    const root = readFileSync(join(parent, 'team/taxonomy/taxonomy.yaml'), 'utf8');
    expect(root).toMatch(/^name: team-x$/m);
    expect(root).toMatch(/^vendor: com\.team-x$/m);
  });

  it('asks nothing when stdin is not a terminal: defaults from the folder, no hang', () => {
    const parent = tmp();
    const r = spawnSync(process.execPath, [bin, 'init', 'Web Shop'], { cwd: parent, encoding: 'utf8', input: '', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(readFileSync(join(parent, 'Web Shop/taxonomy/taxonomy.yaml'), 'utf8')).toMatch(/^name: web-shop$/m);
  });
});
