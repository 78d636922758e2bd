import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, manifestName, type Io } from '@taxonomy/cli';
import { project, run } from './cli-run.js';

describe('taxonomy generate', () => {
  it('writes every generator output with a manifest, then skips when nothing changed', async () => {
    const dir = project();
    const first = await run(['generate', '--only', 'json-schema'], dir);
    expect(first.code).toBe(0);
    expect(existsSync(join(dir, 'packages/schemas/schemas/workbench.draft_created.v1.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'packages/schemas', manifestName('json-schema')), 'utf8')).generator).toBe('json-schema');
    const second = await run(['generate', '--only', 'json-schema'], dir);
    expect(second.out).toMatch(/json-schema: up to date/);
  });

  it('--check passes when committed output matches, and reports drift otherwise', async () => {
    const dir = project();
    await run(['generate', '--only', 'json-schema'], dir);
    expect((await run(['generate', '--check', '--only', 'json-schema'], dir)).code).toBe(0);
    // Edit a generated file by hand: drift.
    const f = join(dir, 'packages/schemas/schemas/workbench.draft_created.v1.json');
    writeFileSync(f, readFileSync(f, 'utf8').replace('chat', 'email'));
    const r = await run(['generate', '--check', '--only', 'json-schema'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/~ packages\/schemas\/schemas\/workbench\.draft_created\.v1\.json \(differs/);
    // A hand edit is repaired by the next generate (the file hash no longer matches the manifest).
    expect((await run(['generate', '--only', 'json-schema'], dir)).out).toMatch(/1 written/);
  });

  it('removes stale files when an event goes away, and --check reports them first', async () => {
    const dir = project();
    await run(['generate', '--only', 'json-schema'], dir);
    const domain = join(dir, 'taxonomy/domains/workbench.yaml');
    writeFileSync(domain, readFileSync(domain, 'utf8').replace('workbench.draft_created', 'workbench.draft_made'));
    const check = await run(['generate', '--check', '--only', 'json-schema'], dir);
    expect(check.err).toMatch(/- packages\/schemas\/schemas\/workbench\.draft_created\.v1\.json \(stale/);
    expect(check.err).toMatch(/\+ packages\/schemas\/schemas\/workbench\.draft_made\.v1\.json \(missing/);
    await run(['generate', '--only', 'json-schema'], dir);
    expect(existsSync(join(dir, 'packages/schemas/schemas/workbench.draft_created.v1.json'))).toBe(false);
    expect(existsSync(join(dir, 'packages/schemas/schemas/workbench.draft_made.v1.json'))).toBe(true);
  });

  it('refuses to generate from a taxonomy with errors (exit 1), and rejects unknown generators (exit 2)', async () => {
    const dir = project();
    writeFileSync(join(dir, 'taxonomy/domains/workbench.yaml'), 'domain: workbench\nevents:\n  e: { category: nope }\n');
    const r = await run(['generate'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown category 'nope'/);
    expect(r.err).toMatch(/nothing generated/);
    expect((await run(['generate', '--only', 'nope'], dir)).code).toBe(2);
    rmSync(dir, { recursive: true });
  });
});

describe('the no-op fast path', () => {
  it('skips parsing when the taxonomy and generators are unchanged, and notices a change or a hand edit', async () => {
    const dir = project();
    expect((await run(['generate'], dir)).code).toBe(0);
    expect((await run(['generate'], dir)).out).toMatch(/✓ up to date: \d+ generated files match the taxonomy \(inputs unchanged\)/);
    // A hand edit of a generated file defeats the fast path and is repaired.
    const f = join(dir, 'packages/schemas/index.json');
    writeFileSync(f, '{}\n');
    const repaired = await run(['generate'], dir);
    expect(repaired.out).not.toMatch(/inputs unchanged/);
    expect(readFileSync(f, 'utf8')).toMatch(/"taxonomy": "fixture"/);
    // A taxonomy edit (even a comment) runs the generators again.
    const domain = join(dir, 'taxonomy/domains/workbench.yaml');
    writeFileSync(domain, readFileSync(domain, 'utf8') + '# a comment\n');
    expect((await run(['generate'], dir)).out).not.toMatch(/inputs unchanged/);
  });
});

describe('the repository', () => {
  it('has its generated output committed and current (generate --check)', async () => {
    const repo = join(import.meta.dirname, '../../..');
    const r = await run(['generate', '--check'], repo);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('taxonomy generate: the status line on a terminal', () => {
  /** Runs the CLI in process with an Io that records every status line drawn (undefined: removed). */
  async function withStatus(args: string[], cwd: string) {
    const shown: (string | undefined)[] = [];
    let out = '';
    // Whether a status line was on screen each time the log was written to.
    const overDrawn: boolean[] = [];
    const io: Io = {
      out: (t) => { out += t; overDrawn.push(shown.at(-1) !== undefined); },
      err: () => { overDrawn.push(shown.at(-1) !== undefined); },
      color: false, cwd, progress: (t) => { shown.push(t); },
    };
    const code = await main(args, io);
    return { code, shown, out, overDrawn };
  }

  it('says what it loads, how many generators are done and which run, then removes the line', async () => {
    const dir = project();
    const { code, shown, out, overDrawn } = await withStatus(['generate', '--only', 'json-schema,typescript'], dir);
    expect(code).toBe(0);
    expect(shown[0]).toBe('loading taxonomy…');
    const texts = shown.filter((t): t is string => t !== undefined);
    expect(texts).toContain('generating: 0/2 generators done…');
    expect(texts.some((t) => /^generating: 0\/2 generators done, running (json-schema|typescript)…$/.test(t))).toBe(true);
    expect(texts).toContain('generating: 1/2 generators done…');
    expect(texts).toContain('generating: 2/2 generators done…');
    // Removed before the log is printed, and the log holds none of it.
    expect(overDrawn.length).toBeGreaterThan(0);
    expect(overDrawn.every((on) => !on)).toBe(true);
    expect(shown.at(-1)).toBeUndefined();
    expect(out).not.toMatch(/generators done/);
    expect(out).toMatch(/✓ generated/);
  });

  it('draws no generator count when every generator is up to date', async () => {
    const dir = project();
    await run(['generate', '--only', 'json-schema'], dir);
    const { code, shown } = await withStatus(['generate', '--only', 'json-schema'], dir);
    expect(code).toBe(0);
    expect(shown.filter((t) => t?.includes('generators done'))).toEqual([]);
  });

  it('says "checking" under --check, and removes the line when the check fails', async () => {
    const dir = project();
    const { shown, code, overDrawn } = await withStatus(['generate', '--check', '--only', 'json-schema'], dir);
    expect(code).toBe(1); // nothing generated yet: drift
    expect(shown).toContain('checking: 0/1 generators done…');
    expect(overDrawn.length).toBeGreaterThan(0);
    expect(overDrawn.every((on) => !on)).toBe(true);
    expect(shown.at(-1)).toBeUndefined();
  });
});

