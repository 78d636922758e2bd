import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main, type Io } from '@taxonomy/cli';

function run(args: string[], cwd = join(import.meta.dirname, '../../core/test/fixtures')) {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd };
  return main(args, io).then((code) => ({ code, out, err }));
}

describe('taxonomy check', () => {
  it('exits 0 on a clean taxonomy and prints a summary', async () => {
    const r = await run(['check', '00-clean/taxonomy']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ taxonomy is clean: 1 events in 1 domains, 0 metrics/);
  });

  it('exits 1 on findings and prints file:line:col with the fix', async () => {
    const r = await run(['check', 'taxonomy'], join(import.meta.dirname, '../../core/test/fixtures/01-unknown-ref'));
    expect(r.code).toBe(1);
    expect(r.err).toContain("taxonomy/domains/workbench.yaml:7:24 error unknown property ref 'draft_idd' (did you mean 'draft_id'?)");
    expect(r.err).toContain('→ define');
  });

  it('exits 0 with warnings, and 1 with --strict', async () => {
    const plain = await run(['check', '20-warning-only/taxonomy']);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/warning event 'team_invite_sent' has no category/);
    expect((await run(['check', '--strict', '20-warning-only/taxonomy'])).code).toBe(1);
    expect((await run(['check', '--strict', '00-clean/taxonomy'])).code).toBe(0);
  });

  it('prints machine-readable JSON with --format json', async () => {
    const r = await run(['check', '12-deprecated/taxonomy', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.ok).toBe(false);
    expect(json.errors).toBe(2);
    expect(json.diagnostics[0]).toMatchObject({ code: 'event/deprecated-without-replacement', severity: 'error', location: { file: '12-deprecated/taxonomy/domains/a.yaml', line: 5, column: 13 } });
  });

  it.each([
    [['check', 'no/such/dir'], /taxonomy folder 'no\/such\/dir' does not exist/],
    [['check', '--format', 'xml', '00-clean/taxonomy'], /--format must be human or json/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['check', 'a', 'b'], /check takes one folder/],
  ])('exits 2 on usage or I/O errors: %j', async (args, pattern) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err + r.out).toMatch(pattern);
    expect(r.err + r.out).not.toMatch(/at .*\.js:\d+/); // no stack traces
  });

  it('prints help and version', async () => {
    expect((await run(['--help'])).out).toMatch(/Commands:\n(?: {2}\S.*\n)*? {2}check {2,}validate/);
    expect((await run(['check', '--help'])).out).toMatch(/Exit codes: 0 clean/);
    expect((await run(['--version'])).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
