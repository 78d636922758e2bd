import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestName } from '@taxonomy/cli';
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
