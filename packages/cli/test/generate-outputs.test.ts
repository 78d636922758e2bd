// Where generated output goes and when it is made again: `--list` says what taxonomy.yaml
// sets, moving `out:` removes what the old folder's manifest owned (and nothing else), and
// an upgrade of a library a generator uses regenerates (its version is part of every key).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestName } from '@taxonomy/cli';
import { installedVersion, libraryVersions, packagesCodeHash } from '../dist/stamp.js';
import { project, run } from './cli-run.js';

const repo = join(import.meta.dirname, '../../..');

function setGenerators(dir: string, yaml: string): void {
  const f = join(dir, 'taxonomy/taxonomy.yaml');
  writeFileSync(f, readFileSync(f, 'utf8').replace(/\n?$/, '\n') + `generators:\n${yaml}`);
}

describe('taxonomy generate --list', () => {
  it('lists the default folders and every generator enabled when taxonomy.yaml says nothing', async () => {
    const r = await run(['generate', '--list'], project());
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^json-schema +packages\/schemas +enabled /m);
    expect(r.out).toMatch(/^dbt +dbt +enabled /m);
  });

  it("honours taxonomy.yaml's out: and enabled:", async () => {
    const dir = project();
    setGenerators(dir, '  sql:\n    out: build/sql\n  dbt:\n    enabled: false\n');
    const r = await run(['generate', '--list'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^sql +build\/sql +enabled /m);
    expect(r.out).toMatch(/^dbt +dbt +disabled /m);
    expect(r.out).toMatch(/^json-schema +packages\/schemas +enabled /m);
  });

  it('a taxonomy.yaml that does not parse is reported with its location (exit 1)', async () => {
    const dir = project();
    writeFileSync(join(dir, 'taxonomy/taxonomy.yaml'), 'name: [unclosed\n');
    const r = await run(['generate', '--list'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/taxonomy\.yaml:\d+:\d+/);
  });
});

describe('moving out:', () => {
  it('removes the generated files the old folder\'s manifest owned, and nothing else', async () => {
    const dir = project();
    expect((await run(['generate', '--only', 'json-schema'], dir)).code).toBe(0);
    const old = join(dir, 'packages/schemas');
    const owned = Object.keys(JSON.parse(readFileSync(join(old, manifestName('json-schema')), 'utf8')).files as Record<string, string>);
    expect(owned.length).toBeGreaterThan(3);
    // A file the user put there, and a generated file edited by hand since.
    writeFileSync(join(old, 'NOTES.md'), 'mine\n');
    const edited = join(old, 'index.json');
    writeFileSync(edited, '{ "edited": true }\n');
    setGenerators(dir, '  json-schema:\n    out: build/schemas\n');
    const r = await run(['generate', '--only', 'json-schema'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(new RegExp(`- json-schema: removed ${owned.length - 1} files it generated in packages/schemas \\(its output moved to build/schemas\\)`));
    expect(r.err).toMatch(/kept 1 files in packages\/schemas that were edited since they were generated \(index\.json\)/);
    expect(readdirSync(old).sort()).toEqual(['.taxonomy-generated.json-schema.json', 'NOTES.md', 'index.json']);
    for (const f of owned) expect(existsSync(join(dir, 'build/schemas', f)), f).toBe(true);
  });

  it('moving again (from one out: to another) finds the last folder, and the old sub-folders it emptied go', async () => {
    const dir = project();
    setGenerators(dir, '  json-schema:\n    out: a/schemas\n');
    expect((await run(['generate', '--only', 'json-schema'], dir)).code).toBe(0);
    expect(existsSync(join(dir, 'a/schemas/schemas'))).toBe(true);
    const f = join(dir, 'taxonomy/taxonomy.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('out: a/schemas', 'out: b/schemas'));
    const r = await run(['generate', '--only', 'json-schema'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/removed \d+ files it generated in a\/schemas/);
    expect(existsSync(join(dir, 'a/schemas'))).toBe(false);
    expect(existsSync(join(dir, 'b/schemas', manifestName('json-schema')))).toBe(true);
  });

  it('a manifest naming a file outside its folder is not followed (stale files, moved output)', async () => {
    const dir = project();
    expect((await run(['generate', '--only', 'json-schema'], dir)).code).toBe(0);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    const m = join(dir, 'packages/schemas', manifestName('json-schema'));
    const json = JSON.parse(readFileSync(m, 'utf8')) as { files: Record<string, string> };
    // With the right hash, so only the folder check keeps it.
    json.files['../../victim.txt'] = createHash('sha256').update('keep me\n').digest('hex');
    writeFileSync(m, JSON.stringify(json));
    const stale = await run(['generate', '--only', 'json-schema', '--force'], dir);
    expect(stale.code, stale.err).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    writeFileSync(m, JSON.stringify(json));
    setGenerators(dir, '  json-schema:\n    out: build/schemas\n');
    const r = await run(['generate', '--only', 'json-schema'], dir);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
  });
});

describe('library versions in the cache keys', () => {
  it('libraryVersions reads each dependency as installed (nearest node_modules up)', () => {
    const root = mkdtempSync(join(tmpdir(), 'libs-'));
    const pkg = join(root, 'node_modules/gen');
    mkdirSync(join(root, 'node_modules/lib'), { recursive: true });
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'gen', dependencies: { lib: '^1.0.0', gone: '1' } }));
    writeFileSync(join(root, 'node_modules/lib/package.json'), JSON.stringify({ name: 'lib', version: '1.2.3' }));
    expect(libraryVersions(pkg)).toEqual(['gone@missing', 'lib@1.2.3']);
    expect(installedVersion(pkg, 'lib')).toBe('1.2.3');
    const before = packagesCodeHash(['gen'], () => pkg);
    writeFileSync(join(root, 'node_modules/lib/package.json'), JSON.stringify({ name: 'lib', version: '1.2.4' }));
    expect(packagesCodeHash(['gen'], () => pkg)).not.toBe(before);
  });

  it('regression: after a library upgrade generate regenerates (it said "up to date" and --check failed)', () => {
    // An installed copy of the tool whose metrics generator sees its own handlebars, so
    // that handlebars' version can be changed without touching the repository's.
    const root = mkdtempSync(join(tmpdir(), 'upgrade-'));
    const nm = join(root, 'node_modules');
    const scoped = join(nm, '@taxonomy');
    mkdirSync(scoped, { recursive: true });
    for (const name of readdirSync(join(repo, 'node_modules/@taxonomy'))) {
      if (name === 'cli' || name === 'gen-metrics') continue;
      symlinkSync(join(repo, 'node_modules/@taxonomy', name), join(scoped, name));
    }
    symlinkSync(join(repo, 'node_modules/ajv'), join(nm, 'ajv'));
    for (const [name, from] of [['cli', 'packages/cli'], ['gen-metrics', 'generators/metrics']] as const) {
      for (const part of ['package.json', 'dist', 'bin', 'generators.json']) {
        if (existsSync(join(repo, from, part))) cpSync(join(repo, from, part), join(scoped, name, part), { recursive: true });
      }
    }
    cpSync(join(repo, 'node_modules/handlebars'), join(nm, 'handlebars'), { recursive: true });
    const bin = join(scoped, 'cli/bin/taxonomy.js');
    const dir = project('taxonomy-upgrade-');
    const gen = () => spawnSync(process.execPath, [bin, 'generate', '--only', 'metrics'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(gen().status).toBe(0);
    expect(gen().stdout).toMatch(/· metrics: up to date/);
    const hb = join(nm, 'handlebars/package.json');
    writeFileSync(hb, readFileSync(hb, 'utf8').replace(/"version": "[^"]+"/, '"version": "99.0.0"'));
    const after = gen();
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/✓ metrics: \d+ files/);
    expect(after.stdout).not.toMatch(/· metrics: up to date/);
  });
});
