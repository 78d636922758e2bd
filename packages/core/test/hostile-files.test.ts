// Issue 17's hostile files under taxonomy/: each test is named after the row it guards.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { formatDiagnostic, loadTaxonomy, parseYamlText } from '@taxonomy/core';
import { CATEGORIES, ROOT, writeTaxonomy } from './helpers.js';

const DOMAIN = 'domain: a\nevents:\n  e: { category: core_loop }\n';
const base = (extra: Record<string, string> = {}) => writeTaxonomy({ 'taxonomy.yaml': ROOT, 'categories.yaml': CATEGORIES, 'domains/a.yaml': DOMAIN, ...extra });
const lines = (dir: string) => loadTaxonomy(dir, { cwd: dirname(dir) }).diagnostics.map(formatDiagnostic).join('\n');
const CLI = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));
const isRoot = process.getuid?.() === 0;

describe('issue 17: hostile files under taxonomy/', () => {
  it('a symlink loop is a located error, not a crash', () => {
    const dir = base();
    symlinkSync('loop.yaml', join(dir, 'domains/loop.yaml'));
    const r = loadTaxonomy(dir, { cwd: dirname(dir) });
    expect(r.failed).toBe(true);
    expect(lines(dir)).toMatch(/^taxonomy\/domains\/loop\.yaml:1:1 error symbolic link loop .*\[io\/symlink-loop\]$/m);
  });

  it('a self-link folder (domains/self -> ..) is walked once, not forever', () => {
    const dir = base();
    symlinkSync('..', join(dir, 'domains/self'));
    const r = loadTaxonomy(dir, { cwd: dirname(dir) });
    expect(r.failed).toBe(false);
    expect(r.model?.events.length).toBe(1);
  });

  it('a dangling link is a located error', () => {
    const dir = base();
    symlinkSync('gone.yaml', join(dir, 'domains/dangling.yaml'));
    expect(lines(dir)).toMatch(/^taxonomy\/domains\/dangling\.yaml:1:1 error symbolic link to a file that does not exist \[io\/dangling-link\]/m);
  });

  it('a link inside the folder is read; a link outside it is refused', () => {
    const dir = base();
    symlinkSync('a.yaml', join(dir, 'domains/b.yaml'));
    expect(lines(dir)).toMatch(/domains\/b\.yaml:\d+:\d+ error .*event 'e'|duplicate|already/);
    const dir2 = base();
    symlinkSync('/etc/hostname', join(dir2, 'domains/out.yaml'));
    expect(lines(dir2)).toMatch(/^taxonomy\/domains\/out\.yaml:1:1 error symbolic link points outside the taxonomy folder .*\[io\/symlink-outside\]/m);
  });

  it('an unreadable sub-folder is a located error (exit 1, no stack)', () => {
    const dir = base({ 'domains/locked/x.yaml': DOMAIN });
    chmodSync(dirname(dir), 0o755);
    chmodSync(join(dir, 'domains/locked'), 0o000);
    // root reads any folder: run the CLI as nobody then, as a user would meet it.
    const cmd = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
    const r = spawnSync(cmd[0]!, [...cmd.slice(1), CLI, 'check', 'taxonomy'], { cwd: dirname(dir), encoding: 'utf8' });
    chmodSync(join(dir, 'domains/locked'), 0o755);
    expect(r.stdout + r.stderr).toMatch(/^taxonomy\/domains\/locked:1:1 error cannot read folder: EACCES \[io\/unreadable\]/m);
    expect(r.stdout + r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.status).toBe(1);
  });

  it('a symlink to /dev/zero named *.yaml is refused at once, never read', () => {
    const dir = base();
    symlinkSync('/dev/zero', join(dir, 'domains/zero.yaml'));
    const t0 = performance.now();
    expect(lines(dir)).toMatch(/^taxonomy\/domains\/zero\.yaml:1:1 error symbolic link points outside the taxonomy folder/m);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a FIFO named *.yaml is refused without blocking', () => {
    const dir = base();
    execFileSync('mkfifo', [join(dir, 'domains/pipe.yaml')]);
    const t0 = performance.now();
    expect(lines(dir)).toMatch(/^taxonomy\/domains\/pipe\.yaml:1:1 error 'pipe\.yaml' is not a regular file \(a named pipe\) \[io\/not-a-file\]/m);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('5,000 nested block-sequence levels are one located error, no RangeError', () => {
    const r = parseYamlText('- '.repeat(5000) + 'x\n', 'deep.yaml');
    expect(r.file).toBeUndefined();
    expect(r.diagnostics.map(formatDiagnostic)[0]).toMatch(/^deep\.yaml:1:\d+ error YAML nests more than 100 levels deep \[yaml\/too-deep\]/);
    let block = 'domain: a\nevents:\n  e:\n    x-deep:\n';
    for (let i = 0; i < 150; i++) block += ' '.repeat(6 + 2 * i) + '-\n';
    block += ' '.repeat(306) + 'x\n';
    expect(parseYamlText(block, 'd.yaml').diagnostics.map(formatDiagnostic)[0]).toMatch(/^d\.yaml:\d+:\d+ error YAML nests more than 100 levels deep/);
    expect(parseYamlText(block, 'd.yaml', { fast: false }).diagnostics.map(formatDiagnostic)[0]).toMatch(/^d\.yaml:\d+:\d+ error YAML nests more than 100 levels deep/);
  });

  it('properties.yaml that is a folder is one located error, not 87 unrelated ones', () => {
    const dir = base({ 'properties.yaml/x.yaml': 'properties: {}\n' });
    const out = lines(dir);
    expect(out).toMatch(/^taxonomy\/properties\.yaml:1:1 error 'properties\.yaml' is a folder, but a taxonomy file of that name must be a file \[layout\/folder-not-file\]/m);
    expect(out.split('\n').filter((l) => / error /.test(l))).toHaveLength(1);
  });

  it('a domain file that is a folder is reported, not silently ignored', () => {
    const dir = base();
    mkdirSync(join(dir, 'domains/b.yaml'));
    expect(lines(dir)).toMatch(/^taxonomy\/domains\/b\.yaml:1:1 error 'domains\/b\.yaml' is a folder/m);
  });
});
