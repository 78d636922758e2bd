// Outputs: human text, JSON, GitHub annotations and the Markdown PR summary (a golden
// file produced by the code and reviewed: test/golden/summary.md).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatGithub, formatHuman, formatJson, formatSummary, SUMMARY_MARKER, type GovernanceReport } from '@taxonomy/governance';
import { loadScenario } from './scenario.js';
import { expectGolden } from '../../../test/golden.js';

const sample = loadScenario('sample', join(import.meta.dirname, 'golden/sample')).run();

type Plain = Omit<GovernanceReport['findings'][number], 'introduced'> & { introduced?: boolean };
const report = (plain: readonly Plain[]): GovernanceReport => {
  const findings = plain.map((f) => ({ introduced: true, ...f }));
  const n = (intro: boolean, level: string) => findings.filter((f) => f.introduced === intro && f.level === level).length;
  return {
  findings, diff: { changes: [], events: [], bump: 'none' }, impact: [], notes: [], all: false, lifecycle: [],
  counts: { error: n(true, 'error'), warn: n(true, 'warn'), info: n(true, 'info') },
  debt: { error: n(false, 'error'), warn: n(false, 'warn'), info: n(false, 'info') },
  release: { bump: 'none', packages: [] },
  };
};

describe('human', () => {
  it('prints file:line:col rule-id severity message, the fix indented, then the counts', () => {
    const out = formatHuman(sample);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\.changeset\/gift-wrap\.md:2:1 compat\/changeset error this change is a breaking change/);
    expect(lines[1]).toMatch(/^ {2}→ /);
    expect(lines[lines.length - 1]).toBe('✗ 2 errors, 0 warnings, 3 notes (changes: 1 breaking, 1 additive, 3 patch; required bump: major)');
  });
});

describe('json', () => {
  it('is parseable and carries findings, changes, release and impact', () => {
    const j = JSON.parse(formatJson(sample));
    expect(j.ok).toBe(false);
    expect(j.release).toEqual({ bump: 'major', packages: ['@shop/schemas', '@shop/tracker'] });
    expect(j.findings.map((f: { id: string }) => f.id).sort()).toEqual(['compat/changeset', 'compat/version-bump', 'impact/affected', 'impact/affected', 'impact/affected']);
    expect(j.impact.map((i: { event: string }) => i.event)).toEqual(['checkout_completed', 'checkout_started', 'product_viewed']);
  });
});

describe('github', () => {
  it('writes one annotation per finding with the right command', () => {
    const lines = formatGithub(sample).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(2);
    expect(lines.filter((l) => l.startsWith('::notice ')).length).toBe(3);
    expect(lines[0]).toMatch(/^::error file=\.changeset\/gift-wrap\.md,line=2,col=1,title=compat\/changeset::this change is a breaking change/);
    expect(lines[lines.length - 1]).toContain('required bump: major');
  });

  it('escapes %, CR, LF in data and also : and , in properties', () => {
    const out = formatGithub(report([{ id: 'x/y', level: 'warn', message: '100% a,b\r\nc', location: { file: 'a,b:c.yaml', line: 3, column: 1 }, fix: 'do: this' }]));
    expect(out.split('\n')[0]).toBe('::warning file=a%2Cb%3Ac.yaml,line=3,col=1,title=x/y::100%25 a,b%0D%0Ac%0A→ do: this');
  });
});

