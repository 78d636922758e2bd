import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '@taxonomy/cli';

const repo = join(import.meta.dirname, '../..');
const guide = join(repo, 'generators/docs/test/fixtures/sections/guide.md');

/** Runs `taxonomy …` in-process from `cwd`; returns the exit code and what it printed. */
async function run(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd };
  const code = await main(args, io);
  return { code, out, err };
}

/** A project folder: the seed taxonomy plus Markdown files. */
function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'docs-cmd-'));
  cpSync(join(repo, 'taxonomy'), join(dir, 'taxonomy'), { recursive: true });
  for (const [p, c] of Object.entries(files)) { mkdirSync(join(dir, p, '..'), { recursive: true }); writeFileSync(join(dir, p), c); }
  return dir;
}

describe('taxonomy docs --update', () => {
  it('fills the sections of a hand-written file; --check then passes', async () => {
    const dir = project({ 'docs/guide.md': readFileSync(guide, 'utf8') });
    const stale = await run(dir, 'docs', '--update', '--check', 'docs/guide.md');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('~ docs/guide.md: generated sections are out of date');
    expect(readFileSync(join(dir, 'docs/guide.md'), 'utf8')).toBe(readFileSync(guide, 'utf8')); // --check writes nothing

    const r = await run(dir, 'docs', '--update', 'docs/guide.md');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ docs/guide.md: 3 sections updated');
    expect(readFileSync(join(dir, 'docs/guide.md'), 'utf8')).toBe(readFileSync(join(repo, 'generators/docs/test/fixtures/sections/guide.expected.md'), 'utf8'));
    const ok = await run(dir, 'docs', '--update', '--check', 'docs/guide.md');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('3 sections in 1 file up to date');
  });

  it('without files, finds the Markdown files that hold markers', async () => {
    const dir = project({
      'README.md': '# Project\n\n<!-- taxonomy:categories -->\n<!-- /taxonomy:categories -->\n',
      'docs/plain.md': 'No markers here.\n',
      'node_modules/x/README.md': '<!-- taxonomy:nope -->\n',
      'test/fixtures/stale.md': '<!-- taxonomy:categories -->\nstale on purpose\n<!-- /taxonomy:categories -->\n',
    });
    const r = await run(dir, 'docs', '--update');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ README.md: 1 section updated');
    expect(r.out).toContain('in 1 file checked, 1 file updated');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('| `core_loop` |');
    expect(readFileSync(join(dir, 'test/fixtures/stale.md'), 'utf8')).toContain('stale on purpose');
  });

  it('reports marker errors as file:line:col and changes nothing', async () => {
    const text = '# Guide\n\n<!-- taxonomy:events domain=workbnch -->\n';
    const dir = project({ 'guide.md': text });
    const r = await run(dir, 'docs', '--update', 'guide.md');
    expect(r.code).toBe(1);
    expect(r.err).toContain("guide.md:3:1 error unknown domain 'workbnch' (did you mean 'workbench'?) [docs/marker]");
    expect(r.err).toContain('guide.md:3:1 error taxonomy:events is never closed [docs/marker]');
    expect(r.err).toContain('  → add <!-- /taxonomy:events --> on its own line after the section');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(readFileSync(join(dir, 'guide.md'), 'utf8')).toBe(text);
  });

  it.each([
    [['docs'], 'docs needs --update [files...] or --site <out>'],
    [['docs', '--check'], 'docs needs --update'],
    [['docs', '--site', 'out', '--check'], '--check goes with --update'],
    [['docs', '--site', 'out', 'extra.md'], "unexpected argument 'extra.md'"],
    [['docs', '--update', 'missing.md'], 'no such file: missing.md'],
    [['docs', '--update', '--taxonomy', 'nowhere'], "taxonomy folder 'nowhere' does not exist"],
  ])('usage error for %j', async (args, message) => {
    const r = await run(project(), ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});

describe('taxonomy docs --site', () => {
  it('writes a self-contained folder and replaces its own files on the next run', async () => {
    const dir = project();
    const r = await run(dir, 'docs', '--site', 'site');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ site: \d+ files in site; open site\/index\.html/);
    for (const f of ['index.html', 'search-index.js', 'assets/site.css', 'events/workbench.draft_created.html', 'metrics/template_suggestion_rate.html', '.taxonomy-site.json']) expect(existsSync(join(dir, 'site', f)), f).toBe(true);

    // A page the taxonomy no longer produces is removed; a file we never wrote is kept.
    writeFileSync(join(dir, 'site/keep.txt'), 'mine');
    const manifest = JSON.parse(readFileSync(join(dir, 'site/.taxonomy-site.json'), 'utf8'));
    manifest.files.push('events/gone.html');
    writeFileSync(join(dir, 'site/.taxonomy-site.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'site/events/gone.html'), 'old');
    const again = await run(dir, 'docs', '--site', 'site');
    expect(again.code).toBe(0);
    expect(again.out).toContain('(1 stale removed)');
    expect(existsSync(join(dir, 'site/events/gone.html'))).toBe(false);
    expect(existsSync(join(dir, 'site/keep.txt'))).toBe(true);
  });

  it('refuses a non-empty folder it did not write', async () => {
    const dir = project({ 'mine/notes.txt': 'precious' });
    const r = await run(dir, 'docs', '--site', 'mine');
    expect(r.code).toBe(2);
    expect(r.err).toContain('the folder is not empty and was not written by');
    expect(readFileSync(join(dir, 'mine/notes.txt'), 'utf8')).toBe('precious');
  });

  it('refuses to build from a taxonomy with errors', async () => {
    const dir = project();
    writeFileSync(join(dir, 'taxonomy/domains/broken.yaml'), 'domain: broken\nevents:\n  x.y: { category: nope }\n');
    const r = await run(dir, 'docs', '--site', 'site');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no docs written');
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });
});
