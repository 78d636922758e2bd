// The `taxonomy` bin as a fresh clone gets it: npm links bins at install time, before any
// build, so the linked file must be in the source tree (regression: the bin pointed at
// dist/bin.js, `npm ci` made no link, and npx then looked up a registry package of that name).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '..');
const repo = join(cli, '../..');
const pkg = JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; files: string[] };

describe('the taxonomy bin', () => {
  it('is a committed source file, not build output, so npm links it before the build', () => {
    const target = pkg.bin.taxonomy!;
    expect(target).not.toMatch(/^(\.\/)?dist\//);
    const file = join(cli, target);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o111).not.toBe(0);
    expect(readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(pkg.files).toContain(target.replace(/^\.\//, '').split('/')[0]);
  });

  it('is linked into node_modules/.bin by the install and runs the built CLI', () => {
    const link = join(repo, 'node_modules/.bin/taxonomy');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(realpathSync(link)).toBe(realpathSync(join(cli, pkg.bin.taxonomy!)));
    const r = spawnSync(link, ['--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('says how to build when the CLI is not built yet (exit 2, no stack)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taxonomy-bin-'));
    const copy = join(dir, 'taxonomy.js');
    copyFileSync(join(cli, pkg.bin.taxonomy!), copy);
    const r = spawnSync(process.execPath, [copy, 'check'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not built yet');
    expect(r.stderr).toContain('npm run build');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
