// The seed taxonomy (taxonomy/) as head and base: what governance reports on it without
// any change. Seed 004 stores emails and real names classified pii without waivers, and
// seed 003 files team_invite_* under no category; both must be reported, and nothing else
// from the privacy heuristic may fire on properties that are correctly classified.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { govern } from '@taxonomy/governance';

const repo = join(import.meta.dirname, '../../..');
const loaded = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo });
const model = loaded.model as TaxonomyModel;
const report = govern(model, model, { today: '2026-01-15', diagnostics: loaded.diagnostics, baseDiagnostics: loaded.diagnostics });
const ids = (id: string) => report.findings.filter((f) => f.id === id);

describe('governance on the seed taxonomy (no change)', () => {
  it('reports the seed 004 emails and real names: pii without a waiver is refused', () => {
    const slackbot = ids('privacy/no-pii').filter((f) => f.location?.file === 'taxonomy/domains/slackbot.yaml').map((f) => f.message.match(/property '([^']+)'/)![1]).sort();
    // If the seed gains waivers, these move to privacy/waiver-* and this list must be updated with them.
    const waived = model.events.filter((e) => e.domain === 'slackbot').some((e) => JSON.stringify(e.properties).includes('"waiver"'));
    if (!waived) expect(slackbot).toEqual(['metadata.invited_email', 'metadata.user_email', 'metadata.user_info.email', 'metadata.user_info.real_name']);
    const names = ids('privacy/no-pii').find((f) => f.message.includes('user_info.real_name'))!;
    expect(names.message).toContain('new_conversation');
    expect(names.level).toBe('error');
  });

  it("reports seed 003's uncategorised team_invite_* events", () => {
    const uncategorised = model.events.filter((e) => !e.category).map((e) => e.name);
    const reported = ids('doc/category').filter((f) => f.message.includes('has no category')).map((f) => f.message.match(/event '([^']+)'/)![1]).sort();
    expect(reported).toEqual(uncategorised.sort());
    if (uncategorised.length) expect(reported).toEqual(['team_invite_accepted', 'team_invite_sent']);
  });

  it("reports seed 003's full email on the PostHog person ($set_once), which PostHog does not accept once waived", () => {
    expect(ids('privacy/no-pii').some((f) => f.message.includes("'$set_once.email' of signup"))).toBe(true);
  });

  it('the heuristic does not flag correctly classified seed properties (email_domain, tokens_used, message_length, channel_name …)', () => {
    const flagged = ids('privacy/looks-like-pii').map((f) => f.message.match(/property '([^']+)'/)![1]);
    expect(flagged.filter((p) => /email_domain|tokens|message_length|channel_name|organization_name|query_length/.test(p))).toEqual([]);
  });

  it('a metrics destination receives only labels: ids in the operations payload are not destination findings', () => {
    expect(ids('privacy/destination').filter((f) => f.message.includes('prometheus'))).toEqual([]);
  });

  it('no change, no change findings', () => {
    expect(report.diff.changes).toEqual([]);
    expect(report.findings.filter((f) => /^(compat|impact|governance)\//.test(f.id))).toEqual([]);
  });

  it('govern --base HEAD on this repository: every finding is existing debt, so the gate passes (issue 19)', () => {
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.filter((f) => f.introduced)).toEqual([]);
    expect(report.counts.error).toBe(0);
    expect(report.debt.error).toBe(report.findings.filter((f) => f.level === 'error').length);
  });
});
