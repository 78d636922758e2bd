// Custom rules (governance.plugins) end to end: the example from docs/rules.md, levels by id,
// modules read from the base ref, and every way a module can misbehave. Real git, real workers.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '@taxonomy/cli';

const template = join(import.meta.dirname, '../../governance/test/scenarios/_template');
const rulesPage = readFileSync(join(import.meta.dirname, '../../../docs/rules.md'), 'utf8');
const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd };
  const code = await main(args, io);
  return { code, out, err };
}

/** The example module of docs/rules.md, as printed there. */
function examplePlugin(): string {
  const section = rulesPage.slice(rulesPage.indexOf('## Custom rules'));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('docs/rules.md has no ```js example under "## Custom rules"');
  return m[1]!;
}

const TEST_EVENT = '  test_checkout:\n    description: A test.\n    trigger: Tests.\n    category: checkout\n    properties: {}\n';

/** A repository whose base commits the template, the given modules and governance settings. */
function repo(modules: Record<string, string>, governance: string, rules = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'taxonomy-plugins-'));
  git(dir, 'init', '-q', '-b', 'main');
  cpSync(template, join(dir, 'taxonomy'), { recursive: true });
  const root = join(dir, 'taxonomy/taxonomy.yaml');
  writeFileSync(root, readFileSync(root, 'utf8') + `governance:\n${governance}${rules ? `rules:\n${rules}` : ''}`);
  for (const [path, text] of Object.entries(modules)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}
const addEvent = (dir: string) => {
  const f = join(dir, 'taxonomy/domains/shop.yaml');
  writeFileSync(f, readFileSync(f, 'utf8').replace('events:\n', `events:\n${TEST_EVENT}`));
};

describe('custom rules (governance.plugins)', () => {
  it('the example of docs/rules.md runs: it blocks the change it is about, at the event, with its fix', async () => {
    const dir = repo({ 'governance/rules/no-test-events.mjs': examplePlugin() }, '  plugins: [./governance/rules/*.mjs]\n');
    expect((await run(['govern', '--base', 'HEAD', '--no-drift'], dir)).code).toBe(0);
    addEvent(dir);
    const r = await run(['govern', '--base', 'HEAD', '--no-drift'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("taxonomy/domains/shop.yaml:7:3 acme/no-test-events error event 'test_checkout' looks like a test event");
    expect(r.out).toContain('→ remove it; send test traffic with a test write key instead');
  });

  it('is configured by id like a built-in rule (no config/unknown-rule), from the base', async () => {
    const dir = repo({ 'governance/rules/no-test-events.mjs': examplePlugin() }, '  plugins: [./governance/rules/*.mjs]\n', '  acme/no-test-events: warn\n');
    addEvent(dir);
    const r = await run(['govern', '--base', 'HEAD', '--no-drift', '--format', 'json'], dir);
    const ids = JSON.parse(r.out).findings.map((f: { id: string; level: string }) => `${f.id} ${f.level}`);
    expect(ids).toContain('acme/no-test-events warn');
    expect(ids.filter((i: string) => i.startsWith('config/'))).toEqual([]);
  });

  it('modules come from the base ref: a change cannot edit away the rule that judges it, nor add one', async () => {
    const dir = repo({ 'governance/rules/no-test-events.mjs': examplePlugin() }, '  plugins: [./governance/rules/*.mjs]\n');
    addEvent(dir);
    writeFileSync(join(dir, 'governance/rules/no-test-events.mjs'), 'export default [];\n');
    const r = await run(['govern', '--base', 'HEAD', '--no-drift'], dir);
    expect(r.out).toContain('acme/no-test-events error');
    expect(r.code).toBe(1);
  });

  it('check runs the same modules from the working tree, with the tree\'s levels', async () => {
    const dir = repo({ 'governance/rules/no-test-events.mjs': examplePlugin() }, '  plugins: [./governance/rules/*.mjs]\n', '  acme/no-test-events: warn\n');
    addEvent(dir);
    const r = await run(['check', '--format', 'json'], dir);
    const codes = JSON.parse(r.out).diagnostics.map((d: { code: string; severity: string }) => `${d.code} ${d.severity}`);
    expect(codes).toContain('acme/no-test-events warning');
    expect(codes.filter((c: string) => c.startsWith('config/') || c.startsWith('governance/'))).toEqual([]);
  });

  it.each([
    ['throws', 'export default { id: "acme/boom", defaultLevel: "error", summary: "Throws.", check() { throw new Error("kaboom"); } };', "rule 'acme/boom' threw Error: kaboom"],
    ['loops', 'export default { id: "acme/loop", defaultLevel: "error", summary: "Loops.", check() { for (;;) {} } };', 'did not finish within 500 ms and was stopped'],
    ['returns malformed findings', 'export default { id: "acme/bad", defaultLevel: "error", summary: "Bad.", check: () => [{ message: "m", fix: "f", location: { file: "x", line: "one" } }] };', "rule 'acme/bad': finding 1 has a location that is not"],
    ['returns no array', 'export default { id: "acme/obj", defaultLevel: "error", summary: "Obj.", check: () => ({ message: "m" }) };', "rule 'acme/obj' returned {\"message\":\"m\"} instead of an array"],
    ['exports a malformed rule', 'export default { id: "Not An Id", defaultLevel: "error", summary: "x", check: () => [] };', 'is not <group>/<name>'],
    ['takes a built-in id', 'export default { id: "privacy/no-pii", defaultLevel: "error", summary: "Mine.", check: () => [] };', "exports rule 'privacy/no-pii', an id already taken"],
    ['does not parse', 'export default {', 'could not be imported: SyntaxError'],
  ])('a module that %s is a governance/plugin-error finding (exit 1, no stack trace, bounded time)', async (_what, source, says) => {
    const dir = repo({ 'governance/rules/x.mjs': source }, '  plugins: [./governance/rules/*.mjs]\n  plugin_timeout_ms: 500\n');
    const t = Date.now();
    const r = await run(['govern', '--base', 'HEAD', '--no-drift'], dir);
    expect(Date.now() - t).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.out).toContain('governance/plugin-error error custom rule governance/rules/x.mjs');
    expect(r.out).toContain(says);
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['outside the repository', '../elsewhere/*.mjs', "'../elsewhere/*.mjs' is outside the repository"],
    ['absolute', '/etc/rules/*.mjs', 'is outside the repository'],
    ['matching nothing', './governance/none/*.mjs', "'./governance/none/*.mjs' matches no file"],
  ])('a plugin path %s is a governance/plugin-error finding', async (_what, glob, says) => {
    const dir = repo({}, `  plugins: ["${glob}"]\n`);
    const r = await run(['govern', '--base', 'HEAD', '--no-drift'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('governance/plugin-error');
    expect(r.out).toContain(says);
  });
});
