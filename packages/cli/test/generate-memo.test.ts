// `taxonomy generate` lends generators a memo (.taxonomy-cache/memo/): it may not change a
// byte of the output, cold, warm, damaged or off.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, run } from './cli-run.js';

/** Every generated file (not the taxonomy, not the cache) and its contents. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (n === 'taxonomy' || n === '.taxonomy-cache') continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8').replace(/"inputHash": "[0-9a-f]+"/, '"inputHash": "…"');
    }
  };
  walk(dir);
  return out;
}

describe('taxonomy generate: the memo', () => {
  it('writes the same files with no memo, a cold memo and a warm one', async () => {
    const none = project('taxonomy-memo-');
    const memo = project('taxonomy-memo-');
    const r1 = await run(['generate', '--no-cache'], none);
    const r2 = await run(['generate'], memo);
    expect(r1.code, r1.err).toBe(0);
    expect(r2.code, r2.err).toBe(0);
    const expected = tree(none);
    expect(Object.keys(expected).length).toBeGreaterThan(20);
    expect(tree(memo)).toEqual(expected);
    expect(existsSync(join(none, '.taxonomy-cache/memo'))).toBe(false);
    expect(readdirSync(join(memo, '.taxonomy-cache/memo')).sort()).toEqual(['types.json', 'validators.json']);
    // Again, forced, with the memo the first run left: same bytes.
    const r3 = await run(['generate', '--force'], memo);
    expect(r3.code, r3.err).toBe(0);
    expect(tree(memo)).toEqual(expected);
  });

  it('a memo file that is garbage is ignored, not trusted', async () => {
    const dir = project('taxonomy-memo-');
    expect((await run(['generate'], dir)).code).toBe(0);
    const expected = tree(dir);
    const memoDir = join(dir, '.taxonomy-cache/memo');
    for (const f of readdirSync(memoDir)) writeFileSync(join(memoDir, f), '{ not json');
    expect((await run(['generate', '--force'], dir)).code).toBe(0);
    expect(tree(dir)).toEqual(expected);
  });

  it('a memo entry damaged in place (valid JSON, wrong text) is recomputed, not written into the output', async () => {
    const dir = project('taxonomy-memo-');
    expect((await run(['generate'], dir)).code).toBe(0);
    const expected = tree(dir);
    const memoDir = join(dir, '.taxonomy-cache/memo');
    for (const f of readdirSync(memoDir)) {
      const json = JSON.parse(readFileSync(join(memoDir, f), 'utf8')) as { version: number; entries: Record<string, string> };
      for (const k of Object.keys(json.entries)) json.entries[k] = json.entries[k]!.replace(/[a-z]/, 'Z');
      writeFileSync(join(memoDir, f), JSON.stringify(json));
    }
    expect((await run(['generate', '--force'], dir)).code).toBe(0);
    expect(tree(dir)).toEqual(expected);
  });

  it('--check with and without the memo finds the same drift', async () => {
    const dir = project('taxonomy-memo-');
    expect((await run(['generate'], dir)).code).toBe(0);
    const f = join(dir, 'packages/schemas/schemas/workbench.draft_created.v1.json');
    writeFileSync(f, readFileSync(f, 'utf8').replace('chat', 'email'));
    const a = await run(['generate', '--check', '--no-cache'], dir);
    const b = await run(['generate', '--check'], dir);
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    expect(b.err).toBe(a.err);
    expect(a.err).toMatch(/workbench\.draft_created\.v1\.json/);
  });

  it('refuses --jobs, which is gone (exit 2)', async () => {
    const r = await run(['generate', '--jobs', '2'], project('taxonomy-memo-'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/jobs/);
  });
});
