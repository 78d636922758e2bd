import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { main, type Io } from '@taxonomy/cli';
import { project } from './cli-run.js';

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
    const dir = project('taxonomy-check-');
    const domain = join(dir, 'taxonomy/domains/workbench.yaml');
    // A domain property shadowing a shared one: a loader warning, no governance rule.
    writeFileSync(domain, readFileSync(domain, 'utf8').replace('events:\n', 'properties:\n  draft_id: { type: string, description: Local id., privacy: internal }\nevents:\n'));
    const plain = await run(['check', 'taxonomy'], dir);
    expect(plain.err).toBe('');
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/warning domain property 'draft_id' shadows the shared property/);
    expect((await run(['check', '--strict', 'taxonomy'], dir)).code).toBe(1);
    expect((await run(['check', '--strict', '00-clean/taxonomy'])).code).toBe(0);
  });

  it('runs the rules that need no base, with the ids and levels govern uses (issue 16: check tells the truth)', async () => {
    // 20-warning-only: an event with no category, trigger, owner or destination. The loader
    // only warned; the whole-tree rules say what govern says.
    const r = await run(['check', '20-warning-only/taxonomy', '--format', 'json']);
    expect(r.code).toBe(1);
    const codes = JSON.parse(r.out).diagnostics.map((d: { code: string; severity: string }) => `${d.code} ${d.severity}`);
    expect([...codes].sort()).toEqual(['doc/category error', 'doc/owner error', 'doc/trigger error', 'routing/no-destination error']);
    // The same tree as govern's head: identical ids and levels.
    const dir = project('taxonomy-check-');
    const yaml = join(dir, 'taxonomy/taxonomy.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('default_destinations: [warehouse]\n', '') + 'rules:\n  doc/*: warn\n');
    const levels = await run(['check', 'taxonomy', '--format', 'json'], dir);
    expect(JSON.parse(levels.out).diagnostics.map((d: { code: string; severity: string }) => `${d.code} ${d.severity}`)).toEqual(['routing/no-destination error']);
    expect(levels.code).toBe(1);
  });

  it('an unwaived pii property fails check (it used to pass check and only fail govern)', async () => {
    const dir = project('taxonomy-check-');
    const privacy = join(dir, 'taxonomy/privacy.yaml');
    writeFileSync(privacy, readFileSync(privacy, 'utf8') + '  pii:\n    description: Personal data.\n    sensitivity: 3\n    allowed_in_events: false\n');
    const domain = join(dir, 'taxonomy/domains/workbench.yaml');
    writeFileSync(domain, readFileSync(domain, 'utf8') + '      email: { type: string, format: email, description: Who., privacy: pii }\n');
    const r = await run(['check', 'taxonomy', '--today', '2025-06-15'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/taxonomy\/domains\/workbench\.yaml:\d+:\d+ error property 'email' of workbench\.draft_created is pii data, which is refused in events without a waiver \[privacy\/no-pii\]/);
  });

  it('prints machine-readable JSON with --format json', async () => {
    const r = await run(['check', '12-deprecated/taxonomy', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.ok).toBe(false);
    expect(json.errors).toBe(14);
    expect(json.diagnostics.find((d: { code: string }) => d.code.startsWith('event/'))).toMatchObject({ code: 'event/deprecated-without-replacement', severity: 'error', location: { file: '12-deprecated/taxonomy/domains/a.yaml', line: 5, column: 13 } });
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