describe('summary', () => {
  it('matches the reviewed golden file (UPDATE_GOLDEN=1 to rewrite)', () => {
    const md = formatSummary(sample, { base: 'origin/main (0123456789ab)' });
    const file = join(import.meta.dirname, 'golden/summary.md');
    expectGolden(file, md);
  });

  it('starts with the marker the workflow uses to update its one comment', () => {
    expect(formatSummary(sample).startsWith(SUMMARY_MARKER + '\n')).toBe(true);
  });

  it('escapes HTML and table pipes that come from the taxonomy (a pull request writes them)', () => {
    const md = formatSummary(report([{ id: 'privacy/waiver-expired', level: 'error', message: 'x <img src=x onerror=alert(1)> | y', fix: 'ask <script>alert(1)</script> & co' }]));
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt; \\| y');
    expect(md).toContain('&lt;script&gt;');
  });

  it('renders a fix of several lines (a changeset to add) as a block to copy', () => {
    const md = formatSummary(report([{ id: 'compat/changeset', level: 'error', message: 'm', fix: 'add .changeset/<name>.md:\n---\n"@a/b": major\n---' }]));
    expect(md).toContain('→ add .changeset/&lt;name&gt;.md:\n\n  ```\n  ---\n  "@a/b": major\n  ---\n  ```\n');
  });

  it('says so when nothing changed and nothing was found', () => {
    const md = formatSummary(report([]));
    expect(md).toContain('No changes to events or metrics.');
    expect(md).toContain('None: the change follows every rule.');
    expect(md).toContain('no taxonomy change, no release needed');
  });
});

describe('introduced and existing findings', () => {
  const mixed = report([
    { id: 'privacy/no-pii', level: 'error', message: 'old email', location: { file: 'taxonomy/domains/a.yaml', line: 3, column: 1 }, fix: 'drop it', introduced: false },
    { id: 'doc/description', level: 'error', message: 'new event without description', location: { file: 'taxonomy/domains/b.yaml', line: 9, column: 1 }, fix: 'add one' },
  ]);

  it('human: the introduced finding first, the debt in its own section, the counts say which is which', () => {
    const out = formatHuman(mixed);
    expect(out.indexOf('new event without description')).toBeLessThan(out.indexOf('existing at the base'));
    expect(out.indexOf('existing at the base')).toBeLessThan(out.indexOf('old email'));
    expect(out.trimEnd().split('\n').at(-1)).toBe('✗ 1 error, 0 warnings introduced by this change; 1 existing at the base (debt, not blocking) (changes: 0 breaking, 0 additive, 0 patch; no release needed)');
  });

  it('json: introduced true|false on every finding, debt counted apart', () => {
    const j = JSON.parse(formatJson(mixed));
    expect(j.findings.map((f: { introduced: boolean }) => f.introduced)).toEqual([false, true]);
    expect(j.counts.error).toBe(1);
    expect(j.debt.error).toBe(1);
  });

  it('github: annotations for introduced findings only', () => {
    const out = formatGithub(mixed);
    expect(out).toContain('new event without description');
    expect(out).not.toContain('old email');
  });

  it('summary: introduced first, the debt collapsed with its count', () => {
    const md = formatSummary(mixed);
    expect(md.indexOf('new event without description')).toBeLessThan(md.indexOf('<details><summary>Existing at the base (debt, not blocking): 1</summary>'));
    expect(md.indexOf('<details>')).toBeLessThan(md.indexOf('old email'));
  });

  it('--all: every finding blocks, nothing is debt', () => {
    const all = { ...mixed, all: true, counts: { error: 2, warn: 0, info: 0 }, debt: { error: 0, warn: 0, info: 0 } };
    expect(formatGithub(all)).toContain('old email');
    expect(formatHuman(all)).not.toContain('existing at the base');
  });
});

describe('lifecycle in the summary and JSON', () => {
  it('shows the expiry and the contacts of the events a change touches (scenario 70: an expired event is edited)', () => {
    const r = loadScenario('70-lifecycle-expired-touched-is-owned').run();
    expect(r.lifecycle).toEqual([{ event: 'product_viewed', owner: 'growth', contacts: ['catalog@example.com'], expires: '2025-01-31', state: 'expired' }]);
    const md = formatSummary(r);
    expect(md).toContain('| `product_viewed` | 2025-01-31 ⛔ expired | catalog@example.com |');
    expect(JSON.parse(formatJson(r)).lifecycle[0].state).toBe('expired');
  });
  it('setting only an expiry date changes no event data, so no event is listed (scenario 71; lifecycle/expiring still warns)', () => {
    const r = loadScenario('71-lifecycle-expiring-warns').run();
    expect(formatSummary(r)).not.toContain('Lifecycle and contacts');
    expect(r.findings.map((f) => f.id)).toContain('lifecycle/expiring');
  });
});
