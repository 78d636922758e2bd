// `taxonomy govern` end to end on temporary git repositories: commit a base, change the
// working tree, run the command in-process, read its outputs. Real git, no mocks.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '@taxonomy/cli';

const template = join(import.meta.dirname, '../../governance/test/scenarios/_template');
const repoRoot = join(import.meta.dirname, '../../..');
const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd };
  const code = await main(args, io);
  return { code, out, err };
}

/** A git repository whose first commit holds the template taxonomy (and, optionally, its generated output). */
async function repo(opts: { generate?: boolean } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'taxonomy-govern-'));
  git(dir, 'init', '-q', '-b', 'main');
  cpSync(template, join(dir, 'taxonomy'), { recursive: true });
  writeFileSync(join(dir, '.gitignore'), '.taxonomy-cache/\n');
  if (opts.generate) expect((await run(['generate'], dir)).code).toBe(0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

const shop = (dir: string) => join(dir, 'taxonomy/domains/shop.yaml');
const edit = (dir: string, from: string, to: string) => {
  const text = readFileSync(shop(dir), 'utf8');
  if (!text.includes(from)) throw new Error(`fixture lacks ${from}`);
  writeFileSync(shop(dir), text.replace(from, to));
};
function changeset(dir: string, bump: string): void {
  mkdirSync(join(dir, '.changeset'), { recursive: true });
  writeFileSync(join(dir, '.changeset', 'pr.md'), `---\n"@shop/schemas": ${bump}\n"@shop/tracker": ${bump}\n---\n\nChange.\n`);
}
const BREAK = ['enum: [card, paypal]', 'enum: [card]'] as const;

describe('taxonomy govern', () => {
  it('existing debt does not block (exit 0, listed apart); --all blocks on it; a new problem blocks alone', async () => {
    const dir = await repo();
    const PII = "        description: How the order was paid.\n        privacy: internal\n";
    edit(dir, PII, PII + "      payer_email: { type: string, format: email, required: false, description: Who paid., privacy: pii, data_review: 'https://reviews.example.com/DR-1' }\n");
    git(dir, 'commit', '-qam', 'debt on the base');
    const clean = await run(['govern', '--base', 'HEAD', '--no-drift', '--today', '2025-06-15'], dir);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/existing at the base \(debt[^\n]*: 1\ntaxonomy\/domains\/shop\.yaml:\d+:\d+ privacy\/no-pii error property 'payer_email'/);
    expect(clean.out).toMatch(/✓ 0 errors, 0 warnings introduced by this change; 1 existing at the base/);
    expect((await run(['govern', '--base', 'HEAD', '--no-drift', '--all', '--today', '2025-06-15'], dir)).code).toBe(1);
    // A change that switches the privacy rules off is judged with the base's levels.
    writeFileSync(join(dir, 'taxonomy/taxonomy.yaml'), readFileSync(join(dir, 'taxonomy/taxonomy.yaml'), 'utf8') + 'rules:\n  privacy/*: off\n');
    const relaxed = await run(['govern', '--base', 'HEAD', '--no-drift', '--format', 'json', '--today', '2025-06-15'], dir);
    expect(relaxed.code).toBe(1);
    const j = JSON.parse(relaxed.out);
    expect(j.findings.filter((f: { introduced: boolean }) => f.introduced).map((f: { id: string }) => f.id)).toEqual(['governance/policy-changed']);
    expect(j.findings.find((f: { id: string }) => f.id === 'governance/policy-changed').message).toContain('rules.privacy/*: (default) → "off"');
    expect(j.findings.find((f: { id: string }) => f.id === 'privacy/no-pii').introduced).toBe(false);
  });

  it('blocks a breaking change without a version bump or changeset: exit 1, file:line rule-id severity message and fix', async () => {
    const dir = await repo();
    edit(dir, ...BREAK);
    const r = await run(['govern', '--base', 'HEAD', '--no-drift', '--today', '2025-06-15'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^taxonomy\/domains\/shop\.yaml:\d+:\d+ compat\/version-bump error breaking change to 'checkout_completed' without a version bump: property 'payment_method' no longer allows "paypal"\n {2}→ set version: 2/m);
    expect(r.out).toMatch(/compat\/changeset error this change is a breaking change/);
    expect(r.out).toMatch(/required bump: major\)\n$/);
  });

  it('lets a compliant change through (exit 0), and writes the JSON, GitHub and Markdown outputs', async () => {
    const dir = await repo();
    edit(dir, ...BREAK);
    edit(dir, '    description: An order was paid.\n', '    description: An order was paid by card.\n    version: 2\n    changelog:\n      - { version: 2, change: PayPal is no longer offered. }\n');
    changeset(dir, 'major');
    const summary = join(dir, 'out/pr.md');
    const json = await run(['govern', '--base', 'HEAD', '--no-drift', '--format', 'json', '--summary', 'out/pr.md'], dir);
    expect(json.code).toBe(0);
    const j = JSON.parse(json.out);
    expect(j.ok).toBe(true);
    expect(j.release.bump).toBe('major');
    expect(j.changes.map((c: { kind: string }) => c.kind)).toContain('enum-value-removed');
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('<!-- taxonomy-govern -->');
    expect(md).toContain('#### Breaking');
    expect(md).toContain('| `checkout_completed` | breaking | `revenue` | `checkout_funnel` | `checkout` (Revenue) |');
    const gh = await run(['govern', '--base', 'HEAD', '--no-drift', '--format', 'github'], dir);
    expect(gh.code).toBe(0);
    expect(gh.out).toMatch(/^::notice file=taxonomy\/domains\/shop\.yaml,line=\d+,col=\d+,title=impact\/affected::/m);
  });

  it('only changesets added by the change count: one already on the base does not satisfy it', async () => {
    const dir = await repo();
    changeset(dir, 'major');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'pending release');
    edit(dir, '    description: A shopper opened a product page.', '    description: A shopper opened a product detail page.');
    const r = await run(['govern', '--base', 'HEAD', '--no-drift'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/compat\/changeset error this change is a patch \(words and metadata only\) .* needs a patch bump, but the changesets give @shop\/schemas \(none\)/);
  });

  it('compares with the merge base: commits that landed on the base branch later are not this change', async () => {
    const dir = await repo();
    git(dir, 'checkout', '-q', '-b', 'feature');
    edit(dir, '    description: A shopper opened a product page.', '    description: A shopper opened a product detail page.');
    changeset(dir, 'patch');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'feature');
    // Meanwhile main gains a new event.
    git(dir, 'checkout', '-q', 'main');
    edit(dir, 'events:\n', 'events:\n  cart_viewed:\n    description: Cart opened.\n    trigger: Drawer opened.\n    category: checkout\n    properties:\n      item_count: { type: integer, required: true, description: Items., privacy: internal }\n');
    git(dir, 'commit', '-q', '-am', 'main moves on');
    git(dir, 'checkout', '-q', 'feature');
    const merged = await run(['govern', '--base', 'main', '--no-drift', '--format', 'json'], dir);
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.out).changes.map((c: { kind: string; event: string }) => `${c.kind} ${c.event}`)).toEqual(['event-text product_viewed']);
    // Against the tip, main's new event looks removed by this branch.
    const tip = await run(['govern', '--base', 'main', '--no-drift', '--no-merge-base', '--format', 'json'], dir);
    expect(JSON.parse(tip.out).changes.map((c: { kind: string }) => c.kind)).toContain('event-removed');
  });

  it('names the generated files that drift, and passes once they are regenerated', async () => {
    const dir = await repo({ generate: true });
    edit(dir, 'enum: [card, paypal]', 'enum: [card, paypal, gift_card]');
    edit(dir, '    description: An order was paid.', '    description: An order was paid (gift cards too).');
    changeset(dir, 'minor');
    const stale = await run(['govern', '--base', 'HEAD', '--format', 'json'], dir);
    const drift = JSON.parse(stale.out).findings.filter((f: { id: string }) => f.id === 'drift/generated' || f.id === 'doc/generated-docs');
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.map((f: { message: string }) => f.message).join('\n')).toMatch(/packages\/schemas\/\S+checkout_completed\S* \(out of date\)/);
    expect(stale.code).toBe(1);
    expect((await run(['generate'], dir)).code).toBe(0);
    const fresh = await run(['govern', '--base', 'HEAD'], dir);
    expect(fresh.out).not.toMatch(/drift\/generated|doc\/generated-docs/);
    expect(fresh.code).toBe(0);
  });

  it('a base ref missing from a shallow clone is a usage error that says how to fetch it', async () => {
    const dir = await repo();
    edit(dir, '    description: A shopper opened a product page.', '    description: A shopper opened a product page!');
    git(dir, 'commit', '-q', '-am', 'second');
    git(dir, 'branch', 'release');
    const clone = mkdtempSync(join(tmpdir(), 'taxonomy-shallow-'));
    git(clone, 'clone', '-q', '--depth', '1', '--branch', 'main', `file://${dir}`, 'c');
    const cwd = join(clone, 'c');
    const parent = await run(['govern', '--base', 'HEAD~1', '--no-drift'], cwd);
    expect(parent.code).toBe(2);
    expect(parent.err).toContain("base ref 'HEAD~1' is not in this clone (it is a shallow clone)");
    expect(parent.err).toContain('fetch-depth: 0');
    const branch = await run(['govern', '--base', 'origin/release', '--no-drift'], cwd);
    expect(branch.code).toBe(2);
    expect(branch.err).toContain('git fetch --depth=50 origin release:refs/remotes/origin/release');
    expect(branch.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('one slip does not cascade: the load errors, one line naming the rules that could not run, no generator text, no drift', async () => {
    const dir = await repo({ generate: true });
    edit(dir, '    trigger: The checkout page finished', '   trigger: The checkout page finished');
    const r = await run(['govern', '--base', 'HEAD'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('[yaml/syntax]');
    // The metrics that name the unparsable file's events are not reported as unknown references.
    expect(r.out).not.toContain('ref/unknown-event');
    expect(r.out).toMatch(/reference errors? \(ref\/unknown-\*\) not shown/);
    const lines = r.out.split('\n').filter((l) => l.includes('could not run'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('drift/generated');
    expect(lines[0]).toMatch(/compat\/ \([^)]*version-bump/);
    expect(r.out + r.err).not.toMatch(/generator \w+ (failed|could not run)|Cannot read|npm run generate/);
    const json = JSON.parse((await run(['govern', '--base', 'HEAD', '--format', 'json'], dir)).out);
    expect(json.findings.every((f: { id: string }) => f.id === 'schema/error')).toBe(true);
  });

  it('a head taxonomy that does not load at all: its errors and one line naming every rule that could not run', async () => {
    const dir = await repo();
    writeFileSync(join(dir, 'taxonomy/taxonomy.yaml'), 'name: [unclosed\n');
    const r = await run(['govern', '--base', 'HEAD'], dir);
    expect(r.code).toBe(1);
    const line = r.err.split('\n').filter((l) => l.includes('could not run'));
    expect(line).toHaveLength(1);
    expect(line[0]).toContain('privacy/');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('bad input: a base ref that does not exist is a usage error; a base that does not load blocks (governance/base-invalid); an impossible waiver date is an error', async () => {
    const dir = await repo();
    const missing = await run(['govern', '--base', 'no-such-branch', '--no-drift'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("base ref 'no-such-branch' is not in this clone");
    expect(missing.err).not.toMatch(/\n\s+at /);

    edit(dir, '    trigger: The checkout page finished', '   trigger: The checkout page finished');
    git(dir, 'commit', '-qam', 'a slip lands on main');
    edit(dir, '   trigger: The checkout page finished', '    trigger: The checkout page finished');
    const broken = await run(['govern', '--base', 'HEAD', '--no-drift'], dir);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('governance/base-invalid');
    expect(broken.out).toContain('the taxonomy at the base does not load');
    expect(broken.out).toContain('--base <commit>');

    git(dir, 'commit', '-qam', 'fixed');
    edit(dir, '      coupon:\n', '      coupon_email:\n        type: string\n        required: false\n        description: Who.\n        privacy: pii\n        waiver: { reason: Support, approver: privacy-team, expires: 2099-02-30 }\n      coupon:\n');
    const waiver = await run(['govern', '--base', 'HEAD', '--no-drift'], dir);
    expect(waiver.code).toBe(1);
    expect(waiver.out).toContain("waiver of 'coupon_email' expires on '2099-02-30', which is not a calendar date [waiver/invalid-date]");
  });

  it('usage errors: no --base, a bad --format, a bad --today, outside a git repository', async () => {
    const dir = await repo();
    expect((await run(['govern', '--no-drift'], dir)).err).toContain('govern needs --base');
    expect((await run(['govern', '--base', 'HEAD', '--format', 'xml'], dir)).code).toBe(2);
    expect((await run(['govern', '--base', 'HEAD', '--today', '2025-02-30'], dir)).err).toContain('--today must be a date');
    const option = await run(['govern', '--base=--upload-pack=touch /tmp/x', '--no-drift'], dir);
    expect(option.code).toBe(2);
    expect(option.err).toContain('is not a git ref');
    const plain = mkdtempSync(join(tmpdir(), 'taxonomy-nogit-'));
    cpSync(template, join(plain, 'taxonomy'), { recursive: true });
    const r = await run(['govern', '--base', 'main', '--no-drift'], plain);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is not inside a git repository');
  });

  it('a taxonomy that did not exist at the base is all new: every event must be documented', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taxonomy-new-'));
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README.md'), 'x\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'empty');
    cpSync(template, join(dir, 'taxonomy'), { recursive: true });
    edit(dir, '    trigger: The product page rendered.\n', '');
    const r = await run(['govern', '--base', 'HEAD', '--no-drift', '--format', 'json'], dir);
    const j = JSON.parse(r.out);
    expect(j.changes.filter((c: { kind: string }) => c.kind === 'event-added').length).toBe(4);
    expect(j.findings.map((f: { id: string }) => f.id)).toContain('doc/trigger');
  });

  it.skipIf(!existsSync(join(repoRoot, '.git')))('runs in this repository: taxonomy govern --base HEAD~1 (findings allowed, no usage error)', async () => {
    let parent = true;
    try { git(repoRoot, 'rev-parse', '--verify', '-q', 'HEAD~1'); } catch { parent = false; }
    if (!parent) return;
    const r = await run(['govern', '--base', 'HEAD~1', '--format', 'json'], repoRoot);
    expect(r.err).toBe('');
    expect([0, 1]).toContain(r.code);
    const j = JSON.parse(r.out);
    expect(j.findings.some((f: { id: string; message: string }) => f.id === 'privacy/no-pii' && f.message.includes('user_info.email'))).toBe(true);
  });
});
