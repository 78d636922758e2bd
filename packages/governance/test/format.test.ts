// Outputs: human text, JSON, GitHub annotations and the Markdown PR summary (a golden
// file produced by the code and reviewed: test/golden/summary.md).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatGithub, formatHuman, formatJson, formatSummary, SUMMARY_MARKER, type GovernanceReport } from '@taxonomy/governance';
import { loadScenario } from './scenario.js';
import { expectGolden } from '../../../test/golden.js';

const sample = loadScenario('sample', join(import.meta.dirname, 'golden/sample')).run();

const report = (findings: GovernanceReport['findings']): GovernanceReport => ({
  findings, diff: { changes: [], events: [], bump: 'none' }, impact: [], notes: [],
  counts: { error: findings.filter((f) => f.level === 'error').length, warn: findings.filter((f) => f.level === 'warn').length, info: findings.filter((f) => f.level === 'info').length },
  release: { bump: 'none', packages: [] },
});

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
